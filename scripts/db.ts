/**
 * `npm run db:start | db:stop | db:status` for the project's local Neo4j; with `-- research`, for the
 * second one npm start runs for researchers' queries (.neo4j-research/).
 */
import { ConfigError, loadConfig } from '../src/config.js';
import { start, status, stop } from '../neo4j/local-server.js';
import { researchNeo4jOptions } from './research-neo4j.js';

async function main(command: string | undefined, target: string | undefined): Promise<number> {
  const config = loadConfig();
  const log = (line: string) => console.log(line);
  if (target !== undefined && target !== 'research') {
    console.error('usage: tsx scripts/db.ts start|stop|status [research]');
    return 2;
  }
  const options = target === 'research' ? researchNeo4jOptions(config, log) : { user: config.neo4j.user, password: config.neo4j.password, log };
  switch (command) {
    case 'start': {
      const t0 = Date.now();
      const result = await start(options);
      const seconds = ((Date.now() - t0) / 1000).toFixed(1);
      console.log(
        result.started
          ? `Neo4j ${result.version} started (pid ${result.pid}) in ${seconds} s`
          : `Neo4j already running${result.pid ? ` (pid ${result.pid})` : ' (not started by this project)'}; reused`,
      );
      console.log(result.uri);
      return 0;
    }
    case 'stop': {
      const result = await stop(options);
      console.log(result.stopped ? `Neo4j (pid ${result.pid}) stopped` : 'Neo4j was not running (nothing started by this project)');
      return 0;
    }
    case 'status': {
      const s = await status(options);
      console.log(
        `${s.running ? `running (pid ${s.pid})` : 'not running'}; Bolt at ${s.uri} ${s.boltAnswers ? 'answers' : 'does not answer'}; Neo4j ${s.version}`,
      );
      return s.boltAnswers ? 0 : 3;
    }
    default:
      console.error('usage: tsx scripts/db.ts start|stop|status [research]');
      return 2;
  }
}

main(process.argv[2], process.argv[3]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
