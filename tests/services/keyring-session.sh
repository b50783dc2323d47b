#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test inside its own session bus with an unlocked GNOME Keyring and
# private HOME/XDG folders, so it never sees nor touches a real keyring.
# Usage: keyring-session.sh PROGRAM [ARGS...]
set -eu

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kopir-keyring-XXXXXX")
cleanup () { rm -rf "$tmp"; }
trap cleanup EXIT INT TERM

export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/data"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export KOPIR_TEST_KEYRING_PASSWORD="kopir-test-$$"

status=0
dbus-run-session -- sh -c '
  eval "$(printf "%s" "$KOPIR_TEST_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  "$@"
' sh "$@" || status=$?
exit $status
