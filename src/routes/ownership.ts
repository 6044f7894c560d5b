import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { today } from '../lib/dates.js';
import { HttpProblem } from '../lib/problem.js';
import { toCytoscape, toDot, toGraphml } from '../services/ownership/graph-formats.js';
import { PicturePool } from '../services/pictures/picture-pool.js';
import { OwnershipCycleError } from '../services/ownership/look-through.js';
import { computeEffectiveOwnership, explainEffectiveOwnership, findOwnershipGraph, findOwnershipGraphKnownAt, findUltimateController, findUltimateOwners } from '../services/ownership/ownership-service.js';
import {
  ControllerQuerySchema,
  ControllerSchema,
  CytoscapeGraphSchema,
  EffectiveOwnershipQuerySchema,
  EffectiveOwnershipSchema,
  ExplainQuerySchema,
  ExplainSchema,
  OwnershipGraphQuerySchema,
  OwnershipGraphSchema,
  UltimateOwnersQuerySchema,
  UltimateOwnersSchema,
} from '../schemas/ownership.js';
import { problemResponses } from '../schemas/problem.js';
import { stakeReaderFor } from '../services/versions/versions.js';

const TEXT_FORMATS = {
  graphml: 'application/graphml+xml; charset=utf-8',
  dot: 'text/vnd.graphviz; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
} as const;

