import { z } from 'zod';
import { EVENT_KINDS } from './dataset.js';
import { EntityRefSchema, IdSchema, IsoDate, PagingQuerySchema, SourcesFieldSchema } from './common.js';

export const TimelineQuerySchema = PagingQuerySchema.extend({
  from: IsoDate.optional().describe('First day to include'),
  to: IsoDate.optional().describe('Last day to include'),
  alliance: IdSchema.optional().describe('Only entries about this alliance or group, its members (in any period) and their brands'),
  include: z.enum(['sources']).optional(),
});

export const TimelineEntrySchema = z
  .object({
    id: z.string().describe('Stable: "event:<id>", "start:<relationship id>", "end:<relationship id>" (memberships, stakes, brands, roles) or "target:<id>"'),
    date: IsoDate,
    datePrecision: z.enum(['day', 'month', 'year']).describe('year: only the year is known (or meant, for targets)'),
    // An event's kind, or one the timeline derives: a member leaving, a target's year, a role starting or ending.
    kind: z.enum([...EVENT_KINDS, 'member-left', 'target-year', 'role-started', 'role-ended']),
    title: z.string(),
    description: z.string().nullable(),
    entities: z.array(EntityRefSchema),
    sources: SourcesFieldSchema,
  })
  .meta({
    id: 'TimelineEntry',
    example: {
      id: 'event:alliance-founded-1999',
      date: '1999-03-27',
      datePrecision: 'day',
      kind: 'founding',
      title: 'Renault and Nissan sign the alliance agreement',
      description: null,
      entities: [{ id: 'renault', type: 'Company', name: 'Renault' }],
      sources: ['autotrendy-2022-02-08'],
    },
  });

export const TimelineSchema = z
  .object({
    from: IsoDate.nullable(),
    to: IsoDate.nullable(),
    total: z.number().int(),
    limit: z.number().int(),
    nextCursor: z.string().nullable(),
    items: z.array(TimelineEntrySchema),
  })
  .meta({ id: 'Timeline', description: 'Dated entries in order: events, membership, stake and brand changes, target years' });
