// npm run docs: registry-style docs (docs/index.md, docs/resources/*, docs/data-sources/*) from
// the provider's schema descriptions and examples/, laid out the way tfplugindocs does it.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const { renderAllDocs, docsDir } = require('./lib/docs.cjs');

rmSync(docsDir, { recursive: true, force: true });
for (const [file, text] of Object.entries(renderAllDocs())) {
  mkdirSync(dirname(join(docsDir, file)), { recursive: true });
  writeFileSync(join(docsDir, file), text);
}
console.log(`wrote ${docsDir}`);
