# One image for every Node.js part of Tracklore; docker-compose.yml picks the command per service.
# Built and run only where Docker exists (the build machines have none: see README).
FROM node:20.19-bookworm-slim AS deps
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
RUN npm ci --no-audit --no-fund

FROM deps AS app
COPY . .
RUN npm run generate
ENV NODE_ENV=production
USER node
# SERVICE is the entry file, e.g. subgraphs/auth/src/main.ts
CMD ["sh", "-c", "exec node --import tsx \"$SERVICE\""]

FROM deps AS web-build
COPY . .
RUN npm run build -w @tracklore/frontend

FROM nginx:1.27-alpine AS web
COPY docker/nginx-spa.conf /etc/nginx/conf.d/default.conf
COPY --from=web-build /app/frontend/dist /usr/share/nginx/html
# Runtime config: where the browser finds the router in this compose stack.
RUN printf 'window.__TRACKLORE_CONFIG__ = { routerUrl: "http://localhost:4000/graphql" };\n' > /usr/share/nginx/html/config.js
