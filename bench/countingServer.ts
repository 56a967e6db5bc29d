import { createKubernetesApiHandler } from '@private-ai/demo-environment';
import { createServer, Server } from 'node:http';
import { AddressInfo, Socket } from 'node:net';

/** A loopback API server over a demo cluster that counts every byte it sends and every request. */
export async function countingServer(
  handler: ReturnType<typeof createKubernetesApiHandler>,
) {
  const sockets = new Set<Socket>();
  let closedBytes = 0;
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests += 1;
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
    requests: () => requests,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
