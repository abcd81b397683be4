// The registry's release files and the two local mirror layouts Terraform installs from:
// - <release>/terraform-provider-sps_<v>_<os>_<arch>.zip, …_SHA256SUMS (which lists the other
//   files given too, e.g. the npm package tarball), …_manifest.json;
// - <release>/filesystem-mirror/: the packed layout, <host>/<namespace>/<type>/<zip>;
// - <release>/network-mirror/: the provider network mirror protocol's static files,
//   <host>/<namespace>/<type>/index.json and <version>.json (with h1:/zh: hashes) beside the zips.
// The mirrors' zips are hard links to the release's: one copy on disk, and plain files to
// Terraform, web servers and copying tools.
import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export const PROVIDER_HOST = 'registry.terraform.io';
export const PROVIDER_NAMESPACE = 'sps-iac';
export const PROVIDER_TYPE = 'sps';

export const zipName = (version, platform) => `terraform-provider-${PROVIDER_TYPE}_${version}_${platform}.zip`;

/**
 * archives: [{ platform, zip, h1, zh }] (zip: its path in releaseDir; zh: "zh:" and the zip's
 * SHA-256, hex); otherFiles: more paths in releaseDir to list in SHA256SUMS.
 */
export function writeReleaseLayout(releaseDir, version, archives, otherFiles) {
  const prefix = `terraform-provider-${PROVIDER_TYPE}_${version}`;
  const manifest = `${prefix}_manifest.json`;
  const manifestText = `${JSON.stringify({ version: 1, metadata: { protocol_versions: ['6.0'] } }, null, 2)}\n`;
  writeFileSync(join(releaseDir, manifest), manifestText);
  const sha256 = (data) => createHash('sha256').update(data).digest('hex');
  const sums = [
    ...archives.map((a) => [a.zh.slice('zh:'.length), basename(a.zip)]),
    [sha256(manifestText), manifest],
    ...otherFiles.map((file) => [sha256(readFileSync(file)), basename(file)]),
  ]
    .sort(([, a], [, b]) => (a < b ? -1 : 1))
    .map(([hash, name]) => `${hash}  ${name}\n`)
    .join('');
  writeFileSync(join(releaseDir, `${prefix}_SHA256SUMS`), sums);

  const providerPath = [PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE];
  const filesystemMirror = join(releaseDir, 'filesystem-mirror');
  const networkMirror = join(releaseDir, 'network-mirror');
  for (const mirror of [filesystemMirror, networkMirror]) {
    mkdirSync(join(mirror, ...providerPath), { recursive: true });
    for (const { zip } of archives) linkSync(zip, join(mirror, ...providerPath, basename(zip)));
  }
  // URLs are relative to the <version>.json that names them.
  const versionJson = { archives: Object.fromEntries(archives.map((a) => [a.platform, { url: basename(a.zip), hashes: [a.h1, a.zh] }])) };
  writeFileSync(join(networkMirror, ...providerPath, 'index.json'), `${JSON.stringify({ versions: { [version]: {} } }, null, 2)}\n`);
  writeFileSync(join(networkMirror, ...providerPath, `${version}.json`), `${JSON.stringify(versionJson, null, 2)}\n`);

  // Terraform records only hashes it computed itself (h1:) when it installs from a mirror, and
  // zh: only from a signed registry. A lock file that starts from this entry pins every
  // platform's archive by its zh: as well; `terraform init` verifies the zip against it.
  const hashes = archives.flatMap((a) => [a.h1, a.zh]).sort();
  const lockEntry = `provider "${providerPath.join('/')}" {\n  version = "${version}"\n  hashes = [\n${hashes.map((h) => `    "${h}",\n`).join('')}  ]\n}\n`;
  const lockFile = join(releaseDir, `${prefix}.lock.hcl`);
  writeFileSync(lockFile, lockEntry);
  return { filesystemMirror, networkMirror, lockFile };
}
