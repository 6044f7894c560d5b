// name: expand-stakes-down
// description: One breadth-first step down the stake network on $asOf: the stakes the frontier companies hold, and the stakes of trusts whose economic beneficiary they are.
// param asOf: date — The day the answer is for
// param frontier: string[] — Ids reached at the previous level
// mode: read
// returns: stake: map
// used by: GET /v1/ownership/effective
UNWIND $frontier AS id
MATCH (a:Company {id: id})
CALL (a) {
  MATCH (a)-[s:HOLDS_STAKE]->(b:Company)
  WHERE (s.validFrom IS NULL OR s.validFrom <= date($asOf)) AND (s.validTo IS NULL OR s.validTo > date($asOf))
  RETURN s, a AS holder, b AS company
  UNION
  MATCH (t:Company)-[s:HOLDS_STAKE]->(b:Company)
  WHERE s.economicBeneficiary = a.id
    AND (s.validFrom IS NULL OR s.validFrom <= date($asOf)) AND (s.validTo IS NULL OR s.validTo > date($asOf))
  RETURN s, t AS holder, b AS company
}
RETURN DISTINCT s {.id, holder: holder.id, holderName: holder.name, company: company.id, companyName: company.name,
                   .equityPercent, .votingPercent, .carriesVotes, .economicBeneficiary, .sources,
                   .shares, .votes, .ledgerFrom, .ledgerTo, .ledgerIssuedPercent, .ledgerVotingPercent} AS stake
