// Bundles the provider into one executable file (dist/terraform-provider-sps.js), which is what
// Terraform starts: one file to read and compile keeps start-up short.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist/terraform-provider-sps.js');
await build({
  entryPoints: [join(root, 'src/bin/terraform-provider-sps.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
