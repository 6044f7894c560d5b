import { listChangeDates } from '../db/queries.generated.js';
import { ReadRepository } from './read-repository.js';

/** The days the graph's dated facts change on, with the dataset version they belong to. */
export interface ChangeDates {
  version: string | null;
  /** ISO days, ascending, distinct. */
  dates: string[];
}

/** The dataset's change dates: they cut time into intervals inside which every dated answer is the same. */
export class EpochRepository extends ReadRepository {
  async listChangeDates(): Promise<ChangeDates> {
    const row = await this.db.readOne(listChangeDates, {});
    return { version: row?.version ?? null, dates: row?.dates ?? [] };
  }
}
