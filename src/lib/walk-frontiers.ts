/**
 * Breadth-first over a network of edges, a whole frontier at a time, so a database walk asks once per
 * level, not once per node. `expand` gives the edges out of a frontier, `next` the nodes an edge leads to;
 * each node is expanded once (cycles end), each edge kept once by id, and the edges come back sorted by id.
 */
export async function walkFrontiers<E extends { id: string }>(
  start: string,
  expand: (frontier: string[]) => Promise<E[]> | E[],
  next: (edge: E) => Iterable<string>,
): Promise<E[]> {
  const edges = new Map<string, E>();
  const seen = new Set([start]);
  let frontier = [start];
  while (frontier.length > 0) {
    const found = await expand(frontier);
    frontier = [];
    for (const edge of found) {
      edges.set(edge.id, edge);
      for (const id of next(edge)) {
        if (!seen.has(id)) {
          seen.add(id);
          frontier.push(id);
        }
      }
    }
  }
  return [...edges.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}
