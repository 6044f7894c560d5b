/**
 * The project's own Neo4j: the official Community server resolved from Maven Central by coordinates
 * (neo4j/pom.xml), laid out as a Neo4j home in a git-ignored cache and run by Neo4j's own launcher.
 *
 * Layout under .neo4j/ (all git-ignored):
 *   dist/<version>/lib   jars of the server, fetched once per version
 *   conf/neo4j.conf      rendered from neo4j/neo4j.conf on every start
 *   data/ logs/ run/ import/ plugins/   server state; data survives restarts and version bumps
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import neo4j from 'neo4j-driver';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_BOLT_PORT = 7687;
export const DEFAULT_HTTP_PORT = 7474;
export const boltUri = (port: number = DEFAULT_BOLT_PORT) => `bolt://127.0.0.1:${port}`;
export const httpUrl = (port: number = DEFAULT_HTTP_PORT) => `http://127.0.0.1:${port}`;
/** The default instance's addresses (the developer's Neo4j). */
export const BOLT_URI = boltUri(DEFAULT_BOLT_PORT);
export const HTTP_URL = httpUrl(DEFAULT_HTTP_PORT);

/**
 * Memory and transaction settings that a second instance (the benchmark's) may raise. Each replaces the
 * value of its line in neo4j/neo4j.conf; left out, the file's value stands (heap 1g, page cache 512m,
 * transaction memory 512m, timeout 30s).
 */
export interface LocalNeo4jTuning {
  /** server.memory.heap.initial_size and server.memory.heap.max_size, e.g. "4g". */
  heap?: string;
  /** server.memory.pagecache.size, e.g. "2g". */
  pageCache?: string;
  /** dbms.memory.transaction.total.max, e.g. "3g". */
  transactionMemoryMax?: string;
  /** db.memory.transaction.max (one transaction), e.g. "3g": a bulk load's transactions are larger than a query's. */
  oneTransactionMemoryMax?: string;
  /** db.transaction.timeout, e.g. "15m". */
  transactionTimeout?: string;
}

export interface LocalNeo4jOptions {
  user: string;
  password: string;
  /** Where the cache lives; tests and the benchmark's second instance point this elsewhere. */
  root?: string;
  /** Bolt port on 127.0.0.1 (default 7687). */
  boltPort?: number;
  /** HTTP port on 127.0.0.1 (default 7474). */
  httpPort?: number;
  /** Larger memory or timeout for a second instance; the defaults are neo4j/neo4j.conf's. */
  tuning?: LocalNeo4jTuning;
  log?: (line: string) => void;
  startTimeoutMs?: number;
  /**
   * Watch the server and start it again if it dies (an OutOfMemoryError ends the JVM at once, see
   * neo4j.conf). On by default; stop() ends the watch.
   */
  supervise?: boolean;
}

export interface LocalNeo4jStatus {
  running: boolean;
  pid: number | null;
  boltAnswers: boolean;
  uri: string;
  version: string;
}

export interface StartResult extends LocalNeo4jStatus {
  /** True when this call started the server; false when a running one was reused. */
  started: boolean;
}

function layout(root: string, version: string) {
  return {
    root,
    home: join(root, 'dist', version),
    lib: join(root, 'dist', version, 'lib'),
    conf: join(root, 'conf'),
    data: join(root, 'data'),
    logs: join(root, 'logs'),
    run: join(root, 'run'),
    importDir: join(root, 'import'),
    plugins: join(root, 'plugins'),
    pidFile: join(root, 'run', 'neo4j.pid'),
    supervisorPidFile: join(root, 'run', 'supervisor.pid'),
    supervisorLog: join(root, 'logs', 'supervisor.log'),
  };
}

export function neo4jVersion(): string {
  const pom = readFileSync(join(PROJECT_ROOT, 'neo4j', 'pom.xml'), 'utf8');
  const match = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(pom);
  if (!match?.[1]) throw new Error('neo4j/pom.xml does not declare <neo4j.version>');
  return match[1];
}

function pathsFor(options: LocalNeo4jOptions) {
  return layout(options.root ?? join(PROJECT_ROOT, '.neo4j'), neo4jVersion());
}

