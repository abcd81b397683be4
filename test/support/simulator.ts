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
  const body = async (path: string) => {
    const result = await call('GET', path);
    return result.status === 200 ? result.json.body : undefined;
  };
  /** The keys of a collection's objects, built-ins (negative keys) left out, in the appliance's order. */
  const customKeys = async (path: string): Promise<string[]> => {
    const items = (await call('GET', path)).json.items as Array<{ key: string }>;
    return items.map((item) => item.key).filter((key) => !key.startsWith('-'));
  };
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
    body,
    customKeys,
    /** The names of a collection's objects as another administrator sees them, built-ins left out, sorted. */
    async names(path: string): Promise<string[]> {
      const keys = await customKeys(path);
      return (await Promise.all(keys.map(async (key) => (await body(`${path}/${key}`)).name as string))).sort();
    },
  };
}
