/**
 * A fleet of SPS appliances: one stack per appliance in the inventory (FLEET_INVENTORY, default
 * inventory.json beside this file). State: PostgreSQL, one schema per stack, connection string
 * from PG_CONN_STR. Credentials: the TF_VAR_… variables the inventory names, read by Terraform
 * only (cdktf does not even pass TF_VAR_… to this app). Commit message: SPS_COMMIT_MESSAGE (CI
 * sets it to the pull request's URL).
 */
import { App } from 'cdktf';
import { join } from 'node:path';
import { ApplianceStack } from './appliance-stack';
import { loadInventory } from './inventory';
import { SITE_TAGS } from './site-extras';

function main(): void {
  const inventoryFile = process.env.FLEET_INVENTORY || join(__dirname, 'inventory.json');
  const appliances = loadInventory(inventoryFile, SITE_TAGS);
  const app = new App();
  for (const appliance of appliances) new ApplianceStack(app, appliance, { commitMessage: process.env.SPS_COMMIT_MESSAGE });
  app.synth();
}

try {
  main();
} catch (error) {
  // The message names the file, field and value; a stack trace would only bury it.
  console.error(`fleet: ${(error as Error).message}`);
  process.exit(1);
}
