// name: list-changed-facts
// description: The dated statements of every fact (a relationship type between two nodes: a stake, brand ownership, membership, role, plan or target) that began or ended between $from and $to inclusive, with all the other statements of the same fact so that the values before and after each change can be read: what list-changes compares (the test of list-changes holds the two to the same answer).
// param from: date — First day
// param to: date — Last day
// param types: string[] — Relationship types to look at
// mode: research
// returns: statement: any
MATCH (a:Entity)-[r:HOLDS_STAKE|OWNS_BRAND|MEMBER_OF|HOLDS_ROLE|HAS_PLAN|HAS_TARGET]->(b:Entity)
WHERE type(r) IN $types
  AND ((r.validFrom >= date($from) AND r.validFrom <= date($to)) OR (r.validTo >= date($from) AND r.validTo <= date($to)))
WITH DISTINCT a, b, type(r) AS t
MATCH (a)-[s]->(b)
WHERE type(s) = t
RETURN s {.id, type: t, from: a.id, fromName: a.name, to: b.id, toName: b.name, .equityPercent, .votingPercent, .carriesVotes, .economicBeneficiary, .role, .title, .via, validFrom: toString(s.validFrom), validTo: toString(s.validTo), .sources} AS statement
ORDER BY statement.id
