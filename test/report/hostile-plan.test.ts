/**
 * A plan whose addresses, values and commit message are written to break out of the report's
 * Markdown: rendered as GitHub-flavoured Markdown, none of it may become HTML, a link or a
 * mention, the <details> blocks stay balanced, and every hostile text stays readable.
 */
import { renderReport, type PlanJson } from '../../src/report';
import { LINE_BREAK } from '../../src/report/markdown';
import { count, mentionableText, renderGfm } from './gfm';

const IMG = '<img src=x onerror=alert(1)>';
const KEY = `a\`b\`\`${IMG}`;
const COMMIT = `Deploy ops\n\n<details>\n</details>\n</details>\n\n@someone please see [link](http://evil) ${IMG}\n\n\`\`\`\nfenced\n\`\`\``;

const plan: PlanJson = {
  format_version: '1.2',
  resource_changes: [
    {
      address: `sps_user_list.hostile["${KEY}"]`,
      type: 'sps_user_list',
      name: 'hostile',
      mode: 'managed',
      change: { actions: ['delete'], before: { name: `x|y\nz ${IMG}`, allow: 'no_user', except: [] }, after: null },
    },
    {
      address: 'sps_user_list.ops',
      type: 'sps_user_list',
      name: 'ops',
      mode: 'managed',
      change: {
        actions: ['update'],
        before: { name: 'ops', allow: 'no_user', except: ['alice', 'pipe|and\nnewline'] },
        after: { name: 'ops', allow: `</details>${IMG}`, except: ['alice', '@someone', '[link](http://evil)'] },
        after_unknown: {},
      },
    },
    {
      address: 'sps_user_list.made',
      type: 'sps_user_list',
      name: 'made',
      mode: 'managed',
      change: { actions: ['create'], before: null, after: { name: '<details>@someone', allow: 'all_users', except: [] }, after_unknown: { id: true } },
    },
  ],
};

const markdown = renderReport(plan, { stack: 'prod `x` @someone', commitMessage: COMMIT, planText: `\`\`\`\n</details>\n${IMG}\n@someone` }).markdown;
const html = renderGfm(markdown);

it('renders no HTML, link or mention from the plan or the environment', () => {
  expect(html).not.toMatch(/<img/i);
  expect(html).not.toMatch(/<a href="http:\/\/evil/);
  expect(mentionableText(html)).not.toMatch(/@someone/);
});

it('keeps <details> balanced: the two blocks of the report, each closed before the next opens', () => {
  // Counted in the rendered HTML: inside code, where the hostile text sits, `<details>` is text.
  const tags = html.match(/<\/?details>/g);
  expect(tags).toEqual(['<details>', '</details>', '<details>', '</details>']);
});

it('keeps every hostile text readable', () => {
  const shown = html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  expect(shown).toContain(`sps_user_list.hostile["${KEY}"]`);
  expect(shown).toContain('@someone please see [link](http://evil) <img src=x onerror=alert(1)>');
  expect(shown).toContain('</details>\n</details>');
  expect(shown).toContain('prod `x` @someone');
  expect(shown).toContain('"[link](http://evil)"');
  expect(shown).toContain('x|y');
});

it('keeps table rows whole when a value holds | and a line break', () => {
  const row = html.split('<tr>').slice(1).find((r) => r.includes('sps_user_list.hostile'));
  expect(row).toBeDefined();
  expect(count(row!, /<td>/)).toBe(3);
  // The whole name in its cell: the line break shown, not breaking the row.
  expect(row).toContain(`<code>x|y${LINE_BREAK}z &lt;img src=x onerror=alert(1)&gt;</code>`);
});
