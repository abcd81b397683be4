/**
 * What the connection policy constructs (HTTP, SSH, RDP) share, as their kinds share the fields of
 * src/model/connection-fields.ts: the ServerAddress helper and the props spelled otherwise than the
 * model (a rate limit as its number, SNAT as `'original'` or `{ fixed }`, …).
 */
import type { Kind, PropsOf } from '../model';
import type { connectionControlFields, connectionTargetFields } from '../model/connection-fields';
import type { HttpConnectionPolicyServerAddress } from './generated/sps/http-connection-policy';
import { type EnabledCase, enabledValue, type Sugar, sugar, whenEnabled } from './kind-props';
import { checkOptions, keyProblems } from './props';

/** Where the clients connect to (`server_address` in the SPS REST API Reference Guide). */
export class ServerAddress {
  /** Connect to the address the client asked for. */
  static original(): ServerAddress {
    return new ServerAddress({ selection: 'original' });
  }

  /** Translate the target address into `network` (CIDR). */
  static nat(network: string): ServerAddress {
    return new ServerAddress({ selection: 'nat', network });
  }

  /** Always connect to one server. */
  static fixed(address: string, port: number): ServerAddress {
    return new ServerAddress({ selection: 'fix', address, port });
  }

  /** Take the server from the username; `domains` are the targets the policy includes. */
  static inband(options: {
    domains: Array<{ domain: string; port: number } | { addressRange: string; port: number }>;
    exceptions?: Array<{ domain: string; port?: number } | { addressRange: string; port?: number }>;
    dnsServer?: string;
    dnsSuffixes?: string[];
  }): ServerAddress {
    checkOptions('ServerAddress.inband', options, { domains: true, exceptions: false, dnsServer: false, dnsSuffixes: false });
    const entry = (e: { domain: string; port?: number } | { addressRange: string; port?: number }, index: number, list: string) => {
      const target = e !== null && typeof e === 'object' && 'domain' in e ? 'domain' : 'addressRange';
      checkOptions(`ServerAddress.inband: ${list}[${index}]`, e, { [target]: true, port: list === 'domains' });
      return {
        domain: 'domain' in e ? { selection: 'domain', value: e.domain } : { selection: 'address', value: e.addressRange },
        port: e.port as number,
      };
    };
    return new ServerAddress({
      selection: 'inband',
      domains: options.domains.map((e, i) => entry(e, i, 'domains')),
      exceptionDomains: (options.exceptions ?? []).map((e, i) => entry(e, i, 'exceptions')),
      dnsServer: options.dnsServer,
      dnsSuffixes: options.dnsSuffixes ?? [],
    });
  }

  // The bindings of every connection policy have this shape (the model describes the field once).
  private constructor(readonly config: HttpConnectionPolicyServerAddress) {}
}

type ConnectionProps = PropsOf<typeof connectionTargetFields & ReturnType<typeof connectionControlFields>>;

/**
 * The props every connection policy construct spells otherwise than its model (kind-props.ts).
 * A declared type, so that each prop's documentation reaches the declarations and the API reference.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any body: only the props' shape matters here
export type ConnectionSugar<K extends Kind<any, ConnectionProps>> = {
  /** `ServerAddress.original()`, `.nat(…)`, `.fixed(…)` or `.inband(…)`. */
  readonly serverAddress: Sugar<ServerAddress, true, 'serverAddress'>;
  /** SNAT towards the server: `box_address` (default), `original`, or a fixed IP address. */
  readonly sourceAddress: Sugar<'box_address' | 'original' | { readonly fixed: string }, false, 'sourceAddress'>;
  /** Index audit trails with this indexing policy (priority 0–5, default 3). Default: off. */
  readonly indexing: Sugar<EnabledCase<K, 'indexing'>, false, 'indexing'>;
  /** Connections per minute. Default: unlimited. */
  readonly rateLimit: Sugar<EnabledCase<K, 'rateLimit'>[keyof EnabledCase<K, 'rateLimit'>], false, 'rateLimit'>;
  /** Days to keep connection metadata. Default: no cleanup. */
  readonly channelDatabaseCleanupDays: Sugar<EnabledCase<K, 'channelDatabaseCleanup'>[keyof EnabledCase<K, 'channelDatabaseCleanup'>], false, 'channelDatabaseCleanup'>;
  /** A log level (1–7) for this policy. Default: the global one. */
  readonly logLevel: Sugar<EnabledCase<K, 'overrideLogLevel'>[keyof EnabledCase<K, 'overrideLogLevel'>], false, 'overrideLogLevel'>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any body: only the props' shape matters here
export function connectionSugar<K extends Kind<any, ConnectionProps>>(kind: K): ConnectionSugar<K> {
  return {
    serverAddress: sugar({
      field: 'serverAddress',
      required: true,
      check: (value: ServerAddress, path) => (value instanceof ServerAddress ? [] : [`\`${path}\` must be ServerAddress.original(), .nat(…), .fixed(…) or .inband(…)`]),
      toBinding: (value) => value.config,
    }),
    sourceAddress: sugar({
      field: 'sourceAddress',
      check: (value: 'box_address' | 'original' | { readonly fixed: string }, path) => (typeof value === 'string' ? [] : keyProblems(`\`${path}\``, value, { fixed: true })),
      toBinding: (value) => (typeof value === 'string' ? { selection: value } : { selection: 'fix', address: value.fixed }),
    }),
    indexing: whenEnabled(kind, 'indexing'),
    rateLimit: enabledValue(kind, 'rateLimit'),
    channelDatabaseCleanupDays: enabledValue(kind, 'channelDatabaseCleanup'),
    logLevel: enabledValue(kind, 'overrideLogLevel'),
  };
}
