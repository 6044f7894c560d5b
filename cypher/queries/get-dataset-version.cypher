// name: get-dataset-version
// description: The content hash of the dataset loaded into the graph, or no row when none is.
// mode: read
// returns: version: string, files: string[], reviewedOn: date?
// used by: npm run seed, ETags
MATCH (d:Dataset {id: 'current'})
RETURN d.version AS version, d.files AS files, d.reviewedOn AS reviewedOn
