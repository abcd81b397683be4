// Builds `sps-iac/cdktn`, the CDK Terrain flavour of the constructs, from the compiled cdktf
// flavour (dist/index.* and dist/constructs/**): the same files with every import of `cdktf`
// replaced by `cdktn`, under dist/cdktn/. Shared layers (model, provider checks) are not copied:
// relative imports that leave the copied tree are re-pointed at the originals. Run after tsc.
// Then both entries get a check (src/cdk-missing.ts): without their CDK, an optional peer, they
// still load, and each construct says what to install.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const target = join(dist, 'cdktn');
const copied = [join(dist, 'index.js'), join(dist, 'index.d.ts'), ...listFiles(join(dist, 'constructs'))].filter((file) => /\.(js|d\.ts)$/.test(file));
const copiedRoots = [join(dist, 'constructs'), join(dist, 'index')];

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** A module specifier as the file at `to` must write it. */
function rewriteSpecifier(specifier, from, to) {
  if (specifier === 'cdktf' || specifier.startsWith('cdktf/')) return `cdktn${specifier.slice('cdktf'.length)}`;
  if (!specifier.startsWith('.')) return specifier;
  const absolute = resolve(dirname(from), specifier);
  if (copiedRoots.some((root) => absolute === root || absolute.startsWith(`${root}/`))) return specifier;
  const rewritten = relative(dirname(to), absolute);
  return rewritten.startsWith('.') ? rewritten : `./${rewritten}`;
}

// require("x"), import("x"), from "x", import "x" — in compiled JavaScript and in declarations.
const SPECIFIER = /(\brequire\(|\bimport\(|\bfrom\s+|\bimport\s+)(["'])([^"'\n]+)\2/g;

if (readFileSync(join(dist, 'index.js'), 'utf8').includes('cdk-missing')) throw new Error('dist/index.js was processed already: run npm run build (tsc first)');
rmSync(target, { recursive: true, force: true });
for (const file of copied) {
  const out = join(target, relative(dist, file));
  const text = readFileSync(file, 'utf8').replace(SPECIFIER, (_match, prefix, quote, specifier) => `${prefix}${quote}${rewriteSpecifier(specifier, file, out)}${quote}`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
}
console.log(`sps-iac/cdktn: ${copied.length} files in ${relative(process.cwd(), target)}`);

// The names the constructs add to an entry, read from the cdktf entry with the devDependencies installed.
const constructNames = Object.keys(createRequire(import.meta.url)(join(dist, 'constructs', 'index.js')));
const CONSTRUCTS = '__exportStar(require("./constructs"), exports);';
for (const [entry, flavour] of [
  [join(dist, 'index.js'), 'cdktf'],
  [join(target, 'index.js'), 'cdktn'],
]) {
  const text = readFileSync(entry, 'utf8');
  if (text.split(CONSTRUCTS).length !== 2) throw new Error(`${relative(process.cwd(), entry)}: expected tsc's line ${CONSTRUCTS} once`);
  const helper = JSON.stringify(rewriteSpecifier('./cdk-missing', join(dist, 'index.js'), entry));
  // Both branches keep tsc's form, from which Node's ES module loader reads the entry's export names.
  const check = `if (require(${helper}).cdkInstalled("${flavour}")) ${CONSTRUCTS}\nelse require(${helper}).defineMissingCdkExports(exports, "${flavour}", ${JSON.stringify(constructNames)});`;
  writeFileSync(entry, text.replace(CONSTRUCTS, check));
}