function runOrThrow(command: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { encoding: 'utf8', env: env ?? process.env });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${output}`);
  }
  return result.stdout;
}

/** Downloads the server jars once per version with the machine's Maven. */
export function ensureInstalled(options: LocalNeo4jOptions): { lib: string; downloaded: boolean } {
  const p = pathsFor(options);
  const version = neo4jVersion();
  const marker = join(p.lib, `neo4j-server-${version}.jar`);
  if (existsSync(marker)) return { lib: p.lib, downloaded: false };
  const log = options.log ?? (() => {});
  log(`Fetching Neo4j Community ${version} from Maven Central (once; about 125 MB)…`);
  const staging = `${p.lib}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(p.lib), { recursive: true });
  runOrThrow('mvn', [
    '-B',
    '-q',
    '-f',
    join(PROJECT_ROOT, 'neo4j', 'pom.xml'),
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${staging}`,
  ]);
  // Rename last so that an interrupted download is never mistaken for a complete one.
  rmSync(p.lib, { recursive: true, force: true });
  renameSync(staging, p.lib);
  return { lib: p.lib, downloaded: true };
}

const boltPortOf = (options: LocalNeo4jOptions) => options.boltPort ?? DEFAULT_BOLT_PORT;
const httpPortOf = (options: LocalNeo4jOptions) => options.httpPort ?? DEFAULT_HTTP_PORT;

/** Replaces the value of `key=` lines of the template (every occurrence); the key must be in the file. */
function setConfValue(conf: string, key: string, value: string): string {
  const line = new RegExp(`^${key.replaceAll('.', '\\.')}=.*$`, 'gm');
  if (!line.test(conf)) throw new Error(`neo4j/neo4j.conf has no ${key}= line to tune`);
  return conf.replace(line, `${key}=${value}`);
}

/** The template with its placeholders filled in and any tuning applied. */
function renderConfigText(template: string, p: ReturnType<typeof layout>, options: LocalNeo4jOptions): string {
  let rendered = template
    .replaceAll('@@DATA@@', p.data)
    .replaceAll('@@LOGS@@', p.logs)
    .replaceAll('@@RUN@@', p.run)
    .replaceAll('@@IMPORT@@', p.importDir)
    .replaceAll('@@PLUGINS@@', p.plugins)
    .replaceAll('@@BOLT_PORT@@', String(boltPortOf(options)))
    .replaceAll('@@HTTP_PORT@@', String(httpPortOf(options)));
  const t = options.tuning ?? {};
  if (t.heap) {
    rendered = setConfValue(rendered, 'server.memory.heap.initial_size', t.heap);
    rendered = setConfValue(rendered, 'server.memory.heap.max_size', t.heap);
  }
  if (t.pageCache) rendered = setConfValue(rendered, 'server.memory.pagecache.size', t.pageCache);
  if (t.transactionMemoryMax) rendered = setConfValue(rendered, 'dbms.memory.transaction.total.max', t.transactionMemoryMax);
  if (t.oneTransactionMemoryMax) rendered = setConfValue(rendered, 'db.memory.transaction.max', t.oneTransactionMemoryMax);
  if (t.transactionTimeout) rendered = setConfValue(rendered, 'db.transaction.timeout', t.transactionTimeout);
  return rendered;
}

function renderConfig(p: ReturnType<typeof layout>, options: LocalNeo4jOptions): void {
  for (const dir of [p.conf, p.data, p.logs, p.run, p.importDir, p.plugins]) mkdirSync(dir, { recursive: true });
  const template = readFileSync(join(PROJECT_ROOT, 'neo4j', 'neo4j.conf'), 'utf8');
  writeFileSync(join(p.conf, 'neo4j.conf'), renderConfigText(template, p, options));
}

function launcherEnv(p: ReturnType<typeof layout>): NodeJS.ProcessEnv {
  return { ...process.env, NEO4J_HOME: p.home, NEO4J_CONF: p.conf };
}

function readPid(p: ReturnType<typeof layout>): number | null {
  if (!existsSync(p.pidFile)) return null;
  const pid = Number.parseInt(readFileSync(p.pidFile, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether a Neo4j answers over Bolt at `uri` with these credentials (within 2 s). */
export async function boltAnswers(uri: string, user: string, password: string): Promise<boolean> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
    connectionTimeout: 2_000,
    maxConnectionPoolSize: 1,
    logging: { level: 'error', logger: () => {} },
  });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

export async function status(options: LocalNeo4jOptions): Promise<LocalNeo4jStatus> {
  const p = pathsFor(options);
  const pid = readPid(p);
  const running = pid !== null && isAlive(pid);
  return {
    running,
    pid: running ? pid : null,
    boltAnswers: await boltAnswers(boltUri(boltPortOf(options)), options.user, options.password),
    uri: boltUri(boltPortOf(options)),
    version: neo4jVersion(),
  };
}

function tail(file: string, lines: number): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
}

/** Starts the server in the background and waits until Bolt answers; reuses one that is running. */
export async function start(options: LocalNeo4jOptions): Promise<StartResult> {
  const result = await startServer(options);
  if (options.supervise ?? true) {
    const p = pathsFor(options);
    // Only a server this project runs is watched; one that merely answers on the port is someone else's.
    if (result.started || (result.pid !== null && result.pid === readPid(p))) ensureSupervisor(options, p);
  }
  return result;
}

async function startServer(options: LocalNeo4jOptions): Promise<StartResult> {
  const log = options.log ?? (() => {});
  const p = pathsFor(options);
  const current = await status(options);
  if (current.boltAnswers) return { ...current, started: false };
  if (current.running) {
    // Our process exists but Bolt is not up yet (e.g. another shell is starting it): wait for it.
    await waitForBolt(options, current.pid!, p);
    return { ...(await status(options)), started: false };
  }

  ensureInstalled(options);
  renderConfig(p, options);
  const env = launcherEnv(p);
  const classpath = `${p.lib}/*`;
  const firstStart = !existsSync(join(p.data, 'databases', 'system'));
  if (firstStart) {
    // Only takes effect before the very first start, as with the packaged neo4j-admin.
    runOrThrow('java', ['-cp', classpath, 'org.neo4j.server.startup.Neo4jAdminBoot', 'dbms', 'set-initial-password', options.password], env);
  }
  rmSync(p.pidFile, { force: true });
  const launcher = spawn('java', ['-cp', classpath, 'org.neo4j.server.startup.Neo4jBoot', 'start'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let launcherOutput = '';
  launcher.stdout.on('data', (chunk: Buffer) => (launcherOutput += chunk.toString()));
  launcher.stderr.on('data', (chunk: Buffer) => (launcherOutput += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolveExit) => launcher.on('close', resolveExit));
  const pid = readPid(p);
  if (exitCode !== 0 || pid === null) {
    throw new Error(`Neo4j's launcher failed (exit ${exitCode}):\n${launcherOutput.trim()}`);
  }
  log(`Neo4j ${neo4jVersion()} starting (pid ${pid}), waiting for Bolt…`);
  await waitForBolt(options, pid, p);
  return { ...(await status(options)), started: true };
}

async function waitForBolt(options: LocalNeo4jOptions, pid: number, p: ReturnType<typeof layout>): Promise<void> {
  const deadline = Date.now() + (options.startTimeoutMs ?? 180_000);
  while (Date.now() < deadline) {
    if (await boltAnswers(boltUri(boltPortOf(options)), options.user, options.password)) return;
    if (!isAlive(pid)) {
      throw new Error(`Neo4j (pid ${pid}) exited while starting. Last lines of its log:\n${tail(join(p.logs, 'neo4j.log'), 30)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `Bolt did not answer at ${boltUri(boltPortOf(options))} within ${(options.startTimeoutMs ?? 180_000) / 1000} s. ` +
      'If another Neo4j with other credentials holds the port, set NEO4J_PASSWORD or stop it.',
  );
}

/** Stops the server this project started: SIGTERM (Neo4j shuts down cleanly), SIGKILL after 60 s. */
export async function stop(options: LocalNeo4jOptions): Promise<{ stopped: boolean; pid: number | null }> {
  const p = pathsFor(options);
  // The watch ends first, so that the stop is not taken for a crash.
  stopSupervisor(p);
  const pid = readPid(p);
  if (pid === null || !isAlive(pid)) {
    rmSync(p.pidFile, { force: true });
    return { stopped: false, pid: null };
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 60_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(p.pidFile, { force: true });
  return { stopped: true, pid };
}

export interface ImportDatabaseOptions {
  /** The arguments naming the CSV files and their format (--nodes=…, --relationships=…, --array-delimiter=…). */
  args: string[];
  /** The database to replace (default neo4j). */
  database?: string;
  /** Memory for the importer's caches, e.g. "2g" (the tool's default is 90% of the machine's memory). */
  maxOffHeapMemory?: string;
  /** The tool's JVM heap, e.g. "1g" (default: the instance's heap setting). */
  heap?: string;
  /** Each line the tool prints. */
  onOutput?: (line: string) => void;
}

/**
 * Runs `neo4j-admin database import full --overwrite-destination` into this instance's database, with the
 * tool of the same Neo4j version (its jars are in the same lib folder as the server's). The instance must
 * be stopped: the tool writes the store files directly. The next start() serves the imported database.
 */
export async function importDatabase(options: LocalNeo4jOptions, importOptions: ImportDatabaseOptions): Promise<{ output: string }> {
  const p = pathsFor(options);
  const pid = readPid(p);
  if (pid !== null && isAlive(pid)) throw new Error(`Neo4j (pid ${pid}) is running on this store: stop it before importing`);
  const watcher = readPidFile(p.supervisorPidFile);
  if (watcher !== null && isAlive(watcher))
    throw new Error(`A supervisor (pid ${watcher}) watches this store and would restart Neo4j during the import: stop it first`);
  ensureInstalled(options);
  renderConfig(p, options);
  // The tool's own class, in one JVM with the server's JVM options (neo4j.conf's server.jvm.additional):
  // Neo4jAdminBoot would start a second JVM for it, a few seconds more.
  const jvmOptions = [...readFileSync(join(p.conf, 'neo4j.conf'), 'utf8').matchAll(/^server\.jvm\.additional=(.+)$/gm)].map((m) => m[1]!.trim());
  const args = [
    ...jvmOptions,
    // As Neo4jAdminBoot does: the server's heap setting (neo4j.conf's 1g unless tuned).
    `-Xmx${importOptions.heap ?? options.tuning?.heap ?? '1g'}`,
    '-Dfile.encoding=UTF-8',
    '-cp',
    `${p.conf}/*:${p.lib}/*`,
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    '--overwrite-destination=true',
    // Any bad row (an unknown endpoint, a duplicate id, a value of the wrong type) stops the import.
    '--bad-tolerance=0',
    '--strict=true',
    ...(importOptions.maxOffHeapMemory ? [`--max-off-heap-memory=${importOptions.maxOffHeapMemory}`] : []),
    `--report-file=${join(p.logs, 'import.report')}`,
    '--verbose',
    // The database name comes before --nodes and --relationships: they take several values each, and
    // would take a name after them for one more file.
    importOptions.database ?? 'neo4j',
    ...importOptions.args,
  ];
  const child = spawn('java', args, { env: launcherEnv(p), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let pending = '';
  const take = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) importOptions.onOutput?.(line);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exitCode = await new Promise<number | null>((resolveExit, reject) => {
    child.on('error', reject);
    child.on('close', resolveExit);
  });
  if (pending.trim()) importOptions.onOutput?.(pending);
  if (exitCode !== 0) {
    throw new Error(`neo4j-admin database import failed (exit ${exitCode}):\n${output.trim().split('\n').slice(-30).join('\n')}`);
  }
  return { output };
}

/**
 * The supervisor: a small detached process that checks every two seconds that the server it watches is
 * alive and starts it again if not (after an OutOfMemoryError, a kill, a crash). Its options, password
 * included, travel in its environment, never on its command line.
 */
const SUPERVISE_ENV = 'ALLIANCE_NEO4J_SUPERVISE';
const SUPERVISE_EVERY_MS = 2_000;

function ensureSupervisor(options: LocalNeo4jOptions, p: ReturnType<typeof layout>): void {
  const existing = readPidFile(p.supervisorPidFile);
  if (existing !== null && isAlive(existing)) return;
  const self = fileURLToPath(import.meta.url);
  const args = self.endsWith('.ts') ? ['--import', 'tsx', self] : [self];
  const { log: _log, ...plain } = options;
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, [SUPERVISE_ENV]: JSON.stringify({ ...plain, supervise: false }) },
  });
  child.unref();
  if (child.pid) writeFileSync(p.supervisorPidFile, String(child.pid));
}

function stopSupervisor(p: ReturnType<typeof layout>): void {
  const pid = readPidFile(p.supervisorPidFile);
  if (pid !== null && isAlive(pid)) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Gone in between.
    }
  }
  rmSync(p.supervisorPidFile, { force: true });
}

