/** `npm run queries`: writes src/db/queries.generated.ts from the headers of cypher/queries/*.cypher. */
import { writeFileSync } from 'node:fs';
import { CypherFiles } from '../src/db/cypher-files.js';
import { renderQueriesModule } from '../src/db/generate-queries.js';
import { CYPHER_QUERIES_DIR, GENERATED_QUERIES_FILE } from '../src/project-files.js';

const files = new CypherFiles(CYPHER_QUERIES_DIR).list();
writeFileSync(GENERATED_QUERIES_FILE, renderQueriesModule(files));
console.log(`${files.length} queries → src/db/queries.generated.ts`);
