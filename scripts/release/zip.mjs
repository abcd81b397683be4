// Terraform's provider archives, written by archiver: deflated, with the file's Unix mode and a
// fixed date, so the same executable always makes the same zip.
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import archiver from 'archiver';

// 1980-01-01 00:00, the first date a zip can hold, in local time, as zip dates are.
const FIXED_DATE = new Date(1980, 0, 1);

/** entries: [{ name, data: Buffer, mode }] → the zip file at `path`. */
export async function writeZip(path, entries) {
  const zip = archiver('zip', { zlib: { level: 9 } });
  const output = createWriteStream(path);
  zip.pipe(output);
  for (const { name, data, mode = 0o644 } of entries) zip.append(data, { name, mode, date: FIXED_DATE });
  await zip.finalize();
  await finished(output);
}
