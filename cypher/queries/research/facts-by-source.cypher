// name: facts-by-source
// description: The nodes and relationships that cite a source.
// param source: string — Id of the source
// mode: research
// returns: kind: any, id: any, type: any, description: any
CALL () {
  MATCH (n:Entity) WHERE $source IN n.sources
  RETURN 'node' AS kind, n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS type, n.name AS description
  UNION ALL
  MATCH (a)-[r]->(b) WHERE $source IN r.sources
  RETURN 'relationship' AS kind, r.id AS id, type(r) AS type, a.id + ' → ' + b.id AS description
}
RETURN kind, id, type, description
ORDER BY kind, id
