import { describe, expect, it } from 'vitest';
import type { GraphContent, NodeRow, RelationshipRow } from '../../../../src/repositories/dataset-repository.js';
import type { RetractedRow, StakeStatementRow, VersionRow } from '../../../../src/repositories/version-repository.js';
import { datasetRows } from '../../../../src/services/dataset/graph-rows.js';
import { readDataset } from '../../../../src/services/dataset/read-dataset.js';
import { DATA_DIR } from '../../../../src/project-files.js';
import { planSeed } from '../../../../src/services/dataset/seed.js';
import { diffVersions, resolveKnownAt, stakesKnownAt, stateAt } from '../../../../src/services/versions/versions.js';

const version = (number: number, loadedAt: string, lists: Partial<VersionRow> = {}): VersionRow => ({
  number,
  hash: `${number}`.repeat(64).slice(0, 64),
  loadedAt,
  message: null,
  files: [],
  nodeCount: 0,
  relationshipCount: 0,
  nodeChanges: [0, 0, 0],
  relationshipChanges: [0, 0, 0],
  nodesCreated: [],
  nodesUpdated: [],
  nodesRemoved: [],
  relationshipsCreated: [],
  relationshipsUpdated: [],
  relationshipsRemoved: [],
  ...lists,
});
const stake = (id: string, equityPercent: number): StakeStatementRow => ({
  id,
  holder: 'a',
  holderName: 'A',
  company: 'b',
  companyName: 'B',
  equityPercent,
  votingPercent: null,
  carriesVotes: true,
  economicBeneficiary: null,
  validFrom: null,
  validTo: null,
  sources: ['s'],
});
const retracted = (statementId: string, props: object, since: number, until: number): RetractedRow => ({
  statementId,
  kind: 'relationship',
  type: 'HOLDS_STAKE',
  from: 'a',
  to: 'b',
  props: JSON.stringify(props),
  since,
  until,
});

// Version 1 loads x (10%); version 2 corrects x to 12% and adds y; version 3 removes y.
const VERSIONS = [
  version(1, '2026-01-01T00:00:00.000Z'),
  version(2, '2026-02-01T00:00:00.000Z', { relationshipsUpdated: ['x'], relationshipsCreated: ['y'] }),
  version(3, '2026-03-01T00:00:00.000Z', { relationshipsRemoved: ['y'] }),
];
const RETRACTED = [retracted('x', { id: 'x', equityPercent: 10, sources: ['s'] }, 0, 2), retracted('y', { id: 'y', equityPercent: 5, sources: ['s'] }, 2, 3)];
const LIVE = [stake('x', 12)];

