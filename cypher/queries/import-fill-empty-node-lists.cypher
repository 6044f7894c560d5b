// name: import-fill-empty-node-lists
// description: After neo4j-admin import (which drops empty lists): gives every node of the label that lacks the property an empty list, in transactions of 10,000 nodes.
// param label: string — Node label whose every row has the property
// param key: string — Property name
// mode: write
// returns: nothing
// used by: npm run db:import, npm run bench:scale
MATCH (n:$($label))
WHERE n[$key] IS NULL
CALL (n) {
  SET n[$key] = []
} IN TRANSACTIONS OF 10000 ROWS
