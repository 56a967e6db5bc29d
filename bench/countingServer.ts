import { createKubernetesApiHandler } from '@private-ai/demo-environment';
import { createServer, Server } from 'node:http';
import { AddressInfo, Socket } from 'node:net';

/**
 * A loopback API server over a demo cluster that counts every byte it sends and every request
 * (and keeps each request's URL, to tell what was read).
 */
export async function countingServer(
  handler: ReturnType<typeof createKubernetesApiHandler>,
) {
  const sockets = new Set<Socket>();
  let closedBytes = 0;
  const urls: string[] = [];
  const server: Server = createServer((req, res) => {
    urls.push(req.url ?? '');
    handler(req, res);
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => {
      closedBytes += socket.bytesWritten;
      sockets.delete(socket);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const bytes = () =>
    closedBytes + [...sockets].reduce((sum, s) => sum + s.bytesWritten, 0);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bytes,
    requests: () => urls.length,
    /** The URLs of the requests from the `from`th on. */
    urls: (from = 0) => urls.slice(from),
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
