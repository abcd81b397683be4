import { RestSession } from './rest-session';
import { type SimulatorHandle, startSimulator, type SimulatorOptions } from '../../src/simulator';

/** Starts the simulator in-process (silent) for a test. */
export function startTestSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  return startSimulator({ log: false, ...options });
}

/** A REST session against the simulator, acting as another administrator (the web UI). */
export async function adminSession(url: string, user = 'admin', password = 'admin', ca?: string) {
  const session = await RestSession.login(url, user, password, ca);
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => session.call(method, path, body);
  return {
    call,
    /** Changes and commits in one go, like an admin clicking Commit in the web UI. */
    async commitChange(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) {
      const result = await call(method, path, body);
      if (result.status >= 300) throw new Error(`${method} ${path} → ${result.status} ${JSON.stringify(result.json)}`);
      const commit = await session.commit('out-of-band change');
      if (commit.status !== 200) throw new Error(`commit → ${commit.status} ${JSON.stringify(commit.json)}`);
      return result.json;
    },
    async body(path: string) {
      const result = await call('GET', path);
      return result.status === 200 ? result.json.body : undefined;
    },
  };
}
