import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR } from '../../src/project-files.js';

/** A temporary copy of data/ with one file's text changed, for malformed-dataset tests. */
export function datasetCopy(edit?: { file: string; change: (text: string) => string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'dataset-'));
  cpSync(DATA_DIR, dir, { recursive: true });
  if (edit) {
    const path = join(dir, edit.file);
    const before = readFileSync(path, 'utf8');
    const after = edit.change(before);
    if (after === before) throw new Error(`the edit of ${edit.file} changed nothing`);
    writeFileSync(path, after);
  }
  return dir;
}
