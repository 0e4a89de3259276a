#!/usr/bin/env bash
# Java binding (bindings-java/): installs what the build needs from Debian's
# packages if absent (Maven, and the Maven plugins and JUnit 5 that the build
# resolves from Debian's Maven repository, /usr/share/maven-repo), checks the
# JNI crate's format and lints, runs `mvn -B package` (cargo builds the
# native library in release mode, the jar is made, JUnit runs on the default
# JDK), then runs the tests again on JDK 25 where it is installed.
# Idempotent; reuses the workspace's target directory.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== java: tools"
need=()
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v javac >/dev/null 2>&1 || need+=(default-jdk-headless)
for pkg in junit5 libsurefire-java libmaven-compiler-plugin-java libmaven-jar-plugin-java \
  libmaven-resources-plugin-java libexec-maven-plugin-java; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    need+=("$pkg")
  fi
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing from Debian: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
mvn -B -v | sed -n 1,3p

echo "== java: rustfmt and clippy of the JNI crate"
cargo fmt -p huying-java -- --check
cargo clippy -p huying-java --all-targets -- -D warnings

echo "== java: Javadoc (doclint: every public class and method documented)"
doc=$(cd bindings-java && javadoc -d target/apidocs -sourcepath src/main/java -subpackages org.huying \
  -Xdoclint:all -quiet 2>&1 || true)
if grep -qE "warning|error" <<<"$doc"; then
  echo "$doc" >&2
  exit 1
fi

echo "== java: mvn -B package (native library, jar, JUnit on the default JDK)"
(cd bindings-java && mvn -B --no-transfer-progress package)
ls -l bindings-java/target/huying-*.jar

jdk25=/usr/lib/jvm/temurin-25-jdk-amd64
if [ -x "$jdk25/bin/java" ]; then
  echo "== java: the tests again on JDK 25 ($jdk25)"
  (cd bindings-java && mvn -B --no-transfer-progress -o surefire:test \
    -Dhuying.test.jvm="$jdk25/bin/java" -DargLine=--enable-native-access=ALL-UNNAMED)
else
  echo "== java: JDK 25 not installed ($jdk25): skipped"
fi
