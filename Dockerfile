# syntax=docker/dockerfile:1
# One image per service, built from this repository:
#   docker build --build-arg MODULE=ingest -t clickmap-ingest .
#   docker build --build-arg MODULE=stats-api -t clickmap-stats-api .
# docker-compose.yml builds both.

FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
# stats-api and capture package toolbar/dist/toolbar.js (their build fails without it), built here from toolbar/
RUN bash -c '. bin/prerequisites.sh && ensure_node && ensure_toolbar'
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests -pl "${MODULE}" -am

FROM eclipse-temurin:17-jre
ARG MODULE
# curl for the health checks
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app clickmap
COPY --from=build /src/${MODULE}/target/clickmap-${MODULE}.jar /app/clickmap.jar
USER clickmap
WORKDIR /app
ENV JAVA_OPTS="-Xms128m -Xmx256m"
# exec, so SIGTERM reaches the JVM: ingest then stores and commits what it holds and exits 0
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/clickmap.jar \"$@\"", "clickmap"]
