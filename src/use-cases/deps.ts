import type { Repositories } from '../repositories/index.js';
import { DatasetService } from '../services/dataset/seed.js';
import { NameSearch } from '../services/names/name-search.js';
import { Reconciler } from '../services/names/reconcile.js';
import { NamedQueryService } from '../services/research/named-queries.js';

/**
 * What the use cases read the graph through: a typed container built once by buildApp (or the stdio MCP
 * server) and handed to the doors as a plugin option, so every edge from a door to the graph is an import
 * the rule checker sees, never a decorator.
 */
export interface UseCaseDeps {
  repositories: Repositories;
  names: NameSearch;
  reconciler: Reconciler;
  namedQueries: NamedQueryService;
  datasets: DatasetService;
}

export function createUseCaseDeps(repositories: Repositories): UseCaseDeps {
  return {
    repositories,
    names: new NameSearch(repositories.names),
    reconciler: new Reconciler(repositories.names),
    namedQueries: new NamedQueryService(),
    datasets: new DatasetService(repositories.dataset),
  };
}
