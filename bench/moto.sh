# Sourced by the benchmarks that run against moto: compiles the tests, gives their classpath in $cp,
# starts moto_server on a free loopback port ($port) and stops it when the script exits.
if ! command -v moto_server >/dev/null 2>&1; then export PATH="$HOME/.pyenv/shims:$PATH"; fi
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" > /dev/null 2>&1 &
moto=$!
trap 'kill $moto; [ -n "${work:-}" ] && rm -rf "$work"' EXIT
until curl -s "http://127.0.0.1:$port/moto-api/" > /dev/null; do sleep 0.2; done
