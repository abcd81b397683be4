/**
 * Every Terraform example in docs/ works as pasted: each page's examples become one module of a
 * configuration that the real terraform CLI applies and destroys against a fresh simulator holding
 * the example seed (examples/simulator-seed.yaml), as the data-source examples say.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulatorHandle } from '../../src/simulator';
import { startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(300_000));

const ROOT = join(__dirname, '..', '..');
const DOCS = join(ROOT, 'docs');

/**
 * The ```terraform blocks of a page, minus the provider's own configuration (the module inherits
 * it) and the import blocks (they need the key of an object that exists; the import tests cover them).
 */
function examplesOf(page: string): string[] {
  const blocks = [...readFileSync(page, 'utf8').matchAll(/```terraform\n([\s\S]*?)```/g)].map((match) => match[1]);
  return blocks.filter((block) => !/^\s*(terraform|provider|import)\s/m.test(block));
}

let simulator: SimulatorHandle;
let ws: Workspace;
const pages = ['resources', 'data-sources'].flatMap((folder) => readdirSync(join(DOCS, folder)).map((file) => join(folder, file)));

beforeAll(async () => {
  simulator = await startTestSimulator({ seed: join(ROOT, 'examples', 'simulator-seed.yaml') });
  ws = makeWorkspace({ env: { SPS_URL: simulator.url, SPS_USERNAME: 'admin', SPS_PASSWORD: 'admin' } });
  const modules: string[] = [];
  for (const page of pages) {
    const examples = examplesOf(join(DOCS, page));
    if (examples.length === 0) continue;
    const name = page.replace(/\.md$/, '').replace(/[^a-z0-9]+/g, '_');
    mkdirSync(join(ws.dir, name));
    writeFileSync(join(ws.dir, name, 'versions.tf'), PROVIDER_BLOCK);
    writeFileSync(join(ws.dir, name, 'main.tf'), examples.join('\n'));
    modules.push(`module "${name}" {\n  source = "./${name}"\n}\n`);
  }
  ws.write({ 'main.tf': `${PROVIDER_BLOCK}\nprovider "sps" {}\n\n${modules.join('\n')}` });
  await tfOk(ws, ['init', '-input=false']);
});

afterAll(async () => {
  ws?.cleanup();
  await simulator?.close();
});

it('finds a Terraform example on every resource and data-source page', () => {
  const without = pages.filter((page) => examplesOf(join(DOCS, page)).length === 0);
  expect(without).toEqual([]);
  expect(pages.length).toBeGreaterThan(15);
});

it('applies every example against the simulator with the example seed, then plans clean and destroys', async () => {
  const apply = await tfOk(ws, ['apply', '-auto-approve', '-no-color']);
  expect(apply.stdout).toMatch(/Apply complete!/);
  await tfOk(ws, ['plan', '-detailed-exitcode'], 0);
  await tfOk(ws, ['destroy', '-auto-approve']);
});
