import { Construct } from 'constructs';
import { httpConnectionPolicies } from '../model';
import { OptionsError, ValidationError } from './errors';
import {
  HttpConnectionPolicy as HttpConnectionPolicyResource,
  type HttpConnectionPolicyAccessControl,
  type HttpConnectionPolicyServerAddress,
  type HttpConnectionPolicySourceAddress,
  type HttpConnectionPolicyTransportSecurity,
  type HttpConnectionPolicyTransportSecurityHostCertificationMethod,
  type HttpConnectionPolicyWebProxy,
} from './generated/sps/http-connection-policy';
import { validateAtSynth } from './model-validation';
import { checkOptions, keyProblems, type KeySpec } from './props';
import * as references from './references';

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

  private constructor(readonly config: HttpConnectionPolicyServerAddress) {}
}

/** The certificate SPS shows to clients. */
export class HostCertificate {
  /** One certificate (with its private key, uploaded to SPS) for every connection. */
  static fixed(x509Identity: references.IX509Identity): HostCertificate {
    return new HostCertificate({ selection: 'fix', x509Identity: references.X509Identity.keyOf(x509Identity, 'HostCertificate.fixed: the certificate') });
  }

  /** A certificate per target, signed by a signing CA. */
  static generated(signingCa: references.ISigningCa): HostCertificate {
    return new HostCertificate({ selection: 'generate', signingCa: references.SigningCa.keyOf(signingCa, 'HostCertificate.generated: the CA') });
  }

  private constructor(readonly config: HttpConnectionPolicyTransportSecurityHostCertificationMethod) {}
}

/** Encryption of the sessions (`transport_security` in the SPS REST API Reference Guide). */
export class TransportSecurity {
  static disabled(): TransportSecurity {
    return new TransportSecurity({ selection: 'disabled' });
  }

  /** HTTPS towards the client, HTTP towards the server. */
  static clientOnly(certificate: HostCertificate): TransportSecurity {
    if (!(certificate instanceof HostCertificate)) throw new OptionsError('TransportSecurity.clientOnly: the certificate must be HostCertificate.fixed(…) or HostCertificate.generated(…)');
    return new TransportSecurity({ selection: 'client-only', hostCertificationMethod: certificate.config });
  }

  /**
   * End-to-end TLS. With `trustedCa`, SPS verifies the server's certificate; without it, any
   * server certificate is accepted, so that must be said: `verifyServer: false`.
   */
  static clientServer(options: { certificate: HostCertificate; allowNonEncrypted?: boolean; trustedCa?: references.ITrustedCaList; verifyServer?: false }): TransportSecurity {
    checkOptions('TransportSecurity.clientServer', options, { certificate: true, allowNonEncrypted: false, trustedCa: false, verifyServer: false });
    if (!(options.certificate instanceof HostCertificate)) throw new OptionsError('TransportSecurity.clientServer: `certificate` must be HostCertificate.fixed(…) or HostCertificate.generated(…)');
    if (options.trustedCa === undefined && options.verifyServer !== false) {
      throw new OptionsError('TransportSecurity.clientServer: give `trustedCa` to verify the servers\' certificates, or `verifyServer: false` to accept any certificate');
    }
    return new TransportSecurity({
      selection: 'client-server',
      allowNonEncrypted: options.allowNonEncrypted ?? false,
      serverCertificateCheck: options.trustedCa
        ? { enabled: true, trustedCa: references.TrustedCaList.keyOf(options.trustedCa, 'TransportSecurity.clientServer: `trustedCa`') }
        : { enabled: false },
      hostCertificationMethod: options.certificate.config,
    });
  }

  private constructor(readonly config: HttpConnectionPolicyTransportSecurity) {}
}

/** The policies a connection policy uses, each from its kind's `fromName` or `fromKey` (e.g. `HttpChannelPolicy.fromName`). */
export interface PolicyReferences {
  readonly channelPolicy: references.IHttpChannelPolicy;
  readonly settings: references.IHttpSettingsPolicy;
  readonly auditPolicy: references.IAuditPolicy;
  readonly authenticationPolicy: references.IHttpAuthenticationPolicy;
  readonly ldapServer?: references.ILdapServer;
  readonly backupPolicy?: references.IBackupPolicy;
  readonly usermappingPolicy?: references.IUsermappingPolicy;
  readonly archiveCleanupPolicy?: references.IArchiveCleanupPolicy;
  readonly analyticsPolicy?: references.IAnalyticsPolicy;
}

