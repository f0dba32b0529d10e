#!/usr/bin/env bash
# Takes a fresh machine to one that runs xxgk-archive: npm packages (SQLite is built from source
# here, about a minute), and the system packages later stages use: Debian's chromium (portals that
# render their listings with JavaScript) and fonts-noto-cjk (rendering Chinese test images).
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
# Read the font list first: `fc-list | grep -q` fails under pipefail when grep exits early.
fonts=$(fc-list : family 2>/dev/null || true)
if ! grep -qi 'Noto Sans CJK' <<<"$fonts"; then missing+=(fonts-noto-cjk); fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${missing[*]} with apt-get"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null; }; then
      echo "setup: warning: apt-get could not install ${missing[*]}; crawling static portals still works" >&2
    fi
  else
    echo "setup: please install ${missing[*]} (Debian/Ubuntu: sudo apt-get install ${missing[*]}); static portals work without them" >&2
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  # onnxruntime-node's install script would download CUDA binaries on Linux x64 (the CPU build ships
  # in the package). Said here, not in .npmrc: npm warns about that unknown key on every `npx`.
  ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund
fi
# An interrupted install can leave the native SQLite module unbuilt.
if ! node -e "new (require('better-sqlite3'))(':memory:').close()" >/dev/null 2>&1; then
  echo "setup: building better-sqlite3"
  npm rebuild better-sqlite3
fi
echo "setup: ready"
