# The API for users with Docker, on Node 24 LTS; docker-compose.yml runs it beside neo4j:5.26-community.
# test/integration/packaged-start.test.ts assembles what the runtime stage copies and runs its CMD.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
COPY neo4j ./neo4j
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY cypher ./cypher
COPY data ./data
COPY public ./public
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=12 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Applies the schema, loads data/ when the graph is empty, then serves (scripts/start.ts).
# The heap limits keep the process under 150 MB at 256 connections (V8 otherwise grows the heap with the
# garbage of many requests in flight; bench/profile.md); raise them to reload a large dataset through the API.
# Without allocation-site pretenuring: under that cap, some processes ran a full collection several times a
# second after a stretch of cache misses, and the uncached path cost more CPU (bench/profile.md).
CMD ["node", "--max-old-space-size=96", "--max-semi-space-size=4", "--no-allocation-site-pretenuring", "dist/scripts/start.js"]
