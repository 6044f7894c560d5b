import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { API_VERSION } from '../project-files.js';

const ALLIANCE = 'renault-nissan-mitsubishi-alliance';

/** Questions people ask of the graph, each answered by one GET. A test asks every one of them. */
export const EXAMPLE_QUESTIONS = [
  { question: 'Who were the members of the alliance on 8 February 2022, and since when?', url: `/v1/alliances/${ALLIANCE}/members?asOf=2022-02-08` },
  { question: 'Which brands did the alliance have on 8 February 2022, and who owned each?', url: `/v1/alliances/${ALLIANCE}/brands?asOf=2022-02-08` },
  { question: 'How much of Mitsubishi Motors did Renault own through Nissan in 2022?', url: '/v1/ownership/effective?holder=renault&asOf=2022-02-08' },
  { question: 'Does anyone control Nissan today?', url: '/v1/ownership/controller?company=nissan' },
  { question: 'What changed, and when?', url: '/v1/timeline?from=2014-01-01' },
  { question: 'How is Dacia connected to Infiniti?', url: '/v1/path?from=dacia&to=infiniti' },
  { question: 'What happened to Renault Samsung?', url: '/v1/brands/renault-samsung?include=sources' },
  { question: 'The ownership picture around the alliance today, drawn by Graphviz', url: `/v1/graph/ownership?root=${ALLIANCE}&format=svg` },
  { question: 'The same picture in 1999, as PNG', url: `/v1/graph/ownership?root=${ALLIANCE}&asOf=1999-06-01&format=png` },
  { question: 'Which Cypher answers each endpoint?', url: '/v1/queries' },
] as const;

/** The Cypher example on the page; a test runs it through POST /v1/cypher. */
export const CYPHER_EXAMPLE = {
  query:
    'MATCH (h:Company)-[s:HOLDS_STAKE]->(c:Company) WHERE s.validFrom <= date($day) AND (s.validTo IS NULL OR date($day) < s.validTo) ' +
    'RETURN h.name AS holder, c.name AS company, s.equityPercent AS equity ORDER BY holder, company',
  params: { day: '2022-02-08' },
};

const LINKS = {
  docs: '/docs',
  openapi: '/openapi.json',
  embed: `/embed/ownership?root=${ALLIANCE}`,
  ownershipGraph: `/v1/graph/ownership?root=${ALLIANCE}&format=json`,
  export: '/v1/export?format=json',
  queries: '/v1/queries',
  cypher: '/v1/cypher',
  health: '/health/ready',
};

const CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-src 'self'; base-uri 'none'; form-action 'none'";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * True when the client ranks HTML above JSON: browsers send text/html first; curl (any type), fetch()
 * without a header and JSON clients get JSON.
 */
export function prefersHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  if (!accept) return false;
  const quality = (type: string) => {
    let best = -1;
    for (const part of accept.split(',')) {
      const [range, ...params] = part.trim().split(';');
      const r = range!.trim().toLowerCase();
      if (r !== type && r !== `${type.split('/')[0]}/*` && r !== '*/*') continue;
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const value = q ? Number(q.slice(2)) : 1;
      // A specific match counts over a wildcard at the same quality.
      best = Math.max(best, value + (r === type ? 0.001 : 0));
    }
    return best;
  };
  const html = quality('text/html');
  return html > 0 && html > quality('application/json');
}

