import { z } from 'zod';
import { IdSchema, IsoDate, PageMetaSchema, PagingQuerySchema, SourcesFieldSchema } from './common.js';
import { DataVersionFieldSchema } from './versions.js';

export const ChangeKindSchema = z.enum(['stake', 'brand', 'membership', 'role', 'plan', 'target']);

export const ChangesQuerySchema = PagingQuerySchema.extend({
  from: IsoDate.describe('First day (inclusive): a change on this day compares it with the day before'),
  to: IsoDate.describe('Last day (inclusive)'),
  entity: IdSchema.optional().describe('Only facts with this company, brand, alliance, person, plan or target at one end'),
  kind: ChangeKindSchema.optional().describe('Only this kind of fact'),
  include: z.enum(['sources']).optional(),
});

const Party = z.object({ id: IdSchema, name: z.string() });

export const StatementValueSchema = z
  .object({
    id: IdSchema.describe('The statement (relationship id) that held'),
    equityPercent: z.number().nullable(),
    votingPercent: z.number().nullable(),
    carriesVotes: z.boolean().nullable(),
    economicBeneficiary: IdSchema.nullable(),
    role: z.string().nullable(),
    title: z.string().nullable(),
    via: z.string().nullable(),
    validFrom: IsoDate.nullable(),
    validTo: IsoDate.nullable(),
    sources: SourcesFieldSchema,
  })
  .meta({ id: 'StatementValue', description: 'A fact as one statement gives it (where sources disagree on a day, the best-sourced statement)' });

export const ChangeEventSchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    kind: z.string(),
    occurredOn: IsoDate,
    link: z
      .enum(['changes', 'same-day'])
      .describe('changes: the event lists the new statement in its `changes`; same-day: it happened that day and involves one end of the fact'),
    sources: SourcesFieldSchema,
  })
  .meta({ id: 'ChangeEvent' });

export const ChangeSchema = z
  .object({
    id: z.string().describe('Stable: "<kind>:<from>><to>[:<title>]@<date>"'),
    date: IsoDate.describe('The first day the new state held'),
    kind: ChangeKindSchema,
    change: z.enum(['began', 'ended', 'changed']),
    from: Party.describe('The holder, owner, member, person, or the alliance or company that holds the plan or target'),
    to: Party,
    before: StatementValueSchema.nullable().describe('As it stood the day before (null: the fact did not hold)'),
    after: StatementValueSchema.nullable().describe('As it stood that day (null: the fact no longer held)'),
    events: z.array(ChangeEventSchema),
  })
  .meta({ id: 'Change', description: 'One fact that began, ended or changed value on a day' });

export const DerivedOwnershipChangeSchema = z.object({
  holder: Party,
  company: Party,
  basis: z.enum(['equity', 'voting']),
  beforePercent: z.number().describe('Net look-through share (as GET /v1/ownership/effective’s netPercent) the day before from'),
  afterPercent: z.number().describe('Net look-through share on to'),
  integratedBeforePercent: z.number().describe('The integrated (Leontief) share the day before from, as integratedPercent'),
  integratedAfterPercent: z.number().describe('The integrated share on to'),
});

export const DerivedControllerChangeSchema = z.object({
  company: Party,
  before: Party.nullable().describe('Ultimate controller the day before from (null: none)'),
  after: Party.nullable().describe('Ultimate controller on to (null: none)'),
});

export const ChangesSchema = z
  .object({
    from: IsoDate,
    to: IsoDate,
    dataVersion: DataVersionFieldSchema,
    entity: IdSchema.nullable(),
    kind: ChangeKindSchema.nullable(),
    ...PageMetaSchema,
    items: z.array(ChangeSchema).describe('By date, then id'),
    derived: z
      .object({
        before: IsoDate.describe('The day before from'),
        after: IsoDate.describe('The to day'),
        ownership: z.array(DerivedOwnershipChangeSchema).describe('For every member company (on either day) as holder, the look-through shares that differ'),
        controllers: z.array(DerivedControllerChangeSchema).describe('The member companies whose ultimate controller differs'),
      })
      .describe('What the changes did to the computed answers, the day before from against to (with entity: only rows naming it)'),
  })
  .meta({
    id: 'Changes',
    description: 'What changed between two days: facts with their values before and after, the events behind them, and the derived look-through and control',
  });

export type Change = z.infer<typeof ChangeSchema>;
export type ChangeKind = z.infer<typeof ChangeKindSchema>;
export type StatementValue = z.infer<typeof StatementValueSchema>;
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;
