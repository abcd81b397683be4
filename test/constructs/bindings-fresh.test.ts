import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderBindings, bindingsDir, listFiles } = require('../../scripts/lib/bindings.cjs');

it('the committed CDKTF bindings match the provider schema (run `npm run generate` if this fails)', async () => {
  const rendered: Record<string, string> = await renderBindings();
  expect(existsSync(bindingsDir)).toBe(true);
  const committed = (listFiles(bindingsDir) as string[]).map((file) => relative(bindingsDir, file)).sort();
  expect(committed).toEqual(Object.keys(rendered).sort());
  for (const [file, text] of Object.entries(rendered)) expect({ file, text: readFileSync(join(bindingsDir, file), 'utf8') }).toEqual({ file, text });
  expect(rendered['sps/http-connection-policy/index.ts']).toMatch(/export class HttpConnectionPolicy extends cdktf\.TerraformResource/);
});
