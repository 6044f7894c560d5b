/**
 * The direction of dependencies in src/, checked by `npm run lint:deps` (part of `npm test`):
 *
 *   app.ts, server.ts ─▶ plugins ─▶ routes ─▶ services ─▶ repositories ─▶ db
 *                                        └──────────────┴───────────────┴──▶ lib, schemas (leaves)
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
      name: 'db-is-the-bottom',
      severity: 'error',
      comment: 'src/db owns Neo4j and knows nothing of what is built on it.',
      from: { path: layer('db') },
      to: { path: '^src/(repositories|services|routes|plugins|lib|schemas)/' },
    },
    {
      name: 'repositories-only-use-db',
      severity: 'error',
      comment: 'Repositories run queries; deciding what to do with the rows is a service\'s job.',
      from: { path: layer('repositories') },
      to: { path: '^src/(services|routes|plugins)/' },
    },
    {
      name: 'services-do-not-know-http-wiring',
      severity: 'error',
      from: { path: layer('services') },
      to: { path: '^src/(routes|plugins)/' },
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
      to: { path: '^src/(repositories|services|routes|plugins)/' },
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
