// name: seed-upsert-sources
// description: Creates or replaces sources; SET = makes the file the truth for every property.
// param rows: map[] — Rows to write
// mode: write
// returns: nothing
// used by: npm run seed
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s = row.props
