// name: list-platforms
// description: Platforms by name, with the plans that use them.
// param limit: integer — Page size
// param offset: integer — How many rows to skip
// mode: read
// returns: total: integer, items: map[]
// used by: GET /v1/platforms
CALL () {
  MATCH (f:Platform)
  RETURN count(f) AS total
}
CALL () {
  MATCH (f:Platform)
  WITH f ORDER BY f.name, f.id SKIP $offset LIMIT $limit
  CALL (f) {
    OPTIONAL MATCH (p:Plan)-[:USES_PLATFORM]->(f)
    RETURN collect(CASE WHEN p IS NOT NULL THEN {id: p.id, name: p.name} END) AS usedBy
  }
  RETURN collect(f {.id, .name, .aliases, .use, .sources, usedBy: usedBy}) AS items
}
RETURN total, items
