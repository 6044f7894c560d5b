import type { FastifyPluginAsync } from 'fastify';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { CypherLimits, McpLimits } from '../config.js';
import { problemBody, sendProblem } from '../lib/problem.js';
import { researchCors, researchPreflight } from '../lib/research-routes.js';
import type { UseCaseDeps } from '../use-cases/deps.js';

// The MCP SDK and the tools load with the first agent's request, not at start: most processes never serve
// one, and the SDK holds about 10 MB in each of them (bench/profile.md, memory).
let mcpModules: Promise<[typeof import('@modelcontextprotocol/sdk/server/streamableHttp.js'), typeof import('../mcp/server.js')]> | undefined;
const loadMcp = () => (mcpModules ??= Promise.all([import('@modelcontextprotocol/sdk/server/streamableHttp.js'), import('../mcp/server.js')]));

/**
 * The MCP server over Streamable HTTP, stateless: every POST /mcp gets a fresh server and transport (no
 * session to keep, so any instance behind a load balancer can answer). GET and DELETE, which only serve
 * sessions and server-sent streams, answer 405.
 *
 * Every method checks Origin against the research door's allow-list (none by default: pages may not call
 * it, scripts and desktop agents send no Origin), as the MCP transport specification requires, and the
 * routes have no wildcard CORS.
 */
/** Messages of one JSON-RPC batch, and their cost together (a cheap call 1, an expensive or research call 4). */
export const MCP_BATCH_LIMITS = { messages: 8, cost: 16 };
const COST_UNITS = { cheap: 1, expensive: 4, research: 4 } as const;
/** Tool answers kept for repeated questions, in bytes of their text. */
const MCP_CACHE_BYTES = 4 * 1024 * 1024;

/** A small LRU of tool answers bounded in bytes, keyed by dataset version, day, tool and arguments. */
function answerCache() {
  const entries = new Map<string, { value: CallToolResult; bytes: number }>();
  let bytes = 0;
  return {
    get(key: string) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      entries.delete(key);
      entries.set(key, hit);
      return hit.value;
    },
    set(key: string, value: CallToolResult) {
      const size = value.content.reduce((n, c) => n + (c.type === 'text' ? c.text.length * 2 : 0), 0);
      if (size > MCP_CACHE_BYTES / 8) return;
      const previous = entries.get(key);
      if (previous) bytes -= previous.bytes;
      entries.set(key, { value, bytes: size });
      bytes += size;
      for (const [oldest, entry] of entries) {
        if (bytes <= MCP_CACHE_BYTES) break;
        entries.delete(oldest);
        bytes -= entry.bytes;
      }
    },
  };
}

/** Why a JSON-RPC batch is refused, or null: too many messages, or too costly together. */
export function batchProblem(body: unknown, toolCostOf: (name: string, args: Record<string, unknown>) => keyof typeof COST_UNITS): string | null {
  if (!Array.isArray(body)) return null;
  if (body.length > MCP_BATCH_LIMITS.messages) return `A JSON-RPC batch may hold at most ${MCP_BATCH_LIMITS.messages} messages (this one has ${body.length})`;
  let cost = 0;
  for (const message of body as { method?: unknown; params?: { name?: unknown; arguments?: unknown } }[]) {
    if (message?.method !== 'tools/call') {
      cost += 1;
      continue;
    }
    const args = message.params?.arguments;
    cost += COST_UNITS[toolCostOf(String(message.params?.name ?? ''), args && typeof args === 'object' ? (args as Record<string, unknown>) : {})];
  }
  if (cost > MCP_BATCH_LIMITS.cost) {
    return `A JSON-RPC batch may cost at most ${MCP_BATCH_LIMITS.cost} units (a typed call 1, a look-through, control, changes, deep graph or Cypher call 4); this one costs ${cost}`;
  }
  return null;
}

const mcp: FastifyPluginAsync<{ deps: UseCaseDeps; cypher: CypherLimits; mcp?: McpLimits }> = async (app, limits) => {
  const cors = researchCors(limits.cypher.corsOrigins);
  const cache = answerCache();
  const policy = { research: true, admission: false, cache: false } as const;
  app.post(
    '/mcp',
    {
      bodyLimit: 256 * 1024,
      config: { rateLimit: { max: limits.cypher.rateLimitPerMinute * 10, timeWindow: 60_000 }, policy, cors },
      schema: { hide: true },
    },
    async (request, reply) => {
      const [{ StreamableHTTPServerTransport }, { createMcpServer, toolCost }] = await loadMcp();
      const tooMuch = batchProblem(request.body, toolCost);
      if (tooMuch) return sendProblem(reply, problemBody(request, 400, tooMuch));
      const server = createMcpServer({
        gate: {
          admit: () => app.admission.tryAcquire(),
          chargeExpensive: () => app.expensiveGets.take(request),
          expensivePerMinute: app.expensiveGets.perMinute,
          cache,
        },
        log: (error, message) => request.log.warn({ err: error }, message),
        deps: limits.deps,
        door: app.research.door,
        client: request.ip,
        datasetVersion: () => app.datasetVersion.current(),
        settledDatasetVersion: () => app.datasetVersion.settled(),
        cypher: limits.cypher,
        ...(limits.mcp ? { mcp: limits.mcp } : {}),
      });
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      // The transport writes the answer itself: the headers the hooks set (CORS for an allowed origin, the
      // request id, the security headers) go onto the raw response first.
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value as string);
      reply.hijack();
      reply.raw.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(request.raw, reply.raw, request.body);
    },
  );
  for (const method of ['GET', 'DELETE'] as const) {
    app.route({
      method,
      url: '/mcp',
      schema: { hide: true },
      config: { policy, cors },
      handler: async (request, reply) => {
        reply.header('allow', 'POST');
        return sendProblem(reply, problemBody(request, 405, 'This MCP endpoint is stateless: POST JSON-RPC messages to /mcp'));
      },
    });
  }
  app.options('/mcp', researchPreflight(['POST', 'GET', 'DELETE'], cors));
};

export default mcp;
