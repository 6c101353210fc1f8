# One image for the hub and the channel sandbox (docker-compose.yml runs both).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests install

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/routes/target/omnihub-exec.jar /app/omnihub.jar
COPY config /app/config
EXPOSE 8080 18080
ENTRYPOINT ["java", "-jar", "/app/omnihub.jar"]
