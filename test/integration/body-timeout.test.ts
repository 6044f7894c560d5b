import { connect as connectSocket, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { settled, testConfig } from '../support/app.js';
import { connect } from '../support/graph.js';

const BODY_TIMEOUT_MS = 1_000;
const MAX_IN_FLIGHT = 4;

/** Opens a socket that sends a request's headers, announcing a body it never sends; resolves with all it hears. */
function stalledBody(port: number, path: string, contentType: string): { socket: Socket; heard: Promise<string> } {
  const socket = connectSocket(port, '127.0.0.1');
  socket.setEncoding('utf8');
  socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${contentType}\r\nContent-Length: 1000\r\n\r\n{"query":`);
  const heard = new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
  });
  return { socket, heard };
}

/**
 * 64 sockets that send headers and then no body held every admission slot until the 30 s
 * request timeout. Bodies now have a read timeout, and slots are taken once the body is in.
 */
describe('request bodies that never arrive', () => {
  const graph = connect();
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    await graph.seedAlliance();
    app = await buildApp(
      { ...testConfig(), responseCache: false, maxInFlight: MAX_IN_FLIGHT, bodyReadTimeoutMs: BODY_TIMEOUT_MS },
      { applySchemaOnStart: false },
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
    await settled(app);
  });
  afterAll(async () => {
    await app?.close();
    await graph.close();
  });

  it('hold no admission slot while they wait, and get a 408 problem and a closed connection', async () => {
    const targets = [
      ['/v1/reconcile', 'application/x-www-form-urlencoded'],
      ['/v1/cypher', 'application/json'],
      ['/mcp', 'application/json'],
      ['/v1/queries/stakes-valid-on', 'application/json'],
    ] as const;
    const stalled = Array.from({ length: 64 }, (_, i) => stalledBody(port, targets[i % targets.length]![0], targets[i % targets.length]![1]));
    // While 64 bodies are outstanding, 16 times the admission limit, typed requests of another client are served.
    const statuses: number[] = [];
    for (let i = 0; i < 3 * MAX_IN_FLIGHT; i += 1) {
      const res = await fetch(`http://127.0.0.1:${port}/v1/companies?asOf=2001-01-${String(i + 1).padStart(2, '0')}`);
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(app.admission.inFlight).toBe(0);
    const answers = await Promise.all(stalled.map((s) => s.heard));
    for (const answer of answers) {
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toMatch(/content-type: application\/problem\+json/i);
      expect(answer).toMatch(/connection: close/i);
      expect(answer).toMatch(/did not arrive within 1 s/);
    }
    expect(app.admission.inFlight).toBe(0);
    expect(app.admission.refused).toBe(0);
  });

  it('lets a body that arrives in time through', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/v1/reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ queries: JSON.stringify({ a: { query: 'Nissan', type: 'Company' } }) }).toString(),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).a.result[0].id).toBe('nissan');
  });
});
