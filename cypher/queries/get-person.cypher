// name: get-person
// description: One person by id with every role held, in date order (the whole history, ended roles included).
// param id: string — Id of the entity
// mode: read
// returns: person: map
// used by: GET /v1/people/{id}
MATCH (p:Person {id: $id})
CALL (p) {
  OPTIONAL MATCH (p)-[r:HOLDS_ROLE]->(o:Entity)
  WITH r, o ORDER BY r.validFrom, o.id
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {
    id: r.id, title: r.title, organisation: {id: o.id, type: [l IN labels(o) WHERE l <> 'Entity'][0], name: o.name},
    validFrom: toString(r.validFrom), validTo: toString(r.validTo), note: r.note, sources: r.sources
  } END) AS roles
}
RETURN p {.id, .name, .aliases, .nationality, .description, .sources, roles: roles} AS person
