import http from 'node:http';
import { AddressInfo, Socket } from 'node:net';

/** What the proxy answers instead of the upstream server. @public */
export type Fault =
  | { kind: 'status'; status: number; body: string; contentType?: string }
  | { kind: 'json'; body: unknown }
  | { kind: 'reset' }
  | { kind: 'hang' }
  /**
   * Passes the first page through with a continue token added (Kubernetes `metadata.continue`
   * or the registry's `nextPageToken`), then answers the continued page with `then`.
   */
  | { kind: 'partial-page'; then: Fault }
  /** A text body of `bytes` bytes of filler lines, then `tail`, whatever limits were asked. */
  | { kind: 'big-body'; bytes: number; tail: string };

/** The faults of the fault matrix, by name. @public */
export const FAULTS = {
  notFound: {
    kind: 'status',
    status: 404,
    body: '404 page not found\n',
    contentType: 'text/plain',
  },
  emptyObject: { kind: 'json', body: {} },
  itemsNull: { kind: 'json', body: { items: null } },
  serverError: {
    kind: 'status',
    status: 500,
    body: '{"code":"500","message":"internal error"}',
    contentType: 'application/json',
  },
  html: {
    kind: 'status',
    status: 200,
    body: '<!DOCTYPE html><html><body>Sign in</body></html>',
    contentType: 'text/html',
  },
  reset: { kind: 'reset' },
  hang: { kind: 'hang' },
} satisfies Record<string, Fault>;

/** A loopback proxy in front of one server that answers chosen requests with a fault. @public */
export interface FaultProxy {
  url: string;
  /** Requests whose path (with query) matches get the fault; `undefined` clears it. */
  setFault(match: RegExp, fault: Fault | undefined): void;
  /** Requests that got a fault, for assertions. */
  faulted: string[];
  stop(): Promise<void>;
}

function writeBigBody(
  response: http.ServerResponse,
  bytes: number,
  tail: string,
) {
  response.writeHead(200, { 'content-type': 'text/plain' });
  const line = `${'filler '.repeat(14)}\n`;
  const chunk = Buffer.from(line.repeat(Math.floor(65536 / line.length)));
  let sent = 0;
  const write = () => {
    while (sent + chunk.length <= bytes) {
      sent += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', write);
        return;
      }
    }
    response.end(
      Buffer.concat([chunk.subarray(0, bytes - sent), Buffer.from(tail)]),
    );
  };
  write();
}

/**
 * Starts a proxy on 127.0.0.1 that forwards to `upstream` and answers requests matching a
 * fault with that fault. Hanging requests are released on `stop()`.
 * @public
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const faults: { match: RegExp; fault: Fault }[] = [];
  const faulted: string[] = [];
  const sockets = new Set<Socket>();
  const target = new URL(upstream);

  /** A list page that says another page follows. */
  const withNextPage = (body: any) => {
    if (body && typeof body === 'object' && 'nextPageToken' in body)
      return { ...body, nextPageToken: 'fault-page-2' };
    if (body && typeof body === 'object' && Array.isArray(body.items))
      return {
        ...body,
        metadata: { ...body.metadata, continue: 'fault-page-2' },
      };
    return body;
  };

  const forward = (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    rewrite?: (body: any) => unknown,
  ) => {
    const upstreamRequest = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: target.host },
      },
      upstreamResponse => {
        if (!rewrite) {
          response.writeHead(
            upstreamResponse.statusCode ?? 502,
            upstreamResponse.headers,
          );
          upstreamResponse.pipe(response);
          return;
        }
        const chunks: Buffer[] = [];
        upstreamResponse.on('data', chunk => chunks.push(chunk));
        upstreamResponse.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: string;
          try {
            body = JSON.stringify(rewrite(JSON.parse(text)));
          } catch {
            body = text;
          }
          response.writeHead(upstreamResponse.statusCode ?? 502, {
            'content-type':
              upstreamResponse.headers['content-type'] ?? 'application/json',
          });
          response.end(body);
        });
      },
    );
    upstreamRequest.on('error', () => response.destroy());
    request.pipe(upstreamRequest);
  };

  const answer = (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    fault: Fault,
  ) => {
    faulted.push(`${request.method} ${request.url}`);
    switch (fault.kind) {
      case 'status':
        response.writeHead(fault.status, {
          'content-type': fault.contentType ?? 'text/plain',
        });
        response.end(fault.body);
        return;
      case 'json':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(fault.body));
        return;
      case 'reset':
        request.socket.destroy();
        return;
      case 'hang':
        return; // never answers; the client's timeout ends it, stop() frees the socket
      case 'big-body':
        writeBigBody(response, fault.bytes, fault.tail);
        return;
      case 'partial-page':
        if (/[?&]continue=|[?&]nextPageToken=/.test(request.url ?? ''))
          answer(request, response, fault.then);
        else forward(request, response, withNextPage);
        return;
      default:
        response.writeHead(500);
        response.end();
    }
  };

  const server = http.createServer((request, response) => {
    const hit = faults.find(f => f.match.test(request.url ?? ''));
    if (hit) {
      request.resume();
      answer(request, response, hit.fault);
    } else forward(request, response);
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    faulted,
    setFault(match, fault) {
      const existing = faults.findIndex(f => f.match.source === match.source);
      if (existing >= 0) faults.splice(existing, 1);
      if (fault) faults.push({ match, fault });
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
