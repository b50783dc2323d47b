#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-po.sh SOURCE_DIR LANGUAGE
#
# Checks po/LANGUAGE.po: msgfmt --check finds nothing wrong, no message is
# untranslated or fuzzy, and every string the sources hold today (extracted
# afresh from POTFILES.in, as `meson compile kopir-pot` does) is translated.

set -eu
srcdir=$1
lang=$2
po="$srcdir/po/$lang.po"

[ -f "$po" ] || { echo "FAIL: $po does not exist"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

msgfmt --check --verbose --statistics -o "$tmp/$lang.mo" "$po" 2>"$tmp/stats" || {
  cat "$tmp/stats"; echo "FAIL: msgfmt --check found errors in $po"; exit 1; }
cat "$tmp/stats"
if grep -Eq 'untranslated|fuzzy' "$tmp/stats"; then
  echo "FAIL: $po has untranslated or fuzzy messages"
  exit 1
fi

# The same keywords as the glib preset of meson's i18n module.
(cd "$srcdir" && xgettext --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --keyword=ngettext:1,2 \
  --files-from=po/POTFILES.in --output="$tmp/kopir.pot")

# msgcmp counts untranslated and fuzzy messages of the catalogue as missing.
if ! msgcmp "$po" "$tmp/kopir.pot" 2>"$tmp/cmp"; then
  cat "$tmp/cmp"
  echo "FAIL: $po lacks translations of strings in the sources;" \
       "run 'meson compile -C _build kopir-update-po' and translate them"
  exit 1
fi
echo "$lang: every string of the sources is translated"
