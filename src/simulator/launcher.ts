import { existsSync, readFileSync } from 'node:fs';

/**
 * Calls `onGone` once the process that started the simulator has gone, so that killing a
 * launcher never leaves a simulator behind. `npx sps-simulator` runs npm exec → sh -c → node:
 * killing npm with SIGTERM ends npm and sh and re-parents node; SIGKILL ends npm alone, and sh
 * stays, waiting for node. Node has no parent-death signal, so the chain is polled: the
 * simulator's parent, and the parent of every `sh -c` wrapper above it up to the first process
 * that is not one (npm, a test runner, an interactive shell), must stay the same. Without /proc
 * (macOS, where sh execs the command instead of waiting) the direct parent must stay alive.
 */
export function onLauncherGone(onGone: () => void, intervalMs = 500): void {
  if (process.ppid <= 1) return; // started by init or a container runtime: nothing to outlive
  const links = existsSync('/proc/self/stat') ? wrapperChain() : [];
  const parent = process.ppid;
  const gone = () => (links.length > 0 ? links.some((link) => parentOf(link.pid) !== link.parent) : !isAlive(parent));
  const timer = setInterval(() => {
    if (!gone()) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
}

interface Link {
  readonly pid: number;
  readonly parent: number;
}

/** This process and each `sh -c` wrapper above it, with the parent each had at start. */
function wrapperChain(): Link[] {
  const links: Link[] = [];
  for (let pid = process.pid, parent = parentOf(pid); parent !== undefined && parent > 1; pid = parent, parent = parentOf(pid)) {
    links.push({ pid, parent });
    if (!isShellWrapper(parent)) break;
  }
  return links;
}

/** The parent of `pid` now (Linux), undefined when `pid` is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** A `sh -c COMMAND` process, the way npm exec and npm run start a command. */
function isShellWrapper(pid: number): boolean {
  try {
    const [shell, flag] = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return /(^|\/)(sh|dash|bash)$/.test(shell) && flag === '-c';
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
