// name: list-company-names
// description: The ids and names of those of the given ids that are companies, to name many holders in one query.
// param ids: string[] — Ids of the entities
// mode: read
// returns: id: string, name: string
// used by: GET /v1/changes
MATCH (c:Company)
WHERE c.id IN $ids
RETURN c.id AS id, c.name AS name
ORDER BY id
