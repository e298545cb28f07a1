import { randomBytes } from 'node:crypto';

/** Unguessable share tokens. */
export abstract class ShareTokens {
  abstract next(): string;
}

/** 256 random bits, base64url (43 characters): far beyond guessing or enumeration. */
export class RandomShareTokens extends ShareTokens {
  next(): string {
    return randomBytes(32).toString('base64url');
  }
}

/** The shape of every token we issue; anything else is answered 404 without a lookup. */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
