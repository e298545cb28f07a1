/**
 * What Bedrock checks before it looks at a request: a SigV4 signature made with known keys and
 * a clock within 5 minutes of its own, or an API key sent as `Authorization: Bearer <key>`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { EmulatorAuth } from './bedrock-emulator.types';

/** A refusal as Bedrock sends it: 403, exception type, message. */
export interface AuthRefusal {
  type: string;
  message: string;
}

const MAX_SKEW_MS = 5 * 60_000;
const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;
const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** node:crypto's SHA-256 (HMAC when given a secret) in the shape SignatureV4 takes. */
class NodeSha256 {
  private hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh() {
    if (this.secret === undefined) return createHash('sha256');
    const key =
      typeof this.secret === 'string'
        ? this.secret
        : ArrayBuffer.isView(this.secret)
          ? new Uint8Array(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength)
          : new Uint8Array(this.secret);
    return createHmac('sha256', key);
  }
}

const equal = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** `20250101T120000Z` <-> Date. */
const fromAmzDate = (value: string): Date =>
  new Date(
    `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${value.slice(9, 11)}:${value.slice(11, 13)}:${value.slice(13, 15)}Z`,
  );
const toAmzDate = (date: Date): string => date.toISOString().replace(/[-:]|\.\d{3}/g, '');

/** Bedrock's words for a request signed too far from its clock (the SDK reads them as skew). */
function skewRefusal(signedAt: Date, now: Date): AuthRefusal | undefined {
  const signed = signedAt.getTime();
  if (signed < now.getTime() - MAX_SKEW_MS) {
    const limit = toAmzDate(new Date(now.getTime() - MAX_SKEW_MS));
    return {
      type: 'InvalidSignatureException',
      message: `Signature expired: ${toAmzDate(signedAt)} is now earlier than ${limit} (${toAmzDate(now)} - 5 min.)`,
    };
  }
  if (signed > now.getTime() + MAX_SKEW_MS) {
    const limit = toAmzDate(new Date(now.getTime() + MAX_SKEW_MS));
    return {
      type: 'InvalidSignatureException',
      message: `Signature not yet current: ${toAmzDate(signedAt)} is still later than ${limit} (${toAmzDate(now)} + 5 min.)`,
    };
  }
  return undefined;
}

async function checkSigV4(
  header: string,
  request: { rawPath: string; headers: IncomingHttpHeaders; body: Buffer },
  auth: EmulatorAuth,
  now: Date,
): Promise<AuthRefusal | undefined> {
  const credentials = auth.credentials;
  if (!credentials) return undefined; // no keys configured: any signature passes
  const match = SIGV4.exec(header);
  if (!match) {
    return { type: 'IncompleteSignatureException', message: 'Authorization header is malformed.' };
  }
  const [, accessKeyId, , region, service, signedList, signature] = match;
  if (accessKeyId !== credentials.accessKeyId) {
    return { type: 'UnrecognizedClientException', message: INVALID_TOKEN };
  }
  const amzDate = request.headers['x-amz-date'];
  if (typeof amzDate !== 'string' || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    return { type: 'IncompleteSignatureException', message: 'X-Amz-Date is missing or malformed.' };
  }
  const signedAt = fromAmzDate(amzDate);
  const skew = skewRefusal(signedAt, now);
  if (skew) return skew;
  const signedHeaders = signedList.split(';');
  const headers = Object.fromEntries(
    signedHeaders.map((name) => [name, String(request.headers[name] ?? '')]),
  );
  const [hostname, port] = String(request.headers.host ?? '').split(':');
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: request.headers['x-amz-security-token'] as string | undefined,
    },
    region,
    service,
    sha256: NodeSha256,
    uriEscapePath: true,
  });
  const resigned = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname,
      port: port ? Number(port) : undefined,
      path: request.rawPath.split('?')[0],
      query: {},
      headers,
      body: new Uint8Array(request.body),
    },
    { signingDate: signedAt, signableHeaders: new Set(signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers.authorization))?.[1];
  if (!expected || !equal(expected, signature)) {
    return {
      type: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    };
  }
  return undefined;
}

/** Undefined when the request may go on; else what Bedrock answers (always 403). */
export async function checkAuthorization(
  request: { rawPath: string; headers: IncomingHttpHeaders; body: Buffer },
  auth: EmulatorAuth,
  now: Date = new Date(),
): Promise<AuthRefusal | undefined> {
  const header = request.headers.authorization;
  if (typeof header !== 'string') {
    return { type: 'UnrecognizedClientException', message: INVALID_TOKEN };
  }
  if (header.startsWith('Bearer ')) {
    const key = header.slice('Bearer '.length).trim();
    if (auth.apiKey !== undefined ? equal(key, auth.apiKey) : !auth.credentials) return undefined;
    return { type: 'UnrecognizedClientException', message: INVALID_TOKEN };
  }
  if (header.startsWith('AWS4-HMAC-SHA256')) {
    // A key-only emulator takes no signatures, as an account with only an API key.
    if (auth.apiKey !== undefined && !auth.credentials) {
      return { type: 'UnrecognizedClientException', message: INVALID_TOKEN };
    }
    return checkSigV4(header, request, auth, now);
  }
  return { type: 'IncompleteSignatureException', message: 'Authorization header is malformed.' };
}
