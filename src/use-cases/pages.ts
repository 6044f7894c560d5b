import { HttpProblem } from '../lib/problem.js';
import { seedFromFolder } from '../services/dataset/seed.js';
import type { UseCaseDeps } from './deps.js';

/** What the HTML pages, the export and the operator's routes ask of the graph beyond the table of operations. */

/** The embed page's frame: the root's first ring (its name and type) and every alliance and group for the picker. */
export async function findEmbedFrame({ repositories: r }: UseCaseDeps, root: string, asOf: string) {
  const [graph, groups] = await Promise.all([r.ownership.findOwnershipGraph(root, 1, 'both', asOf), r.alliances.listAlliances({}, asOf, 0, 100)]);
  if (!graph) throw new HttpProblem(404, `No company, brand or alliance with id "${root}"`);
  return { root: graph.nodes[0]!, groups: groups.items };
}

/** Sources by id, in one query (the explorer cites the timeline's sources). */
export const findSourcesByIds = ({ repositories: r }: UseCaseDeps, ids: readonly string[]) => r.sources.findSourcesByIds([...ids]);

/** An entity with its stored names and identifiers, for the reconciliation preview card. */
export async function findEntityCard({ repositories: r }: UseCaseDeps, id: string) {
  const [entity] = await r.names.findNames([id]);
  if (!entity) throw new HttpProblem(404, `No entity with id "${id}"`);
  return entity;
}

/** Every node and relationship of the graph, for the export. */
export const exportGraph = ({ repositories: r }: UseCaseDeps) => r.dataset.exportGraph();

/** Neo4j's version and the schema objects still missing, for readiness. */
export async function checkGraphReadiness({ repositories: r }: UseCaseDeps) {
  const [info, missing] = await Promise.all([r.system.getServerInfo(), r.system.findMissingSchema()]);
  return { info, missing, schemaObjects: r.system.schemaNames.length };
}

/** Applies the schema and reloads the dataset folder. */
export async function reloadDataset({ repositories: r, datasets }: UseCaseDeps, dataDir: string) {
  await r.system.applySchema();
  return seedFromFolder({ loader: datasets }, dataDir);
}
