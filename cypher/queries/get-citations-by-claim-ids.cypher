// name: get-citations-by-claim-ids
// description: The quotes that nodes and relationships cite beside their source ids, for include=sources.
// param ids: string[] — Ids of the claims (nodes or relationships) in the answer
// mode: read
// returns: id: string, citations: string
// used by: any endpoint with include=sources
// Relationships type by type: each type's id index answers its part (a pattern of every type would scan them all).
CALL () {
  MATCH (n:Entity) WHERE n.id IN $ids RETURN n AS claim
  UNION ALL
  MATCH ()-[r:MEMBER_OF]->() WHERE r.id IN $ids RETURN r AS claim
  UNION ALL
  MATCH ()-[r:HOLDS_STAKE]->() WHERE r.id IN $ids RETURN r AS claim
  UNION ALL
  MATCH ()-[r:HOLDS_ROLE]->() WHERE r.id IN $ids RETURN r AS claim
  UNION ALL
  MATCH ()-[r:OWNS_BRAND]->() WHERE r.id IN $ids RETURN r AS claim
  UNION ALL
  MATCH ()-[r:RENAMED_TO]->() WHERE r.id IN $ids RETURN r AS claim
  UNION ALL
  MATCH ()-[r:HAS_PLAN]->() WHERE r.id IN $ids RETURN r AS claim
  UNION ALL
  MATCH ()-[r:HAS_TARGET]->() WHERE r.id IN $ids RETURN r AS claim
  UNION ALL
  MATCH ()-[r:USES_PLATFORM]->() WHERE r.id IN $ids RETURN r AS claim
  UNION ALL
  MATCH ()-[r:CONCERNS]->() WHERE r.id IN $ids RETURN r AS claim
  UNION ALL
  MATCH ()-[r:FOCUSES_ON]->() WHERE r.id IN $ids RETURN r AS claim
  UNION ALL
  MATCH ()-[r:DEVELOPS]->() WHERE r.id IN $ids RETURN r AS claim
  UNION ALL
  MATCH ()-[r:HAS_OBSERVATION]->() WHERE r.id IN $ids RETURN r AS claim
  UNION ALL
  MATCH ()-[r:INVOLVES]->() WHERE r.id IN $ids RETURN r AS claim
}
WITH claim WHERE claim.citations IS NOT NULL
RETURN claim.id AS id, claim.citations AS citations
