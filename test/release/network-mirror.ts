/**
 * The standalone provider from the release's provider network mirror, served as static files over
 * HTTPS on loopback with the test's own CA (given to Terraform by SSL_CERT_FILE), with no node on
 * Terraform's PATH. The lock file starts from the release's lock entry, so it pins the zips by
 * their zh: hashes, which Terraform verifies.
 */
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { join, resolve, sep } from 'node:path';
import type { SimulatorHandle } from '../../src/simulator';
import { selfSignedCertificate } from '../../src/tls/self-signed-certificate';
import { adminSession, startTestSimulator } from '../support/simulator';
import { linuxAmd64, nodelessWorkspace, type NodelessWorkspace, type Release, spsConfig, USER_LISTS } from './release-support';

/** Any static HTTPS host will do: this one serves a directory tree as files, and records the requests. */
async function serveStatic(root: string, certificate: ReturnType<typeof selfSignedCertificate>, requests: string[]): Promise<Server> {
  const https = createServer({ key: certificate.privateKeyPem, cert: certificate.certificatePem }, (request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const file = resolve(root, `.${decodeURIComponent(new URL(request.url ?? '/', 'https://localhost').pathname)}`);
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.endsWith('.json') ? 'application/json' : 'application/zip', 'content-length': statSync(file).size });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => https.listen(0, '127.0.0.1', done));
  return https;
}

export function describeNetworkMirror(release: () => Release): void {
  describe('the network mirror', () => {
    let simulator: SimulatorHandle;
    let server: Server;
    let mirrorUrl: string;
    let caPem: string;
    const requests: string[] = [];
    const workspaces: NodelessWorkspace[] = [];

    beforeAll(async () => {
      simulator = await startTestSimulator();
      const certificate = selfSignedCertificate({ commonName: 'localhost', hosts: ['localhost', '127.0.0.1'] });
      caPem = certificate.certificatePem;
      server = await serveStatic(join(release().dir, release().metadata.networkMirror), certificate, requests);
      const address = server.address();
      mirrorUrl = `https://localhost:${typeof address === 'object' && address ? address.port : 0}/`;
    });

    afterAll(async () => {
      for (const ws of workspaces) ws.cleanup();
      server?.close();
      await simulator?.close();
    });

    function workspace(): NodelessWorkspace {
      const ws = nodelessWorkspace(
        `provider_installation {\n  network_mirror {\n    url     = "${mirrorUrl}"\n    include = ["registry.terraform.io/sps-iac/sps"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/sps-iac/sps"]\n  }\n}\n`,
      );
      // Terraform (Go) reads the CA from SSL_CERT_FILE.
      const caFile = join(ws.dir, 'mirror-ca.pem');
      writeFileSync(caFile, caPem);
      ws.env.SSL_CERT_FILE = caFile;
      workspaces.push(ws);
      return ws;
    }

    it('serves the protocol\'s static files: index.json and <version>.json with h1: and zh: hashes', () => {
      const { metadata } = release();
      const dir = join(release().dir, metadata.networkMirror, 'registry.terraform.io/sps-iac/sps');
      expect(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'))).toEqual({ versions: { [metadata.version]: {} } });
      const versionJson = JSON.parse(readFileSync(join(dir, `${metadata.version}.json`), 'utf8'));
      for (const archive of metadata.archives) {
        expect(versionJson.archives[archive.platform]).toEqual({ url: archive.zip, hashes: [archive.h1, archive.zh] });
      }
    });

    it('installs over HTTPS, verifies the zip against the lock file\'s zh:, then plans and applies', async () => {
      const { metadata } = release();
      const ws = workspace();
      ws.write('main.tf', spsConfig(simulator.url, USER_LISTS.replace(/release-/g, 'net-')));
      ws.write('.terraform.lock.hcl', readFileSync(join(release().dir, metadata.lockFile), 'utf8'));

      const init = await ws.tf(['init', '-input=false']);
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      expect(init.stdout).toMatch(/Installed sps-iac\/sps v[\d.]+ \(verified checksum\)/);
      expect(requests).toEqual(expect.arrayContaining([
        `GET /registry.terraform.io/sps-iac/sps/index.json`,
        `GET /registry.terraform.io/sps-iac/sps/${metadata.version}.json`,
        `GET /registry.terraform.io/sps-iac/sps/${linuxAmd64(metadata).zip}`,
      ]));
      const lock = ws.read('.terraform.lock.hcl');
      expect(lock).toContain(linuxAmd64(metadata).zh);
      expect(lock).toContain(linuxAmd64(metadata).h1);

      const apply = await ws.tf(['apply', '-input=false', '-auto-approve']);
      expect(apply.stderr).toBe('');
      expect(apply.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
      const admin = await adminSession(simulator.url);
      expect(await admin.names('/api/configuration/policies/userlists')).toEqual(expect.arrayContaining(['net-audit', 'net-ops']));
      const plan = await ws.tf(['plan', '-input=false', '-detailed-exitcode']);
      expect(plan.code).toBe(0);
    });

    it('reaches an HTTPS appliance whose CA is in SSL_CERT_FILE, which replaces the system store as for Terraform', async () => {
      const appliance = await startTestSimulator({ tls: true });
      try {
        const ws = workspace();
        // One file for both: the mirror's CA for terraform init, the appliance's for the provider.
        writeFileSync(ws.env.SSL_CERT_FILE, `${caPem}${appliance.caPem}`);
        ws.write('main.tf', spsConfig(appliance.url, USER_LISTS.replace(/release-/g, 'tls-')));
        expect((await ws.tf(['init', '-input=false'])).code).toBe(0);
        const apply = await ws.tf(['apply', '-input=false', '-auto-approve']);
        expect(apply.stderr).toBe('');
        expect(apply.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');

        // Without the appliance's CA the provider refuses its self-signed certificate.
        writeFileSync(ws.env.SSL_CERT_FILE, caPem);
        const plan = await ws.tf(['plan', '-input=false']);
        expect(plan.code).toBe(1);
        expect(plan.stderr).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
      } finally {
        await appliance.close();
      }
    });

    it('refuses a zip whose zh: is not the one in the lock file', async () => {
      const { metadata } = release();
      const ws = workspace();
      ws.write('main.tf', spsConfig(simulator.url, ''));
      const wrong = linuxAmd64(metadata).zh.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
      ws.write('.terraform.lock.hcl', `provider "registry.terraform.io/sps-iac/sps" {\n  version = "${metadata.version}"\n  hashes = [\n    "${wrong}",\n  ]\n}\n`);
      const init = await ws.tf(['init', '-input=false']);
      expect(init.code).not.toBe(0);
      expect(init.stderr).toMatch(/doesn't match any of the checksums/);
    });
  });
}
