// Removes relationships that left the dataset (or changed type or endpoints).
MATCH ()-[r]->()
WHERE r.id IN $ids
DELETE r
