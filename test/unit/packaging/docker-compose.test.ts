import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENV_VARIABLES } from '../../../src/config.js';
import { PROJECT_ROOT } from '../../../src/project-files.js';

const composeFile = join(PROJECT_ROOT, 'docker-compose.yml');
const compose = parse(readFileSync(composeFile, 'utf8'));

describe('docker-compose.yml', () => {
  it('runs Neo4j Community 5.26 with a healthcheck, volumes and loopback-only ports', () => {
    const neo4j = compose.services.neo4j;
    expect(neo4j.image).toBe('neo4j:5.26-community');
    expect(neo4j.healthcheck.test.join(' ')).toContain('cypher-shell -u neo4j');
    expect(neo4j.volumes).toEqual(['neo4j-data:/data', 'neo4j-logs:/logs']);
    expect(neo4j.ports).toEqual(['127.0.0.1:7474:7474', '127.0.0.1:7687:7687']);
    expect(neo4j.environment.NEO4J_dbms_security_allow__csv__import__from__file__urls).toBe('false');
  });

  it('limits transaction memory, ends the JVM on OutOfMemoryError and restarts it, as neo4j/neo4j.conf does', () => {
    const neo4j = compose.services.neo4j;
    expect(neo4j.environment.NEO4J_db_memory_transaction_max).toBe('64M');
    expect(neo4j.environment.NEO4J_dbms_memory_transaction_total_max).toBe('512M');
    const jvm = String(neo4j.environment.NEO4J_server_jvm_additional).split('\n');
    expect(jvm).toContain('-XX:+ExitOnOutOfMemoryError');
    expect(jvm).toContain('--add-opens=java.base/java.nio=ALL-UNNAMED');
    expect(neo4j.restart).toBe('unless-stopped');
    expect(neo4j.mem_limit).toBe('2g');
    expect(compose.services.api.mem_limit).toBe('512m');
    const conf = readFileSync(join(PROJECT_ROOT, 'neo4j', 'neo4j.conf'), 'utf8');
    expect(conf).toMatch(/^db\.memory\.transaction\.max=64m$/m);
    expect(conf).toMatch(/^dbms\.memory\.transaction\.total\.max=512m$/m);
    expect(conf).toMatch(/^server\.jvm\.additional=-XX:\+ExitOnOutOfMemoryError$/m);
  });

  it('runs the API from the Dockerfile with exactly the variables the API reads', () => {
    const api = compose.services.api;
    expect(api.build).toBe('.');
    expect(Object.keys(api.environment).sort()).toEqual([...ENV_VARIABLES].sort());
    expect(api.environment.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(api.depends_on.neo4j.condition).toBe('service_healthy');
    const dockerfile = readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(
      'CMD ["node", "--max-old-space-size=96", "--max-semi-space-size=4", "--no-allocation-site-pretenuring", "dist/scripts/start.js"]',
    );
    // The runtime stage has no src/: the embed's static files come from public/.
    expect(dockerfile.split(/^FROM /m).at(-1)).toContain('COPY public ./public');
  });
});
