#!/usr/bin/env bash
# A storm of failures through the handler in one warm container, against moto (IAM, Organizations,
# the DynamoDB ledger) and a local LookupEvents endpoint: N identical failures, then N from 50 callers
# on one role (inspect.StormBench). Prints wall time and call counts. Needs moto_server (pyenv's).
# Usage: bench/storm.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
. bench/moto.sh
for mode in identical callers; do
  curl -s -X POST "http://127.0.0.1:$port/moto-api/reset" > /dev/null
  java -Dsun.net.httpserver.nodelay=true -cp "$cp" dev.assumeroledoctor.inspect.StormBench "http://127.0.0.1:$port" "$n" "$mode" 2> /dev/null | grep -E '^(identical|callers):'
done
