/**
 * Every relative link in the README and in docs/ (the guides and the generated pages) leads
 * somewhere: the file or folder exists, and an anchor names a heading (as GitHub makes its id) or
 * an `<a id>` of the page it points into. The README's user sections and the guides link to each
 * other, so a moved or renamed section fails here instead of in a reader's browser.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from '../support/paths';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? markdownFiles(join(dir, entry.name)) : entry.name.endsWith('.md') ? [join(dir, entry.name)] : [],
  );
}

/** Markdown without fenced code blocks and code spans, where brackets and parentheses are not links. */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The anchors a page has: its headings' ids, as GitHub makes them (duplicates numbered), and explicit `<a id>`s. */
function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8');
  const found = new Set<string>([...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((match) => match[1]));
  const seen = new Map<string, number>();
  for (const match of text.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = match[1]
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    found.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return found;
}

const pages = [join(repoRoot, 'README.md'), ...markdownFiles(join(repoRoot, 'docs'))];

it('finds the README, the guides and the constructs reference', () => {
  const names = pages.map((page) => relative(repoRoot, page));
  expect(names).toEqual(expect.arrayContaining(['README.md', 'docs/constructs.md', 'docs/guides/architecture.md', 'docs/guides/simulator.md', 'docs/guides/release.md', 'docs/guides/benchmarks.md']));
});

it.each(pages.map((page) => [relative(repoRoot, page), page]))('%s: every relative link and anchor resolves', (_name, page) => {
  const broken: string[] = [];
  for (const match of prose(readFileSync(page, 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1];
    if (/^[a-z]+:/i.test(target)) continue;
    const [path, anchor] = target.split('#');
    const file = path ? resolve(dirname(page), path) : page;
    if (!existsSync(file)) {
      broken.push(`${target}: no such file`);
      continue;
    }
    if (anchor !== undefined && (statSync(file).isDirectory() || !anchors(file).has(anchor))) broken.push(`${target}: no such anchor`);
  }
  expect(broken).toEqual([]);
});
