import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { collectionByPath } from '../model';
import type { Appliance } from './appliance';
import { ACCOUNTING_PATH, SINGLETONS } from './config-store';
import { ApiError, decodeSegment, invalid, notFound } from './errors';
import type { FaultSpec } from './faults';
import { checkXToken } from './firmware';
import type { Session } from './sessions';

const MAX_BODY_BYTES = 1024 * 1024;
const CONFIGURATION = '/api/configuration';
const CONTROL = '/_simulator';

export interface RequestLog {
  (line: string): void;
}

/** Routes HTTP requests to the appliance, in the SPS REST conventions (the SPS REST API Reference Guide; docs/guides/simulator.md lists where the simulator chose). */
export function requestHandler(appliance: Appliance, log: RequestLog) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = process.hrtime.bigint();
    const method = request.method ?? 'GET';
    let href: string | null = null;
    response.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Method, path, status and duration only: never headers (cookies, tokens, credentials), nor a target that is not a path.
      log(`${method} ${href ?? '(malformed request target)'} ${response.statusCode} ${ms.toFixed(1)}ms`);
    });
    // Everything a request can do, parsing its target included, is inside this try: one bad request must not end the simulator.
    try {
      const path = requestPath(request.url ?? '/');
      href = path;
      let fault: FaultEffect = { delayMs: 0 };
      if (!path.startsWith(CONTROL)) {
        appliance.counters.request(method, path);
        fault = applyFault(appliance, method, path, request, response);
        if (fault === 'answered') return;
      }
      const body = await readBody(request, method, path);
      // A slow appliance: the request has arrived whole and is handled after the delay, even if
      // the client has given up meanwhile (as a commit on a real appliance would be).
      if (fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      let result: Result | undefined;
      try {
        result = await route(appliance, method, path, request, response, body);
      } catch (error) {
        // Whatever the appliance answered, a replaced answer never reaches the client.
        if (!fault.replaceAnswer) throw error;
      }
      if (response.destroyed) return;
      if (fault.replaceAnswer) return sendImpostor(response, fault.replaceAnswer);
      if (result !== undefined) sendJson(response, result.status ?? 200, result.json);
    } catch (error) {
      sendError(response, error, href);
    }
  };
}

function sendError(response: ServerResponse, error: unknown, href: string | null): void {
  if (response.headersSent) {
    // An answer already under way cannot become an error answer: cut it, so the client sees it incomplete.
    if (!response.writableEnded) response.destroy();
    return;
  }
  const apiError = error instanceof ApiError ? error : new ApiError(500, 'InternalError', `Internal simulator error: ${(error as Error).message}`);
  for (const [name, value] of Object.entries(apiError.headers)) response.setHeader(name, value);
  sendJson(response, apiError.status, { error: { type: apiError.type, message: apiError.message, details: apiError.details }, meta: { href } });
}

/**
 * The path of a request target without trailing slashes. HTTP/1.1 targets are origin-form
 * ("/path?query"), resolved against a fixed origin so that "//a:99999/x" stays a path, or
 * absolute-form ("http://host/path", as proxies send); anything else is a 400.
 */
function requestPath(target: string): string {
  const absolute = /^https?:\/\//i.test(target);
  if (target.startsWith('/') || absolute) {
    try {
      return new URL(absolute ? target : `http://simulator${target}`).pathname.replace(/\/+$/, '') || '/';
    } catch {
      // Not a URL (e.g. "http://[::1"): answered below.
    }
  }
  const shown = JSON.stringify(target.length > 200 ? `${target.slice(0, 200)}…` : target);
  throw new ApiError(400, 'InvalidQuery', `The request target ${shown} is neither a path nor an http(s) URL.`, { target: shown });
}

