#!/bin/sh
# async-governance hook, warm client (dist/cli/hook-client.sh, written by scripts/bundle-hook.mjs).
# Sends the hook event to a background server over a unix socket: with hook-client.pl where perl
# exists, else with curl. Whenever no server answers (none yet, stale socket, slow, unsafe folder,
# neither perl nor curl) the event is checked by a cold `node hook.cjs` run instead, which starts
# the server for the next calls. A server that cannot be reached never means "allow".
# ASYNC_GOVERNANCE_WARM=0 turns the server off.

# The hook makes no TLS connection: extra CA certificates would only slow every Node start.
unset NODE_EXTRA_CA_CERTS
dir=${0%/*}
cli="$dir/hook.cjs"
[ "${ASYNC_GOVERNANCE_WARM:-1}" = 0 ] && exec node "$cli" "$@"
# The project: Claude Code names it; for other agents, the folder this package is installed in
# (whatever subfolder the agent runs the hook from), else the current one.
project=${CLAUDE_PROJECT_DIR:-}
if [ -z "$project" ]; then
  case $0 in /*/node_modules/*) project=${0%%/node_modules/*} ;; *) project=$PWD ;; esac
fi
command -v perl >/dev/null 2>&1 && exec perl "$dir/hook-client.pl" "$project" "$@"

input=$(cat; printf x)
input=${input%x}

cold() {
  printf '%s' "$input" | node "$cli" "$@"
  exit $?
}

query=
take=
# Takes an agent name made of letters only (it goes into the URL as it is).
add_agent() {
  case $1 in '' | *[!a-z]*) return 1 ;; esac
  query="$query&agent=$1"
}
for arg; do
  if [ -n "$take" ]; then
    add_agent "$arg" || cold "$@"
    take=
    continue
  fi
  case $arg in
    --fail-closed | --post) query="$query&${arg#--}=1" ;;
    --agent) take=1 ;;
    --agent=*) add_agent "${arg#--agent=}" || cold "$@" ;;
    *) cold "$@" ;;
  esac
done
[ -z "$take" ] || cold "$@"
[ -z "$query" ] || query="?${query#&}"
node=$(command -v node) || cold "$@"
command -v curl >/dev/null 2>&1 || cold "$@"

if [ -n "$XDG_RUNTIME_DIR" ]; then base="$XDG_RUNTIME_DIR/async-governance"; else base="${XDG_CACHE_HOME:-$HOME/.cache}/async-governance/run"; fi
# One server per user (the folder), project, plugin version and Node executable.
key=$(printf '%s\n%s\n' "$project" "$node" | cksum)
sock="$base/hook-@VERSION@-${key%% *}.sock"

if [ ! -e "$base" ]; then
  ASYNC_GOVERNANCE_START_SOCKET=$sock cold "$@"
fi
# Only a folder of ours that no one else can enter may hold the socket we trust.
[ -d "$base" ] && [ ! -L "$base" ] && [ -O "$base" ] || cold "$@"
case $(ls -ldn "$base") in drwx------*) ;; *) cold "$@" ;; esac
if [ ! -S "$sock" ]; then
  ASYNC_GOVERNANCE_START_SOCKET=$sock cold "$@"
fi
[ ! -L "$sock" ] && [ -O "$sock" ] || cold "$@"

# -q: no .curlrc, whose options could change the request.
reply=$(printf '%s' "$input" | curl -q -s --fail --max-time "${ASYNC_GOVERNANCE_WARM_TIMEOUT:-10}" --unix-socket "$sock" \
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
