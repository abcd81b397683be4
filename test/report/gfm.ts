import { execFileSync } from 'node:child_process';
import { repoRoot } from '../support/paths';

/**
 * Renders Markdown to HTML as GitHub-flavoured Markdown (micromark with its GFM extension), raw
 * HTML passed through as GitHub passes it to its sanitiser, so a test sees what would render.
 * micromark is ESM-only and jest loads CommonJS, so it runs in a child node.
 */
const SCRIPT = `
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
let input = '';
process.stdin.setEncoding('utf8').on('data', (chunk) => (input += chunk)).on('end', () => {
  process.stdout.write(micromark(input, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] }));
});
`;

export function renderGfm(markdown: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '--eval', SCRIPT], { input: markdown, cwd: repoRoot }).toString();
}

/** The HTML outside code, preformatted text and links: where GitHub turns `@name` into a mention. */
export function mentionableText(html: string): string {
  return html.replace(/<(code|pre|a)\b[^>]*>[\s\S]*?<\/\1>/g, '');
}

export function count(text: string, pattern: RegExp): number {
  return (text.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g')) ?? []).length;
}
