// name: search-entities
// description: Full-text search over names and aliases (index entity_names), ranked by score, then id.
// param limit: integer — Page size
// param offset: integer — How many rows to skip
// param query: string — A Lucene query for the full-text index entity_names
// mode: read
// returns: total: integer, items: map[]
// used by: GET /v1/search
CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
WITH node, score ORDER BY score DESC, node.id
WITH collect({id: node.id, type: [l IN labels(node) WHERE l <> 'Entity'][0], name: node.name, aliases: node.aliases, score: score}) AS hits
RETURN size(hits) AS total, hits[$offset..($offset + $limit)] AS items
