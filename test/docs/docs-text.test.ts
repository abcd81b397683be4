/** The generated docs read as sentences: the data-source pages once said "(`/api/…`). by name, to reference it by key." */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DATA_SOURCES = join(__dirname, '..', '..', 'docs', 'data-sources');

it.each(readdirSync(DATA_SOURCES))('docs/data-sources/%s opens with one well-formed sentence', (file) => {
  const text = readFileSync(join(DATA_SOURCES, file), 'utf8');
  expect(text).not.toMatch(/\)\. by name/);
  expect(text).toMatch(/Looks up an? [^\n]+ \(`\/api\/configuration\/[^`]+`\) by name(, built-in objects included)?, to reference it by its key\./);
});
