// name: seed-read-relationships
// description: Every relationship the dataset owns (those with an id), for the seed's diff.
// mode: read
// returns: id: string, type: string, from: string, to: string, props: map
// used by: npm run seed, GET /v1/export
MATCH (a)-[r]->(b)
WHERE r.id IS NOT NULL
RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props
