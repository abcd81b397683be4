// npm run docs: registry-style docs (docs/index.md, docs/resources/*, docs/data-sources/*) from
// the provider's schema descriptions and examples/, laid out the way tfplugindocs does it, and the
// constructs' API reference (docs/constructs.md). The hand-written guides (docs/guides) stay.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const { renderAllDocs, docsDir, handWritten } = require('./lib/docs.cjs');

const rendered = renderAllDocs();
mkdirSync(docsDir, { recursive: true });
for (const entry of readdirSync(docsDir)) if (!handWritten.includes(entry)) rmSync(join(docsDir, entry), { recursive: true, force: true });
for (const [file, text] of Object.entries(rendered)) {
  mkdirSync(dirname(join(docsDir, file)), { recursive: true });
  writeFileSync(join(docsDir, file), text);
}
console.log(`wrote ${docsDir}`);
