import { createSecureServer } from 'node:http2';
import { selfSignedCertificate } from '../../tls/self-signed-certificate';
import { logger } from '../log';
import { routeGrpc, type UnaryHandler } from './grpc-http2';
import { HandshakeError, handshakeLine, readHandshakeEnvironment } from './handshake';
import type { ProviderHandlers, ServeOptions } from './handlers';

export type { ProviderHandlers, ServeOptions } from './handlers';

/**
 * Serves the provider to Terraform: go-plugin handshake, AutoMTLS, tfplugin6.Provider dispatched
 * to `handlers`, and GRPCController.Shutdown, which ends the process.
 */
export async function serve(handlers: ProviderHandlers, options: ServeOptions): Promise<void> {
  // stdout carries the handshake line and nothing else.
  console.log = console.info = console.debug = (...args: unknown[]) => process.stderr.write(args.map(String).join(' ') + '\n');
  let clientCertificatePem: string;
  try {
    ({ clientCertificatePem } = readHandshakeEnvironment(process.env));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(error instanceof HandshakeError ? 1 : 2);
  }
  const certificate = selfSignedCertificate({ commonName: 'localhost', hosts: ['localhost'] });
  const server = createSecureServer({
    key: certificate.privateKeyPem,
    cert: certificate.certificatePem,
    ca: clientCertificatePem,
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  });
  let messages: any;
  const inFlight = new Set<AbortController>();
  let shuttingDown = false;

  const shutdown = async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.debug('shutdown requested by Terraform');
    for (const controller of inFlight) controller.abort();
    try {
      await options.onShutdown?.();
    } finally {
      server.close();
      process.exit(0);
    }
  };

  routeGrpc(server, (path): UnaryHandler | 'stream' | undefined => {
    if (path === '/plugin.GRPCController/Shutdown') {
      return async () => {
        setImmediate(() => void shutdown());
        return new Uint8Array(0);
      };
    }
    if (path === '/plugin.GRPCStdio/StreamStdio' || path === '/plugin.GRPCBroker/StartStream') return 'stream';
    const match = /^\/tfplugin6\.Provider\/(\w+)$/.exec(path);
    if (!match) return undefined;
    const rpc = match[1];
    const answer = options.precomputed?.[rpc];
    if (answer) return async () => answer;
    messages ??= options.loadMessages();
    const types = messages.tfplugin6[rpc];
    // RPCs this provider has no messages for (newer protocol versions) get an empty response,
    // which every protobuf message decodes as "nothing to report".
    if (!types?.Request || !types?.Response) return async () => new Uint8Array(0);
    return async (body) => {
      const request = types.Request.decode(body);
      if (rpc === 'StopProvider') {
        for (const controller of inFlight) controller.abort();
      }
      const controller = new AbortController();
      inFlight.add(controller);
      try {
        const handler = handlers[rpc];
        const response = handler ? await handler(request, { signal: controller.signal }) : {};
        return types.Response.encode(types.Response.fromObject(response)).finish();
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        logger.error(`internal error in ${rpc}`, { error: detail });
        const diagnostics = [{ severity: 1, summary: 'Internal provider error', detail }];
        return types.Response.encode(types.Response.fromObject(hasField(types.Response, 'diagnostics') ? { diagnostics } : {})).finish();
      } finally {
        inFlight.delete(controller);
      }
    };
  });

  server.on('error', (error) => {
    process.stderr.write(`sps provider: server error: ${error.message}\n`);
    process.exit(1);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(handshakeLine(port, certificate.certificateDer) + '\n');
}

function hasField(type: { fields?: Record<string, unknown>; prototype: object }, name: string): boolean {
  return name in (type.prototype as Record<string, unknown>);
}
