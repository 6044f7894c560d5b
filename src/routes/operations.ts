import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OPERATIONS } from '../operations/table.js';
import type { Operation } from '../operations/operation.js';
import { problemResponses } from '../schemas/problem.js';
import type { OwnershipGraph } from '../services/ownership/graph-formats.js';
import { toDot, toGraphml } from '../services/ownership/graph-formats.js';
import { PicturePool } from '../services/pictures/picture-pool.js';
import type { UseCaseDeps } from '../use-cases/deps.js';

const TEXT_FORMATS = {
  graphml: 'application/graphml+xml; charset=utf-8',
  dot: 'text/vnd.graphviz; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
} as const;

/** The ownership graph's 200 answer in each format it is drawn in (for the OpenAPI document). */
const graphContent = (json: z.ZodType) => ({
  description: 'The graph in the format asked for',
  content: {
    'application/json': { schema: json },
    'application/graphml+xml': { schema: z.string().describe('GraphML with typed attribute keys') },
    'text/vnd.graphviz': { schema: z.string().describe('Graphviz DOT') },
    'image/svg+xml': { schema: z.string().describe('A picture laid out and drawn by Graphviz (dot), edges labelled with percentages') },
    'image/png': { schema: z.string().describe('The same picture rasterised at twice its size, with the Arimo font') },
  },
});

/**
 * The HTTP door of the table of operations: each operation is `GET path`, its schemas its validation and
 * OpenAPI, its policy (cost, cache, admission) declared on the route, its answer the use case's.
 */
const operationRoutes: FastifyPluginAsync<{ deps: UseCaseDeps }> = async (app, { deps }) => {
  // Pictures are drawn in a worker with its own heap and a bounded queue, never on the event loop.
  const pictures = new PicturePool();
  app.addHook('onClose', () => pictures.close());

  /** The formats only the HTTP door sends: the ownership graph as GraphML, DOT and pictures, drawn from its JSON. */
  const sendDrawn = async (reply: FastifyReply, graph: OwnershipGraph & { asOf: string }, format: string) => {
    const title = `Ownership around ${graph.nodes[0]!.name} as of ${graph.asOf}`;
    if (format === 'svg' || format === 'png') {
      const picture = await pictures.render(graph, title, format);
      if (format === 'svg')
        return reply
          .type(TEXT_FORMATS.svg)
          .serializer((payload: unknown) => payload as string)
          .send(picture as string);
      // A Buffer goes out as it is (fastify serialises no Buffer); the schema only documents it.
      return reply.type('image/png').send(picture as unknown as string);
    }
    const text = format === 'graphml' ? toGraphml(graph, title) : toDot(graph, title);
    return reply
      .type(TEXT_FORMATS[format as 'graphml' | 'dot'])
      .serializer((payload: unknown) => payload as string)
      .send(text);
  };

  const register = (operation: Operation) => {
    const drawn = operation.httpOnly?.includes('format') === true;
    app.withTypeProvider<ZodTypeProvider>().get(
      operation.path,
      {
        config: { policy: { admission: operation.admission ?? true, cache: operation.cache ?? true, ...(operation.cost ? { cost: operation.cost } : {}) } },
        schema: {
          tags: [operation.tag],
          summary: operation.summary,
          ...(operation.params ? { params: operation.params } : {}),
          querystring: operation.query,
          response: { 200: drawn ? graphContent(operation.output) : operation.output, ...problemResponses(...operation.problems) },
        },
      },
      async (request, reply) => {
        const input = { ...(request.params as object), ...(request.query as object) } as Record<string, unknown>;
        const answer = await operation.run(deps, input as never, { dataVersion: (hash) => void reply.header('data-version', hash) });
        const format = input.format;
        if (drawn && format !== 'json' && format !== 'cytoscape') return sendDrawn(reply, answer as OwnershipGraph & { asOf: string }, String(format));
        return answer;
      },
    );
  };
  for (const operation of OPERATIONS) register(operation);
};

export default operationRoutes;
