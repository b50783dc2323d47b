#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the libFuzzer targets of the core parsers with clang
# (-fsanitize=fuzzer,address,undefined) and runs each of them.
#
#   tests/fuzz/run-fuzzers.sh [SECONDS]         each target for SECONDS (default 60)
#   tests/fuzz/run-fuzzers.sh --runs N          each target for N inputs (the test suite's short run)
#   tests/fuzz/run-fuzzers.sh --only NAME ...   only these targets (--only may be repeated):
#                                               decimal, money, iin, iban (core), catalog,
#                                               plural-forms (documents), json (services)
#
# Environment: FUZZ_BUILD_DIR (where to build; a temporary folder by
# default), FUZZ_JOBS (parallel jobs per target, default 1).
# Inputs that crash are written to the build folder and the script fails.
# Without clang and libFuzzer it fails too: the check must not pass
# silently on a machine that cannot run it.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
limit="-max_total_time=60"
only=""

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) limit="-runs=$2"; shift 2 ;;
    --only) only="$only $2"; shift 2 ;;
    [0-9]*) limit="-max_total_time=$1"; shift ;;
    *) echo "usage: $0 [SECONDS | --runs N] [--only TARGET]" >&2; exit 2 ;;
  esac
done

CLANG=${CLANG:-clang}
if ! command -v "$CLANG" >/dev/null 2>&1; then
  echo "FAIL: clang is not installed; install clang and libclang-rt-14-dev to run the fuzzers" >&2
  exit 1
fi

build=${FUZZ_BUILD_DIR:-}
cleanup=""
if [ -z "$build" ]; then
  build=$(mktemp -d "${TMPDIR:-/tmp}/kopir-fuzz-XXXXXX")
  cleanup="$build"
fi
mkdir -p "$build"

# A config.h of our own, so the fuzzers build without a meson build tree.
cat > "$build/config.h" <<CONFIG
#pragma once
#define APPLICATION_ID "io.github.kopir.Kopir"
#define PACKAGE_VERSION "fuzz"
#define GETTEXT_PACKAGE "kopir"
#define LOCALEDIR "/usr/share/locale"
#define PKGDATADIR "$src/data"
#define BINDIR "/usr/bin"
CONFIG

glib_flags=$(pkg-config --cflags glib-2.0 gobject-2.0)
glib_libs=$(pkg-config --libs glib-2.0 gobject-2.0)
cflags="-g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=undefined
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
  -I$build -I$src/app/core -I$src/app/documents $glib_flags"

core="kopir-decimal kopir-currency kopir-money-format kopir-iin kopir-iban kopir-bank-directory"
objects=""
for unit in $core; do
  # shellcheck disable=SC2086
  "$CLANG" $cflags -fsanitize=fuzzer-no-link,address,undefined -c "$src/app/core/$unit.c" -o "$build/$unit.o"
  objects="$objects $build/$unit.o"
done
# The documents layer's parsers of untrusted files: message catalogues and
# their plural rules (GLib and GObject only).
documents="kopir-catalog kopir-plural-forms"
for unit in $documents; do
  # shellcheck disable=SC2086
  "$CLANG" $cflags -fsanitize=fuzzer-no-link,address,undefined -c "$src/app/documents/$unit.c" -o "$build/$unit.o"
  objects="$objects $build/$unit.o"
done

# The services layer's reader of the exchange's answers (with json-glib,
# which the fuzzer compares it with).
json_flags=$(pkg-config --cflags json-glib-1.0)
json_libs=$(pkg-config --libs json-glib-1.0)
# shellcheck disable=SC2086
"$CLANG" $cflags $json_flags -I"$src/app/services" -fsanitize=fuzzer-no-link,address,undefined \
  -c "$src/app/services/kopir-json.c" -o "$build/kopir-json.o"

export KOPIR_BANK_DIRECTORY="$src/data/kz-banks.tsv"
export G_DEBUG=fatal-criticals
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

status=0
for target in decimal money iin iban catalog plural-forms json; do
  if [ -n "$only" ]; then
    case " $only " in
      *" $target "*) ;;
      *) continue ;;
    esac
  fi
  # Catalogues need room for their tables; the other inputs are short.
  max_len=512
  if [ "$target" = catalog ]; then
    max_len=4096
  fi
  extra_flags=""
  extra_objects=""
  extra_libs=""
  if [ "$target" = json ]; then
    extra_flags="$json_flags -I$src/app/services -I$src/tests/services"
    extra_objects="$build/kopir-json.o"
    extra_libs="$json_libs"
  fi
  # shellcheck disable=SC2086
  "$CLANG" $cflags $extra_flags -fsanitize=fuzzer,address,undefined "$here/fuzz-$target.c" $objects \
    $extra_objects $glib_libs $extra_libs -o "$build/fuzz-$target"
  corpus="$build/corpus-$target"
  mkdir -p "$corpus"
  echo "fuzz-$target: $limit"
  if ! "$build/fuzz-$target" "$limit" -max_len=$max_len -timeout=10 -print_final_stats=1 \
       -artifact_prefix="$build/crash-$target-" "$corpus" "$here/seeds/$target" \
       > "$build/fuzz-$target.log" 2>&1; then
    echo "FAIL: fuzz-$target found a failing input; see $build/fuzz-$target.log and $build/crash-$target-*" >&2
    tail -n 40 "$build/fuzz-$target.log" >&2
    status=1
    cleanup=""
  else
    grep -E '^(Done|stat::number_of_executed_units|#[0-9]+ *DONE)' "$build/fuzz-$target.log" || true
  fi
done

if [ -n "$cleanup" ]; then
  rm -rf "$cleanup"
fi
if [ $status -eq 0 ]; then
  echo "all fuzz targets ran without a failure"
fi
exit $status
