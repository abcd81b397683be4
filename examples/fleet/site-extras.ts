/** Per-site extras, chosen by the appliance's tags in the inventory. */
import { Construct } from 'constructs';
import { ApiClient, AppliesTo, HttpConnectionPolicy, ServerAddress, UserList } from 'sps-iac';
import type { BuiltinPolicies } from './baseline';

type Extra = (scope: Construct, policies: BuiltinPolicies) => void;

const SITE_EXTRAS: Readonly<Record<string, Extra>> = {
  /** A DMZ site: its operators and the outbound web proxy they are audited through. */
  dmz: (scope, policies) => {
    UserList.allowOnly(scope, 'dmz-operators', { name: 'dmz_operators', users: ['ops-dmz', 'oncall'] });
    new HttpConnectionPolicy(scope, 'dmz-proxy', {
      name: 'dmz_web_proxy',
      network: { clients: ['192.168.100.0/24'], targets: ['0.0.0.0/0'], ports: [3128] },
      serverAddress: ServerAddress.inband({ domains: [{ domain: '*', port: 443 }] }),
      webProxy: {},
      policies,
    });
  },
  /** A PCI site: only the cardholder-data admins, and four eyes on the cardholder portal. */
  pci: (scope, policies) => {
    UserList.allowOnly(scope, 'pci-admins', { name: 'pci_admins', users: ['carol', 'dave'] });
    new HttpConnectionPolicy(scope, 'cardholder', {
      name: 'cardholder_portal',
      network: { clients: ['10.40.0.0/16'], targets: ['10.40.9.20'], ports: [443] },
      serverAddress: ServerAddress.fixed('cde.example.com', 443),
      accessControl: [{ authorizer: 'pci-officers', permission: 'audit_and_authorize', requireDifferentIp: true, requireDifferentUsername: true, subject: { selection: 'everybody' } }],
      policies,
    });
  },
  /** A site whose SIEM pulls the logs with its own client credentials. */
  siem: (scope) => {
    new ApiClient(scope, 'siem', { name: 'siem-log-export', scopes: ['logs'], appliesTo: AppliesTo.allUsers() });
  },
};

export const SITE_TAGS = Object.keys(SITE_EXTRAS);

/** The extras of each tag, each in its own construct so their resource names cannot collide. */
export class SiteExtras extends Construct {
  constructor(scope: Construct, id: string, props: { tags: readonly string[]; policies: BuiltinPolicies }) {
    super(scope, id);
    for (const tag of props.tags) SITE_EXTRAS[tag](new Construct(this, tag), props.policies);
  }
}
