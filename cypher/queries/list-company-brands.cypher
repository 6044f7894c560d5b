// name: list-company-brands
// description: The brands a company owns as of $asOf, by name; no row when the company is unknown.
// param asOf: date — The day the answer is for
// param id: string — Id of the entity
// param limit: integer — Page size
// param offset: integer — How many rows to skip
// mode: read
// returns: total: integer, items: map[]
// used by: GET /v1/companies/{id}/brands
MATCH (c:Company {id: $id})
CALL (c) {
  OPTIONAL MATCH (c)-[o:OWNS_BRAND]->(b:Brand)
  WHERE (o.validFrom IS NULL OR o.validFrom <= date($asOf)) AND (o.validTo IS NULL OR o.validTo > date($asOf))
  RETURN count(b) AS total
}
CALL (c) {
  OPTIONAL MATCH (c)-[o:OWNS_BRAND]->(b:Brand)
  WHERE (o.validFrom IS NULL OR o.validFrom <= date($asOf)) AND (o.validTo IS NULL OR o.validTo > date($asOf))
  WITH b, o WHERE b IS NOT NULL
  ORDER BY b.name, b.id SKIP $offset LIMIT $limit
  RETURN collect({id: b.id, name: b.name, aliases: b.aliases, owner: {id: c.id, name: c.name}, via: o.via, since: toString(o.validFrom), sincePrecision: o.validFromPrecision, until: toString(o.validTo), sources: o.sources}) AS items
}
RETURN total, items
