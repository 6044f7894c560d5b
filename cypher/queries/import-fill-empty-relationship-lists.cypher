// name: import-fill-empty-relationship-lists
// description: After neo4j-admin import (which drops empty lists): gives every relationship of the type that lacks the property an empty list, in transactions of 10,000 relationships.
// param type: string — Relationship type whose every row has the property
// param key: string — Property name
// mode: write
// returns: nothing
// used by: npm run db:import, npm run bench:scale
MATCH ()-[r:$($type)]->()
WHERE r[$key] IS NULL
CALL (r) {
  SET r[$key] = []
} IN TRANSACTIONS OF 10000 ROWS