export interface HttpConnectionPolicyProps {
  /** The policy's name. */
  readonly name: string;
  /** Set to false to suspend the policy. Default: true. */
  readonly active?: boolean;
  /** Client and target addresses (IPs or CIDR ranges) and target ports. */
  readonly network: { clients: string[]; targets: string[]; ports: number[] };
  readonly serverAddress: ServerAddress;
  /** SNAT towards the server: `box_address` (default), `original`, or a fixed IP address. */
  readonly sourceAddress?: 'box_address' | 'original' | { fixed: string };
  /** Let clients use SPS as an HTTP proxy, optionally over TLS. Default: off. */
  readonly webProxy?: { tls?: HostCertificate };
  /** Default: `TransportSecurity.disabled()`. */
  readonly transportSecurity?: TransportSecurity;
  /** Who may authorize and audit the connections. Default: nobody. */
  readonly accessControl?: HttpConnectionPolicyAccessControl[];
  /** Index audit trails with this indexing policy (priority 0–5, default 3). Default: off. */
  readonly indexing?: { policy: references.IIndexingPolicy; priority?: number };
  /** Connections per minute. Default: unlimited. */
  readonly rateLimit?: number;
  /** Default: false. */
  readonly logAuditTrailDownloads?: boolean;
  /** Days to keep connection metadata. Default: no cleanup. */
  readonly channelDatabaseCleanupDays?: number;
  /** A log level (1–7) for this policy. Default: the global one. */
  readonly logLevel?: number;
  readonly policies: PolicyReferences;
}

const PROPS: KeySpec = {
  name: true,
  active: false,
  network: true,
  serverAddress: true,
  sourceAddress: false,
  webProxy: false,
  transportSecurity: false,
  accessControl: false,
  indexing: false,
  rateLimit: false,
  logAuditTrailDownloads: false,
  channelDatabaseCleanupDays: false,
  logLevel: false,
  policies: true,
};
const NESTED: Readonly<Record<string, KeySpec>> = {
  network: { clients: true, targets: true, ports: true },
  policies: {
    channelPolicy: true,
    settings: true,
    auditPolicy: true,
    authenticationPolicy: true,
    ldapServer: false,
    backupPolicy: false,
    usermappingPolicy: false,
    archiveCleanupPolicy: false,
    analyticsPolicy: false,
  },
  indexing: { policy: true, priority: false },
  webProxy: { tls: false },
};
const ACCESS_CONTROL: KeySpec = { authorizer: true, permission: true, requireDifferentIp: true, requireDifferentUsername: true, subject: true };

/** Every problem with the props' keys, nested objects included. */
function propProblems(props: HttpConnectionPolicyProps): string[] {
  const problems = keyProblems('the props', props, PROPS);
  if (problems.length > 0) return problems;
  for (const [prop, spec] of Object.entries(NESTED)) {
    const value = (props as unknown as Record<string, unknown>)[prop];
    if (value !== undefined) problems.push(...keyProblems(`\`${prop}\``, value, spec));
  }
  (props.accessControl ?? []).forEach((rule, index) => problems.push(...keyProblems(`\`accessControl[${index}]\``, rule, ACCESS_CONTROL)));
  if (!(props.serverAddress instanceof ServerAddress)) problems.push('`serverAddress` must be ServerAddress.original(), .nat(…), .fixed(…) or .inband(…)');
  if (props.transportSecurity !== undefined && !(props.transportSecurity instanceof TransportSecurity)) problems.push('`transportSecurity` must be TransportSecurity.disabled(), .clientOnly(…) or .clientServer(…)');
  if (props.webProxy?.tls !== undefined && !(props.webProxy.tls instanceof HostCertificate)) problems.push('`webProxy.tls` must be HostCertificate.fixed(…) or .generated(…)');
  return problems;
}

