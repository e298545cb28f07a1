/** Paths that need no credentials and count against no limit: probes, docs, metrics. */
const OPEN_PATHS = [
  /^\/health\/?$/,
  /^\/api\/v1\/health\/?$/,
  /^\/docs(-json|-yaml)?(\/.*)?$/,
  /^\/metrics\/?$/,
];

export function isOpenPath(path: string): boolean {
  return OPEN_PATHS.some((pattern) => pattern.test(path));
}
