// name: list-dataset-versions
// description: Every recorded load of data/, newest first, with its counts and what it created, corrected and removed.
// mode: read
// returns: version: map
// used by: GET /v1/versions, knownAt
MATCH (v:DatasetVersion)
RETURN v {.number, .hash, loadedAt: toString(v.loadedAt), .message, .files, .nodeCount, .relationshipCount, .nodeChanges, .relationshipChanges,
          .nodesCreated, .nodesUpdated, .nodesRemoved, .relationshipsCreated, .relationshipsUpdated, .relationshipsRemoved} AS version
ORDER BY v.number DESC
