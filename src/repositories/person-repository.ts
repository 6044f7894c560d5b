import type { Page } from '../db/page.js';
import { getPerson, listPeople } from '../db/queries.generated.js';
import { shaped } from '../db/values.js';
import type { Person, PersonSummary } from '../schemas/people.js';
import { ReadRepository } from './read-repository.js';

/** People and the dated roles they hold at companies and the alliance. */
export class PersonRepository extends ReadRepository {
  listPeople(organisation: string | undefined, asOf: string, offset: number, limit: number): Promise<Page<PersonSummary>> {
    return this.page(listPeople, { organisation: organisation ?? null, asOf, offset, limit });
  }

  async findPerson(id: string): Promise<Person | null> {
    const row = await this.db.readOne(getPerson, { id });
    return row && shaped<Person>(row.person);
  }
}
