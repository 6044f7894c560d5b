// name: get-latest-dataset-version
// description: The newest recorded load of data/ (number, hash, when), or no row when none is recorded: what an answer names as its dataVersion, without reading the whole history and its lists of changed ids.
// mode: read
// returns: version: map
// used by: GET /v1/ownership/effective, /explain, /ultimate, /controller, GET /v1/changes
MATCH (v:DatasetVersion)
RETURN v {.number, .hash, loadedAt: toString(v.loadedAt)} AS version
ORDER BY v.number DESC
LIMIT 1
