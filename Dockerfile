# The playground-server image: the Integration Guide's built site and the
# Connect/gRPC API on one port (3000). Used by docker-compose.yml.
#
#   docker build -t beamline-playground .
#   docker run -p 3000:3000 -e ROUTER_URL=http://router:9000 beamline-playground

# Stage 1: build the site (needs the dev dependencies: Docusaurus,
# TypeScript), then drop the dev dependencies. Everything is copied before
# `npm ci` because the lock file may name workspaces inside the repository.
FROM node:20-bookworm-slim AS site
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev --no-audit --no-fund

# Stage 2: what runs. The server runs from TypeScript source with tsx (a
# runtime dependency), so there is no compile step to keep in sync.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    STATIC_DIR=/app/build
COPY --from=site /app/package.json ./
COPY --from=site /app/node_modules ./node_modules
COPY --from=site /app/build ./build
COPY src/gen ./src/gen
COPY src/contract ./src/contract
COPY playground-server ./playground-server
USER node
EXPOSE 3000
# SIGTERM drains in-flight calls (SHUTDOWN_GRACE_MS) before exiting; node
# as PID 1 receives it directly because there is no shell in between.
CMD ["node", "--import", "tsx", "playground-server/src/main.ts"]
