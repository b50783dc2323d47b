#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# kopir-session.sh COMMAND [ARGS...]
#
# Runs COMMAND in a private desktop session of its own: a session bus on
# which only the accessibility bus can be started, an X server (Xvfb), the
# AT-SPI bus, and temporary HOME, XDG and runtime folders. Everything it
# started is stopped and the folders are removed when COMMAND ends; the exit
# status is COMMAND's (99 when the session cannot be set up).
#
# Nothing here waits on a clock: Xvfb reports its display through a pipe once
# it accepts clients, and `gdbus wait` returns when the AT-SPI bus owns its
# name.

set -u

die () { echo "kopir-session: $*" >&2; exit 99; }

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

if [ -z "${KOPIR_SESSION_DIR:-}" ]; then
  for tool in dbus-run-session Xvfb gdbus; do
    command -v "$tool" >/dev/null || die "$tool is not installed (see .ci/install-deps)"
  done
  [ -x /usr/libexec/at-spi-bus-launcher ] || die "at-spi-bus-launcher is missing (package at-spi2-core)"

  dir=$(mktemp -d "${TMPDIR:-/tmp}/kopir-session.XXXXXX") || die "cannot make a temporary folder"
  trap 'rm -rf "$dir"' EXIT
  mkdir -p "$dir/services"
  cp /usr/share/dbus-1/services/org.a11y.Bus.service "$dir/services/"
  cat > "$dir/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$dir</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$dir/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
  KOPIR_SESSION_DIR="$dir" dbus-run-session --config-file="$dir/session.conf" -- "$0" "$@"
  exit $?
fi

# ---- inside the private session bus
dir=$KOPIR_SESSION_DIR
unset KOPIR_SESSION_DIR
pids=()

cleanup () {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null
  done
}
trap cleanup EXIT

export HOME="$dir/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
export XDG_CACHE_HOME="$HOME/.cache" XDG_STATE_HOME="$HOME/.local/state"
export XDG_RUNTIME_DIR="$dir/runtime"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

mkfifo "$dir/display"
Xvfb -displayfd 3 -screen 0 "${KOPIR_SESSION_SCREEN:-1280x800x24}" -nolisten tcp -noreset \
  3>"$dir/display" >"$dir/xvfb.log" 2>&1 &
pids+=($!)
display=
read -r -t 60 display <"$dir/display" || true
[ -n "$display" ] || { cat "$dir/xvfb.log" >&2; die "Xvfb did not start"; }
export DISPLAY=":$display"

# Accessibility on, and no portals or GVfs daemons that would reach outside
# this session.
unset NO_AT_BRIDGE
export GTK_A11Y=atspi ADW_DISABLE_PORTAL=1 GTK_USE_PORTAL=0 GIO_USE_VFS=local
/usr/libexec/at-spi-bus-launcher --launch-immediately >"$dir/at-spi.log" 2>&1 &
pids+=($!)
gdbus wait --session --timeout 60 org.a11y.Bus || { cat "$dir/at-spi.log" >&2; die "the AT-SPI bus did not start"; }

"$@"
