#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The long run of the sandbox's request-parsing fuzz target with libFuzzer
# (clang, -fsanitize=fuzzer,address,undefined).  The test suite runs the
# same target briefly through fuzz-main.c; this is for hours.
#
#   tests/sandbox/fuzz/run-fuzzer.sh [SECONDS]   (default 3600)
#
# Environment: FUZZ_BUILD_DIR (where to build and keep the growing corpus;
# a temporary folder by default), FUZZ_JOBS (parallel jobs, default 1).
# Crashing inputs are left in the build folder and the script fails.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../../.." && pwd)
seconds=${1:-3600}
CLANG=${CLANG:-clang}

if ! command -v "$CLANG" >/dev/null 2>&1; then
  echo "FAIL: clang is not installed; install clang and libclang-rt-14-dev" >&2
  exit 1
fi

build=${FUZZ_BUILD_DIR:-$(mktemp -d -t kopir-sandbox-fuzz-XXXXXX)}
mkdir -p "$build/corpus" "$build/config"
cp "$here"/corpus/* "$build/corpus/"

# config.h as meson would write it, enough for these sources.
cat > "$build/config/config.h" <<'H'
#define GETTEXT_PACKAGE "kopir"
#define PACKAGE_VERSION "fuzz"
#define LOCALEDIR "/usr/share/locale"
#define PKGDATADIR "/usr/share/kopir"
H

# shellcheck disable=SC2046
"$CLANG" -g -O1 -fsanitize=fuzzer,address,undefined \
  -I"$build/config" -I"$src/app/core" -I"$src/app/sandbox" \
  $(pkg-config --cflags glib-2.0 json-glib-1.0) \
  "$here/fuzz-request.c" "$src/app/sandbox/kopir-sandbox-params.c" "$src/app/sandbox/kopir-sandbox-image.c" \
  "$src/app/core/kopir-decimal.c" \
  $(pkg-config --libs glib-2.0 json-glib-1.0) -o "$build/fuzz-request"

cd "$build"
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} ./fuzz-request -max_total_time="$seconds" \
  -jobs="${FUZZ_JOBS:-1}" -workers="${FUZZ_JOBS:-1}" corpus
echo "fuzz-request ran for $seconds s without a crash; corpus in $build/corpus"