/**
 * A request Node's HTTP parser refused (a target with spaces or control characters, a broken
 * request line or header, headers over the limit): answered in the same JSON error shape, since
 * Node's own answer is a bare "400 Bad Request" without a body. There is no request to name.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const text = JSON.stringify({
    error: { type: 'InvalidQuery', message: `The request is not valid HTTP/1.1 (${error.code ?? error.message}).`, details: { code: error.code ?? null } },
    meta: { href: null },
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

interface Result {
  status?: number;
  json: unknown;
}

async function route(
  appliance: Appliance,
  method: string,
  path: string,
  request: IncomingMessage,
  response: ServerResponse,
  body: unknown,
): Promise<Result | undefined> {
  if (path === '/api/authentication') {
    if (method === 'GET') {
      const credentials = basicCredentials(request);
      if (!credentials) throw new ApiError(401, 'Unauthenticated', 'Log in with HTTP Basic authentication.');
      const session = appliance.login(credentials.user, credentials.password);
      response.setHeader('Set-Cookie', `session_id=${session.id}; Path=/; HttpOnly; Secure; SameSite=Strict`);
      response.setHeader('X-Token', session.xToken);
      return { json: { meta: { href: path, next: '/api/configuration' } } };
    }
    if (method === 'DELETE') {
      const session = authenticate(appliance, request, path);
      appliance.sessions.end(session.id);
      return { json: { meta: { href: path } } };
    }
    throw methodNotAllowed(method, path);
  }
  if (path === '/api/oauth/token' && method === 'POST') return issueToken(appliance, request, body);
  if (path.startsWith(CONTROL)) return control(appliance, method, path, request, body);

  const session = authenticate(appliance, request, path);
  checkXToken(appliance.spsVersion, method, request.headers['user-agent'], headerValue(request.headers['x-token']), session.xToken);
  if (path === '/api/transaction' || path === '/api/transaction/changes') {
    requireScope(session, 'config', path);
    return transaction(appliance, session, method, path, request, body);
  }
  if (path === CONFIGURATION || path.startsWith(CONFIGURATION + '/')) {
    requireScope(session, 'config', path);
    return configuration(appliance, session, method, path, body);
  }
  throw notFound(path);
}

function configuration(appliance: Appliance, session: Session, method: string, path: string, body: unknown): Result {
  if (path === ACCOUNTING_PATH) return accounting(appliance, session, method, path, body);
  if (path in SINGLETONS) return singleton(appliance, session, method, path, body);
  const spec = collectionByPath(path);
  if (spec) {
    if (method === 'GET') {
      const keys = appliance.list(session, path);
      return { json: { items: keys.map((key) => ({ key, meta: { href: `${spec.path}/${key}` } })), meta: listMeta(spec.path) } };
    }
    if (method === 'POST') {
      const { key, extras } = appliance.create(session, path, body);
      return { status: 201, json: { key, ...extras, meta: { href: `${spec.path}/${key}`, parent: spec.path, transaction: '/api/transaction' } } };
    }
    throw methodNotAllowed(method, path);
  }
  const slash = path.lastIndexOf('/');
  const parent = collectionByPath(path.slice(0, slash));
  if (parent) {
    const key = decodeSegment(path.slice(slash + 1), path);
    if (method === 'GET') {
      const keys = appliance.list(session, parent.path);
      const index = keys.indexOf(key);
      const sibling = (i: number) => (i >= 0 && i < keys.length ? `${parent.path}/${keys[i]}` : null);
      return {
        json: {
          key,
          body: appliance.read(session, parent.path, key),
          meta: {
            href: path,
            parent: parent.path,
            first: sibling(0),
            last: sibling(keys.length - 1),
            next: sibling(index + 1),
            previous: sibling(index - 1),
            transaction: '/api/transaction',
          },
        },
      };
    }
    if (method === 'PUT') {
      appliance.replace(session, parent.path, key, body);
      return { json: { key, meta: { href: path, parent: parent.path, transaction: '/api/transaction' } } };
    }
    if (method === 'DELETE') {
      appliance.delete(session, parent.path, key);
      return { json: { meta: { href: parent.path, transaction: '/api/transaction' } } };
    }
    throw methodNotAllowed(method, path);
  }
  // An intermediate node such as /api/configuration/http lists what is below it.
  const children = new Set<string>();
  for (const collection of appliance.committed.keys()) {
    if (collection.startsWith(path + '/')) children.add(collection.slice(path.length + 1).split('/')[0]);
  }
  if (children.size === 0 || method !== 'GET') throw notFound(path);
  return { json: { items: [...children].sort().map((key) => ({ key, meta: { href: `${path}/${key}` } })), meta: listMeta(path) } };
}

/** The accounting settings: one object, changed inside a transaction like any configuration. */
function accounting(appliance: Appliance, session: Session, method: string, path: string, body: unknown): Result {
  const parent = path.slice(0, path.lastIndexOf('/'));
  if (method === 'PUT') appliance.changeAccounting(session, body);
  else if (method !== 'GET') throw methodNotAllowed(method, path);
  return { json: { key: 'accounting', body: appliance.readAccounting(session), meta: { href: path, parent, transaction: '/api/transaction' } } };
}

