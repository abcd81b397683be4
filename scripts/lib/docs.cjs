// Renders every generated docs page, from the provider's real schema, the kinds' descriptions,
// the constructs' declarations and examples/ (CommonJS, so the jest staleness test and
// `npm run docs` share it).
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { repoRoot } = require('./provider-install.cjs');
const { readProviderSchema, PROVIDER_SOURCE } = require('./provider-schema.cjs');

/** Returns { "resources/user_list.md": markdown, … }. */
function renderAllDocs() {
  const { renderDocs } = require(join(repoRoot, 'dist/docs/render-docs.js'));
  const schema = readProviderSchema().provider_schemas[PROVIDER_SOURCE];
  const read = (...parts) => (existsSync(join(repoRoot, 'examples', ...parts)) ? readFileSync(join(repoRoot, 'examples', ...parts), 'utf8') : undefined);
  const examples = { provider: { hcl: read('provider', 'provider.tf'), typescript: read('provider', 'cdktf.ts') } };
  for (const type of Object.keys(schema.resource_schemas ?? {})) {
    examples[`resources/${type}`] = { hcl: read('resources', type, 'resource.tf'), typescript: read('resources', type, 'cdktf.ts'), importShell: read('resources', type, 'import.sh') };
  }
  for (const type of Object.keys(schema.data_source_schemas ?? {})) {
    examples[`data-sources/${type}`] = { hcl: read('data-sources', type, 'data-source.tf') ?? lookupExample(type), typescript: read('data-sources', type, 'cdktf.ts') };
  }
  const docs = renderDocs({ providerName: 'sps', schema, examples });
  docs['constructs.md'] = renderConstructsDoc();
  return docs;
}

/**
 * docs/constructs.md, from the kinds' descriptions and the built declarations
 * (dist/constructs/index.d.ts, read with the TypeScript compiler API).
 */
function renderConstructsDoc() {
  const { renderConstructsPage } = require(join(repoRoot, 'dist/docs/render-constructs.js'));
  const { readConstructDeclarations } = require(join(repoRoot, 'dist/docs/construct-declarations.js'));
  const { KINDS } = require(join(repoRoot, 'dist/model'));
  const declarations = readConstructDeclarations(require('typescript'), join(repoRoot, 'dist/constructs/index.d.ts'));
  const examples = Object.fromEntries(KINDS.map((kind) => [kind.id, readExample('resources', `sps_${kind.id}`, 'cdktf.ts')]));
  return renderConstructsPage({ kinds: KINDS, declarations, examples });
}

function readExample(...parts) {
  const file = join(repoRoot, 'examples', ...parts);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/**
 * Every lookup data source works the same way; those without an example of their own get this
 * one, with a name that exists: a built-in object's, else the example seed's, so that the example
 * works as pasted against `sps-simulator --seed examples/simulator-seed.yaml`.
 */
function lookupExample(type) {
  const { kindById, kindWithArticle } = require(join(repoRoot, 'dist/model'));
  const kind = kindById(type);
  const builtin = kind.builtins[0];
  let name = builtin?.body.name;
  let note = builtin ? `# Look up the built-in ${kind.kind} "${name}".` : undefined;
  if (!name) {
    const seed = require('yaml').parse(readFileSync(join(repoRoot, 'examples', 'simulator-seed.yaml'), 'utf8'));
    name = seed[kind.path]?.[0]?.name;
    if (!name) throw new Error(`examples/simulator-seed.yaml has no ${kind.kind} for the ${type} example`);
    note = `# The appliance must hold ${kindWithArticle(kind.kind)} named "${name}"; the simulator does with --seed examples/simulator-seed.yaml.`;
  }
  return `${note}\ndata "${type}" "example" {\n  name = "${name}"\n}\n\noutput "key" {\n  value = data.${type}.example.id\n}\n`;
}

/** Folders of docs/ that `npm run docs` leaves alone: the hand-written guides (and the benchmark results `npm run bench` writes there). */
const handWritten = ['guides'];

module.exports = { renderAllDocs, docsDir: join(repoRoot, 'docs'), handWritten };
