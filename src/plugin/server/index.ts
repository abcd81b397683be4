import { createSecureServer } from 'node:http2';
import { selfSignedCertificate } from '../../tls/self-signed-certificate';
import { logger } from '../log';
import { routeGrpc, type UnaryHandler } from './grpc-http2';
import { HandshakeError, handshakeLine, readHandshakeEnvironment } from './handshake';
import { type CallContext, PROVIDER_RPCS, type ProtocolMessages, type ProviderServer, type RpcName, type ServeOptions } from './protocol';

export * from './protocol';

/**
 * How the transport encodes and decodes one RPC's messages. Responses are encoded from their
 * properties as the server returns them (typed as the messages' fields: numbers for enums and
 * int64, Uint8Array for bytes), without fromObject's copy into message instances first.
 */
interface RpcCodec<N extends RpcName> {
  readonly Request: { decode(body: Uint8Array): Parameters<ProviderServer[N]>[0] };
  readonly Response: { encode(message: Awaited<ReturnType<ProviderServer[N]>>): { finish(): Uint8Array } };
}

function codecOf<N extends RpcName>(messages: ProtocolMessages, rpc: N): RpcCodec<N> {
  return messages.tfplugin6[rpc] as unknown as RpcCodec<N>;
}

async function dispatch<N extends RpcName>(server: ProviderServer, rpc: N, codec: RpcCodec<N>, body: Uint8Array, context: CallContext): Promise<Uint8Array> {
  const method = server[rpc] as (request: Parameters<ProviderServer[N]>[0], context: CallContext) => ReturnType<ProviderServer[N]>;
  const response = await method.call(server, codec.Request.decode(body), context);
  return codec.Response.encode(response as Awaited<ReturnType<ProviderServer[N]>>).finish();
}

/**
 * Serves the provider to Terraform: go-plugin handshake, AutoMTLS, tfplugin6.Provider dispatched
 * to `server`, and GRPCController.Shutdown, which ends the process.
 */
export async function serve(server: ProviderServer, options: ServeOptions): Promise<void> {
  // stdout carries the handshake line and nothing else.
  console.log = console.info = console.debug = (...args: unknown[]) => process.stderr.write(args.map(String).join(' ') + '\n');
  let clientCertificatePem: string;
  try {
    ({ clientCertificatePem } = readHandshakeEnvironment(process.env));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(error instanceof HandshakeError ? 1 : 2);
  }
  // As go-plugin does: a terminal's Ctrl-C reaches the whole process group, but Terraform decides
  // what it means and tells the provider with StopProvider; dying here would cut a commit short.
  process.on('SIGINT', () => logger.debug('SIGINT ignored: Terraform stops the provider through StopProvider'));
  const certificate = selfSignedCertificate({ commonName: 'localhost', hosts: ['localhost'] });
  const http2Server = createSecureServer({
    key: certificate.privateKeyPem,
    cert: certificate.certificatePem,
    ca: clientCertificatePem,
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  });
  let messages: ProtocolMessages | undefined;
  const inFlight = new Set<AbortController>();
  const stopped = new AbortController();
  let shuttingDown = false;

  const shutdown = async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.debug('shutdown requested by Terraform');
    stopped.abort();
    for (const controller of inFlight) controller.abort();
    try {
      await options.onShutdown?.();
    } finally {
      logger.debug('provider shut down, exiting');
      http2Server.close();
      process.exit(0);
    }
  };

  // Terraform killed with SIGKILL cannot say Shutdown: the provider notices its parent is gone (as
  // go-plugin servers do) and stops like on Shutdown, cancelling what is in flight, committing nothing new.
  const parent = process.ppid;
  const parentWatch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(parentWatch);
    logger.warn('Terraform, the provider\'s parent process, has gone: stopping');
    void shutdown();
  }, 500);
  parentWatch.unref();

  routeGrpc(http2Server, (path): UnaryHandler | 'stream' | undefined => {
    if (path === '/plugin.GRPCController/Shutdown') {
      return async () => {
        setImmediate(() => void shutdown());
        return new Uint8Array(0);
      };
    }
    if (path === '/plugin.GRPCStdio/StreamStdio' || path === '/plugin.GRPCBroker/StartStream') return 'stream';
    const match = /^\/tfplugin6\.Provider\/(\w+)$/.exec(path);
    if (!match) return undefined;
    const rpc = match[1] as RpcName;
    const answer = options.precomputed?.[rpc];
    if (answer) return async () => answer;
    // RPCs this provider does not serve (newer protocol versions) get an empty response, which
    // every protobuf message decodes as "nothing to report".
    if (!PROVIDER_RPCS.includes(rpc)) return async () => new Uint8Array(0);
    return async (body) => {
      messages ??= options.loadMessages();
      const codec = codecOf(messages, rpc);
      if (rpc === 'StopProvider') {
        logger.warn('Terraform asked the provider to stop: cancelling every wait and request in flight');
        stopped.abort();
        for (const controller of inFlight) controller.abort();
      }
      const controller = new AbortController();
      inFlight.add(controller);
      try {
        return await dispatch(server, rpc, codec, body, { signal: controller.signal, stopped: stopped.signal });
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        logger.error(`internal error in ${rpc}`, { error: detail });
        const diagnostics = [{ severity: 1, summary: 'Internal provider error', detail }];
        const response = codec.Response as unknown as { encode(message: object): { finish(): Uint8Array }; prototype: object };
        return response.encode('diagnostics' in response.prototype ? { diagnostics } : {}).finish();
      } finally {
        inFlight.delete(controller);
      }
    };
  });

  http2Server.on('error', (error) => {
    process.stderr.write(`sps provider: server error: ${error.message}\n`);
    process.exit(1);
  });
  await new Promise<void>((resolve) => http2Server.listen(0, '127.0.0.1', resolve));
  const address = http2Server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(handshakeLine(port, certificate.certificateDer) + '\n');
}