/** An SPS HTTP connection policy with typed helpers for its variants. */
export class HttpConnectionPolicy extends Construct implements references.IHttpConnectionPolicy {
  readonly resource: HttpConnectionPolicyResource;
  readonly httpConnectionPolicyKey: string;

  constructor(scope: Construct, id: string, props: HttpConnectionPolicyProps) {
    super(scope, id);
    const problems = propProblems(props);
    if (problems.length > 0) throw new ValidationError(`invalid HttpConnectionPolicy: ${problems.join('; ')}`, this);
    let config;
    try {
      config = bindingConfig(props);
    } catch (error) {
      if (error instanceof OptionsError) throw new ValidationError(`invalid HttpConnectionPolicy: ${error.message}`, this);
      throw error;
    }
    validateAtSynth(this, httpConnectionPolicies, config);
    this.resource = new HttpConnectionPolicyResource(this, 'Resource', config);
    this.httpConnectionPolicyKey = this.resource.id;
  }
}

function bindingConfig(props: HttpConnectionPolicyProps) {
  const { policies } = props;
  const where = (name: string) => `\`policies.${name}\``;
  const optional = <Reference>(kind: { keyOf(reference: Reference, where: string): string }, reference: Reference | undefined, name: string) =>
    reference === undefined ? undefined : kind.keyOf(reference, where(name));
  return {
    name: props.name,
    active: props.active ?? true,
    network: props.network,
    serverAddress: props.serverAddress.config,
    sourceAddress: sourceAddress(props.sourceAddress),
    webProxy: webProxy(props.webProxy),
    transportSecurity: (props.transportSecurity ?? TransportSecurity.disabled()).config,
    accessControl: props.accessControl ?? [],
    indexing: props.indexing
      ? { enabled: true, policy: references.IndexingPolicy.keyOf(props.indexing.policy, '`indexing.policy`'), priority: props.indexing.priority ?? 3 }
      : { enabled: false },
    rateLimit: props.rateLimit === undefined ? { enabled: false } : { enabled: true, value: props.rateLimit },
    logAuditTrailDownloads: props.logAuditTrailDownloads ?? false,
    channelDatabaseCleanup: props.channelDatabaseCleanupDays === undefined ? { enabled: false } : { enabled: true, days: props.channelDatabaseCleanupDays },
    overrideLogLevel: props.logLevel === undefined ? { enabled: false } : { enabled: true, logLevel: props.logLevel },
    policies: {
      channelPolicy: references.HttpChannelPolicy.keyOf(policies.channelPolicy, where('channelPolicy')),
      settings: references.HttpSettingsPolicy.keyOf(policies.settings, where('settings')),
      auditPolicy: references.AuditPolicy.keyOf(policies.auditPolicy, where('auditPolicy')),
      authenticationPolicy: references.HttpAuthenticationPolicy.keyOf(policies.authenticationPolicy, where('authenticationPolicy')),
      ldapServer: optional(references.LdapServer, policies.ldapServer, 'ldapServer'),
      backupPolicy: optional(references.BackupPolicy, policies.backupPolicy, 'backupPolicy'),
      usermappingPolicy: optional(references.UsermappingPolicy, policies.usermappingPolicy, 'usermappingPolicy'),
      archiveCleanupPolicy: optional(references.ArchiveCleanupPolicy, policies.archiveCleanupPolicy, 'archiveCleanupPolicy'),
      analyticsPolicy: optional(references.AnalyticsPolicy, policies.analyticsPolicy, 'analyticsPolicy'),
    },
  };
}

function sourceAddress(value: HttpConnectionPolicyProps['sourceAddress']): HttpConnectionPolicySourceAddress {
  if (value === undefined || value === 'box_address') return { selection: 'box_address' };
  if (value === 'original') return { selection: 'original' };
  return { selection: 'fix', address: value.fixed };
}

function webProxy(value: HttpConnectionPolicyProps['webProxy']): HttpConnectionPolicyWebProxy {
  if (!value) return { enabled: false };
  return {
    enabled: true,
    transportSecurity: value.tls ? { selection: 'tls', hostCertificationMethod: value.tls.config } : { selection: 'disabled' },
  };
}
