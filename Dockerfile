# syntax=docker/dockerfile:1
# TradePulse image: Next.js standalone output run by the project's own server (scripts/server.mjs, which
# serves the SSE stream directly), multi-stage, as a non-root user.
#   docker build -t tradepulse .
#   docker run -p 3000:3000 -e NODE_ENV=production -e AUTH_SECRET=... -e ENCRYPTION_KEYS=v1:... tradepulse
ARG NODE_IMAGE=node:22-bookworm-slim

# 1. Dependencies (dev ones included: the build needs them). Only the lockfile invalidates this layer.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund

# 2. Build: `next build` with output "standalone" (next.config.js switches on NEXT_OUTPUT).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN node node_modules/next/dist/bin/next build \
 && test -f .next/standalone/server.js \
 && test -f .next/required-server-files.json

# 3. Runtime: the traced standalone tree (server code + the node_modules it needs), static files,
# public/, migrations and the two server scripts. No dev dependencies, no sources, no next.config.js.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOST=0.0.0.0 DATA_DIR=/app/.data
RUN groupadd --system --gid 1001 tradepulse \
 && useradd --system --uid 1001 --gid tradepulse --home-dir /app --no-create-home tradepulse
COPY --from=build --chown=tradepulse:tradepulse /app/.next/standalone ./
COPY --from=build --chown=tradepulse:tradepulse /app/.next/static ./.next/static
COPY --from=build --chown=tradepulse:tradepulse /app/public ./public
COPY --from=build --chown=tradepulse:tradepulse /app/db/migrations ./db/migrations
COPY --from=build --chown=tradepulse:tradepulse /app/scripts/server.mjs ./scripts/server.mjs
COPY --from=build --chown=tradepulse:tradepulse /app/deploy/standalone-server.mjs ./deploy/standalone-server.mjs
# Next's generated .next/standalone/server.js would bypass scripts/server.mjs (and with it the direct SSE
# path and the trusted client address): remove it so nothing starts it by mistake.
RUN rm -f /app/server.js && mkdir -p /app/.data && chown tradepulse:tradepulse /app/.data
USER tradepulse
EXPOSE 3000
# The embedded database (when DATABASE_URL is unset), the outbox and generated files live here.
VOLUME ["/app/.data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
# SIGTERM from `docker stop` reaches node directly (exec form): scripts/server.mjs closes connections,
# the database and Redis before exiting.
CMD ["node", "deploy/standalone-server.mjs"]
