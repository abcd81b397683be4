import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Pool } from 'undici';
import { SpsClientError } from './errors';
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

export interface HttpTransportOptions {
  /** Base URL of the appliance, e.g. "https://sps.example.com" (a path prefix is kept). */
  readonly url: string;
  readonly tls?: TlsOptions;
  readonly logger: Logger;
  /** Connections kept open to the appliance (default 8; Terraform's parallelism is 10, the coordinator serialises writes). */
  readonly connections?: number;
  /** Time for the appliance to start answering a request (default 60 s; commits can be slow). */
  readonly headersTimeoutMs?: number;
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
 * One keep-alive undici Pool to the appliance for the whole provider process, with the TLS
 * policy applied. Sends single attempts; sessions and retries are the client's business.
 */
export class HttpTransport {
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly userAgent: string;
  readonly origin: string;

  constructor(options: HttpTransportOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new SpsClientError(`url must start with https:// (got a ${url.protocol} URL)`);
    }
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.userAgent = options.userAgent;
    this.pool = new Pool(this.origin, {
      connections: options.connections ?? DEFAULT_CONNECTIONS,
      headersTimeout: options.headersTimeoutMs ?? 60_000,
      bodyTimeout: options.headersTimeoutMs ?? 60_000,
      connect: { ...tlsConnectOptions(options.tls, options.logger), timeout: options.connectTimeoutMs ?? 10_000 },
    });
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const response = await this.pool.request({
      method: request.method,
      path: this.basePath + request.path,
      headers: { ...request.headers, 'user-agent': this.userAgent },
      body: request.body,
      signal: request.signal,
    });
    const text = await response.body.text();
    let json: unknown;
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: response.statusCode, headers: response.headers, json, text };
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
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
