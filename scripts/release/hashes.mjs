// Terraform's package hashes (hashicorp/terraform internal/getproviders/hash.go):
// - zh: the SHA-256 of the zip archive, hex ("legacy" zip hash, what registries sign);
// - h1: golang.org/x/mod/sumdb/dirhash Hash1 over the archive's files (dirhash.HashZip): for each
//   file, sorted by name, the line "<sha256 hex>  <name>\n"; h1 is the base64 SHA-256 of those
//   lines. The same value for the zip and for its unpacked directory.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const sha256 = (data) => createHash('sha256').update(data);

export const zipHash = (zipPath) => `zh:${sha256(readFileSync(zipPath)).digest('hex')}`;

/** entries: [{ name, data }] as put into the zip. */
export function h1Hash(entries) {
  const lines = [...entries]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, data }) => {
      if (name.includes('\n')) throw new Error('dirhash: file names with newlines are not supported');
      return `${sha256(data).digest('hex')}  ${name}\n`;
    })
    .join('');
  return `h1:${sha256(lines).digest('base64')}`;
}
