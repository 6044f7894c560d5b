// Sources, ordered by id, one page at a time, with the total.
CALL () {
  MATCH (s:Source)
  RETURN count(s) AS total
}
CALL () {
  MATCH (s:Source)
  WITH s ORDER BY s.id SKIP $offset LIMIT $limit
  RETURN collect(s {.id, .kind, .title, .publisher, .author, .reviewer, .url, .publishedOn, .publishedOnPrecision, .language, .note}) AS items
}
RETURN total, items
