import { Construct } from 'constructs';
import { OptionsError, ValidationError } from './errors';
import * as generated from './generated/sps';
import { type ConstructProps, type KindProps, propsModel, type SugarSpec } from './kind-props';
import { validateAtSynth } from './model-validation';
import { type Camel, camelName, type Kind, pascalName } from '../model';
import { type Pascal, referenceKind, type ReferenceOf, type ReferenceStatics } from './reference-kind';

/**
 * The construct of a kind, derived from its description in src/model: `new TimePolicy(scope, id,
 * props)` checks the props' keys, turns them into the generated resource's configuration, validates
 * it with the model at synth, and exposes the resource and the object's key (`timePolicyKey`).
 * Kinds that have a data source also get `fromName`, `fromKey` and `keyOf`. A construct class
 * extends `kindConstruct(kind, { sugar })` and adds only what is its own.
 */

type Generated = typeof generated;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any constructor of the generated bindings
type AnyClass = new (...args: any[]) => unknown;

/** The generated resource of a kind (`time_policy` → `timePolicy.TimePolicy`). */
export type ResourceOf<K extends Kind> =
  Camel<K['id']> extends infer N extends keyof Generated ? (Generated[N] extends { readonly [P in Pascal<K['id']>]: infer C extends AnyClass } ? InstanceType<C> : never) : never;

/** `fromName`, `fromKey` and `keyOf`, for kinds with a data source (`data_sps_time_policy`). */
type LookupStatics<K extends Kind> = `dataSps${Pascal<K['id']>}` extends keyof Generated ? ReferenceStatics<ReferenceOf<K>> : unknown;

export type KindConstructClass<K extends Kind, Props> = (new (scope: Construct, id: string, props: Props) => Construct &
  ReferenceOf<K> & {
    /** The generated resource, for anything the props do not cover. */
    readonly resource: ResourceOf<K>;
  }) &
  LookupStatics<K>;

export type { ConstructProps };

/** The base class of `kind`'s construct; `sugar` are the props of its own (kind-props.ts), `required` model fields it requires although they have defaults. */
export function kindConstruct<K extends Kind, const S extends SugarSpec = Record<never, never>, const Req extends keyof KindProps<K> & string = never>(
  kind: K,
  options: { readonly sugar?: S; readonly required?: readonly Req[] } = {},
): KindConstructClass<K, ConstructProps<K, S, Req>> {
  const name = pascalName(kind.id);
  const props = propsModel(kind, options.sugar, options.required);
  const Resource = (generated as unknown as Record<string, Record<string, new (scope: Construct, id: string, config: object) => { readonly id: string }>>)[camelName(kind.id)][name];

  class KindConstruct extends Construct {
    readonly resource: { readonly id: string };

    constructor(scope: Construct, id: string, input: Readonly<Record<string, unknown>>) {
      super(scope, id);
      const problems = props.problems(input);
      if (problems.length > 0) throw new ValidationError(`invalid ${name}: ${problems.join('; ')}`, this);
      let config: Record<string, unknown>;
      try {
        config = props.binding(input);
      } catch (error) {
        if (error instanceof OptionsError) throw new ValidationError(`invalid ${name}: ${error.message}`, this);
        throw error;
      }
      validateAtSynth(this, kind, config);
      this.resource = new Resource(this, 'Resource', { ...config, ...props.resourceExtras(input) });
      Object.defineProperty(this, `${camelName(kind.id)}Key`, { value: this.resource.id, enumerable: true });
    }
  }
  if (kind.lookup) {
    const reference = referenceKind(kind);
    Object.assign(KindConstruct, { fromName: reference.fromName, fromKey: reference.fromKey, keyOf: reference.keyOf });
  }
  return KindConstruct as unknown as KindConstructClass<K, ConstructProps<K, S, Req>>;
}
