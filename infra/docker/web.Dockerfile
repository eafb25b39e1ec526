# syntax=docker/dockerfile:1.7
# The web app (Next.js), serving pages and proxying /api and /socket.io to the gateway.
# Build from the repository root: docker build -f infra/docker/web.Dockerfile .

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The lockfile links @prisma/streams-local to this stub (see docs/operations.md, "Install").
COPY infra/stubs ./infra/stubs
RUN npm ci --no-audit --no-fund --ignore-scripts

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
# What the Nx build target runs, run directly: an image build has no cache to reuse.
RUN npx next build web \
 && npm prune --omit=dev --no-audit --no-fund --ignore-scripts

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    WEB_PORT=3000 \
    WEB_HOST=0.0.0.0 \
    GATEWAY_URL=http://gateway:3001
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/libs ./libs
COPY --from=build /app/web ./web
COPY infra/docker/healthcheck.mjs ./infra/docker/healthcheck.mjs
# Next.js keeps its runtime cache here; everything else stays read-only to the service user.
RUN mkdir -p web/.next/cache && chown -R node:node web/.next/cache
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "infra/docker/healthcheck.mjs", "http://127.0.0.1:3000/"]
CMD ["node", "web/start.mjs"]
