// name: search-names
// description: Candidates for a name in any script: the folded index (words, prefixes, typos) and the CJK index (bigrams), best score per entity.
// param query: string? — Lucene query for entity_names_folded (null: not asked)
// param cjkQuery: string? — Lucene query for entity_names_cjk (null: not asked)
// param types: string[]? — Only entities with one of these labels (null: any)
// param limit: integer — Candidates at most
// mode: read
// returns: id: string, type: string, name: string, aliases: string[], otherNames: string[], foldedNames: string[], country: string?, description: string?, sources: string[], score: number
// used by: GET /v1/search, GET /v1/suggest, /v1/reconcile, MCP search tool
UNWIND [['entity_names_folded', $query], ['entity_names_cjk', $cjkQuery]] AS asked
WITH asked WHERE asked[1] IS NOT NULL
CALL db.index.fulltext.queryNodes(asked[0], asked[1], {limit: $limit}) YIELD node, score
WITH node, score WHERE $types IS NULL OR any(l IN labels(node) WHERE l IN $types)
WITH node, max(score) AS score
ORDER BY score DESC, node.id
LIMIT $limit
RETURN node.id AS id, [l IN labels(node) WHERE l <> 'Entity'][0] AS type, node.name AS name,
       coalesce(node.aliases, []) AS aliases, coalesce(node.otherNames, []) AS otherNames,
       coalesce(node.foldedNames, []) AS foldedNames, node.country AS country, node.description AS description,
       coalesce(node.sources, []) AS sources, score
