#!/usr/bin/env bash
# Installs the Debian packages ProdReady needs when they are missing.
#   app:  bubblewrap (the grading sandbox)
#   test: bubblewrap, chromium (browser tests), postgresql (the PostgreSQL and grading-worker
#         tests), haproxy (the load-balancer config in deploy/ is started in front of two apps)
set -euo pipefail
want=(bubblewrap)
if [ "${1:-app}" = test ]; then want+=(chromium postgresql haproxy); fi

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "ProdReady needs these Debian packages: ${missing[*]}. Install them (as root): apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
