/**
 * docs/constructs.md, the constructs' API reference, tells the truth about the constructs: for
 * every construct of a kind, the props it lists are the props the construct accepts, and the ones
 * it calls required are the ones the construct requires (asked of the real constructs at synth);
 * every helper class and reference class is there with its static methods. The page is derived
 * from the kinds and the declarations, so a new kind shows up without an edit, and a public
 * method without JSDoc fails the docs build, naming it.
 */
import { join } from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import * as typescript from 'typescript';
import * as constructs from '../../src/constructs';
import { readConstructDeclarations, type ConstructDeclarations } from '../../src/docs/construct-declarations';
import { pascalName } from '../../src/model';
import { renderConstructsPage } from '../../src/docs/render-constructs';
import { defineKind, KINDS, localGroups, reference, set, string, walkFields } from '../../src/model';
import { nameField } from '../../src/model/common-fields';
import { repoRoot } from '../support/paths';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(60_000));

const exported = constructs as unknown as Record<string, unknown>;
let declarations: ConstructDeclarations;
let page: string;

beforeAll(() => {
  declarations = readConstructDeclarations(typescript, join(repoRoot, 'dist/constructs/index.d.ts'));
  page = renderConstructsPage({ kinds: KINDS, declarations, examples: {} });
});

/** A `## Name` section of the page, up to the next one. */
function section(name: string): string {
  const at = page.indexOf(`\n## ${name}\n`);
  if (at < 0) throw new Error(`docs/constructs.md has no section "## ${name}"`);
  const end = page.indexOf('\n## ', at + 1);
  return page.slice(at, end < 0 ? undefined : end);
}

/** The top-level rows of a section's props table: name → required or optional. */
function documentedProps(text: string): Record<string, string> {
  const table = text.slice(text.indexOf('\n### Props'), text.indexOf('\n### ', text.indexOf('\n### Props') + 1));
  const rows = [...table.matchAll(/^\| `([A-Za-z0-9]+)` \| [^\n]*? \| (required|optional) \|/gm)];
  return Object.fromEntries(rows.map((row) => [row[1], row[2]]));
}

