import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiNameOf, camelName, caseFields, caseOf, type FieldNode, type FieldNodes, formatFieldPath, pascalName, type VariantCase, type VariantsNode } from '../model';
import { PACKAGE_VERSION } from '../version';
import type { ExportedObject, ExportedResource, ExportModel, Lookup, ResolvedReference } from './export-model';
import { importId, objectComment, secretsDescription, secretsNote, secretsType } from './generic';
import { lookupKindByPath } from './kinds';
import { describeObject, fileHeader, SECRET_NOTE } from './texts';
import { arr, call, code, lit, obj, renderTs, str, type Ts, tsCommentText } from './ts-format';

/**
 * A string that reaches Terraform as it is: cdktf writes strings into the JSON configuration,
 * where `${` and `%{` would start a template, so they are escaped as `$${` and `%%{`.
 */
const tf = (value: string) => str(terraformLiteral(value));

/** cdktf's token markers (`${TfToken[…]}`, `#{…}`, `&{…}`): text from the appliance must never become one. */
const TOKEN_MARKER = /[$#&]\{TfToken\[/;

/**
 * Appliance text as a string that Terraform reads back as exactly that text and in which cdktf
 * finds no token. Usually `${` and `%{` are escaped (`$${`, `%%{`). A text holding a token marker
 * cannot keep the marker, so there every `$` is written as the interpolation `${"$"}` and the
 * brace after `#`/`&` as `${"{"}`: the marker is gone from the string cdktf sees, and Terraform
 * evaluates the pieces back into the original text.
 */
function terraformLiteral(value: string): string {
  if (!TOKEN_MARKER.test(value)) return value.replace(/([$%])\{/g, '$1$1{');
  return value.replace(/\$|([#&])\{|%\{/g, (match, marker: string | undefined) => (match === '$' ? '${"$"}' : marker ? `${marker}\${"{"}` : '%%{'));
}

/** The files writeCdktf writes, in the order the summary lists them. */
export const CDKTF_FILES = ['main.ts', 'package.json', 'cdktf.json', 'tsconfig.json', '.gitignore'] as const;
type CdktfFile = (typeof CDKTF_FILES)[number];

/**
 * A runnable CDKTF app: main.ts with each kind's construct (and its helpers such as
 * ServerAddress.*, fromName lookups), each resource adopted with importFrom(key), plus the
 * project files the README's "In your own GitOps repo" uses. The props are written from the
 * kinds' descriptions in src/model.
 */
export function writeCdktf(model: ExportModel, selection: string): Record<CdktfFile, string> {
  const imports = new Set<string>(['SpsProvider']);
  const cdktfImports = new Set<string>(['App', 'TerraformStack']);
  const statements: string[] = [];
  const comment = (text: string) => statements.push(...text.split('\n').map((line) => `// ${tsCommentText(line)}`.trimEnd()));

  comment('The appliance, the credentials and the commit message come from the environment when the provider runs, never');
  comment('from this file: SPS_URL, SPS_USERNAME and SPS_PASSWORD (or SPS_CLIENT_ID and SPS_CLIENT_SECRET), SPS_CA_FILE or');
  comment('SPS_INSECURE, SPS_COMMIT_MESSAGE.');
  statements.push("new SpsProvider(this, 'sps');");

  if (model.lookups.length > 0) {
    statements.push('');
    comment('Referenced objects that Terraform reads but does not manage, looked up by name.');
    for (const lookup of model.lookups) statements.push(lookupStatement(lookup, imports));
  }

  // Before the typed constructs, which may reference them.
  for (const exported of model.objects) {
    statements.push('');
    statements.push(...objectStatements(exported, imports, cdktfImports));
  }

  for (const resource of declarationOrder(model.resources)) {
    const { kind } = resource.object;
    statements.push('');
    comment(describeObject(resource));
    const writer = new PropsWriter(resource, imports);
    const props = obj(writer.entries(kind.spec.fields, kind.spec.fromApi(resource.object.body) as Record<string, unknown>, ROOT));
    if (kind.createOnly.length > 0) comment(SECRET_NOTE.cdktf);
    const v = resource.variable;
    const className = pascalName(kind.name);
    imports.add(className);
    const start = `const ${v} = new ${className}(this, ${str(v).code}, `;
    statements.push(`${start}${renderTs(props, 4, 4 + start.length)});`);
    for (const [path, value] of writer.overrides) {
      comment('Not covered by the construct\'s props: set on the generated resource.');
      statements.push(`${v}.resource.addOverride(${str(path).code}, ${renderTs(value, 4)});`);
    }
    statements.push(`${v}.resource.importFrom(${tf(resource.object.key).code});`);
  }

  const header = fileHeader('cdktf', selection, model.objects.length > 0).split('\n').map((line) => `// ${line}`.trimEnd());
  const run = [
    '//',
    '// Run it as in the sps-iac README ("In your own GitOps repo"), with SPS_* set:',
    '//   npm install',
    '//   npx sps-install-provider && export TF_CLI_CONFIG_FILE="$PWD/.sps-provider/terraformrc"',
    '//   npx cdktf diff                    # every object to import; nothing to add, change or destroy',
    '//   npx cdktf deploy --auto-approve   # adopts them',
  ];
  const mainTs = [
    ...header,
    ...run,
    `import { ${[...cdktfImports].sort().join(', ')} } from 'cdktf';`,
    "import type { Construct } from 'constructs';",
    `import {\n${[...imports].sort().map((name) => `  ${name},`).join('\n')}\n} from 'sps-iac';`,
    '',
    'class Appliance extends TerraformStack {',
    '  constructor(scope: Construct, id: string) {',
    '    super(scope, id);',
    ...statements.map((line) => (line === '' ? '' : `    ${line}`)),
    '  }',
    '}',
    '',
    'const app = new App();',
    "new Appliance(app, 'appliance');",
    'app.synth();',
    '',
  ].join('\n');
  return { 'main.ts': mainTs, ...projectFiles() };
}

/**
 * The resources in the model's order, except that each comes after the resources it references:
 * a construct's variable must be declared before a later one uses it (an HTTP connection policy
 * its channel policy, a channel policy the user list it names), which HCL does not need.
 */
function declarationOrder(resources: readonly ExportedResource[]): ExportedResource[] {
  const byVariable = new Map(resources.map((resource) => [resource.variable, resource]));
  const ordered: ExportedResource[] = [];
  const placed = new Set<ExportedResource>();
  const place = (resource: ExportedResource) => {
    if (placed.has(resource)) return;
    placed.add(resource);
    for (const reference of resource.references.values()) {
      const target = reference.type === 'resource' ? byVariable.get(reference.variable) : undefined;
      if (target) place(target);
    }
    for (const named of resource.names.values()) {
      const target = byVariable.get(named.variable);
      if (target) place(target);
    }
    ordered.push(resource);
  };
  resources.forEach(place);
  return ordered;
}

function lookupStatement(lookup: Lookup, imports: Set<string>): string {
  const { helper } = lookup.kind;
  imports.add(helper);
  return `const ${lookup.variable} = ${helper}.fromName(this, ${str(lookup.variable).code}, ${tf(lookup.name).code});`;
}

/**
 * An `SpsObject`, adopted with importFrom(path/key). Its secrets, if it has any, come from a
 * sensitive variable that is null unless set (cdktf cannot declare a null default, so an
 * override does), merged in as sensitive_body only when set.
 */
function objectStatements(exported: ExportedObject, imports: Set<string>, cdktfImports: Set<string>): string[] {
  const { object, variable: v, secretsVariable } = exported;
  const statements = objectComment(object).split('\n').map((line) => `// ${tsCommentText(line)}`);
  imports.add('SpsObject');
  const props = obj([
    ['path', str(object.collection.path)],
    ['body', bodyTs(exported.body, cdktfImports)],
    ...(object.collection.singleton ? [['singleton', code('true')] as const] : []),
  ]);
  const start = `const ${v} = new SpsObject(this, ${str(v).code}, `;
  statements.push(`${start}${renderTs(props, 4, 4 + start.length)});`);
  if (secretsVariable) {
    for (const name of ['Fn', 'Op', 'TerraformVariable', 'Token']) cdktfImports.add(name);
    const s = secretsVariable.variable;
    statements.push(...secretsNote(exported.secrets, secretsVariable.name).split('\n').map((line) => `// ${tsCommentText(line)}`));
    const config = obj([
      ['type', str(secretsType(exported.secrets))],
      ['sensitive', code('true')],
      ['nullable', code('true')],
      ['description', str(secretsDescription(object, exported.secrets))],
    ]);
    const declare = `const ${s} = new TerraformVariable(this, ${str(secretsVariable.name).code}, `;
    statements.push(
      `${declare}${renderTs(config, 4, 4 + declare.length)});`,
      `${s}.addOverride('default', null);`,
      `${v}.resource.sensitiveBody = Fn.conditional(Op.eq(${s}.value, Token.nullValue()), Token.nullValue(), Fn.jsonencode(${s}.value));`,
    );
  }
  statements.push(`${v}.resource.importFrom(${str(importId(object)).code});`);
  return statements;
}

/**
 * A body as plain values: SpsObject escapes every string for cdktf's jsonencode and keeps null
 * list items. Only a string token marker (`${TfToken[`) in appliance text is the export's to
 * break, since SpsObject reads it as a token: its `$` is written as the token Fn.lower('$').
 */
function bodyTs(value: Record<string, unknown>, cdktfImports: Set<string>): Ts {
  const jsonValue = (element: unknown): Ts => {
    if (Array.isArray(element)) return arr(element.map(jsonValue));
    if (element !== null && typeof element === 'object') return obj(Object.entries(element).map(([key, field]) => [tsKey(key), jsonValue(field)]));
    if (typeof element === 'string') return textTs(element, cdktfImports);
    return element === null ? code('null') : lit(element as number | boolean);
  };
  return jsonValue(value);
}

/** A string of a body: the text, or around each marker's `$` a concatenation with Fn.lower('$'). */
function textTs(text: string, cdktfImports: Set<string>): Ts {
  const pieces = text.split(/\$(?=\{TfToken\[)/);
  if (pieces.length === 1) return str(text);
  cdktfImports.add('Fn');
  const parts = pieces.flatMap((piece, index) => [...(index === 0 ? [] : ["Fn.lower('$')"]), ...(piece === '' ? [] : [str(piece).code])]);
  return code(parts.join(' + '));
}

/** An object literal's key: bare when it is an identifier, quoted otherwise (`__proto__` computed, so it stays a key). */
function tsKey(key: string): string {
  if (key === '__proto__') return `[${str(key).code}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : str(key).code;
}

function referenceTs(reference: ResolvedReference, imports: Set<string>): Ts {
  switch (reference.type) {
    case 'resource':
      if (reference.fromKeyOf) {
        imports.add(reference.fromKeyOf);
        return code(`${reference.fromKeyOf}.fromKey(${reference.variable}.objectKey)`);
      }
      return code(reference.variable);
    case 'lookup':
      return code(reference.lookup.variable);
    case 'key': {
      // References are typed per kind: a key is written with its kind's fromKey.
      const helper = lookupKindByPath(reference.collection)?.helper;
      if (helper) imports.add(helper);
      const key = tf(reference.key);
      return { commented: helper ? { ...key, code: `${helper}.fromKey(${key.code})` } : key, comment: reference.comment };
    }
  }
}

/** `applies_to` → `appliesTo`, as props are named. */

const propName = (name: string, node: FieldNode) => node.prop?.name ?? camelName(name);

/** A scalar as written: strings escaped for Terraform. */
const scalar = (value: unknown): Ts => (typeof value === 'string' ? tf(value) : lit(value as number | boolean));

/**
 * Where a value is: its path in the body (references are resolved by it) and its attribute path
 * (overrides are set at it), which reaches no list item.
 */
interface At {
  readonly api: ReadonlyArray<string | number>;
  readonly attribute: readonly string[];
  readonly inList: boolean;
}

const ROOT: At = { api: [], attribute: [], inList: false };
const fieldAt = (at: At, name: string, node: FieldNode): At => ({ api: [...at.api, apiNameOf(name, node)], attribute: [...at.attribute, name], inList: at.inList });

type Entries = Array<readonly [string, Ts | undefined]>;

/**
 * One resource's props, from an attribute-named body and its kind's description: camelCase
 * props, references as resolved by the export model, variants with a helper class as
 * `Helper.method(args…)`, the construct's sugar as the description spells it (PropSpelling), and
 * whatever the props cannot express collected as overrides of the generated resource.
 */
class PropsWriter {
  readonly overrides: Array<[string, Ts]> = [];

  constructor(
    private readonly resource: ExportedResource,
    private readonly imports: Set<string>,
  ) {}

  /** The props of `fields` (or of `only` these, in that order); a flattened variants adds its spelling's props. */
  entries(fields: FieldNodes, value: Record<string, unknown>, at: At, only: readonly string[] = Object.keys(fields)): Entries {
    return only.flatMap((name): Entries => {
      const node = fields[name];
      const written = this.value(node, value[name], fieldAt(at, name, node));
      if (!node.prop?.flatten) return [[propName(name, node), written]];
      if (written === undefined) return [];
      if (!('object' in written)) throw new Error(`${this.where(fieldAt(at, name, node))}: a flattened spelling must be an object`);
      return [...written.object];
    });
  }

  private value(node: FieldNode, value: unknown, at: At): Ts | undefined {
    if (value === null || value === undefined) return undefined;
    switch (node.type) {
      case 'reference':
        return this.reference(at);
      case 'list':
        return arr((value as unknown[]).map((item, index) => this.expressed(this.value(node.item, item, { ...at, api: [...at.api, index], inList: true }), at)));
      case 'object':
        return obj(this.entries(node.fields, value as Record<string, unknown>, at));
      case 'variants':
        return this.variant(node, value as Record<string, unknown>, at);
      default: {
        const named = this.resource.names.get(formatFieldPath(at.api));
        return named ? code(`${named.variable}.resource.name`) : scalar(value);
      }
    }
  }

  private variant(node: VariantsNode, value: Record<string, unknown>, at: At): Ts | undefined {
    const variantCase = caseOf(node, value);
    if (!variantCase) throw new Error(`${this.where(at)}: ${node.message}`);
    const fields = caseFields(node, variantCase);
    if (node.helperClass && variantCase.helper) return this.helper(node.helperClass, variantCase.helper, fields, value, at);
    const discriminator = scalar(variantCase.value);
    const spelling = node.prop?.cases?.[String(variantCase.value)];
    if (spelling === undefined) return obj([[camelName(node.on), discriminator], ...this.entries(fields, value, at)]);
    if (spelling === 'fields') return obj(this.entries(fields, value, at));
    if (spelling === 'omit' || spelling === 'value') {
      this.override(fields, value, at, []);
      return spelling === 'omit' ? undefined : discriminator;
    }
    const { field, key } = spelling;
    this.override(fields, value, at, field ? [field] : []);
    const spelled = field ? this.value(fields[field], value[field], fieldAt(at, field, fields[field])) : discriminator;
    return key ? obj([[key, spelled]]) : spelled;
  }

  private helper(className: string, helper: NonNullable<VariantCase['helper']>, fields: FieldNodes, value: Record<string, unknown>, at: At): Ts {
    this.imports.add(className);
    const args = helper.args.map((name) => this.expressed(this.value(fields[name], value[name], fieldAt(at, name, fields[name])), fieldAt(at, name, fields[name])));
    if (helper.options) args.push(obj(this.entries(fields, value, at, helper.options)));
    this.override(fields, value, at, [...helper.args, ...(helper.options ?? [])]);
    return call(`${className}.${helper.method}`, ...args);
  }

  /** Fields of a spelled case that the props do not take: set on the generated resource, unless null or the default. */
  private override(fields: FieldNodes, value: Record<string, unknown>, at: At, taken: readonly string[]): void {
    for (const [name, node] of Object.entries(fields)) {
      const item = value[name];
      if (taken.includes(name) || item === null || item === undefined) continue;
      if (node.presence.kind === 'default' && JSON.stringify(node.presence.value) === JSON.stringify(item)) continue;
      const where = fieldAt(at, name, node);
      if (at.inList) throw new Error(`${this.where(where)}: the construct's props cannot express it, and an override cannot reach into a list`);
      this.overrides.push([where.attribute.join('.'), literal(item)]);
    }
  }

  private reference(at: At): Ts {
    const resolved = this.resource.references.get(formatFieldPath(at.api));
    if (!resolved) throw new Error(`no reference was resolved at ${formatFieldPath(at.api)}`);
    return referenceTs(resolved, this.imports);
  }

  /** A value that must be written (a list item, a helper's argument). */
  private expressed(written: Ts | undefined, at: At): Ts {
    if (written === undefined) throw new Error(`${this.where(at)}: the construct's props cannot leave it out`);
    return written;
  }

  private where(at: At): string {
    return `${this.resource.object.kind.resourceType} ${JSON.stringify(this.resource.object.name)}: ${formatFieldPath(at.api)}`;
  }
}

/** An attribute-named value as the generated resource's JSON takes it (an override). */
function literal(value: unknown): Ts {
  if (Array.isArray(value)) return arr(value.map(literal));
  if (value !== null && typeof value === 'object') return obj(Object.entries(value).map(([key, item]) => [key, literal(item)]));
  return value === null ? code('null') : scalar(value);
}

/** cdktf.json, package.json, tsconfig.json and .gitignore, as the README's user repository has them. */
function projectFiles(): Record<Exclude<CdktfFile, 'main.ts'>, string> {
  const versions = toolVersions();
  const packageJson = {
    name: 'sps-appliance',
    version: '1.0.0',
    private: true,
    description: 'SPS appliance configuration exported by sps-export',
    scripts: { synth: 'cdktf synth', diff: 'cdktf diff', deploy: 'cdktf deploy' },
    devDependencies: {
      '@types/node': versions['@types/node'],
      cdktf: versions.cdktf,
      'cdktf-cli': versions['cdktf-cli'],
      constructs: versions.constructs,
      'sps-iac': `^${PACKAGE_VERSION}`,
      tsx: versions.tsx,
      typescript: versions.typescript,
    },
  };
  const cdktfJson = {
    language: 'typescript',
    // Type-check first, so a misspelt property fails instead of being dropped.
    app: 'npx tsc --noEmit && npx tsx main.ts',
    output: 'cdktf.out',
    projectId: 'sps-appliance',
    sendCrashReports: 'false',
    terraformProviders: [],
    terraformModules: [],
    context: {},
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      moduleResolution: 'node',
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
    },
    include: ['main.ts'],
  };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    'package.json': json(packageJson),
    'cdktf.json': json(cdktfJson),
    'tsconfig.json': json(tsconfig),
    '.gitignore': 'node_modules/\ncdktf.out/\n.sps-provider/\n*.tfstate*\n',
  };
}

/** The tool versions this package is built and tested with (its own devDependencies). */
function toolVersions(): Record<'@types/node' | 'cdktf' | 'cdktf-cli' | 'constructs' | 'tsx' | 'typescript', string> {
  const own = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const dev = own.devDependencies ?? {};
  const pick = (name: string, fallback: string) => dev[name] ?? fallback;
  return {
    '@types/node': `^${pick('@types/node', '20').split('.')[0].replace(/^\D*/, '')}`,
    cdktf: pick('cdktf', '0.21.0'),
    'cdktf-cli': pick('cdktf-cli', '0.21.0'),
    constructs: pick('constructs', '10.7.2'),
    tsx: pick('tsx', '4.23.15'),
    typescript: pick('typescript', '5.9.3'),
  };
}
