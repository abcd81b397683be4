// Bundles the provider into one executable file (dist/terraform-provider-sps.js), which is what
// Terraform starts, three times per plan. The transport is plain code; everything needed only
// after the handshake (protocol messages, zod, undici, the provider) is embedded as a string and
// compiled on the first RPC, so start-up does not pay for parsing it.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, legalComments: 'none', logLevel: 'warning', write: false };

const runtime = await build({ ...common, entryPoints: [join(root, 'src/bin/provider-runtime.ts')] });
const outfile = join(root, 'dist/terraform-provider-sps.js');
await build({
  ...common,
  write: true,
  entryPoints: [join(root, 'src/bin/terraform-provider-sps.ts')],
  outfile,
  define: { __SPS_PROVIDER_RUNTIME_SOURCE__: JSON.stringify(runtime.outputFiles[0].text) },
});
chmodSync(outfile, 0o755);
