# One image for the hub and the channel sandbox (docker-compose.yml runs both): the hub runs the
# production jar, which has no simulator and no embedded server; the sandbox runs from the local
# module's jar (java -cp /app/omnihub-local.jar -Dloader.main=io.omnihub.sandbox.SandboxMain ...).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests install

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/routes/target/omnihub-exec.jar /app/omnihub.jar
COPY --from=build /src/local/target/omnihub-local-exec.jar /app/omnihub-local.jar
COPY config /app/config
EXPOSE 8080 18080
ENTRYPOINT ["java", "-jar", "/app/omnihub.jar"]
