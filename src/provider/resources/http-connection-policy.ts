import { type HttpConnectionPolicy, httpConnectionPolicies } from '../../model';
import type { Attribute, Resource } from '../../plugin/framework';
import type { ProviderRuntime } from '../runtime';
import { nested, optional, required } from './attribute-helpers';
import { modelResource } from './model-resource';

/** The HTTP connection policy's attributes that map one-to-one to body fields (sps-export writes exactly these). */
export const httpConnectionPolicyAttributes: Readonly<Record<string, Attribute>> = {
  name: required('string', 'The name of the connection policy.'),
  active: optional('bool', 'Set to `false` to suspend the connection policy; its settings are preserved. Defaults to `true`.'),
  network: nested('single', 'required', 'Which connections the policy applies to.', {
    clients: required({ list: 'string' }, 'Client ("from") IP addresses or CIDR ranges, e.g. `0.0.0.0/0`.'),
    targets: required({ list: 'string' }, 'Target IP addresses or CIDR ranges.'),
    ports: required({ list: 'number' }, 'Target ports (1–65535).'),
  }),
  server_address: nested('single', 'required', 'The address where the clients connect to.', serverAddressAttributes()),
  source_address: nested(
    'single',
    'optional',
    'Source Network Address Translation (SNAT) on the server side: the address the target server sees the connection coming from. Defaults to `box_address`.',
    {
      selection: required(
        'string',
        '`box_address` (the address of SPS\'s logical interface), `original` (the client\'s address as seen by SPS) or `fix` (a fixed address, set in `address`).',
      ),
      address: optional('string', 'The IP address to use when `selection` is `fix`.'),
    },
  ),
  web_proxy: nested('single', 'optional', 'Lets clients use SPS as an HTTP web proxy. Defaults to disabled.', {
    enabled: required('bool', 'Set to `true` to let the clients use SPS as an HTTP web proxy.'),
    transport_security: nested(
      'single',
      'optional',
      'TLS of the web proxy connection between the client and SPS (needs a client that can use TLS-secured proxy connections). Only with `enabled = true`; defaults to `disabled`.',
      {
        selection: required('string', '`disabled` (unencrypted proxy connection) or `tls`.'),
        host_certification_method: hostCertificationMethod('With `selection = "tls"`: the certificate SPS shows to the clients.'),
      },
    ),
  }),
  transport_security: nested('single', 'optional', 'The encryption of the sessions. Defaults to `disabled`.', {
    selection: required(
      'string',
      '`disabled` (no TLS), `client-only` (HTTPS on the client side, HTTP on the server side) or `client-server` (end-to-end TLS).',
    ),
    allow_non_encrypted: optional('bool', 'With `client-server`: also allow unencrypted HTTP requests. Defaults to `false`.'),
    server_certificate_check: nested(
      'single',
      'optional',
      'With `client-server`: whether SPS verifies the server\'s certificate. By default it accepts any certificate.',
      {
        enabled: required('bool', 'Set to `true` to verify the destination server\'s certificate against `trusted_ca`.'),
        trusted_ca: optional('string', 'Key of the trusted CA list (`sps_trusted_ca_list`) to verify with; required when `enabled` is `true`.'),
      },
    ),
    host_certification_method: hostCertificationMethod('With `client-only` or `client-server`: the certificate SPS shows to the clients.'),
  }),
  access_control: nested('list', 'optional', 'Access policies: who can authorize and audit the connection. Defaults to none.', {
    authorizer: required('string', 'The user group (local or LDAP) that can authorize or audit the connection.'),
    permission: required(
      'string',
      '`audit` (monitor ongoing connections and download audit trails), `authorize` (authorize connection requests) or `audit_and_authorize` (both).',
    ),
    require_different_ip: required('bool', 'Require the authorizing user and the subject to have different IP addresses.'),
    require_different_username: required('bool', 'Require the authorizing user and the subject to have different usernames.'),
    subject: nested('single', 'required', 'Who is subject to the access control policy.', {
      selection: required('string', '`everybody`, or `only` (the members of `group`).'),
      group: optional('string', 'With `selection = "only"`: the user group (local or LDAP) that is subject to the policy.'),
    }),
  }),
  indexing: nested('single', 'optional', 'Indexing of the connections\' audit trails. Defaults to disabled.', {
    enabled: required('bool', 'Set to `true` to index the connections.'),
    policy: optional('string', 'Key of the indexing policy (`sps_indexing_policy`); required when `enabled` is `true`.'),
    priority: optional('number', 'Indexing priority: 0 (near real-time), 1 (very high), 2 (high), 3 (normal, the default), 4 (low), 5 (very low).'),
  }),
  rate_limit: nested('single', 'optional', 'Connection rate limit. Defaults to disabled.', {
    enabled: required('bool', 'Set to `true` to limit the connection rate.'),
    value: optional('number', 'Connections allowed per minute; required when `enabled` is `true`.'),
  }),
  log_audit_trail_downloads: optional('bool', 'Set to `true` to log audit trail downloads. Defaults to `false`.'),
  channel_database_cleanup: nested('single', 'optional', 'Cleanup of the connection metadata at the policy\'s level. Defaults to disabled.', {
    enabled: required('bool', 'Set to `true` to clean up the connection metadata periodically.'),
    days: optional(
      'number',
      'Retention in days; required when `enabled` is `true`. Must not exceed the retention of the archive/cleanup policy nor that of the global HTTP settings.',
    ),
  }),
  override_log_level: nested('single', 'optional', 'A log level for this connection policy instead of the global one. Defaults to disabled.', {
    enabled: required('bool', 'Set to `true` to override the log level.'),
    log_level: optional('number', 'The log level (1–7); required when `enabled` is `true`.'),
  }),
  policies: nested('single', 'required', 'The policies the connection uses, by key. Use the data sources to look keys up by name.', {
    channel_policy: required('string', 'Key of the HTTP channel policy (`sps_http_channel_policy`).'),
    settings: required('string', 'Key of the HTTP settings policy (`sps_http_settings_policy`): protocol-level settings such as idle and session timeouts.'),
    audit_policy: required('string', 'Key of the audit policy (`sps_audit_policy`). Cannot be null.'),
    authentication_policy: required('string', 'Key of the HTTP authentication policy (`sps_http_authentication_policy`). Cannot be null.'),
    ldap_server: optional('string', 'Key of the LDAP server (`sps_ldap_server`), or null.'),
    backup_policy: optional('string', 'Key of the backup policy (`sps_backup_policy`), or null.'),
    usermapping_policy: optional('string', 'Key of the usermapping policy (`sps_usermapping_policy`), or null.'),
    archive_cleanup_policy: optional('string', 'Key of the archive/cleanup policy (`sps_archive_cleanup_policy`), or null.'),
    analytics_policy: optional('string', 'Key of the analytics policy (`sps_analytics_policy`), or null.'),
  }),
};

