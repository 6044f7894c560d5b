import type { CypherCatalogue, CypherFile } from '../lib/cypher-catalogue.js';
import { HttpProblem } from '../lib/problem.js';
import { checkQuery } from '../research/cypher-guard.js';
import { paramSchema } from '../research/param-schema.js';
import type { CypherAnswer } from './research-repository.js';

export interface NamedQuery {
  name: string;
  file: string;
  description: string;
  params: CypherFile['params'];
  mode: CypherFile['mode'];
  usedBy: string | null;
  runnable: boolean;
}

/**
 * The catalogue researchers browse: every file in cypher/queries/, the same files the endpoints run.
 * Research queries are served only here, so this repository is what takes them.
 */
export class QueryCatalogueRepository {
  constructor(private readonly catalogue: CypherCatalogue) {
    for (const file of catalogue.list()) if (file.mode === 'research') catalogue.take(file.name);
  }

  private describe(file: CypherFile): NamedQuery {
    return {
      name: file.name,
      file: file.file,
      description: file.description,
      params: file.params,
      mode: file.mode,
      usedBy: file.usedBy,
      runnable: file.mode !== 'write' && checkQuery(file.text).ok,
    };
  }

  listQueries(): NamedQuery[] {
    return this.catalogue
      .list()
      .map((f) => this.describe(f))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  findQuery(name: string): (NamedQuery & { text: string }) | null {
    const file = this.catalogue.get(name);
    return file ? { ...this.describe(file), text: file.text } : null;
  }

  /** Null when no such query; parameters are validated against the file's header first. */
  async runNamedQuery(
    name: string,
    params: Record<string, unknown>,
    run: (text: string, params: Record<string, unknown>) => Promise<CypherAnswer>,
  ): Promise<CypherAnswer | null> {
    const file = this.catalogue.get(name);
    if (!file) return null;
    if (file.mode === 'write') throw new HttpProblem(400, `Refused: "${name}" writes (the loader uses it); only read queries run here`, { title: 'Query refused' });
    const parsed = paramSchema(file.params).safeParse(params);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ location: 'body' as const, path: ['params', ...i.path.map(String)].join('.'), message: i.message }));
      throw new HttpProblem(400, `Invalid parameters for "${name}": ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, { errors });
    }
    return run(file.text, parsed.data);
  }
}
