/** Which Neo4j the test suite runs against, in the order docs/contributing.md promises. */
export type Neo4jChoice = 'environment' | 'testcontainer' | 'local';

export function chooseNeo4j(input: { uriFromEnvironment: boolean; dockerEngineAnswers: boolean }): Neo4jChoice {
  if (input.uriFromEnvironment) return 'environment';
  if (input.dockerEngineAnswers) return 'testcontainer';
  return 'local';
}