/** `sps_http_connection_policy`: "HTTP connection policies" in the SPS REST API Reference Guide, every field. */
export function httpConnectionPolicyResource(runtime: ProviderRuntime): Resource {
  return modelResource<HttpConnectionPolicy>(runtime, {
    typeName: 'sps_http_connection_policy',
    spec: httpConnectionPolicies,
    description:
      'An HTTP connection policy (`/api/configuration/http/connections`): which clients may reach which servers through SPS, how the ' +
      'server address is found, TLS on both sides, who may authorize and audit, indexing, and the policies the connection uses. ' +
      'Referenced policies must exist; use the data sources (for example `sps_http_channel_policy`) to look up their keys by name.',
    modelAttributes: httpConnectionPolicyAttributes,
  });
}

function serverAddressAttributes(): Record<string, Attribute> {
  const domainEntry = (what: string, portDescription: string) => ({
    domain: nested('single', 'required', `The ${what} address range.`, {
      selection: required('string', '`address` (the value is an IP range) or `domain` (the value is a domain, e.g. `*.example.com`).'),
      value: required('string', `The ${what} address range or domain.`),
    }),
    port: required('number', portDescription),
  });
  return {
    selection: required(
      'string',
      '`original` (connect to the address the client asked for), `nat` (translate the target address; set `network`), `fix` (a fixed server; set `address` and `port`) or `inband` (take the server from the username; set `domains`).',
    ),
    custom_dns: optional('string', 'A DNS server (hostname or IP address) to resolve target addresses with.'),
    network: optional('string', 'With `nat`: the network (CIDR) to translate the target address into.'),
    address: optional('string', 'With `fix`: the server\'s hostname or IP address.'),
    port: optional('number', 'With `fix`: the server\'s port.'),
    domains: nested('list', 'optional', 'With `inband` (required there): the target address ranges the policy includes.', domainEntry('target', 'The port of the target server(s).')),
    exception_domains: {
      ...nested('list', 'optional', 'With `inband`: address ranges excluded from the policy.', {
        ...domainEntry('excluded', ''),
        port: optional('number', 'The excluded port.'),
      }),
    },
    dns_server: optional('string', 'With `inband`: IP address or hostname of the DNS server used to resolve the target server\'s address.'),
    dns_suffixes: optional(
      { list: 'string' },
      'With `inband`: domain names appended, in order, when a client names a server without its domain; the first one that resolves is used.',
    ),
  };
}

function hostCertificationMethod(description: string) {
  return nested('single', 'optional', description, {
    selection: required('string', '`fix` (the same certificate for every connection; set `x509_identity`) or `generate` (a certificate per target, signed by `signing_ca`).'),
    x509_identity: optional('string', 'With `fix`: key of a certificate with its private key uploaded to SPS (`sps_x509_identity`).'),
    signing_ca: optional('string', 'With `generate`: key of the signing CA (`sps_signing_ca`).'),
  });
}
