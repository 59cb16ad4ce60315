#!/usr/bin/env bash
# A real S3 server for the tests: a one-node Ceph RADOS Gateway on 127.0.0.1.
#
#   scripts/s3-test-server.sh start DIR   start (about 3 s); prints `export ...` lines
#   scripts/s3-test-server.sh stop DIR    TERM, short grace, then KILL, by pid
#   scripts/s3-test-server.sh env DIR     print the `export ...` lines of a running server
#
# One monitor and one memstore OSD (objects live in memory), no manager, msgr2 only. Every
# path (data, logs, sockets, pid files, keyrings) lives under DIR, and ports are picked free,
# so several servers can run side by side. Needs: ceph-mon ceph-osd radosgw ceph-common.
# The same lines are written to DIR/s3.env; the keys are fixed test keys, not secrets.
set -euo pipefail

ACCESS_KEY=AIGUILLAGETESTACCESS
SECRET_KEY=aiguillage-test-secret-key-not-a-real-one
START_TIMEOUT=${S3_TEST_SERVER_TIMEOUT:-60}

die() { echo "s3-test-server: $*" >&2; exit 1; }

usage() { die "usage : $0 start|stop|env DOSSIER"; }

[[ $# -eq 2 ]] || usage
CMD=$1
DIR=$2

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Running and not a zombie (a dead daemon waits for init to reap it).
alive() {
  local state
  [[ -n "${1:-}" ]] && state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) && [[ -n "$state" && "$state" != Z ]]
}

stop_server() {
  local pids=() pid
  [[ -f "$DIR/pids" ]] || return 0
  while read -r pid; do alive "$pid" && pids+=("$pid"); done <"$DIR/pids"
  if [[ ${#pids[@]} -gt 0 ]]; then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 10); do            # grace: 0.5 s (the data is throwaway)
      local left=()
      for pid in "${pids[@]}"; do alive "$pid" && left+=("$pid"); done
      [[ ${#left[@]} -eq 0 ]] && break
      sleep 0.05
    done
    for pid in "${pids[@]}"; do alive "$pid" && kill -KILL "$pid" 2>/dev/null || true; done
  fi
  rm -f "$DIR/pids"
}

print_env() {
  [[ -f "$DIR/s3.env" ]] || die "aucun serveur dans $DIR"
  cat "$DIR/s3.env"
}

running() {
  [[ -f "$DIR/pids" && -f "$DIR/s3.env" ]] || return 1
  local pid
  while read -r pid; do alive "$pid" || return 1; done <"$DIR/pids"
}

show_logs() {
  local f
  for f in "$DIR"/log/*.log "$DIR"/log/*.out; do
    [[ -s "$f" ]] || continue
    echo "--- $f" >&2
    tail -n 8 "$f" >&2
  done
}

fail_start() {
  echo "s3-test-server: échec du démarrage : $*" >&2
  show_logs
  stop_server
  exit 1
}

# Runs a daemon in the foreground of its own session, output to DIR/log, pid to DIR/pids.
spawn() {
  local name=$1; shift
  setsid "$@" -f -c "$DIR/ceph.conf" </dev/null >"$DIR/log/$name.out" 2>&1 &
  echo $! >>"$DIR/pids"
}

start_server() {
  for bin in ceph-mon ceph-osd radosgw radosgw-admin ceph ceph-authtool monmaptool; do
    command -v "$bin" >/dev/null || die "programme $bin introuvable : installez ceph-mon ceph-osd radosgw ceph-common (make setup-test)"
  done
  if running; then print_env; return 0; fi
  stop_server
  rm -rf "$DIR/mon" "$DIR/osd" "$DIR/run" "$DIR/log" "$DIR/rgw" "$DIR/s3.env"
  mkdir -p "$DIR"/{mon/a,osd/0,run,log,rgw,crash}
  DIR=$(cd "$DIR" && pwd)

  local mon_port rgw_port fsid osd_uuid
  mon_port=$(free_port)
  rgw_port=$(free_port)
  while [[ "$rgw_port" == "$mon_port" ]]; do rgw_port=$(free_port); done
  fsid=$(python3 -c 'import uuid; print(uuid.uuid4())')
  osd_uuid=$(python3 -c 'import uuid; print(uuid.uuid4())')

  cat >"$DIR/ceph.conf" <<EOF
[global]
fsid = $fsid
mon host = [v2:127.0.0.1:$mon_port]
mon initial members = a
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind msgr1 = false
ms bind msgr2 = true
keyring = $DIR/keyring
run dir = $DIR/run
admin socket = $DIR/run/\$name.asok
pid file = $DIR/run/\$name.pid
log file = $DIR/log/\$name.log
crash dir = $DIR/crash
log to stderr = false
err to stderr = false
auth allow insecure global id reclaim = false
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon data avail crit = 0
mon data avail warn = 0
paxos propose interval = 0.1

[mon]
mon data = $DIR/mon/\$id

[osd]
osd data = $DIR/osd/\$id
osd objectstore = memstore
memstore device bytes = 1073741824

[client.rgw.gw]
rgw data = $DIR/rgw
rgw frontends = beast endpoint=127.0.0.1:$rgw_port tcp_nodelay=1
rgw dns name = 127.0.0.1
EOF
  export CEPH_CONF="$DIR/ceph.conf"

  local kr="$DIR/keyring"
  {
    ceph-authtool --create-keyring "$kr" --gen-key -n mon. --cap mon 'allow *'
    ceph-authtool "$kr" --gen-key -n client.admin --cap mon 'allow *' --cap osd 'allow *' \
      --cap mgr 'allow *' --cap mds 'allow *'
    ceph-authtool "$kr" --gen-key -n osd.0 --cap mon 'allow profile osd' --cap osd 'allow *' \
      --cap mgr 'allow profile osd'
    ceph-authtool "$kr" --gen-key -n client.rgw.gw --cap mon 'allow rw' --cap osd 'allow rwx' \
      --cap mgr 'allow rw'
    monmaptool --create --enable-all-features --fsid "$fsid" \
      --addv a "[v2:127.0.0.1:$mon_port]" "$DIR/monmap"
    ceph-mon -c "$DIR/ceph.conf" --mkfs -i a --monmap "$DIR/monmap" --keyring "$kr"
  } >"$DIR/log/setup.out" 2>&1 || fail_start "création du moniteur (voir $DIR/log/setup.out)"

  spawn mon ceph-mon -i a
  timeout "$START_TIMEOUT" ceph --connect-timeout 20 osd new "$osd_uuid" 0 \
    >>"$DIR/log/setup.out" 2>&1 || fail_start "enregistrement de l'OSD"
  ceph-osd -c "$DIR/ceph.conf" -i 0 --mkfs --osd-uuid "$osd_uuid" \
    >>"$DIR/log/setup.out" 2>&1 || fail_start "création de l'OSD"
  spawn osd ceph-osd -i 0

  # The user first: radosgw-admin makes the default zone and its pools. Started side by side,
  # the gateway and radosgw-admin race to make them and one sometimes waits 5 s.
  timeout "$START_TIMEOUT" radosgw-admin user create --uid=aiguillage-test \
    --display-name="aiguillage tests" --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" \
    >>"$DIR/log/setup.out" 2>&1 || fail_start "création de l'utilisateur S3"
  spawn rgw radosgw -n client.rgw.gw

  local deadline=$((SECONDS + START_TIMEOUT))
  until python3 - "$rgw_port" <<'PY' 2>/dev/null
import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/", timeout=1)
except urllib.error.HTTPError:
    pass  # any S3 answer (403 for an anonymous request) means the gateway serves
PY
  do
    [[ $SECONDS -lt $deadline ]] || fail_start "la passerelle ne répond pas sur le port $rgw_port"
    while read -r pid; do alive "$pid" || fail_start "un démon s'est arrêté"; done <"$DIR/pids"
    sleep 0.05
  done

  cat >"$DIR/s3.env" <<EOF
export AIGUILLAGE_TEST_S3_ENDPOINT=127.0.0.1:$rgw_port
export AIGUILLAGE_TEST_S3_ACCESS_KEY=$ACCESS_KEY
export AIGUILLAGE_TEST_S3_SECRET_KEY=$SECRET_KEY
export AIGUILLAGE_TEST_S3_SECURE=false
EOF
  cat "$DIR/s3.env"
}

case "$CMD" in
  start) start_server ;;
  stop) [[ -d "$DIR" ]] && { DIR=$(cd "$DIR" && pwd); stop_server; }; exit 0 ;;
  env) print_env ;;
  *) usage ;;
esac
