# syntax=docker/dockerfile:1
# Spectre Chat Server. Not built in CI (no Docker engine there): keep it minimal and standard.
ARG NODE_VERSION=24

# Build: all dependencies, then `npm run build`: the TypeScript server into dist/, the console and the
# widget (vite) into dist/web.
FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime: production dependencies only, the compiled server and the SQL migrations, as a non-root user.
FROM node:${NODE_VERSION}-slim AS runtime
ENV NODE_ENV=production PORT=3001 DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY drizzle ./drizzle
# The embedded database (used only without DATABASE_URL) lives in /data: mount a volume there.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3001
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3001) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=64", "dist/main.js"]
