// name: list-timeline
// description: Dated entries between $from and $to (inclusive): events; the starts and ends of memberships, stakes, brand ownership and people's roles; and target years. Ordered by date, then id.
// param alliance: string? — Only entries about this alliance or group, its members (in any period) or their brands (null: all)
// param from: date? — First day (null: no bound)
// param limit: integer — Page size
// param offset: integer — How many rows to skip
// param to: date? — Last day (null: no bound)
// mode: read
// returns: total: integer, items: map[]
// used by: GET /v1/timeline
CALL () {
  OPTIONAL MATCH (m:Company)-[:MEMBER_OF]->(:Alliance {id: $alliance})
  OPTIONAL MATCH (m)-[:OWNS_BRAND]->(b:Brand)
  RETURN [$alliance] + collect(DISTINCT m.id) + collect(DISTINCT b.id) AS scope
}
CALL () {
  MATCH (e:Event)
  OPTIONAL MATCH (e)-[:INVOLVES]->(x:Entity)
  WITH e, x ORDER BY x.id
  WITH e, collect(CASE WHEN x IS NOT NULL THEN {id: x.id, type: [l IN labels(x) WHERE l <> 'Entity'][0], name: x.name} END) AS entities
  RETURN 'event:' + e.id AS id, e.occurredOn AS date, coalesce(e.occurredOnPrecision, 'day') AS datePrecision, e.kind AS kind, e.name AS title, e.description AS description, entities, e.sources AS sources
  UNION ALL
  MATCH (a:Company)-[r:MEMBER_OF|HOLDS_STAKE|OWNS_BRAND]->(b:Entity)
  WHERE r.validFrom IS NOT NULL
  RETURN 'start:' + r.id AS id, r.validFrom AS date, coalesce(r.validFromPrecision, 'day') AS datePrecision,
         CASE type(r) WHEN 'MEMBER_OF' THEN 'member-joined' WHEN 'HOLDS_STAKE' THEN 'stake-change' ELSE 'brand-change' END AS kind,
         CASE type(r)
           WHEN 'MEMBER_OF' THEN a.name + ' becomes a ' + replace(r.role, '-', ' ') + ' of ' + b.name
           WHEN 'HOLDS_STAKE' THEN a.name + ' holds ' + toString(r.equityPercent) + '% of ' + b.name + CASE WHEN r.carriesVotes THEN '' ELSE ' (without votes)' END
           ELSE a.name + ' owns the brand ' + b.name END AS title,
         r.note AS description,
         [{id: a.id, type: 'Company', name: a.name}, {id: b.id, type: [l IN labels(b) WHERE l <> 'Entity'][0], name: b.name}] AS entities,
         r.sources AS sources
  UNION ALL
  MATCH (a:Company)-[r:MEMBER_OF|OWNS_BRAND]->(b:Entity)
  WHERE r.validTo IS NOT NULL
  RETURN 'end:' + r.id AS id, r.validTo AS date, 'day' AS datePrecision,
         CASE type(r) WHEN 'MEMBER_OF' THEN 'member-left' ELSE 'brand-change' END AS kind,
         CASE type(r) WHEN 'MEMBER_OF' THEN a.name + ' leaves ' + b.name ELSE a.name + ' no longer owns the brand ' + b.name END AS title,
         r.note AS description,
         [{id: a.id, type: 'Company', name: a.name}, {id: b.id, type: [l IN labels(b) WHERE l <> 'Entity'][0], name: b.name}] AS entities,
         r.sources AS sources
  UNION ALL
  MATCH (p:Person)-[r:HOLDS_ROLE]->(o:Entity)
  UNWIND [x IN [['start', r.validFrom, coalesce(r.validFromPrecision, 'day'), 'role-started', p.name + ' becomes ' + r.title + ', ' + o.name],
                ['end', r.validTo, 'day', 'role-ended', p.name + ' is no longer ' + r.title + ', ' + o.name]] WHERE x[1] IS NOT NULL] AS x
  RETURN x[0] + ':' + r.id AS id, x[1] AS date, x[2] AS datePrecision, x[3] AS kind, x[4] AS title, r.note AS description,
         [{id: p.id, type: 'Person', name: p.name}, {id: o.id, type: [l IN labels(o) WHERE l <> 'Entity'][0], name: o.name}] AS entities,
         r.sources AS sources
  UNION ALL
  MATCH (t:Target)
  WHERE t.year IS NOT NULL
  OPTIONAL MATCH (holder:Entity)-[:HAS_TARGET]->(t)
  WITH t, collect(CASE WHEN holder IS NOT NULL THEN {id: holder.id, type: [l IN labels(holder) WHERE l <> 'Entity'][0], name: holder.name} END) AS holders
  RETURN 'target:' + t.id AS id, date({year: t.year, month: 1, day: 1}) AS date, 'year' AS datePrecision, 'target-year' AS kind,
         'Target: ' + t.name AS title, t.description AS description,
         holders + [{id: t.id, type: 'Target', name: t.name}] AS entities, t.sources AS sources
}
WITH scope, id, date, datePrecision, kind, title, description, entities, sources
WHERE ($from IS NULL OR date >= date($from)) AND ($to IS NULL OR date <= date($to))
  AND ($alliance IS NULL OR any(x IN entities WHERE x.id IN scope))
WITH * ORDER BY date, id
WITH collect({id: id, date: date, datePrecision: datePrecision, kind: kind, title: title, description: description, entities: entities, sources: sources}) AS rows
RETURN size(rows) AS total, rows[$offset..($offset + $limit)] AS items
