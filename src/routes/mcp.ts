import type { FastifyPluginAsync } from 'fastify';
import type { CypherLimits, McpLimits } from '../config.js';
import { problemBody, sendProblem } from '../lib/problem.js';
import { researchCors, researchPreflight } from '../plugins/research.js';

// The MCP SDK and the tools load with the first agent's request, not at start: most processes never serve
// one, and the SDK holds about 10 MB in each of them (bench/profile.md, memory).
let mcpModules: Promise<[typeof import('@modelcontextprotocol/sdk/server/streamableHttp.js'), typeof import('../services/mcp/server.js')]> | undefined;
const loadMcp = () => (mcpModules ??= Promise.all([import('@modelcontextprotocol/sdk/server/streamableHttp.js'), import('../services/mcp/server.js')]));

/**
 * The MCP server over Streamable HTTP, stateless: every POST /mcp gets a fresh server and transport (no
 * session to keep, so any instance behind a load balancer can answer). GET and DELETE, which only serve
 * sessions and server-sent streams, answer 405.
 *
 * Every method checks Origin against the research door's allow-list (none by default: pages may not call
 * it, scripts and desktop agents send no Origin), as the MCP transport specification requires, and the
 * routes have no wildcard CORS.
 */
const mcp: FastifyPluginAsync<{ cypher: CypherLimits; mcp?: McpLimits }> = async (app, limits) => {
  const cors = researchCors(limits.cypher.corsOrigins);
  const policy = { research: true, admission: false, cache: false } as const;
  app.post(
    '/mcp',
    {
      bodyLimit: 256 * 1024,
      config: { rateLimit: { max: limits.cypher.rateLimitPerMinute * 10, timeWindow: 60_000 }, policy, cors },
      schema: { hide: true },
    },
    async (request, reply) => {
      const [{ StreamableHTTPServerTransport }, { createMcpServer }] = await loadMcp();
      const server = createMcpServer({
        repositories: app.repositories,
        namedQueries: app.services.namedQueries,
        door: app.research.door,
        client: request.ip,
        datasetVersion: () => app.datasetVersion.current(),
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