describe('dataset versions', () => {
  it('knownAt names a version by number, hash, date or timestamp; the latest loaded by then', () => {
    expect(resolveKnownAt(VERSIONS, '2').number).toBe(2);
    expect(resolveKnownAt(VERSIONS, VERSIONS[0]!.hash).number).toBe(1);
    expect(resolveKnownAt(VERSIONS, '2026-02-15').number).toBe(2);
    expect(resolveKnownAt(VERSIONS, '2026-02-01').number).toBe(2); // a date means its end
    expect(resolveKnownAt(VERSIONS, '2026-01-31T23:59:59Z').number).toBe(1);
    expect(() => resolveKnownAt(VERSIONS, '2025-12-31')).toThrow(/No dataset version/);
    expect(() => resolveKnownAt(VERSIONS, '7')).toThrow(/No dataset version/);
    expect(() => resolveKnownAt(VERSIONS, 'soon')).toThrow(/knownAt/);
  });

  it('the stakes as each version held them: the old value before the correction, the removed stake only while it stood', () => {
    const at = (k: number) => stakesKnownAt(k, LIVE, RETRACTED, VERSIONS).map((s) => [s.id, s.equityPercent]);
    expect(at(1)).toEqual([['x', 10]]);
    expect(at(2)).toEqual([
      ['x', 12],
      ['y', 5],
    ]);
    expect(at(3)).toEqual([['x', 12]]);
  });

  it('a statement at a version: retracted while it stood, live once written, none before or after', () => {
    const live = { type: 'HOLDS_STAKE', from: 'a', to: 'b', props: { id: 'x', equityPercent: 12 } };
    expect(stateAt(1, 'relationship', 'x', live, RETRACTED, VERSIONS)?.props.equityPercent).toBe(10);
    expect(stateAt(2, 'relationship', 'x', live, RETRACTED, VERSIONS)).toBe(live);
    expect(stateAt(1, 'relationship', 'y', undefined, RETRACTED, VERSIONS)).toBeNull();
    expect(stateAt(3, 'relationship', 'y', undefined, RETRACTED, VERSIONS)).toBeNull();
  });

  it('the diff lists what differs between two versions, whichever way round', () => {
    const live = {
      nodes: [] as NodeRow[],
      relationships: [{ id: 'x', type: 'HOLDS_STAKE', from: 'a', to: 'b', props: { id: 'x', equityPercent: 12 } }] as RelationshipRow[],
    };
    expect(diffVersions(1, 2, VERSIONS, RETRACTED, live).map((d) => [d.id, d.change])).toEqual([
      ['x', 'corrected'],
      ['y', 'added'],
    ]);
    expect(diffVersions(1, 3, VERSIONS, RETRACTED, live).map((d) => [d.id, d.change])).toEqual([['x', 'corrected']]);
    expect(diffVersions(2, 3, VERSIONS, RETRACTED, live).map((d) => [d.id, d.change])).toEqual([['y', 'removed']]);
    expect(diffVersions(3, 1, VERSIONS, RETRACTED, live).map((d) => [d.id, d.change, d.after?.props.equityPercent])).toEqual([['x', 'corrected', 10]]);
  });
});

describe('seeding records versions', () => {
  // The whole dataset: data/alliance alone now points at nodes of other groups (Honda, Geely) and no longer reads on its own.
  const dataset = readDataset(DATA_DIR);
  const empty: GraphContent = { version: null, latestVersionNumber: null, nodes: new Map(), relationships: new Map() };

  it('a load into an empty graph is version 1 with its counts, and keeps no id lists', () => {
    const { writes } = planSeed(dataset, empty, { message: 'first', now: new Date('2026-01-01T00:00:00Z') });
    expect(writes.version).toMatchObject({
      number: 1,
      hash: dataset.version,
      loadedAt: '2026-01-01T00:00:00.000Z',
      message: 'first',
      relationshipsCreated: [],
    });
    expect(writes.version!.relationshipChanges).toEqual([writes.version!.relationshipCount, 0, 0]);
    expect(writes.retractions).toEqual([]);
  });

  it('the same content again records nothing; a correction records the next version and retracts the old statement', () => {
    const rows = datasetRows(dataset);
    const loaded: GraphContent = {
      version: dataset.version,
      latestVersionNumber: 4,
      nodes: new Map([...rows.sources, ...rows.nodes].map((n) => [n.id, n])),
      relationships: new Map(rows.relationships.map((r) => [r.id, r])),
    };
    const same = planSeed(dataset, loaded);
    expect([same.writes.version, same.writes.retractions, same.result.versionNumber]).toEqual([null, [], null]);
    const old = loaded.relationships.get('renault-stake-nissan-2014')!;
    const corrected = { ...loaded, relationships: new Map(loaded.relationships).set(old.id, { ...old, props: { ...old.props, equityPercent: 43.7 } }) };
    const plan = planSeed(dataset, corrected);
    expect(plan.writes.version).toMatchObject({ number: 5, relationshipsUpdated: ['renault-stake-nissan-2014'], relationshipChanges: [0, 1, 0] });
    expect(plan.writes.retractions).toHaveLength(1);
    expect(JSON.parse(plan.writes.retractions[0]!.props).equityPercent).toBe(43.7);
  });
});
