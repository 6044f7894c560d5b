// name: seed-upsert-relationships
// description: Creates or replaces relationships between entities, matched by their stable ids.
// param rows: map[] — Rows to write
// mode: write
// returns: nothing
// used by: npm run seed
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
SET r = row.props
