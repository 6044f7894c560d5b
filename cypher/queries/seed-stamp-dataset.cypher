// name: seed-stamp-dataset
// description: Stamps the graph with the dataset's content hash; caches key on it.
// param files: string[] — Dataset file names
// param reviewedOn: string? — The day the dataset was last reviewed (null: not stated)
// param version: string — Dataset content hash
// mode: write
// returns: nothing
// used by: npm run seed
MERGE (d:Dataset {id: 'current'})
SET d.version = $version, d.files = $files, d.reviewedOn = $reviewedOn
