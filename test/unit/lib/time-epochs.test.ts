import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TimeEpochs } from '../../../src/lib/time-epochs.js';
import { CYPHER_QUERIES_DIR } from '../../../src/project-files.js';

describe('time epochs', () => {
  const epochs = new TimeEpochs('v1', ['2016-10-20', '1999-03-27', '2016-10-20', '2023-11-08']);

  it('names the interval of a day by the change dates on or before it', () => {
    expect(epochs.count).toBe(4);
    expect(epochs.intervalOf('1999-03-26')).toBe(0);
    expect(epochs.intervalOf('1999-03-27')).toBe(1);
    expect(epochs.intervalOf('2016-10-19')).toBe(1);
    expect(epochs.intervalOf('2016-10-20')).toBe(2);
    expect(epochs.intervalOf('2020-01-01')).toBe(epochs.intervalOf('2020-01-02'));
    expect(epochs.intervalOf('2099-12-31')).toBe(3);
  });

  it('gives one day of every interval, the day before the first change included', () => {
    const days = epochs.representativeDays();
    expect(days).toEqual(['2023-11-08', '2016-10-20', '1999-03-27', '1999-03-26']);
    expect(new Set(days.map((d) => epochs.intervalOf(d))).size).toBe(epochs.count);
    expect(new TimeEpochs(null, []).representativeDays()).toEqual([]);
    expect(new TimeEpochs(null, []).intervalOf('2020-01-01')).toBe(0);
  });

  // The interval cache is right only while every query compares asOf with stored dates as `stored <= asOf`
  // or `stored > asOf`: an answer then changes only on a stored date. This keeps new queries to that rule.
  it('every query compares asOf with a stored date only as <= or >', () => {
    const dirs = [CYPHER_QUERIES_DIR, join(CYPHER_QUERIES_DIR, 'research')];
    let uses = 0;
    for (const dir of dirs) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.cypher'))) {
        const code = readFileSync(join(dir, file), 'utf8')
          .split('\n')
          .filter((line) => !line.trimStart().startsWith('//'))
          .join('\n');
        for (const match of code.matchAll(/\$asOf/g)) {
          uses += 1;
          const before = code.slice(Math.max(0, match.index - 60), match.index);
          expect(before, `${file}: ${before}$asOf`).toMatch(/[A-Za-z]+ (<=|>) date\($/);
        }
      }
    }
    expect(uses).toBeGreaterThan(20);
  });
});
