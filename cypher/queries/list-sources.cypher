// name: list-sources
// description: Sources, ordered by id, one page at a time, with the total.
// param limit: integer — Page size
// param offset: integer — How many rows to skip
// mode: read
// returns: total: integer, items: map[]
// used by: GET /v1/sources
CALL () {
  MATCH (s:Source)
  RETURN count(s) AS total
}
CALL () {
  MATCH (s:Source)
  WITH s ORDER BY s.id SKIP $offset LIMIT $limit
  RETURN collect(s {.id, .kind, .title, .publisher, .author, .reviewer, .url, publishedOn: toString(s.publishedOn), .publishedOnPrecision, .language, .note}) AS items
}
RETURN total, items
