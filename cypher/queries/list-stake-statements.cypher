// name: list-stake-statements
// description: Every stake statement the graph holds now, whatever its dates, with the names of its two ends (knownAt rebuilds the stakes of an earlier version from these and the retracted ones).
// mode: read
// returns: stake: map
// used by: knownAt on GET /v1/ownership/*
MATCH (a:Company)-[s:HOLDS_STAKE]->(b:Company)
RETURN s {.id, holder: a.id, holderName: a.name, company: b.id, companyName: b.name, .equityPercent, .votingPercent, .carriesVotes, .economicBeneficiary, validFrom: toString(s.validFrom), validTo: toString(s.validTo), .sources,
         .shares, .votes, .ledgerFrom, .ledgerTo, .ledgerIssuedPercent, .ledgerVotingPercent} AS stake
ORDER BY stake.id
