import { emulatorOptionsFromEnv } from './main';

describe('emulatorOptionsFromEnv', () => {
  it('defaults to 127.0.0.1:4010, no delays and no auth checks', () => {
    expect(emulatorOptionsFromEnv({})).toEqual({
      host: '127.0.0.1',
      port: 4010,
      defaults: {},
      auth: {},
    });
  });

  it('reads delays, keys to verify signatures against and an API key', () => {
    const options = emulatorOptionsFromEnv({
      EMULATOR_PORT: '4999',
      EMULATOR_CHUNK_DELAY_MS: '30',
      EMULATOR_ACCESS_KEY_ID: 'AKID',
      EMULATOR_SECRET_ACCESS_KEY: 'secret',
      EMULATOR_API_KEY: 'key',
    });
    expect(options).toMatchObject({
      port: 4999,
      defaults: { chunkDelayMs: 30 },
      auth: { credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' }, apiKey: 'key' },
    });
    expect(() => emulatorOptionsFromEnv({ EMULATOR_PORT: '-1' })).toThrow(/EMULATOR_PORT/);
  });
});
