import { createHash, timingSafeEqual } from 'node:crypto';

/** The role value that makes a JWT's holder an administrator. */
export const ADMIN_ROLE = 'admin';

/** The user id of callers authenticated with the bootstrap ADMIN_API_KEY. */
export const BOOTSTRAP_ADMIN_ID = 'bootstrap-admin';

/**
 * True when the claim at `path` (a name, or a dotted path such as `realm_access.roles`) holds
 * `admin`: as the whole string, one word of a space- or comma-separated string (as OAuth scopes
 * are written), or one element of an array.
 */
export function claimsGrantAdmin(claims: Record<string, unknown>, path: string): boolean {
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    value = (value as Record<string, unknown>)[part];
  }
  if (typeof value === 'string') return value.split(/[\s,]+/).includes(ADMIN_ROLE);
  return Array.isArray(value) && value.includes(ADMIN_ROLE);
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * The bootstrap admin key of the environment. Compared in constant time on SHA-256 digests, so
 * neither the content nor the length of the configured key leaks through response timing.
 */
export class BootstrapAdminKey {
  private readonly digest: Buffer;

  constructor(key: string) {
    this.digest = sha256(key);
  }

  matches(candidate: string): boolean {
    return timingSafeEqual(sha256(candidate), this.digest);
  }
}
