// name: count-unsourced
// description: Integrity: entities and relationships without sources, and source ids that name no Source node.
// mode: read
// returns: unsourcedNodes: integer, unsourcedRelationships: integer, unknownSources: string[]
// used by: npm run seed (integrity line), tests
CALL () {
  MATCH (n:Entity)
  WHERE n.sources IS NULL OR size(n.sources) = 0
  RETURN count(n) AS unsourcedNodes
}
CALL () {
  MATCH ()-[r]->()
  WHERE r.sources IS NULL OR size(r.sources) = 0
  RETURN count(r) AS unsourcedRelationships
}
CALL () {
  MATCH (n:Entity)
  UNWIND n.sources AS sourceId
  OPTIONAL MATCH (s:Source {id: sourceId})
  WITH sourceId, s WHERE s IS NULL
  RETURN collect(DISTINCT sourceId) AS unknownNodeSources
}
CALL () {
  MATCH ()-[r]->()
  UNWIND r.sources AS sourceId
  OPTIONAL MATCH (s:Source {id: sourceId})
  WITH sourceId, s WHERE s IS NULL
  RETURN collect(DISTINCT sourceId) AS unknownRelationshipSources
}
RETURN unsourcedNodes, unsourcedRelationships, unknownNodeSources + unknownRelationshipSources AS unknownSources
