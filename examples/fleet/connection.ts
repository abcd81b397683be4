/**
 * What ties a stack to its appliance: the state in PostgreSQL (one schema per stack) and the
 * provider with this appliance's URL and credentials. Each stack is its own Terraform run, so each
 * appliance gets its own provider process, session and commits.
 */
import { PgBackend, type PgBackendConfig, TerraformStack, TerraformVariable } from 'cdktf';
import { SpsProvider } from 'sps-iac';
import { type Appliance, stateSchema, variableName } from './inventory';

/** A sensitive string variable fed by the environment variable `envName` (TF_VAR_<name>). */
function secretVariable(stack: TerraformStack, envName: string, description: string): TerraformVariable {
  const variable = new TerraformVariable(stack, variableName(envName), { type: 'string', sensitive: true, nullable: false, description });
  // The variable's name must be exactly what TF_VAR_<name> feeds.
  variable.overrideLogicalId(variableName(envName));
  return variable;
}

export function connectAppliance(stack: TerraformStack, appliance: Appliance, options: { commitMessage?: string } = {}): SpsProvider {
  // conn_str is deliberately absent: Terraform takes it from PG_CONN_STR when it runs, so the
  // database password is never in the code or in cdk.tf.json (cdktf's type wants it, Terraform does not).
  new PgBackend(stack, { schemaName: stateSchema(appliance.name) } as PgBackendConfig);
  const { usernameEnv, passwordEnv } = appliance.credentials;
  return new SpsProvider(stack, 'sps', {
    url: appliance.url,
    caFile: appliance.caFile,
    username: secretVariable(stack, usernameEnv, `Administrator of ${appliance.name} (set ${usernameEnv})`).stringValue,
    password: secretVariable(stack, passwordEnv, `Password for ${appliance.name} (set ${passwordEnv})`).stringValue,
    commitMessage: options.commitMessage,
  });
}
