import { Construct } from 'constructs';
import { httpConnectionPolicies } from '../model';
import {
  HttpConnectionPolicy as HttpConnectionPolicyResource,
  type HttpConnectionPolicyAccessControl,
  type HttpConnectionPolicyServerAddress,
  type HttpConnectionPolicySourceAddress,
  type HttpConnectionPolicyTransportSecurity,
  type HttpConnectionPolicyTransportSecurityHostCertificationMethod,
  type HttpConnectionPolicyWebProxy,
} from './generated/sps/http-connection-policy';
import { keyOf, type IApplianceObject, type ObjectReference } from './lookups';
import { validateAtSynth } from './model-validation';

/** Where the clients connect to (seed 002, server_address). */
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
    const entry = (e: { domain: string; port?: number } | { addressRange: string; port?: number }) => ({
      domain: 'domain' in e ? { selection: 'domain', value: e.domain } : { selection: 'address', value: e.addressRange },
      port: e.port as number,
    });
    return new ServerAddress({
      selection: 'inband',
      domains: options.domains.map(entry),
      exceptionDomains: (options.exceptions ?? []).map(entry),
      dnsServer: options.dnsServer,
      dnsSuffixes: options.dnsSuffixes ?? [],
    });
  }

  private constructor(readonly config: HttpConnectionPolicyServerAddress) {}
}

/** The certificate SPS shows to clients. */
export class HostCertificate {
  /** One certificate (with its private key, uploaded to SPS) for every connection. */
  static fixed(x509Identity: ObjectReference): HostCertificate {
    return new HostCertificate({ selection: 'fix', x509Identity: keyOf(x509Identity) });
  }

  /** A certificate per target, signed by a signing CA. */
  static generated(signingCa: ObjectReference): HostCertificate {
    return new HostCertificate({ selection: 'generate', signingCa: keyOf(signingCa) });
  }

  private constructor(readonly config: HttpConnectionPolicyTransportSecurityHostCertificationMethod) {}
}

/** Encryption of the sessions (seed 002, transport_security). */
export class TransportSecurity {
  static disabled(): TransportSecurity {
    return new TransportSecurity({ selection: 'disabled' });
  }

  /** HTTPS towards the client, HTTP towards the server. */
  static clientOnly(certificate: HostCertificate): TransportSecurity {
    return new TransportSecurity({ selection: 'client-only', hostCertificationMethod: certificate.config });
  }

  /** End-to-end TLS; with `trustedCa`, SPS verifies the server's certificate. */
  static clientServer(options: { certificate: HostCertificate; allowNonEncrypted?: boolean; trustedCa?: ObjectReference }): TransportSecurity {
    return new TransportSecurity({
      selection: 'client-server',
      allowNonEncrypted: options.allowNonEncrypted ?? false,
      serverCertificateCheck: options.trustedCa ? { enabled: true, trustedCa: keyOf(options.trustedCa) } : { enabled: false },
      hostCertificationMethod: options.certificate.config,
    });
  }

  private constructor(readonly config: HttpConnectionPolicyTransportSecurity) {}
}

/** The policies a connection policy uses: lookups (e.g. `HttpChannelPolicy.fromName`) or keys. */
export interface PolicyReferences {
  readonly channelPolicy: ObjectReference;
  readonly settings: ObjectReference;
  readonly auditPolicy: ObjectReference;
  readonly authenticationPolicy: ObjectReference;
  readonly ldapServer?: ObjectReference;
  readonly backupPolicy?: ObjectReference;
  readonly usermappingPolicy?: ObjectReference;
  readonly archiveCleanupPolicy?: ObjectReference;
  readonly analyticsPolicy?: ObjectReference;
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
  readonly indexing?: { policy: ObjectReference; priority?: number };
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

/** An SPS HTTP connection policy with typed helpers for its variants. */
export class HttpConnectionPolicy extends Construct implements IApplianceObject {
  readonly resource: HttpConnectionPolicyResource;
  readonly id: string;

  constructor(scope: Construct, id: string, props: HttpConnectionPolicyProps) {
    super(scope, id);
    const optionalKey = (reference?: ObjectReference) => (reference === undefined ? undefined : keyOf(reference));
    const config = {
      name: props.name,
      active: props.active ?? true,
      network: props.network,
      serverAddress: props.serverAddress.config,
      sourceAddress: sourceAddress(props.sourceAddress),
      webProxy: webProxy(props.webProxy),
      transportSecurity: (props.transportSecurity ?? TransportSecurity.disabled()).config,
      accessControl: props.accessControl ?? [],
      indexing: props.indexing ? { enabled: true, policy: keyOf(props.indexing.policy), priority: props.indexing.priority ?? 3 } : { enabled: false },
      rateLimit: props.rateLimit === undefined ? { enabled: false } : { enabled: true, value: props.rateLimit },
      logAuditTrailDownloads: props.logAuditTrailDownloads ?? false,
      channelDatabaseCleanup: props.channelDatabaseCleanupDays === undefined ? { enabled: false } : { enabled: true, days: props.channelDatabaseCleanupDays },
      overrideLogLevel: props.logLevel === undefined ? { enabled: false } : { enabled: true, logLevel: props.logLevel },
      policies: {
        channelPolicy: keyOf(props.policies.channelPolicy),
        settings: keyOf(props.policies.settings),
        auditPolicy: keyOf(props.policies.auditPolicy),
        authenticationPolicy: keyOf(props.policies.authenticationPolicy),
        ldapServer: optionalKey(props.policies.ldapServer),
        backupPolicy: optionalKey(props.policies.backupPolicy),
        usermappingPolicy: optionalKey(props.policies.usermappingPolicy),
        archiveCleanupPolicy: optionalKey(props.policies.archiveCleanupPolicy),
        analyticsPolicy: optionalKey(props.policies.analyticsPolicy),
      },
    };
    validateAtSynth(this, httpConnectionPolicies, config);
    this.resource = new HttpConnectionPolicyResource(this, 'Resource', config);
    this.id = this.resource.id;
  }
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
