// npm run generate: regenerates src/constructs/generated from the built provider's schema.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const { renderBindings, bindingsDir } = require('./lib/bindings.cjs');

const files = await renderBindings();
rmSync(bindingsDir, { recursive: true, force: true });
for (const [file, text] of Object.entries(files)) {
  mkdirSync(dirname(join(bindingsDir, file)), { recursive: true });
  writeFileSync(join(bindingsDir, file), text);
}
console.log(`wrote ${Object.keys(files).length} files to ${bindingsDir}`);
