#!/usr/bin/env bash
# Builds the Linux package, installs it with dpkg, runs the installed launcher with --version, then
# starts the installed engine headless on a fresh data folder (every start-up step runs on the
# package's own trimmed Java runtime and jar) and stops it with SIGTERM.
# Slow (fat jar + jlink + jpackage, a few minutes) and needs root (or sudo), jpackage from a full
# JDK 17, fakeroot and dpkg-deb: run it by hand before a release, not in every CI run.
#
#   installer/verify-deb.sh            # build, install, check
#   installer/verify-deb.sh --no-build # reuse installer/target/dist/*.deb
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

for tool in jpackage fakeroot dpkg-deb; do
  command -v "$tool" >/dev/null 2>&1 || { echo "verify-deb: $tool is missing (apt-get install -y fakeroot openjdk-17-jdk)" >&2; exit 2; }
done

if [ "${1:-}" != "--no-build" ]; then
  mvn -B -q -Pinstaller -DskipTests package
fi

deb=$(ls -t installer/target/dist/*.deb 2>/dev/null | head -n 1 || true)
[ -n "$deb" ] || { echo "verify-deb: no .deb under installer/target/dist" >&2; exit 1; }
echo "verify-deb: package $deb"
dpkg-deb --info "$deb" | grep -E 'Package|Version|Depends' || true

# The package registers its menu entry with xdg-desktop-menu, which needs a desktop menu system
# (/etc/xdg/menus). Desktops have one; bare servers and containers do not, so give them one.
if [ ! -d /etc/xdg/menus ]; then
  echo "verify-deb: no desktop menu system here; creating /etc/xdg/menus so the menu entry can register"
  $SUDO mkdir -p /etc/xdg/menus /usr/share/applications /usr/share/desktop-directories
fi

# dpkg -i does not fetch dependencies; let apt add them (libgtk-3-0) if any are missing.
if ! $SUDO dpkg -i "$deb"; then
  $SUDO apt-get install -f -y
fi

launcher=/opt/orchestration-engine/bin/orchestration-engine
[ -x "$launcher" ] || { echo "verify-deb: $launcher was not installed" >&2; exit 1; }
ls /opt/orchestration-engine/lib/*.desktop >/dev/null 2>&1 && echo "verify-deb: desktop entry present"

version_line=$("$launcher" --version)
echo "verify-deb: $version_line"
expected=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | sed -n 1p)
case "$version_line" in
  "Orchestration Engine $expected") echo "verify-deb: version OK" ;;
  *) echo "verify-deb: expected 'Orchestration Engine $expected'" >&2; exit 1 ;;
esac

# Full starts on the installed runtime: a JDK module left out of the jlink image, or a native
# library left out of the trimmed jar, fails here and not only on a user's machine.
# start_and_stop LABEL COMMAND...: runs COMMAND until its ready line, then SIGTERM and a clean stop.
start_and_stop() {
  local label=$1; shift
  local data log pid
  data=$(mktemp -d)
  log="$data/engine.log"
  "$@" --data-dir "$data/data" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do
    grep -q '^Orchestration Engine ready' "$log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if ! grep -q '^Orchestration Engine ready' "$log"; then
    kill "$pid" 2>/dev/null || true
    echo "verify-deb: the installed engine did not start ($label):" >&2
    cat "$log" >&2
    exit 1
  fi
  echo "verify-deb: $label: $(grep '^Orchestration Engine ready' "$log")"
  pkill -TERM -f "^/opt/orchestration-engine/" || true
  wait "$pid" || true
  grep -q '^Orchestration Engine stopped' "$log" || { echo "verify-deb: no clean stop after SIGTERM ($label):" >&2; cat "$log" >&2; exit 1; }
  echo "verify-deb: $label: stopped cleanly after SIGTERM"
  rm -rf "$data"
}

start_and_stop headless "$launcher" --headless
if command -v xvfb-run >/dev/null 2>&1; then
  start_and_stop "window (Xvfb)" xvfb-run -a "$launcher"
else
  echo "verify-deb: no xvfb-run here (bench/install-gui-deps.sh installs it); the window start was not checked"
fi
echo "verify-deb: start-up OK"

# The loopback API and a knowledge base on the installed runtime: Jetty, the in-process embedding
# model (ONNX Runtime + the tokenizer's native library from the trimmed jar) and hybrid search.
if command -v curl >/dev/null 2>&1; then
  data=$(mktemp -d)
  mkdir -p "$data/docs"
  printf '# Weather\n\nThe weather client caches forecasts for ten minutes.\n' >"$data/docs/weather.md"
  key=$("$launcher" --data-dir "$data/data" --create-api-key verify-deb | tail -n 1)
  port=18765
  "$launcher" --headless --api --api-port "$port" --data-dir "$data/data" >"$data/engine.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do grep -q '^Orchestration Engine ready' "$data/engine.log" && break; sleep 1; done
  api="http://127.0.0.1:$port/api"
  kb=$(curl -s -H "Authorization: Bearer $key" -H 'content-type: application/json' \
    -d "{\"name\":\"verify-deb\",\"folder\":\"$data/docs\"}" "$api/knowledge" | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4)
  found=""
  for _ in $(seq 1 60); do
    found=$(curl -s -H "Authorization: Bearer $key" "$api/knowledge/$kb/search?q=forecasts&k=1" | grep -o '"path":"weather.md"' || true)
    [ -n "$found" ] && break
    sleep 1
  done
  pkill -TERM -f "^/opt/orchestration-engine/" || true
  wait "$pid" || true
  if [ -z "$kb" ] || [ -z "$found" ]; then
    echo "verify-deb: the API or the knowledge search failed on the installed runtime:" >&2
    cat "$data/engine.log" >&2
    exit 1
  fi
  echo "verify-deb: API + knowledge base: indexed and found weather.md through the loopback API"
  rm -rf "$data"
else
  echo "verify-deb: no curl here; the API and knowledge check was skipped"
fi
