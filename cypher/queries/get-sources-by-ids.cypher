// name: get-sources-by-ids
// description: The sources named by a response, fetched in one query to expand ?include=sources.
// param ids: string[] — Ids
// mode: read
// returns: source: map
// used by: any endpoint with include=sources
MATCH (s:Source)
WHERE s.id IN $ids
RETURN s {.id, .kind, .title, .publisher, .author, .reviewer, .url, publishedOn: toString(s.publishedOn), .publishedOnPrecision, .language, .note} AS source
