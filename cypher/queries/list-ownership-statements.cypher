// name: list-ownership-statements
// description: Every ownership relationship the graph holds now (stakes, brand ownership, memberships), whatever its dates, with its two ends (knownAt rebuilds the ownership graph of an earlier version from these and the retracted ones).
// mode: read
// returns: edge: map, source: map, target: map
// used by: knownAt on GET /v1/graph/ownership
MATCH (a:Entity)-[r:HOLDS_STAKE|OWNS_BRAND|MEMBER_OF]->(b:Entity)
RETURN r {.id, type: type(r), source: a.id, target: b.id, .equityPercent, .votingPercent, .carriesVotes, .role, .via, validFrom: toString(r.validFrom), validTo: toString(r.validTo), .sources,
          .ledgerFrom, .ledgerTo, .ledgerIssuedPercent, .ledgerVotingPercent} AS edge,
       a {.id, type: [l IN labels(a) WHERE l <> 'Entity'][0], .name, .country} AS source,
       b {.id, type: [l IN labels(b) WHERE l <> 'Entity'][0], .name, .country} AS target
ORDER BY edge.id
