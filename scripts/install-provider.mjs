#!/usr/bin/env node
// npm run install-provider [-- --dir DIR] [--cli-config FILE] [--dev-overrides FILE]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import install from './lib/provider-install.cjs';
const { installProvider, repoRoot, writeDevOverridesCliConfig, writeMirrorCliConfig } = install;

const { values } = parseArgs({
  options: { dir: { type: 'string' }, 'cli-config': { type: 'string' }, 'dev-overrides': { type: 'string' } },
});
const { mirrorDir, executable } = installProvider({ dir: values.dir });
console.log(`installed ${executable}`);
if (values['cli-config']) {
  writeMirrorCliConfig(values['cli-config'], mirrorDir);
  console.log(`wrote ${values['cli-config']}: export TF_CLI_CONFIG_FILE=${values['cli-config']}`);
}
if (values['dev-overrides']) {
  writeDevOverridesCliConfig(values['dev-overrides'], join(repoRoot, '.dev-bin'));
  console.log(`wrote ${values['dev-overrides']}: export TF_CLI_CONFIG_FILE=${values['dev-overrides']}`);
}
