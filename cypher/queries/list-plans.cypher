// name: list-plans
// description: Plans ordered by announcement, with the alliance or company that holds each.
// param limit: integer — Page size
// param offset: integer — How many rows to skip
// mode: read
// returns: total: integer, items: map[]
// used by: GET /v1/plans
CALL () {
  MATCH (p:Plan)
  RETURN count(p) AS total
}
CALL () {
  MATCH (p:Plan)
  OPTIONAL MATCH (holder:Entity)-[:HAS_PLAN]->(p)
  WITH p, holder ORDER BY p.announcedOn, p.id SKIP $offset LIMIT $limit
  RETURN collect(p {.id, .name, .aliases, announcedOn: toString(p.announcedOn), .horizonYear, .investmentAmount, .investmentCurrency, .investmentPrecision, .investmentNote, .pillars, .description, validFrom: toString(p.validFrom), validTo: toString(p.validTo), .sources,
                    holder: CASE WHEN holder IS NULL THEN null ELSE {id: holder.id, name: holder.name} END}) AS items
}
RETURN total, items
