/**
 * Researchers' own local Neo4j, for `npm start` without NEO4J_URI: a second instance under .neo4j-research/
 * holding the same dataset as the main one, so that a query that fills its heap restarts only this one and
 * only researchers wait. Started in a child process (its first start runs Maven and neo4j-admin
 * synchronously, which would stall the API's event loop), and kept at the main database's dataset version
 * by reseeding it from the same data folder whenever the main version changes (a reload, a seed).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AppConfig, Neo4jConfig } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';
import { QueryRunner } from '../src/db/runner.js';
import { APP_TAG, PROJECT_ROOT } from '../src/project-files.js';
import { createDataTools, formatSummary, seedFromFolder } from '../src/services/dataset/seed.js';
import { boltUri, start, status, stop, type LocalNeo4jOptions, type StartResult } from '../neo4j/local-server.js';

export const RESEARCH_NEO4J_ROOT = join(PROJECT_ROOT, '.neo4j-research');

/**
 * Smaller than the main instance's 1g heap and 512m page cache: the dataset is small, and two instances
 * share the developer's machine. The per-transaction limit stays neo4j.conf's 64m (the door opens only with it).
 */
const RESEARCH_TUNING = { heap: '512m', pageCache: '128m', transactionMemoryMax: '256m' } as const;

const CHILD_ENV = 'ALLIANCE_RESEARCH_NEO4J_START';
const RESULT_PREFIX = '@@research-neo4j-result ';

export function researchNeo4jOptions(config: AppConfig, log: (line: string) => void = () => {}): LocalNeo4jOptions {
  const research = config.research ?? { localBoltPort: 7689, localHttpPort: 7476 };
  return {
    user: config.neo4j.user,
    password: config.neo4j.password,
    root: RESEARCH_NEO4J_ROOT,
    boltPort: research.localBoltPort,
    httpPort: research.localHttpPort,
    tuning: RESEARCH_TUNING,
    log,
  };
}

export interface LocalResearchStart {
  uri: string;
  /** Settles with the start's result (started: false when an instance was already running there). */
  done: Promise<StartResult>;
  /** Stops the instance if this process started it (or is still starting it); leaves a reused one alone. */
  stopIfOurs(): Promise<void>;
}

/** Starts (or reuses) the research instance without waiting for it. */
export function startLocalResearchNeo4j(options: LocalNeo4jOptions): LocalResearchStart {
  const log = options.log ?? (() => {});
  let child: ReturnType<typeof spawn> | null = null;
  let ours = false;
  const done = (async (): Promise<StartResult> => {
    // A running instance is reused here, without a child process: the common case after the first start.
    const current = await status(options);
    if (current.boltAnswers || current.running) return { ...current, started: false };
    ours = true;
    const self = fileURLToPath(import.meta.url);
    const { log: _log, ...plain } = options;
    // Options, password included, travel in the environment, never on a command line.
    child = spawn(process.execPath, self.endsWith('.ts') ? ['--import', 'tsx', self] : [self], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, [CHILD_ENV]: JSON.stringify(plain) },
    });
    let result: StartResult | null = null;
    let output = '';
    let pending = '';
    const take = (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length)) as StartResult;
        else if (line.trim()) {
          output += `${line}\n`;
          log(line);
        }
      }
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    const code = await new Promise<number | null>((resolveExit) => child!.on('close', resolveExit));
    child = null;
    if (code !== 0 || result === null) throw new Error(output.trim().split('\n').slice(-3).join(' ') || `the start exited with ${code}`);
    ours = (result as StartResult).started;
    return result;
  })();
  // Nobody may be waiting when it fails; the caller reads done when it wants to.
  done.catch(() => {});
  return {
    uri: boltUri(options.boltPort),
    done,
    async stopIfOurs() {
      if (!ours) return;
      log('Stopping the research Neo4j this process started…');
      if (child) {
        // Still starting: Neo4j's launcher may be about to write the server's pid, so the child stops what it
        // started once its start ends. Waited for a while only: the whole shutdown has 10 s.
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([done.catch(() => {}), new Promise((r) => (timer = setTimeout(r, 8_000)))]);
        clearTimeout(timer);
        if (child) return;
      }
      // Whatever got as far as a server process (its pid file) is stopped, its supervisor first.
      await stop(options);
    },
  };
}

/**
 * Whether to reseed researchers' database now: when it holds another version than the main one, once per
 * main version (a data folder that no longer gives the main version would otherwise be reloaded every tick).
 */
export function shouldReseed(main: string | null, research: string | null, lastAttemptFor: string | null): boolean {
  return main !== null && research !== main && lastAttemptFor !== main;
}

export interface ResearchFollower {
  stop(): Promise<void>;
}

/**
 * Keeps researchers' database at the main database's dataset version: applies the schema and seeds it from
 * `dataDir` when it is empty or behind, then looks again every `everyMs`. Until it matches, the research
 * door answers 503 (services/research/research-readiness.ts).
 */
export function followMainVersion(input: {
  research: Neo4jConfig;
  mainVersion: () => string | null;
  dataDir: string;
  log: (line: string) => void;
  everyMs?: number;
}): ResearchFollower {
  const driver = createDriver(input.research, { poolSize: 2, acquisitionTimeoutMs: 5_000 });
  const tools = createDataTools(new QueryRunner(driver, input.research.database, APP_TAG));
  let lastAttemptFor: string | null = null;
  let lastError: string | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let tick: Promise<void> = Promise.resolve();
  const once = async () => {
    try {
      const main = input.mainVersion();
      const research = await tools.dataset.getVersion();
      lastError = null;
      if (!shouldReseed(main, research, lastAttemptFor)) return;
      lastAttemptFor = main;
      input.log(
        research === null ? `loading ${input.dataDir}` : `holds ${research.slice(0, 12)}, the API serves ${main!.slice(0, 12)}: loading ${input.dataDir} again`,
      );
      await tools.system.applySchema();
      const summary = await seedFromFolder(tools, input.dataDir);
      input.log(formatSummary(summary).split('\n')[0]!);
      if (summary.version !== main) {
        input.log(
          `the data folder gives ${summary.version.slice(0, 12)}, not the API's ${main!.slice(0, 12)}: researchers wait until the main database is reloaded from it`,
        );
      }
    } catch (error) {
      // Down while it starts or restarts: the next tick tries again; each new kind of failure is said once.
      const message = (error as { code?: string }).code ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error));
      if (message !== lastError) input.log(`not followed yet (${message}); trying again`);
      lastError = message;
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      tick = once().finally(schedule);
    }, input.everyMs ?? 5_000);
    timer.unref();
  };
  tick = once().finally(schedule);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await tick.catch(() => {});
      await driver.close();
    },
  };
}

// The child process: start() may block on Maven and neo4j-admin, which is why it runs here.
if (process.env[CHILD_ENV] && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = JSON.parse(process.env[CHILD_ENV]) as LocalNeo4jOptions;
  // Not handed down to the server and its supervisor: it holds the password.
  delete process.env[CHILD_ENV];
  // npm start is closing (its SIGTERM, or the terminal's Ctrl-C, which reaches this process too): the start
  // runs to its end, then what it started is stopped, even if npm start has exited meanwhile.
  let abort = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => (abort = true));
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  start({ ...options, log: (line) => console.log(line) }).then(
    async (result) => {
      if (abort) {
        if (result.started) await stop(options);
        process.exit(0);
      }
      console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
