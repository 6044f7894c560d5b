// Stamps the graph with the dataset's content hash; caches key on it.
MERGE (d:Dataset {id: 'current'})
SET d.version = $version, d.files = $files
