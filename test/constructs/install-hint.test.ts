/**
 * At synth, SpsProvider says how to install the provider when Terraform would not find it: once
 * per synth, however many stacks, the one command to run; and nothing once it is installed. What
 * Terraform itself says then is what the README's troubleshooting section quotes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_VERSION } from '../../src/version';
import { bash } from '../package/user-repo';
import { repoRoot } from '../support/paths';
import { isolatedUserEnvironment } from '../support/user-environment';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(180_000));

let base: string;
let project: string;
let env: Record<string, string | undefined>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'sps-install-hint-'));
  project = join(base, 'project');
  mkdirSync(join(base, 'home'));
  mkdirSync(project);
  // A user's app with two stacks, from the built package and the cdktf this repository uses.
  writeFileSync(
    join(project, 'main.js'),
    `const { App, TerraformStack } = require(${JSON.stringify(require.resolve('cdktf'))});\n` +
      `const { SpsProvider } = require(${JSON.stringify(join(repoRoot, 'dist/index.js'))});\n` +
      `const app = new App({ outdir: 'cdktf.out' });\n` +
      `for (const name of ['one', 'two']) new SpsProvider(new TerraformStack(app, name), 'sps', {});\n` +
      'app.synth();\n',
  );
  env = isolatedUserEnvironment(join(base, 'home'), { CI: undefined });
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** stderr of a synth that runs after `before` (its output dropped), in the project, in one shell. */
async function synthStderr(before = 'true', extra: Record<string, string> = {}): Promise<string> {
  const result = await bash(`{ ${before}\n} >/dev/null\nnode main.js 2>&1 >/dev/null`, project, { ...env, ...extra });
  expect({ code: result.code, output: result.code === 0 ? '' : result.output }).toEqual({ code: 0, output: '' });
  return result.output;
}

const hint = (config: string, command: string) =>
  `sps-iac: the provider sps-iac/sps ${PACKAGE_VERSION} is not installed where Terraform looks for it (${config}), so terraform init ` +
  `(and cdktf diff or deploy) would fail with "Failed to query available provider packages". Install it:\n  ${command}\n`;

it('prints the one command that installs the provider, once; after running it, nothing', async () => {
  const command = `npx sps-install-provider && export TF_CLI_CONFIG_FILE=${JSON.stringify(join(project, '.sps-provider', 'terraformrc'))}`;
  expect(await synthStderr()).toBe(hint('TF_CLI_CONFIG_FILE is not set', command));
  // The command as printed (the bin of this checkout for npx's), then the synth in the same shell.
  expect(await synthStderr(command.replace('npx sps-install-provider', `node ${join(repoRoot, 'dist/bin/sps-install-provider.js')}`))).toBe('');
});

it('after an upgrade (the mirror lacks this version): sps-install-provider alone; Terraform says what the README quotes', async () => {
  const cliConfig = join(project, '.sps-provider', 'terraformrc');
  expect((await bash(`node ${join(repoRoot, 'dist/bin/sps-install-provider.js')} --quiet`, project, env)).code).toBe(0);
  rmSync(join(project, '.sps-provider', 'mirror'), { recursive: true, force: true });
  mkdirSync(join(project, '.sps-provider', 'mirror'));
  expect(await synthStderr('true', { TF_CLI_CONFIG_FILE: cliConfig })).toBe(hint(`TF_CLI_CONFIG_FILE=${cliConfig}`, 'npx sps-install-provider'));

  const init = await bash('terraform init -no-color -input=false', join(project, 'cdktf.out/stacks/one'), { ...env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1' });
  expect(init.code).not.toBe(0);
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const quoted = /<!-- troubleshooting:provider-not-installed -->\n```text\n([\s\S]*?)```/.exec(readme)?.[1];
  const words = (text: string) => text.replace(/\s+/g, ' ').trim();
  expect(words(init.output)).toContain(words(quoted!));
});
