// name: list-changed-facts-of-entity
// description: The dated statements of every fact (a relationship type between two nodes: a stake, brand ownership, membership, role, plan or target) that began or ended between $from and $to inclusive, with all the other statements of the same fact so that the values before and after each change can be read: what list-changes compares (the test of list-changes holds the two to the same answer). Only the facts with $entity at one end, found from that node by its id (an index seek), so the cost follows the entity's own facts, not the graph's size.
// param entity: string — Id of the node one end of the fact must be
// param from: date — First day
// param to: date — Last day
// param types: string[] — Relationship types to look at
// mode: research
// returns: statement: any
MATCH (:Entity {id: $entity})-[r:HOLDS_STAKE|OWNS_BRAND|MEMBER_OF|HOLDS_ROLE|HAS_PLAN|HAS_TARGET]-()
WHERE type(r) IN $types
  AND ((r.validFrom >= date($from) AND r.validFrom <= date($to)) OR (r.validTo >= date($from) AND r.validTo <= date($to)))
WITH DISTINCT startNode(r) AS a, endNode(r) AS b, type(r) AS t
MATCH (a)-[s]->(b)
WHERE type(s) = t
RETURN s {.id, type: t, from: a.id, fromName: a.name, to: b.id, toName: b.name, .equityPercent, .votingPercent, .carriesVotes, .economicBeneficiary, .role, .title, .via, validFrom: toString(s.validFrom), validTo: toString(s.validTo), .sources} AS statement
ORDER BY statement.id
