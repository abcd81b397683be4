import { request } from 'undici';
import { type SimulatorHandle, startSimulator, type SimulatorOptions } from '../../src/simulator';

/** Starts the simulator in-process (silent) for a test. */
export function startTestSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  return startSimulator({ log: false, ...options });
}

/** A tiny REST session against the simulator, acting as another administrator (the web UI). */
export async function adminSession(url: string, user = 'admin', password = 'admin') {
  const login = await request(`${url}/api/authentication`, {
    headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
  });
  await login.body.text();
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => {
    const response = await request(`${url}${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? (method === 'POST' ? '' : undefined) : JSON.stringify(body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, json: text ? JSON.parse(text) : undefined };
  };
  return {
    call,
    /** Changes and commits in one go, like an admin clicking Commit in the web UI. */
    async commitChange(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) {
      const result = await call(method, path, body);
      if (result.status >= 300) throw new Error(`${method} ${path} → ${result.status} ${JSON.stringify(result.json)}`);
      const commit = await call('PUT', '/api/transaction', { status: 'commit', commit_message: 'out-of-band change' });
      if (commit.status !== 200) throw new Error(`commit → ${commit.status} ${JSON.stringify(commit.json)}`);
      return result.json;
    },
    async body(path: string) {
      const result = await call('GET', path);
      return result.status === 200 ? result.json.body : undefined;
    },
  };
}
