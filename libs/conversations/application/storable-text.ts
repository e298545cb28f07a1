/** NUL, and UTF-16 surrogates without their pair: PostgreSQL text and JSON cannot hold them. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point of this pattern
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Model output is untrusted input: what PostgreSQL cannot store becomes U+FFFD, the Unicode
 * replacement character, before the text reaches a client or a write, so both see the same text.
 */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}
