// name: list-people
// description: People ordered by id, each with the roles they hold on $asOf; with $organisation, only those holding a role there then, and only those roles.
// param asOf: date — The day the answer is for
// param limit: integer — Page size
// param offset: integer — How many rows to skip
// param organisation: string? — Only people holding a role at this company or alliance on $asOf (null: everyone)
// mode: read
// returns: total: integer, items: map[]
// used by: GET /v1/people
CALL () {
  MATCH (p:Person)
  WHERE $organisation IS NULL OR EXISTS {
    MATCH (p)-[r:HOLDS_ROLE]->(:Entity {id: $organisation})
    WHERE (r.validFrom IS NULL OR r.validFrom <= date($asOf)) AND (r.validTo IS NULL OR r.validTo > date($asOf))
  }
  RETURN count(p) AS total
}
CALL () {
  MATCH (p:Person)
  WHERE $organisation IS NULL OR EXISTS {
    MATCH (p)-[r:HOLDS_ROLE]->(:Entity {id: $organisation})
    WHERE (r.validFrom IS NULL OR r.validFrom <= date($asOf)) AND (r.validTo IS NULL OR r.validTo > date($asOf))
  }
  WITH p ORDER BY p.id SKIP $offset LIMIT $limit
  CALL (p) {
    OPTIONAL MATCH (p)-[r:HOLDS_ROLE]->(o:Entity)
    WHERE r IS NOT NULL AND (r.validFrom IS NULL OR r.validFrom <= date($asOf)) AND (r.validTo IS NULL OR r.validTo > date($asOf))
      AND ($organisation IS NULL OR o.id = $organisation)
    WITH r, o ORDER BY r.validFrom, o.id
    RETURN collect(CASE WHEN r IS NULL THEN null ELSE {
      id: r.id, title: r.title, organisation: {id: o.id, type: [l IN labels(o) WHERE l <> 'Entity'][0], name: o.name},
      validFrom: toString(r.validFrom), validTo: toString(r.validTo), note: r.note, sources: r.sources
    } END) AS roles
  }
  RETURN collect(p {.id, .name, .aliases, .nationality, .description, .sources, roles: roles}) AS items
}
RETURN total, items
