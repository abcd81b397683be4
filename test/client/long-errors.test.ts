/**
 * Errors quote at most 4 KB of what the appliance says, stating the full size; the whole answer
 * goes to the TRACE log, redacted.
 */
import { type HostileFront, isRequest, sendError, startHostileFront } from './hostile-front';
import { APPLIANCE_TEXT_LIMIT, ApplianceError, userListsSpec } from './imports';
import { useSimulator } from './simulator-harness';

const LISTS = '/api/configuration/policies/userlists';
/** About 5 MB, with the Basic header echoed at its very end, where only the TRACE log can show it. */
const HUGE = `${'x'.repeat(5_000_000)} Authorization: Basic ${Buffer.from('admin:admin').toString('base64')} END`;

describe('oversized error answers', () => {
  const h = useSimulator();
  let front: HostileFront;
  afterEach(async () => front?.close());

  const expectCapped = (error: unknown) => {
    expect(error).toBeInstanceOf(ApplianceError);
    const message = (error as Error).message;
    expect(message).toMatch(/… \(truncated; 5,000,\d{3} bytes in all\)/);
    expect(Buffer.byteLength(message)).toBeLessThan(APPLIANCE_TEXT_LIMIT + 200);
    expect(Buffer.byteLength((error as ApplianceError).applianceMessage ?? '')).toBeLessThan(APPLIANCE_TEXT_LIMIT + 100);
  };

  it('caps the message of an error answer, and logs it whole at TRACE, redacted', async () => {
    front = await startHostileFront(h.url, (request, response) => isRequest(request, 'GET', LISTS) && (sendError(response, 400, 'BadRequest', HUGE), true));
    const client = h.newClient({ url: front.url });
    const error = await client.list(userListsSpec).catch((e: unknown) => e);
    expectCapped(error);
    expect((error as Error).message).toMatch(new RegExp(`^SPS answered GET ${LISTS} with 400 BadRequest: x{4000}`));
    const traced = client.log.lines.filter((line) => line.level === 'trace');
    expect(traced).toHaveLength(1);
    expect(traced[0].fields).toMatchObject({ method: 'GET', path: LISTS, status: 400 });
    expect(String(traced[0].fields?.body)).toContain('Authorization: Basic [redacted] END');
    expect(client.log.lines.filter((line) => line.level !== 'trace').every((line) => JSON.stringify(line).length < 10_000)).toBe(true);
  });

  it('caps a failed login\'s message too', async () => {
    front = await startHostileFront(h.url, (request, response) => isRequest(request, 'GET', '/api/authentication') && (sendError(response, 401, 'Unauthenticated', HUGE), true));
    const client = h.newClient({ url: front.url });
    const error = await client.list(userListsSpec).catch((e: unknown) => e);
    expectCapped(error);
    expect((error as Error).message).toMatch(/^logging in to SPS failed: GET \/api\/authentication answered 401 Unauthenticated: x{4000}/);
    expect(String(client.log.lines.find((line) => line.level === 'trace')?.fields?.body)).toContain('[redacted] END');
  });

  it('caps field issues however many the appliance lists', async () => {
    const details = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`field_${i}`, `is wrong in a way that takes a while to explain (${i})`]));
    front = await startHostileFront(h.url, (request, response) => isRequest(request, 'GET', LISTS) && (sendError(response, 400, 'InvalidQuery', 'bad fields', details), true));
    const error = await h.newClient({ url: front.url }).list(userListsSpec).catch((e: unknown) => e);
    expect((error as ApplianceError).fieldIssues).toHaveLength(2000);
    expect((error as Error).message).toMatch(/^SPS answered GET \S+ with 400 InvalidQuery: bad fields \(field_0: is wrong.*… \(truncated; [\d,]+ bytes in all\)$/);
    expect(Buffer.byteLength((error as Error).message)).toBeLessThan(APPLIANCE_TEXT_LIMIT + 200);
  });
});
