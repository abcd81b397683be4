import { holdsSecretField, isSecretField } from '../model';
import type { GenericObject } from './read-appliance';
import { GENERIC_NOTE, wrap } from './texts';

/**
 * What `sps_object` exports hold: the body as the appliance returns it, except the fields named
 * like secrets (the model's isSecretField), which no export writes in clear. Those stay
 * unmanaged (the appliance keeps them) and may be given through one sensitive input variable per
 * object, merged in as `sensitive_body`.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A field left out of the body: where it is, and the type its variable takes. */
export interface SecretField {
  /** Object keys from the body's top; the field itself last. */
  readonly path: readonly string[];
  /** `string` for text; `any` for anything else (an object, or a list holding a secret). */
  readonly type: 'string' | 'any';
}

export interface SplitBody {
  readonly body: { [key: string]: Json };
  readonly secrets: readonly SecretField[];
}

/**
 * The body without its secrets. A field named like a secret is one when it holds text or a
 * structure (a flag such as `password_authentication = true` is not). Lists are replaced whole
 * by `sensitive_body`, so a list with a secret anywhere in it is left out whole.
 */
export function splitSecrets(object: GenericObject): SplitBody {
  const secrets: SecretField[] = [];
  const walk = (value: { [key: string]: unknown }, path: readonly string[]): { [key: string]: Json } =>
    Object.fromEntries(
      Object.entries(value).flatMap(([key, item]): Array<[string, Json]> => {
        const at = [...path, key];
        if (isSecretField(key, item) || (Array.isArray(item) && holdsSecretField(item))) {
          secrets.push({ path: at, type: typeof item === 'string' ? 'string' : 'any' });
          return [];
        }
        return [[key, isObject(item) ? walk(item, at) : (item as Json)]];
      }),
    );
  return { body: walk(object.body, []), secrets };
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `bind_password`, `bind.password`: a secret's path as the comments name it. */
export function secretPathText(secret: SecretField): string {
  return secret.path.map((key) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key))).join('.');
}

/**
 * The variable's type, the same in HCL and CDKTF: an object type shaped like the secrets
 * (`object({ bind_password = string })`), or `any` when a key is not an attribute name.
 */
export function secretsType(secrets: readonly SecretField[]): string {
  if (secrets.some((secret) => secret.path.some((key) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)))) return 'any';
  interface Tree {
    [key: string]: Tree | SecretField['type'];
  }
  const tree: Tree = {};
  for (const secret of secrets) {
    let node = tree;
    secret.path.slice(0, -1).forEach((key) => {
      node[key] = typeof node[key] === 'object' ? node[key] : {};
      node = node[key] as Tree;
    });
    node[secret.path[secret.path.length - 1]] = secret.type;
  }
  const render = (node: Tree): string => `object({ ${Object.entries(node).map(([key, item]) => `${key} = ${typeof item === 'string' ? item : render(item)}`).join(', ')} })`;
  return render(tree);
}

/** The comment above an object with secrets, naming them and its variable (lines of at most 100 characters). */
export function secretsNote(secrets: readonly SecretField[], variable: string): string {
  const one = secrets.length === 1;
  return wrap(
    `Not exported, as ${one ? 'a secret' : 'secrets'}: ${secrets.map(secretPathText).join(', ')}. The appliance keeps ${one ? 'its value' : 'their values'}; ` +
      `to set ${one ? 'it' : 'them'} from Terraform, give the variable ${variable} (e.g. TF_VAR_${variable}); unset, nothing is written.`,
  );
}

/** The variable's description. */
export function secretsDescription(object: GenericObject, secrets: readonly SecretField[]): string {
  return `Secrets of the ${describeGeneric(object)}, which sps-export did not write: ${secrets.map(secretPathText).join(', ')}. Null (the default) leaves them as they are on the appliance.`;
}

/** The comment above an `sps_object`: what it is, and why it is one. */
export function objectComment(object: GenericObject): string {
  return wrap(`${describeGeneric(object)}: ${GENERIC_NOTE}`);
}

/** `LDAP server "corp-ldap" (key 2008…)`, `SSH options (/api/configuration/ssh/options)`. */
export function describeGeneric(object: GenericObject): string {
  const { collection, name, key } = object;
  return collection.singleton ? `${collection.kind} (${collection.path})` : `${collection.kind} ${JSON.stringify(name)} (key ${key})`;
}

/** The ID an `sps_object` is imported by: `<path>/<key>`, or a singleton's path. */
export function importId(object: GenericObject): string {
  return object.collection.singleton ? object.collection.path : `${object.collection.path}/${object.key}`;
}
