// name: find-entity-ids
// description: Which of the given ids exist as entities, to tell the caller which one is unknown.
// param ids: string[] — Ids
// mode: read
// returns: found: string[]
// used by: GET /v1/path
MATCH (n:Entity)
WHERE n.id IN $ids
RETURN collect(n.id) AS found
