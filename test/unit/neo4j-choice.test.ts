import { describe, expect, it } from 'vitest';
import { chooseNeo4j } from '../support/neo4j-choice.js';

describe('the test suite chooses its Neo4j', () => {
  it('prefers NEO4J_URI from the environment, even where Docker answers', () => {
    expect(chooseNeo4j({ uriFromEnvironment: true, dockerEngineAnswers: true })).toBe('environment');
    expect(chooseNeo4j({ uriFromEnvironment: true, dockerEngineAnswers: false })).toBe('environment');
  });
  it('takes a testcontainer when a Docker engine answers', () => {
    expect(chooseNeo4j({ uriFromEnvironment: false, dockerEngineAnswers: true })).toBe('testcontainer');
  });
  it('falls back to the project-local Neo4j', () => {
    expect(chooseNeo4j({ uriFromEnvironment: false, dockerEngineAnswers: false })).toBe('local');
  });
});
