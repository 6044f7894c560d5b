import type { z } from 'zod';
import type { Page } from '../db/page.js';
import { listTimeline } from '../db/queries.generated.js';
import type { TimelineEntrySchema } from '../schemas/timeline.js';
import { ReadRepository } from './read-repository.js';

export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** Dated events and the dated facts around them, in order. */
export class TimelineRepository extends ReadRepository {
  listTimeline(from: string | null, to: string | null, offset: number, limit: number, alliance: string | null = null): Promise<Page<TimelineEntry>> {
    return this.page(listTimeline, { from, to, offset, limit, alliance });
  }
}
