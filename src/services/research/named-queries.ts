import type { CypherFile } from '../../db/cypher-files.js';
import { allQueries } from '../../db/queries.generated.js';
import { HttpProblem } from '../../lib/problem.js';
import type { CypherAnswer } from '../../repositories/research-repository.js';
import { checkQuery } from './cypher-guard.js';
import { paramSchema } from './param-schema.js';

export interface NamedQuery {
  name: string;
  file: string;
  description: string;
  params: CypherFile['params'];
  mode: CypherFile['mode'];
  usedBy: string | null;
  runnable: boolean;
}

const byName = new Map<string, CypherFile>(allQueries.map((q) => [q.name, q]));

/**
 * The catalogue is listed without Neo4j's grammar, which loads in the research door's worker on a
 * researcher's first query. Its files are the project's own text, written plainly: the one kind of read the
 * grammar refuses and the text layer does not, a command (SHOW …), is known by its first word.
 */
const COMMAND = /^(SHOW|TERMINATE)\b/i;
const isCommand = (text: string) => COMMAND.test(text.replace(/^\s*\/\/.*$/gm, '').trim());

/**
 * The named queries researchers browse and run: every file in cypher/queries/, the same files the
 * endpoints run (through their generated typed modules). Research queries are served only here.
 */
export class NamedQueryService {
  private describe({ name, file, description, params, mode, usedBy, text }: CypherFile): NamedQuery {
    return { name, file, description, params, mode, usedBy, runnable: mode !== 'write' && checkQuery(text).ok && !isCommand(text) };
  }

  listQueries(): NamedQuery[] {
    return allQueries.map((f) => this.describe(f)).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  findQuery(name: string): (NamedQuery & { text: string }) | null {
    const file = byName.get(name);
    return file ? { ...this.describe(file), text: file.text } : null;
  }

  /**
   * Null when no such query; parameters are validated against the file's header first, then `run` takes
   * the text through the research door (its pool, bulkhead, budget, timeout and watchdog).
   */
  async runNamedQuery(
    name: string,
    params: Record<string, unknown>,
    run: (text: string, params: Record<string, unknown>) => Promise<CypherAnswer>,
  ): Promise<CypherAnswer | null> {
    const file = byName.get(name);
    if (!file) return null;
    if (file.mode === 'write')
      throw new HttpProblem(400, `Refused: "${name}" writes (the loader uses it); only read queries run here`, { title: 'Query refused' });
    const parsed = paramSchema(file.params).safeParse(params);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ location: 'body' as const, path: ['params', ...i.path.map(String)].join('.'), message: i.message }));
      throw new HttpProblem(400, `Invalid parameters for "${name}": ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, { errors });
    }
    return run(file.text, parsed.data);
  }
}
