import { resolve } from 'node:path';
import { DatasetError, readDataset } from '../src/services/dataset/read-dataset.js';
import { indexIdsByFile, ledgerFiguresOf, unquotedFigures } from '../src/services/dataset/evidence.js';
import { checkDatasetRules } from '../src/services/dataset/rules.js';

/** npm run data:check [folder]: loads the dataset, runs the consistency rules and the evidence check. */
const dir = resolve(process.argv[2] ?? 'data');
try {
  const dataset = readDataset(dir);
  const files = indexIdsByFile(dir);
  const fileOf = (id: string) => files.get(id) ?? dir;
  const problems = checkDatasetRules(dataset, fileOf);
  const ledger = ledgerFiguresOf(dataset.relationships, dataset.shareCapital ?? []);
  for (const item of [...dataset.nodes, ...dataset.relationships, ...(dataset.shareCapital ?? [])]) {
    const missing = unquotedFigures(item, ledger);
    if (missing.length > 0) problems.push({ file: fileOf(item.id), id: item.id, rule: 'evidence-figures', message: `no quote states ${missing.join(', ')}` });
  }
  const claims = [...dataset.nodes, ...dataset.relationships, ...(dataset.shareCapital ?? [])];
  const quoted = claims.filter((c) => (c.citations ?? []).length > 0).length;
  for (const p of problems) console.error(`${p.file}: ${p.id}: [${p.rule}] ${p.message}`);
  console.log(`${claims.length} claims, ${quoted} with quotes; reviewed on ${dataset.reviewedOn ?? '(not stated)'}; ${problems.length} problem(s)`);
  process.exitCode = problems.length > 0 ? 1 : 0;
} catch (error) {
  if (error instanceof DatasetError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
}
