import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderAllDocs, docsDir, handWritten } = require('../../scripts/lib/docs.cjs');

/** The generated files in docs/: all but the hand-written folders. */
function committedDocs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => dir !== docsDir || !handWritten.includes(entry.name))
    .flatMap((entry) => (entry.isDirectory() ? committedDocs(join(dir, entry.name)) : [relative(docsDir, join(dir, entry.name))]));
}

describe('generated docs', () => {
  const rendered: Record<string, string> = renderAllDocs();

  it('are up to date with the schema and examples (run `npm run docs` if this fails)', () => {
    expect(existsSync(docsDir)).toBe(true);
    expect(committedDocs(docsDir).sort()).toEqual(Object.keys(rendered).sort());
    for (const [file, text] of Object.entries(rendered)) {
      expect({ file, text: readFileSync(join(docsDir, file), 'utf8') }).toEqual({ file, text });
    }
  });

  it('document every resource with an example, nested attributes, import and sensitivity', () => {
    const policy = rendered['resources/http_connection_policy.md'];
    expect(policy).toMatch(/## Example Usage/);
    expect(policy).toMatch(/### Nested Schema for `server_address\.domains`/);
    expect(policy).toMatch(/## Import/);
    expect(rendered['resources/api_client.md']).toMatch(/`client_secret` \(String, Sensitive\)/);
    expect(rendered['index.md']).toMatch(/`password` \(String, Sensitive\)/);
  });

  it('include the constructs\' API reference', () => {
    expect(rendered['constructs.md']).toMatch(/^## UserList$/m);
  });
});
