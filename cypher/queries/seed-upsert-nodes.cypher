// Creates or replaces entities. Every entity also carries :Entity, so any id resolves through one index.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props
SET n:$(row.label)
