import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/project-files.js';
import { connect } from '../support/graph.js';

const FIVE_QUESTIONS = '## Five questions about the alliance';

/** The ```cypher blocks of a Markdown text. */
function cypherBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```cypher\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
}

/** The five example queries of the researchers' guide (docs/researchers.md, "Five questions about the alliance"), run over Bolt as a researcher would. */
function guideQueries(): string[] {
  const guide = readFileSync(join(PROJECT_ROOT, 'docs', 'researchers.md'), 'utf8');
  const start = guide.indexOf(FIVE_QUESTIONS);
  if (start < 0) throw new Error(`docs/researchers.md has no "${FIVE_QUESTIONS}" section`);
  const end = guide.indexOf('\n## ', start + FIVE_QUESTIONS.length);
  return cypherBlocks(guide.slice(start, end < 0 ? undefined : end));
}

/** The README's own Cypher example: one block, which must be one of the guide's five (so it is run below too). */
function readmeQueries(): string[] {
  return cypherBlocks(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8'));
}

describe('the example queries of the researchers’ guide and the README answer real questions', () => {
  const g = connect();
  const queries = guideQueries();
  beforeAll(async () => {
    await g.seedAlliance();
  });
  afterAll(() => g.close());

  it('there are five', () => {
    expect(queries).toHaveLength(5);
  });

  it('the README shows one of them, word for word', () => {
    const readme = readmeQueries();
    expect(readme).toHaveLength(1);
    expect(queries).toContain(readme[0]);
  });

  it('1. the members on 2022-02-08 and since when', async () => {
    expect(await g.query(queries[0]!)).toEqual([
      { member: 'Nissan', country: 'JP', role: 'founding-member', since: '1999-03-27' },
      { member: 'Renault', country: 'FR', role: 'founding-member', since: '1999-03-27' },
      { member: 'Mitsubishi Motors', country: 'JP', role: 'member', since: '2016-10-20' },
    ]);
  });

  it('2. the brands each member owned that day: ten in all', async () => {
    const rows = await g.query(queries[1]!);
    expect(rows.map((r) => [r.owner, [...(r.brands as string[])].sort()])).toEqual([
      ['Mitsubishi Motors', ['Mitsubishi']],
      ['Nissan', ['Datsun', 'Infiniti', 'Nissan', 'Venucia']],
      ['Renault', ['Alpine', 'Dacia', 'Lada', 'Renault', 'Renault Samsung']],
    ]);
  });

  it('3. Renault’s stake in Nissan over time', async () => {
    const rows = await g.query(queries[2]!);
    expect(rows.map((r) => r.equity)).toEqual([36.6, 36.8, 44.4, 43.4, 15, 16.19, 17.05]);
    expect(rows[1]!.sources).toContain('chicago-tribune-1999-03-28');
  });

  it('4. the headcount claims side by side', async () => {
    expect(await g.query(queries[3]!)).toEqual([
      { employees: 300000, precision: 'about', reported: '2005-04-29', publisher: 'AFP (via Expatica)' },
      { employees: 420000, precision: 'around', reported: '2022-02-08', publisher: 'Auto Trendy' },
      { employees: 470000, precision: 'more-than', reported: null, publisher: 'Renault-Nissan Alliance' },
    ]);
  });

  it('5. the Alliance 2030 targets by year', async () => {
    const rows = await g.query(queries[4]!);
    expect(rows.map((r) => r.year)).toEqual([2026, 2028, 2028, 2030, 2030]);
    expect(rows.find((r) => r.target === 'Five common EV platforms')!.concerns).toHaveLength(5);
  });
});
