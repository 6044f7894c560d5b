// Waits (up to 60 s) until every index is online, so that "schema applied" means "usable".
CALL db.awaitIndexes(60)
