import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiClient, HttpConnectionPolicy, UserList } from '../model';
import { PACKAGE_VERSION } from '../version';
import type { ExportedResource, ExportModel, Lookup, ResolvedReference } from './export-model';
import { lookupKindByPath } from './kinds';

type ExportedBody =
  | { readonly kind: 'user_list'; readonly body: UserList }
  | { readonly kind: 'http_connection_policy'; readonly body: HttpConnectionPolicy }
  | { readonly kind: 'api_client'; readonly body: ApiClient };
import { describeObject, fileHeader, SECRET_NOTE } from './texts';
import { arr, call, code, lit, obj, renderTs, str, type Ts, tsCommentText } from './ts-format';

/**
 * A string that reaches Terraform as it is: cdktf writes strings into the JSON configuration,
 * where `${` and `%{` would start a template, so they are escaped as `$${` and `%%{`.
 */
const tf = (value: string) => str(value.replace(/([$%])\{/g, '$1$1{'));

/** The files writeCdktf writes, in the order the summary lists them. */
export const CDKTF_FILES = ['main.ts', 'package.json', 'cdktf.json', 'tsconfig.json', '.gitignore'] as const;
type CdktfFile = (typeof CDKTF_FILES)[number];

/**
 * A runnable CDKTF app: main.ts with the hand-written constructs (ServerAddress.*,
 * TransportSecurity.*, fromName lookups), each resource adopted with importFrom(key), plus the
 * project files the README's "In your own GitOps repo" uses.
 */
export function writeCdktf(model: ExportModel, selection: string): Record<CdktfFile, string> {
  const imports = new Set<string>(['SpsProvider']);
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

  for (const resource of model.resources) {
    statements.push('');
    comment(describeObject(resource));
    const typed = typedBody(resource);
    const reference = (path: string): Ts | undefined => {
      const resolved = resource.references.get(path);
      return resolved ? referenceTs(resolved, imports) : undefined;
    };
    const { className, props, overrides } = constructFor(typed, reference, imports);
    if (typed.kind === 'api_client') comment(SECRET_NOTE.cdktf);
    imports.add(className);
    const v = resource.variable;
    const start = `const ${v} = new ${className}(this, ${str(v).code}, `;
    statements.push(`${start}${renderTs(props, 4, 4 + start.length)});`);
    for (const [path, value] of overrides) {
      comment('Not covered by the construct\'s props: set on the generated resource.');
      statements.push(`${v}.resource.addOverride(${str(path).code}, ${renderTs(value, 4)});`);
    }
    statements.push(`${v}.resource.importFrom(${tf(resource.object.key).code});`);
  }

  const header = fileHeader('cdktf', selection).split('\n').map((line) => `// ${line}`.trimEnd());
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
    "import { App, TerraformStack } from 'cdktf';",
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

function lookupStatement(lookup: Lookup, imports: Set<string>): string {
  const { helper } = lookup.kind;
  imports.add(helper);
  return `const ${lookup.variable} = ${helper}.fromName(this, ${str(lookup.variable).code}, ${tf(lookup.name).code});`;
}

function referenceTs(reference: ResolvedReference, imports: Set<string>): Ts {
  switch (reference.type) {
    case 'resource':
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

/** The body typed by its kind: the appliance client parsed it with that kind's model schema. */
function typedBody(resource: ExportedResource): ExportedBody {
  return { kind: resource.object.kind.name, body: resource.object.body } as ExportedBody;
}

type Reference = (path: string) => Ts | undefined;
interface ConstructCall {
  className: string;
  props: Ts;
  overrides: Array<[string, Ts]>;
}

function constructFor(typed: ExportedBody, reference: Reference, imports: Set<string>): ConstructCall {
  switch (typed.kind) {
    case 'user_list':
      return { className: 'UserList', props: userListProps(typed.body), overrides: [] };
    case 'api_client':
      return { className: 'ApiClient', props: apiClientProps(typed.body, reference, imports), overrides: [] };
    case 'http_connection_policy':
      return httpConnectionPolicyCall(typed.body, reference, imports);
    default:
      throw new Error(`no CDKTF writer for ${(typed as { kind: string }).kind}`);
  }
}

const strings = (values: readonly string[]) => arr(values.map(tf));
const required = (reference: Reference, path: string): Ts => {
  const value = reference(path);
  if (!value) throw new Error(`no reference was resolved at ${path}`);
  return value;
};

function userListProps(body: UserList): Ts {
  return obj([
    ['name', tf(body.name)],
    ['allow', tf(body.allow)],
    ['except', strings(body.except)],
  ]);
}

function apiClientProps(body: ApiClient, reference: Reference, imports: Set<string>): Ts {
  imports.add('AppliesTo');
  const appliesTo =
    body.applies_to.selection === 'groups'
      ? call('AppliesTo.groups', arr(body.applies_to.groups.map((_, i) => required(reference, `applies_to.groups[${i}]`))))
      : code('AppliesTo.allUsers()');
  return obj([
    ['name', tf(body.name)],
    ['scopes', strings(body.scopes)],
    ['appliesTo', appliesTo],
  ]);
}

function httpConnectionPolicyCall(body: HttpConnectionPolicy, reference: Reference, imports: Set<string>): ConstructCall {
  const overrides: Array<[string, Ts]> = [];
  const use = (name: string) => {
    imports.add(name);
    return name;
  };

  const address = body.server_address;
  let serverAddress: Ts;
  switch (address.selection) {
    case 'original':
      serverAddress = code(`${use('ServerAddress')}.original()`);
      break;
    case 'nat':
      serverAddress = code(`${use('ServerAddress')}.nat(${tf(address.network).code})`);
      break;
    case 'fix':
      serverAddress = code(`${use('ServerAddress')}.fixed(${tf(address.address).code}, ${address.port})`);
      break;
    case 'inband': {
      const entry = (e: { domain: { selection: 'address' | 'domain'; value: string }; port?: unknown }) =>
        obj([
          e.domain.selection === 'domain' ? ['domain', tf(e.domain.value)] : ['addressRange', tf(e.domain.value)],
          ['port', typeof e.port === 'number' ? lit(e.port) : undefined],
        ]);
      const options = obj([
        ['domains', arr(address.domains.map(entry))],
        ['exceptions', address.exception_domains.length > 0 ? arr(address.exception_domains.map(entry)) : undefined],
        ['dnsServer', address.dns_server === null ? undefined : tf(address.dns_server)],
        ['dnsSuffixes', address.dns_suffixes.length > 0 ? strings(address.dns_suffixes) : undefined],
      ]);
      serverAddress = call(`${use('ServerAddress')}.inband`, options);
      break;
    }
  }
  // ServerAddress.* has no custom_dns: the generated resource takes it.
  if (address.custom_dns !== undefined && address.custom_dns !== null) overrides.push(['server_address.custom_dns', tf(address.custom_dns)]);

  type Method = { selection: 'fix'; x509_identity: string } | { selection: 'generate'; signing_ca: string };
  const certificate = (method: Method, at: string): Ts =>
    method.selection === 'fix'
      ? call(`${use('HostCertificate')}.fixed`, required(reference, `${at}.host_certification_method.x509_identity`))
      : call(`${use('HostCertificate')}.generated`, required(reference, `${at}.host_certification_method.signing_ca`));

  const ts = body.transport_security;
  let transportSecurity: Ts;
  if (ts.selection === 'disabled') transportSecurity = code(`${use('TransportSecurity')}.disabled()`);
  else if (ts.selection === 'client-only') transportSecurity = call(`${use('TransportSecurity')}.clientOnly`, certificate(ts.host_certification_method, 'transport_security'));
  else {
    transportSecurity = call(
      `${use('TransportSecurity')}.clientServer`,
      obj([
        ['certificate', certificate(ts.host_certification_method, 'transport_security')],
        ['allowNonEncrypted', lit(ts.allow_non_encrypted)],
        ['trustedCa', ts.server_certificate_check.enabled ? required(reference, 'transport_security.server_certificate_check.trusted_ca') : undefined],
        // Without a trusted CA the servers' certificates are not verified: the construct wants that said.
        ['verifyServer', ts.server_certificate_check.enabled ? undefined : lit(false)],
      ]),
    );
  }

  let webProxy: Ts | undefined;
  if (body.web_proxy.enabled) {
    const proxy = body.web_proxy.transport_security;
    webProxy = obj([['tls', proxy.selection === 'tls' ? certificate(proxy.host_certification_method, 'web_proxy.transport_security') : undefined]]);
  }

  const source = body.source_address;
  const sourceAddress = source.selection === 'fix' ? obj([['fixed', tf(source.address)]]) : tf(source.selection);

  const accessControl = arr(
    body.access_control.map((entry) =>
      obj([
        ['authorizer', tf(entry.authorizer)],
        ['permission', tf(entry.permission)],
        ['requireDifferentIp', lit(entry.require_different_ip)],
        ['requireDifferentUsername', lit(entry.require_different_username)],
        ['subject', entry.subject.selection === 'only' ? obj([['selection', tf('only')], ['group', tf(entry.subject.group)]]) : obj([['selection', tf('everybody')]])],
      ]),
    ),
  );

  const policyRef = (field: keyof HttpConnectionPolicy['policies']) => reference(`policies.${field}`);
  const props = obj([
    ['name', tf(body.name)],
    ['active', lit(body.active)],
    ['network', obj([['clients', strings(body.network.clients)], ['targets', strings(body.network.targets)], ['ports', arr(body.network.ports.map(lit))]])],
    ['serverAddress', serverAddress],
    ['sourceAddress', sourceAddress],
    ['webProxy', webProxy],
    ['transportSecurity', transportSecurity],
    ['accessControl', body.access_control.length > 0 ? accessControl : undefined],
    ['indexing', body.indexing.enabled ? obj([['policy', required(reference, 'indexing.policy')], ['priority', lit(body.indexing.priority)]]) : undefined],
    ['rateLimit', body.rate_limit.enabled ? lit(body.rate_limit.value) : undefined],
    ['logAuditTrailDownloads', lit(body.log_audit_trail_downloads)],
    ['channelDatabaseCleanupDays', body.channel_database_cleanup.enabled ? lit(body.channel_database_cleanup.days) : undefined],
    ['logLevel', body.override_log_level.enabled ? lit(body.override_log_level.log_level) : undefined],
    [
      'policies',
      obj([
        ['channelPolicy', policyRef('channel_policy')],
        ['settings', policyRef('settings')],
        ['auditPolicy', policyRef('audit_policy')],
        ['authenticationPolicy', policyRef('authentication_policy')],
        ['ldapServer', policyRef('ldap_server')],
        ['backupPolicy', policyRef('backup_policy')],
        ['usermappingPolicy', policyRef('usermapping_policy')],
        ['archiveCleanupPolicy', policyRef('archive_cleanup_policy')],
        ['analyticsPolicy', policyRef('analytics_policy')],
      ]),
    ],
  ]);
  return { className: 'HttpConnectionPolicy', props, overrides };
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
