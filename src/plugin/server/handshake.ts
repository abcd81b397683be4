/** go-plugin's handshake: the environment Terraform sets, and the one line the plugin answers with. */

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
export const PROTOCOL_VERSION = 6;

export class HandshakeError extends Error {}

/** Checks that Terraform started us; returns the client certificate Terraform will present. */
export function readHandshakeEnvironment(env: NodeJS.ProcessEnv): { clientCertificatePem: string } {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    throw new HandshakeError(
      'This program is a plugin for Terraform (the sps provider) and is not meant to be run directly.\n' +
        'Install it where Terraform finds it (npx sps-install-provider) and use it from Terraform.',
    );
  }
  const versions = (env.PLUGIN_PROTOCOL_VERSIONS ?? '').split(',').map((v) => Number(v.trim()));
  if (!versions.includes(PROTOCOL_VERSION)) {
    throw new HandshakeError(
      `Terraform offered plugin protocol versions "${env.PLUGIN_PROTOCOL_VERSIONS ?? ''}", but this provider speaks only version ${PROTOCOL_VERSION} (Terraform 1.0 or later).`,
    );
  }
  const clientCertificatePem = env.PLUGIN_CLIENT_CERT ?? '';
  if (!clientCertificatePem.includes('BEGIN CERTIFICATE')) {
    throw new HandshakeError('PLUGIN_CLIENT_CERT is missing: Terraform must start this provider with automatic mutual TLS (AutoMTLS).');
  }
  return { clientCertificatePem };
}

/** `1|6|tcp|127.0.0.1:PORT|grpc|<certificate DER, base64 without padding>`. */
export function handshakeLine(port: number, certificateDer: Buffer): string {
  return `1|${PROTOCOL_VERSION}|tcp|127.0.0.1:${port}|grpc|${certificateDer.toString('base64').replace(/=+$/, '')}`;
}
