import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/project-files.js';
import { imageCmd, imageEnv } from '../../support/image.js';
import { ABUSE } from '../../support/abuse-corpus.js';
import { CYPHER_BOMBS, ENCODED_PATHS, MCP_BATCHES, PAGES } from '../../support/door-corpus.js';
import { connect } from '../../support/graph.js';
import { percentile } from '../../support/abuse-measures.js';

const TIMEOUT_MS = 2_000;
const MCP_HEADERS = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };

/**
 * Under the image's heap settings (the Dockerfile's CMD, --max-old-space-size=96), one MCP
 * answer ended the API and 48 PNG renders stalled liveness. The build runs as the CMD runs it, and the
 * suite's attacks (both Cypher corpora, the door corpus, big answers over HTTP and MCP, bursts of pictures)
 * are sent at it over HTTP while another client asks uncached typed questions: the process never exits,
 * every attack gets a 4xx or a capped 200, and the other client sees only 200s.
 */
describe('the API under the image’s heap settings', () => {
  const graph = connect();
  let child: ReturnType<typeof spawn>;
  let output = '';
  let url = '';
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  beforeAll(async () => {
    await graph.seedAlliance();
    execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'pipe' });
    const cmd = imageCmd();
    expect(cmd.join(' ')).toMatch(/--max-old-space-size=96/);
    const env = imageEnv(inject('neo4j'), {
      RESPONSE_CACHE: 'off',
      CYPHER_TIMEOUT_MS: String(TIMEOUT_MS),
      CYPHER_RATE_LIMIT: '100000',
      CYPHER_BUDGET_SECONDS: '3600',
    });
    const [command, ...args] = cmd;
    child = spawn(command === 'node' ? process.execPath : command!, args, { cwd: PROJECT_ROOT, env });
    child.stdout!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-50_000)));
    child.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-50_000)));
    child.on('exit', (code, signal) => (exited = { code, signal }));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 90_000);
      child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      child.stdout!.on('data', () => {
        const match = /API on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    for (let i = 0; i < 120; i += 1) {
      if ((await fetch(`${url}/health/ready`).catch(() => null))?.status === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 180_000);
  afterAll(async () => {
    if (child && exited === null) {
      child.kill('SIGINT');
      await once(child, 'exit').catch(() => {});
    }
    await graph.close();
  });

  it('never exits, answers every attack with a 4xx or a capped answer, and serves another client', { timeout: 400_000 }, async () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      fetch(`${url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    // Warm what loads lazily: the grammar and the MCP SDK.
    await post('/v1/cypher', { query: 'RETURN 1 AS one' });
    for (let i = 0; i < 50 && (await post('/mcp', { jsonrpc: '2.0', id: 0, method: 'ping' }, MCP_HEADERS)).status !== 200; i += 1)
      await new Promise((r) => setTimeout(r, 200));

    let hammering = true;
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const hammer = Promise.all(
      [0, 1].map(async (loop) => {
        let i = loop;
        while (hammering) {
          const day = new Date(Date.UTC(2000, 0, 1) + (i % 9000) * 86_400_000).toISOString().slice(0, 10);
          const t0 = performance.now();
          const res = await fetch(`${url}${i % 2 === 0 ? '/v1/companies' : '/v1/alliances'}?asOf=${day}`).catch(() => null);
          latencies.push(performance.now() - t0);
          const status = res?.status ?? 0;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          await res?.arrayBuffer();
          i += 2;
        }
      }),
    );

    const failures: string[] = [];
    const expect4xx = (name: string, status: number) => {
      if (status < 400 || status >= 500) failures.push(`${name}: ${status}`);
    };
    for (const attempt of [...ABUSE, ...CYPHER_BOMBS]) {
      if (attempt.rawParams) {
        expect4xx(attempt.name, (await post('/v1/cypher', `{"query":${JSON.stringify(attempt.query)},"params":${attempt.rawParams}}`)).status);
        continue;
      }
      const res = await post('/v1/cypher', { query: attempt.query, params: attempt.params ?? {} });
      expect4xx(`HTTP ${attempt.name}`, res.status);
      await res.arrayBuffer();
    }
    for (const [i, attempt] of CYPHER_BOMBS.entries()) {
      const res = await post(
        '/mcp',
        { jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: 'read_cypher', arguments: { query: attempt.query, params: attempt.params ?? {} } } },
        MCP_HEADERS,
      );
      const body = (await res.json()) as { result?: { isError?: boolean } };
      if (res.status !== 200 ? res.status >= 500 : !body.result?.isError) failures.push(`MCP ${attempt.name}: ${res.status}`);
    }
    for (const attempt of [...ENCODED_PATHS, ...MCP_BATCHES, ...PAGES]) {
      const res = await fetch(`${url}${attempt.url}`, {
        method: attempt.method,
        headers: { ...(attempt.body !== undefined && typeof attempt.body !== 'string' ? { 'content-type': 'application/json' } : {}), ...attempt.headers },
        ...(attempt.body === undefined ? {} : { body: typeof attempt.body === 'string' ? attempt.body : JSON.stringify(attempt.body) }),
      });
      expect4xx(attempt.name, res.status);
      await res.arrayBuffer();
    }

    // Big answers: 4 MiB over HTTP (the byte cap), and the same through MCP, capped while the rows stream.
    const big = { query: 'UNWIND range(1, 10000) AS i RETURN i, $s AS s', params: { s: 'x'.repeat(4_000) } };
    const bigAnswers = await Promise.all([
      ...Array.from({ length: 3 }, () => post('/v1/cypher', big)),
      ...Array.from({ length: 3 }, (_, i) =>
        post('/mcp', { jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: 'read_cypher', arguments: big } }, MCP_HEADERS),
      ),
    ]);
    for (const res of bigAnswers) {
      if (res.status >= 500) failures.push(`big answer: ${res.status}`);
      await res.arrayBuffer();
    }

    // Pictures: 48 PNGs at once, then 100 distinct ones; past the expensive-request limit they are 429s.
    const pictures = (n: number, from: number) =>
      Array.from(
        { length: n },
        (_, i) =>
          `${url}/v1/graph/ownership?root=renault-nissan-mitsubishi-alliance&format=png&asOf=20${String(10 + ((from + i) % 10))}-0${1 + ((from + i) % 9)}-${String(1 + ((from + i) % 28)).padStart(2, '0')}`,
      );
    // A picture is drawn (200), or turned away at once with Retry-After: past the expensive-request limit (429)
    // or past the picture queue (503). Nothing else.
    const pictureStatuses = new Map<number, number>();
    const checkPicture = async (res: Response) => {
      pictureStatuses.set(res.status, (pictureStatuses.get(res.status) ?? 0) + 1);
      if (res.status !== 200 && !((res.status === 429 || res.status === 503) && Number(res.headers.get('retry-after')) > 0))
        failures.push(`picture: ${res.status}`);
      await res.arrayBuffer();
    };
    for (const res of await Promise.all(pictures(48, 0).map((u) => fetch(u)))) await checkPicture(res);
    for (const u of pictures(100, 48)) await checkPicture(await fetch(u));

    hammering = false;
    await hammer;
    const live = await fetch(`${url}/health/live`);
    const sorted = [...latencies].sort((a, b) => a - b);
    const p99 = percentile(sorted, 99);
    console.log(
      `[image-heap] ${ABUSE.length + CYPHER_BOMBS.length * 2 + ENCODED_PATHS.length + MCP_BATCHES.length + PAGES.length} attacks, 6 big answers, 148 pictures ` +
        `under ${imageCmd().join(' ')}; typed client: ${latencies.length} requests, ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))} (pictures ${JSON.stringify(Object.fromEntries(pictureStatuses))}), p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
    );

    expect(exited, output).toBeNull();
    expect(output).not.toMatch(/heap limit|FATAL ERROR|JavaScript heap out of memory/);
    expect(live.status).toBe(200);
    expect(failures).toEqual([]);
    expect([...statuses.keys()]).toEqual([200]);
    expect(p99).toBeLessThan(1_000);
  });
});
