// name: get-source
// description: One source by id, with how many facts cite it.
// param id: string — Id of the entity
// mode: read
// returns: source: map, nodes: integer, relationships: integer
// used by: GET /v1/sources/{id}
MATCH (s:Source {id: $id})
CALL (s) {
  MATCH (n:Entity) WHERE s.id IN n.sources
  RETURN count(n) AS nodes
}
CALL (s) {
  MATCH ()-[r]->() WHERE s.id IN r.sources
  RETURN count(r) AS relationships
}
RETURN s {.id, .kind, .title, .publisher, .author, .reviewer, .url, publishedOn: toString(s.publishedOn), .publishedOnPrecision, .language, .note} AS source,
       nodes, relationships
