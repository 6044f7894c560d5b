/**
 * `npm run openapi`: writes openapi/openapi.json from the app's routes and zod schemas, and the typed
 * client's types (client/api-types.ts) from it. `npm run openapi -- --check` fails when either file
 * differs from what the code generates (the drift test runs the same comparison).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { generateArtefacts, OPENAPI_FILE, CLIENT_TYPES_FILE } from '../src/openapi/generate.js';

const check = process.argv.includes('--check');
const artefacts = await generateArtefacts();
let drift = false;
for (const [file, text] of [
  [OPENAPI_FILE, artefacts.openapi],
  [CLIENT_TYPES_FILE, artefacts.clientTypes],
] as const) {
  const current = (() => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  })();
  if (current === text) continue;
  if (check) {
    console.error(`${file} is out of date: run npm run openapi`);
    drift = true;
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}
process.exit(drift ? 1 : 0);
