// name: get-brand
// description: One brand as of $asOf: its owner that day, the owner's alliances that day, and the brand's whole ownership history.
// param asOf: date — The day the answer is for
// param id: string — Id of the entity
// mode: read
// returns: brand: map, chains: map[], ownership: map[], renames: map[], names: map
// used by: GET /v1/brands/{id}
MATCH (b:Brand {id: $id})
CALL (b) {
  OPTIONAL MATCH (c:Company)-[o:OWNS_BRAND]->(b)
  WHERE (o.validFrom IS NULL OR o.validFrom <= date($asOf)) AND (o.validTo IS NULL OR o.validTo > date($asOf))
  OPTIONAL MATCH (c)-[m:MEMBER_OF]->(a:Alliance)
  WHERE (m.validFrom IS NULL OR m.validFrom <= date($asOf)) AND (m.validTo IS NULL OR m.validTo > date($asOf))
  WITH c, o, collect(CASE WHEN a IS NOT NULL THEN {alliance: {id: a.id, name: a.name}, role: m.role, since: toString(m.validFrom), sources: m.sources} END) AS alliances
  ORDER BY c.id
  RETURN collect(CASE WHEN c IS NOT NULL THEN {owner: {id: c.id, name: c.name, country: c.country}, via: o.via, since: toString(o.validFrom), sincePrecision: o.validFromPrecision, until: toString(o.validTo), sources: o.sources, alliances: alliances} END) AS chains
}
CALL (b) {
  OPTIONAL MATCH (c:Company)-[o:OWNS_BRAND]->(b)
  WITH c, o ORDER BY o.validFrom, c.id
  RETURN collect(CASE WHEN c IS NOT NULL THEN {owner: {id: c.id, name: c.name}, via: o.via, validFrom: toString(o.validFrom), validTo: toString(o.validTo), sources: o.sources} END) AS ownership
}
CALL (b) {
  OPTIONAL MATCH (b)-[r:RENAMED_TO]-(other:Brand)
  RETURN collect(CASE WHEN other IS NOT NULL THEN {direction: CASE WHEN startNode(r) = b THEN 'renamed-to' ELSE 'renamed-from' END, brand: {id: other.id, name: other.name}, on: toString(r.validFrom), sources: r.sources} END) AS renames
}
RETURN b {.id, .name, .aliases, .segment, validFrom: toString(b.validFrom), validTo: toString(b.validTo), .sources} AS brand, chains, ownership, renames,
       b {.id, type: 'Brand', .name, aliases: coalesce(b.aliases, []), .country, .description,
          otherNames: coalesce(b.otherNames, []), otherNameLanguages: coalesce(b.otherNameLanguages, []),
          otherNameKinds: coalesce(b.otherNameKinds, []), otherNameSources: coalesce(b.otherNameSources, []),
          identifierSchemes: coalesce(b.identifierSchemes, []), identifierValues: coalesce(b.identifierValues, []),
          identifierExchanges: coalesce(b.identifierExchanges, []), identifierSources: coalesce(b.identifierSources, [])} AS names
