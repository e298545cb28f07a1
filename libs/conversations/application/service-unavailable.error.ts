/** Something a request needs (the turn coordination store, the database) is down for now. */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** When a retry may pass. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'ServiceUnavailableError';
  }
}
