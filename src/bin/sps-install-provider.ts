#!/usr/bin/env node
/** sps-install-provider: installs terraform-provider-sps where Terraform (and cdktf/cdktn) find it without a registry. */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUNDLED_PROVIDER, installProvider, type ProviderSource, terraformPlatform, writeDevOverridesCliConfig, writeMirrorCliConfig } from '../install/provider-install';
import { builtStandaloneZip, standaloneExecutable } from '../install/standalone-provider';
import { PACKAGE_VERSION } from '../version';
import { parseCommandLine, runCommand, UsageError } from './command-line';

const PROGRAM = 'sps-install-provider';
const USAGE = `usage: ${PROGRAM} [--dir DIR] [--cli-config FILE] [--standalone FILE | --node] [--dev-overrides] [--quiet]

Installs terraform-provider-sps ${PACKAGE_VERSION} into a filesystem mirror inside your project and
writes a Terraform CLI configuration that uses it. No registry and no network are needed.

Which provider it installs:
  - the standalone executable (compiled by Bun; Terraform needs no node to run it) when one was
    built: the release zip for this platform in release/ of this package's checkout (made by
    npm run release), or the one that --standalone names;
  - else the Node script (dist/terraform-provider-sps.js), which needs node where Terraform runs.

  --dir DIR          where to install (default: .sps-provider in the current directory);
                     never inside node_modules
  --cli-config FILE  the CLI configuration to write (default: DIR/terraformrc)
  --standalone FILE  install this standalone provider: a release zip
                     (terraform-provider-sps_<version>_<os>_<arch>.zip) or the executable
  --node             install the Node script even when a standalone provider was built
  --dev-overrides    write a dev_overrides configuration instead of a mirror (provider
                     development with plain terraform only: no terraform init; cdktf and cdktn
                     always run terraform init, which dev_overrides does not support)
  --quiet            print only the export line
  -h, --help         this help

Then point Terraform at the configuration; cdktf and cdktn pass it on to every terraform they run:

  export TF_CLI_CONFIG_FILE="$PWD/.sps-provider/terraformrc"

The configuration holds absolute paths of this machine, so it is per machine: do not commit it
(add .sps-provider/ to .gitignore). CI generates it on every run with this same command, e.g. in
GitHub Actions:

  npx sps-install-provider
  echo "TF_CLI_CONFIG_FILE=$PWD/.sps-provider/terraformrc" >> "$GITHUB_ENV"
`;

runCommand(PROGRAM, () => {
  const { values, positionals } = parseCommandLine(PROGRAM, USAGE, {
    dir: { type: 'string' },
    'cli-config': { type: 'string' },
    'dev-overrides': { type: 'boolean', default: false },
    standalone: { type: 'string' },
    node: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const dir = resolve(values.dir ?? '.sps-provider');
  const cliConfig = resolve(values['cli-config'] ?? join(dir, 'terraformrc'));
  const say = (line: string) => (values.quiet ? undefined : console.log(line));
  if (values.standalone && values.node) throw new UsageError('--standalone and --node exclude each other');

  let standaloneFile = values.node ? undefined : (values.standalone ?? builtStandaloneZip(terraformPlatform()));
  // A release zip found by itself but built before the last build holds older code: installing it would plan with a provider that lacks the newest kinds.
  if (standaloneFile && !values.standalone && statSync(standaloneFile).mtimeMs < statSync(BUNDLED_PROVIDER).mtimeMs) {
    say(`note: ${standaloneFile} is older than the last build, so the Node script is installed; npm run release rebuilds the zip (or --standalone installs it anyway)`);
    standaloneFile = undefined;
  }
  let source: ProviderSource = { executable: BUNDLED_PROVIDER };
  let kind = 'the Node script: node must be on the PATH where Terraform runs';
  if (standaloneFile) {
    try {
      source = { contents: standaloneExecutable(resolve(standaloneFile)) };
    } catch (error) {
      throw new UsageError(`--standalone: ${(error as Error).message}`);
    }
    kind = `the standalone executable from ${standaloneFile}: needs no node`;
  }

  if (values['dev-overrides']) {
    if (existsSync('cdktf.json')) {
      throw new UsageError('--dev-overrides is for plain terraform only: cdktf and cdktn run terraform init, which fails under dev_overrides. Run it without --dev-overrides to install into a filesystem mirror.');
    }
    const executable = writeDevOverridesCliConfig(cliConfig, join(dir, 'dev-bin'), source);
    say(`installed ${executable} (${kind}; dev_overrides: plain terraform plan/apply without terraform init)`);
  } else {
    const { executable } = installProvider({ dir: join(dir, 'mirror'), ...source });
    writeMirrorCliConfig(cliConfig, join(dir, 'mirror'));
    say(`installed ${executable} (${kind})`);
  }
  say(`wrote ${cliConfig} (per machine, do not commit); point Terraform at it:`);
  console.log(`export TF_CLI_CONFIG_FILE=${JSON.stringify(cliConfig)}`);
});
