# syntax=docker/dockerfile:1.7
# The gateway (REST + Socket.IO) and the one-shot migrate step: `node dist/prisma/migrate.mjs`.
# Build from the repository root: docker build -f infra/docker/gateway.Dockerfile .

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The lockfile links @prisma/streams-local to this stub (see docs/operations.md, "Install").
COPY infra/stubs ./infra/stubs
# Install scripts stay off: the build below compiles what is needed, and native modules ship prebuilt.
RUN npm ci --no-audit --no-fund --ignore-scripts

FROM deps AS build
COPY . .
# What the Nx build targets run, run directly: an image build has no cache to reuse.
RUN node scripts/generate-prisma-client.mjs \
 && node scripts/build.mjs gateway db \
 && npm prune --omit=dev --no-audit --no-fund --ignore-scripts

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3001 \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
WORKDIR /app
# Owned by root and read-only to the service user: the process cannot rewrite its own code.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/services/gateway ./dist/services/gateway
COPY --from=build /app/dist/prisma ./dist/prisma
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY infra/docker/healthcheck.mjs ./infra/docker/healthcheck.mjs
USER node
EXPOSE 3001
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "infra/docker/healthcheck.mjs", "http://127.0.0.1:3001/api/health"]
CMD ["node", "--enable-source-maps", "dist/services/gateway/main.mjs"]
