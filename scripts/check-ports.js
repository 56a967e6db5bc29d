// Exits non-zero with a one-line reason when one of the given TCP ports on localhost is taken.
const net = require('node:net');

const ports = process.argv.slice(2).map(Number);

function check(port) {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', err => resolve({ port, err }));
    server.once('listening', () => server.close(() => resolve({ port })));
    server.listen(port, '0.0.0.0');
  });
}

Promise.all(ports.map(check)).then(results => {
  const taken = results.filter(r => r.err);
  for (const { port, err } of taken) {
    const why =
      err.code === 'EADDRINUSE'
        ? 'is already in use'
        : `cannot be opened (${err.code})`;
    console.error(
      `error: port ${port} ${why}; stop what uses it (e.g. \`ss -ltnp 'sport = :${port}'\`) and run again`,
    );
  }
  process.exit(taken.length ? 1 : 0);
});
