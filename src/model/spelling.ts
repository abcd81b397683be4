/**
 * How the CDKTF bindings and the constructs spell what the model names in snake_case: attributes
 * in camelCase, kinds (construct and reference classes) in PascalCase. The type-level twin is
 * `Camel` in fields.ts.
 */

/** `x509_identity` → `x509Identity`. */
export function camelName(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_all, letter: string) => letter.toUpperCase());
}

/** `x509_identity` → `X509Identity`. */
export function pascalName(name: string): string {
  const camel = camelName(name);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}
