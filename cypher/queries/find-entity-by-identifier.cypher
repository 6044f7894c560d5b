// name: find-entity-by-identifier
// description: The entity that carries an identifier, by its key "scheme:value".
// param key: string — scheme:value, e.g. isin:FR0000131906
// mode: read
// returns: id: string, type: string, name: string
// used by: GET /v1/identifiers/{scheme}/{value}
MATCH (n:Entity) WHERE $key IN n.identifierKeys
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS type, n.name AS name
ORDER BY n.id
LIMIT 1