function page(): string {
  const examples = EXAMPLE_QUESTIONS.map((e) => `<li>${esc(e.question)}<br><a href="${esc(e.url)}"><code>GET ${esc(e.url)}</code></a></li>`).join('\n        ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Alliance knowledge-graph API</title>
  <link rel="icon" href="data:,">
  <style>
    body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1d1d1d; background: #fafafa; margin: 0; }
    main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
    h1 { font-size: 1.6rem; margin: 0 0 .4rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
    a { color: #1f4e79; } code, pre { font: 13.5px/1.5 ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
    pre { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .75rem; overflow: auto; }
    .links { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; list-style: none; }
    .links a { display: inline-block; padding: .35rem .8rem; border: 1px solid #1f4e79; border-radius: 6px; text-decoration: none; background: #fff; }
    ol li { margin: .45rem 0; } img { max-width: 100%; height: auto; border: 1px solid #ddd; border-radius: 6px; background: #fff; }
    iframe { width: 100%; height: 560px; border: 1px solid #ddd; border-radius: 6px; }
    .lede { font-size: 1.05rem; max-width: 46rem; }
  </style>
</head>
<body>
<main>
  <h1>Alliance knowledge-graph API</h1>
  <p class="lede">Sourced, dated facts about the Renault–Nissan–Mitsubishi Alliance — its member companies, brands,
  cross-shareholdings, plans and targets — kept in Neo4j and answered as typed JSON. Every fact names its
  sources; every answer can be asked <em>as of</em> any day (<code>?asOf=YYYY-MM-DD</code>).</p>
  <ul class="links">
    <li><a href="${LINKS.docs}">API documentation (/docs)</a></li>
    <li><a href="${esc(LINKS.embed)}">Ownership view to embed</a></li>
    <li><a href="${LINKS.openapi}">OpenAPI 3.1 document</a></li>
    <li><a href="${esc(LINKS.export)}">The whole dataset</a></li>
  </ul>

  <h2>Ask it</h2>
  <ol>
        ${examples}
  </ol>

  <h2>The ownership graph</h2>
  <p>Drawn on the server by Graphviz (<code>format=svg</code> or <code>png</code>); the same graph for apps as
  JSON, Cytoscape.js elements, GraphML or DOT.</p>
  <img src="/v1/graph/ownership?root=${ALLIANCE}&amp;format=svg" alt="Ownership around the Renault–Nissan–Mitsubishi Alliance today: the alliance, its members, their cross-shareholdings and brands" width="800">
  <p>The interactive view, made for an <code>&lt;iframe&gt;</code>: a time slider over the dates on which the graph
  changes, exports, and a table of the stakes shown.</p>
  <iframe src="${esc(LINKS.embed)}" title="Alliance ownership, interactive" loading="lazy"></iframe>
  <pre>&lt;iframe src="${esc(LINKS.embed)}&amp;asOf=2022-02-08"
        width="900" height="600" style="border:0" title="Alliance ownership"&gt;&lt;/iframe&gt;</pre>

  <h2>Cypher guide</h2>
  <p>Three ways to ask the graph in its own language:</p>
  <ul>
    <li><strong>Over HTTP, read-only</strong>: <code>POST /v1/cypher</code> with <code>{"query": "…", "params": {…}}</code>.
      One statement, planned as read-only, run in a read transaction that is rolled back, with a time limit and a row cap.</li>
    <li><strong>The named query catalogue</strong>: <a href="${LINKS.queries}"><code>GET /v1/queries</code></a> lists the Cypher
      behind every endpoint and research queries; <code>POST /v1/queries/{name}</code> runs one with typed parameters.</li>
    <li><strong>Over Bolt</strong> with any Neo4j driver, against the graph's own database.</li>
  </ul>
  <pre>curl -s localhost:3000/v1/cypher -H 'content-type: application/json' -d '${esc(JSON.stringify(CYPHER_EXAMPLE, null, 2))}'</pre>
  <p>The model: <code>(:Company)-[:MEMBER_OF]-&gt;(:Alliance)</code>, <code>(:Company)-[:HOLDS_STAKE {equityPercent, votingPercent}]-&gt;(:Company)</code>,
  <code>(:Company)-[:OWNS_BRAND]-&gt;(:Brand)</code>; every relationship has <code>validFrom</code>, <code>validTo</code>
  (holding on day D when <code>validFrom &lt;= D &lt; validTo</code>) and the ids of its sources.</p>

  <p>Ask with <code>Accept: application/json</code> for this index as JSON. Version ${esc(API_VERSION)}.</p>
</main>
</body>
</html>
`;
}

/** The index at /: a page for people with a browser, the same links as JSON for programs. */
const landing: FastifyPluginAsync = async (app) => {
  const html = page();
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    reply.header('vary', 'Accept');
    if (prefersHtml(request)) {
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', CSP)
        .header('x-content-type-options', 'nosniff')
        .serializer((payload: unknown) => payload as string)
        .send(html);
    }
    return {
      name: 'Alliance knowledge-graph API',
      version: API_VERSION,
      description: 'Sourced, dated facts about the Renault–Nissan–Mitsubishi Alliance, served from Neo4j; every answer can be asked as of a day.',
      links: LINKS,
      examples: EXAMPLE_QUESTIONS,
    };
  });
};

export default landing;
