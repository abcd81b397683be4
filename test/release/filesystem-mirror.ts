/**
 * The standalone provider from the release's packed filesystem mirror (the zips), with no node on
 * the PATH that Terraform and the provider see: init, plan, apply and a clean re-plan against the
 * simulator.
 */
import { accessSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { ELF_MAGIC, installedProviderHead, linuxAmd64, nodelessWorkspace, type NodelessWorkspace, type Release, spsConfig, USER_LISTS } from './release-support';

export function describeFilesystemMirror(release: () => Release): void {
  describe('the filesystem mirror', () => {
    let simulator: SimulatorHandle;
    let ws: NodelessWorkspace;

    beforeAll(async () => {
      simulator = await startTestSimulator();
      const mirror = join(release().dir, release().metadata.filesystemMirror);
      ws = nodelessWorkspace(
        `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/sps-iac/sps"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/sps-iac/sps"]\n  }\n}\n`,
      );
      ws.write('main.tf', spsConfig(simulator.url, USER_LISTS));
    });

    afterAll(async () => {
      ws?.cleanup();
      await simulator?.close();
    });

    it('lays out the mirror in the packed layout: the zips themselves', () => {
      for (const archive of release().metadata.archives) {
        expect(() => accessSync(join(release().dir, release().metadata.filesystemMirror, 'registry.terraform.io/sps-iac/sps', archive.zip))).not.toThrow();
      }
    });

    it('runs where Terraform finds no node', async () => {
      const probe = await ws.tf(['version']);
      expect(probe.code).toBe(0);
      expect(ws.env.PATH.split(':')).toHaveLength(1);
      expect(() => accessSync(join(ws.env.PATH, 'node'))).toThrow();
    });

    it('installs from the zip with terraform init and records its h1: hash', async () => {
      const init = await ws.tf(['init', '-input=false']);
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      expect(init.stdout).toContain('Installed sps-iac/sps v');
      // An ELF executable (compiled by Bun), not a script for node.
      expect(installedProviderHead(ws, release().metadata.version)).toEqual(ELF_MAGIC);
      expect(ws.read('.terraform.lock.hcl')).toContain(linuxAmd64(release().metadata).h1);
    });

    it('plans and applies against the simulator, with one login per provider process', async () => {
      const plan = await ws.tf(['plan', '-input=false', '-detailed-exitcode']);
      expect(plan.stderr).toBe('');
      expect(plan.code).toBe(2);
      expect(plan.stdout).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');

      simulator.resetCounters();
      const apply = await ws.tf(['apply', '-input=false', '-auto-approve']);
      expect(apply.stderr).toBe('');
      expect(apply.code).toBe(0);
      expect(apply.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
      const counters = simulator.counters();
      // `terraform apply` plans in one provider process and applies in another; each logs in once
      // (a plan with changes verifies the credentials). Changes applied together share one commit.
      expect(counters.logins).toBe(2);
      expect(counters.commits).toBe(1);
      const admin = await adminSession(simulator.url);
      expect(await admin.names('/api/configuration/policies/userlists')).toEqual(expect.arrayContaining(['release-audit', 'release-ops']));

      const again = await ws.tf(['plan', '-input=false', '-detailed-exitcode']);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('No changes.');
    });
  });
}