/** An options endpoint that is one object (SINGLETONS): GET, and PUT inside a transaction. */
function singleton(appliance: Appliance, session: Session, method: string, path: string, body: unknown): Result {
  const parent = path.slice(0, path.lastIndexOf('/'));
  if (method === 'PUT') appliance.replaceSingleton(session, path, body);
  else if (method !== 'GET') throw methodNotAllowed(method, path);
  const { key, body: current } = appliance.readSingleton(session, path);
  return { json: { key, body: current, meta: { href: path, parent, transaction: '/api/transaction' } } };
}

function transaction(appliance: Appliance, session: Session, method: string, path: string, request: IncomingMessage, body: unknown): Result {
  if (path === '/api/transaction/changes') {
    if (method !== 'GET') throw methodNotAllowed(method, path);
    return { json: { changes: appliance.changes(session), meta: { href: path, parent: '/api/transaction' } } };
  }
  switch (method) {
    case 'GET':
      return { json: appliance.transactionStatus(session) };
    case 'POST':
      if (request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined) {
        throw new ApiError(411, 'LengthRequired', 'Opening a transaction needs a body or "Content-Length: 0".');
      }
      appliance.openTransaction(session);
      return { json: appliance.transactionStatus(session) };
    case 'PUT': {
      const fields = (body ?? {}) as Record<string, unknown>;
      if (fields.status !== 'commit') throw invalid('Send {"status": "commit"} to commit.', [{ path: 'status', message: 'must be "commit"' }]);
      const message = typeof fields.commit_message === 'string' ? fields.commit_message : null;
      appliance.commit(session, message);
      return { json: appliance.transactionStatus(session) };
    }
    case 'DELETE':
      appliance.rollback(session);
      return { json: appliance.transactionStatus(session) };
    default:
      throw methodNotAllowed(method, path);
  }
}

function issueToken(appliance: Appliance, request: IncomingMessage, body: unknown): Result {
  const credentials = basicCredentials(request);
  const form = typeof body === 'string' ? new URLSearchParams(body) : new URLSearchParams();
  if (form.get('grant_type') !== 'client_credentials') throw invalid('Only grant_type=client_credentials is supported.', [{ path: 'grant_type', message: 'must be client_credentials' }]);
  const clientId = credentials?.user ?? form.get('client_id') ?? '';
  const secret = credentials?.password ?? form.get('client_secret') ?? '';
  const requested = (form.get('scope') ?? '').split(/[\s,]+/).filter(Boolean);
  const { session, scopes } = appliance.issueToken(clientId, secret, requested);
  return { json: { access_token: session.id, token_type: 'bearer', expires_in: 1200, scope: scopes.join(' ') } };
}

