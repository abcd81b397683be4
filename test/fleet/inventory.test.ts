/**
 * The fleet inventory's validation (examples/fleet/inventory.ts): every mistake names the file,
 * the field and the value; and the app itself stops with that message before synthesizing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory, parseInventory, stateSchema } from '../../examples/fleet/inventory';
import { SITE_TAGS } from '../../examples/fleet/site-extras';
import { repoRoot } from '../support/paths';

const good = {
  name: 'london',
  url: 'https://sps-london.example.com',
  credentials: { usernameEnv: 'TF_VAR_sps_london_username', passwordEnv: 'TF_VAR_sps_london_password' },
  tags: ['dmz'],
};
const parse = (appliances: unknown[]) => () => parseInventory({ appliances }, 'inv.json', SITE_TAGS);

it('accepts the example inventory: three appliances with known tags and TF_VAR_ credentials', () => {
  const appliances = loadInventory(join(repoRoot, 'examples/fleet/inventory.json'), SITE_TAGS);
  expect(appliances.map((a) => a.name)).toEqual(['london', 'frankfurt', 'singapore']);
  expect(appliances.map((a) => stateSchema(a.name))).toEqual(['sps_london', 'sps_frankfurt', 'sps_singapore']);
});

it.each([
  [{ ...good, name: 'London!' }, 'inv.json: appliances[0].name: "London!" must be 1–40 lower-case letters'],
  [{ ...good, url: 'sps-london' }, 'inv.json: appliances[0].url: "sps-london" is not an http(s) URL'],
  [{ ...good, credentials: { ...good.credentials, passwordEnv: 'LONDON_PASSWORD' } }, 'inv.json: appliances[0].credentials.passwordEnv: "LONDON_PASSWORD" must name an environment variable TF_VAR_<name>'],
  [{ ...good, credentials: { ...good.credentials, password: 'hunter2' } }, 'inv.json: appliances[0].credentials.password: is not a known field (usernameEnv, passwordEnv)'],
  [{ ...good, tags: ['dmz', 'pcii'] }, `inv.json: appliances[0].tags[1]: "pcii" is not a known site tag (${SITE_TAGS.join(', ')})`],
  [{ ...good, site: 'eu' }, 'inv.json: appliances[0].site: is not a known field'],
  [{ ...good, caFile: '' }, 'inv.json: appliances[0].caFile: "" must be a file path'],
])('rejects %j naming the field and value', (appliance, message) => {
  expect(parse([appliance])).toThrow(message);
});

it('rejects two appliances whose state schemas would collide, and an empty fleet', () => {
  expect(parse([good, { ...good, name: 'lon-1' }, { ...good, name: 'lon_1' }])).toThrow('inv.json: appliances[2].name: "lon_1" has the same state schema (sps_lon_1) as "lon-1"');
  expect(parse([])).toThrow('inv.json: appliances: is empty');
});

it('the app stops before synthesizing, with the message and no stack trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sps-fleet-inventory-'));
  try {
    const file = join(dir, 'inventory.json');
    writeFileSync(file, JSON.stringify({ appliances: [{ ...good, credentials: { ...good.credentials, usernameEnv: 'SPS_USER' } }] }));
    const result = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile('npx', ['tsx', 'main.ts'], { cwd: join(repoRoot, 'examples/fleet'), env: { ...process.env, FLEET_INVENTORY: file, CDKTF_OUTDIR: join(dir, 'out') } }, (error, _stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stderr: String(stderr) }),
      ),
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`fleet: ${file}: appliances[0].credentials.usernameEnv: "SPS_USER" must name an environment variable TF_VAR_<name> (Terraform reads variables only from TF_VAR_…)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
