// name: get-citations-by-claim-ids
// description: The quotes that nodes and relationships cite beside their source ids, for include=sources.
// param ids: string[] — Ids of the claims (nodes or relationships) in the answer
// mode: read
// returns: id: string, citations: string
// used by: any endpoint with include=sources
CALL () {
  MATCH (n:Entity)
  WHERE n.id IN $ids AND n.citations IS NOT NULL
  RETURN n.id AS id, n.citations AS citations
  UNION ALL
  MATCH ()-[r]->()
  WHERE r.id IN $ids AND r.citations IS NOT NULL
  RETURN r.id AS id, r.citations AS citations
}
RETURN id, citations