function readPidFile(file: string): number | null {
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function supervise(options: LocalNeo4jOptions): Promise<void> {
  const p = pathsFor(options);
  const note = (line: string) => appendFileSync(p.supervisorLog, `${new Date().toISOString()} ${line}\n`);
  note(`watching Neo4j (pid ${readPid(p) ?? 'none'}) every ${SUPERVISE_EVERY_MS / 1000} s`);
  let stopping = false;
  process.on('SIGTERM', () => {
    stopping = true;
    note('watch ended');
    process.exit(0);
  });
  for (;;) {
    await new Promise((r) => setTimeout(r, SUPERVISE_EVERY_MS));
    if (stopping) return;
    // Another supervisor took over (a later start): this one ends.
    if (readPidFile(p.supervisorPidFile) !== process.pid) return;
    const pid = readPid(p);
    if (pid !== null && isAlive(pid)) continue;
    note(`Neo4j (pid ${pid ?? 'none'}) is not running; starting it again`);
    try {
      const result = await startServer(options);
      note(`Neo4j is back (pid ${result.pid})`);
    } catch (error) {
      note(`restart failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
}

if (process.env[SUPERVISE_ENV] && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void supervise(JSON.parse(process.env[SUPERVISE_ENV]!) as LocalNeo4jOptions);
}
