#!/usr/bin/env bash
# A storm of failures through the handler in one warm container, against moto (IAM, Organizations,
# the DynamoDB ledger) and a local LookupEvents endpoint: N identical failures, then N from 50 callers
# on one role (inspect.StormBench). Prints wall time and call counts. Needs moto_server (pyenv's).
# Usage: bench/storm.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
if ! command -v moto_server >/dev/null 2>&1; then export PATH="$HOME/.pyenv/shims:$PATH"; fi
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" > /dev/null 2>&1 &
moto=$!
trap 'kill $moto' EXIT
until curl -s "http://127.0.0.1:$port/moto-api/" > /dev/null; do sleep 0.2; done
for mode in identical callers; do
  curl -s -X POST "http://127.0.0.1:$port/moto-api/reset" > /dev/null
  java -Dsun.net.httpserver.nodelay=true -cp "$cp" dev.assumeroledoctor.inspect.StormBench "http://127.0.0.1:$port" "$n" "$mode" 2> /dev/null | grep -E '^(identical|callers):'
done
