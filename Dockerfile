# The playground-server image: the Integration Guide's built site and the
# Connect/gRPC API on one port (3000). Used by docker-compose.yml.
#
#   docker build -t beamline-playground .
#   docker run -p 3000:3000 -e ROUTER_URL=http://router:9000 beamline-playground
#
# playground-server/test/image.test.ts assembles the last stage's files the
# way the COPY lines below say and starts the server from them, so a file or
# dependency the server needs and this image lacks fails npm test.

# Stage 1: build the site (needs every dev dependency: Docusaurus, TypeScript).
# Everything is copied before `npm ci` because the lock file names workspaces
# inside the repository.
FROM node:20-bookworm-slim AS site
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build

# Stage 2: the server workspace's production dependencies and nothing else
# (~25 MB instead of the whole tree's ~1.2 GB). npm ci needs every
# workspace's package.json to read the lock file.
FROM node:20-bookworm-slim AS server-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY playground-server/package.json ./playground-server/
COPY packages/api/package.json ./packages/api/
COPY packages/resilience/package.json ./packages/resilience/
COPY examples/clients/nodejs/package.json ./examples/clients/nodejs/
RUN npm ci --omit=dev --workspace @beamline/playground-server --include-workspace-root=false --no-audit --no-fund

# Stage 3: what runs. The server runs from TypeScript source with tsx (one of
# its dependencies), so there is no compile step to keep in sync; it also
# runs the shared contract and two workspace packages it depends on, linked
# from node_modules/@beamline: the generated API and the pattern library
# (rooms' shared capacity, per-key limits) without its simulations.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    STATIC_DIR=/app/build
COPY --from=server-deps /app/node_modules ./node_modules
COPY --from=site /app/build ./build
COPY package.json ./
COPY playground-server/package.json ./playground-server/
COPY playground-server/src ./playground-server/src
COPY src/contract ./src/contract
COPY packages/api ./packages/api
COPY packages/resilience/package.json ./packages/resilience/
COPY packages/resilience/src ./packages/resilience/src
USER node
EXPOSE 3000
# SIGTERM drains in-flight calls (SHUTDOWN_GRACE_MS) before exiting; node
# as PID 1 receives it directly because there is no shell in between.
CMD ["node", "--import", "tsx", "playground-server/src/main.ts"]
