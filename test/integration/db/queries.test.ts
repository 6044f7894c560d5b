import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allQueries, getCompany, listCompanies } from '../../../src/db/queries.generated.js';
import { connect } from '../../support/graph.js';

describe('the typed queries against Neo4j', () => {
  const graph = connect();
  beforeAll(() => graph.seedAlliance());
  afterAll(() => graph.close());

  it('return exactly the columns their headers declare, as Neo4j plans them (EXPLAIN)', async () => {
    const mismatches: string[] = [];
    for (const query of allQueries) {
      const session = graph.driver.session();
      try {
        const result = session.run(`EXPLAIN ${query.text}`, Object.fromEntries(query.params.map((p) => [p.name, null])));
        const keys = [...(await result.keys())].map(String);
        await result;
        const declared = query.columns.map((c) => c.name);
        if (keys.join(',') !== declared.join(',')) mismatches.push(`${query.name}: declares [${declared.join(', ')}], Neo4j returns [${keys.join(', ')}]`);
      } finally {
        await session.close();
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('pass integer parameters as Cypher INTEGER and hand back plain rows', async () => {
    const page = await graph.runner.readOne(listCompanies, { country: 'JP', alliance: null, asOf: '2017-01-01', offset: 0, limit: 1 });
    // 29 companies of data/ are Japanese (country: JP, over all group folders); the first by id is Aisin.
    expect(page).toEqual({ total: 29, items: [expect.objectContaining({ id: 'aisin', name: 'AISIN Corporation' })] });
    const nissan = await graph.runner.readOne(getCompany, { id: 'nissan', asOf: '2017-01-01' });
    const held = nissan!.stakesHeld.map((s) => [(s.company as { id: string }).id, s.equityPercent, s.validFrom]);
    // Statement ids in data/alliance and data/volkswagen: nissan-stake-ara-2014, nissan-stake-dongfeng-motor-co-2003,
    // nissan-stake-mercedes-2010 and its share-count twin -2010-count, nissan-stake-mitsubishi-2016,
    // nissan-stake-renault-2002, nissan-stake-rnaipl-2010, nissan-stake-rntbci (no start date).
    expect(held).toEqual([
      ['alliance-rostec-auto', 17, '2014-06-18'],
      ['dongfeng-motor-co-ltd', 50, '2003-06-09'],
      ['mercedes-benz-group', 1.55, '2010-01-01'],
      ['mercedes-benz-group', 1.54, '2010-01-01'],
      ['mitsubishi-motors', 34, '2016-10-20'],
      ['renault', 15, '2002-03-28'],
      ['rnaipl', 70, '2010-01-01'],
      ['rntbci', 49, null],
    ]);
  });

  it('tag every transaction with the app and the query name, as SHOW TRANSACTIONS shows it', async () => {
    const seen = await graph.runner.readOne(
      {
        ...listCompanies,
        name: 'tag-probe',
        text: 'SHOW TRANSACTIONS YIELD metaData, currentQuery WHERE currentQuery STARTS WITH "SHOW" RETURN metaData AS total, [] AS items',
      },
      { country: null, alliance: null, asOf: '2020-01-01', offset: 0, limit: 1 },
    );
    expect(seen!.total).toMatchObject({ app: expect.stringMatching(/^alliance-knowledge-graph-api@\d+\.\d+\.\d+ tests$/), query: 'tag-probe' });
  });
});
