'use strict';
// The Bedrock emulator app (apps/bedrock-emulator, its tsc build in dist-emulator/) in its own process, driven by the
// runner over IPC: {type:'configure', behaviour}, {type:'clear'}, {type:'stats'}.
//
// Stamping (for the streaming lag): with `stamp: true` every ConverseStream text delta is
// replaced, at the moment its frame is encoded and written, by `|s<t>|` where t is the send time
// in microseconds since BENCH_EPOCH_MS, base 36. The client subtracts it from its receive time.
// The hook wraps the wire module's `eventFrame`, which the emulator's handler calls right
// before `res.write`; everything else (routing, auth check, pacing, framing) is the emulator's.
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');

const appDir = process.env.BENCH_APP_DIR;
const epochMs = Number(process.env.BENCH_EPOCH_MS);
const emulatorDir = join(appDir, 'dist-emulator/apps/bedrock-emulator');
const wire = require(join(emulatorDir, 'bedrock-emulator.wire.js'));
const { startBedrockEmulator } = require(join(emulatorDir, 'bedrock-emulator.js'));

let stamping = false;
let stamped = 0;
const originalEventFrame = wire.eventFrame;
wire.eventFrame = function eventFrame(type, payload) {
  if (stamping && type === 'contentBlockDelta' && payload && payload.delta) {
    const micros = Math.round((performance.timeOrigin + performance.now() - epochMs) * 1000);
    stamped += 1;
    payload = { ...payload, delta: { ...payload.delta, text: `|s${micros.toString(36)}|` } };
  }
  return originalEventFrame(type, payload);
};

async function main() {
  const emulator = await startBedrockEmulator({ host: '127.0.0.1', port: 0 });
  const reply = (chars) => (chars ? () => 'x'.repeat(chars) : undefined);
  process.on('message', (message) => {
    if (message.type === 'configure') {
      const { stamp, replyChars, ...behaviour } = message.behaviour;
      stamping = Boolean(stamp);
      const custom = reply(replyChars);
      emulator.reset();
      emulator.configure(custom ? { ...behaviour, reply: custom } : behaviour);
      process.send({ id: message.id, ok: true });
    } else if (message.type === 'clear') {
      emulator.requests.length = 0;
      stamped = 0;
      process.send({ id: message.id, ok: true });
    } else if (message.type === 'stats') {
      const requests = emulator.requests;
      process.send({
        id: message.id,
        ok: true,
        requests: requests.length,
        finished: requests.filter((r) => r.finished).length,
        clientClosed: requests.filter((r) => r.clientClosed).length,
        stamped,
        cpu: process.cpuUsage(),
      });
    }
  });
  process.on('disconnect', () => emulator.close().finally(() => process.exit(0)));
  process.on('SIGTERM', () => emulator.close().finally(() => process.exit(0)));
  process.send({ type: 'ready', url: emulator.url });
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
