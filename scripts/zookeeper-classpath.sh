# Sourced by the bench scripts: zookeeper_classpath prints the class path of an Apache ZooKeeper
# server, from a distribution's jars with ZOOKEEPER_HOME=/path/to/apache-zookeeper-3.9.x-bin, or by
# default the ZooKeeper 3.9.3 jars the build already uses (resolved once into "$out", offline
# first). Needs "$root" (the checkout) and "$out" (a directory for the throwaway pom).
zookeeper_classpath() {
  if [ -n "${ZOOKEEPER_HOME:-}" ]; then
    echo "$ZOOKEEPER_HOME/lib/*"
    return
  fi
  # A throwaway pom whose class path is the ZooKeeper server and what it needs at run time.
  local dir="$out/zookeeper-classpath"
  mkdir -p "$dir"
  cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>zookeeper-classpath</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.zookeeper</groupId><artifactId>zookeeper</artifactId><version>3.9.3</version></dependency>
    <dependency><groupId>io.dropwizard.metrics</groupId><artifactId>metrics-core</artifactId><version>4.1.12.1</version></dependency>
    <dependency><groupId>org.xerial.snappy</groupId><artifactId>snappy-java</artifactId><version>1.1.10.5</version></dependency>
  </dependencies>
</project>
POM
  (cd "$root" && ./mvnw -q -B -o -f "$dir/pom.xml" dependency:build-classpath -Dmdep.outputFile="$dir/classpath.txt" \
    || ./mvnw -q -B -f "$dir/pom.xml" dependency:build-classpath -Dmdep.outputFile="$dir/classpath.txt") >&2
  cat "$dir/classpath.txt"
}
