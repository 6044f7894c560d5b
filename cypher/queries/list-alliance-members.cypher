// name: list-alliance-members
// description: The members of an alliance as of $asOf, in order of joining; no row when the alliance is unknown.
// param asOf: date — The day the answer is for
// param id: string — Id of the entity
// param limit: integer — Page size
// param offset: integer — How many rows to skip
// mode: read
// returns: total: integer, items: map[]
// used by: GET /v1/alliances/{id}/members
MATCH (a:Alliance {id: $id})
CALL (a) {
  OPTIONAL MATCH (c:Company)-[m:MEMBER_OF]->(a)
  WHERE (m.validFrom IS NULL OR m.validFrom <= date($asOf)) AND (m.validTo IS NULL OR m.validTo > date($asOf))
  RETURN count(c) AS total
}
CALL (a) {
  OPTIONAL MATCH (c:Company)-[m:MEMBER_OF]->(a)
  WHERE (m.validFrom IS NULL OR m.validFrom <= date($asOf)) AND (m.validTo IS NULL OR m.validTo > date($asOf))
  WITH c, m ORDER BY m.validFrom, c.id SKIP $offset LIMIT $limit
  RETURN collect(CASE WHEN c IS NOT NULL THEN {id: c.id, name: c.name, country: c.country, role: m.role, since: toString(m.validFrom), until: toString(m.validTo), sources: m.sources} END) AS items
}
RETURN total, items
