# Port Registry container image.
#   docker build -t port-registry .
#   docker compose up        (app + PostgreSQL 16, see docker-compose.yml)

# --- Build: the Maven wrapper on a JDK 17 image (the project's build JDK) ----------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
# The Maven repository (and the wrapper's Maven) live in a BuildKit cache, so a source
# change does not download everything again. (dependency:go-offline and quarkus:go-offline
# both fail on this project's optional Quarkus artifacts, so no separate download layer.)
# Tests and the formatter gate run in CI (.ci/run), which has PostgreSQL and a browser.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B package -DskipTests -Dspotless.check.skip=true

# --- Run: target/quarkus-app on a Temurin 25 JRE with a JDK AOT cache, non-root -----
# Java 25 runs the Java 17 bytecode; its AOT cache (JEP 483/514/515) holds the classes the
# app loads and links at start, made by one training run below (docs/adr/0021).
FROM eclipse-temurin:25-jre
RUN groupadd --system portreg && useradd --system --gid portreg --home-dir /app portreg \
    && install -d -o portreg -g portreg /app
WORKDIR /app
COPY --from=build --chown=portreg:portreg /build/target/quarkus-app/lib/ lib/
COPY --from=build --chown=portreg:portreg /build/target/quarkus-app/*.jar ./
COPY --from=build --chown=portreg:portreg /build/target/quarkus-app/app/ app/
COPY --from=build --chown=portreg:portreg /build/target/quarkus-app/quarkus/ quarkus/
USER portreg
# The JVM for a 512 MB container (docs/adr/0022): 40 % of the container's memory for the heap,
# the serial collector (what the JVM picks itself for a small container; set so it does not
# depend on the host's CPU count), a bounded metaspace and code cache. They are set before the
# training run, so the AOT cache is made for the JVM that runs (docs/adr/0021).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=40 -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -XX:+ExitOnOutOfMemoryError"
# Without AOT class linking: with it the app is ready sooner still (2.1-2.6 s against 3.4 s
# here) but serves a fifth fewer requests per second for good (docs/adr/0021). For a deployment
# that starts often and serves little, drop -XX:-AOTClassLinking.
# Training run: the app starts without its database (it serves with readiness DOWN, see
# docs/adr/0012), is sent the requests of a visitor, and stops; the JVM writes app.aot at exit.
RUN QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:1/none PORTREG_REGISTRY_SEED=none \
        java -XX:AOTCacheOutput=/app/app.aot -XX:-AOTClassLinking -jar /app/quarkus-run.jar & pid=$!; \
    for i in $(seq 1 120); do \
        curl -fsS -o /dev/null http://localhost:8080/api/v1/ping && break; sleep 1; \
    done; \
    for p in / /ports/938 /api/v1/ports/938 /api/v1/gaps /login /q/openapi; do \
        curl -s -o /dev/null --compressed "http://localhost:8080$p"; \
    done; \
    kill $pid; wait $pid; test -s /app/app.aot
# Settings come from the environment (QUARKUS_DATASOURCE_JDBC_URL, PORTREG_REGISTRY_SEED,
# ...; see application.properties). JAVA_TOOL_OPTIONS tunes the JVM (keep the options above
# when changing it, or the AOT cache is not used).
# 8080: pages and API. 9000: the management interface (health, metrics): keep it private.
EXPOSE 8080 9000
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null http://localhost:9000/q/health/ready || exit 1
ENTRYPOINT ["java", "-XX:AOTCache=/app/app.aot", "-jar", "/app/quarkus-run.jar"]
