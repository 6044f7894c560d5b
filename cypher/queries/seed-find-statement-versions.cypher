// name: seed-find-statement-versions
// description: For statements a load is about to retract: the latest version before `until` that wrote each (created or corrected it). One pass over the recorded versions' lists for a whole batch; a look-up per statement scanned them all again for each (1.2 s for 1,000 statements over 338 versions).
// param nodeIds: string[] — Ids of node statements
// param relationshipIds: string[] — Ids of relationship statements
// param until: integer — The version that retracts them
// mode: write
// returns: kind: string, statementId: string, since: integer
// used by: npm run seed
MATCH (v:DatasetVersion)
WHERE v.number < $until
UNWIND [id IN v.nodesCreated + v.nodesUpdated WHERE id IN $nodeIds | ['node', id]]
     + [id IN v.relationshipsCreated + v.relationshipsUpdated WHERE id IN $relationshipIds | ['relationship', id]] AS written
RETURN written[0] AS kind, written[1] AS statementId, max(v.number) AS since
