import { Agent, type Dispatcher, request } from 'undici';

/** A raw HTTP session against the simulator: what any REST client would send. */
export class RestSession {
  cookie = '';
  bearer = '';
  private readonly dispatcher: Dispatcher | undefined;

  /** `ca`: the PEM to trust for an https URL (the TLS simulator's own certificate). */
  constructor(
    readonly url: string,
    ca?: string,
  ) {
    this.dispatcher = ca ? new Agent({ connect: { ca } }) : undefined;
  }

  static async login(url: string, user = 'admin', password = 'admin', ca?: string): Promise<RestSession> {
    const session = new RestSession(url, ca);
    const response = await session.raw('GET', '/api/authentication', { basic: `${user}:${password}` });
    if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
    session.cookie = /session_id=[^;]+/.exec(String(response.headers['set-cookie']))![0];
    return session;
  }

  async raw(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    options: { body?: string; basic?: string; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; headers: Record<string, unknown>; json: any }> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (options.basic) headers.authorization = `Basic ${Buffer.from(options.basic).toString('base64')}`;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await request(`${this.url}${path}`, { method, headers, body: options.body, dispatcher: this.dispatcher });
    const text = await response.body.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: response.statusCode, headers: response.headers, json };
  }

  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) {
    return this.raw(method, path, { body: body === undefined ? (method === 'POST' || method === 'PUT' ? '' : undefined) : JSON.stringify(body) });
  }

  async commit(message?: string) {
    return this.call('PUT', '/api/transaction', { status: 'commit', commit_message: message });
  }
}
