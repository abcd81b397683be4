import type { Http2SecureServer, IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2';

/**
 * The small part of gRPC that go-plugin uses, served on node:http2: unary calls (5-byte framed
 * protobuf messages, status in trailers) and server streams that stay open until shutdown. Loading
 * @grpc/grpc-js would cost tens of milliseconds at every start of the provider.
 */
export type UnaryHandler = (body: Buffer) => Promise<Uint8Array>;

export const GRPC_STATUS = { OK: 0, CANCELLED: 1, INTERNAL: 13, UNIMPLEMENTED: 12 } as const;

export function routeGrpc(server: Http2SecureServer, route: (method: string) => UnaryHandler | 'stream' | undefined): void {
  const openStreams = new Set<ServerHttp2Stream>();
  server.on('stream', (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => {
    const method = String(headers[':path'] ?? '');
    const handler = route(method);
    if (handler === 'stream') {
      // GRPCStdio/GRPCBroker: Terraform opens them and expects them to stay open.
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' });
      openStreams.add(stream);
      stream.on('close', () => openStreams.delete(stream));
      stream.on('error', () => undefined);
      stream.resume();
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', () => undefined);
    stream.on('end', () => {
      if (!handler) return finish(stream, GRPC_STATUS.UNIMPLEMENTED, `unknown method ${method}`);
      let message: Buffer;
      try {
        message = unframe(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
      } catch (error) {
        return finish(stream, GRPC_STATUS.INTERNAL, (error as Error).message);
      }
      handler(message).then(
        (response) => finish(stream, GRPC_STATUS.OK, '', frame(response)),
        (error: unknown) => finish(stream, GRPC_STATUS.INTERNAL, error instanceof Error ? error.message : String(error)),
      );
    });
  });
  server.on('close', () => {
    for (const stream of openStreams) stream.close();
  });
}

// Node copies headers and trailers before it sends them, so the common ones are made once.
const RESPONSE_HEADERS = { ':status': 200, 'content-type': 'application/grpc' };
const OK_TRAILERS = { 'grpc-status': String(GRPC_STATUS.OK), 'grpc-message': '' };
const WAIT_FOR_TRAILERS = { waitForTrailers: true };

function finish(stream: ServerHttp2Stream, status: number, message: string, body?: Buffer): void {
  if (stream.destroyed || stream.closed) return;
  const trailers = status === GRPC_STATUS.OK && message === '' ? OK_TRAILERS : { 'grpc-status': String(status), 'grpc-message': encodeURIComponent(message) };
  if (!stream.headersSent) stream.respond(RESPONSE_HEADERS, WAIT_FOR_TRAILERS);
  stream.once('wantTrailers', () => stream.sendTrailers(trailers));
  stream.end(body);
}

/** gRPC's length-prefixed message: compressed flag (always 0 here), 4-byte length, bytes. */
export function frame(message: Uint8Array): Buffer {
  const framed = Buffer.allocUnsafe(5 + message.length);
  framed[0] = 0;
  framed.writeUInt32BE(message.length, 1);
  framed.set(message, 5);
  return framed;
}

export function unframe(body: Buffer): Buffer {
  if (body.length === 0) return body;
  if (body.length < 5) throw new Error('truncated gRPC message');
  if (body[0] !== 0) throw new Error('compressed gRPC messages are not supported');
  const length = body.readUInt32BE(1);
  if (body.length < 5 + length) throw new Error('truncated gRPC message');
  return body.subarray(5, 5 + length);
}
