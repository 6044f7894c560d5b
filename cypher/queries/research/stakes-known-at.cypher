// name: stakes-known-at
// description: Every stake valid on a day as the data stood at a dataset version (GET /v1/versions): the statements written by then and not corrected since, and the retracted ones that stood at that version.
// param asOf: date — The day the stakes hold
// param version: integer — The dataset version number
// mode: research
// returns: holder: any, company: any, equityPercent: any, votingPercent: any, carriesVotes: any, validFrom: any, validTo: any, statement: any, retracted: any
// The statements a later version wrote did not stand yet: gathered once, not looked for in every version per stake.
CALL () {
  OPTIONAL MATCH (v:DatasetVersion)
  WHERE v.number > $version
  UNWIND coalesce(v.relationshipsCreated, []) + coalesce(v.relationshipsUpdated, []) AS id
  RETURN collect(DISTINCT id) AS writtenLater
}
CALL (writtenLater) {
  MATCH (h:Company)-[s:HOLDS_STAKE]->(c:Company)
  WHERE NOT s.id IN writtenLater
    AND NOT EXISTS { MATCH (r:Retracted {statementId: s.id}) WHERE r.kind = 'relationship' AND r.since <= $version AND r.until > $version }
  RETURN h.name AS holder, c.name AS company, s.equityPercent AS equityPercent, s.votingPercent AS votingPercent, s.carriesVotes AS carriesVotes,
         s.validFrom AS validFrom, s.validTo AS validTo, s.id AS statement, false AS retracted
  UNION ALL
  MATCH (r:Retracted {kind: 'relationship', type: 'HOLDS_STAKE'})
  WHERE r.since <= $version AND r.until > $version
  MATCH (h:Company {id: r.from})
  MATCH (c:Company {id: r.to})
  RETURN h.name AS holder, c.name AS company, r.equityPercent AS equityPercent, r.votingPercent AS votingPercent, r.carriesVotes AS carriesVotes,
         r.validFrom AS validFrom, r.validTo AS validTo, r.statementId AS statement, true AS retracted
}
WITH *
WHERE (validFrom IS NULL OR validFrom <= date($asOf)) AND (validTo IS NULL OR validTo > date($asOf))
RETURN holder, company, equityPercent, votingPercent, carriesVotes, validFrom, validTo, statement, retracted
ORDER BY holder, company, statement
