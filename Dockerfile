# One image for every Node.js part of Tracklore; docker-compose.yml picks the command per service.
# Built and run only where Docker exists (the build machines have none: see README).
# Node 24 LTS. The services run as plain JavaScript bundles (`npm run build:services`,
# scripts/lib/bundles.ts: no TypeScript loader in their processes, ~48 MB less RSS each); tsx stays a
# runtime dependency for the operator CLIs (key rotation, reconcile, grant-role). The `app` image
# holds no devDependencies (no Prisma CLI, TypeScript, ESLint, Vite, esbuild).

# Everything, devDependencies included: generates the Prisma clients and builds the web app.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/devkit/package.json packages/devkit/
COPY subgraphs/auth/package.json subgraphs/auth/
COPY subgraphs/user/package.json subgraphs/user/
COPY router/package.json router/
COPY frontend/package.json frontend/
COPY scripts/prisma-generate.ts scripts/
COPY prisma prisma
# postinstall generates both Prisma clients (offline) into subgraphs/*/src/generated.
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:services

FROM build AS web-build
RUN npm run build -w @tracklore/frontend

# Production: dependencies only, plus the sources, the generated Prisma clients and the service bundles from `build`.
FROM node:24-bookworm-slim AS app
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/devkit/package.json packages/devkit/
COPY subgraphs/auth/package.json subgraphs/auth/
COPY subgraphs/user/package.json subgraphs/user/
COPY router/package.json router/
COPY frontend/package.json frontend/
# --ignore-scripts: the postinstall needs the Prisma CLI (a devDependency); the clients come from `build`.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY . .
COPY --from=build /app/subgraphs/auth/src/generated subgraphs/auth/src/generated
COPY --from=build /app/subgraphs/user/src/generated subgraphs/user/src/generated
COPY --from=build /app/subgraphs/auth/dist subgraphs/auth/dist
COPY --from=build /app/subgraphs/user/dist subgraphs/user/dist
COPY --from=build /app/router/dist router/dist
COPY --from=build /app/packages/shared/dist packages/shared/dist
USER node
# SERVICE is the bundle, e.g. subgraphs/auth/dist/main.mjs; the telemetry preload traces when OTEL_* ask for it.
CMD ["sh", "-c", "exec node --import ./packages/shared/dist/telemetry-start.mjs \"$SERVICE\""]

FROM nginx:1.27-alpine AS web
COPY docker/nginx-spa.conf /etc/nginx/conf.d/default.conf
COPY --from=web-build /app/frontend/dist /usr/share/nginx/html
# Runtime config: where the browser finds the router in this compose stack.
RUN printf 'window.__TRACKLORE_CONFIG__ = { routerUrl: "http://localhost:4000/graphql" };\n' > /usr/share/nginx/html/config.js
