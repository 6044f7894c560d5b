// name: list-alliance-brands
// description: The brands an alliance's members own as of $asOf, each with its owning company; no row when the alliance is unknown.
// param asOf: date — The day the answer is for
// param id: string — Id of the entity
// param limit: integer — Page size
// param offset: integer — How many rows to skip
// mode: read
// returns: total: integer, items: map[]
// used by: GET /v1/alliances/{id}/brands
MATCH (a:Alliance {id: $id})
CALL (a) {
  OPTIONAL MATCH (c:Company)-[m:MEMBER_OF]->(a)
  WHERE (m.validFrom IS NULL OR m.validFrom <= date($asOf)) AND (m.validTo IS NULL OR m.validTo > date($asOf))
  OPTIONAL MATCH (c)-[o:OWNS_BRAND]->(b:Brand)
  WHERE (o.validFrom IS NULL OR o.validFrom <= date($asOf)) AND (o.validTo IS NULL OR o.validTo > date($asOf))
  RETURN count(DISTINCT b) AS total
}
CALL (a) {
  OPTIONAL MATCH (c:Company)-[m:MEMBER_OF]->(a)
  WHERE (m.validFrom IS NULL OR m.validFrom <= date($asOf)) AND (m.validTo IS NULL OR m.validTo > date($asOf))
  OPTIONAL MATCH (c)-[o:OWNS_BRAND]->(b:Brand)
  WHERE (o.validFrom IS NULL OR o.validFrom <= date($asOf)) AND (o.validTo IS NULL OR o.validTo > date($asOf))
  WITH b, c, o WHERE b IS NOT NULL
  ORDER BY b.name, b.id SKIP $offset LIMIT $limit
  RETURN collect({id: b.id, name: b.name, aliases: b.aliases, owner: {id: c.id, name: c.name}, via: o.via, since: toString(o.validFrom), sincePrecision: o.validFromPrecision, until: toString(o.validTo), sources: o.sources}) AS items
}
RETURN total, items
