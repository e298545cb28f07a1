import { EmbeddedPostgres } from './embedded-postgres.launcher';

export interface PreparedDatabase {
  url: string;
  /** Human description for the start-up log (never the password). */
  description: string;
  embedded?: EmbeddedPostgres;
}

/** The seed writes SQLAlchemy-style URLs (postgresql+psycopg_async://); pg wants postgres://. */
export function normaliseDatabaseUrl(url: string): string {
  return url.replace(/^postgres(ql)?\+[a-z_]+:\/\//, 'postgresql://');
}

export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

/** DATABASE_URL when set; otherwise an embedded PostgreSQL in `dataDir`. */
export async function prepareDatabase(
  env: { DATABASE_URL?: string; EMBEDDED_PG_DATA_DIR: string },
  log: (m: string) => void,
): Promise<PreparedDatabase> {
  if (env.DATABASE_URL) {
    const url = normaliseDatabaseUrl(env.DATABASE_URL);
    return { url, description: `PostgreSQL at ${describeDatabaseUrl(url)}` };
  }
  const embedded = new EmbeddedPostgres({ dataDir: env.EMBEDDED_PG_DATA_DIR, log });
  const url = await embedded.start();
  return {
    url,
    embedded,
    description: `embedded PostgreSQL (data in ${embedded.dataDir}, ${describeDatabaseUrl(url)})`,
  };
}
