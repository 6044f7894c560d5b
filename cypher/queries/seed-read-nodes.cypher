// name: seed-read-nodes
// description: Every node the dataset owns (entities and sources) with its label and properties, for the seed's diff.
// mode: read
// returns: id: string, label: string, props: map
// used by: npm run seed, GET /v1/export
MATCH (n)
WHERE n:Entity OR n:Source
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, properties(n) AS props
