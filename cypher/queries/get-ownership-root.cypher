// name: get-ownership-root
// description: The root of an ownership graph: a company, a brand or an alliance.
// param id: string — Id of the entity
// mode: read
// returns: node: map
// used by: GET /v1/graph/ownership
MATCH (n:Entity {id: $id})
WHERE n:Company OR n:Brand OR n:Alliance
RETURN n {.id, type: [l IN labels(n) WHERE l <> 'Entity'][0], .name, .country} AS node
