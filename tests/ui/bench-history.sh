#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-history.sh BENCH-HISTORY
#
# The History page with a thousand and with a hundred thousand entries:
# time to show the first page, and resident memory when open and while
# scrolling through everything. Run it inside tests/ui/kopir-session.sh
# (meson test --benchmark does), which provides the X server.

set -eu
bench=$1

# The same number of stops for each, so only the number of rows differs.
for rows in 1000 100000; do
  "$bench" "$rows" 60
done
