import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_DIR, PROJECT_ROOT } from '../../../../src/project-files.js';

const run = promisify(execFile);
const copy = mkdtempSync(join(tmpdir(), 'ledger-check-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** `npm run data:check` on a folder: its exit code and what it printed. */
async function dataCheck(dir: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'scripts', 'data-check.ts'), dir], { cwd: PROJECT_ROOT });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('data:check holds every stated percentage to the share ledger', () => {
  it('passes on the project’s data', async () => {
    const { code, out } = await dataCheck(DATA_DIR);
    expect(out).toMatch(/; 0 problem\(s\)/);
    expect(code).toBe(0);
  }, 60_000);

  it('fails, naming file, id and difference, when a copy moves Nissan’s cancellation of 15 December 2023 to 20 January 2024', async () => {
    cpSync(DATA_DIR, join(copy, 'data'), { recursive: true });
    const ledger = join(copy, 'data', 'alliance', 'ledger-nissan-mitsubishi.yaml');
    const text = readFileSync(ledger, 'utf8');
    const moved = text
      .replace('    validFrom: 2023-12-13\n    validTo: 2023-12-15\n', '    validFrom: 2023-12-13\n    validTo: 2024-01-20\n')
      .replace(
        '  - id: nissan-capital-2023-12-15\n    company: nissan\n    validFrom: 2023-12-15\n',
        '  - id: nissan-capital-2023-12-15\n    company: nissan\n    validFrom: 2024-01-20\n',
      );
    expect(moved).not.toBe(text);
    writeFileSync(ledger, moved);
    const { code, out } = await dataCheck(join(copy, 'data'));
    expect(code).toBe(1);
    // The trust's 24.63% describes 15 December 2023; with the old capital that day the ledger gives 23.40%.
    expect(out).toMatch(
      /data\/alliance\/relationships\.yaml: trust-stake-nissan-2023-12: \[ledger-agrees\] states 24\.63% \(issued basis\) on 2023-12-15; the share ledger derives 23\.40\d*% \(difference -1\.2\d* points\)/,
    );
  }, 60_000);
});
