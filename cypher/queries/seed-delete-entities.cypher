// name: seed-delete-entities
// description: Removes entities that left the dataset (or changed label), with any relationship still attached.
// param ids: string[] — Ids
// mode: write
// returns: nothing
// used by: npm run seed
MATCH (n:Entity)
WHERE n.id IN $ids
DETACH DELETE n
