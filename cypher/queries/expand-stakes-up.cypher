// name: expand-stakes-up
// description: One breadth-first step up the stake network on $asOf: the stakes held in the frontier companies.
// param asOf: date — The day the answer is for
// param frontier: string[] — Ids reached at the previous level
// mode: read
// returns: stake: map
// used by: GET /v1/ownership/controller
UNWIND $frontier AS id
MATCH (h:Company)-[s:HOLDS_STAKE]->(c:Company {id: id})
WHERE (s.validFrom IS NULL OR s.validFrom <= date($asOf)) AND (s.validTo IS NULL OR s.validTo > date($asOf))
RETURN DISTINCT s {.id, holder: h.id, holderName: h.name, company: c.id, companyName: c.name,
                   .equityPercent, .votingPercent, .carriesVotes, .economicBeneficiary, .sources,
                   .shares, .votes, .ledgerFrom, .ledgerTo, .ledgerIssuedPercent, .ledgerVotingPercent} AS stake
