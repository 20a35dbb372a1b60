import { createServer } from 'node:net';

/**
 * A TCP port that was free a moment ago: the OS picks it for a listener we close at once.
 * Renode 1.16.1 cannot be told `-P 0` (only newer builds pick and log a port), so we pick.
 * Another process could take the port in between; the caller retries on a bind failure.
 */
export function freeTcpPort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('the OS returned no port'))));
    });
  });
}
