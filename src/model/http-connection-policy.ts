import { z } from 'zod';
import type { CollectionSpec, ReferenceSite } from './collection';
import { PATHS } from './paths';
import {
  cidr,
  domainName,
  domainPattern,
  hostOrAddress,
  ipAddress,
  name,
  objectFactory,
  port,
  reference,
  type Strictness,
  uniqueItems,
  withoutControlCharacters,
} from './validators';

/**
 * "HTTP connection policies" in the SPS REST API Reference Guide: every field, selection variant and constraint. Built for
 * both strictness modes (see objectFactory) so the rules exist once.
 */
function httpConnectionPolicySchema(strictness: Strictness) {
  const object = objectFactory(strictness);

  const network = object({
    clients: uniqueItems(cidr, 'client addresses').min(1, 'must list at least one client address or range (0.0.0.0/0 for any)'),
    targets: uniqueItems(cidr, 'target addresses').min(1, 'must list at least one target address or range (0.0.0.0/0 for any)'),
    ports: uniqueItems(port, 'ports').min(1, 'must list at least one target port'),
  });

  /** An inband target (or exception): an IP range or a domain, and a port. */
  const inbandDomain = (portSchema: z.ZodType) =>
    object({
      domain: z.discriminatedUnion(
        'selection',
        [
          object({ selection: z.literal('address'), value: cidr }),
          object({ selection: z.literal('domain'), value: domainPattern }),
        ],
        { error: 'selection must be "address" (an IP range) or "domain"' },
      ),
      port: portSchema,
    });

  // custom_dns has no stated selection restriction in the reference, so every variant accepts it.
  const customDns = hostOrAddress.nullable().optional();
  const serverAddress = z.discriminatedUnion(
    'selection',
    [
      object({ selection: z.literal('original'), custom_dns: customDns }),
      object({ selection: z.literal('nat'), network: cidr, custom_dns: customDns }),
      object({ selection: z.literal('fix'), address: hostOrAddress, port, custom_dns: customDns }),
      object({
        selection: z.literal('inband'),
        domains: uniqueItems(inbandDomain(port), 'target domains').min(1, 'must list at least one target domain when selection is "inband"'),
        exception_domains: uniqueItems(inbandDomain(port.nullable().optional()), 'exception domains').default([]),
        dns_server: hostOrAddress.nullable().default(null),
        dns_suffixes: uniqueItems(domainName, 'DNS suffixes').default([]),
        custom_dns: customDns,
      }),
    ],
    { error: 'selection must be one of "original", "nat", "fix", "inband"' },
  );

  const sourceAddress = z.discriminatedUnion(
    'selection',
    [
      object({ selection: z.literal('box_address') }),
      object({ selection: z.literal('original') }),
      object({ selection: z.literal('fix'), address: ipAddress }),
    ],
    { error: 'selection must be one of "box_address", "original", "fix"' },
  );

  const hostCertificationMethod = z.discriminatedUnion(
    'selection',
    [
      object({ selection: z.literal('fix'), x509_identity: reference('X.509 identity (certificate with private key)') }),
      object({ selection: z.literal('generate'), signing_ca: reference('signing CA') }),
    ],
    { error: 'selection must be "fix" (one certificate) or "generate" (signed per target)' },
  );

  const serverCertificateCheck = z.discriminatedUnion(
    'enabled',
    [object({ enabled: z.literal(false) }), object({ enabled: z.literal(true), trusted_ca: reference('trusted CA list') })],
    { error: 'enabled must be true or false' },
  );

  const transportSecurity = z.discriminatedUnion(
    'selection',
    [
      object({ selection: z.literal('disabled') }),
      // TLS towards the client needs a certificate to show, so the method is required.
      object({ selection: z.literal('client-only'), host_certification_method: hostCertificationMethod }),
      object({
        selection: z.literal('client-server'),
        allow_non_encrypted: z.boolean().default(false),
        server_certificate_check: serverCertificateCheck.default({ enabled: false }),
        host_certification_method: hostCertificationMethod,
      }),
    ],
    { error: 'selection must be one of "disabled", "client-only", "client-server"' },
  );

  const webProxyTransportSecurity = z.discriminatedUnion(
    'selection',
    [
      object({ selection: z.literal('disabled') }),
      object({ selection: z.literal('tls'), host_certification_method: hostCertificationMethod }),
    ],
    { error: 'selection must be "disabled" or "tls"' },
  );

  const webProxy = z.discriminatedUnion(
    'enabled',
    [
      object({ enabled: z.literal(false) }),
      object({ enabled: z.literal(true), transport_security: webProxyTransportSecurity.default({ selection: 'disabled' }) }),
    ],
    { error: 'enabled must be true or false' },
  );

  const accessControl = object({
    authorizer: withoutControlCharacters(z.string({ error: 'must be a user group name' }).min(1, 'must be a user group name')),
    permission: z.enum(['audit', 'authorize', 'audit_and_authorize'], {
      error: 'must be one of "audit", "authorize", "audit_and_authorize"',
    }),
    require_different_ip: z.boolean(),
    require_different_username: z.boolean(),
    subject: z.discriminatedUnion(
      'selection',
      [
        object({ selection: z.literal('everybody') }),
        object({ selection: z.literal('only'), group: withoutControlCharacters(z.string().min(1, 'must be a user group name')) }),
      ],
      { error: 'selection must be "everybody" or "only"' },
    ),
  });

  const indexing = z.discriminatedUnion(
    'enabled',
    [
      object({ enabled: z.literal(false) }),
      object({
        enabled: z.literal(true),
        policy: reference('indexing policy'),
        priority: z
          .number()
          .int('must be a whole number')
          .min(0, 'must be between 0 (near real-time) and 5 (very low)')
          .max(5, 'must be between 0 (near real-time) and 5 (very low)')
          .default(3),
      }),
    ],
    { error: 'enabled must be true or false' },
  );

  const positiveInt = (what: string) => z.number().int('must be a whole number').min(1, `must be at least 1 ${what}`);
  const rateLimit = z.discriminatedUnion(
    'enabled',
    [object({ enabled: z.literal(false) }), object({ enabled: z.literal(true), value: positiveInt('connection per minute') })],
    { error: 'enabled must be true or false' },
  );
  const channelDatabaseCleanup = z.discriminatedUnion(
    'enabled',
    [object({ enabled: z.literal(false) }), object({ enabled: z.literal(true), days: positiveInt('day') })],
    { error: 'enabled must be true or false' },
  );
  const overrideLogLevel = z.discriminatedUnion(
    'enabled',
    [
      object({ enabled: z.literal(false) }),
      object({
        enabled: z.literal(true),
        log_level: z.number().int('must be a whole number').min(1, 'must be between 1 and 7').max(7, 'must be between 1 and 7'),
      }),
    ],
    { error: 'enabled must be true or false' },
  );

  const policies = object({
    channel_policy: reference('HTTP channel policy'),
    settings: reference('HTTP settings policy'),
    audit_policy: reference('audit policy'),
    authentication_policy: reference('HTTP authentication policy'),
    ldap_server: reference('LDAP server').nullable().default(null),
    backup_policy: reference('backup policy').nullable().default(null),
    usermapping_policy: reference('usermapping policy').nullable().default(null),
    archive_cleanup_policy: reference('archive/cleanup policy').nullable().default(null),
    analytics_policy: reference('analytics policy').nullable().default(null),
  });

  return object({
    name,
    active: z.boolean().default(true),
    network,
    server_address: serverAddress,
    source_address: sourceAddress.default({ selection: 'box_address' }),
    web_proxy: webProxy.default({ enabled: false }),
    transport_security: transportSecurity.default({ selection: 'disabled' }),
    access_control: z.array(accessControl).default([]),
    indexing: indexing.default({ enabled: false }),
    rate_limit: rateLimit.default({ enabled: false }),
    log_audit_trail_downloads: z.boolean().default(false),
    channel_database_cleanup: channelDatabaseCleanup.default({ enabled: false }),
    override_log_level: overrideLogLevel.default({ enabled: false }),
    policies,
  });
}