const ownership: FastifyPluginAsyncZod = async (app) => {
  // Pictures are drawn in a worker with its own heap and a bounded queue, never on the event loop.
  const pictures = new PicturePool();
  app.addHook('onClose', () => pictures.close());
  const repository = app.repositories.ownership;

  /**
   * A computation over the stakes as the graph held them at `knownAt` (default: now): the answer with its
   * day and data version, 404 when it finds no company, 422 when the stakes do not converge.
   */
  const onStakesKnownAt = async <T extends object>(
    reply: FastifyReply,
    query: { asOf?: string | undefined; knownAt?: string | undefined },
    compute: (reader: Awaited<ReturnType<typeof stakeReaderFor>>['reader'], asOf: string) => Promise<T | null>,
    missing: () => Promise<HttpProblem> | HttpProblem,
  ) => {
    const asOf = query.asOf ?? today();
    const { reader, dataVersion } = await stakeReaderFor(repository, app.repositories.versions, query.knownAt);
    try {
      const answer = await compute(reader, asOf);
      if (!answer) throw await missing();
      if (dataVersion) reply.header('data-version', dataVersion.hash);
      return { asOf, dataVersion, ...answer };
    } catch (error) {
      if (error instanceof OwnershipCycleError) throw new HttpProblem(422, error.message);
      throw error;
    }
  };

  app.get(
    '/v1/graph/ownership',
    {
      schema: {
        tags: ['ownership'],
        summary: 'The ownership graph around a company, brand or alliance, as JSON, Cytoscape.js, GraphML, DOT, SVG or PNG',
        querystring: OwnershipGraphQuerySchema,
        response: {
          200: {
            description: 'The graph in the format asked for',
            content: {
              'application/json': { schema: z.union([OwnershipGraphSchema, CytoscapeGraphSchema]) },
              'application/graphml+xml': { schema: z.string().describe('GraphML with typed attribute keys') },
              'text/vnd.graphviz': { schema: z.string().describe('Graphviz DOT') },
              'image/svg+xml': { schema: z.string().describe('A picture laid out and drawn by Graphviz (dot), edges labelled with percentages') },
              'image/png': { schema: z.string().describe('The same picture rasterised at twice its size, with the Arimo font') },
            },
          },
          ...problemResponses(400, 404, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { root, depth, direction, format } = request.query;
      const asOf = request.query.asOf ?? today();
      let graph;
      if (request.query.knownAt === undefined) graph = await findOwnershipGraph(repository, root, depth, direction, asOf);
      else {
        const known = await findOwnershipGraphKnownAt(app.repositories.versions, request.query.knownAt, root, depth, direction, asOf);
        reply.header('data-version', known.dataVersion.hash);
        graph = known.graph;
      }
      if (!graph) throw new HttpProblem(404, `No company, brand or alliance with id "${root}"`);
      const rootName = graph.nodes[0]!.name;
      const title = `Ownership around ${rootName} as of ${asOf}`;
      if (format === 'json') return { asOf, root, depth, direction, ...graph };
      if (format === 'cytoscape') return toCytoscape(graph);
      if (format === 'svg' || format === 'png') {
        const picture = await pictures.render(graph, title, format);
        if (format === 'svg') return reply.type(TEXT_FORMATS.svg).serializer((payload: unknown) => payload as string).send(picture as string);
        // A Buffer goes out as it is (fastify serialises no Buffer); the schema above only documents it.
        return reply.type('image/png').send(picture as unknown as string);
      }
      const text = format === 'graphml' ? toGraphml(graph, title) : toDot(graph, title);
      return reply
        .type(TEXT_FORMATS[format])
        .serializer((payload: unknown) => payload as string)
        .send(text);
    },
  );

  app.get(
    '/v1/ownership/effective',
    {
      schema: {
        tags: ['ownership'],
        summary: 'Look-through ownership: the share a holder owns of every company, directly and through all chains',
        querystring: EffectiveOwnershipQuerySchema,
        response: { 200: EffectiveOwnershipSchema, ...problemResponses(400, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      const { holder, basis } = request.query;
      return onStakesKnownAt(
        reply,
        request.query,
        (reader, asOf) => computeEffectiveOwnership(reader, holder, asOf, basis),
        () => new HttpProblem(404, `No company with id "${holder}"`),
      );
    },
  );

  app.get(
    '/v1/ownership/effective/explain',
    {
      schema: {
        tags: ['ownership'],
        summary: 'Why a look-through share is what it is: its split into ownership chains and cycles, largest first',
        querystring: ExplainQuerySchema,
        response: { 200: ExplainSchema, ...problemResponses(400, 404, 422, 503) },
      },
    },
    async (request, reply) => {
      const { holder, company, basis } = request.query;
      if (holder === company) throw new HttpProblem(400, 'holder and company must differ (a company’s share of itself is selfOwnershipPercent in GET /v1/ownership/effective)');
      return onStakesKnownAt(
        reply,
        request.query,
        (reader, asOf) => explainEffectiveOwnership(reader, holder, company, asOf, basis),
        async () => new HttpProblem(404, `No company with id "${(await repository.findCompanyName(holder)) === null ? holder : company}"`),
      );
    },
  );

  app.get(
    '/v1/ownership/controller',
    {
      schema: {
        tags: ['ownership'],
        summary: 'The ultimate controller of a company by voting rights, or none with the reason',
        querystring: ControllerQuerySchema,
        response: { 200: ControllerSchema, ...problemResponses(400, 404, 503) },
      },
    },
    async (request, reply) =>
      onStakesKnownAt(
        reply,
        request.query,
        (reader, asOf) => findUltimateController(reader, request.query.company, asOf),
        () => new HttpProblem(404, `No company with id "${request.query.company}"`),
      ),
  );

  app.get(
    '/v1/ownership/ultimate',
    {
      schema: {
        tags: ['ownership'],
        summary: 'The ultimate owners of a company (holders no one in the graph holds) and the unrecorded remainder, adding up to 100%',
        querystring: UltimateOwnersQuerySchema,
        response: { 200: UltimateOwnersSchema, ...problemResponses(400, 404, 422, 429, 503) },
      },
    },
    async (request, reply) =>
      onStakesKnownAt(
        reply,
        request.query,
        (reader, asOf) => findUltimateOwners(reader, request.query.company, asOf, request.query.basis),
        () => new HttpProblem(404, `No company with id "${request.query.company}"`),
      ),
  );
};

export default ownership;
