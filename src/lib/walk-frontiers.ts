/**
 * Breadth-first over a network of edges, a whole frontier at a time, so a database walk asks once per
 * level, not once per node. `expand` gives the edges out of a frontier, `next` the nodes an edge leads to;
 * each node is expanded once (cycles end), each edge kept once by id, and the edges come back sorted by id.
 * Several starts walk together: the edges reachable from any of them.
 */
export async function walkFrontiers<E extends { id: string }>(
  start: string | readonly string[],
  expand: (frontier: string[]) => Promise<E[]> | E[],
  next: (edge: E) => Iterable<string>,
): Promise<E[]> {
  const edges = new Map<string, E>();
  let frontier = [...new Set(typeof start === 'string' ? [start] : start)];
  const seen = new Set(frontier);
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

/**
 * What walkFrontiers gives from each start on its own, worked out from one walk from all of them: `edges` is
 * that walk's answer (every edge reachable from any start), and `from` names the nodes whose expansion yields
 * an edge. A walk per start costs a query per level per start; this costs the one walk.
 */
export async function walkFromEach<E extends { id: string }>(
  starts: readonly string[],
  edges: readonly E[],
  from: (edge: E) => Iterable<string>,
  next: (edge: E) => Iterable<string>,
): Promise<Map<string, E[]>> {
  const byNode = new Map<string, E[]>();
  for (const edge of edges) {
    for (const node of new Set(from(edge))) {
      const list = byNode.get(node);
      if (list) list.push(edge);
      else byNode.set(node, [edge]);
    }
  }
  const expand = (frontier: string[]) => frontier.flatMap((id) => byNode.get(id) ?? []);
  const out = new Map<string, E[]>();
  for (const start of starts) if (!out.has(start)) out.set(start, await walkFrontiers(start, expand, next));
  return out;
}
