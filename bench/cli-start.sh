#!/usr/bin/env bash
# Wall time of one offline CLI diagnosis (fresh JVM each run): plain `java -jar` against the
# launcher (C1 only, serial GC, AppCDS archive). Prints the median, min and max of N runs each.
# Needs the jar (mvn -B -q clean package -DskipTests). Usage: bench/cli-start.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10}"
bin/assume-role-doctor --build-cds >/dev/null
measure() {
  local times=()
  for _ in $(seq "$n"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %d ms (min %d, max %d; %d runs)\n", a[int((NR+1)/2)], a[1], a[NR], NR}'
}
echo "java -jar:            $(measure java -jar target/assume-role-doctor.jar diagnose --sample events/identity-no-allow)"
echo "bin/assume-role-doctor: $(measure bin/assume-role-doctor diagnose --sample events/identity-no-allow)"
