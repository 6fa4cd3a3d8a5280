#!/usr/bin/env bash
# The whole cluster on one machine, on the loopback: nginx → 2 web hosts (Orleans clients) → 3 silos,
# Redis (membership), PostgreSQL (events, documents). docs/operations.md ("A cluster on one machine").
#
#   deploy/cluster.sh start    builds (unless REGIOLAB_BUILD=0), starts the lot, waits until ready
#   deploy/cluster.sh status   what runs, and whether each answers /health/ready
#   deploy/cluster.sh stop     stops what `start` started (PIDs in the run folder), nothing else
#
# Settings (environment):
#   REGIOLAB_RUN            run folder: PIDs, logs, generated nginx.conf, ports (default: deploy/run)
#   REGIOLAB_PORT           the port nginx listens on, on 127.0.0.1 (default 8080)
#   REGIOLAB_CONFIGURATION  Release (default) or Debug: which build output to run
#   REGIOLAB_BUILD          1 (default): `dotnet build` first; 0: run what is built
#   REGIOLAB_POSTGRES       an existing PostgreSQL (Npgsql connection string); else a throwaway one here
#   REGIOLAB_REDIS          an existing Redis (host:port); else a redis-server started here
#   REGIOLAB_WEB_HOSTS      how many web hosts (default 2);  REGIOLAB_SILOS: how many silos (default 3)
set -euo pipefail
PATH="$PATH:/usr/sbin:/sbin"   # nginx, runuser

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
run="${REGIOLAB_RUN:-$here/run}"
config="${REGIOLAB_CONFIGURATION:-Release}"
web_hosts="${REGIOLAB_WEB_HOSTS:-2}"
silos="${REGIOLAB_SILOS:-3}"

say() { echo "cluster: $*"; }
die() { echo "cluster: $*" >&2; exit 1; }

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port NAME: sets NAME to a free loopback port, not one handed out earlier in this run (a
# variable, not output: $(...) would run it in a subshell that forgets what it handed out), and below
# the kernel's range for outgoing connections: a port in that range can be taken by any connect()
# between here and the bind (a test run opens thousands), which the check below cannot see coming.
given=" "
ephemeral_from=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
(( ephemeral_from > 12000 )) || ephemeral_from=32768
free_port() {
  local -n free_port_into="$1"
  local free_port_try
  while :; do
    free_port_try=$(( 10000 + RANDOM % (ephemeral_from - 10000) ))
    [[ "$given" == *" $free_port_try "* ]] && continue
    port_taken "$free_port_try" && continue
    given+="$free_port_try "
    free_port_into="$free_port_try"
    return
  done
}

# Only a PID this script recorded, and only while it is still the process it started (same start time).
alive() {
  local name="$1" pid since
  [ -f "$run/pids/$name.pid" ] || return 1
  read -r pid since <"$run/pids/$name.pid"
  [ -d "/proc/$pid" ] && [ "$(cut -d' ' -f22 "/proc/$pid/stat" 2>/dev/null)" = "$since" ]
}

pid_of() { cut -d' ' -f1 "$run/pids/$1.pid"; }

# Every KIND-1..KIND-COUNT still runs: a program can log that it started and then die (a port taken
# between free_port and its bind), and "ready" must not be said of a cluster that lost one.
all_alive() {
  local kind="$1" count="$2" n
  for n in $(seq 1 "$count"); do
    alive "$kind-$n" || die "$kind-$n stopped after it started (see $run/logs/$kind-$n.log); run stop, then start again"
  done
}

record() { echo "$2 $(cut -d' ' -f22 "/proc/$2/stat")" >"$run/pids/$1.pid"; }

# Starts a program in a session of its own (a terminal's Ctrl-C does not reach it), output to logs/NAME.log.
launch() {
  local name="$1"; shift
  setsid "$@" >>"$run/logs/$name.log" 2>&1 </dev/null &
  record "$name" "$!"
}

wait_for() {
  local what="$1" seconds="$2"; shift 2
  local until=$(( SECONDS + seconds ))
  until "$@"; do
    [ "$SECONDS" -lt "$until" ] || die "$what did not come up within ${seconds}s (logs in $run/logs)"
    sleep 0.3
  done
}

ready() { curl -fs -o /dev/null --max-time 3 "http://127.0.0.1:$1/health/ready" 2>/dev/null; }

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_bin() {
  local found
  found=$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -1 || true)
  [ -n "$found" ] && dirname "$found" && return
  command -v initdb >/dev/null && dirname "$(command -v initdb)" && return
  die "PostgreSQL's server binaries are missing: apt-get install postgresql (or set REGIOLAB_POSTGRES)"
}

