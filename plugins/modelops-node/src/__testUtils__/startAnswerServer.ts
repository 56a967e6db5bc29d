import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A loopback server that answers each request with `answer(path)`, and records the paths. */
export async function startAnswerServer(
  answer: (
    path: string,
    response: http.ServerResponse,
  ) => { status: number; body: string; type?: string } | void,
) {
  const paths: string[] = [];
  const server = http.createServer((request, response) => {
    paths.push(request.url ?? '');
    const result = answer(request.url ?? '', response);
    if (!result) return;
    response.writeHead(result.status, {
      'content-type': result.type ?? 'application/json',
    });
    response.end(result.body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    paths,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
