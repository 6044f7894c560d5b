// name: list-brands
// description: Brands by name with their owner and status as of $asOf: active while an ownership holds that day, former once every ownership has ended, future before the first one starts. Filters: owner, status, alliance.
// param alliance: string? — Only members of this alliance (null: any)
// param asOf: date — The day the answer is for
// param limit: integer — Page size
// param offset: integer — How many rows to skip
// param owner: string? — Only brands this company owns (null: any)
// param status: string? — "active", "former" or "future" (null: any)
// mode: read
// returns: total: integer, items: map[]
// used by: GET /v1/brands
MATCH (b:Brand)
OPTIONAL MATCH (c:Company)-[o:OWNS_BRAND]->(b)
WHERE (o.validFrom IS NULL OR o.validFrom <= date($asOf)) AND (o.validTo IS NULL OR o.validTo > date($asOf))
WITH b, c AS owner, o AS ownership ORDER BY c.id
WITH b, head(collect({owner: owner, ownership: ownership})) AS current
WITH b, current.owner AS owner, current.ownership AS ownership
WITH b, owner, ownership,
     CASE WHEN owner IS NOT NULL THEN 'active'
          WHEN EXISTS { MATCH (:Company)-[p:OWNS_BRAND]->(b) WHERE p.validTo IS NOT NULL AND p.validTo <= date($asOf) } THEN 'former'
          ELSE 'future' END AS status
WHERE ($owner IS NULL OR owner.id = $owner)
  AND ($status IS NULL OR status = $status)
  AND ($alliance IS NULL OR (owner IS NOT NULL AND EXISTS {
    MATCH (owner)-[m:MEMBER_OF]->(:Alliance {id: $alliance})
    WHERE (m.validFrom IS NULL OR m.validFrom <= date($asOf)) AND (m.validTo IS NULL OR m.validTo > date($asOf))
  }))
WITH b, owner, ownership, status ORDER BY b.name, b.id
WITH collect(b {.id, .name, .aliases, .segment, validFrom: toString(b.validFrom), validTo: toString(b.validTo), .sources, status: status,
                owner: CASE WHEN owner IS NULL THEN null ELSE {id: owner.id, name: owner.name} END,
                via: ownership.via}) AS rows
RETURN size(rows) AS total, rows[$offset..($offset + $limit)] AS items
