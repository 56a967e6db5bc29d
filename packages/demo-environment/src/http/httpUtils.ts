import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** Largest request body the fakes read (the API server's own limit is 3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** A request body over {@link MAX_BODY_BYTES}. @public */
export class BodyTooLargeError extends Error {
  constructor() {
    super(`request body larger than ${MAX_BODY_BYTES} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a request body as text, refusing bodies over {@link MAX_BODY_BYTES}. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(new BodyTooLargeError());
        request.resume();
        return;
      }
      if (!failed) chunks.push(chunk);
    });
    request.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });
}

/** Writes a JSON answer. */
export function sendJson(
  response: ServerResponse,
  code: number,
  body: unknown,
): void {
  const text = JSON.stringify(body);
  response.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  response.end(text);
}

/** Writes a plain-text answer. */
export function sendText(
  response: ServerResponse,
  code: number,
  text: string,
): void {
  response.writeHead(code, {
    'Content-Type': 'text/plain',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** True when the request carries `Authorization: Bearer <token>`. */
export function hasBearerToken(
  request: IncomingMessage,
  token: string,
): boolean {
  const header = request.headers.authorization;
  if (typeof header !== 'string') {
    return false;
  }
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match !== null && match[1] === token;
}

/**
 * A port the fake could not listen on. `code` is the socket error code
 * (`EADDRINUSE` when something else uses the port).
 * @public
 */
export class PortUnavailableError extends Error {
  constructor(
    readonly port: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'PortUnavailableError';
  }
}

/** Starts listening; resolves with the port actually bound (useful with port 0). */
export function listen(
  server: Server,
  port: number,
  host: string,
  what: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.removeAllListeners('listening');
      reject(
        new PortUnavailableError(
          port,
          error.code,
          error.code === 'EADDRINUSE'
            ? `${what}: port ${port} on ${host} is taken`
            : `${what}: cannot listen on ${host}:${port} (${
                error.code ?? error.message
              })`,
        ),
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Stops a server, closing idle and open connections (watches included). */
export function close(server: Server): Promise<void> {
  return new Promise(resolve => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** `http://host:port`, with brackets around an IPv6 host. */
export function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
