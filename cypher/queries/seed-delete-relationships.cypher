// name: seed-delete-relationships
// description: Removes relationships that left the dataset (or changed type or endpoints).
// param ids: string[] — Ids
// mode: write
// returns: nothing
// used by: npm run seed
MATCH ()-[r]->()
WHERE r.id IN $ids
DELETE r
