// Bundles the provider into one executable file (dist/terraform-provider-sps.js), which is what
// Terraform starts, three times per plan. Start-up only parses the transport:
// - everything needed after the handshake (protocol messages, zod, undici, the provider) is
//   embedded as a string and compiled on the first RPC (with a V8 code cache);
// - the answers that never change (GetProviderSchema, GetMetadata) are computed here and embedded
//   encoded, so the process Terraform starts only to read the schema loads nothing else.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, legalComments: 'none', logLevel: 'warning', write: false };

const runtimeSource = (await build({ ...common, entryPoints: [join(root, 'src/bin/provider-runtime.ts')] })).outputFiles[0].text;

async function precomputedAnswers() {
  const module = { exports: {} };
  new Function('exports', 'require', 'module', runtimeSource)(module.exports, createRequire(import.meta.url), module);
  const { createRuntime, protocolMessages } = module.exports;
  const { server } = createRuntime();
  const answers = {};
  for (const rpc of ['GetProviderSchema', 'GetMetadata']) {
    const response = await server[rpc]({}, { signal: new AbortController().signal });
    const type = protocolMessages.tfplugin6[rpc].Response;
    answers[rpc] = Buffer.from(type.encode(type.fromObject(response)).finish()).toString('base64');
  }
  return answers;
}

const outfile = join(root, 'dist/terraform-provider-sps.js');
await build({
  ...common,
  write: true,
  entryPoints: [join(root, 'src/bin/terraform-provider-sps.ts')],
  outfile,
  define: {
    __SPS_PROVIDER_RUNTIME_SOURCE__: JSON.stringify(runtimeSource),
    __SPS_PRECOMPUTED_ANSWERS__: JSON.stringify(await precomputedAnswers()),
  },
});
chmodSync(outfile, 0o755);
