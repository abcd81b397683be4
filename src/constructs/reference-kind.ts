/**
 * The class each kind of reference has (./references; the user list's in ./user-list): not part
 * of the public API, which exports the classes it makes.
 */
import { Token } from 'cdktf';
import type { Construct } from 'constructs';
import { isObjectKey } from '../model';
import { OptionsError } from './errors';

/** A generated data source that finds an object by name. */
type NameLookup = new (scope: Construct, id: string, config: { name: string }) => { readonly id: string };

/**
 * `fromName`, `fromKey` and `keyOf` for one kind, whose references carry their key as `property`
 * (e.g. IHttpChannelPolicy's `httpChannelPolicyKey`); `kind` names it in messages ("an HTTP channel policy").
 */
export function referenceKind<Reference>(className: string, kind: string, Lookup: NameLookup, property: keyof Reference & string) {
  const reference = (key: string) => ({ [property]: key }) as Reference;
  return class {
    /** An existing object of this kind, found by name when Terraform plans (built-ins included, e.g. "default"). */
    static fromName(scope: Construct, id: string, name: string): Reference {
      if (typeof name !== 'string' || (name.trim() === '' && !Token.isUnresolved(name))) {
        throw new OptionsError(`${className}.fromName: the name must be a non-empty string, got ${JSON.stringify(name)}`);
      }
      return reference(new Lookup(scope, id, { name }).id);
    }

    /** An existing object of this kind by its key (e.g. a built-in's negative key such as "-10000"). */
    static fromKey(key: string): Reference {
      if (typeof key !== 'string' || (!Token.isUnresolved(key) && !isObjectKey(key))) {
        throw new OptionsError(
          `${className}.fromKey: ${JSON.stringify(key)} is not a key of ${kind} (keys are negative numbers for built-ins, or hex or UUID-like identifiers); to find one by name, use ${className}.fromName`,
        );
      }
      return reference(key);
    }

    /** The key `reference` carries, or an OptionsError saying that `where` (e.g. "`policies.settings`") must be of this kind. */
    static keyOf(reference: Reference, where: string): string {
      const key = (reference as Record<string, unknown> | undefined)?.[property];
      if (typeof key !== 'string') throw new OptionsError(`${where} must be ${kind} (from its class's fromName or fromKey), got ${reference === undefined ? 'nothing' : 'another kind of reference'}`);
      return key;
    }
  };
}
