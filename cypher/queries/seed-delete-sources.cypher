// name: seed-delete-sources
// description: Removes sources that left the dataset.
// param ids: string[] — Ids
// mode: write
// returns: nothing
// used by: npm run seed
MATCH (s:Source)
WHERE s.id IN $ids
DETACH DELETE s
