import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DatasetError } from '../../src/services/dataset/read-dataset.js';
import { seedFromFolder } from '../../src/services/dataset/seed.js';
import { PROJECT_ROOT } from '../../src/project-files.js';
import { datasetCopy } from '../support/dataset-copy.js';
import { connect } from '../support/graph.js';

const REL = 'alliance/relationships.yaml';
const FIXTURE = join(PROJECT_ROOT, 'test', 'fixtures', 'datasets', 'made-up-alliance');

describe('seeding', () => {
  const g = connect();
  let baseline: Awaited<ReturnType<typeof g.repositories.dataset.computeContentChecksum>>;
  beforeAll(async () => {
    await g.seedAlliance();
    baseline = await g.repositories.dataset.computeContentChecksum();
  });
  afterAll(async () => {
    await g.seedAlliance();
    await g.close();
  });

  it('loads the whole dataset: 455 entities, 538 sources, 832 relationships, stamped with its version and review date', async () => {
    // Counted with readDataset('data') at commit 68d3097: 455 nodes (119 companies, 63 brands, 66 people, 177 events,
    // 7 alliances and groups, 23 others), 538 sources and 832 relationships over the seven group folders.
    expect(baseline.nodes).toBe(455 + 538);
    expect(baseline.relationships).toBe(832);
    expect(await g.repositories.dataset.getReviewedOn()).toBe('2026-12-05');
    const version = await g.repositories.dataset.getVersion();
    expect(version).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves no node or relationship without a source, and names no unknown source', async () => {
    expect(await g.repositories.dataset.checkIntegrity()).toEqual({ unsourcedNodes: 0, unsourcedRelationships: 0, unknownSources: [] });
  });

  it('is a no-op the second time: nothing changes, counts and checksum equal', async () => {
    const summary = await g.seedAlliance();
    expect(summary.changed).toBe(false);
    for (const counts of [...Object.values(summary.nodes), ...Object.values(summary.relationships)]) {
      expect(counts.created + counts.updated + counts.removed).toBe(0);
    }
    expect(await g.repositories.dataset.computeContentChecksum()).toEqual(baseline);
  });

  it('removes what was dropped from the file and updates what changed, then restores', async () => {
    const edited = datasetCopy({
      file: REL,
      change: (t) => t.replace(/\n {2}- \{ id: renault-owns-alpine, [^\n]*/, '').replace('equityPercent: 43.4', 'equityPercent: 43.5'),
    });
    const summary = await seedFromFolder(g.repositories, edited);
    expect(summary.relationships.OWNS_BRAND).toMatchObject({ removed: 1, created: 0 });
    expect(summary.relationships.HOLDS_STAKE).toMatchObject({ updated: 1, removed: 0 });
    expect(await g.query('MATCH (:Company {id: "renault"})-[o:OWNS_BRAND]->(:Brand {id: "alpine"}) RETURN o')).toHaveLength(0);
    const restored = await g.seedAlliance();
    expect(restored.relationships.OWNS_BRAND).toMatchObject({ created: 1 });
    expect(await g.repositories.dataset.computeContentChecksum()).toEqual(baseline);
  });

  it('leaves the graph exactly as it was when the dataset is malformed', async () => {
    // Nissan's 2016 stake in Mitsubishi Motors is written as a block (it carries a share count): point it at nobody.
    const broken = datasetCopy({
      file: REL,
      change: (t) =>
        t.replace(
          '  - id: nissan-stake-mitsubishi-2016\n    type: HOLDS_STAKE\n    from: nissan\n    to: mitsubishi-motors\n',
          '  - id: nissan-stake-mitsubishi-2016\n    type: HOLDS_STAKE\n    from: nissan\n    to: nobody\n',
        ),
    });
    await expect(seedFromFolder(g.repositories, broken)).rejects.toBeInstanceOf(DatasetError);
    expect(await g.repositories.dataset.computeContentChecksum()).toEqual(baseline);
  });

  it('npm run seed prints a clear error for a malformed dataset, exits 1 and changes nothing', async () => {
    const broken = datasetCopy({ file: REL, change: (t) => t.replace('validTo: 2002-03-01', 'validTo: 2022-13-45') });
    const db = inject('neo4j');
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', broken], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password, NEO4J_DATABASE: db.database },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /The dataset is invalid \(1 problem\):\n {2}.*alliance\/relationships\.yaml at relationships\[3\]\.validTo: must be an ISO date YYYY-MM-DD/,
    );
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(await g.repositories.dataset.computeContentChecksum()).toEqual(baseline);
  });

  it('loads a made-up test alliance with no code change (the loader knows no alliance by name)', async () => {
    const summary = await seedFromFolder(g.repositories, FIXTURE);
    // The made-up alliance replaces all seven Alliance nodes of data/ (the alliance, the Sony–Honda alliance and the
    // five groups: Toyota, Hyundai Motor, Volkswagen, Stellantis, Geely).
    expect(summary.nodes.Alliance).toMatchObject({ created: 1, removed: 7 });
    const members = await g.query('MATCH (c:Company)-[m:MEMBER_OF]->(a:Alliance) RETURN a.name AS alliance, c.name AS member, m.role AS role ORDER BY member');
    expect(members).toEqual([
      { alliance: 'North–South Test Alliance', member: 'Northcar (test)', role: 'founding-member' },
      { alliance: 'North–South Test Alliance', member: 'Southcar (test)', role: 'member' },
    ]);
    expect(await g.query('MATCH (n:Entity) WHERE n.id STARTS WITH "renault" RETURN n')).toHaveLength(0);
    await g.seedAlliance();
    expect(await g.repositories.dataset.computeContentChecksum()).toEqual(baseline);
  });
});
