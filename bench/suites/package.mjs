// The package on the user's path: the packed tarball's size, `npm install` of it into an empty
// app, and `cdktf diff` / `cdktf synth` of a 4-object app in a project outside the repository —
// each against a baseline measured in the same run (installing only the `constructs` peer; the
// same app with 4 terraform_data resources; synth without the type check).
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fmt, repoRoot, startSimulator, stats, timed } from '../lib.mjs';

const sh = (command, cwd, env = process.env) => promisify(execFile)('bash', ['-euo', 'pipefail', '-c', command], { cwd, env, maxBuffer: 1 << 26 });

const tsconfig = { compilerOptions: { target: 'ES2022', module: 'commonjs', moduleResolution: 'node', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'] }, include: ['main.ts'] };
const cdktfJson = (app) => ({ language: 'typescript', app, output: 'cdktf.out', projectId: 'bench', sendCrashReports: 'false', terraformProviders: [], terraformModules: [], context: {} });

const spsApp = `import { App, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { ApiClient, AppliesTo, AuditPolicy, HttpAuthenticationPolicy, HttpChannelPolicy, HttpConnectionPolicy, HttpSettingsPolicy, ServerAddress, SpsProvider, UserList } from 'sps-iac';

class Appliance extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new SpsProvider(this, 'sps', {});
    UserList.allowOnly(this, 'deployers', { name: 'deployers', users: ['deploy'] });
    UserList.denyOnly(this, 'no-root', { name: 'no_root', users: ['root'] });
    new HttpConnectionPolicy(this, 'intranet', {
      name: 'intranet',
      network: { clients: ['10.20.0.0/16'], targets: ['10.30.1.10'], ports: [443] },
      serverAddress: ServerAddress.fixed('intranet.example.com', 8443),
      policies: {
        channelPolicy: HttpChannelPolicy.fromKey('-304001002'),
        settings: HttpSettingsPolicy.fromKey('-3040010'),
        auditPolicy: AuditPolicy.fromKey('-10000'),
        authenticationPolicy: HttpAuthenticationPolicy.fromKey('-304002001'),
      },
    });
    new ApiClient(this, 'siem', { name: 'siem', scopes: ['logs'], appliesTo: AppliesTo.allUsers() });
  }
}
const app = new App();
new Appliance(app, 'appliance');
app.synth();
`;

// terraform_data is built into Terraform; cdktf 0.21 has no class for it, so a raw resource.
const baselineApp = `import { App, TerraformResource, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

class Appliance extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    for (let i = 0; i < 4; i++) new TerraformResource(this, \`item\${i}\`, { terraformResourceType: 'terraform_data' }).addOverride('input', \`value-\${i}\`);
  }
}
const app = new App();
new Appliance(app, 'appliance');
app.synth();
`;

export async function run({ runs = 5 } = {}) {
  const base = mkdtempSync(join(tmpdir(), 'sps-bench-package-'));
  const simulator = await startSimulator();
  try {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', base], { cwd: repoRoot, encoding: 'utf8' }));
    const tarball = join(base, packed.filename);
    const installRuns = Math.min(runs, 3);

    // npm install into an empty app (npm's download cache warm, as on a developer's machine or a CI cache).
    const install = { sps: [], baseline: [] };
    for (let i = 0; i < installRuns; i++) {
      for (const [name, spec] of [['sps', tarball], ['baseline', 'constructs@10.7.2']]) {
        const dir = join(base, `install-${name}-${i}`);
        mkdirSync(dir);
        await sh('npm init -y >/dev/null', dir);
        install[name].push(await timed(() => sh(`npm install --no-audit --no-fund ${spec}`, dir)));
      }
    }

    // One user project with both apps: the 4-object sps app and the terraform_data baseline.
    const project = join(base, 'project');
    mkdirSync(project);
    await sh(`npm init -y >/dev/null && npm install --no-audit --no-fund --save-dev ${tarball} cdktf@0.21.0 cdktf-cli@0.21.0 constructs@10.7.2 typescript@5.9.3 tsx@4.23.15 @types/node@20`, project);
    await sh('npx sps-install-provider --quiet', project);
    const env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: join(project, '.sps-provider/terraformrc'),
      CHECKPOINT_DISABLE: '1',
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
      SPS_URL: simulator.url,
      SPS_USERNAME: 'admin',
      SPS_PASSWORD: 'admin',
    };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    const useApp = (source, app) => {
      writeFileSync(join(project, 'main.ts'), source);
      writeFileSync(join(project, 'cdktf.json'), JSON.stringify(cdktfJson(app)));
    };
    const checked = 'npx tsc --noEmit && npx tsx main.ts';
    // A fresh checkout in CI: no cdktf.out yet, so every diff synthesizes and runs terraform init.
    const freshDiff = () => timed(() => sh('rm -rf cdktf.out && npx cdktf diff --no-color', project, env));
    const diff = { sps: [], baseline: [] };
    const synth = { checked: [], unchecked: [] };
    for (let i = 0; i < runs; i++) {
      useApp(spsApp, checked);
      diff.sps.push(await freshDiff());
      synth.checked.push(await timed(() => sh('npx cdktf synth --no-color', project, env)));
      useApp(spsApp, 'npx tsx main.ts');
      synth.unchecked.push(await timed(() => sh('npx cdktf synth --no-color', project, env)));
      useApp(baselineApp, checked);
      diff.baseline.push(await freshDiff());
    }

    const row = (label, a, b, budget) => `| ${label} | ${fmt(stats(a))} | ${fmt(stats(b))} | ${(stats(a).median / stats(b).median).toFixed(2)}× | ${budget} |`;
    return `## The package on the user's path (npm pack, npm install, cdktf diff)

Tarball: **${(packed.size / 1024).toFixed(0)} KB** packed (${(packed.unpackedSize / 1024).toFixed(0)} KB unpacked, ${packed.files.length} files). Budget ≤ 2 MB packed.

| measurement | sps-iac | baseline | ratio | budget |
|---|---|---|---|---|
${row(`\`npm install\` of the tarball into an empty app (${installRuns} runs; baseline: only the \`constructs\` peer)`, install.sps, install.baseline, '≤ 30 s')}
${row(`\`cdktf diff\` of a 4-object app, fresh \`cdktf.out\` (${runs} runs; baseline: 4 \`TerraformData\`)`, diff.sps, diff.baseline, '≤ 10 s')}
${row(`\`cdktf synth\` with the type check (\`tsc --noEmit &&\`) vs without (${runs} runs)`, synth.checked, synth.unchecked, 'report')}

npm's download cache is warm in every run (as on a developer machine or with a CI cache). The diff includes synth (with the type check), \`terraform init\` from the local mirror and the plan against the simulator.
`;
  } finally {
    simulator.stop();
    rmSync(base, { recursive: true, force: true });
  }
}
