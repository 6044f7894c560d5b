// name: read-graph-content
// description: Everything but the Dataset stamp and the version history (versions and retracted statements), for the content checksum: nodes first, then relationships.
// mode: read
// returns: kind: string, labels: string[]?, type: string?, from: string?, to: string?, props: map
// used by: npm run seed (integrity line), tests
MATCH (n)
WHERE NOT n:Dataset AND NOT n:DatasetVersion AND NOT n:Retracted
RETURN 'node' AS kind, labels(n) AS labels, null AS type, null AS from, null AS to, properties(n) AS props
UNION ALL
MATCH (a)-[r]->(b)
RETURN 'relationship' AS kind, [] AS labels, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props
