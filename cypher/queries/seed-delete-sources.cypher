// Removes sources that left the dataset.
MATCH (s:Source)
WHERE s.id IN $ids
DETACH DELETE s
