#!/usr/bin/env bash
# System packages the tests use: Debian's labelme (exports are loaded by labelme's own LabelFile) and chromium
# (the renderer's end-to-end tests drive it with playwright-core). Idempotent; needs root or sudo.
set -euo pipefail
need=()
/usr/bin/python3 -c 'import labelme' >/dev/null 2>&1 || need+=(labelme)
[ -x /usr/bin/chromium ] || need+=(chromium fonts-liberation)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
