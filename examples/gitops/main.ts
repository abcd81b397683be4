/**
 * A GitOps repository's CDKTF app for one SPS appliance. Credentials come from the environment
 * (SPS_URL, SPS_USERNAME/SPS_PASSWORD or SPS_CLIENT_ID/SPS_CLIENT_SECRET, SPS_CA_FILE) and the
 * commit message from SPS_COMMIT_MESSAGE (CI sets it to the pull request's URL).
 */
import { App, LocalBackend, PgBackend, type PgBackendConfig, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import {
  ApiClient,
  AppliesTo,
  AuditPolicy,
  HttpAuthenticationPolicy,
  HttpChannelPolicy,
  HttpConnectionPolicy,
  HttpSettingsPolicy,
  IndexingPolicy,
  ServerAddress,
  SpsProvider,
  SshAuthenticationPolicy,
  SshChannelPolicy,
  SshConnectionPolicy,
  SshSettingsPolicy,
  TimePolicy,
  UserList,
} from 'sps-iac';

export class ApplianceStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // The state: in CI a shared backend with locking (PostgreSQL here, connection string from
    // PG_CONN_STR, never from the code); on a laptop a local file (SPS_LOCAL_STATE, else cdktf's
    // default terraform.<stack>.tfstate in the project directory).
    // conn_str is left out on purpose (cdktf's type wants it): Terraform then reads PG_CONN_STR, so
    // the connection string never lands in cdk.tf.json.
    if (process.env.PG_CONN_STR) new PgBackend(this, { schemaName: `sps_${id}` } as PgBackendConfig);
    else if (process.env.SPS_LOCAL_STATE) new LocalBackend(this, { path: process.env.SPS_LOCAL_STATE });
    new SpsProvider(this, 'sps');

    // Who may log in through the gateways.
    UserList.allowOnly(this, 'deployers', { name: 'deployers', users: ['deploy', 'release-bot'] });
    UserList.denyOnly(this, 'no-root', { name: 'no_root_logins', users: ['root'] });
    UserList.allowOnly(this, 'dba', { name: 'database_admins', users: ['alice', 'bob'] });

    // The access chain: who (the operators), when (office hours on weekdays), which channels (a
    // channel policy rule naming both) and where (the connection policies using it). Who may
    // operate the servers is then one line here, reviewed in a pull request.
    const operators = UserList.allowOnly(this, 'operators', { name: 'operators', users: ['alice', 'bob', 'carol'] });
    const officeHours = TimePolicy.weekdays(this, 'office-hours', { name: 'office_hours', from: '7:00', to: '19:00' });
    const operatorsShell = new SshChannelPolicy(this, 'operators-shell', {
      name: 'operators_shell',
      rules: [SshChannelPolicy.allow('session-shell', { remoteGroups: [operators], during: officeHours })],
    });
    const operatorsWeb = new HttpChannelPolicy(this, 'operators-web', {
      name: 'operators_web',
      rules: [HttpChannelPolicy.allow('http', { remoteGroups: [operators], during: officeHours })],
    });

    // The built-in policies, referenced by name rather than by magic key.
    const policies = {
      channelPolicy: HttpChannelPolicy.fromName(this, 'channel-default', 'default'),
      settings: HttpSettingsPolicy.fromName(this, 'settings-default', 'default'),
      auditPolicy: AuditPolicy.fromName(this, 'audit-default', 'default'),
      authenticationPolicy: HttpAuthenticationPolicy.fromName(this, 'authentication-default', 'default'),
    };

    // SSH to the Linux servers: the operators' shells during office hours.
    new SshConnectionPolicy(this, 'linux', {
      name: 'linux_servers',
      network: { clients: ['10.20.0.0/16'], targets: ['10.40.0.0/16'], ports: [22] },
      serverAddress: ServerAddress.original(),
      policies: {
        channelPolicy: operatorsShell,
        settings: SshSettingsPolicy.fromName(this, 'ssh-settings-default', 'default'),
        auditPolicy: policies.auditPolicy,
        authenticationPolicy: SshAuthenticationPolicy.fromName(this, 'ssh-authentication-default', 'default'),
      },
    });

    new HttpConnectionPolicy(this, 'proxy', {
      name: 'http_proxy',
      network: { clients: ['10.0.0.0/8'], targets: ['0.0.0.0/0'], ports: [3128] },
      serverAddress: ServerAddress.inband({ domains: [{ domain: '*.example.com', port: 443 }, { domain: '*', port: 80 }] }),
      webProxy: {},
      indexing: { policy: IndexingPolicy.fromName(this, 'indexing-default', 'default') },
      logAuditTrailDownloads: true,
      policies,
    });

    // The intranet portal: the operators, during office hours.
    new HttpConnectionPolicy(this, 'intranet', {
      name: 'intranet_portal',
      network: { clients: ['10.20.0.0/16'], targets: ['10.30.1.10'], ports: [443] },
      serverAddress: ServerAddress.fixed('intranet.example.com', 8443),
      rateLimit: 120,
      channelDatabaseCleanupDays: 90,
      accessControl: [
        {
          authorizer: 'security-officers',
          permission: 'audit_and_authorize',
          requireDifferentIp: true,
          requireDifferentUsername: true,
          subject: { selection: 'everybody' },
        },
      ],
      policies: { ...policies, channelPolicy: operatorsWeb },
    });

    // The SIEM pulls logs of every user with its own client credentials; its secret is handed to the
    // SIEM from Terraform's state (never as a stack output unless `outputs: true`).
    new ApiClient(this, 'siem', { name: 'siem-log-export', scopes: ['logs'], appliesTo: AppliesTo.allUsers(), rotation: '2026-q4' });
  }
}

const app = new App();
new ApplianceStack(app, 'appliance');
app.synth();