function control(appliance: Appliance, method: string, path: string, request: IncomingMessage, body: unknown): Result {
  const credentials = basicCredentials(request);
  if (!credentials || !appliance.checkUser(credentials.user, credentials.password)) {
    throw new ApiError(401, 'Unauthenticated', 'The simulator controls need a simulator user\'s Basic credentials.');
  }
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const route = `${method} ${path.slice(CONTROL.length)}`;
  if (route === 'GET /counters') return { json: appliance.counters.read() };
  if (route === 'DELETE /counters') return appliance.counters.reset(), { json: {} };
  if (route === 'POST /faults') return appliance.faults.inject(fields as unknown as FaultSpec), { json: {} };
  if (route === 'DELETE /faults') return appliance.faults.clear(), { json: {} };
  if (route === 'POST /lock') return appliance.holdLock(String(fields.user ?? 'webui-admin')), { json: {} };
  if (route === 'DELETE /lock') return appliance.releaseLock(), { json: {} };
  if (route === 'POST /sessions/expire') return { json: { expired: appliance.sessions.expire(typeof fields.user === 'string' ? fields.user : undefined) } };
  if (route === 'GET /commits') return { json: { commits: appliance.commitLog } };
  if (route === 'POST /extra-fields') {
    if (typeof fields.path !== 'string') throw invalid('Send {"path": "<object href>", "fields": {…}}.', [{ path: 'path', message: 'must be an object\'s path' }]);
    return appliance.addExtraFields(fields.path, fields.fields), { json: {} };
  }
  const approve = /^POST \/api-clients\/([^/]+)\/approve$/.exec(route);
  if (approve) return appliance.approveApiClient(decodeSegment(approve[1], path)), { json: {} };
  throw notFound(path);
}

/** What an injected fault leaves to do: wait before handling the request, replace its answer. */
type FaultEffect = 'answered' | { readonly delayMs: number; readonly replaceAnswer?: FaultSpec };

/** Applies the injected fault that matches the request, if any: 'answered' when it answered (or dropped) the request. */
function applyFault(appliance: Appliance, method: string, path: string, request: IncomingMessage, response: ServerResponse): FaultEffect {
  const fault = appliance.faults.take(method, path, ['status', 'retry-after', 'drop', 'delay', 'impostor']);
  if (!fault) return { delayMs: 0 };
  switch (fault.kind) {
    case 'delay':
      return { delayMs: fault.delayMs ?? 1000 };
    case 'drop':
      request.socket.destroy();
      return 'answered';
    case 'impostor':
      if (fault.handled) return { delayMs: 0, replaceAnswer: fault };
      sendImpostor(response, fault);
      return 'answered';
    case 'retry-after':
      response.setHeader('Retry-After', String(fault.retryAfterSeconds ?? 1));
      sendJson(response, 429, { error: { type: 'TooManyRequests', message: 'Too many requests (injected fault).', details: {} }, meta: { href: path } });
      return 'answered';
    default:
      sendJson(response, fault.status ?? 503, { error: { type: 'ServiceUnavailable', message: 'Injected fault.', details: {} }, meta: { href: path } });
      return 'answered';
  }
}

/** An answer from something that is not the appliance (a captive portal, a proxy's error page). */
function sendImpostor(response: ServerResponse, fault: FaultSpec): void {
  const text = fault.body ?? '<html>captive portal</html>';
  response.writeHead(fault.status ?? 200, { 'Content-Type': fault.contentType ?? 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function authenticate(appliance: Appliance, request: IncomingMessage, path: string): Session {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const cookie = /(?:^|;\s*)session_id=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  const session = appliance.sessions.use(bearer ?? cookie);
  if (!session) throw new ApiError(401, 'Unauthenticated', 'Authentication is required; the session is missing or has expired.', { path });
  return session;
}

function requireScope(session: Session, scope: string, path: string): void {
  if (session.scopes && !session.scopes.includes(scope)) {
    throw new ApiError(403, 'Unauthorized', `This token lacks the "${scope}" scope needed for ${path}.`, { path, required_scope: scope });
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function basicCredentials(request: IncomingMessage): { user: string; password: string } | undefined {
  const encoded = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function readBody(request: IncomingMessage, method: string, path: string): Promise<unknown> {
  if (method === 'GET' || method === 'HEAD') return undefined;
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new ApiError(413, 'PayloadTooLarge', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'PayloadTooLarge', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (path === '/api/oauth/token') return text;
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

function sendJson(response: ServerResponse, status: number, json: unknown): void {
  const text = JSON.stringify(json);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function methodNotAllowed(method: string, path: string): ApiError {
  return new ApiError(405, 'MethodNotAllowed', `${method} is not supported on ${path}.`);
}

function listMeta(path: string) {
  const parent = path.slice(0, path.lastIndexOf('/')) || '/api';
  return { href: path, parent, first: null, last: null, next: null, previous: null, transaction: '/api/transaction' };
}
