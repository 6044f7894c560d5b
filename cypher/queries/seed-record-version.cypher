// name: seed-record-version
// description: Records one load of data/ as a dataset version: its content hash, load time, counts, message, and the ids of the statements it created, corrected or removed.
// param files: string[] — Dataset file names
// param hash: string — Dataset content hash
// param loadedAt: string — ISO timestamp of the load
// param message: string? — What the load was for (null: none given)
// param nodesCorrectedCount: integer — Nodes corrected
// param nodesCreatedCount: integer — Nodes created
// param nodesRemovedCount: integer — Nodes removed
// param nodeCount: integer — Nodes (entities and sources) in the dataset
// param nodesCreated: string[] — Ids of nodes created
// param nodesRemoved: string[] — Ids of nodes removed
// param nodesUpdated: string[] — Ids of nodes whose properties were corrected
// param number: integer — Version number (1, 2, …)
// param relationshipsCorrectedCount: integer — Relationships corrected
// param relationshipsCreatedCount: integer — Relationships created
// param relationshipsRemovedCount: integer — Relationships removed
// param relationshipCount: integer — Relationships in the dataset
// param relationshipsCreated: string[] — Ids of relationships created
// param relationshipsRemoved: string[] — Ids of relationships removed
// param relationshipsUpdated: string[] — Ids of relationships whose properties were corrected
// mode: write
// returns: nothing
// used by: npm run seed
CREATE (v:DatasetVersion {number: $number})
SET v.hash = $hash, v.loadedAt = datetime($loadedAt), v.message = $message, v.files = $files,
    v.nodeCount = $nodeCount, v.relationshipCount = $relationshipCount,
    v.nodeChanges = [$nodesCreatedCount, $nodesCorrectedCount, $nodesRemovedCount],
    v.relationshipChanges = [$relationshipsCreatedCount, $relationshipsCorrectedCount, $relationshipsRemovedCount],
    v.nodesCreated = $nodesCreated, v.nodesUpdated = $nodesUpdated, v.nodesRemoved = $nodesRemoved,
    v.relationshipsCreated = $relationshipsCreated, v.relationshipsUpdated = $relationshipsUpdated, v.relationshipsRemoved = $relationshipsRemoved
