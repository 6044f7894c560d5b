// name: list-companies
// description: Companies ordered by id, filtered by country and by membership of an alliance as of $asOf (null filters match all).
// param alliance: string? — Only members of this alliance (null: any)
// param asOf: date — The day the answer is for
// param country: string? — ISO 3166-1 alpha-2 code (null: any)
// param limit: integer — Page size
// param offset: integer — How many rows to skip
// mode: read
// returns: total: integer, items: map[]
// used by: GET /v1/companies
CALL () {
  MATCH (c:Company)
  WHERE ($country IS NULL OR c.country = $country)
    AND ($alliance IS NULL OR EXISTS {
      MATCH (c)-[m:MEMBER_OF]->(:Alliance {id: $alliance})
      WHERE (m.validFrom IS NULL OR m.validFrom <= date($asOf)) AND (m.validTo IS NULL OR m.validTo > date($asOf))
    })
  RETURN count(c) AS total
}
CALL () {
  MATCH (c:Company)
  WHERE ($country IS NULL OR c.country = $country)
    AND ($alliance IS NULL OR EXISTS {
      MATCH (c)-[m:MEMBER_OF]->(:Alliance {id: $alliance})
      WHERE (m.validFrom IS NULL OR m.validFrom <= date($asOf)) AND (m.validTo IS NULL OR m.validTo > date($asOf))
    })
  WITH c ORDER BY c.id SKIP $offset LIMIT $limit
  RETURN collect(c {.id, .name, .aliases, .country, .kind, .description, validFrom: toString(c.validFrom), validTo: toString(c.validTo), .sources}) AS items
}
RETURN total, items
