#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-merged.py DESKTOP_FILE METAINFO_FILE
#
# The desktop file and the metainfo built from the sources carry the Kazakh
# and Russian translations merged from po/, so software centres and the
# desktop show Kopir in those languages.

import sys
import xml.etree.ElementTree as ET

LANGUAGES = ('kk', 'ru')
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'


def main():
    desktop, metainfo = sys.argv[1:3]
    problems = []

    with open(desktop, encoding='utf-8') as f:
        keys = {line.split('=', 1)[0] for line in f if '=' in line}
    for lang in LANGUAGES:
        for key in ('Name', 'GenericName', 'Comment', 'Keywords'):
            if f'{key}[{lang}]' not in keys:
                problems.append(f'{desktop}: no {key}[{lang}]')

    root = ET.parse(metainfo).getroot()
    for lang in LANGUAGES:
        for tag in ('summary', 'name'):
            if not any(e.get(XML_LANG) == lang for e in root.iter(tag)):
                problems.append(f'{metainfo}: no <{tag} xml:lang="{lang}">')
        description = root.find('description')
        if description is None or not any(e.get(XML_LANG) == lang for e in description.iter('p')):
            problems.append(f'{metainfo}: the description has no paragraph in {lang}')

    for problem in problems:
        print('FAIL:', problem)
    if not problems:
        print('desktop file and metainfo carry the kk and ru translations')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
