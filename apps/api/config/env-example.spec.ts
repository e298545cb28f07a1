import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { EnvironmentSchema } from './env.schema';
import { validateEnvironment } from './env.validation';

describe('configuration schema', () => {
  const example = readFileSync(join(__dirname, '../../../.env.example'), 'utf8');
  const exampleKeys = [...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]);

  it('.env.example lists exactly the variables of the schema', () => {
    const declared = getMetadataStorage()
      .getTargetValidationMetadatas(EnvironmentSchema, '', true, false)
      .map((m) => m.propertyName);
    expect([...new Set(exampleKeys)].sort()).toEqual([...new Set(declared)].sort());
  });

  it('the example file itself is a valid configuration', () => {
    const values = Object.fromEntries(
      [...example.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]),
    );
    expect(() => validateEnvironment(values)).not.toThrow();
  });

  it('stops with a message naming each bad variable', () => {
    expect(() =>
      validateEnvironment({
        PORT: 'eighty',
        BEDROCK_TEMPERATURE: '3',
        STREAM_ON_DISCONNECT: 'maybe',
      }),
    ).toThrow(/PORT=.*\n.*BEDROCK_TEMPERATURE=.*\n.*STREAM_ON_DISCONNECT=/s);
  });
});
