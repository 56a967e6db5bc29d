import { spawn } from 'node:child_process';

/**
 * A log server in a child process (so its buffers do not count in this process's memory)
 * that ignores `limitBytes`/`tailLines` and sends `bytes` of 100-byte filler lines, then
 * `tail`.
 */
export async function startBigLogServer(bytes: number, tail: string) {
  const script = `
    const http = require('node:http');
    const line = 'x'.repeat(99) + '\\n';
    const chunk = Buffer.from(line.repeat(655));
    const bytes = ${bytes};
    const tail = Buffer.from(${JSON.stringify(tail)});
    const server = http.createServer((request, response) => {
      console.log(request.url);
      response.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      const write = () => {
        while (sent + chunk.length <= bytes) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', write);
        }
        response.end(Buffer.concat([chunk.subarray(0, bytes - sent), tail]));
      };
      write();
    });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));
  `;
  const child = spawn(process.execPath, ['-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', data => {
      lines.push(...String(data).trim().split('\n'));
      resolve(lines[0]);
    });
    child.once('exit', code => reject(new Error(`log server exited ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    /** Request paths the server received. */
    paths: () => lines.slice(1),
    stop: () => {
      child.kill();
    },
  };
}
