/**
 * Every managed kind's acceptance test is derived from the example in its description (see
 * test/support/kind-examples.ts; the lifecycle files in test/provider/resources run them): so every
 * managed kind must have one, valid, from which a configuration, expectations and a drift follow.
 */
import { collectionByPath, defineKind, describeIssues, fieldIssues, type Kind, KINDS, nameLike, name as nameRule, oneOf } from '../../src/model';
import { driftOf, kindAcceptance, MANAGED_KINDS, withValueAt } from '../support/kind-examples';

/** 'valid', or what the model finds wrong with `body`. */
function validity(kind: Kind, body: unknown): string {
  const result = kind.strictSchema.safeParse(body);
  return result.success ? 'valid' : describeIssues(fieldIssues(result.error));
}

describe('kind examples', () => {
  it('every managed kind in KINDS has one', () => {
    expect(MANAGED_KINDS.length).toBeGreaterThan(0);
    const without = KINDS.filter((kind) => kind.managed && !kind.example).map((kind) => `sps_${kind.id}`);
    expect(without).toEqual([]);
  });

  describe.each(MANAGED_KINDS.map((kind) => [`sps_${kind.id}`, kind] as const))('%s', (_, kind) => {
    it('is valid in both variants, and the update changes the object in place', () => {
      const acceptance = kindAcceptance(kind);
      for (const body of [kind.example!.initial, kind.example!.updated]) expect(validity(kind, body)).toBe('valid');
      expect(acceptance.expectedModelled('updated')).not.toEqual(acceptance.expectedModelled('initial'));
    });

    it('gives a configuration from the export writer: the resource, lookups of the built-ins it references, an import block once the key is known', () => {
      const acceptance = kindAcceptance(kind);
      const [type, identifier] = acceptance.address.split('.');
      const created = acceptance.config('initial');
      expect(created).toContain(`resource "${type}" "${identifier}" {`);
      expect(created).not.toMatch(/^import \{/m);
      for (const site of kind.references(kind.example!.initial)) {
        const target = collectionByPath(site.collection)!;
        expect(created).toMatch(new RegExp(`^data "sps_${target.id}" "\\w+" \\{$`, 'm'));
        expect(created).toMatch(new RegExp(`${site.path[site.path.length - 1]}\\s+= data\\.sps_${target.id}\\.\\w+\\.id$`, 'm'));
      }
      const adopted = acceptance.config('initial', '0123456789abcdef0123');
      expect(adopted).toContain(`import {\n  to = ${acceptance.address}\n  id = "0123456789abcdef0123"\n}`);
      expect(acceptance.config('updated')).not.toBe(created);
    });

    it('gives a drift that keeps the body valid and changes it', () => {
      const acceptance = kindAcceptance(kind);
      const updated = kind.schema.parse(kind.example!.updated);
      const drifted = withValueAt(updated, acceptance.drift.path, acceptance.drift.value);
      expect(validity(kind, drifted)).toBe('valid');
      expect(acceptance.modelled(drifted)).not.toEqual(acceptance.expectedModelled('updated'));
    });
  });

  it('a kind without an example, or with nothing to drift, is refused with what to add', () => {
    const fields = { name: nameLike('A name.', nameRule) };
    const bare = defineKind({ id: 'thing', kind: 'thing', plural: 'things', path: '/api/things', doc: 'A thing.', managed: true, lookup: false, fields });
    expect(() => kindAcceptance(bare)).toThrow(/sps_thing has no example: give its description in src\/model an `example`/);
    expect(() => driftOf(bare, { name: 'a' })).toThrow(/sps_thing's updated example has no switch, choice or list to drift/);
    const choice = defineKind({ id: 'thing', kind: 'thing', plural: 'things', path: '/api/things', doc: 'A thing.', managed: true, lookup: false, fields: { ...fields, mode: oneOf(['a', 'b'], 'A mode.') } });
    expect(driftOf(choice, { name: 'a', mode: 'b' })).toEqual({ path: ['mode'], value: 'a', shows: /mode\s+= "a" -> "b"/ });
  });
});
