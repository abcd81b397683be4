/**
 * An appliance (or a proxy) that echoes the request's headers in its error answers must not get the
 * credentials into an error: the Basic header's base64 (of user:password, and of an API client's
 * id:secret in both the plain and the URL-encoded form), the session cookie and the bearer token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type HostileFront, isRequest, sendError, startHostileFront } from './hostile-front';
import { ApplianceError, apiClientsSpec, CommitCoordinator, userListsSpec } from './imports';
import { useSimulator } from './simulator-harness';

const LISTS = '/api/configuration/policies/userlists';

/** A 400 quoting the request's Authorization and Cookie headers, in the message and as a field issue. */
function echoHeaders(request: IncomingMessage, response: ServerResponse): true {
  const echoed = `Authorization: ${request.headers.authorization ?? '-'}; Cookie: ${request.headers.cookie ?? '-'}`;
  sendError(response, 400, 'BadRequest', `rejected request with headers ${echoed}`, { headers: echoed });
  return true;
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('credentials echoed by the appliance', () => {
  const h = useSimulator();
  let front: HostileFront;
  afterEach(async () => front?.close());

  /** Everything an error shows: its message and its field issues (which become diagnostics). */
  const shown = (error: unknown) => `${(error as Error).message} ${JSON.stringify((error as ApplianceError).fieldIssues)}`;

  it('redacts the Basic header of a password login', async () => {
    front = await startHostileFront(h.url, (request, response) => isRequest(request, 'GET', '/api/authentication') && echoHeaders(request, response));
    const error = await h.newClient({ url: front.url }).list(userListsSpec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplianceError);
    expect(front.takenOver).toEqual(['GET /api/authentication']);
    expect(shown(error)).toContain('Authorization: Basic [redacted]');
    expect(shown(error)).not.toContain(base64('admin:admin'));
  });

  it('redacts the session cookie an error echoes', async () => {
    front = await startHostileFront(h.url, (request, response) => isRequest(request, 'GET', LISTS) && echoHeaders(request, response));
    const error = await h.newClient({ url: front.url }).list(userListsSpec).catch((e: unknown) => e);
    expect(shown(error)).toContain('Cookie: session_id=[redacted]');
    expect(shown(error)).not.toMatch(/session_id=(?!\[redacted\])/);
  });

  describe('an API client, whose secret changes under URL encoding', () => {
    const login = async () => {
      const admin = h.newClient();
      const created = await new CommitCoordinator(admin).submit((tx) =>
        tx.create(apiClientsSpec, { name: 'robot', scopes: ['config'], applies_to: { selection: 'all' } }),
      );
      await h.approveApiClient(created.key);
      return { clientId: String(created.extras.client_id), clientSecret: String(created.extras.client_secret) };
    };

    it('redacts both forms of the Basic header of the token request', async () => {
      // The simulator's secrets are URL-safe; this one is not, so its two Basic forms differ.
      const credentials = { clientId: 'robot+1@ci', clientSecret: 'se/cr+et=value&more' };
      front = await startHostileFront(h.url, (request, response) => isRequest(request, 'POST', '/api/oauth/token') && echoHeaders(request, response));
      const error = await h.newClient({ url: front.url, credentials: { kind: 'oauth', ...credentials } }).list(userListsSpec).catch((e: unknown) => e);
      expect(front.takenOver).toEqual(['POST /api/oauth/token']);
      expect(shown(error)).toContain('Authorization: Basic [redacted]');
      for (const form of [base64('robot+1@ci:se/cr+et=value&more'), base64(`${encodeURIComponent('robot+1@ci')}:${encodeURIComponent('se/cr+et=value&more')}`)]) {
        expect(shown(error)).not.toContain(form);
      }
      expect(shown(error)).not.toContain(credentials.clientSecret);
    });

    it('redacts the bearer token an error echoes', async () => {
      const credentials = await login();
      front = await startHostileFront(h.url, (request, response) => isRequest(request, 'GET', LISTS) && echoHeaders(request, response));
      const error = await h.newClient({ url: front.url, credentials: { kind: 'oauth', ...credentials } }).list(userListsSpec).catch((e: unknown) => e);
      expect(front.takenOver).toEqual([`GET ${LISTS}`]);
      expect(shown(error)).toContain('Authorization: Bearer [redacted]');
      expect(shown(error)).not.toMatch(/Bearer (?!\[redacted\])/);
    });
  });
});