start_postgres() {
  if [ -n "${REGIOLAB_POSTGRES:-}" ]; then
    echo "POSTGRES='$REGIOLAB_POSTGRES'" >>"$run/cluster.env"
    return
  fi
  local bin port folder
  bin=$(pg_bin); free_port port
  # Its own folder under /tmp: as root, the server runs as the postgres user, who must reach it.
  folder=$(mktemp -d /tmp/regiolab-cluster-pg-XXXXXX)
  chmod 700 "$folder"; [ "$(id -u)" = 0 ] && chown postgres: "$folder"
  as_postgres "$bin/initdb" -D "$folder/data" -U postgres --auth-local=trust --auth-host=trust -E UTF8 --no-locale --no-instructions >"$run/logs/initdb.log" 2>&1 \
    || die "initdb failed: $run/logs/initdb.log"
  # A port taken after free_port looked (or anything else that stops the server at once) gets a fresh
  # port, up to three tries; what the server said is shown, not only where it said it.
  local try
  for try in 1 2 3; do
    as_postgres "$bin/pg_ctl" start -D "$folder/data" -l "$folder/server.log" -w -t 60 -s \
      -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c max_connections=300" >/dev/null && break
    say "PostgreSQL did not start on port $port (try $try of 3):"
    tail -5 "$folder/server.log" >&2 || true
    [ "$try" = 3 ] && die "PostgreSQL did not start: $folder/server.log"
    free_port port
  done
  record postgres "$(head -1 "$folder/data/postmaster.pid")"
  as_postgres "$bin/psql" -h "$folder" -p "$port" -U postgres -qc "CREATE DATABASE regiolab" postgres >/dev/null
  {
    echo "PG_BIN=$bin"; echo "PG_FOLDER=$folder"
    echo "POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=regiolab;Maximum Pool Size=40'"
  } >>"$run/cluster.env"
  say "postgresql on 127.0.0.1:$port ($folder)"
}

start_redis() {
  if [ -n "${REGIOLAB_REDIS:-}" ]; then
    echo "REDIS=$REGIOLAB_REDIS" >>"$run/cluster.env"
    return
  fi
  command -v redis-server >/dev/null || die "redis-server is missing: apt-get install redis-server (or set REGIOLAB_REDIS)"
  local port; free_port port
  launch redis redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no
  wait_for "redis" 20 port_taken "$port"
  echo "REDIS=127.0.0.1:$port" >>"$run/cluster.env"
  say "redis on 127.0.0.1:$port"
}

write_nginx_conf() {
  local servers="" n
  for n in $(seq 1 "$web_hosts"); do
    local var="WEB_$n"
    # Passive checks: a host that refuses or times out is skipped for 5 s; the request goes to the next.
    servers+="        server 127.0.0.1:${!var} max_fails=1 fail_timeout=5s;"$'\n'
  done
  mkdir -p "$run/nginx"
  sed -e "s|@RUN@|$run|g" -e "s|@PORT@|$PORT|g" "$here/nginx/cluster.conf.template" \
    | awk -v servers="$servers" '{ if ($0 ~ /@SERVERS@/) printf "%s", servers; else print }' >"$run/nginx.conf"
}

