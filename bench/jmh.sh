#!/usr/bin/env bash
# JMH throughput of the offline core. Usage: bench/jmh.sh [JMH options], e.g. bench/jmh.sh -f 1 -wi 3 -i 5
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
if [ $# -eq 0 ]; then set -- -f 1 -wi 3 -w 2s -i 5 -r 2s; fi
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main DiagnosisBenchmark "$@"
