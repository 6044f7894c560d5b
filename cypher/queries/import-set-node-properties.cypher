// name: import-set-node-properties
// description: After neo4j-admin import: sets the property values a CSV cell cannot hold (empty lists, [""], line breaks) on nodes found by id space and id.
// param rows: map[] — Rows {space: 'Entity' | 'Source' | 'Dataset', id, props}
// mode: write
// returns: updated: integer
// used by: npm run db:import, npm run bench:scale
UNWIND $rows AS row
OPTIONAL MATCH (e:Entity {id: row.id}) WHERE row.space = 'Entity'
OPTIONAL MATCH (s:Source {id: row.id}) WHERE row.space = 'Source'
OPTIONAL MATCH (d:Dataset {id: row.id}) WHERE row.space = 'Dataset'
WITH row, coalesce(e, s, d) AS n
SET n += row.props
RETURN count(n) AS updated
