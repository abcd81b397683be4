// The provider's real schema, as Terraform reports it (`terraform providers schema -json`), from
// the built bundle installed into a temporary filesystem mirror. Docs and bindings start here.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { installProvider, writeMirrorCliConfig, PROVIDER_SOURCE } = require('./provider-install.cjs');

function readProviderSchema() {
  const dir = mkdtempSync(join(tmpdir(), 'sps-schema-'));
  try {
    const { mirrorDir } = installProvider({ dir: join(dir, 'mirror') });
    writeMirrorCliConfig(join(dir, 'cli.tfrc'), mirrorDir);
    writeFileSync(join(dir, 'main.tf'), 'terraform {\n  required_providers {\n    sps = { source = "sps-iac/sps" }\n  }\n}\n');
    const env = { ...process.env, TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    execFileSync('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env, stdio: 'ignore' });
    const json = execFileSync('terraform', ['providers', 'schema', '-json'], { cwd: dir, env, maxBuffer: 1 << 26 });
    return JSON.parse(String(json));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { readProviderSchema, PROVIDER_SOURCE };
