import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { type Dispatcher, EnvHttpProxyAgent, Pool } from 'undici';
import { baseUrlWithoutApi, isLoopback, urlForMessages } from './base-url';
import { RequestTimeoutError, SpsClientError } from './errors';
import type { Logger } from './logger';

/** TLS choices of the provider configuration (`ca_file`, `insecure`). */
export interface TlsOptions {
  /** PEM file with a CA to trust in addition to Node's default roots (e.g. the appliance's own CA). */
  readonly caFile?: string;
  /** Skip certificate verification. Must be chosen explicitly; logs a warning. */
  readonly insecure?: boolean;
}

/** Connections kept open to the appliance unless `connections` says otherwise. */
export const DEFAULT_CONNECTIONS = 8;

/** Time one request attempt may take in all (connecting, headers, body) unless `requestTimeoutMs` says otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export interface HttpTransportOptions {
  /** Base URL of the appliance, e.g. "https://sps.example.com" (a path prefix is kept). */
  readonly url: string;
  readonly tls?: TlsOptions;
  readonly logger: Logger;
  /** Connections kept open to the appliance (default 8; Terraform's parallelism is 10, the coordinator serialises writes). */
  readonly connections?: number;
  /**
   * Time one attempt of a request may take in all, connecting, headers and body (default 60 s;
   * commits can be slow). undici's own timeouts only limit the silence between two chunks, so an
   * answer trickling in a byte at a time would otherwise never end.
   */
  readonly requestTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /**
   * Sent with every request. Never a browser's: from SPS 7.5 on, changes from a browser-like
   * User-Agent need an X-Token header (as safeguard-ps, we identify as a tool instead).
   */
  readonly userAgent: string;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the base URL, starting with "/api/". */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON, or undefined when empty or not JSON (then `text` holds it). */
  readonly json: unknown;
  readonly text: string;
}

/**
 * One keep-alive connection pool to the appliance for the whole provider process, with the TLS
 * policy applied. Sends single attempts; sessions and retries are the client's business.
 *
 * Like Go providers, it honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY (and their lower-case forms,
 * read when the transport is created) through undici's EnvHttpProxyAgent, except for a loopback
 * appliance (the simulator), which is always reached directly. Through a proxy, the TLS policy
 * applies to the appliance at the end of the CONNECT tunnel, verified against its own host name.
 */
export class HttpTransport {
  private readonly dispatcher: Dispatcher;
  private readonly basePath: string;
  private readonly userAgent: string;
  private readonly requestTimeoutMs: number;
  readonly origin: string;

