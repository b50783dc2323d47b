#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/bench-startup.sh [BUILD_DIR] [--runs N]
#
# Measures Kopir's start-up time and memory next to GNOME Calculator's (see
# bench-startup.py) in a private X server and session bus. BUILD_DIR is the
# meson build folder (default _build); build it first.

set -eu
here=$(cd "$(dirname "$0")" && pwd)
builddir=${1:-$here/../_build}
[ $# -gt 0 ] && shift
kopir="$builddir/app/widgets/kopir"
[ -x "$kopir" ] || { echo "bench-startup: build Kopir first: $kopir is missing" >&2; exit 1; }

exec "$here/ui/kopir-session.sh" /usr/bin/python3 "$here/bench-startup.py" "$@" "$kopir"
