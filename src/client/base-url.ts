/**
 * Rules on the appliance's base URL shared by the provider's configuration checks and the client.
 * Kept free of dependencies: the configuration checks load it in every provider process.
 */

/** Whether a host name is a loopback address (localhost, 127.0.0.0/8, ::1): the simulator's, never proxied. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * When the URL's path holds the API's own `/api` (e.g. `https://sps.example.com/api`), the base URL
 * to use instead; undefined when it does not. The client adds `/api/…` itself, so such a URL would
 * send `/api/api/authentication`, which the appliance answers as a failed login.
 */
export function baseUrlWithoutApi(url: URL): string | undefined {
  const segments = url.pathname.split('/');
  const at = segments.findIndex((segment) => segment.toLowerCase() === 'api');
  if (at < 0) return undefined;
  return `${url.protocol}//${url.host}${segments.slice(0, at).join('/')}`;
}

/** The URL as messages may show it: without user:password@. */
export function urlForMessages(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}
