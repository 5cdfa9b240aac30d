# syntax=docker/dockerfile:1
# Multi-stage build of the standalone Next.js server, run as a non-root user.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund

FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN node scripts/start.mjs --build-only

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOST=0.0.0.0 DATA_DIR=/app/.data
RUN groupadd --system --gid 1001 tradepulse && useradd --system --uid 1001 --gid tradepulse tradepulse
COPY --from=build --chown=tradepulse:tradepulse /app/.next/standalone ./
COPY --from=build --chown=tradepulse:tradepulse /app/.next/static ./.next/static
COPY --from=build --chown=tradepulse:tradepulse /app/public ./public
COPY --from=build --chown=tradepulse:tradepulse /app/db/migrations ./db/migrations
COPY --from=build --chown=tradepulse:tradepulse /app/scripts/server.mjs ./scripts/server.mjs
COPY --from=build --chown=tradepulse:tradepulse /app/next.config.js ./next.config.js
RUN mkdir -p /app/.data && chown tradepulse:tradepulse /app/.data
USER tradepulse
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "scripts/server.mjs"]
