import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { Socket } from 'node:net';
import { freePort } from './free-port';

/**
 * A redis-server of the test's own (Debian's package; .ci/run installs it when missing), on its
 * own loopback port, keeping nothing on disk: a test may stop it, and start it again empty,
 * without touching the machine's shared Redis.
 */
export class OwnRedisServer {
  private process?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedisServer> {
    const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
    if (found.status !== 0) {
      throw new Error('redis-server is not installed (apt-get install redis-server; .ci/run does)');
    }
    const server = new OwnRedisServer(await freePort());
    await server.up();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (empty: it keeps nothing on disk) and waits until it answers. */
  async up(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const until = Date.now() + 10000;
    while (!(await answers(this.port))) {
      if (Date.now() > until) throw new Error(`redis-server on ${this.port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Kills the server at once, as a crash would, and waits until its port is closed. */
  async down(): Promise<void> {
    const process = this.process;
    this.process = undefined;
    if (!process || process.exitCode !== null) return;
    const exited = new Promise((resolve) => process.once('exit', resolve));
    process.kill('SIGKILL');
    await exited;
  }
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.write('PING\r\n');
    });
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(port, '127.0.0.1');
  });
}
