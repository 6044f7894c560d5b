// name: list-changes-of-entity
// description: What changed between $from and $to inclusive, one page of it and the total: for every fact (a relationship type between two nodes, and a role's title) with a statement that began or ended in the window, each such day on which the statement standing differs from the day before's. Where statements of a fact disagree on a day, the one with the most sources stands (ties: the smaller id), as in look-through. Worked out in the database, so that the API holds one page however wide the window. Only the facts with $entity at one end, found from that node by its id (an index seek), so the cost follows the entity's own facts, not the graph's size.
// param entity: string — Id of the node one end of the fact must be
// param from: date — First day
// param to: date — Last day
// param types: string[] — Relationship types to look at
// param offset: integer — How many changes to skip
// param limit: integer — Page size
// mode: read
// returns: total: integer, items: map[]
// used by: GET /v1/changes
// Two passes over the same facts, each streaming: the total, then the page (as list-changes).
CALL () {
  // The facts with a statement that began or ended in the window and the entity at one end.
  MATCH (:Entity {id: $entity})-[r:HOLDS_STAKE|OWNS_BRAND|MEMBER_OF|HOLDS_ROLE|HAS_PLAN|HAS_TARGET]-()
  WHERE type(r) IN $types AND ((r.validFrom >= date($from) AND r.validFrom <= date($to)) OR (r.validTo >= date($from) AND r.validTo <= date($to)))
  WITH DISTINCT startNode(r) AS a, endNode(r) AS b, type(r) AS t, CASE type(r) WHEN 'HOLDS_ROLE' THEN coalesce(r.title, '') END AS title
  CALL (a, b, t, title) {
    MATCH (a)-[s]->(b)
    WHERE type(s) = t AND (title IS NULL OR coalesce(s.title, '') = title)
    WITH collect(s) AS group
    UNWIND reduce(ds = [], d IN [x IN group | x.validFrom] + [x IN group | x.validTo] |
      CASE WHEN d IS NULL OR d < date($from) OR d > date($to) OR d IN ds THEN ds ELSE ds + d END) AS day
    WITH group, day, day - duration({days: 1}) AS dayBefore
    WITH day,
      reduce(best = null, x IN group | CASE WHEN (x.validFrom IS NULL OR x.validFrom <= dayBefore) AND (x.validTo IS NULL OR x.validTo > dayBefore)
        AND (best IS NULL OR size(x.sources) > size(best.sources) OR (size(x.sources) = size(best.sources) AND x.id < best.id)) THEN x ELSE best END) AS before,
      reduce(best = null, x IN group | CASE WHEN (x.validFrom IS NULL OR x.validFrom <= day) AND (x.validTo IS NULL OR x.validTo > day)
        AND (best IS NULL OR size(x.sources) > size(best.sources) OR (size(x.sources) = size(best.sources) AND x.id < best.id)) THEN x ELSE best END) AS after
    WHERE (before IS NOT NULL OR after IS NOT NULL)
      AND NOT (before IS NOT NULL AND after IS NOT NULL
        AND all(f IN ['equityPercent', 'votingPercent', 'carriesVotes', 'economicBeneficiary', 'role', 'via'] WHERE coalesce(before[f] = after[f], before[f] IS NULL AND after[f] IS NULL)))
    RETURN count(*) AS changes
  }
  RETURN sum(changes) AS total
}
CALL () {
  // The same facts and changes as for the total, the page of them in order.
  MATCH (:Entity {id: $entity})-[r:HOLDS_STAKE|OWNS_BRAND|MEMBER_OF|HOLDS_ROLE|HAS_PLAN|HAS_TARGET]-()
  WHERE type(r) IN $types AND ((r.validFrom >= date($from) AND r.validFrom <= date($to)) OR (r.validTo >= date($from) AND r.validTo <= date($to)))
  WITH DISTINCT startNode(r) AS a, endNode(r) AS b, type(r) AS t, CASE type(r) WHEN 'HOLDS_ROLE' THEN coalesce(r.title, '') END AS title
  CALL (a, b, t, title) {
    MATCH (a)-[s]->(b)
    WHERE type(s) = t AND (title IS NULL OR coalesce(s.title, '') = title)
    WITH collect(s) AS group
    UNWIND reduce(ds = [], d IN [x IN group | x.validFrom] + [x IN group | x.validTo] |
      CASE WHEN d IS NULL OR d < date($from) OR d > date($to) OR d IN ds THEN ds ELSE ds + d END) AS day
    WITH group, day, day - duration({days: 1}) AS dayBefore
    WITH day,
      reduce(best = null, x IN group | CASE WHEN (x.validFrom IS NULL OR x.validFrom <= dayBefore) AND (x.validTo IS NULL OR x.validTo > dayBefore)
        AND (best IS NULL OR size(x.sources) > size(best.sources) OR (size(x.sources) = size(best.sources) AND x.id < best.id)) THEN x ELSE best END) AS before,
      reduce(best = null, x IN group | CASE WHEN (x.validFrom IS NULL OR x.validFrom <= day) AND (x.validTo IS NULL OR x.validTo > day)
        AND (best IS NULL OR size(x.sources) > size(best.sources) OR (size(x.sources) = size(best.sources) AND x.id < best.id)) THEN x ELSE best END) AS after
    WHERE (before IS NOT NULL OR after IS NOT NULL)
      AND NOT (before IS NOT NULL AND after IS NOT NULL
        AND all(f IN ['equityPercent', 'votingPercent', 'carriesVotes', 'economicBeneficiary', 'role', 'via'] WHERE coalesce(before[f] = after[f], before[f] IS NULL AND after[f] IS NULL)))
    RETURN day, before, after
  }
  WITH a, b, title, day, before, after,
    CASE t WHEN 'HOLDS_STAKE' THEN 'stake' WHEN 'OWNS_BRAND' THEN 'brand' WHEN 'MEMBER_OF' THEN 'membership' WHEN 'HOLDS_ROLE' THEN 'role' WHEN 'HAS_PLAN' THEN 'plan' ELSE 'target' END AS kind
  WITH a, b, day, before, after, kind, kind + ':' + a.id + '>' + b.id + coalesce(':' + title, '') + '@' + toString(day) AS id
  ORDER BY day, id
  SKIP $offset LIMIT $limit
  RETURN collect({
    id: id, date: toString(day), kind: kind, change: CASE WHEN before IS NULL THEN 'began' WHEN after IS NULL THEN 'ended' ELSE 'changed' END,
    from: {id: a.id, name: coalesce(a.name, a.id)}, to: {id: b.id, name: coalesce(b.name, b.id)},
    before: CASE WHEN before IS NULL THEN null ELSE before {.id, .equityPercent, .votingPercent, .carriesVotes, .economicBeneficiary, .role, .title, .via,
      validFrom: toString(before.validFrom), validTo: toString(before.validTo), sources: coalesce(before.sources, [])} END,
    after: CASE WHEN after IS NULL THEN null ELSE after {.id, .equityPercent, .votingPercent, .carriesVotes, .economicBeneficiary, .role, .title, .via,
      validFrom: toString(after.validFrom), validTo: toString(after.validTo), sources: coalesce(after.sources, [])} END
  }) AS items
}
RETURN total, items
