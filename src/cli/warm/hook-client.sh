#!/bin/sh
# async-governance hook, warm client (dist/cli/hook-client.sh, written by scripts/bundle-hook.mjs).
# Sends the hook event to a background server over a unix socket with curl; whenever no server
# answers (none yet, stale socket, slow, unsafe folder, no curl) the event is checked by a cold
# `node hook.cjs` run instead, which starts the server for the next calls. A server that cannot
# be reached never means "allow". ASYNC_GOVERNANCE_WARM=0 turns the server off.

# The hook makes no TLS connection: extra CA certificates would only slow every Node start.
unset NODE_EXTRA_CA_CERTS
cli="${0%/*}/hook.cjs"
input=$(cat; printf x)
input=${input%x}

cold() {
  printf '%s' "$input" | node "$cli" "$@"
  exit $?
}

[ "${ASYNC_GOVERNANCE_WARM:-1}" = 0 ] && cold "$@"
query=
for arg; do
  case $arg in
    --fail-closed) query='?fail-closed=1' ;;
    *) cold "$@" ;;
  esac
done
node=$(command -v node) || cold "$@"
command -v curl >/dev/null 2>&1 || cold "$@"

if [ -n "$XDG_RUNTIME_DIR" ]; then base="$XDG_RUNTIME_DIR/async-governance"; else base="${XDG_CACHE_HOME:-$HOME/.cache}/async-governance/run"; fi
# One server per user (the folder), project, plugin version and Node executable.
key=$(printf '%s\n%s\n' "${CLAUDE_PROJECT_DIR:-$PWD}" "$node" | cksum)
sock="$base/hook-@VERSION@-${key%% *}.sock"

if [ ! -e "$base" ]; then
  ASYNC_GOVERNANCE_START_SOCKET=$sock cold "$@"
fi
# Only a folder of ours that no one else can enter may hold the socket we trust.
[ -d "$base" ] && [ ! -L "$base" ] && [ -O "$base" ] || cold "$@"
case $(ls -ld "$base") in drwx------*) ;; *) cold "$@" ;; esac
if [ ! -S "$sock" ]; then
  ASYNC_GOVERNANCE_START_SOCKET=$sock cold "$@"
fi
[ -O "$sock" ] || cold "$@"

reply=$(printf '%s' "$input" | curl -s --fail --max-time "${ASYNC_GOVERNANCE_WARM_TIMEOUT:-10}" --unix-socket "$sock" \
  -H 'content-type: application/json' --data-binary @- "http://localhost/hook$query" 2>/dev/null; echo " $?")
status=${reply##* }
reply=${reply% *}
case $status in
  0) ;;
  # 7: nothing listens (a server that exited left its socket behind); 22: the server stepped
  # down (settings or the plugin changed): this call runs cold and starts a fresh one.
  7 | 22) ASYNC_GOVERNANCE_START_SOCKET=$sock cold "$@" ;;
  *) cold "$@" ;;
esac
nl='
'
code=${reply%%"$nl"*}
rest=${reply#*"$nl"}
out=${rest%%"$nl"*}
err=${rest#*"$nl"}
case $code in
  0 | 2) ;;
  *) cold "$@" ;;
esac
[ -n "$out" ] && printf '%s\n' "$out"
printf '%s' "$err" >&2
exit "$code"
