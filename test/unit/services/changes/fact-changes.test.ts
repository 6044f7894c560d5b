import { describe, expect, it } from 'vitest';
import { dayBefore } from '../../../../src/services/changes/fact-changes.js';
import { type FactStatement, factChanges } from '../../../support/fact-changes-reference.js';

const stake = (
  id: string,
  equityPercent: number,
  validFrom: string | null,
  validTo: string | null,
  sources = ['s1'],
  extra: Partial<FactStatement> = {},
): FactStatement => ({
  id,
  type: 'HOLDS_STAKE',
  from: 'a',
  fromName: 'A',
  to: 'b',
  toName: 'B',
  equityPercent,
  votingPercent: null,
  carriesVotes: true,
  economicBeneficiary: null,
  role: null,
  title: null,
  via: null,
  validFrom,
  validTo,
  sources,
  ...extra,
});

describe('facts over time', () => {
  it('dayBefore crosses months, years and leap days', () => {
    expect([dayBefore('2024-03-01'), dayBefore('2023-03-01'), dayBefore('2024-01-01'), dayBefore('2016-10-20')]).toEqual([
      '2024-02-29',
      '2023-02-28',
      '2023-12-31',
      '2016-10-19',
    ]);
  });

  it('a day on which a statement follows another with the same values is no change; a value change is', () => {
    const statements = [stake('x1', 10, '2000-01-01', '2005-01-01'), stake('x2', 10, '2005-01-01', '2010-01-01'), stake('x3', 12, '2010-01-01', null)];
    expect(factChanges(statements, '2000-01-01', '2020-01-01').map((c) => [c.date, c.change, c.before?.id ?? null, c.after?.id ?? null])).toEqual([
      ['2000-01-01', 'began', null, 'x1'],
      ['2010-01-01', 'changed', 'x2', 'x3'],
    ]);
    // Bounds are inclusive and nothing outside them shows.
    expect(factChanges(statements, '2000-01-02', '2009-12-31')).toEqual([]);
    expect(factChanges(statements, '2010-01-01', '2010-01-01').map((c) => c.id)).toEqual(['stake:a>b@2010-01-01']);
  });

  it('where statements disagree the best-sourced one stands (ties: smaller id), as in look-through', () => {
    const statements = [
      stake('y-weak', 30, '2001-01-01', '2002-01-01'),
      stake('y-strong', 31, '2001-01-01', '2002-01-01', ['s1', 's2']),
      stake('z', 40, '2002-01-01', null),
    ];
    const changes = factChanges(statements, '2001-01-01', '2002-01-01');
    expect(changes.map((c) => [c.change, c.before?.id ?? null, c.after?.id ?? null])).toEqual([
      ['began', null, 'y-strong'],
      ['changed', 'y-strong', 'z'],
    ]);
  });

  it('an end with nothing after is "ended"; roles are told apart by title', () => {
    const roles: FactStatement[] = [
      { ...stake('r1', 0, '2001-01-01', '2003-01-01'), type: 'HOLDS_ROLE', equityPercent: null, carriesVotes: null, title: 'CEO' },
      { ...stake('r2', 0, '2003-01-01', null), type: 'HOLDS_ROLE', equityPercent: null, carriesVotes: null, title: 'Chairman' },
    ];
    expect(factChanges(roles, '2003-01-01', '2003-01-01').map((c) => [c.id, c.change])).toEqual([
      ['role:a>b:CEO@2003-01-01', 'ended'],
      ['role:a>b:Chairman@2003-01-01', 'began'],
    ]);
  });
});
