import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApplianceClient } from '../client';
import { writeCdktf } from './cdktf-writer';
import { buildExportModel } from './export-model';
import { writeHcl } from './hcl-writer';
import { EXPORTED_KINDS } from './kinds';
import { readAppliance } from './read-appliance';
import type { Selection } from './select';

export type ExportFormat = 'hcl' | 'cdktf';

export const FILES: Record<ExportFormat, readonly string[]> = {
  hcl: ['main.tf'],
  cdktf: ['main.ts', 'package.json', 'cdktf.json', 'tsconfig.json', '.gitignore'],
};

export interface ExportOptions {
  readonly format: ExportFormat;
  readonly outDir: string;
  readonly selection: Selection;
  /** Replace files the directory already has (otherwise that is an error, before anything is read). */
  readonly force?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ExportSummary {
  readonly files: readonly string[];
  /** Exported objects per kind, e.g. { "user lists": 3 }. */
  readonly exported: ReadonlyArray<readonly [string, number]>;
  readonly total: number;
  readonly lookups: number;
  readonly keyReferences: number;
  /** API clients whose secret the export cannot hold. */
  readonly apiClients: number;
  readonly objectsRead: number;
  readonly kindsListed: number;
}

export class ExportError extends Error {}

/** Reads the appliance, decides names and references, writes the files: all or nothing. */
export async function runExport(client: ApplianceClient, options: ExportOptions): Promise<ExportSummary> {
  const files = FILES[options.format];
  if (!options.force) {
    const existing = files.filter((file) => existsSync(join(options.outDir, file)));
    if (existing.length > 0) {
      throw new ExportError(`${join(options.outDir, existing[0])} already exists; choose an empty --out directory or pass --force to replace ${existing.join(', ')}`);
    }
  }
  const snapshot = await readAppliance(client, { selection: options.selection, onProgress: options.onProgress });
  const model = buildExportModel(snapshot);
  const written = options.format === 'hcl' ? writeHcl(model, options.selection.description) : writeCdktf(model, options.selection.description);
  mkdirSync(options.outDir, { recursive: true });
  for (const [file, text] of Object.entries(written)) writeFileSync(join(options.outDir, file), text);
  const exported = EXPORTED_KINDS.map((kind) => [kind.plural, model.resources.filter((r) => r.object.kind === kind).length] as const).filter(
    ([, count]) => count > 0,
  );
  return {
    files: Object.keys(written),
    exported,
    total: model.resources.length,
    lookups: model.lookups.length,
    keyReferences: model.keyReferences,
    apiClients: model.resources.filter((r) => r.object.kind.name === 'api_client').length,
    objectsRead: snapshot.objectsRead,
    kindsListed: snapshot.kindsListed,
  };
}
