// Which of the given ids exist as entities, to tell the caller which one is unknown.
MATCH (n:Entity)
WHERE n.id IN $ids
RETURN collect(n.id) AS found
