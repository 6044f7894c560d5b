// name: get-company
// description: One company as of $asOf: its brands, the stakes it holds and the stakes held in it, its memberships, the roles people hold there, and its names and identifiers as stored (one query per answer).
// param asOf: date — The day the answer is for
// param id: string — Id of the entity
// mode: read
// returns: company: map, brands: map[], stakesHeld: map[], stakesIn: map[], memberships: map[], roles: map[], names: map
// used by: GET /v1/companies/{id}
MATCH (c:Company {id: $id})
CALL (c) {
  OPTIONAL MATCH (c)-[o:OWNS_BRAND]->(b:Brand)
  WHERE (o.validFrom IS NULL OR o.validFrom <= date($asOf)) AND (o.validTo IS NULL OR o.validTo > date($asOf))
  WITH b, o ORDER BY b.name, b.id
  RETURN collect(CASE WHEN b IS NOT NULL THEN {id: b.id, name: b.name, via: o.via, since: toString(o.validFrom), sincePrecision: o.validFromPrecision, until: toString(o.validTo), sources: o.sources} END) AS brands
}
CALL (c) {
  OPTIONAL MATCH (c)-[s:HOLDS_STAKE]->(t:Company)
  WHERE (s.validFrom IS NULL OR s.validFrom <= date($asOf)) AND (s.validTo IS NULL OR s.validTo > date($asOf))
  WITH s, t ORDER BY t.id, s.id
  RETURN collect(CASE WHEN s IS NOT NULL THEN s {.id, holder: {id: c.id, name: c.name}, company: {id: t.id, name: t.name}, .equityPercent, .equityPrecision, .votingPercent, .carriesVotes, .economicBeneficiary, .note, validFrom: toString(s.validFrom), validTo: toString(s.validTo), .sources, .shares, .votes, .statedBasis, statedOn: toString(s.statedOn), .ledgerFrom, .ledgerTo, .ledgerIssuedPercent, .ledgerVotingPercent, .ledgerSharesIssued, .ledgerCapital} END) AS stakesHeld
}
CALL (c) {
  OPTIONAL MATCH (h:Company)-[s:HOLDS_STAKE]->(c)
  WHERE (s.validFrom IS NULL OR s.validFrom <= date($asOf)) AND (s.validTo IS NULL OR s.validTo > date($asOf))
  WITH s, h ORDER BY h.id, s.id
  RETURN collect(CASE WHEN s IS NOT NULL THEN s {.id, holder: {id: h.id, name: h.name}, company: {id: c.id, name: c.name}, .equityPercent, .equityPrecision, .votingPercent, .carriesVotes, .economicBeneficiary, .note, validFrom: toString(s.validFrom), validTo: toString(s.validTo), .sources, .shares, .votes, .statedBasis, statedOn: toString(s.statedOn), .ledgerFrom, .ledgerTo, .ledgerIssuedPercent, .ledgerVotingPercent, .ledgerSharesIssued, .ledgerCapital} END) AS stakesIn
}
CALL (c) {
  OPTIONAL MATCH (c)-[m:MEMBER_OF]->(a:Alliance)
  WHERE (m.validFrom IS NULL OR m.validFrom <= date($asOf)) AND (m.validTo IS NULL OR m.validTo > date($asOf))
  WITH m, a ORDER BY a.id
  RETURN collect(CASE WHEN a IS NOT NULL THEN {alliance: {id: a.id, name: a.name}, role: m.role, since: toString(m.validFrom), until: toString(m.validTo), sources: m.sources} END) AS memberships
}
CALL (c) {
  OPTIONAL MATCH (p:Person)-[r:HOLDS_ROLE]->(c)
  WHERE (r.validFrom IS NULL OR r.validFrom <= date($asOf)) AND (r.validTo IS NULL OR r.validTo > date($asOf))
  WITH p, r ORDER BY r.validFrom, p.id
  RETURN collect(CASE WHEN p IS NOT NULL THEN {id: r.id, person: {id: p.id, name: p.name}, title: r.title, validFrom: toString(r.validFrom), validTo: toString(r.validTo), note: r.note, sources: r.sources} END) AS roles
}
RETURN c {.id, .name, .aliases, .country, .kind, .description, validFrom: toString(c.validFrom), validTo: toString(c.validTo), .sources, .shareCapital} AS company,
       brands, stakesHeld, stakesIn, memberships, roles,
       c {.id, type: 'Company', .name, aliases: coalesce(c.aliases, []), .country, .description,
          otherNames: coalesce(c.otherNames, []), otherNameLanguages: coalesce(c.otherNameLanguages, []),
          otherNameKinds: coalesce(c.otherNameKinds, []), otherNameSources: coalesce(c.otherNameSources, []),
          identifierSchemes: coalesce(c.identifierSchemes, []), identifierValues: coalesce(c.identifierValues, []),
          identifierExchanges: coalesce(c.identifierExchanges, []), identifierSources: coalesce(c.identifierSources, [])} AS names
