import * as z from 'zod';
import { cidrField, domainNameField, domainPatternField, hostOrAddressField, ipAddressField, nameField, portField } from './common-fields';
import { bool, type CaseSpelling, type Fields, list, nameLike, number, object, oneOf, type PropSpelling, reference, type ReferenceTarget, variant, variants } from './fields';
import {
  analyticsPolicies,
  archiveCleanupPolicies,
  auditPolicies,
  backupPolicies,
  indexingPolicies,
  ldapServers,
  usermappingPolicies,
} from './referenced-objects';

/**
 * The fields every connection policy has (HTTP, SSH, RDP: `/api/configuration/<protocol>/connections`),
 * described once. The HTTP connection policy's element table of the SPS REST API Reference Guide is
 * their source; the guide's tables of other protocols start with the same rows.
 */

const wholeNumber = (doc: string, min: number, max: number | undefined, range: string) => {
  let schema = z.number().int('must be a whole number').min(min, range);
  if (max !== undefined) schema = schema.max(max, range);
  return number(doc, schema);
};

/** The construct's spelling of a feature that can be switched off: left out when off, `on` when on. */
export const offOmitted = (on: CaseSpelling, name?: string): PropSpelling => ({ name, cases: { false: 'omit', true: on } });

const groupNameSchema = z.string({ error: 'must be a user group name' }).min(1, 'must be a user group name');
const groupName = (doc: string) => nameLike(doc, groupNameSchema);

/** Something that can be switched off, with the fields it has when on. */
const enabledOr = <F extends Fields>(doc: string, onDoc: string, enabled: F) =>
  variants('enabled', doc, { onDoc, message: 'enabled must be true or false' }, { false: variant({}), true: variant(enabled) });

/** An inband target (or exception): an IP range or a domain, and a port. */
const inbandDomain = (what: string) =>
  variants(
    'selection',
    `The ${what} address range.`,
    { onDoc: '`address` (the value is an IP range) or `domain` (the value is a domain, e.g. `*.example.com`).', message: 'selection must be "address" (an IP range) or "domain"' },
    {
      address: variant({ value: cidrField(`The ${what} address range or domain.`) }),
      domain: variant({ value: domainPatternField(`The ${what} address range or domain.`) }),
    },
  ).prop({ flatten: true, cases: { address: { key: 'addressRange', field: 'value' }, domain: { key: 'domain', field: 'value' } } });

const serverAddress = variants(
  'selection',
  'The address where the clients connect to.',
  {
    onDoc:
      '`original` (connect to the address the client asked for), `nat` (translate the target address; set `network`), `fix` (a fixed server; set `address` and `port`) or `inband` (take the server from the username; set `domains`).',
    message: 'selection must be one of "original", "nat", "fix", "inband"',
    helperClass: 'ServerAddress',
    // The reference states no selection restriction for custom_dns, so every variant has it.
    shared: { custom_dns: hostOrAddressField('A DNS server (hostname or IP address) to resolve target addresses with.').nullable().optional() },
  },
  {
    original: variant({}, { method: 'original' }),
    nat: variant({ network: cidrField('With `nat`: the network (CIDR) to translate the target address into.') }, { method: 'nat', args: ['network'] }),
    fix: variant(
      { address: hostOrAddressField('With `fix`: the server\'s hostname or IP address.'), port: portField('With `fix`: the server\'s port.') },
      { method: 'fixed', args: ['address', 'port'] },
    ),
    inband: variant(
      {
        domains: list(
          object('A target address range.', { domain: inbandDomain('target'), port: portField('The port of the target server(s).') }),
          'With `inband` (required there): the target address ranges the policy includes.',
          { unique: 'target domains', min: [1, 'must list at least one target domain when selection is "inband"'] },
        ),
        exception_domains: list(
          object('An excluded address range.', { domain: inbandDomain('excluded'), port: portField('The excluded port.').nullable().optional() }),
          'With `inband`: address ranges excluded from the policy.',
          { unique: 'exception domains' },
        )
          .default([])
          .prop({ name: 'exceptions' }),
        dns_server: hostOrAddressField('With `inband`: IP address or hostname of the DNS server used to resolve the target server\'s address.').nullable().default(null),
        dns_suffixes: list(
          domainNameField('A domain name.'),
          'With `inband`: domain names appended, in order, when a client names a server without its domain; the first one that resolves is used.',
          { unique: 'DNS suffixes' },
        ).default([]),
      },
      { method: 'inband', options: ['domains', 'exception_domains', 'dns_server', 'dns_suffixes'] },
    ),
  },
);

/** What a connection policy applies to and where it connects: the fields before the protocol's own. */
export const connectionTargetFields = {
  name: nameField('The name of the connection policy.'),
  active: bool('Set to `false` to suspend the connection policy; its settings are preserved. Defaults to `true`.').default(true),
  network: object('Which connections the policy applies to.', {
    clients: list(cidrField('An IP address or CIDR range.'), 'Client ("from") IP addresses or CIDR ranges, e.g. `0.0.0.0/0`.', {
      unique: 'client addresses',
      min: [1, 'must list at least one client address or range (0.0.0.0/0 for any)'],
    }),
    targets: list(cidrField('An IP address or CIDR range.'), 'Target IP addresses or CIDR ranges.', {
      unique: 'target addresses',
      min: [1, 'must list at least one target address or range (0.0.0.0/0 for any)'],
    }),
    ports: list(portField('A port.'), 'Target ports (1–65535).', { unique: 'ports', min: [1, 'must list at least one target port'] }),
  }),
  server_address: serverAddress,
  source_address: variants(
    'selection',
    'Source Network Address Translation (SNAT) on the server side: the address the target server sees the connection coming from. Defaults to `box_address`.',
    {
      onDoc: '`box_address` (the address of SPS\'s logical interface), `original` (the client\'s address as seen by SPS) or `fix` (a fixed address, set in `address`).',
      message: 'selection must be one of "box_address", "original", "fix"',
    },
    { box_address: variant({}), original: variant({}), fix: variant({ address: ipAddressField('The IP address to use when `selection` is `fix`.') }) },
  )
    .prop({ cases: { box_address: 'value', original: 'value', fix: { key: 'fixed', field: 'address' } } })
    .default({ selection: 'box_address' }),
};

