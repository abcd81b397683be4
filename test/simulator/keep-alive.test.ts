/**
 * A client that reuses a kept-alive connection after an idle pause gets an answer, not a
 * connection closed under it (the demo's EPIPE). Node's default server keep-alive (5 s) raced with
 * clients' idle windows: undici keeps a socket up to 4 s by default (timers that may fire late),
 * Go 90 s, curl 118 s, and a client whose event loop is blocked (the demo ran `cdktf` with
 * execFileSync) cannot notice a close at all.
 */
import { connect, type Socket } from 'node:net';
import { type SimulatorHandle, startSimulator } from '../../src/simulator';
import { parseAnswer, type RawAnswer } from './helpers';

/** Longer than Node's default server keep-alive, which the simulator had: "timeout=5", closed 6 s after the answer. */
const IDLE_MS = 7000;

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator({ log: false });
});
afterAll(() => sim.close());

/** Reads one answer (headers and Content-Length body) from a connection that stays open. */
function nextAnswer(socket: Socket): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: string) => {
      text += chunk;
      const end = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end))?.[1];
      if (end < 0 || length === undefined || text.length < end + 4 + Number(length)) return;
      cleanUp();
      resolve(parseAnswer(text));
    };
    const onClose = () => {
      cleanUp();
      reject(new Error(`the connection was closed before an answer came (${JSON.stringify(text)})`));
    };
    const cleanUp = () => socket.off('data', onData).off('close', onClose);
    socket.on('data', onData).on('close', onClose);
  });
}

it(`keeps an idle keep-alive connection open past ${IDLE_MS / 1000} s and answers on it`, async () => {
  const { port } = new URL(sim.url);
  const socket = connect(Number(port), '127.0.0.1');
  socket.setEncoding('latin1');
  const request = `GET /api/authentication HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic ${Buffer.from('admin:admin').toString('base64')}\r\n\r\n`;
  try {
    socket.write(request);
    const first = await nextAnswer(socket);
    expect(first.status).toBe(200);
    // The hint clients such as undici honour: they close an idle socket before the server does.
    expect(Number(/timeout=(\d+)/.exec(first.headers['keep-alive'])?.[1])).toBeGreaterThanOrEqual(120);
    // The idle pause is the stimulus, not a wait for something: the test fails at once if the server closes the socket during it.
    const idleStart = Date.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.off('close', onClose);
        resolve();
      }, IDLE_MS);
      const onClose = () => {
        clearTimeout(timer);
        reject(new Error(`the simulator closed the idle keep-alive connection after ${Date.now() - idleStart} ms`));
      };
      socket.once('close', onClose);
    });
    socket.write(request);
    expect((await nextAnswer(socket)).status).toBe(200);
  } finally {
    socket.destroy();
  }
});
