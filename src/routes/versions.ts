import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { decodeCursor, pageMeta } from '../lib/paging.js';
import { HttpProblem } from '../lib/problem.js';
import { diffVersions, versionRef } from '../services/versions/versions.js';
import { problemResponses } from '../schemas/problem.js';
import { VersionDiffParamsSchema, VersionDiffSchema, VersionsQuerySchema, VersionsSchema } from '../schemas/versions.js';

const changeCounts = (counts: number[] | null | undefined) => {
  const [created = 0, corrected = 0, removed = 0] = counts ?? [];
  return { created, corrected, removed };
};

const versions: FastifyPluginAsyncZod = async (app) => {
  const repository = app.repositories.versions;

  app.get(
    '/v1/versions',
    {
      schema: {
        tags: ['versions'],
        summary: 'The dataset versions: every load of data/ that changed the graph, newest first',
        querystring: VersionsQuerySchema,
        response: { 200: VersionsSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => {
      const all = await repository.listVersions();
      const offset = decodeCursor(request.query.cursor);
      const items = all.slice(offset, offset + request.query.limit).map((v) => ({
        ...versionRef(v),
        message: v.message ?? null,
        files: v.files,
        nodeCount: v.nodeCount,
        relationshipCount: v.relationshipCount,
        nodes: changeCounts(v.nodeChanges),
        relationships: changeCounts(v.relationshipChanges),
      }));
      return { current: all[0] ? versionRef(all[0]) : null, ...pageMeta(all.length, offset, request.query.limit), items };
    },
  );

  app.get(
    '/v1/versions/:a/diff/:b',
    {
      schema: {
        tags: ['versions'],
        summary: 'What the corrections between two dataset versions changed: statements added, corrected (before and after) and removed',
        params: VersionDiffParamsSchema,
        response: { 200: VersionDiffSchema, ...problemResponses(400, 404, 414, 503) },
      },
    },
    async (request) => {
      const a = Number(request.params.a);
      const b = Number(request.params.b);
      const all = await repository.listVersions();
      const find = (n: number) => {
        const v = all.find((x) => x.number === n);
        if (!v) throw new HttpProblem(404, `No dataset version ${n}`);
        return v;
      };
      const [va, vb] = [find(a), find(b)];
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const [retracted, live] = await Promise.all([repository.listRetracted(lo, hi), app.repositories.dataset.exportGraph()]);
      return { from: versionRef(va), to: versionRef(vb), items: diffVersions(a, b, all, retracted, live) };
    },
  );
};

export default versions;
