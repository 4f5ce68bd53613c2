#!/usr/bin/env bash
# SnapStart: the first event after restore against a warm one (a different failure), live against
# moto with SNS delivery and the DynamoDB ledger, after the priming the checkpoint hook runs
# (handler.SnapStartBench). Goal: first / warm <= 3. Needs moto_server (pyenv's).
# Usage: bench/snapstart-first.sh [runs] [sample]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
sample=${2:-events/identity-no-allow}
. bench/moto.sh
work=$(mktemp -d)
for _ in $(seq "$runs"); do
  curl -s -X POST "http://127.0.0.1:$port/moto-api/reset" > /dev/null
  java -cp "$cp" dev.assumeroledoctor.handler.LiveColdBench load "http://127.0.0.1:$port" "$work/world.json" "$sample" 2> /dev/null
  AWS_LAMBDA_LOG_FORMAT=JSON java -XX:TieredStopAtLevel=1 -cp "$cp" dev.assumeroledoctor.handler.SnapStartBench "http://127.0.0.1:$port" "$work/world.json" 2> /dev/null \
    | grep '^first event'
done
