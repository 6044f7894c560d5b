import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/project-files.js';
import { imageEnv, readRuntimeStage } from '../../support/image.js';

describe('the Docker image, assembled without Docker', () => {
  it('reads the runtime stage of the Dockerfile', () => {
    const stage = readRuntimeStage(readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8'));
    // The heap limit bounds the process's memory under load (bench/profile.md); the test runs the CMD with it.
    expect(stage.cmd).toEqual(['node', '--max-old-space-size=96', '--max-semi-space-size=4', '--no-allocation-site-pretenuring', 'dist/scripts/start.js']);
    expect(stage.copies.map((c) => c.source)).toEqual(expect.arrayContaining(['node_modules', 'dist', 'package.json', 'cypher', 'data', 'public']));
  });

  it('starts from exactly what the runtime stage copies, and serves /health/ready and /embed/ownership', { timeout: 240_000 }, async () => {
    const stage = readRuntimeStage(readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8'));
    // The build stage: `npm run build`, then production dependencies only (npm prune --omit=dev), here in a copy.
    execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'pipe' });
    const image = mkdtempSync(join(tmpdir(), 'image-'));
    try {
      for (const copy of stage.copies) {
        if (copy.fromBuild && copy.source === 'node_modules') {
          cpSync(join(PROJECT_ROOT, 'package.json'), join(image, 'package.json'));
          cpSync(join(PROJECT_ROOT, 'package-lock.json'), join(image, 'package-lock.json'));
          execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: image, stdio: 'pipe' });
          rmSync(join(image, 'package-lock.json'));
        } else cpSync(join(PROJECT_ROOT, copy.source), join(image, copy.target.replace(/^\.\/?/, '') || copy.source), { recursive: true });
      }
      const env = imageEnv(inject('neo4j'));
      const [command, ...args] = stage.cmd;
      const child = spawn(command === 'node' ? process.execPath : command!, args, { cwd: image, env });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 60_000);
          child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
          child.stdout.on('data', () => {
            const match = /API on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
            if (match?.[1]) {
              clearTimeout(timer);
              resolve(match[1]);
            }
          });
        });
        let ready: Response | undefined;
        for (let i = 0; i < 60 && ready?.status !== 200; i += 1) {
          ready = await fetch(`${url}/health/ready`);
          if (ready.status !== 200) await new Promise((r) => setTimeout(r, 250));
        }
        expect(ready?.status, output).toBe(200);
        const embed = await fetch(`${url}/embed/ownership?root=renault-nissan-mitsubishi-alliance&asOf=2022-02-08`);
        expect(embed.status).toBe(200);
        expect(await embed.text()).toContain('Renault–Nissan–Mitsubishi Alliance');
        const script = await fetch(`${url}/embed/assets/ownership.js`);
        expect(script.status).toBe(200);
      } finally {
        child.kill('SIGINT');
        await once(child, 'exit').catch(() => {});
      }
    } finally {
      rmSync(image, { recursive: true, force: true });
    }
  });
});
