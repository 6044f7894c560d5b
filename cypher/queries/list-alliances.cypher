// name: list-alliances
// description: Alliances as of $asOf, ordered by id, one page at a time, with the number of members on that day.
// param asOf: date — The day the answer is for
// param country: string? — ISO country code of a member on $asOf, or null for all
// param kind: string? — Kind of alliance (group, capital alliance …), or null for all
// param limit: integer — Page size
// param offset: integer — How many rows to skip
// mode: read
// returns: total: integer, items: map[]
// used by: GET /v1/alliances
CALL () {
  MATCH (a:Alliance)
  WHERE ($kind IS NULL OR a.kind = $kind)
    AND ($country IS NULL OR EXISTS {
      MATCH (c:Company {country: $country})-[m:MEMBER_OF]->(a)
      WHERE (m.validFrom IS NULL OR m.validFrom <= date($asOf)) AND (m.validTo IS NULL OR m.validTo > date($asOf))
    })
  RETURN a
}
WITH collect(a) AS matched
CALL (matched) {
  RETURN size(matched) AS total
}
CALL (matched) {
  UNWIND matched AS a
  WITH a ORDER BY a.id SKIP $offset LIMIT $limit
  CALL (a) {
    MATCH (c:Company)-[m:MEMBER_OF]->(a)
    WHERE (m.validFrom IS NULL OR m.validFrom <= date($asOf)) AND (m.validTo IS NULL OR m.validTo > date($asOf))
    RETURN count(c) AS memberCount
  }
  RETURN collect(a {.id, .name, .aliases, .kind, .nationality, foundedOn: toString(a.foundedOn), validFrom: toString(a.validFrom), validTo: toString(a.validTo), .sources, memberCount: memberCount}) AS items
}
RETURN total, items
