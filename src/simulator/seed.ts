/**
 * A seed file (`sps-simulator --seed FILE`, `startSimulator({ seed })`): objects the simulator
 * holds from the start, so that a real configuration's references (local groups, CAs, LDAP
 * servers, …) resolve. The format is this project's choice (docs/guides/simulator.md), YAML or
 * JSON:
 *
 *   { "<collection path>": [ { "key": "<optional fixed key>", ...the object's body } ] }
 *
 * Each body is checked with its collection's model schema, like a POST, except that a field the
 * model does not know is refused rather than dropped: a seed is written by hand, and a dropped
 * field would be a silent typo.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import * as z from 'zod';
import { type CollectionSpec, collectionByPath, collections, fieldIssues, formatFieldPath, isBuiltinKey, isObjectKey, PATHS } from '../model';
import { type Configuration, newKey } from './config-store';

export interface Seed {
  readonly file: string;
  readonly objects: ReadonlyArray<SeedObject>;
}

interface SeedObject {
  readonly spec: CollectionSpec<unknown>;
  /** Where the object is in the file, for messages: `<collection path>[index]`. */
  readonly at: string;
  readonly key: string | undefined;
  readonly body: Record<string, unknown>;
}

const seedShape = z.record(
  z.string(),
  z.array(z.record(z.string(), z.unknown(), { error: 'must be an object (one object\'s body)' }), { error: 'must be a list of objects' }),
  { error: 'must be a map from collection paths to lists of objects' },
);

type Json = Record<string, unknown>;

/** Reads and checks a seed file; throws one line naming the file, the object and the field. */
export function loadSeed(file: string): Seed {
  const refuse = (problem: string) => new Error(`seed file ${file}: ${problem}`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw refuse(`cannot be read: ${(error as Error).message}`);
  }
  const document = parseDocument(text);
  if (document.errors.length > 0) throw refuse(`is not valid YAML or JSON: ${document.errors[0].message.split('\n')[0].replace(/:$/, '')}`);
  const shape = seedShape.safeParse(document.toJS());
  if (!shape.success) {
    const issue = shape.error.issues[0];
    const where = issue.path.length > 0 ? `${issue.path.map((step) => (typeof step === 'number' ? `[${step}]` : String(step))).join('')}: ` : '';
    throw refuse(`${where}${issue.message} (the format: {"<collection path>": [{"key"?: "<fixed key>", …body}]})`);
  }
  const objects: SeedObject[] = [];
  const keys = new Set<string>();
  for (const [path, entries] of Object.entries(shape.data)) {
    const spec = collectionByPath(path);
    if (!spec) throw refuse(`"${path}" is not a collection the simulator serves; one of: ${collections.filter((c) => c.path !== PATHS.apiClients).map((c) => c.path).join(', ')}`);
    if (spec.path === PATHS.apiClients) throw refuse(`${path}: API clients cannot be seeded (the appliance makes their id and secret at creation); create them through the API`);
    entries.forEach((entry, index) => {
      const at = `${spec.path}[${index}]`;
      const { key, ...input } = entry;
      if (key !== undefined) {
        if (typeof key !== 'string' || !isObjectKey(key) || isBuiltinKey(key)) {
          throw refuse(`${at}: key ${JSON.stringify(key)} must be a key as the appliance issues them (hex digits, e.g. "0123456789abcdef0123456", or a UUID); negative keys are the built-ins'`);
        }
        if (keys.has(`${spec.path}/${key}`)) throw refuse(`${at}: key "${key}" is given twice in ${spec.path}`);
        keys.add(`${spec.path}/${key}`);
      }
      const parsed = spec.schema.safeParse(input);
      if (!parsed.success) {
        const issue = fieldIssues(parsed.error)[0];
        throw refuse(`${at}: ${issue.path.length > 0 ? formatFieldPath(issue.path) : '(the object)'}: ${issue.message}`);
      }
      const unknown = unknownFieldPaths(input, parsed.data as Json);
      if (unknown.length > 0) throw refuse(`${at}: ${unknown[0]}: not a field the simulator models (${spec.kind}); it would be dropped`);
      objects.push({ spec, at, key, body: parsed.data as Json });
    });
  }
  return { file, objects };
}

/** Adds the seed's objects to `config` (new keys where none is given); throws if a reference points at nothing. */
export function applySeed(config: Configuration, seed: Seed): void {
  const added = seed.objects.map((object) => {
    const key = object.key ?? newKey();
    config.get(object.spec.path)!.set(key, structuredClone(object.body));
    return object;
  });
  for (const object of added) {
    for (const site of object.spec.references(object.body)) {
      if (!config.get(site.collection)?.has(site.key)) {
        throw new Error(`seed file ${seed.file}: ${object.at}: ${formatFieldPath(site.path)}: refers to ${site.collection}/${site.key}, which is neither built in nor in the seed`);
      }
    }
  }
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The fields of `input` the schema dropped (absent from its output `known`), at every object level. */
function unknownFieldPaths(input: Json, known: Json, at = ''): string[] {
  return Object.entries(input).flatMap(([field, value]) => {
    const path = at ? `${at}.${field}` : field;
    if (!(field in known)) return [path];
    return isObject(value) && isObject(known[field]) ? unknownFieldPaths(value, known[field] as Json, path) : [];
  });
}
