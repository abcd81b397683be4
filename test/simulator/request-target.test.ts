/**
 * Malformed request targets, sent over a raw socket as a hostile or broken client would, each get
 * a 4xx answer in the simulator's JSON error shape, and the simulator (a separate process, where
 * an unhandled rejection would end it) keeps serving.
 */
import fc from 'fast-check';
import '../support/fuzz';
import { RestSession, rawExchange, USER_LISTS } from './helpers';
import { SIMULATOR_BIN, startListening, type StartedCommand } from './processes';

let simulator: StartedCommand;
let session: RestSession;
beforeAll(async () => {
  simulator = await startListening(process.execPath, [SIMULATOR_BIN, '--port', '0', '--quiet']);
  session = await RestSession.login(simulator.url);
});
afterAll(() => simulator.child.kill('SIGKILL'));

// Pieces that URL parsers and percent-decoding trip over, joined at random; and arbitrary text.
// CR and LF are left out: they end the request line, so they frame a different request rather than make a bad target.
const piece = fc.constantFrom(
  ...['/', '//', '///', '%', '%2', '%zz', '%00', '%2F', '%25', '%E0%A4%A', '%C0%AF', '%FF', '[', ']', '[::1', '::1]', ':', ':99999', ':-1', '@'],
  ...['?', '?a=%', '#', '.', '..', '/..', '\\', '*', ' ', '\t', '\u0000', '\u00e9', '\ud83d\ude00', 'http:', 'http://', 'https://', 'HTTP://a', 'a', '-1'],
  ...['/api', '/api/configuration', USER_LISTS, `${USER_LISTS}/`, '/api/transaction', '/api/authentication', '/_simulator', '/_simulator/api-clients/', '/approve'],
);
const target = fc.oneof(
  fc.array(piece, { minLength: 1, maxLength: 8 }).map((pieces) => pieces.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
).filter((value) => !/[\r\n]/.test(value));

it('answers every request target with a 2xx–4xx JSON answer (4xx in the error shape) and keeps serving', async () => {
  await fc.assert(
    fc.asyncProperty(target, fc.constantFrom('GET', 'DELETE', 'POST'), async (requestTarget, method) => {
      const answer = await rawExchange(
        simulator.port,
        `${method} ${requestTarget} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${session.cookie}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      ).catch((error: Error) => {
        const { exitCode, signalCode } = simulator.child;
        if (exitCode === null && signalCode === null) throw error;
        throw new Error(`the simulator ended (${signalCode ?? exitCode}) at or before ${JSON.stringify(requestTarget)}; its stderr: ${simulator.stderr()}`);
      });
      expect(answer.status).toBeGreaterThanOrEqual(200);
      expect(answer.status).toBeLessThan(500);
      expect(answer.headers['content-type']).toBe('application/json');
      const json = JSON.parse(answer.body);
      if (answer.status >= 400) {
        expect(json).toEqual({
          error: { type: expect.any(String), message: expect.any(String), details: expect.any(Object) },
          meta: { href: json.meta?.href === null ? null : expect.any(String) },
        });
      }
    }),
    {
      numRuns: 400,
      // The targets that ended the simulator or got a 500 before it parsed them inside its error handling.
      examples: [['//%', 'GET'], ['//[', 'GET'], ['http://[::1', 'GET'], ['//a:99999/x', 'GET'], [`${USER_LISTS}/%E0%A4%A`, 'GET'], ['/_simulator/api-clients/%zz/approve', 'POST']],
    },
  );
  // Whatever the fuzz opened (a DELETE of a key opens a transaction) is rolled back; then the ordinary path still works.
  await session.call('DELETE', '/api/transaction');
  expect(simulator.child.exitCode).toBeNull();
  const again = await RestSession.login(simulator.url);
  const list = await again.call('GET', USER_LISTS);
  expect([list.status, list.json.items.length]).toEqual([200, 4]);
});
