import fc from 'fast-check';
import '../support/fuzz';
import { request } from 'undici';
import { type SimulatorHandle, startSimulator } from '../../src/simulator';
import { RestSession, validPolicy } from './helpers';

let sim: SimulatorHandle;
let session: RestSession;
beforeAll(async () => {
  sim = await startSimulator({ log: false });
  session = await RestSession.login(sim.url);
});
afterAll(async () => sim.close());

const paths = ['/api/configuration/policies/userlists', '/api/configuration/http/connections', '/api/configuration/aaa/api_clients', '/api/transaction', '/api/configuration/http/connections/-1', '/api/authentication', '/api/oauth/token', '/api/configuration', '/api/nothing'];

/** Bodies: random bytes, random JSON, and valid objects with one random field replaced. */
const bodyArbitrary = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.json({ maxDepth: 4 }),
  fc.tuple(fc.constantFrom(...Object.keys(validPolicy())), fc.jsonValue({ maxDepth: 3 })).map(([field, value]) => JSON.stringify({ ...validPolicy(), [field]: value })),
);

it('answers random requests with a well-formed 2xx or 4xx JSON answer, never a 500 or a hang', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE') as fc.Arbitrary<'GET' | 'POST' | 'PUT' | 'DELETE'>, fc.constantFrom(...paths), bodyArbitrary, async (method, path, body) => {
      const response = await request(`${sim.url}${path}`, {
        method,
        headers: { cookie: session.cookie, 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : body,
        headersTimeout: 5000,
        bodyTimeout: 5000,
      });
      const text = await response.body.text();
      expect(response.statusCode).toBeLessThan(500);
      const json = JSON.parse(text);
      if (response.statusCode >= 400) expect(json.error).toEqual(expect.objectContaining({ type: expect.any(String), message: expect.any(String) }));
    }),
    { numRuns: 300 },
  );
  // Whatever was created by the random bodies stays in this session's transaction; drop it.
  await session.call('DELETE', '/api/transaction');
});
