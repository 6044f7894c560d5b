// name: list-change-events
// description: The events behind changes: those whose `changes` list names one of $statements, and those on one of $dates, with the nodes each involves.
// param dates: string[] — Days (YYYY-MM-DD) on which facts changed
// param statements: string[] — Ids of the statements that began or ended
// mode: read
// returns: event: map
// used by: GET /v1/changes
MATCH (e:Event)
WHERE any(id IN coalesce(e.changes, []) WHERE id IN $statements) OR e.occurredOn IN [d IN $dates | date(d)]
OPTIONAL MATCH (e)-[:INVOLVES]->(x)
WITH e, x ORDER BY x.id
WITH e, collect(x.id) AS involves
RETURN e {.id, .name, .kind, occurredOn: toString(e.occurredOn), changes: coalesce(e.changes, []), .sources, involves: involves} AS event
ORDER BY e.occurredOn, e.id
