# syntax=docker/dockerfile:1.7
# The analyzer: a headless BullMQ worker that decodes with ffmpeg and measures with libs/measure.
# Build from the repository root: docker build -f infra/docker/analyzer.Dockerfile .

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The lockfile links @prisma/streams-local to this stub (see docs/operations.md, "Install").
COPY infra/stubs ./infra/stubs
RUN npm ci --no-audit --no-fund --ignore-scripts

FROM deps AS build
COPY . .
# What the Nx build targets run, run directly: an image build has no cache to reuse.
RUN node scripts/generate-prisma-client.mjs \
 && node scripts/build.mjs analyzer \
 && npm prune --omit=dev --no-audit --no-fund --ignore-scripts

FROM node:20-bookworm-slim AS runtime
# ffmpeg and ffprobe decode every format the service accepts.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    METRICS_PORT=9464 \
    ANALYZER_TMP_DIR=/tmp/mixscope \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/services/analyzer ./dist/services/analyzer
COPY infra/docker/healthcheck.mjs ./infra/docker/healthcheck.mjs
# Tracks are downloaded here while they are measured (a tmpfs or emptyDir in production).
RUN mkdir -p /tmp/mixscope && chown node:node /tmp/mixscope
USER node
EXPOSE 9464
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "infra/docker/healthcheck.mjs", "http://127.0.0.1:9464/health"]
CMD ["node", "--enable-source-maps", "dist/services/analyzer/main.mjs"]
