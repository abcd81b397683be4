import type { IConstruct } from 'constructs';

/**
 * A mistake in a construct's props, found at synth, as aws-cdk-lib's ValidationError: the message
 * starts with the construct's path, so the user knows which construct of which stack to fix.
 */
export class ValidationError extends Error {
  /** The path of the construct at fault, e.g. "appliance/intranet". */
  readonly constructPath: string;

  /** `id`: the construct a factory method was about to create under `scope`. */
  constructor(message: string, scope: IConstruct, id?: string) {
    const path = id === undefined ? scope.node.path : [scope.node.path, id].filter((part) => part !== '').join('/');
    super(`${path}: ${message}`);
    this.name = 'ValidationError';
    this.constructPath = path;
  }
}

/** A mistake in the options of a helper that has no construct (e.g. `ServerAddress.inband`); the construct that receives it adds its path. */
export class OptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionsError';
  }
}
