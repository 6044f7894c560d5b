import { describe, expect, it } from 'vitest';
import { DatasetError, readDataset } from '../../../../src/services/dataset/read-dataset.js';
import { datasetRows } from '../../../../src/services/dataset/graph-rows.js';
import { DATA_DIR } from '../../../../src/project-files.js';
import { datasetCopy } from '../../../support/dataset-copy.js';

// Dozens of reads of copies that differ in one file: each unchanged file is parsed once.
const parses = new Map<string, unknown>();

const NAMES = 'alliance/names.yaml';
const IDS = 'alliance/identifiers.yaml';

function issuesOf(dir: string) {
  try {
    readDataset(dir, parses);
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return (error as DatasetError).issues.map((i) => `${i.file.split('/').slice(-2).join('/')} ${i.path}: ${i.message}`).join('\n');
  }
  throw new Error('the dataset was accepted');
}

describe('names.yaml and identifiers.yaml', () => {
  it('every name and identifier is sourced and stored on its entity as parallel lists', () => {
    const dataset = readDataset(DATA_DIR, parses);
    expect(dataset.names!.length).toBeGreaterThanOrEqual(20);
    // The other groups bring German (data/volkswagen), English former names and aliases (data/toyota, data/stellantis,
    // data/volkswagen) and Traditional Chinese (data/geely/names.yaml) beside the alliance's six.
    expect(new Set(dataset.names!.map((n) => n.language))).toEqual(new Set(['ja', 'ja-Latn', 'ko', 'ru', 'fr', 'zh-Hans', 'de', 'en', 'zh-Hant']));
    const nissan = datasetRows(dataset).nodes.find((n) => n.id === 'nissan')!.props;
    const i = (nissan.otherNames as string[]).indexOf('日産自動車株式会社');
    expect((nissan.otherNameLanguages as string[])[i]).toBe('ja');
    expect((nissan.otherNameKinds as string[])[i]).toBe('legal');
    expect((nissan.otherNameSources as string[])[i]).toBe('ja-wikipedia-nissan-2012');
    expect(nissan.identifierKeys).toEqual(expect.arrayContaining(['ticker:7201', 'sec-cik:0000800937', 'jp-corporate-number:9020001031109']));
    // Latin readings of Cyrillic names feed the index; Han, kana and Hangul get none.
    const lada = datasetRows(dataset).nodes.find((n) => n.id === 'lada')!.props;
    expect(lada.foldedNames).toEqual(expect.arrayContaining(['Lada', 'AvtoVAZ', 'VAZ']));
    expect(nissan.foldedNames).toBeUndefined();
  });

  it.each([
    [
      'a name of an unknown entity',
      NAMES,
      (t: string) => t.replace('{ entity: venucia, name: 启辰', '{ entity: venusia, name: 启辰'),
      /names\[\d+\]\.entity: unknown node "venusia"/,
    ],
    [
      'a name without a source',
      NAMES,
      (t: string) => t.replace('kind: short, sources: [bbtnews-2013-03-19-venucia] }', 'kind: short, sources: [] }'),
      /every fact needs at least one source/,
    ],
    [
      'a name citing an unknown source',
      NAMES,
      (t: string) => t.replace('sources: [bbtnews-2013-03-19-venucia] }', 'sources: [bbtnews-2013] }'),
      /unknown source "bbtnews-2013"/,
    ],
    [
      'a name listed twice',
      NAMES,
      (t: string) => t.replace('{ entity: lada, name: VAZ,', '{ entity: lada, name: ВАЗ,'),
      /the name "ВАЗ" of "lada" is listed twice/,
    ],
    ['an unknown language tag', NAMES, (t: string) => t.replace('language: zh-Hans', 'language: Chinese'), /must be a BCP 47 language tag/],
    ['a malformed ISIN', IDS, (t: string) => t.replace('value: FR0000131906', 'value: FR000013190'), /is not a well-formed isin value/],
    [
      'an identifier claimed by two entities',
      IDS,
      (t: string) => t.replace("{ entity: mitsubishi-motors, scheme: ticker, value: '7211'", "{ entity: mitsubishi-motors, scheme: ticker, value: '7201'"),
      /the ticker "7201" is listed twice/,
    ],
    ['an unknown scheme', IDS, (t: string) => t.replace('scheme: sec-cik', 'scheme: duns'), /scheme/],
  ])('refuses %s', (_what, file, change, expected) => {
    expect(issuesOf(datasetCopy({ file, change }))).toMatch(expected);
  });
});
