import { spawn } from 'node:child_process';
import { once } from 'node:events';
import neo4j from 'neo4j-driver';
import { describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/project-files.js';

describe('npm start (scripts/start.ts)', () => {
  it('reuses the running Neo4j, answers ready, and on SIGINT exits 0 leaving that Neo4j running', async () => {
    const db = inject('neo4j');
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'warn', NEO4J_PASSWORD: db.password };
    // With the project's local Neo4j, leave NEO4J_URI unset so the "start or reuse" path is the one exercised.
    if (db.choice === 'local') delete env.NEO4J_URI;
    else env.NEO4J_URI = db.uri;

    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: PROJECT_ROOT, env });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 25_000);
        child.stdout.on('data', () => {
          const match = /API on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      if (db.choice === 'local') expect(output).toContain('Reusing the Neo4j running at bolt://127.0.0.1:7687');

      let ready: Response | undefined;
      for (let i = 0; i < 40 && ready?.status !== 200; i += 1) {
        ready = await fetch(`${url}/health/ready`);
        if (ready.status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(ready?.status).toBe(200);
      expect(((await ready!.json()) as { status: string }).status).toBe('ready');
    } finally {
      child.kill('SIGINT');
    }
    const [code] = await once(child, 'exit');
    expect(code, output).toBe(0);
    expect(output).not.toContain('Stopping the local Neo4j');

    const driver = neo4j.driver(db.uri, neo4j.auth.basic(db.user, db.password));
    try {
      const info = await driver.getServerInfo();
      expect(info.agent).toMatch(/^Neo4j\/5\.26\./);
    } finally {
      await driver.close();
    }
  });
});
