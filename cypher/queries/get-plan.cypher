// name: get-plan
// description: One plan: investment, horizon, its targets (with what each concerns), its platforms and technologies.
// param id: string — Id of the entity
// mode: read
// returns: plan: map, holder: map?, targets: map[], platforms: map[], technologies: map[]
// used by: GET /v1/plans/{id}
MATCH (p:Plan {id: $id})
OPTIONAL MATCH (holder:Entity)-[:HAS_PLAN]->(p)
CALL (p) {
  OPTIONAL MATCH (p)-[h:HAS_TARGET]->(t:Target)
  OPTIONAL MATCH (t)-[:CONCERNS]->(x:Entity)
  WITH t, h, collect(CASE WHEN x IS NOT NULL THEN {id: x.id, type: [l IN labels(x) WHERE l <> 'Entity'][0], name: x.name} END) AS concerns
  ORDER BY t.year, t.id
  RETURN collect(CASE WHEN t IS NOT NULL THEN t {.id, .name, .kind, .year, .quantityCount, .quantityUnit, .quantityPrecision, .description, .sources, concerns: concerns} END) AS targets
}
CALL (p) {
  OPTIONAL MATCH (p)-[u:USES_PLATFORM]->(f:Platform)
  WITH f, u ORDER BY f.name
  RETURN collect(CASE WHEN f IS NOT NULL THEN f {.id, .name, .use, .sources} END) AS platforms
}
CALL (p) {
  OPTIONAL MATCH (p)-[:FOCUSES_ON]->(x:Technology)
  WITH x ORDER BY x.name
  RETURN collect(CASE WHEN x IS NOT NULL THEN x {.id, .name, .category, .sources} END) AS technologies
}
RETURN p {.id, .name, .aliases, announcedOn: toString(p.announcedOn), .horizonYear, .investmentAmount, .investmentCurrency, .investmentPrecision, .investmentNote, .pillars, .description, validFrom: toString(p.validFrom), validTo: toString(p.validTo), .sources} AS plan,
       CASE WHEN holder IS NULL THEN null ELSE {id: holder.id, name: holder.name} END AS holder,
       targets, platforms, technologies
