#!/usr/bin/env bash
# Cold start of the real handler: a fresh JVM per run, from process start to the delivered
# diagnosis (LocalInvoke on a sample, offline). Usage: bench/cold-start.sh [runs] [sample]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
sample=${2:-events/identity-no-allow}
[ -f target/assume-role-doctor.jar ] || mvn -B -q package -DskipTests
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -cp target/assume-role-doctor.jar dev.assumeroledoctor.handler.LocalInvoke "$sample" > /dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "cold start over $runs runs (ms): min ${sorted[0]}, median ${sorted[$((runs / 2))]}, max ${sorted[$((runs - 1))]}"
