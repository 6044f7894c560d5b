// name: await-indexes
// description: Waits (up to 60 s) until every index is online, so that "schema applied" means "usable".
// mode: write
// returns: nothing
// used by: npm run db:migrate, start-up
CALL db.awaitIndexes(60)
