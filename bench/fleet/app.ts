/**
 * The fleet benchmark's CDKTF app: the fleet example's stacks (pg backend, provider, credentials
 * from examples/fleet/connection.ts) for every appliance in FLEET_INVENTORY, each with
 * FLEET_BENCH_OBJECTS generated objects (half user lists, half HTTP connection policies) in place
 * of the example's baseline, so that fleet sizes can be compared object for object.
 */
import { App, TerraformStack } from 'cdktf';
import { HttpConnectionPolicy, ServerAddress, UserList } from 'sps-iac';
import { builtinPolicies } from '../../examples/fleet/baseline';
import { connectAppliance } from '../../examples/fleet/connection';
import { loadInventory } from '../../examples/fleet/inventory';

const objects = Number(process.env.FLEET_BENCH_OBJECTS ?? '0');
if (!Number.isInteger(objects) || objects < 0) throw new Error(`FLEET_BENCH_OBJECTS must be a whole number, not "${process.env.FLEET_BENCH_OBJECTS}"`);

const app = new App();
for (const appliance of loadInventory(process.env.FLEET_INVENTORY ?? '', [])) {
  const stack = new TerraformStack(app, appliance.name);
  connectAppliance(stack, appliance, { commitMessage: 'bench' });
  const policies = builtinPolicies(stack);
  for (let i = 0; i < objects; i++) {
    if (i % 2 === 0) UserList.allowOnly(stack, `list-${i}`, { name: `list-${i}`, users: [`user${i}`] });
    else {
      new HttpConnectionPolicy(stack, `policy-${i}`, {
        name: `policy-${i}`,
        network: { clients: ['10.0.0.0/8'], targets: [`10.1.${i % 250}.1`], ports: [443] },
        serverAddress: ServerAddress.fixed(`app${i}.example.com`, 8443),
        policies,
      });
    }
  }
}
app.synth();
