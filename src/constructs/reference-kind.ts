/**
 * References to appliance objects, derived from the kinds' descriptions in src/model: a kind
 * `http_channel_policy` has references typed `{ httpChannelPolicyKey: string }` and a class
 * `HttpChannelPolicy` with `fromName` (the data source `sps_http_channel_policy`), `fromKey` and
 * `keyOf`. Not part of the public API, which exports the classes made here.
 */
import { Token } from 'cdktf';
import type { Construct } from 'constructs';
import { type Camel, camelName, isObjectKey, type KeyedReference, kindWithArticle, pascalName, type ReferenceTarget } from '../model';
import { OptionsError } from './errors';
import * as generated from './generated/sps';

/** `http_channel_policy` → `HttpChannelPolicy`, as constructs, bindings and data sources name a kind. */
export type Pascal<Id extends string> = Capitalize<Camel<Id>>;

/** The reference to an object of kind `K`, e.g. `{ httpChannelPolicyKey }`. */
export type ReferenceOf<K extends { readonly id: string }> = KeyedReference<K['id']>;

/** `fromName`, `fromKey` and `keyOf` of one kind. */
export interface ReferenceStatics<Reference> {
  /** An existing object of this kind, found by name when Terraform plans (built-ins included, e.g. "default"). */
  fromName(scope: Construct, id: string, name: string): Reference;
  /** An existing object of this kind by its key (e.g. a built-in's negative key such as "-10000"). */
  fromKey(key: string): Reference;
  /** The key `reference` carries, or an OptionsError saying that `where` (e.g. "`policies.settings`") must be of this kind. */
  keyOf(reference: Reference, where: string): string;
}


/** The key a reference to `target`'s kind carries, checked to be of that kind. */
export function keyOf(target: ReferenceTarget, reference: unknown, where: string): string {
  const key = (reference as Record<string, unknown> | undefined | null)?.[`${camelName(target.id)}Key`];
  if (typeof key !== 'string') {
    throw new OptionsError(`${where} must be ${kindWithArticle(target.kind)} (from its class's fromName or fromKey), got ${reference === undefined ? 'nothing' : 'another kind of reference'}`);
  }
  return key;
}

type NameLookup = new (scope: Construct, id: string, config: { name: string }) => { readonly id: string };

/**
 * The class with `fromName`, `fromKey` and `keyOf` of a kind that has a data source; typed as
 * ReferenceStatics so that the declarations (and editors, and the API reference) carry its docs.
 */
export function referenceKind<const Id extends string>(target: ReferenceTarget & { readonly id: Id }): ReferenceStatics<KeyedReference<Id>> {
  type Reference = KeyedReference<Id>;
  const className = pascalName(target.id);
  const reference = (key: string) => ({ [`${camelName(target.id)}Key`]: key }) as Reference;
  return class {
    /** An existing object of this kind, found by name when Terraform plans (built-ins included, e.g. "default"). */
    static fromName(scope: Construct, id: string, name: string): Reference {
      if (typeof name !== 'string' || (name.trim() === '' && !Token.isUnresolved(name))) {
        throw new OptionsError(`${className}.fromName: the name must be a non-empty string, got ${JSON.stringify(name)}`);
      }
      // The generated data source of the kind, e.g. dataSpsHttpChannelPolicy.DataSpsHttpChannelPolicy.
      const namespace = (generated as unknown as Record<string, Record<string, NameLookup>>)[`dataSps${className}`];
      return reference(new namespace[`DataSps${className}`](scope, id, { name }).id);
    }

    /** An existing object of this kind by its key (e.g. a built-in's negative key such as "-10000"). */
    static fromKey(key: string): Reference {
      if (typeof key !== 'string' || (!Token.isUnresolved(key) && !isObjectKey(key))) {
        throw new OptionsError(
          `${className}.fromKey: ${JSON.stringify(key)} is not a key of ${kindWithArticle(target.kind)} (keys are negative numbers for built-ins, or hex or UUID-like identifiers); to find one by name, use ${className}.fromName`,
        );
      }
      return reference(key);
    }

    /** The key `reference` carries, or an OptionsError saying that `where` (e.g. "`policies.settings`") must be of this kind. */
    static keyOf(reference: Reference, where: string): string {
      return keyOf(target, reference, where);
    }
  };
}
