#!/usr/bin/env bash
# The Java binding's calendar benchmark (bindings-java/src/bench/): per-call
# cost of isWorkingDay and the batch addWorkingDays(long[]) per element, side
# by side with a plain Java binary search over a sorted table of working
# days. Builds the jar first if it is missing (mvn -B package -DskipTests).
# Not part of the test run. Usage: scripts/bench-java.sh [rounds] (default 15).
set -euo pipefail
cd "$(dirname "$0")/../bindings-java"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
javac_bin="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
jar=$(ls target/huying-*.jar 2>/dev/null | head -1 || true)
if [ -z "$jar" ]; then
  mvn -B --no-transfer-progress -q package -DskipTests
  jar=$(ls target/huying-*.jar | head -1)
fi
mkdir -p target/bench-classes
"$javac_bin" --release 8 -nowarn -d target/bench-classes -cp "$jar" src/bench/java/org/huying/Bench.java
"$java_bin" -cp "$jar:target/bench-classes" org.huying.Bench "${1:-15}"
