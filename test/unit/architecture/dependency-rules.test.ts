import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type IConfiguration } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/project-files.js';

/**
 * The project's dependency rules (.dependency-cruiser.cjs, run by `npm run lint:deps`) against small trees
 * planted in a temporary folder: the allowed direction passes, and each way back is caught by its rule.
 */
const config = createRequire(import.meta.url)(join(PROJECT_ROOT, '.dependency-cruiser.cjs')) as IConfiguration & { options: Record<string, unknown> };
const planted: string[] = [];

/** Cruises a tree of files (path → imports) laid out like src/ and returns the rules it breaks. */
async function brokenRules(files: Record<string, string[]>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'dependency-rules-'));
  planted.push(root);
  for (const [file, imports] of Object.entries(files)) {
    const path = join(root, file);
    mkdirSync(dirname(path), { recursive: true });
    const lines = imports.map((target, i) => `import * as m${i} from '${target}';\nexport const use${i} = m${i};`);
    writeFileSync(path, `${lines.join('\n')}\nexport const here = '${file}';\n`);
  }
  const { tsConfig: _ignored, ...options } = config.options as Record<string, unknown>;
  const result = await cruise(['src'], { ...options, baseDir: root, ruleSet: { forbidden: config.forbidden ?? [] }, validate: true } as never);
  const output = result.output as { summary: { violations: { rule: { name: string } }[] } };
  return [...new Set(output.summary.violations.map((v) => v.rule.name))].filter((name) => name !== 'no-orphans').sort();
}

describe('the dependency rules', () => {
  afterAll(() => {
    for (const root of planted) rmSync(root, { recursive: true, force: true });
  });

  it('let a request go door → table → use case → repository → db', async () => {
    expect(
      await brokenRules({
        'src/app.ts': ['./routes/things.js', './mcp/server.js'],
        'src/routes/things.ts': ['../operations/table.js', '../use-cases/things.js'],
        'src/mcp/server.ts': ['../operations/table.js'],
        'src/operations/table.ts': ['../use-cases/things.js', '../schemas/things.js'],
        'src/use-cases/things.ts': ['../repositories/thing-repository.js', '../services/things.js'],
        'src/services/things.ts': ['../lib/x.js'],
        'src/repositories/thing-repository.ts': ['../db/runner.js'],
        'src/db/runner.ts': [],
        'src/lib/x.ts': [],
        'src/schemas/things.ts': [],
      }),
    ).toEqual([]);
  });

  it('catch a route that reads a repository or the database itself', async () => {
    expect(
      await brokenRules({
        'src/routes/things.ts': ['../repositories/thing-repository.js', '../db/runner.js'],
        'src/repositories/thing-repository.ts': ['../db/runner.js'],
        'src/db/runner.ts': [],
      }),
    ).toEqual(['doors-call-use-cases']);
  });

  it('catch an MCP tool that reads a repository itself', async () => {
    expect(await brokenRules({ 'src/mcp/server.ts': ['../repositories/thing-repository.js'], 'src/repositories/thing-repository.ts': [] })).toEqual([
      'doors-call-use-cases',
    ]);
  });

  it('catch the ways back: a use case that knows a door, a table that runs queries, a repository that decides', async () => {
    expect(
      await brokenRules({
        'src/use-cases/things.ts': ['../routes/things.js'],
        'src/routes/things.ts': [],
        'src/operations/table.ts': ['../repositories/thing-repository.js'],
        'src/repositories/thing-repository.ts': ['../services/things.js'],
        'src/services/things.ts': [],
      }),
    ).toEqual(['operations-are-declarations', 'repositories-only-use-db', 'use-cases-know-no-door']);
  });

  it('catch a cycle', async () => {
    expect(await brokenRules({ 'src/lib/a.ts': ['./b.js'], 'src/lib/b.ts': ['./a.js'] })).toEqual(['no-circular']);
  });
});

describe('the doors', () => {
  it('never reach the graph through a decorator the rules cannot see (app.repositories)', () => {
    const doors = ['src/routes', 'src/mcp'].flatMap((dir) => readdirSync(join(PROJECT_ROOT, dir)).map((file) => join(dir, file)));
    expect(doors.length).toBeGreaterThan(5);
    const reaching = doors.filter((file) => /\bapp\.(repositories|services)\b/.test(readFileSync(join(PROJECT_ROOT, file), 'utf8')));
    expect(reaching).toEqual([]);
  });
});
