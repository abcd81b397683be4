/**
 * Naming and reference rules, on appliance snapshots built in the shape the reader returns: stable
 * unique identifiers, and references that cannot be lookups written as keys with a comment.
 */
import { writeCdktf } from '../../src/export/cdktf-writer';
import { buildExportModel } from '../../src/export/export-model';
import { writeHcl } from '../../src/export/hcl-writer';
import { camelIdentifier, identifierFromName, uniqueIdentifiers } from '../../src/export/naming';
import { globToRegExp, parseSelection } from '../../src/export/select';
import { KEY_REFERENCES_SNAPSHOT } from './key-references-snapshot';

describe('identifiers', () => {
  it('are valid Terraform identifiers derived from names', () => {
    expect(identifierFromName('team-ops')).toBe('team_ops');
    expect(identifierFromName('  Team  Ops!! ')).toBe('team_ops');
    expect(identifierFromName('2024 audit')).toBe('n_2024_audit');
    expect(identifierFromName('Zürich café')).toBe('zurich_cafe');
    expect(identifierFromName('***')).toBe('unnamed');
  });

  it('are unique, use key suffixes only for namesakes, and do not depend on the order objects are listed in', () => {
    const objects = [
      { name: 'team-ops', key: 'aaaa11112222333344445555' },
      { name: 'Team Ops', key: 'bbbb11112222333344449999' },
      { name: 'contractors', key: 'cccc' },
      { name: 'team_ops_445555', key: 'dddd' },
    ];
    const forward = uniqueIdentifiers(objects);
    const backward = uniqueIdentifiers([...objects].reverse());
    for (const object of objects) expect(backward.get(object)).toBe(forward.get(object));
    expect(forward.get(objects[2])).toBe('contractors');
    expect(forward.get(objects[3])).toBe('team_ops_445555');
    // Six key characters would clash with the plain name "team_ops_445555", so seven are used.
    expect([forward.get(objects[0]), forward.get(objects[1])]).toEqual(['team_ops_4445555', 'team_ops_4449999']);
    expect(new Set(forward.values()).size).toBe(objects.length);
    for (const identifier of forward.values()) expect(identifier).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('become distinct camel-case variables', () => {
    expect(camelIdentifier('user_list', 'team_ops')).toBe('userListTeamOps');
    expect(camelIdentifier('user_list', 'a_1')).not.toBe(camelIdentifier('user_list', 'a1'));
    expect(camelIdentifier('http_channel_policy', 'n_2024')).toBe('httpChannelPolicyN_2024');
  });
});

describe('--select', () => {
  it('matches whole names with * and ?, literally otherwise', () => {
    expect(globToRegExp('team-*').test('team-ops')).toBe(true);
    expect(globToRegExp('team-*').test('my-team-ops')).toBe(false);
    expect(globToRegExp('a.b?').test('a.bc')).toBe(true);
    expect(globToRegExp('a.b?').test('axbc')).toBe(false);
    const selection = parseSelection(['sps_user_list=x*', 'user_list=y']);
    expect(selection.kinds.map((kind) => kind.name)).toEqual(['user_list']);
    expect(selection.includes(selection.kinds[0], 'xyz') && selection.includes(selection.kinds[0], 'y')).toBe(true);
  });
});

describe('references that cannot be looked up by name', () => {
  it('are written as keys with a comment saying why, aligned as terraform fmt aligns them (key-references-fmt.test checks with terraform)', () => {
    const model = buildExportModel(KEY_REFERENCES_SNAPSHOT);
    expect(model.keyReferences).toBe(3);
    expect(model.lookups.map((lookup) => lookup.name)).toEqual(['auditors']);
    const mainTf = writeHcl(model, '')['main.tf'];
    expect(mainTf).toContain(
      [
        '    groups = [',
        '      "00000000000000000000000b", # local user group key 00000000000000000000000b: 2 local user group objects are named "ops", so a lookup by name would be ambiguous',
        '      "00000000000000000000000c", # local user group key 00000000000000000000000c: 2 local user group objects are named "ops", so a lookup by name would be ambiguous',
        // Trailing comments aligned, as terraform fmt does.
        `      "00000000000d",${' '.repeat(13)}# local user group key 00000000000d: the appliance has no such object`,
        '      data.sps_local_group.auditors.id,',
        '    ]',
      ].join('\n'),
    );
  });

  it('are written as keys with a comment in the CDKTF app', () => {
    const main = writeCdktf(buildExportModel(KEY_REFERENCES_SNAPSHOT), '')['main.ts'];
    expect(main).toContain("LocalGroup.fromKey('00000000000d') /* local user group key 00000000000d: the appliance has no such object */,");
    expect(main).toContain('localGroupAuditors,');
  });
});
