/**
 * The fleet's inventory: one entry per appliance with its name, URL, the names of the environment
 * variables that hold its credentials, and its site tags. Validated strictly, so a typo fails the
 * synth with the file, the field and the value instead of surfacing later as a plan error.
 */
import { readFileSync } from 'node:fs';

export interface Appliance {
  /** The stack's name, and the state's PostgreSQL schema (see stateSchema). */
  readonly name: string;
  readonly url: string;
  /** PEM file with the appliance's CA, when it is not signed by a public one. */
  readonly caFile?: string;
  /**
   * Environment variables holding the credentials. Terraform reads a variable's value from
   * TF_VAR_<name>, so each must start with TF_VAR_; the values never enter the synthesized files.
   */
  readonly credentials: { readonly usernameEnv: string; readonly passwordEnv: string };
  /** Site tags: each adds that site's extras (site-extras.ts). */
  readonly tags: readonly string[];
}

const NAME = /^[a-z][a-z0-9_-]{0,39}$/;
const ENV_NAME = /^TF_VAR_[A-Za-z_][A-Za-z0-9_]*$/;

/** The PostgreSQL schema holding an appliance's state: one per stack, as Terraform's pg backend documents. */
export function stateSchema(applianceName: string): string {
  return `sps_${applianceName.replace(/-/g, '_')}`;
}

/** The Terraform variable that TF_VAR_<name> feeds. */
export function variableName(envName: string): string {
  return envName.slice('TF_VAR_'.length);
}

class InventoryError extends Error {
  constructor(file: string, path: string, problem: string) {
    super(`${file}: ${path}: ${problem}`);
    this.name = 'InventoryError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads and validates an inventory; `knownTags` are the tags that have site extras. */
export function loadInventory(file: string, knownTags: readonly string[]): Appliance[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InventoryError(file, '(file)', `cannot be read as JSON: ${(error as Error).message}`);
  }
  return parseInventory(json, file, knownTags);
}

export function parseInventory(json: unknown, file: string, knownTags: readonly string[]): Appliance[] {
  const fail = (path: string, problem: string): never => {
    throw new InventoryError(file, path, problem);
  };
  if (!isObject(json) || !Array.isArray(json.appliances)) return fail('appliances', 'must be a list of appliances');
  if (json.appliances.length === 0) fail('appliances', 'is empty: the fleet needs at least one appliance');
  const schemas = new Map<string, string>();
  return json.appliances.map((entry: unknown, index: number): Appliance => {
    const at = `appliances[${index}]`;
    if (!isObject(entry)) return fail(at, 'must be an object');
    for (const key of Object.keys(entry)) {
      if (!['name', 'url', 'caFile', 'credentials', 'tags'].includes(key)) fail(`${at}.${key}`, 'is not a known field (name, url, caFile, credentials, tags)');
    }
    const { name, url, caFile, credentials, tags } = entry;
    if (typeof name !== 'string' || !NAME.test(name)) fail(`${at}.name`, `${JSON.stringify(name)} must be 1–40 lower-case letters, digits, "_" or "-", starting with a letter`);
    const schema = stateSchema(name as string);
    if (schemas.has(schema)) fail(`${at}.name`, `"${name}" has the same state schema (${schema}) as "${schemas.get(schema)}"`);
    schemas.set(schema, name as string);
    if (typeof url !== 'string' || !/^https?:\/\/[^/\s]+/.test(url)) fail(`${at}.url`, `${JSON.stringify(url)} is not an http(s) URL`);
    if (caFile !== undefined && (typeof caFile !== 'string' || caFile === '')) fail(`${at}.caFile`, `${JSON.stringify(caFile)} must be a file path`);
    if (!isObject(credentials)) return fail(`${at}.credentials`, 'must be an object with usernameEnv and passwordEnv');
    for (const field of ['usernameEnv', 'passwordEnv']) {
      const value = credentials[field];
      if (typeof value !== 'string' || !ENV_NAME.test(value)) {
        fail(`${at}.credentials.${field}`, `${JSON.stringify(value)} must name an environment variable TF_VAR_<name> (Terraform reads variables only from TF_VAR_…)`);
      }
    }
    for (const key of Object.keys(credentials)) if (!['usernameEnv', 'passwordEnv'].includes(key)) fail(`${at}.credentials.${key}`, 'is not a known field (usernameEnv, passwordEnv)');
    if (!Array.isArray(tags)) return fail(`${at}.tags`, 'must be a list of site tags (may be empty)');
    tags.forEach((tag: unknown, t: number) => {
      if (typeof tag !== 'string' || !knownTags.includes(tag)) fail(`${at}.tags[${t}]`, `${JSON.stringify(tag)} is not a known site tag (${knownTags.join(', ')})`);
    });
    return {
      name: name as string,
      url: url as string,
      ...(caFile === undefined ? {} : { caFile: caFile as string }),
      credentials: { usernameEnv: credentials.usernameEnv as string, passwordEnv: credentials.passwordEnv as string },
      tags: [...new Set(tags as string[])],
    };
  });
}
