// The sources named by a response, fetched in one query to expand ?include=sources.
MATCH (s:Source)
WHERE s.id IN $ids
RETURN s {.id, .kind, .title, .publisher, .author, .reviewer, .url, .publishedOn, .publishedOnPrecision, .language, .note} AS source
