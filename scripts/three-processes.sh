#!/usr/bin/env bash
# Runs three `collegium start` processes on one PostgreSQL database behind nginx, on loopback,
# with the configuration shipped in docs/nginx/collegium.conf (ports rewritten as asked).
# The first process starts alone, so that it creates the log key the other two then load.
# Stops everything it started on Ctrl-C or SIGTERM.
#
#   scripts/three-processes.sh --db postgres://USER@127.0.0.1:5432/DB [--data DIR]
#       [--port 8080] [--backends 8081,8082,8083] [--run DIR] [-- EXTRA START FLAGS]
#
# --data  the folder holding the log key, shared by the three (default ./data)
# --run   where nginx's files and each process's log go (default a new temp folder)
# Prints "Collegium behind nginx on http://127.0.0.1:PORT" once all four answer.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
db="" data="./data" port=8080 backends="8081,8082,8083" run="" extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --backends) backends="$2"; shift 2 ;;
    --run) run="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "three-processes: unknown argument $1 (see --help)" >&2; exit 1 ;;
  esac
done
case "$db" in postgres://*|postgresql://*) ;; *) echo "three-processes: --db postgres://… is required (the three processes share one PostgreSQL database)" >&2; exit 1 ;; esac
IFS=',' read -r -a ports <<< "$backends"
if [ "${#ports[@]}" -ne 3 ]; then echo "three-processes: --backends takes three ports, e.g. 8081,8082,8083" >&2; exit 1; fi
for p in "$port" "${ports[@]}"; do
  case "$p" in ''|*[!0-9]*) echo "three-processes: \"$p\" is not a port number" >&2; exit 1 ;; esac
done
nginx_bin="$(command -v nginx || true)"
[ -z "$nginx_bin" ] && [ -x /usr/sbin/nginx ] && nginx_bin=/usr/sbin/nginx
if [ -z "$nginx_bin" ]; then echo "three-processes: nginx is not installed (apt-get install nginx-light)" >&2; exit 1; fi

[ -n "$run" ] || run="$(mktemp -d -t collegium-three-XXXXXX)"
mkdir -p "$run" "$data"
pids=()
nginx_pid=""
stop() {
  trap - EXIT INT TERM
  # TERM, not QUIT: a graceful nginx would wait for every live stream to end.
  [ -n "$nginx_pid" ] && kill -TERM "$nginx_pid" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits until GET URL answers 200, or fails after 30 s.
wait_for() {
  node -e '
    const url = process.argv[1];
    const until = Date.now() + 30000;
    (async function poll() {
      try { if ((await fetch(url)).ok) process.exit(0); } catch {}
      if (Date.now() > until) { console.error(`three-processes: ${url} did not answer in 30 s`); process.exit(1); }
      setTimeout(poll, 200);
    })();' "$1"
}

launch() {
  node "$root/bin/collegium.js" start --db "$db" --data "$data" --host 127.0.0.1 --port "$1" --trust-proxy "${extra[@]}" > "$run/collegium-$1.log" 2>&1 &
  pids+=("$!")
}
ready() {
  wait_for "http://127.0.0.1:$1/healthz" || { cat "$run/collegium-$1.log" >&2; exit 1; }
}
# The first alone (it may create the log key), then the other two together.
launch "${ports[0]}"; ready "${ports[0]}"
launch "${ports[1]}"; launch "${ports[2]}"
ready "${ports[1]}"; ready "${ports[2]}"

# nginx as an unprivileged-looking program: its own prefix, pid and logs in the run folder,
# in the foreground of a background job so that this script owns it.
mkdir -p "$run/nginx/temp"
# Every live stream holds two connections in nginx: as many as the system lets it open.
files="$(ulimit -Hn)"
[ "$files" = unlimited ] && files=65536
[ "$files" -gt 65536 ] && files=65536
sed -e "s|listen 127.0.0.1:8080;|listen 127.0.0.1:$port;|" \
    -e "s|server 127.0.0.1:8081 |server 127.0.0.1:${ports[0]} |" \
    -e "s|server 127.0.0.1:8082 |server 127.0.0.1:${ports[1]} |" \
    -e "s|server 127.0.0.1:8083 |server 127.0.0.1:${ports[2]} |" \
    "$root/docs/nginx/collegium.conf" > "$run/nginx/collegium.conf"
cat > "$run/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $run/nginx/nginx.pid;
error_log $run/nginx/error.log warn;
# Run by root (a container, CI), the workers stay root: the run folder is private to it.
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_rlimit_nofile $files;
events { worker_connections $((files - 64)); }
http {
    access_log $run/nginx/access.log;
    client_body_temp_path $run/nginx/temp/body;
    proxy_temp_path $run/nginx/temp/proxy;
    fastcgi_temp_path $run/nginx/temp/fastcgi;
    uwsgi_temp_path $run/nginx/temp/uwsgi;
    scgi_temp_path $run/nginx/temp/scgi;
    include $run/nginx/collegium.conf;
}
CONF
"$nginx_bin" -p "$run/nginx" -c "$run/nginx/nginx.conf" -e "$run/nginx/error.log" -g 'daemon off;' &
nginx_pid="$!"
wait_for "http://127.0.0.1:$port/healthz" || { cat "$run/nginx/error.log" >&2; exit 1; }
echo "Collegium behind nginx on http://127.0.0.1:$port (processes on ${ports[*]}, files in $run)"
# Until a signal, or until any of the four exits.
wait -n "$nginx_pid" "${pids[@]}"
echo "three-processes: a process exited; stopping the others" >&2
exit 1
