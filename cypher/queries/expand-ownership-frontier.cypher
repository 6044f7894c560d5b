// name: expand-ownership-frontier
// description: One breadth-first step of an ownership graph: the entities one ownership relationship (valid on $asOf) away from the frontier. "down" follows ownership from owner to owned: stake holder → company, company → brand, alliance → member; "up" the reverse; "both" either way.
// param asOf: date — The day the answer is for
// param direction: string — "up", "down" or "both"
// param frontier: string[] — Ids reached at the previous level
// mode: read
// returns: node: map
// used by: GET /v1/graph/ownership
UNWIND $frontier AS id
MATCH (a:Entity {id: id})-[r:HOLDS_STAKE|OWNS_BRAND|MEMBER_OF]-(b:Entity)
WHERE (r.validFrom IS NULL OR r.validFrom <= date($asOf)) AND (r.validTo IS NULL OR r.validTo > date($asOf))
  AND ($direction = 'both' OR ($direction = 'down') = ((type(r) = 'MEMBER_OF') <> (startNode(r) = a)))
RETURN DISTINCT b {.id, type: [l IN labels(b) WHERE l <> 'Entity'][0], .name, .country} AS node
