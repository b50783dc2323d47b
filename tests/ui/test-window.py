#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-window.py CASE KOPIR [LANGUAGE]
#
# Drives the real kopir program from outside, the way a person with a
# keyboard or a screen reader does, and checks what they would notice.
# Run it inside tests/ui/kopir-session.sh, which provides the X server,
# the session bus and the accessibility bus.
#
# Cases:
#   pages LANGUAGE  the four pages are offered under their names in LANGUAGE
#                   (en, kk or ru), the sandbox banner and the main menu are
#                   there, and Alt+3 shows the Buy page
#   restore         the page and the window size are the same after a restart
#   banner          the banner follows the exchange profile
#
# The Preferences window has its own tests in test-preferences.py.

import os
import subprocess
import sys

import pyatspi

from kopirtest import Failure, Kopir, TIMEOUT, check, window_size, write_settings

# What a person sees, per language. The Kazakh and Russian texts must come
# from the catalogues in the build tree: if they do not load, the English
# ones show and the test fails.
EXPECTED = {
    'en': {
        'locale': 'en_US.UTF-8',
        'window': 'Kopir',
        'pages': ['Account', 'Bank', 'Buy', 'History'],
        'menu': 'Main Menu',
        'banner': 'Practice exchange: Kopir uses a local sandbox on this computer. '
                  'No real money is involved.',
    },
    'kk': {
        'locale': 'kk_KZ.UTF-8',
        'window': 'Көпір',
        'pages': ['Тіркелгі', 'Банк', 'Сатып алу', 'Тарих'],
        'menu': 'Басты мәзір',
        'banner': 'Жаттығу биржасы: Көпір осы компьютердегі жергілікті жаттығу ортасын '
                  'пайдаланады. Нақты ақша қатыспайды.',
    },
    'ru': {
        'locale': 'ru_RU.UTF-8',
        'window': 'Kopir',
        'pages': ['Аккаунт', 'Банк', 'Покупка', 'История'],
        'menu': 'Главное меню',
        'banner': 'Учебная биржа: Kopir использует локальную песочницу на этом компьютере. '
                  'Реальные деньги не задействованы.',
    },
}

TESTNET_BANNER = ('Test network: Kopir is connected to the Binance Spot Test Network. '
                  'Its funds are not real money.')


def case_pages(binary, language):
    expected = EXPECTED[language]
    kopir = Kopir(binary, language)
    try:
        check(kopir.frame().name == expected['window'],
              f"window title is {kopir.frame().name!r}, expected {expected['window']!r}")
        names = [tab.name for tab in kopir.page_tabs()]
        check(names == expected['pages'],
              f"pages are {names!r}, expected {expected['pages']!r}")
        check(kopir.selected_page() == expected['pages'][0],
              f'the page shown first is {kopir.selected_page()!r}')
        banner = kopir.banner_text()
        check(banner == expected['banner'],
              f"sandbox banner says {banner!r}, expected {expected['banner']!r}")
        menus = [b.name for b in kopir.find_all(
                     lambda a: a.getRole() == pyatspi.ROLE_PUSH_BUTTON
                     and a.getState().contains(pyatspi.STATE_FOCUSABLE)
                     and a.getState().contains(pyatspi.STATE_VISIBLE))]
        check(expected['menu'] in menus,
              f"no button named {expected['menu']!r} among {menus!r}")

        buy = expected['pages'][2]
        kopir.press_and_wait('alt+3', lambda: kopir.selected_page() == buy,
                             f'showing the page {buy!r}')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print(f'{language}: pages {names}, banner and menu present, Alt+3 shows {buy!r}')


def case_restore(binary):
    write_settings('')
    kopir = Kopir(binary, 'en', settings_backend='keyfile')
    try:
        kopir.press_and_wait('alt+4', lambda: kopir.selected_page() == 'History',
                             'showing the History page')
        subprocess.run(['xdotool', 'windowsize', '--sync', kopir.window, '700', '520'],
                       check=True, timeout=TIMEOUT)
        kopir.close_with('ctrl+w')
    finally:
        kopir.stop()

    kopir = Kopir(binary, 'en', settings_backend='keyfile')
    try:
        check(kopir.selected_page() == 'History',
              f'after a restart the page shown is {kopir.selected_page()!r}, not History')
        size = window_size(kopir.window)
        check(size == (700, 520), f'after a restart the window is {size}, not (700, 520)')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('restore: page and size are kept across a restart')


def case_banner(binary):
    write_settings("exchange-profile='binance-testnet'\n")
    kopir = Kopir(binary, 'en', settings_backend='keyfile')
    try:
        banner = kopir.banner_text()
        check(banner == TESTNET_BANNER, f'with the testnet profile the banner says {banner!r}')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()

    write_settings("exchange-profile='custom'\n")
    kopir = Kopir(binary, 'en', settings_backend='keyfile')
    try:
        banner = kopir.banner_text()
        check(banner is None, f'with a real exchange the banner still says {banner!r}')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('banner: shown for the sandbox and the testnet, hidden for a real exchange')


def main():
    if len(sys.argv) < 3:
        print(__doc__ if __doc__ else 'usage: test-window.py CASE KOPIR [LANGUAGE]')
        return 2
    case, binary = sys.argv[1], sys.argv[2]
    try:
        if case == 'pages':
            case_pages(binary, sys.argv[3])
        elif case == 'restore':
            case_restore(binary)
        elif case == 'banner':
            case_banner(binary)
        else:
            print(f'unknown case {case!r}', file=sys.stderr)
            return 2
    except Failure as failure:
        print(f'FAIL: {failure}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
