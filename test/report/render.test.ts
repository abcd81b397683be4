/**
 * Rendering of hand-made plans: Terraform's own headline numbers, and set attributes of the
 * product's kinds diffed by membership (other arrays by position, as the plan JSON shows them).
 */
import { renderReport } from '../../src/report';
import { attributeDiffs } from '../../src/report/attribute-diff';
import { ANY, setAttributePaths } from '../../src/report/own-kinds';
import type { Action, ResourceChange } from '../../src/report/plan-json';

function change(address: string, actions: Action[], before: unknown, after: unknown, extra: Partial<ResourceChange['change']> = {}): ResourceChange {
  const [type, name] = address.split('.');
  return { address, type, name, mode: 'managed', change: { actions, before, after, after_unknown: {}, ...extra } };
}

const report = (...changes: ResourceChange[]) => renderReport({ format_version: '1.2', resource_changes: changes }, { stack: 'prod' }).markdown;

describe('headline', () => {
  it('counts as Terraform does: a replacement is one add and one destroy, then lists the replacements', () => {
    const markdown = report(
      change('sps_user_list.new', ['create'], null, { name: 'new' }),
      change('sps_user_list.other', ['create'], null, { name: 'other' }),
      change('sps_user_list.ops', ['update'], { name: 'ops', allow: 'no_user' }, { name: 'ops', allow: 'all_users' }),
      change('sps_user_list.old', ['delete'], { name: 'old' }, null),
      change('sps_api_client.siem', ['delete', 'create'], { name: 'siem' }, { name: 'siem' }, { replace_paths: [['keepers']] }),
    );
    expect(markdown).toContain('**Plan: 3 to add, 1 to change, 2 to destroy.**');
    expect(markdown).toContain('1 of these is a replacement (each counted once to add and once to destroy): `sps_api_client.siem`');
    expect(markdown).not.toMatch(/to replace/);
  });

  it('puts imports first, as Terraform does, also for an import that changes the object', () => {
    const markdown = report(
      change('sps_user_list.a', ['no-op'], { name: 'a' }, { name: 'a' }, { importing: { id: '1' } }),
      change('sps_user_list.b', ['update'], { name: 'b', allow: 'x' }, { name: 'b', allow: 'y' }, { importing: { id: '2' } }),
      change('sps_user_list.c', ['create', 'delete'], { name: 'c' }, { name: 'c' }),
    );
    expect(markdown).toContain('**Plan: 2 to import, 1 to add, 1 to change, 1 to destroy.**');
    expect(markdown).toContain('1 of these is a replacement');
  });
});

