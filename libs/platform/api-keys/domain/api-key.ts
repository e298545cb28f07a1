/** Every key starts with this, so it is recognisable in configs, logs and secret scanners. */
export const API_KEY_PREFIX = 'sk-cb-';

/** The random part: 32 bytes (256 bits) as unpadded base64url, 43 characters. */
export const API_KEY_RANDOM_BYTES = 32;
export const API_KEY_PATTERN = /^sk-cb-[A-Za-z0-9_-]{43}$/;

/** Characters of a key kept to tell keys apart in listings (`sk-cb-` plus 6 random ones). */
export const API_KEY_DISPLAY_LENGTH = API_KEY_PREFIX.length + 6;

/** True for a value shaped like one of our keys (says nothing about whether it exists). */
export function isWellFormedApiKey(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}

export interface ApiKeyProps {
  id: string;
  ownerId: string;
  name: string;
  /** The key's first characters, for listings; never enough to use it. */
  prefix: string;
  /** Hash of the whole key; the key itself is never stored. */
  hash: string;
  /** The key's own request limit per minute; null: its owner's limits apply. */
  requestsPerMinute: number | null;
  /** The key's own daily token budget (UTC days); null: none beyond its owner's. */
  dailyTokenLimit: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** An API key: authenticates as its owner until revoked. */
export class ApiKey {
  private constructor(private props: ApiKeyProps) {}

  static restore(props: ApiKeyProps): ApiKey {
    return new ApiKey({ ...props });
  }

  static issue(
    props: Omit<ApiKeyProps, 'prefix' | 'lastUsedAt' | 'revokedAt'>,
    secret: string,
  ): ApiKey {
    if (!isWellFormedApiKey(secret)) throw new Error('An API key secret must match sk-cb-<43>');
    return new ApiKey({
      ...props,
      prefix: secret.slice(0, API_KEY_DISPLAY_LENGTH),
      lastUsedAt: null,
      revokedAt: null,
    });
  }

  get id(): string {
    return this.props.id;
  }

  get ownerId(): string {
    return this.props.ownerId;
  }

  get hash(): string {
    return this.props.hash;
  }

  get isRevoked(): boolean {
    return this.props.revokedAt !== null;
  }

  /** Revokes the key; revoking it again keeps the first revocation time. */
  revoke(at: Date): void {
    if (this.props.revokedAt === null) this.props = { ...this.props, revokedAt: at };
  }

  toJSON(): Readonly<ApiKeyProps> {
    return { ...this.props };
  }
}
