// name: get-relationship-sources
// description: The source ids of relationships (stakes, memberships …) by id, so that computed answers can cite them.
// param ids: string[] — Ids of the relationships
// mode: read
// returns: id: string, sources: string[]
// used by: MCP look_through and controller tools
// Type by type, as get-citations-by-claim-ids: each type's id index answers its part.
CALL () {
  MATCH ()-[r:MEMBER_OF]->() WHERE r.id IN $ids RETURN r
  UNION ALL
  MATCH ()-[r:HOLDS_STAKE]->() WHERE r.id IN $ids RETURN r
  UNION ALL
  MATCH ()-[r:HOLDS_ROLE]->() WHERE r.id IN $ids RETURN r
  UNION ALL
  MATCH ()-[r:OWNS_BRAND]->() WHERE r.id IN $ids RETURN r
  UNION ALL
  MATCH ()-[r:RENAMED_TO]->() WHERE r.id IN $ids RETURN r
  UNION ALL
  MATCH ()-[r:HAS_PLAN]->() WHERE r.id IN $ids RETURN r
  UNION ALL
  MATCH ()-[r:HAS_TARGET]->() WHERE r.id IN $ids RETURN r
  UNION ALL
  MATCH ()-[r:USES_PLATFORM]->() WHERE r.id IN $ids RETURN r
  UNION ALL
  MATCH ()-[r:CONCERNS]->() WHERE r.id IN $ids RETURN r
  UNION ALL
  MATCH ()-[r:FOCUSES_ON]->() WHERE r.id IN $ids RETURN r
  UNION ALL
  MATCH ()-[r:DEVELOPS]->() WHERE r.id IN $ids RETURN r
  UNION ALL
  MATCH ()-[r:HAS_OBSERVATION]->() WHERE r.id IN $ids RETURN r
  UNION ALL
  MATCH ()-[r:INVOLVES]->() WHERE r.id IN $ids RETURN r
}
RETURN r.id AS id, coalesce(r.sources, []) AS sources
ORDER BY id
