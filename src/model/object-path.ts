/**
 * The paths `sps_object` (and the `SpsObject` construct) accept: inside the configuration API
 * only, written plainly, so that a path can never address another endpoint (`..`, encodings,
 * query strings) and means the same to the provider, the appliance and a reviewer.
 */
const CONFIGURATION = '/api/configuration/';
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** Why a `path` is refused, naming it (e.g. `path "/api/transaction" is outside …`), or undefined. */
export function configurationPathProblem(path: string): string | undefined {
  const shown = JSON.stringify(path.length > 120 ? `${path.slice(0, 120)}…` : path);
  if (!path.startsWith(CONFIGURATION)) return `path ${shown} is outside the configuration API: it must start with "${CONFIGURATION}"`;
  if (/[?#]/.test(path)) return `path ${shown} must not carry a query string or fragment`;
  if (path.includes('%')) return `path ${shown} must not be percent-encoded`;
  if (path.endsWith('/')) return `path ${shown} must not end with a slash`;
  for (const segment of path.slice(CONFIGURATION.length).split('/')) {
    if (segment === '') return `path ${shown} has an empty segment ("//")`;
    if (segment === '.' || segment === '..') return `path ${shown} must not contain "." or ".." segments`;
    if (!SEGMENT.test(segment)) return `path ${shown}: the segment ${JSON.stringify(segment)} may hold only letters, digits, "_" and "-"`;
  }
  return undefined;
}
