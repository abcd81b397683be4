/**
 * A fleet on this machine for the tests: a throw-away PostgreSQL for the state, one simulator per
 * appliance of the example's inventory (each with its own random password), the provider in a
 * filesystem mirror, and cdktf/terraform runs of examples/fleet. Everything lives in one temporary
 * directory, HOME included, so a test can check that nothing was written anywhere else.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
/* eslint-disable @typescript-eslint/no-require-imports */
const { startThrowawayPostgres } = require('../../scripts/lib/throwaway-postgres.cjs');
const fleet = require('../../scripts/lib/fleet.cjs');
const { installProvider, writeMirrorCliConfig } = require('../../scripts/lib/provider-install.cjs');
/* eslint-enable @typescript-eslint/no-require-imports */

export interface RunResult {
  code: number;
  output: string;
  seconds: number;
}

export interface Postgres {
  connStr: string;
  query(sql: string): string;
  stateSchemas(): string[];
  advisoryLocks(): number[];
  stop(): Promise<void>;
}

export interface Inventory {
  appliances: Array<{ name: string; url: string; credentials: { usernameEnv: string; passwordEnv: string }; tags: string[] }>;
}

export const COLLECTIONS = {
  userLists: '/api/configuration/policies/userlists',
  connectionPolicies: '/api/configuration/http/connections',
  apiClients: '/api/configuration/aaa/api_clients',
};

export class Fleet {
  readonly simulators: Record<string, SimulatorHandle> = {};
  readonly home: string;
  readonly cliConfigFile: string;
  private readonly ports: Record<string, number> = {};

  private constructor(
    readonly dir: string,
    readonly pg: Postgres,
    readonly inventory: Inventory,
    readonly credentials: Record<string, { username: string; password: string }>,
  ) {
    this.home = join(dir, 'home');
    mkdirSync(this.home);
    const { mirrorDir } = installProvider({ dir: join(dir, 'mirror') });
    this.cliConfigFile = join(dir, 'terraformrc');
    writeMirrorCliConfig(this.cliConfigFile, mirrorDir);
  }

  /** PostgreSQL and one simulator per appliance of `inventory` (default: the example's). */
  static async start(inventory: Inventory = fleet.baseInventory()): Promise<Fleet> {
    const dir = mkdtempSync(join(tmpdir(), 'sps-fleet-'));
    let pg: Postgres | undefined;
    try {
      pg = (await startThrowawayPostgres()) as Postgres;
      const harness = new Fleet(dir, pg, inventory, fleet.credentialsFor(inventory));
      for (const { name } of inventory.appliances) await harness.startAppliance(name);
      return harness;
    } catch (error) {
      await pg?.stop();
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Starts (or restarts, on the same port and with its committed configuration) an appliance. */
  async startAppliance(name: string): Promise<SimulatorHandle> {
    const simulator = await startTestSimulator({
      port: this.ports[name] ?? 0,
      statePath: join(this.dir, `${name}.appliance.json`),
      users: [{ name: this.credentials[name].username, password: this.credentials[name].password }],
    });
    this.ports[name] = Number(new URL(simulator.url).port);
    this.simulators[name] = simulator;
    return simulator;
  }

  async stopAppliance(name: string): Promise<void> {
    await this.simulators[name].close();
  }

  /** The inventory with the simulators' URLs, written for FLEET_INVENTORY; `change` edits a copy first. */
  writeInventory(file: string, change: (inventory: Inventory) => void = () => {}): string {
    const copy: Inventory = structuredClone(this.inventory);
    change(copy);
    const urls = Object.fromEntries(Object.keys(this.ports).map((name) => [name, `http://127.0.0.1:${this.ports[name]}`]));
    return fleet.writeInventory(join(this.dir, file), copy, urls);
  }

  env(inventoryFile: string, commitMessage: string, extra: Record<string, string> = {}): Record<string, string> {
    return fleet.fleetEnv({
      connStr: this.pg.connStr,
      cliConfigFile: this.cliConfigFile,
      inventoryFile,
      inventory: this.inventory,
      credentials: this.credentials,
      commitMessage,
      env: {
        HOME: this.home,
        // npm's download cache stays where it is (npx reads it), everything else goes to HOME.
        npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? '', '.npm'),
        npm_config_update_notifier: 'false',
        ...extra,
      },
    });
  }

  /** `cdktf <args>` on the fleet example, synthesizing into `output` under the fleet's directory. */
  cdktf(args: string[], output: string, env: Record<string, string>, onOutput?: (text: string) => void): Promise<RunResult> {
    return fleet.cdktf(args, { output: join(this.dir, output), env, timeoutMs: 300_000, onOutput });
  }

  terraform(args: string[], output: string, stack: string, env: Record<string, string>): Promise<RunResult> {
    return fleet.terraform(args, { stackDir: this.stackDir(output, stack), env, timeoutMs: 120_000 });
  }

  stackDir(output: string, stack: string): string {
    return join(this.dir, output, 'stacks', stack);
  }

  /** The names of the objects in a collection on an appliance, as another administrator sees them (built-ins left out). */
  async names(appliance: string, collection: string): Promise<string[]> {
    const { username, password } = this.credentials[appliance];
    const admin = await adminSession(this.simulators[appliance].url, username, password);
    const items = (await admin.call('GET', collection)).json.items as Array<{ key: string }>;
    const names = await Promise.all(items.filter((i) => !i.key.startsWith('-')).map(async (i) => (await admin.body(`${collection}/${i.key}`)).name as string));
    return names.sort();
  }

  /** Every appliance object's name on an appliance, by collection. */
  async objects(appliance: string): Promise<Record<keyof typeof COLLECTIONS, string[]>> {
    return {
      userLists: await this.names(appliance, COLLECTIONS.userLists),
      connectionPolicies: await this.names(appliance, COLLECTIONS.connectionPolicies),
      apiClients: await this.names(appliance, COLLECTIONS.apiClients),
    };
  }

  /** The managed resources in a stack's state, read from PostgreSQL (`type.name` addresses). */
  stateResources(appliance: string): string[] {
    const schema = `sps_${appliance.replace(/-/g, '_')}`;
    const data = this.pg.query(`SELECT data FROM ${schema}.states WHERE name = 'default'`);
    if (!data) return [];
    const state = JSON.parse(data) as { resources: Array<{ mode: string; type: string; name: string }> };
    return state.resources.filter((r) => r.mode === 'managed').map((r) => `${r.type}.${r.name}`).sort();
  }

  /** Every file under HOME: anything a run wrote outside the project and its temporary directory. */
  filesInHome(): string[] {
    return readdirSync(this.home, { recursive: true }).map(String);
  }

  async cleanup(): Promise<void> {
    fleet.stopRuns();
    for (const simulator of Object.values(this.simulators)) await simulator.close().catch(() => {});
    await this.pg.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** What the example declares for an appliance with `tags` (baseline.ts and site-extras.ts). */
export function expectedObjects(tags: readonly string[]): Record<keyof typeof COLLECTIONS, string[]> {
  const has = (tag: string) => tags.includes(tag);
  return {
    userLists: ['deployers', 'no_root_logins', ...(has('dmz') ? ['dmz_operators'] : []), ...(has('pci') ? ['pci_admins'] : [])].sort(),
    connectionPolicies: ['intranet_portal', ...(has('dmz') ? ['dmz_web_proxy'] : []), ...(has('pci') ? ['cardholder_portal'] : [])].sort(),
    apiClients: has('siem') ? ['siem-log-export'] : [],
  };
}
