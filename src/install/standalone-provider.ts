/**
 * The standalone terraform-provider-sps (one executable compiled by Bun, built by
 * `npm run release`), for sps-install-provider: found in release/ of the package's checkout, or
 * given as a release zip or the executable itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_VERSION } from '../version';
import { readZipEntries } from './zip-entry';

/** The package's root directory (dist/install/ → ../..). */
const PACKAGE_ROOT = join(__dirname, '..', '..');

/** The release zip for `platform` in release/ of the package's checkout, when `npm run release` built one for this version. */
export function builtStandaloneZip(platform: string, root: string = PACKAGE_ROOT): string | undefined {
  const metadataFile = join(root, 'release', 'release.json');
  if (!existsSync(metadataFile)) return undefined;
  try {
    const metadata = JSON.parse(readFileSync(metadataFile, 'utf8')) as { version?: string; archives?: Array<{ platform: string; zip: string }> };
    const archive = metadata.archives?.find((a) => a.platform === platform);
    if (metadata.version !== PACKAGE_VERSION || !archive) return undefined;
    const zip = join(root, 'release', archive.zip);
    return existsSync(zip) ? zip : undefined;
  } catch {
    return undefined;
  }
}

/** The executable's bytes from a release zip or from the executable file; refuses anything else. */
export function standaloneExecutable(source: string): Buffer {
  if (!existsSync(source)) throw new Error(`${source} does not exist`);
  let data: Buffer;
  if (source.endsWith('.zip')) {
    const entry = readZipEntries(source).find((e) => /^terraform-provider-sps(_v[^/]*)?$/.test(e.name));
    if (!entry) throw new Error(`${source} holds no terraform-provider-sps executable`);
    data = entry.data;
  } else {
    data = readFileSync(source);
  }
  // A compiled executable is an ELF (Linux) or Mach-O binary; the Node script starts with "#!".
  if (data.subarray(0, 2).toString('latin1') === '#!') throw new Error(`${source} is the Node script, not a standalone executable`);
  return data;
}
