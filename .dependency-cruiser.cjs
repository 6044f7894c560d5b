/**
 * The direction of dependencies in src/, checked by `npm run lint:deps` (part of `npm test`):
 *
 *   app.ts, server.ts ─▶ plugins
 *                     └─▶ routes, mcp (the doors) ─▶ operations (the table) ─▶ use-cases ─▶ services ─▶ repositories ─▶ db
 *                                                                     └──────────┴───────────┴──────────────┴──▶ lib, schemas (leaves)
 *
 * The doors reach the graph only through use cases: they get them as a typed container (use-cases/deps.ts)
 * passed as a plugin option, an import this checker sees, never through a decorator that would hide the edge.
 *
 * Each rule forbids one way back. A cycle between two modules, anywhere, is an error too.
 */
const layer = (name) => `^src/${name}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Two modules that import each other, however indirectly, cannot be understood or tested apart.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'doors-call-use-cases',
      severity: 'error',
      comment: 'Routes and MCP tools answer through use cases; reading the graph is a use case\'s job, not a door\'s. (Telling an unavailable database from a bug, db/errors.ts, reads nothing.)',
      from: { path: '^src/(routes|mcp)/' },
      to: { path: '^src/(repositories|db)/', pathNot: '^src/db/errors\\.ts$' },
    },
    {
      name: 'operations-are-declarations',
      severity: 'error',
      comment: 'The table says what each operation is and which use case answers it; it knows no door and no query.',
      from: { path: layer('operations') },
      to: { path: '^src/(routes|mcp|plugins|repositories|db)/' },
    },
    {
      name: 'use-cases-know-no-door',
      severity: 'error',
      from: { path: layer('use-cases') },
      to: { path: '^src/(routes|mcp|plugins|operations|db)/' },
    },
    {
      name: 'db-is-the-bottom',
      severity: 'error',
      comment: 'src/db owns Neo4j and knows nothing of what is built on it.',
      from: { path: layer('db') },
      to: { path: '^src/(repositories|services|use-cases|operations|routes|mcp|plugins|lib|schemas)/' },
    },
    {
      name: 'repositories-only-use-db',
      severity: 'error',
      comment: 'Repositories run queries; deciding what to do with the rows is a service\'s job.',
      from: { path: layer('repositories') },
      to: { path: '^src/(services|use-cases|operations|routes|mcp|plugins)/' },
    },
    {
      name: 'services-do-not-know-http-wiring',
      severity: 'error',
      from: { path: layer('services') },
      to: { path: '^src/(use-cases|operations|routes|mcp|plugins)/' },
    },
    {
      name: 'routes-do-not-reach-into-plugins',
      severity: 'error',
      comment: 'Plugins register routes, not the other way round; routes reach plugins through the app instance.',
      from: { path: layer('routes') },
      to: { path: '^src/plugins/' },
    },
    {
      name: 'leaves-stay-leaves',
      severity: 'error',
      comment: 'lib and schemas are used everywhere, so they may use only each other and the db value types.',
      from: { path: '^src/(lib|schemas)/' },
      to: { path: '^src/(repositories|services|use-cases|operations|routes|mcp|plugins)/' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module nothing imports is dead code (entry points excepted).',
      from: { orphan: true, path: '^src/', pathNot: ['^src/(server|app)\\.ts$', '^src/openapi/', '\\.d\\.ts$'] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
