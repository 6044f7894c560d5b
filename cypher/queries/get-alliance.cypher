// name: get-alliance
// description: One alliance as of $asOf: members (with since and role), brand count, headcount claims, plans.
// param asOf: date — The day the answer is for
// param id: string — Id of the entity
// mode: read
// returns: alliance: map, members: map[], brandCount: integer, headcounts: map[], plans: map[]
// used by: GET /v1/alliances/{id}
MATCH (a:Alliance {id: $id})
CALL (a) {
  OPTIONAL MATCH (c:Company)-[m:MEMBER_OF]->(a)
  WHERE (m.validFrom IS NULL OR m.validFrom <= date($asOf)) AND (m.validTo IS NULL OR m.validTo > date($asOf))
  WITH c, m ORDER BY m.validFrom, c.id
  RETURN collect(CASE WHEN c IS NOT NULL THEN {id: c.id, name: c.name, country: c.country, role: m.role, since: toString(m.validFrom), until: toString(m.validTo), sources: m.sources} END) AS members
}
CALL (a) {
  OPTIONAL MATCH (c:Company)-[m:MEMBER_OF]->(a)
  WHERE (m.validFrom IS NULL OR m.validFrom <= date($asOf)) AND (m.validTo IS NULL OR m.validTo > date($asOf))
  OPTIONAL MATCH (c)-[o:OWNS_BRAND]->(b:Brand)
  WHERE (o.validFrom IS NULL OR o.validFrom <= date($asOf)) AND (o.validTo IS NULL OR o.validTo > date($asOf))
  RETURN count(DISTINCT b) AS brandCount
}
CALL (a) {
  OPTIONAL MATCH (a)-[:HAS_OBSERVATION]->(o:Observation {kind: 'headcount'})
  WHERE o.observedOn IS NULL OR o.observedOn <= date($asOf)
  WITH o ORDER BY o.observedOn IS NULL, o.observedOn DESC, o.id
  RETURN collect(CASE WHEN o IS NOT NULL THEN o {.id, .value, .unit, .precision, observedOn: toString(o.observedOn), .note, .sources} END) AS headcounts
}
CALL (a) {
  OPTIONAL MATCH (a)-[h:HAS_PLAN]->(p:Plan)
  WHERE (h.validFrom IS NULL OR h.validFrom <= date($asOf)) AND (h.validTo IS NULL OR h.validTo > date($asOf))
  WITH p ORDER BY p.announcedOn, p.id
  RETURN collect(CASE WHEN p IS NOT NULL THEN p {.id, .name, announcedOn: toString(p.announcedOn), .horizonYear} END) AS plans
}
RETURN a {.id, .name, .aliases, .kind, .nationality, foundedOn: toString(a.foundedOn), .description, validFrom: toString(a.validFrom), validTo: toString(a.validTo), .sources} AS alliance,
       members, brandCount, headcounts, plans
