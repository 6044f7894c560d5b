// The shortest path (up to 8 hops, either direction) between two entities, over relationships valid on $asOf.
// Sources are not entities, so paths run through facts only.
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
OPTIONAL MATCH p = SHORTEST 1 (a)(()-[r WHERE (r.validFrom IS NULL OR r.validFrom <= date($asOf)) AND (r.validTo IS NULL OR r.validTo > date($asOf))]-()){0,8}(b)
RETURN a.id AS fromId, b.id AS toId,
       CASE WHEN p IS NULL THEN null ELSE [n IN nodes(p) | {id: n.id, type: [l IN labels(n) WHERE l <> 'Entity'][0], name: n.name}] END AS nodes,
       CASE WHEN p IS NULL THEN null ELSE [r IN relationships(p) | r {.id, type: type(r), from: startNode(r).id, to: endNode(r).id, .validFrom, .validTo, .sources}] END AS edges
