import { httpConnectionPolicies } from '../model';
import { OptionsError } from './errors';
import { type ConnectionSugar, connectionSugar } from './connection-policy';
import type { HttpConnectionPolicyTransportSecurity, HttpConnectionPolicyTransportSecurityHostCertificationMethod } from './generated/sps/http-connection-policy';
import { type ConstructProps, kindConstruct } from './kind-construct';
import { sugar } from './kind-props';
import { checkOptions, keyProblems } from './props';
import * as references from './references';

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
  /** No TLS: HTTP on both sides. */
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

/** The HTTP props that differ from the model's shape, besides those of every connection policy (connection-policy.ts); the others are the model's fields, in camelCase (kind-props.ts). */
const HTTP_SUGAR = {
  /** Let clients use SPS as an HTTP proxy, optionally over TLS. Default: off. */
  webProxy: sugar({
    field: 'webProxy',
    check: (value: { readonly tls?: HostCertificate }, path) => {
      const problems = keyProblems(`\`${path}\``, value, { tls: false });
      if (problems.length === 0 && value.tls !== undefined && !(value.tls instanceof HostCertificate)) problems.push(`\`${path}.tls\` must be HostCertificate.fixed(…) or .generated(…)`);
      return problems;
    },
    toBinding: (value) => ({ enabled: true, transportSecurity: value.tls ? { selection: 'tls', hostCertificationMethod: value.tls.config } : { selection: 'disabled' } }),
  }),
  /** Default: `TransportSecurity.disabled()`. */
  transportSecurity: sugar({
    field: 'transportSecurity',
    check: (value: TransportSecurity, path) => (value instanceof TransportSecurity ? [] : [`\`${path}\` must be TransportSecurity.disabled(), .clientOnly(…) or .clientServer(…)`]),
    toBinding: (value) => value.config,
  }),
};

export type HttpConnectionPolicyProps = ConstructProps<typeof httpConnectionPolicies, ConnectionSugar<typeof httpConnectionPolicies> & typeof HTTP_SUGAR>;

/** The policies a connection policy uses, each from its kind's `fromName` or `fromKey` (e.g. `HttpChannelPolicy.fromName`). */
export type PolicyReferences = HttpConnectionPolicyProps['policies'];

/** An SPS HTTP connection policy with typed helpers for its variants. */
export class HttpConnectionPolicy extends kindConstruct(httpConnectionPolicies, { sugar: { ...connectionSugar(httpConnectionPolicies), ...HTTP_SUGAR } }) {}