/** Who authorizes and audits the connections, how they are indexed, limited, logged and cleaned up: the fields after the protocol's own. */
export function connectionControlFields(protocol: string) {
  return {
    access_control: list(
      object('An access policy.', {
        authorizer: groupName('The user group (local or LDAP) that can authorize or audit the connection.'),
        permission: oneOf(
          ['audit', 'authorize', 'audit_and_authorize'],
          '`audit` (monitor ongoing connections and download audit trails), `authorize` (authorize connection requests) or `audit_and_authorize` (both).',
        ),
        require_different_ip: bool('Require the authorizing user and the subject to have different IP addresses.'),
        require_different_username: bool('Require the authorizing user and the subject to have different usernames.'),
        subject: variants(
          'selection',
          'Who is subject to the access control policy.',
          { onDoc: '`everybody`, or `only` (the members of `group`).', message: 'selection must be "everybody" or "only"' },
          { everybody: variant({}), only: variant({ group: groupName('With `selection = "only"`: the user group (local or LDAP) that is subject to the policy.') }) },
        ),
      }),
      'Access policies: who can authorize and audit the connection. Defaults to none.',
    ).default([]),
    indexing: enabledOr('Indexing of the connections\' audit trails. Defaults to disabled.', 'Set to `true` to index the connections.', {
      policy: reference(() => indexingPolicies, 'Key of the indexing policy (`sps_indexing_policy`); required when `enabled` is `true`.'),
      priority: wholeNumber(
        'Indexing priority: 0 (near real-time), 1 (very high), 2 (high), 3 (normal, the default), 4 (low), 5 (very low).',
        0,
        5,
        'must be between 0 (near real-time) and 5 (very low)',
      ).default(3),
    })
      .prop(offOmitted('fields'))
      .default({ enabled: false }),
    rate_limit: enabledOr('Connection rate limit. Defaults to disabled.', 'Set to `true` to limit the connection rate.', {
      value: wholeNumber('Connections allowed per minute; required when `enabled` is `true`.', 1, undefined, 'must be at least 1 connection per minute'),
    })
      .prop(offOmitted({ field: 'value' }))
      .default({ enabled: false }),
    log_audit_trail_downloads: bool('Set to `true` to log audit trail downloads. Defaults to `false`.').default(false),
    channel_database_cleanup: enabledOr('Cleanup of the connection metadata at the policy\'s level. Defaults to disabled.', 'Set to `true` to clean up the connection metadata periodically.', {
      days: wholeNumber(
        `Retention in days; required when \`enabled\` is \`true\`. Must not exceed the retention of the archive/cleanup policy nor that of the global ${protocol} settings.`,
        1,
        undefined,
        'must be at least 1 day',
      ),
    })
      .prop(offOmitted({ field: 'days' }, 'channelDatabaseCleanupDays'))
      .default({ enabled: false }),
    override_log_level: enabledOr('A log level for this connection policy instead of the global one. Defaults to disabled.', 'Set to `true` to override the log level.', {
      log_level: wholeNumber('The log level (1–7); required when `enabled` is `true`.', 1, 7, 'must be between 1 and 7'),
    })
      .prop(offOmitted({ field: 'log_level' }, 'logLevel'))
      .default({ enabled: false }),
  };
}

type Target<Id extends string> = () => ReferenceTarget & { readonly id: Id };

/**
 * `policies`: the policies a connection uses, by key. The protocol's own kinds (`channel`,
 * `settings`, and `authentication` where the protocol has authentication policies) come first, in
 * the guide's order, then the policies every protocol shares.
 */
export function connectionPoliciesField<C extends string, S extends string, A extends Fields>(
  protocol: string,
  own: { channel: Target<C>; settings: Target<S>; settingsDoc: string; authentication: A },
) {
  const id = protocol.toLowerCase();
  return object('The policies the connection uses, by key. Use the data sources to look keys up by name.', {
    channel_policy: reference(own.channel, `Key of the ${protocol} channel policy (\`sps_${id}_channel_policy\`).`),
    settings: reference(own.settings, `Key of the ${protocol} settings policy (\`sps_${id}_settings_policy\`): ${own.settingsDoc}.`),
    audit_policy: reference(() => auditPolicies, 'Key of the audit policy (`sps_audit_policy`). Cannot be null.'),
    ...own.authentication,
    ldap_server: reference(() => ldapServers, 'Key of the LDAP server (`sps_ldap_server`), or null.').nullable().default(null),
    backup_policy: reference(() => backupPolicies, 'Key of the backup policy (`sps_backup_policy`), or null.').nullable().default(null),
    usermapping_policy: reference(() => usermappingPolicies, 'Key of the usermapping policy (`sps_usermapping_policy`), or null.').nullable().default(null),
    archive_cleanup_policy: reference(() => archiveCleanupPolicies, 'Key of the archive/cleanup policy (`sps_archive_cleanup_policy`), or null.').nullable().default(null),
    analytics_policy: reference(() => analyticsPolicies, 'Key of the analytics policy (`sps_analytics_policy`), or null.').nullable().default(null),
  });
}
