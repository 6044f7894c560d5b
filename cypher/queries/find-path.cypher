// name: find-path
// description: A shortest path (up to 8 hops, either direction) between two entities, over relationships valid on $asOf. Among equally short paths the one whose node ids come first in order wins, so the answer is stable. Sources are not entities, so paths run through facts only.
// param asOf: date — The day the answer is for
// param from: string — Id of the first entity
// param to: string — Id of the last entity
// mode: read
// returns: fromId: string, toId: string, nodes: map[]?, edges: map[]?
// used by: GET /v1/path
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
OPTIONAL MATCH p = ALL SHORTEST (a)(()-[r WHERE (r.validFrom IS NULL OR r.validFrom <= date($asOf)) AND (r.validTo IS NULL OR r.validTo > date($asOf))]-()){0,8}(b)
WITH a, b, p ORDER BY [n IN nodes(p) | n.id], [r IN relationships(p) | r.id]
LIMIT 1
RETURN a.id AS fromId, b.id AS toId,
       CASE WHEN p IS NULL THEN null ELSE [n IN nodes(p) | {id: n.id, type: [l IN labels(n) WHERE l <> 'Entity'][0], name: n.name}] END AS nodes,
       CASE WHEN p IS NULL THEN null ELSE [r IN relationships(p) | r {.id, type: type(r), from: startNode(r).id, to: endNode(r).id, validFrom: toString(r.validFrom), validTo: toString(r.validTo), .sources}] END AS edges
