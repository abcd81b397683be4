// Bundles the provider into one executable file (dist/terraform-provider-sps.js), which is what
// Terraform starts, three times per plan. Start-up only parses the transport:
// - everything needed after the handshake (protocol messages, zod, undici, the provider) is
//   embedded as a string and compiled on the first RPC (with a V8 code cache);
// - the answers that never change (GetProviderSchema, GetMetadata) are computed here and embedded
//   encoded, so the process Terraform starts only to read the schema loads nothing else.
// The standalone executable (scripts/release/build-bun.mjs) bundles the same modules for Bun.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { bundleOptions, precomputedAnswers, repoRoot as root } from './lib/bundle-options.mjs';

const common = { ...bundleOptions('node20'), write: false };

const runtimeSource = (await build({ ...common, entryPoints: [join(root, 'src/bin/provider-runtime.ts')] })).outputFiles[0].text;

const outfile = join(root, 'dist/terraform-provider-sps.js');
await build({
  ...common,
  write: true,
  entryPoints: [join(root, 'src/bin/terraform-provider-sps.ts')],
  outfile,
  define: {
    __SPS_PROVIDER_RUNTIME_SOURCE__: JSON.stringify(runtimeSource),
    // Names the runtime's V8 code cache: hashed here once, not at every provider start.
    __SPS_PROVIDER_RUNTIME_DIGEST__: JSON.stringify(createHash('sha256').update(runtimeSource).digest('hex')),
    __SPS_PRECOMPUTED_ANSWERS__: JSON.stringify(await precomputedAnswers(runtimeSource)),
  },
});
chmodSync(outfile, 0o755);
