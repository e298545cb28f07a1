/** The few logging calls the LLM library makes; a Nest `Logger` fits. */
export interface LlmLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Clients that hold resources (sockets) expose `close`; wrappers forward it. */
export interface ClosableLlmClient {
  close(): Promise<void>;
}

export async function closeLlmClient(client: unknown): Promise<void> {
  const closable = client as Partial<ClosableLlmClient> | null | undefined;
  if (closable && typeof closable.close === 'function') await closable.close();
}
