import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { UseCaseDeps } from '../use-cases/deps.js';
import { homePage } from '../explorer/pages.js';
import { today } from '../lib/dates.js';
import { API_VERSION } from '../project-files.js';
import { asker, sendPage, validDay } from './explorer.js';

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

/** The index at /: the explorer's home page for people with a browser, the same links as JSON for programs. */
const landing: FastifyPluginAsync<{ deps: UseCaseDeps }> = async (app, { deps }) => {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    reply.header('vary', 'Accept');
    if (prefersHtml(request)) {
      // The explorer's home page (src/explorer/): search, the alliance on the day asked, and this index for developers.
      const asOf = validDay((request.query as { asOf?: unknown } | undefined)?.asOf) ?? today();
      const extras = { examples: EXAMPLE_QUESTIONS, cypherExample: CYPHER_EXAMPLE, links: LINKS, version: API_VERSION };
      return sendPage(reply, await homePage(asker(app, request, deps), asOf, extras));
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
