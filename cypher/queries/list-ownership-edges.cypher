// name: list-ownership-edges
// description: Every ownership relationship valid on $asOf between the given entities (the graph's edges).
// param asOf: date — The day the answer is for
// param ids: string[] — Ids
// mode: read
// returns: edge: map
// used by: GET /v1/graph/ownership
MATCH (a:Entity)-[r:HOLDS_STAKE|OWNS_BRAND|MEMBER_OF]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids
  AND (r.validFrom IS NULL OR r.validFrom <= date($asOf)) AND (r.validTo IS NULL OR r.validTo > date($asOf))
RETURN r {.id, type: type(r), source: a.id, target: b.id, .equityPercent, .votingPercent, .carriesVotes, .role, .via, validFrom: toString(r.validFrom), validTo: toString(r.validTo), .sources,
          .ledgerFrom, .ledgerTo, .ledgerIssuedPercent, .ledgerVotingPercent} AS edge
ORDER BY edge.id