describe('sets by membership', () => {
  it('reports the members that left and came, not positions', () => {
    const markdown = report(
      change('sps_user_list.ops', ['update'], { name: 'ops', allow: 'no_user', except: ['alice', 'bob', 'carol'] }, { name: 'ops', allow: 'no_user', except: ['alice', 'carol', 'dave'] }),
    );
    expect(markdown).toMatch(/^ {2}except \(set\):\n- {3}"bob"\n\+ {3}"dave"$/m);
    expect(markdown).not.toMatch(/except\[/);
    expect(markdown).toContain('changes `except`');
  });

  it('reports nothing for a set that was only reordered', () => {
    const markdown = report(
      change('sps_user_list.ops', ['update'], { name: 'ops', allow: 'no_user', except: ['alice', 'bob'] }, { name: 'ops', allow: 'all_users', except: ['bob', 'alice'] }),
    );
    expect(markdown).toContain('(update in place, 1 attribute(s))');
    expect(markdown).not.toMatch(/except/);
  });

  it('finds sets nested in objects of the product\'s kinds (applies_to.groups)', () => {
    const before = { name: 'siem', scopes: ['logs', 'config'], applies_to: { selection: 'groups', groups: ['-1', '-2'] } };
    const after = { name: 'siem', scopes: ['config', 'logs'], applies_to: { selection: 'groups', groups: ['-2', '-3'] } };
    const markdown = report(change('sps_api_client.siem', ['update'], before, after));
    expect(markdown).toMatch(/^ {2}applies_to\.groups \(set\):\n- {3}"-1"\n\+ {3}"-3"$/m);
    expect(markdown).not.toMatch(/scopes/);
  });

  it('shows each unknown member, and a set that became unknown as a whole', () => {
    const markdown = report(
      change('sps_user_list.ops', ['update'], { name: 'ops', except: ['alice'] }, { name: 'ops', except: ['alice', null, null] }, { after_unknown: { except: [false, true, true] } }),
      change('sps_user_list.dev', ['update'], { name: 'dev', except: ['bob'] }, { name: 'dev' }, { after_unknown: { except: true } }),
    );
    expect(markdown).toMatch(/^ {2}except \(set\):\n\+ {3}\(known after apply\)\n\+ {3}\(known after apply\)$/m);
    expect(markdown).toMatch(/^- except: \["bob"\]\n\+ except: \(known after apply\)$/m);
  });

  it('diffs lists of the product\'s kinds and arrays of other providers by position', () => {
    const markdown = report(
      change('sps_http_connection_policy.web', ['update'], { name: 'web', network: { ports: [80, 443] } }, { name: 'web', network: { ports: [443, 80] } }),
      change('other_thing.x', ['update'], { tags: ['a', 'b'] }, { tags: ['b', 'a'] }),
    );
    expect(markdown).toMatch(/^- network\.ports\[0\]: 80\n\+ network\.ports\[0\]: 443$/m);
    expect(markdown).toMatch(/^- tags\[0\]: "a"\n\+ tags\[0\]: "b"$/m);
  });

  it('diffs sets inside list elements, element by element', () => {
    const rules = (tags: string[][]) => ({ rules: tags.map((t) => ({ tags: t })) });
    const diffs = attributeDiffs(rules([['a', 'b'], ['c']]), rules([['b', 'a'], ['c', 'd']]), { before: {}, after: {} }, [['rules', ANY, 'tags']]);
    expect(diffs).toEqual([{ kind: 'set', path: 'rules[1].tags', removed: [], added: ['"d"'] }]);
  });

  it('redacts a sensitive member but still shows that one changed', () => {
    const diffs = attributeDiffs({ keys: ['k1', 'k2'] }, { keys: ['k1', 'k3'] }, { before: { sensitive: { keys: [false, true] } }, after: { sensitive: { keys: [false, true] } } }, [['keys']]);
    expect(diffs).toEqual([{ kind: 'set', path: 'keys', removed: ['(sensitive value)'], added: ['(sensitive value)'] }]);
    expect(JSON.stringify(diffs)).not.toMatch(/k2|k3/);
  });
});

describe('setAttributePaths', () => {
  it('reads the set attributes from the product\'s own schemas, nested ones included', () => {
    expect(setAttributePaths('sps_user_list')).toEqual([['except']]);
    expect(setAttributePaths('sps_api_client')).toEqual([['scopes'], ['applies_to', 'groups']]);
    expect(setAttributePaths('sps_http_connection_policy')).toEqual([]);
    expect(setAttributePaths('aws_instance')).toEqual([]);
  });
});

describe('comment limit', () => {
  it('falls back to whole blocks only: the headline and a pointer to the CI log, nothing cut in half', () => {
    const many = Array.from({ length: 40 }, (_, i) => change(`sps_user_list.item${i}`, ['delete'], { name: `item${i}` }, null));
    const { markdown } = renderReport({ format_version: '1.2', resource_changes: many }, { stack: 'prod', commitMessage: `line\n\n${'x'.repeat(5000)}`, limit: 600 });
    expect(markdown.length).toBeLessThanOrEqual(600);
    expect(markdown).toContain('**Plan: 0 to add, 0 to change, 40 to destroy.**');
    expect(markdown).toContain('does not fit in a comment; see the CI log');
    expect(markdown).not.toMatch(/<details>|```/);
  });
});
