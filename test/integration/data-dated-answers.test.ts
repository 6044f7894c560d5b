import { describe, expect, it } from 'vitest';
import { useSeededApi } from '../support/api.js';
import { RENAULT_DIRECT_IN_NISSAN, TRUST_IN_NISSAN } from '../support/same-answers.js';

/** The dated answers the 2026 data review corrected, asked of the API on a day inside each period. */
describe('dated answers from the API', () => {
  const { get } = useSeededApi();

  const holdersOf = async (company: string, asOf: string) => {
    const { status, body } = await get(`/v1/companies/${company}?asOf=${asOf}`);
    expect(status).toBe(200);
    return body.stakesIn.map((s: any) => [s.holder.id, s.equityPercent]).sort();
  };
  const equityOf = async (holder: string, company: string, asOf: string) =>
    (await holdersOf(company, asOf)).filter(([id]: [string]) => id === holder).map(([, pct]: [string, number]) => pct);

  it.each(TRUST_IN_NISSAN)('the French trust holds %s: %d% of Nissan', async (asOf, pct) => {
    expect(await equityOf('renault-french-trust-nissan-shares', 'nissan', asOf)).toEqual([pct]);
  });

  it('every answer carries the dataset’s review date in its metadata (the dataset-reviewed-on header)', async () => {
    for (const url of ['/v1/companies/nissan', '/v1/people', '/v1/timeline?limit=1']) {
      expect((await get(url)).headers['dataset-reviewed-on']).toBe('2026-12-05');
    }
  });

  it('the trust holds nothing before the rebalanced alliance came into force', async () => {
    expect(await equityOf('renault-french-trust-nissan-shares', 'nissan', '2023-11-07')).toEqual([]);
  });

  it.each(RENAULT_DIRECT_IN_NISSAN)('Renault directly holds, on %s, %j% of Nissan', async (asOf, pcts) => {
    expect((await equityOf('renault', 'nissan', asOf)).sort()).toEqual(pcts);
  });

  it('Ampere: none before 1 November 2023, then wholly Renault’s to today (Nissan and Mitsubishi never invested)', async () => {
    expect((await get('/v1/companies/ampere?asOf=2023-10-31')).body.stakesIn).toEqual([]);
    expect(await holdersOf('ampere', '2023-11-01')).toEqual([['renault', 100]]);
    expect(await holdersOf('ampere', '2025-06-01')).toEqual([['renault', 100]]);
    expect(await holdersOf('ampere', '2026-11-26')).toEqual([['renault', 100]]);
  });

  it('RNAIPL: Nissan 70 / Renault 30 from 2010, 51 / 49 from 2023, Renault alone from 1 August 2025', async () => {
    expect(await holdersOf('rnaipl', '2015-06-01')).toEqual([
      ['nissan', 70],
      ['renault', 30],
    ]);
    expect(await holdersOf('rnaipl', '2024-06-01')).toEqual([
      ['nissan', 51],
      ['renault', 49],
    ]);
    expect(await holdersOf('rnaipl', '2025-07-31')).toEqual([
      ['nissan', 51],
      ['renault', 49],
    ]);
    expect(await holdersOf('rnaipl', '2025-08-01')).toEqual([['renault', 100]]);
  });

  it('include=sources gives each source with the quotes the claim takes from it, and the day it was read', async () => {
    const { body } = await get('/v1/companies/nissan?asOf=2024-06-01&include=sources');
    const trust = body.stakesIn.find((s: any) => s.holder.id === 'renault-french-trust-nissan-shares');
    expect(trust.id).toBe('trust-stake-nissan-2024-03');
    const cited = trust.sources.find((s: any) => s.id === 'justauto-2024-09-26-third-sale');
    expect(cited).toMatchObject({ publisher: 'Just Auto', url: 'https://www.just-auto.com/news/renault-to-sell-more-nissan-shares/' });
    expect(cited.quotes).toEqual([{ quote: 'The shares to be sold are part of the 22.73% of Nissan’s capital held by a French trust', readOn: '2026-11-26' }]);
    // Without include, sources stay ids.
    const plain = await get('/v1/companies/nissan?asOf=2024-06-01');
    expect(plain.body.stakesIn.find((s: any) => s.id === 'trust-stake-nissan-2024-03').sources).toContain('justauto-2024-09-26-third-sale');
  });
});
