/**
 * sps-install-provider picks the standalone executable when one was built (release/ of the
 * package's checkout, or --standalone FILE) and the Node script otherwise (--node, no release, or a
 * release older than the last build).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ELF_MAGIC, linuxAmd64, nodelessWorkspace, type Release, spsConfig } from './release-support';

export function describeInstallProvider(release: () => Release): void {
  describe('sps-install-provider', () => {
    let project: string;

    beforeEach(() => {
      project = mkdtempSync(join(tmpdir(), 'sps-install-'));
    });
    afterEach(() => rmSync(project, { recursive: true, force: true }));

    /** The installer of the package whose release/ the release was built into. */
    function install(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
      return new Promise((resolve) => {
        execFile(process.execPath, [join(release().packageDir, 'dist/bin/sps-install-provider.js'), ...args], { cwd: project }, (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) }),
        );
      });
    }

    const installed = () => {
      const { version } = release().metadata;
      return readFileSync(join(project, '.sps-provider/mirror/registry.terraform.io/sps-iac/sps', version, 'linux_amd64', `terraform-provider-sps_v${version}`));
    };

    it('installs the standalone executable from release/ of the package\'s checkout when it was built', async () => {
      const result = await install();
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/the standalone executable from .*linux_amd64\.zip: needs no node/);
      expect(installed().subarray(0, 4)).toEqual(ELF_MAGIC);
    });

    it('installs the Node script, saying why, when the release zip is older than the last build', async () => {
      const bundle = join(release().packageDir, 'dist/terraform-provider-sps.js');
      const before = statSync(bundle);
      utimesSync(bundle, before.atime, new Date(Date.now() + 60_000));
      try {
        const result = await install();
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/linux_amd64\.zip is older than the last build, so the Node script is installed/);
        expect(result.stdout).toMatch(/the Node script: node must be on the PATH/);
        expect(installed().subarray(0, 4)).not.toEqual(ELF_MAGIC);
      } finally {
        utimesSync(bundle, before.atime, before.mtime);
      }
    });

    it('installs the Node script with --node', async () => {
      const result = await install('--node');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('the Node script');
      expect(installed().subarray(0, 2).toString()).toBe('#!');
    });

    it('installs a given release zip with --standalone, which Terraform then runs without node', async () => {
      const result = await install('--standalone', join(release().dir, linuxAmd64(release().metadata).zip), '--dir', join(project, '.sps-provider'));
      expect(result.code).toBe(0);
      expect(installed().subarray(0, 4)).toEqual(ELF_MAGIC);
      const cliConfig = readFileSync(join(project, '.sps-provider/terraformrc'), 'utf8');
      const ws = nodelessWorkspace(cliConfig);
      try {
        // The provider only validates here: the URL is never contacted.
        ws.write('main.tf', spsConfig('https://sps.example.com', 'resource "sps_user_list" "x" {\n  name  = "x"\n  allow = "no_user"\n}\n'));
        const init = await ws.tf(['init', '-input=false']);
        expect(init.code).toBe(0);
        // The unpacked executable has the release zip's h1: hash.
        expect(ws.read('.terraform.lock.hcl')).toContain(linuxAmd64(release().metadata).h1);
        const validate = await ws.tf(['validate']);
        expect(validate.stderr).toBe('');
        expect(validate.stdout).toContain('The configuration is valid.');
      } finally {
        ws.cleanup();
      }
    });

    it('refuses a --standalone file that is the Node script or not there', async () => {
      const script = await install('--standalone', join(release().packageDir, 'dist/terraform-provider-sps.js'));
      expect(script.code).toBe(2);
      expect(script.stderr).toContain('is the Node script, not a standalone executable');
      writeFileSync(join(project, 'empty.zip'), Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]));
      const empty = await install('--standalone', join(project, 'empty.zip'));
      expect(empty.code).toBe(2);
      expect(empty.stderr).toContain('holds no terraform-provider-sps executable');
      const missing = await install('--standalone', join(project, 'nothing.zip'));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('does not exist');
    });
  });
}
