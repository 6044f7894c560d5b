// Creates or replaces sources; SET = makes the file the truth for every property.
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s = row.props
