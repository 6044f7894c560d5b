// name: seed-read-version-history
// description: The number of the latest recorded dataset version (null when none is recorded), for the seed to number the next one.
// mode: read
// returns: number: integer?
// used by: npm run seed
MATCH (v:DatasetVersion)
RETURN max(v.number) AS number
