import { describe, expect, it } from 'vitest';
import { indexIdsByFile, ledgerFiguresOf, numbersIn, unquotedFigures } from '../../../../src/services/dataset/evidence.js';
import { readDataset } from '../../../../src/services/dataset/read-dataset.js';
import { checkDatasetRules } from '../../../../src/services/dataset/rules.js';
import type { Dataset } from '../../../../src/schemas/dataset.js';
import { DATA_DIR } from '../../../../src/project-files.js';

// The whole data folder: data/alliance alone no longer loads, since its stakes and joint companies point at nodes
// defined in the other groups' folders (honda, zhejiang-geely-holding-group).
const dataset = readDataset(DATA_DIR);
// A derivation (sharesDerivation, derivation) may work from the share ledger's own counts, as npm run data:check allows.
const ledger = ledgerFiguresOf(dataset.relationships, dataset.shareCapital ?? []);

describe('the whole dataset (every group) keeps its consistency rules', () => {
  it('breaks none of them (each error would name file, id and rule)', () => {
    const files = indexIdsByFile(DATA_DIR);
    expect(checkDatasetRules(dataset, (id) => files.get(id) ?? '?')).toEqual([]);
  });

  it('states its review date', () => {
    expect(dataset.reviewedOn).toBe('2026-12-05');
  });

  it('every figure a quoted claim states appears in one of its quotes', () => {
    const failures = [...dataset.nodes, ...dataset.relationships, ...(dataset.shareCapital ?? [])]
      .map((c) => ({ id: c.id, missing: unquotedFigures(c, ledger) }))
      .filter((f) => f.missing.length > 0);
    expect(failures).toEqual([]);
  });

  it('every stake carries at least one quote (but HBR’s 36.6% and Nikkan’s about 27%, whose pages were not read again)', () => {
    const unquoted = dataset.relationships
      .filter((r) => r.type === 'HOLDS_STAKE' && r.id !== 'renault-stake-nissan-1999-hbr' && (r.citations ?? []).length === 0)
      .map((r) => r.id);
    // Nikkan Jidosha's "about 27%" (like HBR's 36.6%, left out above) cites a page whose text was not read again in this review.
    expect(unquoted.sort()).toEqual(['nissan-stake-mitsubishi-2024-nikkan']);
  });
});

describe('the rules catch what they are for', () => {
  const base = (): Dataset => structuredClone(dataset);
  const rules = (d: Dataset) => checkDatasetRules(d).map((v) => `${v.id} ${v.rule}`);

  it('two figures for one claim at once (same holder, company and source)', () => {
    const d = base();
    const copy = structuredClone(d.relationships.find((r) => r.id === 'trust-stake-nissan-2024-03')!);
    if (copy.type === 'HOLDS_STAKE') copy.equityPercent = 20;
    d.relationships.push({ ...copy, id: 'trust-stake-nissan-copy' });
    (d.nodes.find((n) => n.id === 'trust-second-sale-2024') as { changes: string[] }).changes.push('trust-stake-nissan-copy');
    expect(rules(d)).toContain('trust-stake-nissan-copy no-overlap');
  });

  it('more than 100% of a company on one day', () => {
    const d = base();
    const stake = d.relationships.find((r) => r.id === 'renault-stake-rnaipl-2025')!;
    d.relationships.push({ ...stake, id: 'nissan-stake-rnaipl-again', from: 'nissan', sources: ['pti-2025-08-01-rnaipl'], citations: [] });
    (d.nodes.find((n) => n.id === 'renault-completes-rnaipl-2025') as { changes: string[] }).changes.push('nissan-stake-rnaipl-again');
    expect(rules(d)).toContain('renault-stake-rnaipl-2025 equity-total');
  });

  it('a stake change without its event, a sale without its stake, a reversed period, a fact after the review', () => {
    const d = base();
    (d.nodes.find((n) => n.id === 'trust-third-sale-2024') as { changes: string[] }).changes = [];
    const role = d.relationships.find((r) => r.id === 'kato-ceo-mitsubishi')!;
    role.validTo = '2019-01-01';
    d.reviewedOn = '2025-01-01';
    const found = rules(d);
    expect(found).toContain('trust-stake-nissan-2024-09 stake-event');
    expect(found).toContain('trust-third-sale-2024 sale-names-stake');
    expect(found).toContain('kato-ceo-mitsubishi period-order');
    expect(found).toContain('renault-completes-rnaipl-2025 after-review');
  });
});

describe('numbers in quotes, in any usual spelling', () => {
  it.each([
    ['17.05 %', 17.05],
    ['17,05%', 17.05],
    ['23 billion euros', 23e9],
    ['€23bn', 23e9],
    ['up to 100,242,900 Nissan shares', 100242900],
    ['44.358 343 actions', 44358343],
    ['up to €600-million', 600e6],
  ])('%s states %d', (text, n) => {
    expect(numbersIn(text).some((x) => Math.abs(x - n) < 1e-9)).toBe(true);
  });

  it('a figure no quote states is reported', () => {
    const claim = structuredClone(dataset.relationships.find((r) => r.id === 'trust-stake-nissan-2024-03')!);
    if (claim.type === 'HOLDS_STAKE') claim.equityPercent = 21.5;
    expect(unquotedFigures(claim, ledger)).toEqual([21.5]);
  });
});
