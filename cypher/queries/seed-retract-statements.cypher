// name: seed-retract-statements
// description: Keeps the statements a load corrected or removed as Retracted nodes instead of losing them: their content, and the range of versions in which they stood (since: the latest earlier version that wrote them, 0 when written before versions were recorded; until: the version that retracted them).
// param rows: map[] — {statementId, kind ('node' or 'relationship'), type (label or relationship type), from, to, props (canonical JSON), values (a relationship's properties, typed, for Cypher to read)}
// param until: integer — The version that retracts them
// mode: write
// returns: nothing
// used by: npm run seed
UNWIND $rows AS row
CALL (row) {
  OPTIONAL MATCH (v:DatasetVersion)
  WHERE v.number < $until
    AND (CASE row.kind WHEN 'node' THEN row.statementId IN v.nodesCreated OR row.statementId IN v.nodesUpdated
                       ELSE row.statementId IN v.relationshipsCreated OR row.statementId IN v.relationshipsUpdated END)
  RETURN coalesce(max(v.number), 0) AS since
}
CREATE (x:Retracted)
SET x += row.values
SET x.statementId = row.statementId, x.kind = row.kind, x.type = row.type, x.from = row.from, x.to = row.to, x.props = row.props, x.since = since, x.until = $until
