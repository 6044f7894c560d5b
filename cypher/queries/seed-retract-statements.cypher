// name: seed-retract-statements
// description: Keeps the statements a load corrected or removed as Retracted nodes instead of losing them: their content, and the range of versions in which they stood (since: the latest earlier version that wrote them, found by seed-find-statement-versions, 0 when written before versions were recorded; until: the version that retracted them).
// param rows: map[] — {statementId, kind ('node' or 'relationship'), type (label or relationship type), from, to, props (canonical JSON), values (a relationship's properties, typed, for Cypher to read), since}
// param until: integer — The version that retracts them
// mode: write
// returns: nothing
// used by: npm run seed
UNWIND $rows AS row
CREATE (x:Retracted)
SET x += row.values
SET x.statementId = row.statementId, x.kind = row.kind, x.type = row.type, x.from = row.from, x.to = row.to, x.props = row.props, x.since = toInteger(row.since), x.until = $until
