/**
 * `npm run mcp`: the MCP server over stdio, for desktop clients (Claude Desktop, VS Code, …). It reads the same
 * environment as the API (NEO4J_URI …, MCP_MAX_ANSWER_BYTES) and serves the graph that is loaded there
 * (`npm start` or `npm run seed` loads it). Standard output carries the protocol alone: logs go to standard error.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { buildApp } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { createMcpServer } from '../src/mcp/server.js';
import { createUseCaseDeps } from '../src/use-cases/deps.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // The HTTP app is built, not started: its repositories, dataset version and limits are the tools' own.
  const app = await buildApp(
    { ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel },
    { applySchemaOnStart: false, logStream: process.stderr },
  );
  await app.datasetVersion.refresh();
  const server = createMcpServer({
    deps: createUseCaseDeps(app.repositories),
    door: app.research.door,
    client: 'mcp-stdio',
    datasetVersion: () => app.datasetVersion.current(),
    settledDatasetVersion: () => app.datasetVersion.settled(),
    cypher: config.cypher,
    ...(config.mcp ? { mcp: config.mcp } : {}),
  });
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await server.close();
    await app.close();
    process.exit(0);
  };
  process.stdin.on('close', () => void close());
  process.on('SIGINT', () => void close());
  process.on('SIGTERM', () => void close());
  await server.connect(new StdioServerTransport());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error instanceof Error ? (error.stack ?? error) : error)}\n`);
  process.exit(1);
});
