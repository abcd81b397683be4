/**
 * `child_process` as the unit tier sees it (jest.config.js maps the module here): loading it is
 * harmless, starting a process fails, naming the tier rule. A test that needs a process is a
 * system test; test/support/tiers.cjs puts it there once it (or a local helper) imports
 * child_process itself.
 */
function refuse(name: string): never {
  throw new Error(
    `child_process.${name}() called in the unit tier, which runs in-process only. A test that starts a process belongs in the system tier: import child_process (or a helper that does) in the test file, and test/support/tiers.cjs classifies it so.`,
  );
}

const refusing = (name: string) => () => refuse(name);

export const spawn = refusing('spawn');
export const spawnSync = refusing('spawnSync');
export const exec = refusing('exec');
export const execSync = refusing('execSync');
export const execFile = refusing('execFile');
export const execFileSync = refusing('execFileSync');
export const fork = refusing('fork');
export class ChildProcess {
  constructor() {
    refuse('ChildProcess');
  }
}
