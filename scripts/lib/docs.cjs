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

/** Every lookup data source works the same way; those without an example of their own get this one. */
function lookupExample(type) {
  return `data "${type}" "example" {\n  name = "default"\n}\n\noutput "key" {\n  value = data.${type}.example.id\n}\n`;
}

module.exports = { renderAllDocs, docsDir: join(repoRoot, 'docs') };
