#!/usr/bin/env bash
# Cold start under AWS's runtime interface client (RIC 2.10.1, the one Lambda's java21 runtime is
# built on), against a local Runtime API (bench/ric/runtime_api.py), the handler offline on a sample:
#  (a) JVM launch to the first response, the real handler against a trivial one (goal <= 3x);
#  (b) the first event after init against the second event of the same JVM (goal <= 3x).
# Both with the JAVA_TOOL_OPTIONS (C1 only) and JSON log format of template.yaml. No SnapStart here: this is the
# cold start SnapStart's restore avoids, so the worst case. The function's jar is the one the
# Makefile deploys (target/lambda/). Usage: bench/ric-cold-start.sh [runs] [sample]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
sample=${2:-events/identity-no-allow}
[ -f target/assume-role-doctor.jar ] || mvn -B -q package -DskipTests
# the jar as the function gets it (Makefile: lambda-jar, the same entries stored)
make -s lambda-jar > /dev/null
repo="$HOME/.m2/repository"
ric="$repo/com/amazonaws/aws-lambda-java-runtime-interface-client/2.10.1/aws-lambda-java-runtime-interface-client-2.10.1.jar"
ser="$repo/com/amazonaws/aws-lambda-java-serialization/1.2.0/aws-lambda-java-serialization-1.2.0.jar"
for artifact in com.amazonaws:aws-lambda-java-runtime-interface-client:2.10.1 com.amazonaws:aws-lambda-java-serialization:1.2.0; do
  [ -f "$ric" ] && [ -f "$ser" ] || mvn -B -q dependency:get -Dartifact="$artifact" > /dev/null
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac --release 17 -cp target/assume-role-doctor.jar -d "$work/classes" bench/ric/Trivial.java

# one run: prints "launch_to_first_ms first_event_ms second_event_ms"
run() {
  local handler=$1 cp=$2 log="$work/log" port
  : > "$log"
  rm -f "$work/port"
  python3 bench/ric/runtime_api.py "$log" "$sample/event.json" "$sample/event.json" > "$work/port" &
  local api=$!
  while [ ! -s "$work/port" ]; do sleep 0.05; done
  port=$(cat "$work/port")
  local start
  start=$(date +%s%N)
  env -i PATH="$PATH" HOME="$HOME" AWS_LAMBDA_RUNTIME_API="127.0.0.1:$port" AWS_REGION=us-east-1 AWS_LAMBDA_FUNCTION_NAME=bench \
      AWS_LAMBDA_LOG_FORMAT=JSON DELIVERY_TARGETS=stdout OFFLINE_SNAPSHOT_DIR="$sample" JAVA_TOOL_OPTIONS="-XX:+TieredCompilation -XX:TieredStopAtLevel=1" \
      java -cp "$cp:$ric:$ser" com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$handler" > "$work/out" 2>&1 &
  local fn=$!
  for _ in $(seq 600); do grep -q '^done' "$log" && break; sleep 0.05; done
  kill "$fn" "$api" 2>/dev/null || true
  wait "$fn" "$api" 2>/dev/null || true
  if grep -q ERROR "$log" || ! grep -q '^done' "$log"; then echo "the function failed:" >&2; cat "$log" "$work/out" >&2; exit 1; fi
  python3 - "$log" "$start" <<'PY'
import sys
t = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if parts[0] in ('next-0', 'next-1', 'done'):
        t[parts[0]] = int(parts[-1])
    elif parts[0] == 'post':
        t['post-' + parts[1]] = int(parts[-1])
start = int(sys.argv[2])
ms = lambda a, b: (b - a) / 1e6
print('%.0f %.1f %.1f' % (ms(start, t['post-req-0']), ms(t['next-0'], t['post-req-0']), ms(t['next-1'], t['post-req-1'])))
PY
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
real=(); trivial=(); first=(); second=()
for _ in $(seq "$runs"); do
  read -r launch e1 e2 < <(run dev.assumeroledoctor.handler.DiagnosisHandler::handleRequest target/lambda/assume-role-doctor.jar)
  real+=("$launch"); first+=("$e1"); second+=("$e2")
  read -r launch _ _ < <(run bench.Trivial::handleRequest "$work/classes:target/lambda/assume-role-doctor.jar")
  trivial+=("$launch")
done
r=$(printf '%s\n' "${real[@]}" | median); t=$(printf '%s\n' "${trivial[@]}" | median)
f=$(printf '%s\n' "${first[@]}" | median); s=$(printf '%s\n' "${second[@]}" | median)
echo "runs: $runs, sample: $sample (medians)"
echo "(a) JVM launch to first response: real handler ${r} ms, trivial handler ${t} ms, ratio $(python3 -c "print(round($r/$t, 2))")"
echo "(b) first event after init ${f} ms, second event ${s} ms, ratio $(python3 -c "print(round($f/$s, 2))")"