/** What the construct itself says about its props when given none but an unknown one: the known props, and the required ones. */
function actualProps(construct: new (scope: TerraformStack, id: string, props: unknown) => unknown): Record<string, string> {
  const message = (() => {
    try {
      new construct(new TerraformStack(Testing.app(), 'app'), 'probe', { noSuchProp: true });
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('the construct accepted an unknown prop');
  })();
  const known = /known: ((?:`\w+`(?:, )?)+)/.exec(message)![1].match(/\w+/g)!;
  const missing = [...message.matchAll(/missing the required property `(\w+)`/g)].map((match) => match[1]);
  return Object.fromEntries(known.map((name) => [name, missing.includes(name) ? 'required' : 'optional']));
}

const constructKinds = () => KINDS.filter((kind) => kind.managed && typeof exported[pascalName(kind.id)] === 'function');

it('documents, for every construct of a kind, exactly the props it accepts, and which it requires', () => {
  expect(constructKinds().map((kind) => pascalName(kind.id))).toEqual(expect.arrayContaining(['UserList', 'HttpConnectionPolicy', 'ApiClient', 'TimePolicy']));
  for (const kind of constructKinds()) {
    const name = pascalName(kind.id);
    const text = section(name);
    expect({ name, props: documentedProps(text) }).toEqual({ name, props: actualProps(exported[name] as never) });
    expect(text).toContain(`new ${name}(scope: Construct, id: string, props: ${name}Props)`);
    expect(text).toContain(`[\`sps_${kind.id}\`](resources/${kind.id}.md)`);
    // Nested fields come from the kind's description, in camelCase, with its docs (unless a prop of the construct's own stands for the field).
    const spelledOut = (field: string) => text.includes(`| \`${camel(field)}.`) || text.includes(`| \`${camel(field)}[].`);
    for (const { path, node } of walkFields(kind.fields)) if (path.length > 1 && spelledOut(path[0])) expect(text).toContain(node.doc);
    if (kind.lookup) for (const method of ['fromName', 'fromKey']) expect(text).toContain(`#### \`${name}.${method}(`);
  }
});

it('documents every helper class the kinds name, with each of its static methods and their JSDoc', () => {
  const helpers = new Set(KINDS.flatMap((kind) => [...walkFields(kind.fields)].flatMap(({ node }) => (node.type === 'variants' && node.helperClass ? [node.helperClass] : []))));
  expect([...helpers].sort()).toEqual(expect.arrayContaining(['AppliesTo', 'HostCertificate', 'ServerAddress', 'TransportSecurity']));
  for (const helper of helpers) {
    const statics = Object.getOwnPropertyNames(exported[helper]).filter((key) => typeof (exported[helper] as Record<string, unknown>)[key] === 'function');
    expect(statics.length).toBeGreaterThan(0);
    for (const method of statics) expect(page).toContain(`#### \`${helper}.${method}(`);
  }
  expect(section('HttpConnectionPolicy')).toContain('| `network.clients` | array of strings | required |');
  expect(page).toContain('End-to-end TLS. With `trustedCa`, SPS verifies the server\'s certificate');
});

it('lists every kind Terraform only looks up with its reference class, data source and built-ins', () => {
  const text = section('References to objects that Terraform only looks up');
  for (const kind of KINDS.filter((k) => k.lookup && !k.managed)) {
    expect(text).toContain(`| \`${pascalName(kind.id)}\` | \`I${pascalName(kind.id)}\` | [\`sps_${kind.id}\`](data-sources/${kind.id}.md) |`);
    for (const builtin of kind.builtins) expect(text).toContain(`(key \`${builtin.key}\`)`);
  }
  expect(text).toContain('static fromName(scope: Construct, id: string, name: string): I<Class>');
});

it('picks up a new kind and its construct without an edit to the generator', () => {
  const doorPolicies = defineKind({
    id: 'door_policy',
    kind: 'door policy',
    plural: 'door policies',
    path: '/api/configuration/policies/door_policies',
    doc: 'A door policy: which doors open.',
    managed: true,
    lookup: false,
    fields: {
      name: nameField('The name of the door policy.'),
      doors: set(string('A door.'), 'doors', 'The doors that open.').default([]),
      keyholders: reference(() => localGroups, 'Key of the local group that holds the keys.'),
    },
  });
  const props = [
    { name: 'name', type: 'string', optional: false, doc: '', own: false },
    { name: 'doors', type: 'string[]', optional: true, doc: '', own: false },
    { name: 'keyholders', type: 'ILocalGroup', optional: false, doc: '', own: false },
  ];
  const doorPolicy = { name: 'DoorPolicy', doc: 'An SPS door policy.', role: 'construct' as const, statics: [], constructorParameters: [], props: { typeName: 'DoorPolicyProps', properties: props } };
  const rendered = renderConstructsPage({ kinds: [...KINDS, doorPolicies], declarations: { ...declarations, classes: [...declarations.classes, doorPolicy] }, examples: {} });
  expect(rendered).toContain('- Constructs: [UserList](#userlist)');
  expect(rendered).toMatch(/\[DoorPolicy\]\(#doorpolicy\)/);
  expect(rendered).toContain('| `doors` | array of strings (unique entries; their order does not matter) | optional | `[]` | The doors that open. |');
  expect(rendered).toContain('| `keyholders` | `ILocalGroup`: `LocalGroup.fromName(…)` or `LocalGroup.fromKey(…)` | required |  | Key of the local group that holds the keys. |');
});

it('refuses a public static method without JSDoc, naming it', () => {
  const undocumented = { name: 'Gate', doc: 'A gate.', role: 'class' as const, statics: [{ name: 'open', parameters: [], returns: 'Gate', doc: '' }] };
  expect(() => renderConstructsPage({ kinds: KINDS, declarations: { ...declarations, classes: [...declarations.classes, undocumented] }, examples: {} })).toThrow(
    /Gate\.open has no JSDoc/,
  );
});

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_all, letter: string) => letter.toUpperCase());
}
