import type { Driver } from 'neo4j-driver';
import type { CypherCatalogue } from '../lib/cypher-catalogue.js';
import type { Person, PersonSummary } from '../schemas/people.js';
import type { Page } from './alliance-repository.js';
import { int, ReadRepository } from './read-repository.js';

export class PersonRepository extends ReadRepository {
  private readonly q;

  constructor(driver: Driver, database: string, queries: CypherCatalogue) {
    super(driver, database);
    this.q = { list: queries.take('list-people'), get: queries.take('get-person') };
  }

  async listPeople(organisation: string | undefined, asOf: string, offset: number, limit: number): Promise<Page<PersonSummary>> {
    return (await this.readOne<Page<PersonSummary>>(this.q.list, { organisation: organisation ?? null, asOf, offset: int(offset), limit: int(limit) }))!;
  }

  async findPerson(id: string): Promise<Person | null> {
    return (await this.readOne<{ person: Person }>(this.q.get, { id }))?.person ?? null;
  }
}
