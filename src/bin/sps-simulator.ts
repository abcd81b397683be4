#!/usr/bin/env node
/** sps-simulator: an embedded SPS appliance for tests, CI and demos (see docs/guides/simulator.md). */
import { DEFAULT_SPS_VERSION, isSpsVersion, SPS_VERSIONS, startSimulator } from '../simulator';
import { onLauncherGone } from '../simulator/launcher';
import { parseCommandLine, runCommand, UsageError } from './command-line';

const PROGRAM = 'sps-simulator';
const USAGE = `usage: ${PROGRAM} [--port N] [--host H] [--state FILE] [--seed FILE] [--tls [--ca-out FILE]] [--user NAME:PASSWORD ...] [--sps-version V] [--auto-approve] [--quiet]

An embedded One Identity Safeguard for Privileged Sessions appliance (configuration REST API,
sessions, transactions, API clients) for tests, CI and laptops. Its first line on stdout is
"${PROGRAM} listening on <url>". It exits when the process that started it ends
(npx, a test runner, a script), so that a killed launcher leaves no simulator behind.

  --port N               port to listen on (default 0: any free port)
  --host H               address to listen on (default 127.0.0.1)
  --state FILE           keep the committed configuration in FILE across restarts
  --seed FILE            hold the objects in FILE (YAML or JSON) from the start, e.g. the local
                         groups, CAs and LDAP servers a configuration refers to. The format is
                         this simulator's own: {"<collection path>": [{"key": "<optional fixed
                         key>", ...the object's body}]}; example: examples/simulator-seed.yaml.
                         With --state, applied only while the state file does not exist yet
  --tls                  serve HTTPS with a self-signed certificate
  --ca-out FILE          with --tls: write the certificate's CA to FILE
  --user NAME:PASSWORD   an administrator (repeatable; default admin:admin)
  --sps-version V        behave like SPS firmware ${SPS_VERSIONS.join(', ')} (default ${DEFAULT_SPS_VERSION}): transaction
                         answers, commit-log requirement, X-Token for browsers
                         (docs/guides/simulator.md)
  --auto-approve         new API clients start authorized
  --quiet                no request log on stderr
  -h, --help             this help
`;

runCommand(PROGRAM, async () => {
  const { values, positionals } = parseCommandLine(PROGRAM, USAGE, {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    state: { type: 'string' },
    seed: { type: 'string' },
    tls: { type: 'boolean', default: false },
    'ca-out': { type: 'string' },
    user: { type: 'string', multiple: true },
    'auto-approve': { type: 'boolean', default: false },
    'sps-version': { type: 'string', default: DEFAULT_SPS_VERSION },
    quiet: { type: 'boolean', default: false },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError(`--port must be 0–65535, got "${values.port.slice(0, 40)}"`);
  const users = (values.user ?? ['admin:admin']).map((entry) => {
    const colon = entry.indexOf(':');
    if (colon <= 0) throw new UsageError(`--user must be NAME:PASSWORD, got "${entry.slice(0, Math.max(colon, 0)) || entry.slice(0, 20)}…"`);
    return { name: entry.slice(0, colon), password: entry.slice(colon + 1) };
  });
  const spsVersion = values['sps-version'];
  if (!isSpsVersion(spsVersion)) throw new UsageError(`--sps-version must be one of ${SPS_VERSIONS.join(', ')}, got "${spsVersion.slice(0, 20)}"`);
  const simulator = await startSimulator({
    spsVersion,
    port,
    host: values.host,
    statePath: values.state,
    seed: values.seed,
    tls: values.tls,
    caOut: values['ca-out'],
    users,
    autoApproveApiClients: values['auto-approve'],
    log: values.quiet ? false : undefined,
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void simulator.close().then(() => process.exit(0));
  };
  // Ctrl-C, kill, a closed terminal, or the launcher gone: close the server and exit.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  onLauncherGone(stop);
  // Last, so that whoever waits for this line can signal the simulator at once.
  console.log(`${PROGRAM} listening on ${simulator.url}`);
});
