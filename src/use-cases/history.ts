import type { z } from 'zod';
import { decodeCursor, pageMeta } from '../lib/paging.js';
import { HttpProblem } from '../lib/problem.js';
import { listPage } from '../services/answers/dated-answer.js';
import { includeSources } from '../services/answers/expand-sources.js';
import { findChanges } from '../services/changes/changes-service.js';
import { diffVersions, versionRef } from '../services/versions/versions.js';
import type { ChangesQuerySchema } from '../schemas/changes.js';
import type { TargetListQuerySchema } from '../schemas/targets.js';
import type { PagedIncludeQuerySchema } from '../schemas/common.js';
import type { TimelineQuerySchema } from '../schemas/timeline.js';
import type { VersionDiffParamsSchema, VersionsQuerySchema } from '../schemas/versions.js';
import type { UseCaseDeps } from './deps.js';
import { throwCycleAs422 } from './ownership.js';

/** What happened when: the timeline, targets by year, changes between two days, and the dataset's versions. */

/** A span whose first bound is after its last: a 400 naming both parameters. */
const rangeProblem = (first: string, last: string, detail: string) =>
  new HttpProblem(400, detail, { errors: [{ location: 'querystring', path: first, message: `must not be after ${last}` }] });

export function listTimeline({ repositories: r }: UseCaseDeps, input: z.infer<typeof TimelineQuerySchema>) {
  const from = input.from ?? null;
  const to = input.to ?? null;
  if (from && to && from > to) throw rangeProblem('from', 'to', `from ${from} is after to ${to}`);
  return listPage(input, r.sources, (offset, limit) => r.timeline.listTimeline(from, to, offset, limit, input.alliance ?? null), {
    from,
    to,
    alliance: input.alliance,
  });
}

export function listTargets({ repositories: r }: UseCaseDeps, input: z.infer<typeof PagedIncludeQuerySchema> & z.infer<typeof TargetListQuerySchema>) {
  const { fromYear, toYear, kind, subject } = input;
  if (fromYear !== undefined && toYear !== undefined && fromYear > toYear)
    throw rangeProblem('fromYear', 'toYear', `fromYear ${fromYear} is after toYear ${toYear}`);
  return listPage(input, r.sources, (offset, limit) => r.targets.listTargets({ fromYear, toYear, kind, subject }, offset, limit));
}

export async function findChangesBetween({ repositories: r }: UseCaseDeps, input: z.infer<typeof ChangesQuerySchema>) {
  const { from, to, limit, include } = input;
  if (from > to) throw rangeProblem('from', 'to', `from ${from} is after to ${to}`);
  const entity = input.entity ?? null;
  const kind = input.kind ?? null;
  const offset = decodeCursor(input.cursor);
  const [answer, latest] = await Promise.all([
    throwCycleAs422(findChanges(r.changes, r.ownership, { from, to, entity, kind, offset, limit })),
    r.versions.findLatestVersion(),
  ]);
  const dataVersion = latest ? versionRef(latest) : null;
  return includeSources(
    { from, to, dataVersion, entity, kind, ...pageMeta(answer.total, offset, limit), items: answer.items, derived: answer.derived },
    include,
    r.sources,
  );
}

const changeCounts = (counts: number[] | null | undefined) => {
  const [created = 0, corrected = 0, removed = 0] = counts ?? [];
  return { created, corrected, removed };
};

export async function listVersions({ repositories: r }: UseCaseDeps, input: z.infer<typeof VersionsQuerySchema>) {
  const all = await r.versions.listVersions();
  const offset = decodeCursor(input.cursor);
  const items = all.slice(offset, offset + input.limit).map((v) => ({
    ...versionRef(v),
    message: v.message ?? null,
    files: v.files,
    nodeCount: v.nodeCount,
    relationshipCount: v.relationshipCount,
    nodes: changeCounts(v.nodeChanges),
    relationships: changeCounts(v.relationshipChanges),
  }));
  return { current: all[0] ? versionRef(all[0]) : null, ...pageMeta(all.length, offset, input.limit), items };
}

export async function diffDatasetVersions({ repositories: r }: UseCaseDeps, input: z.infer<typeof VersionDiffParamsSchema>) {
  const a = Number(input.a);
  const b = Number(input.b);
  const all = await r.versions.listVersions();
  const find = (n: number) => {
    const v = all.find((x) => x.number === n);
    if (!v) throw new HttpProblem(404, `No dataset version ${n}`);
    return v;
  };
  const [va, vb] = [find(a), find(b)];
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  const [retracted, live] = await Promise.all([r.versions.listRetracted(lo, hi), r.dataset.exportGraph()]);
  return { from: versionRef(va), to: versionRef(vb), items: diffVersions(a, b, all, retracted, live) };
}
