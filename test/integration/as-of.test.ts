import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../support/graph.js';

/** The graph answers "as of" any date: brand sets and stakes differ across time as the sources say. */
describe('the graph as of a date', () => {
  const g = connect();
  beforeAll(async () => {
    await g.seedAlliance();
  });
  afterAll(() => g.close());

  const brandsAsOf = async (asOf: string) =>
    (
      await g.query(
        `WITH date($asOf) AS d
         MATCH (c:Company)-[m:MEMBER_OF]->(:Alliance {id: "renault-nissan-mitsubishi-alliance"})
         WHERE (m.validFrom IS NULL OR m.validFrom <= d) AND (m.validTo IS NULL OR m.validTo > d)
         MATCH (c)-[o:OWNS_BRAND]->(b:Brand)
         WHERE (o.validFrom IS NULL OR o.validFrom <= d) AND (o.validTo IS NULL OR o.validTo > d)
         RETURN b.name AS brand ORDER BY brand`,
        { asOf },
      )
    ).map((r) => r.brand);

  const stakesAsOf = async (asOf: string) =>
    (
      await g.query(
        `WITH date($asOf) AS d
         MATCH (a:Company)-[s:HOLDS_STAKE]->(b:Company)
         WHERE (s.validFrom IS NULL OR s.validFrom <= d) AND (s.validTo IS NULL OR s.validTo > d)
         RETURN a.id + '>' + b.id AS pair, s.equityPercent AS equity, s.carriesVotes AS votes
         ORDER BY pair, equity`,
        { asOf },
      )
    ).map((r) => `${r.pair} ${r.equity}${r.votes ? '' : ' (no votes)'}`);

  it('1999-03-28, the day after the accord: two members, four brands, Renault 36.8% of Nissan (36.6% by another source)', async () => {
    expect(await brandsAsOf('1999-03-28')).toEqual(['Alpine', 'Infiniti', 'Nissan', 'Renault']);
    expect(await stakesAsOf('1999-03-28')).toEqual(['renault>nissan 36.6', 'renault>nissan 36.8']);
  });

  it('2016-10-21, the day after Mitsubishi Motors joined: ten brands, 43.4% / 15% without votes / 34%', async () => {
    expect(await brandsAsOf('2016-10-21')).toEqual([
      'Alpine', 'Dacia', 'Datsun', 'Infiniti', 'Lada', 'Mitsubishi', 'Nissan', 'Renault', 'Renault Samsung', 'Venucia',
    ]);
    expect(await stakesAsOf('2016-10-21')).toEqual([
      'nissan>mitsubishi-motors 34',
      'nissan>renault 15 (no votes)',
      'nissan>rnaipl 70',
      'renault>nissan 43.4',
      'renault>rnaipl 30',
    ]);
  });

  it('2022-02-08, the article’s date: the same ten brands and stakes', async () => {
    expect(await brandsAsOf('2022-02-08')).toHaveLength(10);
    expect(await stakesAsOf('2022-02-08')).toEqual(await stakesAsOf('2016-10-21'));
  });

  it('today: Datsun still Nissan’s (only its production ended), Lada sold, Renault Samsung renamed; rebalanced, sold-down and amended stakes', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(await brandsAsOf(today)).toEqual(['Alpine', 'Dacia', 'Datsun', 'Infiniti', 'Mitsubishi', 'Nissan', 'Renault', 'Renault Korea', 'Venucia']);
    expect(await stakesAsOf(today)).toEqual([
      'geely-automobile-holdings>renault-korea-motors 34.02',
      'nissan>mitsubishi-motors 24.05',
      'nissan>mitsubishi-motors 27',
      'nissan>renault 15',
      'renault-french-trust-nissan-shares>nissan 18.66 (no votes)',
      'renault>ampere 100',
      'renault>nissan 17.05',
      'renault>rnaipl 100',
    ]);
  });

  it('a changed fact is a new dated statement: the old one is closed, not overwritten', async () => {
    const rows = await g.query(
      `MATCH (:Company {id: "renault"})-[s:HOLDS_STAKE]->(:Company {id: "nissan"})
       RETURN s.equityPercent AS equity, s.validFrom AS validFrom, s.validTo AS validTo ORDER BY validFrom, equity`,
    );
    expect(rows).toEqual([
      { equity: 36.6, validFrom: '1999-03-27', validTo: '2002-03-01' },
      { equity: 36.8, validFrom: '1999-03-27', validTo: '2002-03-01' },
      { equity: 44.4, validFrom: '2002-03-01', validTo: '2014-06-27' },
      { equity: 43.4, validFrom: '2014-06-27', validTo: '2023-11-08' },
      { equity: 15, validFrom: '2023-11-08', validTo: '2024-04-03' },
      { equity: 16.19, validFrom: '2024-04-03', validTo: '2024-10-03' },
      { equity: 17.05, validFrom: '2024-10-03', validTo: null },
    ]);
  });

  it('equity and voting are kept apart: Nissan’s 15% of Renault carried no votes until 2023', async () => {
    const rows = await g.query(
      `MATCH (:Company {id: "nissan"})-[s:HOLDS_STAKE]->(:Company {id: "renault"})
       RETURN s.equityPercent AS equity, s.votingPercent AS voting, s.carriesVotes AS carriesVotes, s.validFrom AS validFrom ORDER BY validFrom`,
    );
    expect(rows).toEqual([
      { equity: 15, voting: 0, carriesVotes: false, validFrom: '2002-03-28' },
      { equity: 15, voting: 15, carriesVotes: true, validFrom: '2023-11-08' },
    ]);
  });
});
