// name: import-set-relationship-properties
// description: After neo4j-admin import: sets the property values a CSV cell cannot hold (empty lists, [""], line breaks) on relationships found by id and endpoints.
// param rows: map[] — Rows {id, from, to, props}
// mode: write
// returns: updated: integer
// used by: npm run db:import, npm run bench:scale
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r]->(:Entity {id: row.to})
WHERE r.id = row.id
SET r += row.props
RETURN count(r) AS updated
