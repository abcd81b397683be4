import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { configurationPathProblem } from '../model';
import { ValidationError } from './errors';
import { objectResource } from './generated/sps';
import { jsonencodeDocument, tokenKeyProblems } from './jsonencode';
import { type KeySpec, keyProblems } from './props';

/** An object of the SPS configuration REST API without a typed construct (see `sps_object`). */
export interface SpsObjectProps {
  /** The collection (e.g. `/api/configuration/policies/ldap_servers`), or with `singleton` the object itself (e.g. `/api/configuration/ssh/options`). */
  readonly path: string;
  /** The object, or the part of it to manage, with the REST body's field names; every string reaches the appliance as written; values (not keys) may be tokens (e.g. another object's key). */
  readonly body: Readonly<Record<string, unknown>>;
  /** Secrets (e.g. `{ bind_password: … }`), merged over `body` when the object is written and hidden in plan output. */
  readonly sensitiveBody?: Readonly<Record<string, unknown>>;
  /** `path` is one object, only read and replaced (GET and PUT); destroying it only forgets it. */
  readonly singleton?: boolean;
}

const PROPS: KeySpec = { path: true, body: true, sensitiveBody: false, singleton: false };

/**
 * Any object of the SPS configuration REST API as JSON (`sps_object`): only the keys `body` sets
 * are managed, every other field of the object is kept. Prefer a typed construct where there is
 * one: it validates every field at synth, keeps names unique and checks references.
 */
export class SpsObject extends Construct {
  /** The generated resource, for anything the props do not cover. */
  readonly resource: objectResource.ObjectResource;
  /** The object's key, to reference it from other objects; for a singleton, its path. */
  readonly objectKey: string;

  constructor(scope: Construct, id: string, props: SpsObjectProps) {
    super(scope, id);
    const problems = keyProblems('the props', props, PROPS);
    if (problems.length === 0) {
      if (!Token.isUnresolved(props.path)) problems.push(...[configurationPathProblem(props.path)].filter((problem): problem is string => problem !== undefined));
      problems.push(...documentProblems('body', props.body), ...(props.sensitiveBody === undefined ? [] : documentProblems('sensitiveBody', props.sensitiveBody)));
    }
    if (problems.length > 0) throw new ValidationError(`invalid SpsObject: ${problems.join('; ')}`, this);
    this.resource = new objectResource.ObjectResource(this, 'Resource', {
      path: props.path,
      body: jsonencodeDocument(props.body),
      ...(props.sensitiveBody === undefined ? {} : { sensitiveBody: jsonencodeDocument(props.sensitiveBody) }),
      ...(props.singleton === undefined ? {} : { singleton: props.singleton }),
    });
    this.objectKey = this.resource.id;
  }
}

/** A document must be a plain object (the provider refuses anything else at validation; synth says so first) with plain-text keys. */
function documentProblems(prop: string, value: unknown): string[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return tokenKeyProblems(prop, value);
  return [`\`${prop}\` must be an object (it is sent as JSON), got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`];
}
