// name: list-retracted
// description: Retracted statements (corrected or removed by a later load), with the range of versions [since, until) in which they stood; only those standing at some version in [$from, $to].
// param from: integer — First version
// param to: integer — Last version
// mode: read
// returns: statement: map
// used by: GET /v1/versions/{a}/diff/{b}, knownAt
MATCH (r:Retracted)
WHERE r.since <= $to AND r.until > $from
RETURN r {.statementId, .kind, .type, .from, .to, .props, .since, .until} AS statement
ORDER BY r.statementId, r.since
