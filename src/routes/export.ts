import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toCsv } from '../lib/csv.js';
import { today } from '../lib/dates.js';
import { withNameRecords } from '../services/names/entity-names.js';
import { toBods } from '../services/ownership/bods.js';
import { ExportQuerySchema, ExportSchema } from '../schemas/export.js';
import { problemResponses } from '../schemas/problem.js';
import { exportGraph } from '../use-cases/pages.js';
import type { UseCaseDeps } from '../use-cases/deps.js';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const exporter: FastifyPluginAsyncZod<{ deps: UseCaseDeps }> = async (app, { deps }) => {
  app.get(
    '/v1/export',
    {
      config: { policy: { admission: true, cache: true, cost: 'expensive' } },
      schema: {
        tags: ['export'],
        summary: 'The whole dataset as JSON, as CSV tables, or as BODS 0.4 ownership statements',
        querystring: ExportQuerySchema,
        response: {
          200: {
            description: 'The dataset in the format asked for',
            content: {
              'application/json': { schema: z.union([ExportSchema, z.array(z.record(z.string(), z.unknown())).describe('BODS 0.4 statements')]) },
              'text/csv': { schema: z.string().describe('RFC 4180 CSV with a header row') },
            },
          },
          ...problemResponses(400, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { format, part } = request.query;
      const { nodes, relationships } = await exportGraph(deps);
      nodes.sort(byId);
      relationships.sort(byId);
      if (format === 'bods') return toBods(nodes, relationships, today());
      if (format === 'json') {
        return {
          version: app.datasetVersion.current(),
          sources: nodes.filter((n) => n.label === 'Source').map((n) => n.props),
          nodes: nodes.filter((n) => n.label !== 'Source').map((n) => ({ ...withNameRecords(n.props), id: n.id, label: n.label })),
          relationships: relationships.map((r) => ({ ...r.props, id: r.id, type: r.type, from: r.from, to: r.to })),
        };
      }
      const p = (row: { props: Record<string, unknown> }, key: string) => row.props[key];
      const csv =
        part === 'relationships'
          ? toCsv(
              ['id', 'type', 'from', 'to', 'validFrom', 'validTo', 'equityPercent', 'votingPercent', 'carriesVotes', 'role', 'via', 'note', 'sources'],
              relationships.map((r) => [
                r.id,
                r.type,
                r.from,
                r.to,
                ...['validFrom', 'validTo', 'equityPercent', 'votingPercent', 'carriesVotes', 'role', 'via', 'note', 'sources'].map((k) => p(r, k)),
              ]),
            )
          : part === 'nodes'
            ? toCsv(
                ['id', 'label', 'name', 'aliases', 'country', 'kind', 'validFrom', 'validTo', 'sources', 'otherNames', 'identifiers'],
                nodes
                  .filter((n) => n.label !== 'Source')
                  .map((n) => [
                    n.id,
                    n.label,
                    ...['name', 'aliases', 'country', 'kind', 'validFrom', 'validTo', 'sources', 'otherNames', 'identifierKeys'].map((k) => p(n, k)),
                  ]),
              )
            : toCsv(
                ['id', 'kind', 'title', 'publisher', 'author', 'url', 'publishedOn', 'language'],
                nodes
                  .filter((n) => n.label === 'Source')
                  .map((n) => [n.id, ...['kind', 'title', 'publisher', 'author', 'url', 'publishedOn', 'language'].map((k) => p(n, k))]),
              );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="alliance-${part}.csv"`)
        .serializer((payload: unknown) => payload as string)
        .send(csv);
    },
  );
};

export default exporter;
