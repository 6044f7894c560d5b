// name: stakes-valid-on
// description: Every stake valid on a day: holder, company, equity and voting percentages, whether it votes, its period and sources.
// param asOf: date — The day
// mode: research
// returns: holder: any, company: any, equityPercent: any, votingPercent: any, carriesVotes: any, validFrom: any, validTo: any, sources: any, statement: any
MATCH (h:Company)-[s:HOLDS_STAKE]->(c:Company)
WHERE (s.validFrom IS NULL OR s.validFrom <= date($asOf)) AND (s.validTo IS NULL OR s.validTo > date($asOf))
RETURN h.name AS holder, c.name AS company, s.equityPercent AS equityPercent, s.votingPercent AS votingPercent,
       s.carriesVotes AS carriesVotes, s.validFrom AS validFrom, s.validTo AS validTo, s.sources AS sources, s.id AS statement
ORDER BY holder, company, statement
