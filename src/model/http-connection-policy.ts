import { bool, reference, variant, variants } from './fields';
import { connectionControlFields, connectionPoliciesField, connectionTargetFields, offOmitted } from './connection-fields';
import { defineKind } from './kind';
import { PATHS } from './paths';
import { httpChannelPolicies } from './channel-policies';
import { httpAuthenticationPolicies, httpSettingsPolicies, signingCas, trustedCaLists, x509Identities } from './referenced-objects';

/** "HTTP connection policies" in the SPS REST API Reference Guide: every field, selection variant and constraint. */

/** The certificate SPS shows to the clients. */
const hostCertificationMethod = (doc: string) =>
  variants(
    'selection',
    doc,
    {
      onDoc: '`fix` (the same certificate for every connection; set `x509_identity`) or `generate` (a certificate per target, signed by `signing_ca`).',
      message: 'selection must be "fix" (one certificate) or "generate" (signed per target)',
      helperClass: 'HostCertificate',
    },
    {
      fix: variant(
        { x509_identity: reference(() => x509Identities, 'With `fix`: key of a certificate with its private key uploaded to SPS (`sps_x509_identity`).') },
        { method: 'fixed', args: ['x509_identity'] },
      ),
      generate: variant({ signing_ca: reference(() => signingCas, 'With `generate`: key of the signing CA (`sps_signing_ca`).') }, { method: 'generated', args: ['signing_ca'] }),
    },
  );

export const httpConnectionPolicies = defineKind({
  id: 'http_connection_policy',
  kind: 'HTTP connection policy',
  plural: 'HTTP connection policies',
  path: PATHS.httpConnectionPolicies,
  doc:
    'An HTTP connection policy (`/api/configuration/http/connections`): which clients may reach which servers through SPS, how the ' +
    'server address is found, TLS on both sides, who may authorize and audit, indexing, and the policies the connection uses. ' +
    'Referenced policies must exist; use the data sources (for example `sps_http_channel_policy`) to look up their keys by name.',
  managed: true,
  lookup: false,
  fields: {
    ...connectionTargetFields,
    web_proxy: variants(
      'enabled',
      'Lets clients use SPS as an HTTP web proxy. Defaults to disabled.',
      { onDoc: 'Set to `true` to let the clients use SPS as an HTTP web proxy.', message: 'enabled must be true or false' },
      {
        false: variant({}),
        true: variant({
          transport_security: variants(
            'selection',
            'TLS of the web proxy connection between the client and SPS (needs a client that can use TLS-secured proxy connections). Only with `enabled = true`; defaults to `disabled`.',
            { onDoc: '`disabled` (unencrypted proxy connection) or `tls`.', message: 'selection must be "disabled" or "tls"' },
            { disabled: variant({}), tls: variant({ host_certification_method: hostCertificationMethod('With `selection = "tls"`: the certificate SPS shows to the clients.') }) },
          )
            .prop({ name: 'tls', cases: { disabled: 'omit', tls: { field: 'host_certification_method' } } })
            .default({ selection: 'disabled' }),
        }),
      },
    )
      .prop(offOmitted('fields'))
      .default({ enabled: false }),
    transport_security: variants(
      'selection',
      'The encryption of the sessions. Defaults to `disabled`.',
      {
        onDoc: '`disabled` (no TLS), `client-only` (HTTPS on the client side, HTTP on the server side) or `client-server` (end-to-end TLS).',
        message: 'selection must be one of "disabled", "client-only", "client-server"',
        helperClass: 'TransportSecurity',
      },
      {
        disabled: variant({}, { method: 'disabled' }),
        // TLS towards the client needs a certificate to show, so the method is required.
        'client-only': variant(
          { host_certification_method: hostCertificationMethod('With `client-only` or `client-server`: the certificate SPS shows to the clients.') },
          { method: 'clientOnly', args: ['host_certification_method'] },
        ),
        'client-server': variant(
          {
            allow_non_encrypted: bool('With `client-server`: also allow unencrypted HTTP requests. Defaults to `false`.').default(false),
            server_certificate_check: variants(
              'enabled',
              'With `client-server`: whether SPS verifies the server\'s certificate. By default it accepts any certificate.',
              { onDoc: 'Set to `true` to verify the destination server\'s certificate against `trusted_ca`.', message: 'enabled must be true or false' },
              {
                false: variant({}),
                true: variant({ trusted_ca: reference(() => trustedCaLists, 'Key of the trusted CA list (`sps_trusted_ca_list`) to verify with; required when `enabled` is `true`.') }),
              },
            )
              // The construct wants `verifyServer: false` said when nothing verifies the servers.
              .prop({ flatten: true, cases: { false: { key: 'verifyServer' }, true: { key: 'trustedCa', field: 'trusted_ca' } } })
              .default({ enabled: false }),
            host_certification_method: hostCertificationMethod('With `client-only` or `client-server`: the certificate SPS shows to the clients.').prop({ name: 'certificate' }),
          },
          { method: 'clientServer', options: ['host_certification_method', 'allow_non_encrypted', 'server_certificate_check'] },
        ),
      },
    ).default({ selection: 'disabled' }),
    ...connectionControlFields('HTTP'),
    policies: connectionPoliciesField('HTTP', {
      channel: () => httpChannelPolicies,
      settings: () => httpSettingsPolicies,
      settingsDoc: 'protocol-level settings such as idle and session timeouts',
      authentication: {
        authentication_policy: reference(() => httpAuthenticationPolicies, 'Key of the HTTP authentication policy (`sps_http_authentication_policy`). Cannot be null.'),
      },
    }),
  },
  example: {
    initial: {
      name: 'proxy',
      network: { clients: ['0.0.0.0/0'], targets: ['0.0.0.0/0'], ports: [3128] },
      server_address: { selection: 'inband', domains: [{ domain: { selection: 'domain', value: '*' }, port: 80 }] },
      web_proxy: { enabled: true },
      // The built-in channel, settings, audit and authentication policies.
      policies: { channel_policy: '-304001002', settings: '-3040010', audit_policy: '-10000', authentication_policy: '-304002001' },
    },
    updated: {
      name: 'proxy',
      network: { clients: ['0.0.0.0/0'], targets: ['0.0.0.0/0'], ports: [3128, 8080] },
      server_address: { selection: 'inband', domains: [{ domain: { selection: 'domain', value: '*' }, port: 80 }] },
      web_proxy: { enabled: true },
      policies: { channel_policy: '-304001002', settings: '-3040010', audit_policy: '-10000', authentication_policy: '-304002001' },
    },
  },
});

export type HttpConnectionPolicy = ReturnType<(typeof httpConnectionPolicies)['schema']['parse']>;
