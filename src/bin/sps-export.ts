#!/usr/bin/env node
/** sps-export: writes an existing appliance's configuration as HCL or a CDKTF app, each object adopted by import. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApplianceClient, ApplianceError, ConnectionError, type Logger, SpsClientError } from '../client';
import { resolveProviderConfig } from '../provider/provider-config';
import { type ExportFormat, ExportError, type ExportSummary, runExport } from '../export/run-export';
import { EXPORTED_KINDS, GENERIC_COLLECTIONS } from '../export/kinds';
import { parseSelection, SelectionError } from '../export/select';
import { PACKAGE_VERSION } from '../version';
import { CommandError, parseCommandLine, runCommand, UsageError } from './command-line';

const PROGRAM = 'sps-export';
const USAGE = `usage: ${PROGRAM} --format hcl|cdktf --out DIR [--generic] [--select KIND=GLOB ...] [connection options]

Writes the ${EXPORTED_KINDS.map((kind) => kind.plural).join(', ')} of an SPS appliance as Terraform
configuration, every managed field as the appliance stores it, each object adopted by import:

  --format hcl     DIR/main.tf: the provider (no credentials), a resource and an import block per
                   object, data-source lookups by name for the policies and groups they reference
  --format cdktf   a runnable CDKTF app: DIR/main.ts (the sps-iac constructs, importFrom(key) per
                   object), cdktf.json, package.json, tsconfig.json, .gitignore

Built-in objects (negative keys) are skipped; so is an object the export cannot read (a newer
firmware's value), with a warning naming it. API-client secrets cannot be read back from the
appliance: the export says so in a comment (rotate them with keepers / rotation).

  --out DIR             where to write (created if missing)
  --generic             also export the objects of the kinds without a typed resource, as
                        sps_object (CDKTF: SpsObject) with every field the appliance returns,
                        each imported by path/key. The kinds:
                        ${wrapList(GENERIC_COLLECTIONS.map((collection) => collection.name))}.
                        Fields named like secrets (password, secret, token, private key) are not
                        written: a sensitive variable per object may give them; unset, they stay
                        as they are. References to these objects point to their sps_object
  --select KIND=GLOB    export only the objects of KIND whose name matches GLOB (* and ?);
                        repeatable; KIND is one of
                        ${wrapList(EXPORTED_KINDS.map((kind) => kind.name))},
                        or with --generic one of its kinds (a singleton's name is its kind).
                        Kinds not named are not exported; references to objects left out are
                        written as keys, with a comment
  --force               replace files DIR already has
  --quiet               no progress on stderr

Connection, as the provider's (each flag falls back to its environment variable):
  --url URL             SPS_URL, e.g. https://sps.example.com
  --username NAME       SPS_USERNAME; the password from SPS_PASSWORD or --password-file
  --password-file FILE  a file holding the password
  --client-id ID        SPS_CLIENT_ID (an API client with the config scope), instead of a user;
                        the secret from SPS_CLIENT_SECRET or --client-secret-file
  --client-secret-file FILE
  --ca-file FILE        SPS_CA_FILE: a PEM CA to trust for the appliance's certificate
  --insecure            SPS_INSECURE=true: skip certificate verification (test appliances only)
  -h, --help            this help

Secrets are never taken from the command line (other users can read it) and never written.
Exit codes: 0 done, 1 failed (connection, login, TLS, files), 2 usage error.
`;

runCommand(PROGRAM, async () => {
  const { values, positionals } = parseCommandLine(PROGRAM, USAGE, {
    format: { type: 'string' },
    out: { type: 'string' },
    select: { type: 'string', multiple: true },
    generic: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    url: { type: 'string' },
    username: { type: 'string' },
    'password-file': { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret-file': { type: 'string' },
    'ca-file': { type: 'string' },
    insecure: { type: 'boolean', default: false },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.format !== 'hcl' && values.format !== 'cdktf') {
    throw new UsageError(values.format === undefined ? '--format is required (hcl or cdktf)' : `--format "${values.format}": expected hcl or cdktf`);
  }
  if (!values.out) throw new UsageError('--out DIR is required');
  let selection;
  try {
    selection = parseSelection(values.select ?? [], { generic: values.generic });
  } catch (error) {
    if (error instanceof SelectionError) throw new UsageError(error.message);
    throw error;
  }
  const format: ExportFormat = values.format;
  const outDir = resolve(values.out);
  const env = process.env;

  // Flags for one login method override the environment's other method.
  const byFlagClient = values['client-id'] !== undefined || values['client-secret-file'] !== undefined;
  const byFlagUser = values.username !== undefined || values['password-file'] !== undefined;
  const url = values.url ?? env.SPS_URL;
  if (!url) throw new UsageError('--url or SPS_URL is required, e.g. https://sps.example.com');
  if (!/^https?:\/\/[^/\s]+/i.test(url) || !URL.canParse(url)) throw new UsageError(`--url "${url.replace(/\/\/[^@/]*@/, '//')}" is not an http(s) URL such as https://sps.example.com`);
  // The provider's own rules and environment fallbacks, so the export connects exactly as the provider would.
  const { settings, diagnostics } = resolveProviderConfig(
    {
      url,
      username: byFlagClient ? null : (values.username ?? null),
      password: byFlagClient ? null : values['password-file'] ? secretFile('--password-file', values['password-file']) : null,
      client_id: byFlagUser ? null : (values['client-id'] ?? null),
      client_secret: byFlagUser ? null : values['client-secret-file'] ? secretFile('--client-secret-file', values['client-secret-file']) : null,
      ca_file: values['ca-file'] ?? null,
      insecure: values.insecure ? true : null,
      allow_insecure_http: null,
      commit_message: null,
      lock_timeout: null,
    },
    {
      ...env,
      ...(byFlagClient ? { SPS_USERNAME: undefined, SPS_PASSWORD: undefined } : {}),
      ...(byFlagUser ? { SPS_CLIENT_ID: undefined, SPS_CLIENT_SECRET: undefined } : {}),
    },
  );
  // The client itself warns when TLS verification is off; other warnings (plain HTTP) are printed here.
  for (const warning of diagnostics.filter((d) => d.severity === 'warning' && d.path?.[0] !== 'insecure')) process.stderr.write(`${PROGRAM}: warning: ${cliWording(warning.detail ?? warning.summary)}\n`);
  const problem = diagnostics.find((d) => d.severity === 'error');
  if (problem || !settings) throw new UsageError(cliWording(problem?.detail ?? problem?.summary ?? 'the connection settings are incomplete'));
  const connection = settings.client;

  const started = process.hrtime.bigint();
  let client: ApplianceClient;
  try {
    client = new ApplianceClient({ ...connection, userAgent: `sps-export/${PACKAGE_VERSION}`, logger: stderrLogger, retry: { maxAttempts: 3 } });
  } catch (error) {
    throw new CommandError(oneLine(cliWording((error as Error).message)));
  }
  let summary: ExportSummary;
  try {
    summary = await runExport(client, {
      format,
      outDir,
      selection,
      force: values.force,
      onProgress: values.quiet ? undefined : progress(),
      onSkipped: (warning) => process.stderr.write(`${PROGRAM}: warning: ${warning}\n`),
      onWarning: (warning) => process.stderr.write(`${PROGRAM}: warning: ${warning}\n`),
    });
  } catch (error) {
    throw new CommandError(oneLine(describeFailure(error)));
  } finally {
    await client.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(summaryText(summary, format, outDir, seconds, client.requestCount));
  return 0;
});

/** Names joined by ", " for the usage's second column: lines of at most 76 characters from column 24. */
function wrapList(names: readonly string[], indent = 24, width = 76): string {
  const lines = [''];
  for (const [index, name] of names.entries()) {
    const word = index < names.length - 1 ? `${name},` : name;
    const last = lines.length - 1;
    if (lines[last] === '' || lines[last].length + 1 + word.length <= width) lines[last] = lines[last] === '' ? word : `${lines[last]} ${word}`;
    else lines.push(word);
  }
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** A secret from a file: its first line, so a trailing newline does not become part of it. */
function secretFile(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/)[0];
  } catch (error) {
    throw new UsageError(`${flag} ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** The client speaks of provider attributes; here they are flags and variables. */
function cliWording(message: string): string {
  return message
    .replace(/\b(url|username|password|client_id|client_secret|ca_file|insecure|allow_insecure_http) \(or (SPS_[A-Z_]+)\)/g, (_all, attribute: string, variable: string) => `${CLI_FLAGS[attribute] ?? attribute} (or ${variable})`)
    .replace(/\bca_file\b/g, '--ca-file (SPS_CA_FILE)')
    .replace(/insecure = true/g, '--insecure (SPS_INSECURE=true)')
    .replace(/\bclient_id and client_secret\b/g, '--client-id and SPS_CLIENT_SECRET')
    .replace(/\busername and password\b/g, '--username and SPS_PASSWORD');
}

/** The flag for each provider attribute the messages name. */
const CLI_FLAGS: Record<string, string> = {
  url: '--url',
  username: '--username',
  password: '--password-file',
  client_id: '--client-id',
  client_secret: '--client-secret-file',
  ca_file: '--ca-file',
  insecure: '--insecure',
  allow_insecure_http: 'allow_insecure_http',
};

function describeFailure(error: unknown): string {
  if (error instanceof ExportError) return error.message;
  if (error instanceof ConnectionError) return cliWording(error.message);
  if (error instanceof ApplianceError) {
    const login = error.path === '/api/authentication' || error.path === '/api/oauth/token';
    return login || error.status !== 403
      ? cliWording(error.message)
      : `${error.message} (the export needs read access to the configuration: the config scope, or an administrator)`;
  }
  if (error instanceof SpsClientError) return cliWording(error.message);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'ENOTDIR' || code === 'EROFS' || code === 'ENOSPC') return `cannot write the files: ${(error as Error).message}`;
  return error instanceof Error ? error.message : String(error);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** `n/N objects` on stderr, about ten times per export, only when there are many objects. */
function progress(): (done: number, total: number) => void {
  let shown = 0;
  return (done, total) => {
    if (total < 100) return;
    const step = Math.ceil(total / 10);
    if (done === total || done - shown >= step) {
      shown = done;
      process.stderr.write(`${PROGRAM}: ${done}/${total} objects\n`);
    }
  };
}

function summaryText(summary: ExportSummary, format: ExportFormat, outDir: string, seconds: number, requests: number): string {
  const counts = summary.exported.map(([count, kind]) => `${count} ${kind}`);
  const lines = [
    `${PROGRAM} ${PACKAGE_VERSION}: exported ${summary.total} object${summary.total === 1 ? '' : 's'}${counts.length ? ` (${counts.join(', ')})` : ''} as ${format === 'hcl' ? 'HCL' : 'a CDKTF app'} to ${outDir}: ${summary.files.join(', ')}`,
    `  ${summary.lookups} referenced object${summary.lookups === 1 ? '' : 's'} looked up by name; ${summary.keyReferences} reference${summary.keyReferences === 1 ? '' : 's'} written as key${summary.keyReferences === 1 ? '' : 's'} (see the comments)`,
  ];
  if (summary.createOnly > 0) {
    lines.push(`  ${summary.createOnly} API client${summary.createOnly === 1 ? '' : 's'}: secrets cannot be read back; they stay as they are (see the comments on rotation)`);
  }
  if (summary.secrets > 0) {
    lines.push(`  ${summary.secrets} field${summary.secrets === 1 ? '' : 's'} named like secrets not written: the *_secrets variables may give them (see the comments)`);
  }
  if (summary.skipped > 0) lines.push(`  ${summary.skipped} object${summary.skipped === 1 ? '' : 's'} skipped (see the warnings above)`);
  lines.push(`  read ${summary.objectsRead} objects from ${summary.kindsListed} collections in ${requests} requests, ${seconds.toFixed(2)} s`);
  lines.push(format === 'hcl' ? '  next: terraform init && terraform plan   (shows every object to import)' : '  next: npm install, then npx cdktf diff   (shows every object to import)');
  return `${lines.join('\n')}\n`;
}

/**
 * Warnings such as disabled TLS verification go to stderr. Retry notices (they carry `attempt`)
 * do not: either a retry succeeds, or the one-line error says how many attempts were made.
 */
const stderrLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message, fields) => {
    if (fields?.attempt === undefined) process.stderr.write(`${PROGRAM}: warning: ${cliWording(message)}\n`);
  },
  error: (message) => process.stderr.write(`${PROGRAM}: ${cliWording(message)}\n`),
};
