// name: list-technologies
// description: Technologies by name, with who develops them (and at what stage) and which plans and targets concern them.
// param limit: integer — Page size
// param offset: integer — How many rows to skip
// mode: read
// returns: total: integer, items: map[]
// used by: GET /v1/technologies
CALL () {
  MATCH (x:Technology)
  RETURN count(x) AS total
}
CALL () {
  MATCH (x:Technology)
  WITH x ORDER BY x.name, x.id SKIP $offset LIMIT $limit
  CALL (x) {
    OPTIONAL MATCH (d:Entity)-[r:DEVELOPS]->(x)
    RETURN collect(CASE WHEN d IS NOT NULL THEN {id: d.id, name: d.name, stage: r.stage, sources: r.sources} END) AS developedBy
  }
  CALL (x) {
    OPTIONAL MATCH (e:Entity)-[:FOCUSES_ON|CONCERNS]->(x)
    WITH e ORDER BY e.id
    RETURN collect(CASE WHEN e IS NOT NULL THEN {id: e.id, type: [l IN labels(e) WHERE l <> 'Entity'][0], name: e.name} END) AS concernedBy
  }
  RETURN collect(x {.id, .name, .aliases, .category, .sources, developedBy: developedBy, concernedBy: concernedBy}) AS items
}
RETURN total, items
