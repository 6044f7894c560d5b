/**
 * The @neo4j/graphql peer for `npm run bench`: the same Neo4j, served as GraphQL by @neo4j/graphql 7
 * on Apollo Server 5 (standalone, Node's http). Started by bench/run.ts as a child process.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';

export const typeDefs = /* GraphQL */ `
  type Alliance @node {
    id: String!
    name: String!
    kind: String
    foundedOn: Date
    members: [Company!]! @relationship(type: "MEMBER_OF", direction: IN, properties: "MemberOf")
  }
  type MemberOf @relationshipProperties {
    role: String
    validFrom: Date
    validTo: Date
  }
  type Ownership @relationshipProperties {
    via: String
    validFrom: Date
    validTo: Date
  }
  type Stake @relationshipProperties {
    equityPercent: Float
    votingPercent: Float
    carriesVotes: Boolean
    validFrom: Date
    validTo: Date
  }
  type Company @node {
    id: String!
    name: String!
    country: String
    brands: [Brand!]! @relationship(type: "OWNS_BRAND", direction: OUT, properties: "Ownership")
    stakesHeld: [Company!]! @relationship(type: "HOLDS_STAKE", direction: OUT, properties: "Stake")
    stakesIn: [Company!]! @relationship(type: "HOLDS_STAKE", direction: IN, properties: "Stake")
    alliances: [Alliance!]! @relationship(type: "MEMBER_OF", direction: OUT, properties: "MemberOf")
  }
  type Brand @node {
    id: String!
    name: String!
    owners: [Company!]! @relationship(type: "OWNS_BRAND", direction: IN, properties: "Ownership")
  }
`;

const port = Number(process.env.PORT ?? 4000);
const driver = neo4j.driver(
  process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
  neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? 'alliance-dev-password'),
  {
    maxConnectionPoolSize: 32,
  },
);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port } });
console.log(`graphql ready ${url}`);
process.on(
  'SIGTERM',
  () =>
    void server
      .stop()
      .then(() => driver.close())
      .then(() => process.exit(0)),
);