  constructor(options: HttpTransportOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new SpsClientError(`url must start with https:// (got a ${url.protocol} URL)`);
    }
    const base = baseUrlWithoutApi(url);
    if (base !== undefined) {
      throw new SpsClientError(`url must be the appliance's base URL without /api: use ${base} (got ${urlForMessages(options.url)})`);
    }
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.userAgent = options.userAgent;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const tls = { ...tlsConnectOptions(options.tls, options.logger), timeout: options.connectTimeoutMs ?? 10_000 };
    const poolOptions = {
      connections: options.connections ?? DEFAULT_CONNECTIONS,
      // The request deadline (send) is what limits a slow answer; these idle timers must not cut it shorter.
      headersTimeout: this.requestTimeoutMs,
      bodyTimeout: this.requestTimeoutMs,
      connect: tls,
    };
    const proxy = isLoopback(url.hostname) ? undefined : proxyFromEnvironment(url.protocol);
    this.dispatcher = proxy
      ? // NO_PROXY is matched by undici; requestTls is the TLS policy for the appliance inside the tunnel.
        new EnvHttpProxyAgent({ ...poolOptions, ...proxy, requestTls: tls, proxyTls: { timeout: tls.timeout } })
      : new Pool(this.origin, poolOptions);
  }

  /**
   * Sends one attempt, which must be answered in full within the request timeout; past it, the
   * attempt fails with RequestTimeoutError. An abort by the caller's signal fails it with the
   * signal's reason instead, so the two stay distinguishable.
   */
  async send(request: HttpRequest): Promise<HttpResponse> {
    const { status, headers, text } = await this.dispatch(request);
    let json: unknown;
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status, headers, json, text };
  }

  /**
   * One attempt through undici's dispatcher with a handler of its own: answers are small JSON
   * documents, collected as they come, without the request API's response stream (which costs
   * more CPU per request than the request itself, and the provider sends thousands).
   */
  private dispatch(request: HttpRequest): Promise<{ status: number; headers: HttpResponse['headers']; text: string }> {
    return new Promise((resolve, reject) => {
      if (request.signal?.aborted) return reject(request.signal.reason);
      let controller: Dispatcher.DispatchController | undefined;
      let stoppedWith: Error | undefined;
      const stop = (reason: Error) => {
        if (stoppedWith) return;
        stoppedWith = reason;
        // Not started yet (waiting for a connection): stopped when it starts.
        controller?.abort(reason);
      };
      // Made only when it happens: an error captures a stack, and this runs for every request.
      const timer = setTimeout(() => stop(new RequestTimeoutError(request.method, request.path, this.requestTimeoutMs)), this.requestTimeoutMs);
      const callerAborted = () => stop(request.signal?.reason as Error);
      request.signal?.addEventListener('abort', callerAborted, { once: true });
      const settle = () => {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', callerAborted);
      };
      let status = 0;
      let headers: HttpResponse['headers'] = {};
      let chunks: Buffer[] = [];
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart: (started) => {
          controller = started;
          if (stoppedWith) started.abort(stoppedWith);
        },
        onResponseStart: (_controller, statusCode, responseHeaders) => {
          status = statusCode;
          headers = responseHeaders;
          chunks = [];
        },
        onResponseData: (_controller, chunk) => {
          chunks.push(chunk);
        },
        onResponseEnd: () => {
          settle();
          resolve({ status, headers, text: (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8') });
        },
        onResponseError: (_controller, error) => {
          settle();
          reject(stoppedWith ?? error);
        },
      };
      try {
        this.dispatcher.dispatch(
          { origin: this.origin, method: request.method, path: this.basePath + request.path, headers: { ...request.headers, 'user-agent': this.userAgent }, body: request.body },
          handler,
        );
      } catch (error) {
        settle();
        reject(error);
      }
    });
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

/**
 * The proxy for the appliance's scheme, as curl and Go read it: `https_proxy`/`HTTPS_PROXY` for
 * https, `http_proxy`/`HTTP_PROXY` for http (undici alone would also send https through HTTP_PROXY),
 * `http://` assumed when the value has no scheme; undefined when that variable is unset or empty.
 */
function proxyFromEnvironment(protocol: string): { httpProxy: string; httpsProxy: string } | undefined {
  const names = protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
  const name = names.find((candidate) => process.env[candidate] !== undefined);
  const value = name === undefined ? undefined : process.env[name];
  if (!name || !value) return undefined;
  const proxy = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  if (!URL.canParse(proxy) || !['http:', 'https:'].includes(new URL(proxy).protocol)) {
    throw new SpsClientError(`${name} "${urlForMessages(value)}" is not a proxy URL such as http://proxy.example.com:3128`);
  }
  return protocol === 'https:' ? { httpProxy: '', httpsProxy: proxy } : { httpProxy: proxy, httpsProxy: '' };
}

/**
 * Verification stays on unless `insecure` is set. A CA file is trusted in addition to Node's
 * roots: passing `ca` alone would replace them, breaking appliances with publicly signed certificates.
 */
export function tlsConnectOptions(tls: TlsOptions | undefined, logger: Logger): { ca?: string[]; rejectUnauthorized: boolean; checkServerIdentity?: () => undefined } {
  if (tls?.insecure === true) {
    logger.warn('TLS certificate verification is disabled (insecure = true): the connection to SPS can be intercepted. Use ca_file instead.');
    return { rejectUnauthorized: false, checkServerIdentity: () => undefined };
  }
  if (tls?.caFile) {
    let pem: string;
    try {
      pem = readFileSync(tls.caFile, 'utf8');
    } catch (error) {
      throw new SpsClientError(`ca_file ${tls.caFile} cannot be read: ${(error as Error).message}`);
    }
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
      throw new SpsClientError(`ca_file ${tls.caFile} holds no PEM certificate`);
    }
    return { ca: [...rootCertificates, pem], rejectUnauthorized: true };
  }
  return { rejectUnauthorized: true };
}
