#!/usr/bin/env node
/** sps-simulator: an embedded SPS appliance for tests, CI and demos (see README, "The simulator"). */
import { parseArgs } from 'node:util';
import { startSimulator } from '../simulator';

const USAGE = `usage: sps-simulator [--port N] [--host H] [--state FILE] [--tls [--ca-out FILE]] [--user NAME:PASSWORD ...] [--auto-approve] [--quiet]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      state: { type: 'string' },
      tls: { type: 'boolean', default: false },
      'ca-out': { type: 'string' },
      user: { type: 'string', multiple: true },
      'auto-approve': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${values.port}`);
  const users = (values.user ?? ['admin:admin']).map((entry) => {
    const colon = entry.indexOf(':');
    if (colon <= 0) throw new Error(`--user must be NAME:PASSWORD, got "${entry.slice(0, 40)}"`);
    return { name: entry.slice(0, colon), password: entry.slice(colon + 1) };
  });
  const simulator = await startSimulator({
    port,
    host: values.host,
    statePath: values.state,
    tls: values.tls,
    caOut: values['ca-out'],
    users,
    autoApproveApiClients: values['auto-approve'],
    log: values.quiet ? false : undefined,
  });
  console.log(`sps-simulator listening on ${simulator.url}`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`sps-simulator: ${error.message}\n${USAGE}`);
  process.exit(2);
});
