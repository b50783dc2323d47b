#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-potfiles.py SOURCE_DIR
#
# Every file under app/, ui/ and data/ with translatable strings must be
# listed in po/POTFILES.in, which must be sorted and name only files that
# exist; otherwise its strings never reach the translators.

import os
import re
import sys

C_MARKERS = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)\s*\(\s*"')
UI_MARKER = re.compile(r'translatable\s*=\s*"(yes|true|1)"')


def has_translatable_strings(path):
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except (UnicodeDecodeError, OSError):
        return False
    name = os.path.basename(path)
    if name.endswith(('.c', '.h')):
        return C_MARKERS.search(text) is not None
    if name.endswith('.ui'):
        return UI_MARKER.search(text) is not None
    if name.endswith('.desktop.in'):
        return True
    if name.endswith(('.metainfo.xml.in', '.appdata.xml.in')):
        return True
    if name.endswith('.gschema.xml'):
        return '<summary' in text or '<description' in text
    return False


def main():
    srcdir = sys.argv[1]
    with open(os.path.join(srcdir, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        listed = [line.strip() for line in f
                  if line.strip() and not line.startswith('#')]
    problems = []

    if listed != sorted(listed):
        problems.append('po/POTFILES.in is not sorted')
    if len(set(listed)) != len(listed):
        problems.append('po/POTFILES.in names a file twice')
    for path in listed:
        if not os.path.isfile(os.path.join(srcdir, path)):
            problems.append(f'po/POTFILES.in names {path}, which does not exist')

    needed = []
    for top in ('app', 'ui', 'data'):
        for root, dirs, files in os.walk(os.path.join(srcdir, top)):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                if has_translatable_strings(path):
                    needed.append(os.path.relpath(path, srcdir))
    for path in needed:
        if path not in listed:
            problems.append(f'{path} has translatable strings but is not in po/POTFILES.in')

    for problem in problems:
        print('FAIL:', problem)
    if not problems:
        print(f'{len(needed)} files with translatable strings, all in po/POTFILES.in')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
