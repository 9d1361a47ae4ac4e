#!/usr/bin/env bash
# Adds the extension by its keyword to a fresh Quarkus application, as a user does, through the project's own
# extension registry (registry/): `quarkus:add-extension -Dextensions=sark-opa` with registry/config.yaml as the
# tools' registry configuration. Needs `mvn install` of this project first (the registry's JSON artifacts and the
# extension in the local Maven repository). The application's pom is written here rather than by quarkus:create,
# which needs Maven 3.9.
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$project/pom.xml" | head -1)
quarkus=$(sed -n 's|.*<quarkus.version>\(.*\)</quarkus.version>.*|\1|p' "$project/pom.xml")
app=$(mktemp -d)
trap 'rm -rf "$app"' EXIT

cat > "$app/pom.xml" <<POM
<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.acme</groupId>
  <artifactId>fresh-app</artifactId>
  <version>1.0.0-SNAPSHOT</version>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>io.quarkus</groupId>
        <artifactId>quarkus-bom</artifactId>
        <version>$quarkus</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-arc</artifactId>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>io.quarkus</groupId>
        <artifactId>quarkus-maven-plugin</artifactId>
        <version>$quarkus</version>
      </plugin>
    </plugins>
  </build>
</project>
POM

(cd "$app" && mvn -B -q quarkus:add-extension -Dextensions=sark-opa -Dquarkus.tools.config="$project/registry/config.yaml")
if grep -q "<artifactId>quarkus-sark-opa</artifactId>" "$app/pom.xml" && grep -q "<version>$version</version>" "$app/pom.xml"; then
  echo "add-extension sark-opa: io.sark:quarkus-sark-opa:$version added to a fresh application"
else
  echo "add-extension sark-opa: the fresh application's pom has no io.sark:quarkus-sark-opa:$version" >&2
  exit 1
fi
