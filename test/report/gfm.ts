import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

/**
 * Renders Markdown to HTML as GitHub-flavoured Markdown (micromark with its GFM extension), raw
 * HTML passed through as GitHub passes it to its sanitiser, so a test sees what would render.
 * (micromark is ESM only: jest.config.js has ts-jest turn it into CommonJS.)
 */
export function renderGfm(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

/** The HTML outside code, preformatted text and links: where GitHub turns `@name` into a mention. */
export function mentionableText(html: string): string {
  return html.replace(/<(code|pre|a)\b[^>]*>[\s\S]*?<\/\1>/g, '');
}

export function count(text: string, pattern: RegExp): number {
  return (text.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g')) ?? []).length;
}
