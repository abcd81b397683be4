import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApplianceClient } from '../client';
import { CDKTF_FILES, writeCdktf } from './cdktf-writer';
import { buildExportModel, type ExportModel } from './export-model';
import { HCL_FILES, writeHcl } from './hcl-writer';
import { EXPORTED_KINDS, GENERIC_COLLECTIONS } from './kinds';
import { readAppliance } from './read-appliance';
import type { Selection } from './select';

export type ExportFormat = 'hcl' | 'cdktf';

interface Writer {
  /** Every file `write` returns. */
  readonly files: readonly string[];
  readonly write: (model: ExportModel, selection: string) => Readonly<Record<string, string>>;
}

const WRITERS: Record<ExportFormat, Writer> = {
  hcl: { files: HCL_FILES, write: writeHcl },
  cdktf: { files: CDKTF_FILES, write: writeCdktf },
};

export interface ExportOptions {
  readonly format: ExportFormat;
  readonly outDir: string;
  readonly selection: Selection;
  /** Replace files the directory already has (otherwise that is an error, before anything is read). */
  readonly force?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  /** An object skipped, and why (the export goes on without it). */
  readonly onSkipped?: (warning: string) => void;
  /** Anything else the user should know (with --generic: a collection this appliance does not have). */
  readonly onWarning?: (warning: string) => void;
}

export interface ExportSummary {
  readonly files: readonly string[];
  /** Exported objects per kind, with the kind as the count needs it: [3, "user lists"], [1, "LDAP server"]. */
  readonly exported: ReadonlyArray<readonly [number, string]>;
  readonly total: number;
  readonly lookups: number;
  readonly keyReferences: number;
  /** Objects with fields only their create returns (API clients' secrets), which the export cannot hold. */
  readonly createOnly: number;
  /** Fields of `sps_object` bodies left out as secrets (--generic). */
  readonly secrets: number;
  readonly objectsRead: number;
  readonly kindsListed: number;
  /** Objects skipped (see onSkipped). */
  readonly skipped: number;
}

export class ExportError extends Error {}

/** Reads the appliance, decides names and references, writes the files: all or nothing. */
export async function runExport(client: ApplianceClient, options: ExportOptions): Promise<ExportSummary> {
  const writer = WRITERS[options.format];
  if (!options.force) {
    const existing = writer.files.filter((file) => existsSync(join(options.outDir, file)));
    if (existing.length > 0) {
      throw new ExportError(`${join(options.outDir, existing[0])} already exists; choose an empty --out directory or pass --force to replace ${existing.join(', ')}`);
    }
  }
  let skipped = 0;
  const onSkipped = (warning: string) => {
    skipped++;
    options.onSkipped?.(warning);
  };
  const snapshot = await readAppliance(client, { selection: options.selection, onProgress: options.onProgress, onSkipped, onWarning: options.onWarning });
  const model = buildExportModel(snapshot);
  const written = writer.write(model, options.selection.description);
  mkdirSync(options.outDir, { recursive: true });
  for (const [file, text] of Object.entries(written)) writeFileSync(join(options.outDir, file), text);
  const counts = EXPORTED_KINDS.map((kind) => ({ kind, count: model.resources.filter((r) => r.object.kind === kind).length }));
  const genericCounts = GENERIC_COLLECTIONS.map((collection) => ({ collection, count: model.objects.filter((o) => o.object.collection === collection).length }));
  return {
    files: Object.keys(written),
    exported: [
      ...counts.filter(({ count }) => count > 0).map(({ kind, count }) => [count, count === 1 ? kind.spec.kind : kind.plural] as const),
      ...genericCounts.filter(({ count }) => count > 0).map(({ collection, count }) => [count, count === 1 ? collection.kind : collection.plural] as const),
    ],
    total: model.resources.length + model.objects.length,
    lookups: model.lookups.length,
    keyReferences: model.keyReferences,
    createOnly: counts.filter(({ kind }) => kind.createOnly.length > 0).reduce((sum, { count }) => sum + count, 0),
    secrets: model.objects.reduce((sum, object) => sum + object.secrets.length, 0),
    objectsRead: snapshot.objectsRead,
    kindsListed: snapshot.kindsListed,
    skipped,
  };
}
