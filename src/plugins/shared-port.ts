import { once } from 'node:events';
import { createServer, type ListenOptions, type Server, type Socket } from 'node:net';
import fp from 'fastify-plugin';

const [NODE_MAJOR = 0, NODE_MINOR = 0] = process.versions.node.split('.').map(Number);
/**
 * A deep accept queue for every listening socket: at 1,024 connections opened at once, Node's default of
 * 511 overflowed (3,060 SYNs dropped in 8 s, each client retrying after 1 s, 3 s, 7 s); the kernel caps it
 * at somaxconn.
 */
export const LISTEN_BACKLOG = 4_096;
/** SO_REUSEPORT through `listen({ reusePort })`: Node 22.12 and later, on Linux. */
export const CAN_SHARE_PORT = process.platform === 'linux' && (NODE_MAJOR > 22 || (NODE_MAJOR === 22 && NODE_MINOR >= 12));

/**
 * Fails as a plain listen would when another process holds the port: a socket that shares its port
 * would otherwise share it with a second API started by mistake, which then gets half the connections.
 */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen({ host, port, exclusive: true }, () => resolve());
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/**
 * More listening sockets on the app's port, once it listens with `reusePort` (server.ts does where Node
 * can), whose connections the app's one HTTP server serves as its own.
 *
 * Why: Node accepts one connection per listening socket per turn of the event loop (libuv 1.45 and
 * later), and a turn under load takes tens of milliseconds. In the bench, 256 clients connecting at once
 * waited up to 3 s to be accepted while those already connected were served in 150 ms. With the port
 * shared, the kernel spreads new connections over every socket, and each is accepted in the same turn.
 * Where the port cannot be shared (older Node, or a listen without `reusePort`) the first extra socket
 * cannot bind, and the app keeps its one socket.
 */
export default fp<{ sockets: number }>(
  async (app, { sockets }) => {
    const extra: Server[] = [];
    // Connections the extra sockets accepted: the HTTP server serves them, but its close does not wait for them.
    const accepted = new Set<Socket>();
    let closing = false;

    const listenAlongside = async () => {
      const address = app.server.address();
      if (address === null || typeof address === 'string') return;
      for (let i = 1; i < sockets && !closing; i += 1) {
        // An HTTP server serves a socket it is handed through its 'connection' event as one it accepted. Its own
        // connections have Nagle's algorithm off (http.createServer's noDelay default); these get the same, so
        // an answer written in more than one piece never waits for the client's delayed ACK.
        const socket = createServer({ noDelay: true }, (connection) => {
          accepted.add(connection);
          connection.once('close', () => accepted.delete(connection));
          app.server.emit('connection', connection);
        });
        const options: ListenOptions & { reusePort: boolean } = { host: address.address, port: address.port, backlog: LISTEN_BACKLOG, reusePort: true };
        const bound = await new Promise<boolean>((resolve) => {
          socket.once('error', () => resolve(false));
          socket.listen(options, () => resolve(true));
        });
        if (!bound) return;
        extra.push(socket);
        if (closing) socket.close();
      }
      app.log.debug({ sockets: extra.length + 1 }, 'listening on a shared port');
    };

    app.addHook('onListen', (done) => {
      if (CAN_SHARE_PORT && sockets > 1) void listenAlongside();
      done();
    });
    // They stop accepting, and the app waits for what they accepted as it does for its own: idle connections
    // are closed, requests in flight are answered (with Connection: close) before the app's onClose hooks
    // take the database and the workers away.
    app.addHook('preClose', async () => {
      closing = true;
      for (const socket of extra) socket.close();
      if (accepted.size === 0) return;
      app.server.closeIdleConnections();
      await Promise.all([...accepted].map((connection) => once(connection, 'close')));
    });
    app.decorate('listeningSockets', () => 1 + extra.filter((s) => s.listening).length);
  },
  { name: 'shared-port' },
);

declare module 'fastify' {
  interface FastifyInstance {
    /** Sockets listening on the app's port: 1, or more where the port is shared. */
    listeningSockets(): number;
  }
}
