import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A loopback proxy in front of a Kubernetes API that streams answers through (watches too),
 * records each request with the bytes of its answer (status line, headers and body as they came
 * from upstream), and can answer watch requests with an error instead.
 */
export async function startCountingProxy(upstream: string) {
  const target = new URL(upstream);
  const requests: Array<{ url: string; bytes: number }> = [];
  let failWatches: number | undefined;
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((request, response) => {
    const entry = { url: request.url ?? '', bytes: 0 };
    requests.push(entry);
    if (failWatches && /[?&]watch=1/.test(entry.url)) {
      const body = JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: 'etcd leader changed',
        code: failWatches,
      });
      entry.bytes = body.length;
      response.writeHead(failWatches, { 'content-type': 'application/json' });
      response.end(body);
      return;
    }
    const upstreamRequest = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      upstreamResponse => {
        entry.bytes += `HTTP/1.1 ${upstreamResponse.statusCode} ${
          upstreamResponse.statusMessage ?? ''
        }\r\n`.length;
        for (let i = 0; i < upstreamResponse.rawHeaders.length; i += 2)
          entry.bytes +=
            upstreamResponse.rawHeaders[i].length +
            upstreamResponse.rawHeaders[i + 1].length +
            4;
        entry.bytes += 2;
        response.writeHead(
          upstreamResponse.statusCode ?? 502,
          upstreamResponse.headers,
        );
        upstreamResponse.on('data', (chunk: Buffer) => {
          entry.bytes += chunk.length;
          response.write(chunk);
        });
        upstreamResponse.on('end', () => response.end());
        upstreamResponse.on('error', () => response.destroy());
      },
    );
    upstreamRequest.on('error', () => response.destroy());
    response.on('close', () => upstreamRequest.destroy());
    request.pipe(upstreamRequest);
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    /** Answers every watch request with this HTTP status (undefined: pass them through). */
    failWatches: (status: number | undefined) => {
      failWatches = status;
    },
    bytes: () => requests.reduce((sum, r) => sum + r.bytes, 0),
    stop: () =>
      new Promise<void>(r => {
        for (const socket of sockets) socket.destroy();
        server.close(() => r());
      }),
  };
}
