import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { Configuration } from './config-store';

/**
 * Committed configuration on disk. Written to a temporary file, flushed, then renamed over the
 * old one, so a simulator killed mid-write leaves the previous file intact.
 */
export interface PersistedState {
  configuration: Record<string, Record<string, Record<string, unknown>>>;
  apiClientSecrets: Record<string, string>;
}

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

export function loadState(file: string): PersistedState | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as PersistedState;
}
