# syntax=docker/dockerfile:1.7
# The feedback worker: writes the mixing report (Groq when GROQ_API_KEY is set, rules otherwise).
# Build from the repository root: docker build -f infra/docker/llm-worker.Dockerfile .

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
 && node scripts/build.mjs llm-worker \
 && npm prune --omit=dev --no-audit --no-fund --ignore-scripts

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    METRICS_PORT=9465
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/services/llm-worker ./dist/services/llm-worker
COPY infra/docker/healthcheck.mjs ./infra/docker/healthcheck.mjs
USER node
EXPOSE 9465
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "infra/docker/healthcheck.mjs", "http://127.0.0.1:9465/health"]
CMD ["node", "--enable-source-maps", "dist/services/llm-worker/main.mjs"]
