import { createServer, type Server } from 'node:net';
import { request as httpRequest, Agent } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTEN_SOCKETS, buildApp } from '../../src/app.js';
import { CAN_SHARE_PORT } from '../../src/plugins/shared-port.js';
import { listen } from '../../src/server.js';
import { testConfig } from '../support/app.js';

const live = (port: number, agent: Agent) =>
  new Promise<number>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/health/live', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });

/** Free port for a listen with a fixed port number (the probe, the shared sockets). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen({ host: '127.0.0.1', port: 0 }, () => r()));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

/**
 * The API's port is shared by LISTEN_SOCKETS sockets of its process where Node can (22.12 and later on Linux), so a
 * burst of new connections is accepted in a few turns of the loop (plugins/shared-port.ts). Every socket
 * hands its connections to the one HTTP server; a port another process holds still fails the start.
 */
describe('the shared port', () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    app = await buildApp({ ...testConfig(), port }, { applySchemaOnStart: false });
    await listen(app, { host: '127.0.0.1', port });
    for (let i = 0; i < 50 && app.listeningSockets() < (CAN_SHARE_PORT ? LISTEN_SOCKETS : 1); i += 1) await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(async () => {
    await app?.close();
  });

  it(`listens on ${CAN_SHARE_PORT ? LISTEN_SOCKETS : 1} socket(s) on Node ${process.versions.node}`, () => {
    expect(app.listeningSockets()).toBe(CAN_SHARE_PORT ? LISTEN_SOCKETS : 1);
  });

  it('serves 256 connections opened at once, whichever socket accepted them, as its own, with Nagle off', async () => {
    let connections = 0;
    // The server that accepted each connection (net keeps it as _server; http then sets .server to itself): every
    // one disables Nagle's algorithm as http.createServer does by default, the extra sockets included.
    const acceptedWithNoDelay: boolean[] = [];
    const count = (socket: { _server?: { noDelay?: boolean } }) => {
      connections += 1;
      acceptedWithNoDelay.push(socket._server?.noDelay === true);
    };
    app.server.on('connection', count);
    const agents = Array.from({ length: 256 }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
    try {
      const statuses = await Promise.all(agents.map((agent) => live(port, agent)));
      expect(statuses.filter((s) => s === 200)).toHaveLength(256);
      expect(connections).toBe(256);
      expect(acceptedWithNoDelay.filter(Boolean)).toHaveLength(256);
      // Kept alive: the same 256 connections answer again.
      expect((await Promise.all(agents.map((agent) => live(port, agent)))).every((s) => s === 200)).toBe(true);
      expect(connections).toBe(256);
    } finally {
      app.server.off('connection', count);
      for (const agent of agents) agent.destroy();
    }
  });

  it('refuses to start on a port another process holds, as a plain listen does', async () => {
    const other: Server = createServer();
    const held = await freePort();
    await new Promise<void>((r) => other.listen({ host: '127.0.0.1', port: held }, () => r()));
    const second = await buildApp({ ...testConfig(), port: held }, { applySchemaOnStart: false });
    try {
      await expect(listen(second, { host: '127.0.0.1', port: held })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await second.close();
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it('stops every socket when the app closes, closing idle connections: the port is free again', async () => {
    const own = await freePort();
    const third = await buildApp({ ...testConfig(), port: own }, { applySchemaOnStart: false });
    await listen(third, { host: '127.0.0.1', port: own });
    for (let i = 0; i < 50 && third.listeningSockets() < (CAN_SHARE_PORT ? LISTEN_SOCKETS : 1); i += 1) await new Promise((r) => setTimeout(r, 20));
    // Idle keep-alive connections, whichever socket accepted them, are closed by the app, not waited for.
    const agents = Array.from({ length: 32 }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
    expect((await Promise.all(agents.map((agent) => live(own, agent)))).every((s) => s === 200)).toBe(true);
    const closed = agents.map((agent) => {
      const socket = Object.values(agent.freeSockets).flat()[0]!;
      return new Promise<void>((r) => socket.once('close', () => r()));
    });
    await third.close();
    await Promise.all(closed);
    for (const agent of agents) agent.destroy();
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ host: '127.0.0.1', port: own, exclusive: true }, () => resolve());
    });
    await new Promise<void>((r) => probe.close(() => r()));
  });
});
