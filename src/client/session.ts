import { capApplianceText, LoginFailedError, traceLongErrorAnswer, UnexpectedResponseError } from './errors';
import type { HttpRequest, HttpResponse } from './http-transport';
import type { Logger } from './logger';
import { basicCredentials, type SecretRedactor } from './redaction';
import { tokenResponse } from './wire-schemas';

/** How the provider logs in: an admin's user name and password, or an API client's credentials. */
export type Credentials =
  | { readonly kind: 'password'; readonly username: string; readonly password: string }
  | { readonly kind: 'oauth'; readonly clientId: string; readonly clientSecret: string; readonly scope?: string };

/** A live session: the headers that authenticate a request, and which login produced them. */
export interface ActiveSession {
  /** Increases with every login; lets the client tell a session that was already renewed from a stale one. */
  readonly generation: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** Sends one request without session headers, retrying as the client's policy allows. */
export type UnauthenticatedSender = (request: HttpRequest) => Promise<HttpResponse>;

const LOGIN_PATH = '/api/authentication';
const TOKEN_PATH = '/api/oauth/token';

/**
 * Exactly one session per provider process (every login costs one of the user's five
 * sessions, and churn logs admins out of the web UI). Logging in is lazy and single-flight:
 * concurrent callers share one login, and a renewal after a 401 happens once however many
 * requests saw the 401. A login the appliance refused is not tried again in the process: every
 * later caller gets the same LoginFailedError, so a wrong password costs one attempt, not one per
 * resource (which could also trip the appliance's lockout of the account).
 */
export class SessionManager {
  private session: ActiveSession | undefined;
  private pending: Promise<ActiveSession> | undefined;
  private generation = 0;
  private refused: LoginFailedError | undefined;
  /** Logins performed by this process (for budgets and tests). */
  loginCount = 0;

  constructor(
    private readonly credentials: Credentials,
    private readonly send: UnauthenticatedSender,
    private readonly logger: Logger,
    private readonly redactor: SecretRedactor,
  ) {
    // The Basic headers as the logins below build them, in case the appliance echoes one back.
    if (credentials.kind === 'password') redactor.addBasic(credentials.username, credentials.password);
    else {
      redactor.addBasic(credentials.clientId, credentials.clientSecret);
      redactor.addBasic(encodeURIComponent(credentials.clientId), encodeURIComponent(credentials.clientSecret));
    }
  }

  /** The current session, logging in first if there is none. */
  current(): Promise<ActiveSession> {
    if (this.session) return Promise.resolve(this.session);
    return this.loginOnce();
  }

  /** The generation of the live session, or undefined before the first login. */
  get currentGeneration(): number | undefined {
    return this.session?.generation;
  }

  /**
   * Replaces `stale` after the appliance rejected it (401). If another caller already renewed it,
   * the newer session is returned without another login.
   */
  renew(stale: ActiveSession): Promise<ActiveSession> {
    if (this.session && this.session.generation !== stale.generation) return Promise.resolve(this.session);
    if (this.session?.generation === stale.generation) this.session = undefined;
    return this.loginOnce();
  }

  /** Ends the session on the appliance (best effort: shutting down must not fail because of it). */
  async logout(): Promise<void> {
    const session = this.session ?? (await this.pending?.catch(() => undefined));
    this.session = undefined;
    if (!session) return;
    try {
      const response = await this.send({ method: 'DELETE', path: LOGIN_PATH, headers: { ...session.headers } });
      this.logger.debug('logged out of SPS', { status: response.status });
    } catch (error) {
      this.logger.debug('logging out of SPS failed; the session will expire on its own', { error: this.redactor.redact(String(error)) });
    }
  }

  private loginOnce(): Promise<ActiveSession> {
    if (this.refused) return Promise.reject(this.refused);
    if (!this.pending) {
      this.pending = this.login().then(
        (session) => {
          this.session = session;
          this.pending = undefined;
          return session;
        },
        (error: unknown) => {
          this.pending = undefined;
          if (error instanceof LoginFailedError) this.refused = error;
          throw error;
        },
      );
    }
    return this.pending;
  }

  private async login(): Promise<ActiveSession> {
    this.loginCount++;
    const generation = ++this.generation;
    const headers = this.credentials.kind === 'password' ? await this.passwordLogin(this.credentials) : await this.oauthLogin(this.credentials);
    this.logger.debug('logged in to SPS', { method: this.credentials.kind, generation });
    return { generation, headers };
  }

  private async passwordLogin(credentials: Extract<Credentials, { kind: 'password' }>): Promise<Record<string, string>> {
    const basic = basicCredentials(credentials.username, credentials.password);
    const response = await this.send({ method: 'GET', path: LOGIN_PATH, headers: { authorization: `Basic ${basic}` } });
    this.failUnlessOk('GET', LOGIN_PATH, response, `user "${credentials.username}"`, `check username and password of user "${credentials.username}"`);
    const cookie = sessionCookie(response.headers['set-cookie']);
    if (!cookie) {
      throw new UnexpectedResponseError({ method: 'GET', path: LOGIN_PATH, status: response.status }, 'it set no session_id cookie');
    }
    this.redactor.add(cookie);
    return { cookie: `session_id=${cookie}` };
  }

  private async oauthLogin(credentials: Extract<Credentials, { kind: 'oauth' }>): Promise<Record<string, string>> {
    const basic = basicCredentials(encodeURIComponent(credentials.clientId), encodeURIComponent(credentials.clientSecret));
    const form = new URLSearchParams({ grant_type: 'client_credentials', scope: credentials.scope ?? 'config' }).toString();
    const response = await this.send({
      method: 'POST',
      path: TOKEN_PATH,
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    this.failUnlessOk('POST', TOKEN_PATH, response, `API client "${credentials.clientId}"`, `check client_id "${credentials.clientId}" and client_secret, and that the API client is approved for the config scope`);
    const parsed = tokenResponse.safeParse(response.json);
    if (!parsed.success) {
      throw new UnexpectedResponseError({ method: 'POST', path: TOKEN_PATH, status: response.status }, 'its body has no access_token');
    }
    this.redactor.add(parsed.data.access_token);
    return { authorization: `Bearer ${parsed.data.access_token}` };
  }

  private failUnlessOk(method: string, path: string, response: HttpResponse, account: string, hint: string): void {
    if (response.status >= 200 && response.status < 300) return;
    const error = (response.json as { error?: { type?: unknown; message?: unknown } } | undefined)?.error;
    const type = typeof error?.type === 'string' ? capApplianceText(this.redactor.redact(error.type)) : `HTTP ${response.status}`;
    const message = typeof error?.message === 'string' ? capApplianceText(this.redactor.redact(error.message)) : undefined;
    traceLongErrorAnswer(this.logger, this.redactor, { method, path }, response.status, response.text);
    const refused = response.status === 401 || response.status === 403;
    throw new LoginFailedError({ method, path, status: response.status, type, applianceMessage: message }, account, refused ? hint : undefined);
  }
}

/** The session_id value from Set-Cookie header(s). */
export function sessionCookie(setCookie: string | string[] | undefined): string | undefined {
  const headers = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const header of headers) {
    const match = /(?:^|[;,]\s*)session_id=([^;,\s]+)/.exec(header);
    if (match) return match[1];
  }
  return undefined;
}
