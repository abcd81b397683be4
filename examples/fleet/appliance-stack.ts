/** One appliance's stack: its connection, the fleet baseline and its site's extras. */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Baseline, builtinPolicies } from './baseline';
import { connectAppliance } from './connection';
import type { Appliance } from './inventory';
import { SiteExtras } from './site-extras';

export class ApplianceStack extends TerraformStack {
  constructor(scope: Construct, appliance: Appliance, options: { commitMessage?: string } = {}) {
    super(scope, appliance.name);
    connectAppliance(this, appliance, options);
    const policies = builtinPolicies(this);
    new Baseline(this, 'baseline', { policies });
    new SiteExtras(this, 'site', { tags: appliance.tags, policies });
  }
}
