# Port Registry container image.
#   docker build -t port-registry .
#   docker compose up        (app + PostgreSQL 16, see docker-compose.yml)

# --- Build: the Maven wrapper on a JDK 17 image ----------------------------------
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

# --- Run: target/quarkus-app on a JRE 17 image, as a non-root user ----------------
FROM eclipse-temurin:17-jre
RUN groupadd --system portreg && useradd --system --gid portreg --home-dir /app portreg
WORKDIR /app
COPY --from=build --chown=portreg:portreg /build/target/quarkus-app/lib/ lib/
COPY --from=build --chown=portreg:portreg /build/target/quarkus-app/*.jar ./
COPY --from=build --chown=portreg:portreg /build/target/quarkus-app/app/ app/
COPY --from=build --chown=portreg:portreg /build/target/quarkus-app/quarkus/ quarkus/
USER portreg
# Settings come from the environment (QUARKUS_DATASOURCE_JDBC_URL, PORTREG_REGISTRY_SEED,
# ...; see application.properties). JAVA_TOOL_OPTIONS tunes the JVM.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# 8080: pages and API. 9000: the management interface (health, metrics): keep it private.
EXPOSE 8080 9000
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null http://localhost:9000/q/health/ready || exit 1
ENTRYPOINT ["java", "-jar", "/app/quarkus-run.jar"]