export const httpConnectionPolicyBody = httpConnectionPolicySchema('strip');
export type HttpConnectionPolicy = z.infer<typeof httpConnectionPolicyBody>;

/** The nine `policies.*` references, with the collection each points into. */
export const POLICY_REFERENCES = {
  channel_policy: PATHS.httpChannelPolicies,
  settings: PATHS.httpSettingsPolicies,
  audit_policy: PATHS.auditPolicies,
  ldap_server: PATHS.ldapServers,
  backup_policy: PATHS.backupPolicies,
  authentication_policy: PATHS.httpAuthenticationPolicies,
  usermapping_policy: PATHS.usermappingPolicies,
  archive_cleanup_policy: PATHS.archiveCleanupPolicies,
  analytics_policy: PATHS.analyticsPolicies,
} as const satisfies Record<keyof HttpConnectionPolicy['policies'], string>;

function hostCertificationReferences(
  method: { selection: 'fix'; x509_identity: string } | { selection: 'generate'; signing_ca: string },
  at: Array<string | number>,
): ReferenceSite[] {
  return method.selection === 'fix'
    ? [{ path: [...at, 'x509_identity'], collection: PATHS.x509Identities, key: method.x509_identity }]
    : [{ path: [...at, 'signing_ca'], collection: PATHS.signingCas, key: method.signing_ca }];
}

export function httpConnectionPolicyReferences(body: HttpConnectionPolicy): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const [field, collection] of Object.entries(POLICY_REFERENCES)) {
    const key = body.policies[field as keyof typeof POLICY_REFERENCES];
    if (key) sites.push({ path: ['policies', field], collection, key });
  }
  if (body.indexing.enabled) sites.push({ path: ['indexing', 'policy'], collection: PATHS.indexingPolicies, key: body.indexing.policy });
  const ts = body.transport_security;
  if (ts.selection !== 'disabled') sites.push(...hostCertificationReferences(ts.host_certification_method, ['transport_security', 'host_certification_method']));
  if (ts.selection === 'client-server' && ts.server_certificate_check.enabled) {
    sites.push({ path: ['transport_security', 'server_certificate_check', 'trusted_ca'], collection: PATHS.trustedCaLists, key: ts.server_certificate_check.trusted_ca });
  }
  if (body.web_proxy.enabled && body.web_proxy.transport_security.selection === 'tls') {
    sites.push(
      ...hostCertificationReferences(body.web_proxy.transport_security.host_certification_method, ['web_proxy', 'transport_security', 'host_certification_method']),
    );
  }
  return sites;
}

export const httpConnectionPolicies: CollectionSpec<HttpConnectionPolicy> = {
  kind: 'HTTP connection policy',
  path: PATHS.httpConnectionPolicies,
  schema: httpConnectionPolicyBody,
  strictSchema: httpConnectionPolicySchema('strict'),
  references: httpConnectionPolicyReferences,
  builtins: [],
};
