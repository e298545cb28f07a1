import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createAppLogger, createRootLogger, stdout } from './pino-logger';

function sink() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, destination };
}

describe('root logger', () => {
  const entry = {
    req: { headers: { authorization: 'Bearer secret', cookie: 'sid=1', 'x-api-key': 'sk-cb-x' } },
    logFields: { content: 'my medical question', model: 'm1' },
    text: 'an answer',
  };

  it('redacts credentials always and message text unless LOG_CONTENT=true', () => {
    const plain = sink();
    createRootLogger('info', { destination: plain.destination }).info(entry, 'x');
    expect(plain.lines[0]).toMatchObject({
      level: 'info',
      service: 'chat-backend',
      req: {
        headers: { authorization: '[redacted]', cookie: '[redacted]', 'x-api-key': '[redacted]' },
      },
      logFields: { content: '[redacted]', model: 'm1' },
      text: '[redacted]',
    });

    const withContent = sink();
    createRootLogger('info', { destination: withContent.destination, logContent: true }).info(
      entry,
      'x',
    );
    expect(withContent.lines[0]).toMatchObject({
      req: { headers: { authorization: '[redacted]' } },
      logFields: { content: 'my medical question' },
      text: 'an answer',
    });
  });

  it('honours the level', () => {
    const out = sink();
    const logger = createRootLogger('warn', { destination: out.destination });
    logger.info('hidden');
    logger.warn('shown');
    expect(out.lines.map((l) => l.msg)).toEqual(['shown']);
  });

  it('with LOG_DIR also writes a dated file, keeping stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logs-'));
    const stdout = sink();
    try {
      const logger = await createAppLogger({
        level: 'info',
        content: false,
        dir,
        retentionDays: 3,
        stdout: stdout.destination,
      });
      logger.info({ text: 'secret words' }, 'to both');
      // The file stream writes asynchronously: wait until the line is there.
      const fileLines = async () => {
        for (let i = 0; i < 200; i++) {
          const files = readdirSync(dir);
          const text = files.length ? readFileSync(join(dir, files[0]), 'utf8') : '';
          if (text.includes('\n')) return { files, text };
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error('no log file written');
      };
      const { files, text } = await fileLines();
      expect(files).toEqual([expect.stringMatching(/^app\.\d{4}-\d{2}-\d{2}\.1\.log$/)]);
      expect(JSON.parse(text.trim().split('\n')[0])).toMatchObject({
        msg: 'to both',
        text: '[redacted]',
      });
      expect(stdout.lines[0]).toMatchObject({ msg: 'to both', text: '[redacted]' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes stdout asynchronously unless LOG_SYNC=true', () => {
    // A synchronous write(2) per line sits on every request's path.
    expect((stdout() as unknown as { sync: boolean }).sync).toBe(false);
    expect((stdout(true) as unknown as { sync: boolean }).sync).toBe(true);
  });
});
