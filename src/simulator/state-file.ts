import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import * as z from 'zod';
import { collectionByPath } from '../model';
import { ACCOUNTING_PATH, type Configuration, SINGLETONS } from './config-store';

/**
 * Committed configuration on disk. Written to a temporary file, flushed, then renamed over the
 * old one, so a simulator killed mid-write leaves the previous file intact.
 */
export interface PersistedState {
  configuration: Record<string, Record<string, Record<string, unknown>>>;
  apiClientSecrets: Record<string, string>;
}

/**
 * What a state file must hold. Bodies are only required to be objects: the simulator keeps fields
 * and values the model does not know (a newer firmware's, see extra-fields.ts) and writes them back.
 * Unknown top-level fields and collections are refused rather than dropped, because the next
 * commit rewrites the whole file.
 */
const persistedState: z.ZodType<PersistedState> = z
  .object({
    configuration: z
      .record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())))
      .superRefine((configuration, context) => {
        for (const path of Object.keys(configuration)) {
          if (path !== ACCOUNTING_PATH && !(path in SINGLETONS) && collectionByPath(path)?.path !== path) {
            context.addIssue({ code: 'custom', path: [path], message: 'not a collection this simulator knows' });
          }
        }
      }),
    apiClientSecrets: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest in hex')),
  })
  .strict();

export function saveState(file: string, configuration: Configuration, apiClientSecrets: Map<string, string>): void {
  const state: PersistedState = {
    configuration: Object.fromEntries([...configuration].map(([path, objects]) => [path, Object.fromEntries(objects)])),
    apiClientSecrets: Object.fromEntries(apiClientSecrets),
  };
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(state, null, 1));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/** The state in `file`, undefined when there is none yet; throws, naming the file and the problem, when it cannot be used. */
export function loadState(file: string): PersistedState | undefined {
  if (!existsSync(file)) return undefined;
  const refuse = (problem: string) => new Error(`state file ${file} ${problem}; the simulator did not start and left the file as it is`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw refuse(`cannot be read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw refuse(`is not valid JSON: ${(error as Error).message}`);
  }
  const result = persistedState.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => `${key}: not a field of a state file`) : [`${fieldPath(issue.path)}: ${issue.message}`],
    );
    throw refuse(`is not a simulator state file: ${problems.join('; ')}`);
  }
  return result.data;
}

/** A JSON path as a reader finds it in the file: `configuration["/api/…"].KEY.name`. */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((step, i) => {
      if (typeof step === 'number') return `[${step}]`;
      const name = String(step);
      if (/^[A-Za-z_$][\w$]*$/.test(name) || /^[0-9a-f-]+$/i.test(name)) return i === 0 ? name : `.${name}`;
      return `[${JSON.stringify(name)}]`;
    })
    .join('');
}
