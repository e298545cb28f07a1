import { join } from 'node:path';
import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';

/** Paths never written to logs (secrets), whatever LOG_CONTENT says. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["set-cookie"]',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'authorization',
  'cookie',
  '*.password',
  '*.secret',
  '*.apiKey',
  '*.token',
];

/**
 * Fields that carry what users wrote or the model answered. Redacted unless LOG_CONTENT=true:
 * name a log field after one of these when it holds message text.
 */
export const CONTENT_PATHS = [
  'content',
  'text',
  'prompt',
  'question',
  'answer',
  'systemPrompt',
  'messages',
  'payload',
  'body',
  'req.body',
  '*.content',
  '*.text',
  '*.prompt',
  '*.question',
  '*.answer',
  '*.systemPrompt',
  '*.messages',
  '*.payload',
  '*.body',
];

export interface RootLoggerOptions {
  /** LOG_CONTENT=true keeps message text in logs (never secrets). */
  logContent?: boolean;
  /** Where lines go; stdout when unset. Tests pass a stream they can read. */
  destination?: DestinationStream;
  /** LOG_SYNC=true: each line is written to stdout before the call returns (see stdout()). */
  sync?: boolean;
}

/**
 * Standard output for log lines. By default lines are written asynchronously (sonic-boom: lines
 * logged while a write is in flight go out together with the next one; pino writes what is left
 * synchronously on exit). Synchronous writes put a write(2) per line on the request path (~6% of
 * a turn's CPU in the benchmark's A/B) and stall the event loop on a slow pipe or disk.
 * LOG_SYNC=true trades that for never losing the last lines to a SIGKILL.
 */
export function stdout(sync = false): DestinationStream {
  return pino.destination({ dest: 1, sync });
}

export function createRootLogger(level: string, options: RootLoggerOptions = {}): Logger {
  const paths = options.logContent ? REDACTED_PATHS : [...REDACTED_PATHS, ...CONTENT_PATHS];
  const settings = {
    level,
    base: { service: 'chat-backend' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths, censor: '[redacted]' },
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return pino(settings, options.destination ?? stdout(options.sync));
}

export interface AppLoggerSettings {
  level: string;
  content: boolean;
  /** Write each stdout line before returning (LOG_SYNC). */
  sync?: boolean;
  /** With a folder, lines also go to daily files there (stdout stays). */
  dir?: string;
  retentionDays: number;
  /** Replaces stdout (tests). */
  stdout?: DestinationStream;
}

/**
 * The process' root logger: JSON to stdout, and with LOG_DIR also to `app.<yyyy-MM-dd>.<n>.log`
 * files rolled daily, the oldest removed beyond LOG_RETENTION_DAYS (pino-roll).
 */
export async function createAppLogger(settings: AppLoggerSettings): Promise<Logger> {
  if (!settings.dir)
    return createRootLogger(settings.level, {
      logContent: settings.content,
      destination: settings.stdout,
      sync: settings.sync,
    });
  const roll = (await import('pino-roll')).default;
  const file = await roll({
    file: join(settings.dir, 'app'),
    extension: '.log',
    frequency: 'daily',
    dateFormat: 'yyyy-MM-dd',
    mkdir: true,
    // Counts files of earlier runs too, so restarts do not defeat the retention.
    limit: { count: settings.retentionDays, removeOtherLogFiles: true },
  });
  // Each stream takes every line the logger lets through; the logger applies LOG_LEVEL.
  const streams = pino.multistream([
    { level: 'trace', stream: settings.stdout ?? stdout(settings.sync) },
    { level: 'trace', stream: file },
  ]);
  return createRootLogger(settings.level, { logContent: settings.content, destination: streams });
}

/** Nest's logger interface over pino, so framework and app lines share one JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, context?: string) {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string) {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string) {
    this.write('fatal', message, context);
  }

  private write(
    level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    context?: string,
  ) {
    if (typeof message === 'object' && message !== null) this.pino[level]({ context, ...message });
    else this.pino[level]({ context }, String(message));
  }
}
