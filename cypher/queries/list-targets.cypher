// name: list-targets
// description: Targets by year, filtered by a year range, a kind, and a subject: the plan or alliance that holds the target, or the platform or technology it concerns (null filters match all).
// param fromYear: integer? — First year (null: no bound)
// param kind: string? — Target kind (null: any)
// param limit: integer — Page size
// param offset: integer — How many rows to skip
// param subject: string? — Id of a plan, alliance, platform or technology (null: any)
// param toYear: integer? — Last year (null: no bound)
// mode: read
// returns: total: integer, items: map[]
// used by: GET /v1/targets
CALL () {
  MATCH (t:Target)
  WHERE ($fromYear IS NULL OR t.year >= $fromYear) AND ($toYear IS NULL OR t.year <= $toYear)
    AND ($kind IS NULL OR t.kind = $kind)
    AND ($subject IS NULL OR EXISTS { MATCH (t)-[:HAS_TARGET|CONCERNS]-(:Entity {id: $subject}) })
  RETURN count(t) AS total
}
CALL () {
  MATCH (t:Target)
  WHERE ($fromYear IS NULL OR t.year >= $fromYear) AND ($toYear IS NULL OR t.year <= $toYear)
    AND ($kind IS NULL OR t.kind = $kind)
    AND ($subject IS NULL OR EXISTS { MATCH (t)-[:HAS_TARGET|CONCERNS]-(:Entity {id: $subject}) })
  WITH t ORDER BY t.year, t.id SKIP $offset LIMIT $limit
  CALL (t) {
    OPTIONAL MATCH (holder:Entity)-[:HAS_TARGET]->(t)
    RETURN collect(CASE WHEN holder IS NOT NULL THEN {id: holder.id, type: [l IN labels(holder) WHERE l <> 'Entity'][0], name: holder.name} END) AS heldBy
  }
  CALL (t) {
    OPTIONAL MATCH (t)-[:CONCERNS]->(x:Entity)
    WITH x ORDER BY x.name
    RETURN collect(CASE WHEN x IS NOT NULL THEN {id: x.id, type: [l IN labels(x) WHERE l <> 'Entity'][0], name: x.name} END) AS concerns
  }
  RETURN collect(t {.id, .name, .kind, .year, .quantityCount, .quantityUnit, .quantityPrecision, .description, .sources, heldBy: heldBy, concerns: concerns}) AS items
}
RETURN total, items
