// name: seed-upsert-nodes
// description: Creates or replaces entities. Every entity also carries :Entity, so any id resolves through one index.
// param rows: map[] — Rows to write
// mode: write
// returns: nothing
// used by: npm run seed
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props
SET n:$(row.label)
