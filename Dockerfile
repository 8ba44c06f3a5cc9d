# syntax=docker/dockerfile:1
# Reelmatch as a container image: `docker build -t reelmatch .` (README, "Run with Docker").
# Stage 1 builds the app and assembles its self-contained server folder (scripts/bundle.mjs);
# stage 2 runs that folder as a non-root user with /config as the only place it writes.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# better-sqlite3 is compiled when no prebuilt binary fits (STACK.md).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma/schema.prisma prisma/
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && node scripts/bundle.mjs /app

FROM ${NODE_IMAGE}
# tini is PID 1: it hands SIGTERM/SIGINT to the server (which drains and closes gracefully,
# scripts/server.mjs) and reaps orphaned processes.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /config \
 && chown node:node /config
# The application folder belongs to root and is read-only for the server, which runs as "node".
COPY --from=build /app /app
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/config
USER node
VOLUME /config
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# The flags are those of scripts/lib/server-flags.mjs (tests/unit/server-flags.test.ts checks).
CMD ["node", "--max-semi-space-size=64", "scripts/server.mjs"]
