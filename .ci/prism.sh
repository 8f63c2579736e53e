#!/usr/bin/env bash
# Runs the Prism mock server (https://stoplight.io/open-source/prism) on spec/openapi.yaml
# for generated/tests/prism.rs, which checks the generated client against it.
#
#   bash .ci/prism.sh start   # install Prism if needed, start it, wait until it answers,
#                             # print `export PRISM_URL=http://127.0.0.1:<port>` on stdout
#   bash .ci/prism.sh stop    # stop the Prism started by `start` (no-op if none)
#
# In a script with `set -e`, assign before eval: `eval "$(bash .ci/prism.sh start)"` would
# carry on when start fails, because eval of an empty string succeeds.
#
#   trap 'bash .ci/prism.sh stop' EXIT
#   prism_env="$(bash .ci/prism.sh start)"
#   eval "${prism_env}"
#
# PRISM_PORT picks the port (default 4010). Prism's output goes to .ci/prism.log and its
# PID to .ci/prism.pid. Only the export line goes to stdout; everything else to stderr.
#
# Prism is installed with `npm ci` from .ci/package.json and .ci/package-lock.json, which
# pin @stoplight/prism-cli 5.16.0 and every package under it (with integrity hashes), so
# every run mocks with exactly the same code; it needs the npm registry and nothing else.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly SPEC=spec/openapi.yaml
readonly PRISM_BIN=.ci/node_modules/.bin/prism
readonly PID_FILE=.ci/prism.pid
readonly LOG_FILE=.ci/prism.log
readonly START_TIMEOUT_SECONDS=60
PORT="${PRISM_PORT:-4010}"
readonly PORT
readonly URL="http://127.0.0.1:${PORT}"

say() { printf 'prism.sh: %s\n' "$*" >&2; }
die() {
    say "error: $*"
    exit 1
}

# Whether PID is a live process that runs Prism (guards against a reused PID).
is_prism() {
    local pid="$1"
    kill -0 "$pid" 2>/dev/null || return 1
    ps -p "$pid" -o args= 2>/dev/null | grep -q prism
}

# Whether anything answers HTTP at $URL (Prism answers 404 on `/`; any status will do).
answers() {
    curl --silent --output /dev/null --max-time 2 "${URL}/"
}

# The version .ci/package-lock.json pins, and the one installed ("" if none).
locked_version() {
    node -p "require('./.ci/package-lock.json').packages['node_modules/@stoplight/prism-cli'].version"
}
installed_version() {
    if [[ -f .ci/node_modules/@stoplight/prism-cli/package.json && -x "$PRISM_BIN" ]]; then
        node -p "require('./.ci/node_modules/@stoplight/prism-cli/package.json').version"
    fi
}

install() {
    local want have
    want="$(locked_version)"
    have="$(installed_version)"
    if [[ "$have" == "$want" ]]; then
        say "Prism $have already installed in .ci/node_modules"
        return
    fi
    say "installing Prism $want into .ci/node_modules (npm ci)..."
    # --ignore-scripts: Prism needs no install script; the only one in the tree is
    # @scarf/scarf's postinstall, which just reports the download to an analytics server.
    # --engine-strict=false: Prism 5.16.0 declares node >= 24.18.0 but runs on Node 20;
    # keep a user's engine-strict setting from refusing the install.
    npm ci --prefix .ci --ignore-scripts --engine-strict=false --no-audit --no-fund \
        --loglevel=error >&2 ||
        die "npm ci failed (it needs the npm registry)"
    have="$(installed_version)"
    [[ "$have" == "$want" ]] || die "installed Prism is '$have', expected $want"
}

start() {
    command -v node >/dev/null || die "node is not installed (Prism needs Node.js)"
    command -v npm >/dev/null || die "npm is not installed"
    command -v curl >/dev/null || die "curl is not installed"
    [[ "$PORT" =~ ^[0-9]+$ ]] || die "PRISM_PORT must be a port number, not '$PORT'"
    [[ -f "$SPEC" ]] || die "$SPEC not found"

    if [[ -f "$PID_FILE" ]]; then
        local old
        old="$(cat "$PID_FILE")"
        if is_prism "$old"; then
            die "Prism is already running (pid $old); run 'bash .ci/prism.sh stop' first"
        fi
        rm -f "$PID_FILE"
    fi
    # Otherwise the readiness check below could succeed against someone else's server.
    if answers; then
        die "something already answers on ${URL}; set PRISM_PORT to a free port"
    fi

    install

    say "starting Prism on ${URL} (log: ${LOG_FILE})"
    # stdin/stdout/stderr are redirected so that `$(bash .ci/prism.sh start)` does not wait
    # for Prism to exit. The bin is a `#!/usr/bin/env node` script, so $! is node's PID.
    "$PRISM_BIN" mock "$SPEC" -h 127.0.0.1 -p "$PORT" </dev/null >"$LOG_FILE" 2>&1 &
    local pid=$!
    echo "$pid" >"$PID_FILE"

    local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
    until answers; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PID_FILE"
            say "Prism exited before answering; its log:"
            cat "$LOG_FILE" >&2
            exit 1
        fi
        if ((SECONDS >= deadline)); then
            say "Prism did not answer on ${URL} within ${START_TIMEOUT_SECONDS} s; its log:"
            cat "$LOG_FILE" >&2
            stop
            exit 1
        fi
        sleep 0.5
    done
    say "Prism is up (pid $pid)"
    echo "export PRISM_URL=${URL}"
}

stop() {
    if [[ ! -f "$PID_FILE" ]]; then
        say "no ${PID_FILE}; Prism is not running"
        return
    fi
    local pid
    pid="$(cat "$PID_FILE")"
    if ! is_prism "$pid"; then
        say "Prism (pid $pid) is not running"
        rm -f "$PID_FILE"
        return
    fi
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "Prism (pid $pid) ignored SIGTERM for 10 s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PID_FILE"
    say "stopped Prism (pid $pid)"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
*)
    echo "usage: bash .ci/prism.sh start|stop" >&2
    exit 2
    ;;
esac
