import { Annotations, type IAspect, LocalBackend, TerraformBackend, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

/**
 * Warns at synth when a stack keeps its state in a local file while running in CI (`CI` set, as
 * every CI service sets it). A fresh CI runner starts without that file, so each deploy would
 * plan to create every object again: the state must live in a shared backend with locking.
 */
export class StateBackendCheck implements IAspect {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack) || !isCi(this.env)) return;
    const backends = node.node.findAll().filter((child): child is TerraformBackend => child instanceof TerraformBackend);
    if (backends.some((backend) => !(backend instanceof LocalBackend))) return;
    Annotations.of(node).addWarning(
      'This stack keeps its Terraform state in a local file, and this is a CI run (CI is set). A fresh CI runner starts without that file, ' +
        'so every deploy would plan to create every appliance object again (the provider then refuses them by name, and nothing is applied). ' +
        'Declare a shared backend with locking: PgBackend (PostgreSQL), S3Backend (with a DynamoDB lock table) or CloudBackend (HCP Terraform); ' +
        'see the sps-iac README, "State in CI".',
    );
  }
}

function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}
