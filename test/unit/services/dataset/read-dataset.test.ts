import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, readDataset } from '../../../../src/services/dataset/read-dataset.js';
import { DATA_DIR, PROJECT_ROOT } from '../../../../src/project-files.js';
import { datasetCopy } from '../../../support/dataset-copy.js';

// Dozens of reads of copies that differ in one file: each unchanged file is parsed once.
const parses = new Map<string, unknown>();

const REL = 'alliance/relationships.yaml';
const ENT = 'alliance/entities.yaml';

function issuesOf(dir: string) {
  try {
    readDataset(dir, parses);
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return (error as DatasetError).issues.map((i) => `${i.file.split('/').slice(-2).join('/')} ${i.path}: ${i.message}`);
  }
  throw new Error('the dataset was accepted');
}

describe('readDataset on the alliance dataset', () => {
  it('accepts data/ and gives a stable content hash', () => {
    const a = readDataset(DATA_DIR, parses);
    const b = readDataset(datasetCopy(), parses);
    expect(a.version).toMatch(/^[0-9a-f]{64}$/);
    expect(b.version).toBe(a.version);
    expect(a.nodes.filter((n) => n.label === 'Company').map((n) => n.id)).toContain('mitsubishi-motors');
  });

  it('gives the same dataset from kept parses as from fresh ones, and never changes a kept parse', () => {
    const kept = new Map<string, unknown>();
    const fresh = readDataset(DATA_DIR, kept);
    const snapshot = structuredClone([...kept.values()]);
    expect(kept.size).toBeGreaterThan(10);
    expect(readDataset(DATA_DIR, kept)).toEqual(fresh);
    expect([...kept.values()]).toEqual(snapshot);
  });

  it('changes the hash when a fact changes', () => {
    const changed = datasetCopy({ file: REL, change: (t) => t.replace('equityPercent: 43.4', 'equityPercent: 43.5') });
    expect(readDataset(changed, parses).version).not.toBe(readDataset(DATA_DIR, parses).version);
  });
});

describe('readDataset rejects a malformed dataset with file, path and reason', () => {
  it.each([
    ['a YAML syntax error', REL, (t: string) => t.replace('relationships:', 'relationships: [oops'), /alliance\/relationships.yaml : cannot be parsed: /],
    [
      'a wrong type',
      REL,
      (t: string) => t.replace('equityPercent: 36.8', 'equityPercent: lots'),
      /alliance\/relationships.yaml relationships\[\d+\]\.equityPercent: /,
    ],
    ['a percentage over 100', REL, (t: string) => t.replace('equityPercent: 36.8', 'equityPercent: 136.8'), /\.equityPercent: Too big/],
    ['an impossible date', REL, (t: string) => t.replace('validTo: 2002-03-01', 'validTo: 2022-13-45'), /\.validTo: must be an ISO date YYYY-MM-DD/],
    [
      'a misspelt field',
      ENT,
      (t: string) => t.replace('    country: FR\n    kind: automaker', '    countyr: FR\n    kind: automaker'),
      /alliance\/entities.yaml nodes\[\d+\]: Unrecognized key: "countyr"/,
    ],
    ['an unknown label', ENT, (t: string) => t.replace('label: Platform\n    name: CMF-AEV', 'label: Platfrom\n    name: CMF-AEV'), /nodes\[\d+\]\.label: /],
    [
      'a fact without a source',
      ENT,
      (t: string) => t.replace(/ {4}segment: premium\n {4}sources: \[.*\]/, '    segment: premium\n    sources: []'),
      /\.sources: every fact needs at least one source/,
    ],
    ['a non-kebab id', ENT, (t: string) => t.replace('id: cmf-aev', 'id: CMF AEV'), /\.id: must be a kebab-case id/],
    [
      'duplicate keys in a mapping',
      ENT,
      (t: string) => t.replace('    segment: premium\n', '    segment: premium\n    segment: luxury\n'),
      /cannot be parsed: Map keys must be unique/,
    ],
  ])('%s', (_what, file, change, expected) => {
    const issues = issuesOf(datasetCopy({ file, change }));
    expect(issues.join('\n')).toMatch(expected);
  });
});

describe('readDataset catches broken references', () => {
  it.each([
    // nissan-stake-mitsubishi-2016 is written as a block mapping (one field a line) since the share ledger came in.
    [
      'a stake to an unknown company',
      (t: string) =>
        t.replace(
          '    from: nissan\n    to: mitsubishi-motors\n    equityPercent: 34\n',
          '    from: nissan\n    to: mitsubishi-motor\n    equityPercent: 34\n',
        ),
      /relationships\[\d+\]\.to: unknown node "mitsubishi-motor"/,
    ],
    [
      'an unknown source id',
      (t: string) => t.replace('sources: [hbr-2002-01-ghosn]', 'sources: [hbr-2002-01-ghosm]'),
      /\.sources\[0\]: unknown source "hbr-2002-01-ghosm"/,
    ],
    [
      'a relationship between the wrong labels',
      (t: string) => t.replace('type: OWNS_BRAND, from: renault, to: dacia', 'type: OWNS_BRAND, from: renault, to: nissan'),
      /OWNS_BRAND cannot end at a Company \("nissan"\)/,
    ],
    [
      'a period that ends before it starts',
      (t: string) => t.replace('validFrom: 2013-07-15, validTo: null', 'validFrom: 2023-07-15, validTo: 2022-04-20'),
      /validTo 2022-04-20 is not after validFrom 2023-07-15/,
    ],
    ['a duplicate id', (t: string) => t.replace('id: renault-owns-alpine,', 'id: renault-owns-dacia,'), /duplicate id "renault-owns-dacia"/],
    [
      'an unknown economic beneficiary',
      (t: string) => t.replace('economicBeneficiary: renault\n    validFrom: 2023-11-08', 'economicBeneficiary: renaud\n    validFrom: 2023-11-08'),
      /economicBeneficiary: unknown node "renaud"/,
    ],
  ])('%s', (_what, change, expected) => {
    expect(issuesOf(datasetCopy({ file: REL, change })).join('\n')).toMatch(expected);
  });

  it('refuses a missing or empty folder', () => {
    expect(() => readDataset(join(PROJECT_ROOT, 'no-such-folder'), parses)).toThrow(/no such dataset folder/);
    expect(() => readDataset(join(PROJECT_ROOT, 'cypher'), parses)).toThrow(/no \.yaml, \.yml or \.json files/);
  });
});
