import bytes from 'bytes';

/** What BODY_LIMIT may look like: bytes, or a number with b, kb, mb or gb. */
export const BODY_LIMIT_PATTERN = /^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i;

/** BODY_LIMIT in bytes; null when it is not a size. */
export function parseBodyLimit(limit: string): number | null {
  if (!BODY_LIMIT_PATTERN.test(limit)) return null;
  const value = bytes.parse(limit);
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}
