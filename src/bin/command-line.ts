/**
 * What every command of this package does with its command line: `--help` prints the usage and
 * exits 0; an unknown or malformed option is one line on stderr and exit code 2, never a stack
 * trace; an error while running is one line naming the command, exit code 1 (or the error's own).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export class UsageError extends Error {}

/** An error whose message is meant for the user as it is (no stack trace), with its exit code. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface CommandLine<O extends Options> {
  readonly values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values'];
  readonly positionals: string[];
}

/** Parses argv; prints the usage and exits 0 on --help/-h; exits 2 with one line on a usage error. */
export function parseCommandLine<O extends Options>(program: string, usage: string, options: O, argv = process.argv.slice(2)): CommandLine<O> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage.endsWith('\n') ? usage : `${usage}\n`);
    process.exit(0);
  }
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as CommandLine<O>['values'], positionals };
  } catch (error) {
    // node:util's messages name the option ("Unknown option '--x'"); drop its advice to use "--" for positionals.
    const message = (error as Error).message.split('. To specify a positional argument')[0];
    process.stderr.write(`${program}: ${message} (see ${program} --help)\n`);
    process.exit(2);
  }
}

/** Runs a command's main function: an error becomes one line on stderr and a non-zero exit code. */
export function runCommand(program: string, main: () => Promise<number | void> | number | void): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        if (typeof code === 'number') process.exitCode = code;
      },
      (error: unknown) => {
        const known = error instanceof CommandError || error instanceof UsageError;
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`${program}: ${message}${error instanceof UsageError ? ` (see ${program} --help)` : ''}\n`);
        process.exitCode = error instanceof CommandError ? error.exitCode : error instanceof UsageError ? 2 : 1;
        if (!known && process.env.SPS_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
      },
    );
}
