// Renders every docs page from the provider's real schema and examples/ (CommonJS, so the jest
// staleness test and `npm run docs` share it).
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
  return renderDocs({ providerName: 'sps', schema, examples });
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

module.exports = { renderAllDocs, docsDir: join(repoRoot, 'docs') };