start() {
  [ -f "$run/cluster.env" ] && die "already started ($run/cluster.env exists): run stop first"
  # A start that fails half-way stops what it had started.
  trap 'status=$?; [ "$status" -ne 0 ] && [ -f "$run/cluster.env" ] && stop >&2; exit "$status"' EXIT
  command -v nginx >/dev/null || die "nginx is missing: apt-get install nginx"
  mkdir -p "$run/pids" "$run/logs"
  if [ "${REGIOLAB_BUILD:-1}" = 1 ]; then
    say "building ($config)"
    for project in Silo/RegioLab.Sim.Silo.csproj Web/RegioLab.Sim.Web.csproj; do
      dotnet build "$root/src/$project" -c "$config" -v q -nologo >>"$run/logs/build.log" 2>&1 || die "build failed: $run/logs/build.log"
    done
  fi
  for dll in Silo/bin/$config/net10.0/RegioLab.Sim.Silo.dll Web/bin/$config/net10.0/RegioLab.Sim.Web.dll; do
    [ -f "$root/src/$dll" ] || die "src/$dll is missing: build it (REGIOLAB_BUILD=1, REGIOLAB_CONFIGURATION=$config)"
  done
  PORT="${REGIOLAB_PORT:-8080}"
  port_taken "$PORT" && die "port $PORT is taken: set REGIOLAB_PORT"
  given+="$PORT "
  CLUSTER_ID="regiolab-$(date +%s)"
  { echo "PORT=$PORT"; echo "CLUSTER_ID=$CLUSTER_ID"; echo "WEB_HOSTS=$web_hosts"; echo "SILOS=$silos"; } >"$run/cluster.env"

  start_postgres
  start_redis
  # shellcheck disable=SC1091
  . "$run/cluster.env"

  local n
  for n in $(seq 1 "$silos"); do
    local silo_port gateway_port
    free_port silo_port; free_port gateway_port
    echo "SILO_$n=$gateway_port" >>"$run/cluster.env"
    launch "silo-$n" env DOTNET_ENVIRONMENT=Production Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss.fff " \
      Silo__Clustering=redis Silo__Redis="$REDIS" Silo__ClusterId="$CLUSTER_ID" \
      Silo__SiloPort="$silo_port" Silo__GatewayPort="$gateway_port" \
      Storage__Provider=postgres Storage__Postgres__ConnectionString="$POSTGRES" \
      dotnet "$root/src/Silo/bin/$config/net10.0/RegioLab.Sim.Silo.dll"
  done
  # The web hosts need one gateway to start; the other silos join meanwhile.
  wait_for "silo-1" 90 grep -q "Application started" "$run/logs/silo-1.log"
  for n in $(seq 1 "$web_hosts"); do
    local port; free_port port
    echo "WEB_$n=$port" >>"$run/cluster.env"
    launch "web-$n" env DOTNET_ENVIRONMENT=Production Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss.fff " \
      ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_FORWARDEDHEADERS_ENABLED=true \
      Web__CoHostSilo=false Silo__Clustering=redis Silo__Redis="$REDIS" Silo__ClusterId="$CLUSTER_ID" \
      dotnet "$root/src/Web/bin/$config/net10.0/RegioLab.Sim.Web.dll"
  done
  . "$run/cluster.env"
  for n in $(seq 2 "$silos"); do
    wait_for "silo-$n" 90 grep -q "Application started" "$run/logs/silo-$n.log"
  done
  all_alive silo "$silos"
  say "$silos silos in cluster $CLUSTER_ID"
  for n in $(seq 1 "$web_hosts"); do
    local var="WEB_$n"
    wait_for "web-$n" 90 ready "${!var}"
  done
  say "$web_hosts web hosts ready"

  write_nginx_conf
  nginx -e "$run/logs/nginx-error.log" -t -c "$run/nginx.conf" -p "$run/nginx" >"$run/logs/nginx-test.log" 2>&1 || die "nginx rejected its config: $run/logs/nginx-test.log"
  nginx -e "$run/logs/nginx-error.log" -c "$run/nginx.conf" -p "$run/nginx" >>"$run/logs/nginx.log" 2>&1
  wait_for "nginx" 10 test -s "$run/nginx/nginx.pid"
  record nginx "$(cat "$run/nginx/nginx.pid")"
  wait_for "nginx" 20 ready "$PORT"
  all_alive silo "$silos"
  all_alive web "$web_hosts"
  say "ready: http://127.0.0.1:$PORT (run folder $run)"
}

# TERM, then KILL after a while; only a process this script started.
stop_one() {
  local name="$1" pid i
  alive "$name" || { rm -f "$run/pids/$name.pid"; return; }
  pid=$(pid_of "$name")
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    alive "$name" || break
    sleep 0.2
  done
  if alive "$name"; then
    say "$name ($pid) did not stop within 20 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$run/pids/$name.pid"
}

stop() {
  [ -f "$run/cluster.env" ] || { say "not started ($run/cluster.env missing)"; return; }
  # shellcheck disable=SC1091
  . "$run/cluster.env"
  stop_one nginx
  local n
  for n in $(seq 1 "${WEB_HOSTS:-2}"); do stop_one "web-$n" & done
  wait
  for n in $(seq 1 "${SILOS:-3}"); do stop_one "silo-$n" & done
  wait
  stop_one redis
  if [ -n "${PG_FOLDER:-}" ]; then
    if alive postgres; then
      as_postgres "$PG_BIN/pg_ctl" stop -D "$PG_FOLDER/data" -m fast -s >/dev/null 2>&1 || stop_one postgres
    fi
    rm -f "$run/pids/postgres.pid"
    rm -rf "$PG_FOLDER"
  fi
  rm -f "$run/cluster.env"
  say "stopped"
}

status() {
  [ -f "$run/cluster.env" ] || { say "not started"; return 1; }
  # shellcheck disable=SC1091
  . "$run/cluster.env"
  local name state bad=0 n
  for name in postgres redis $(for n in $(seq 1 "$SILOS"); do echo "silo-$n"; done) $(for n in $(seq 1 "$WEB_HOSTS"); do echo "web-$n"; done) nginx; do
    [ -f "$run/pids/$name.pid" ] || continue
    if alive "$name"; then state="running (pid $(pid_of "$name"))"; else state="NOT RUNNING"; bad=1; fi
    case "$name" in
      web-*) n=${name#web-}; var="WEB_$n"; ready "${!var}" && state+=", ready on 127.0.0.1:${!var}" || { state+=", NOT READY"; bad=1; } ;;
      nginx) ready "$PORT" && state+=", http://127.0.0.1:$PORT ready" || { state+=", NOT READY"; bad=1; } ;;
    esac
    echo "$name: $state"
  done
  return "$bad"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
