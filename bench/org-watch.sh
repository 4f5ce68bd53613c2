#!/usr/bin/env bash
# The change watch at organization scale: an organization of N accounts in moto, each with a recent
# AssumeRole success in its own event history (a local LookupEvents endpoint), an SCP denying
# sts:AssumeRole attached at the root, and the change run through the function and its watch
# workers as Lambda runs them (SQS batches of ten, parts gathered in DynamoDB): inspect.OrgWatchBench.
# Prints wall time, calls per account and the warning's attributes. Needs moto_server (pyenv's).
# Usage: bench/org-watch.sh [N] [CONTAINERS]   (60 accounts and 2 warm containers by default, as the test suite runs it;
# the worker's batches go to the containers in turn, each with its own inspector and cache)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-60}
containers=${2:-2}
. bench/moto.sh
java -Dsun.net.httpserver.nodelay=true -cp "$cp" dev.assumeroledoctor.inspect.OrgWatchBench "http://127.0.0.1:$port" "$n" "$containers" 2> /dev/null \
  | grep -E '^[0-9]+ accounts in'
