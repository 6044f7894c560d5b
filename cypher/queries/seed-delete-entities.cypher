// Removes entities that left the dataset (or changed label), with any relationship still attached.
MATCH (n:Entity)
WHERE n.id IN $ids
DETACH DELETE n
