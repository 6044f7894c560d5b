import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-files.js';
import type { TestNeo4j } from './global-setup.js';

/** The Dockerfile's runtime stage, read as Docker reads it, for the tests that run what the image runs. */
interface RuntimeStage {
  /** [from, to]: paths of the build stage (below /app) or of the build context. */
  copies: { fromBuild: boolean; source: string; target: string }[];
  cmd: string[];
}

/** The Dockerfile's last stage, as Docker reads it: its COPY lines and its CMD. */
export function readRuntimeStage(dockerfile: string): RuntimeStage {
  // One instruction a line: continuation lines joined, so HEALTHCHECK … CMD stays a HEALTHCHECK.
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim());
  const stage = lines.slice(lines.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true));
  const copies = stage
    .filter((l) => /^COPY\s/i.test(l))
    .flatMap((l) => {
      const words = l.split(/\s+/).slice(1);
      const fromBuild = words.some((w) => /^--from=/.test(w));
      const paths = words.filter((w) => !w.startsWith('--'));
      const target = paths.pop()!;
      return paths.map((source) => ({ fromBuild, source: fromBuild ? source.replace(/^\/app\//, '') : source, target }));
    });
  const cmdLine = stage.find((l) => /^CMD\s/i.test(l));
  if (!cmdLine) throw new Error('the runtime stage has no CMD');
  return { copies, cmd: JSON.parse(cmdLine.replace(/^CMD\s+/i, '')) as string[] };
}

/** The CMD of the Dockerfile's runtime stage. */
export function imageCmd(): string[] {
  return readRuntimeStage(readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8')).cmd;
}

/** The environment the image's CMD gets in the tests: production, the test Neo4j, any port, plus `extra`. */
export function imageEnv(db: Pick<TestNeo4j, 'uri' | 'password'>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    NEO4J_URI: db.uri,
    NEO4J_PASSWORD: db.password,
    ...extra,
  };
}
