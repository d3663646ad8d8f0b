# syntax=docker/dockerfile:1
# Tribune: docker build -t tribune . && docker run -p 3000:3000 -v tribune-data:/data tribune
# With no DATABASE_URL the embedded database lives in the /data volume (and the demo is seeded on
# its first start); set DATABASE_URL (and REDIS_URL for several instances) in production, and
# PUBLIC_URL to the address members use.

# --- build: install with the toolchain argon2 needs if no prebuilt binary fits this platform ---
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# Fail the build here, not at the first login or upload, if a native module did not install
# (sharp re-encodes contest images from its prebuilt libvips package for linux-x64 / arm64, glibc).
RUN node -e "require('argon2'); require('sharp')"
# tsx is a runtime dependency: the server runs its TypeScript through it, so it survives the prune.
RUN npm prune --omit=dev --no-audit --no-fund

# --- runtime: no compiler, no dev dependencies, not root ---
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    PUBLIC_URL=http://localhost:3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY server ./server
COPY migrations ./migrations
COPY themes ./themes
# The web client is bundled from its sources by esbuild (a dependency) as the server starts.
COPY client ./client
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
# No curl in the slim image: Node's own fetch asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node runs as PID 1, not under npm: SIGTERM reaches the server's own handler, which drains and closes.
CMD ["node", "--import", "tsx", "server/main.ts"]
