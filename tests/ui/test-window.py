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
#   preferences     the Preferences window opens with Ctrl+comma, its
#                   controls are named, and choosing another exchange
#                   profile there with the keyboard changes the banner

import os
import subprocess
import sys

import pyatspi
from gi.repository import GLib

TIMEOUT = 60

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


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def locale_available(name):
    out = subprocess.run(['locale', '-a'], capture_output=True, text=True, check=True).stdout
    wanted = name.lower().replace('utf-8', 'utf8')
    return any(line.strip().lower() == wanted for line in out.splitlines())


# Accessibility events after which a condition is checked again.
EVENTS = ['object:children-changed', 'object:state-changed', 'object:property-change',
          'window']


def wait_until(condition, what, trigger=None):
    """Run trigger, then wait until condition() holds, checking it again on
    every accessibility event; fail after TIMEOUT seconds."""
    state = {'ok': False, 'timed_out': False}

    def test_condition():
        if not state['ok'] and condition():
            state['ok'] = True
            pyatspi.Registry.stop()

    def on_event(event):
        test_condition()

    def start():
        if trigger is not None:
            trigger()
        test_condition()
        return GLib.SOURCE_REMOVE

    def on_timeout():
        state['timed_out'] = True
        pyatspi.Registry.stop()
        return GLib.SOURCE_REMOVE

    pyatspi.Registry.registerEventListener(on_event, *EVENTS)
    GLib.idle_add(start)
    timeout_id = GLib.timeout_add_seconds(TIMEOUT, on_timeout)
    try:
        pyatspi.Registry.start()
    finally:
        pyatspi.Registry.deregisterEventListener(on_event, *EVENTS)
        if not state['timed_out']:
            GLib.source_remove(timeout_id)
    check(state['ok'], f'{what} did not happen within {TIMEOUT} s')


def is_shown(accessible, window):
    """Whether a person can see it. GTK 4.8 sets STATE_SHOWING on windows
    only, and a widget that was shown once keeps its old area when it is
    hidden (the page switcher that no longer fits), so this asks the window
    what is at the middle of the widget's area."""
    if not accessible.getState().contains(pyatspi.STATE_VISIBLE):
        return False
    try:
        extents = accessible.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        if extents.width <= 0 or extents.height <= 0:
            return False
        hit = window.queryComponent().getAccessibleAtPoint(
            extents.x + extents.width // 2, extents.y + extents.height // 2,
            pyatspi.WINDOW_COORDS)
    except NotImplementedError:
        return False
    under_point = set()
    while hit is not None and hit.getRole() != pyatspi.ROLE_APPLICATION:
        under_point.add(hit.path)
        hit = hit.parent
    # GTK 4.8 gives the contents of a page tab the tab list as their parent,
    # so what is under the middle of a tab may only name its list.
    return accessible.path in under_point or accessible.parent.path in under_point


class Kopir:
    """One run of the kopir program, with its window shown."""

    def __init__(self, binary, language='en', settings_backend='memory'):
        expected = EXPECTED[language]
        if not locale_available(expected['locale']):
            raise Failure(f"the locale {expected['locale']} is not generated; "
                          "run .ci/install-deps (or locale-gen) first")
        env = dict(os.environ)
        env.pop('LC_ALL', None)
        env.pop('LC_MESSAGES', None)
        env['LANG'] = expected['locale']
        env['LANGUAGE'] = language
        env['GSETTINGS_BACKEND'] = settings_backend
        env['KOPIR_LOCALEDIR'] = os.path.join(os.environ['KOPIR_BUILD_DIR'], 'po')
        self.process = subprocess.Popen([binary], env=env)
        self.app = None
        try:
            self.window = self._wait_for_window()
            # GTK joins the accessibility registry a little after the window
            # is mapped: wait for the registry to announce it.
            wait_until(self._find_application, 'kopir joining the accessibility bus')
            # GTK 4.8 makes the accessible objects of its widgets when they
            # are first asked for, and until then a hit test cannot name
            # their parents: walk the whole tree once.
            self.find_all(lambda accessible: False)
            wait_until(lambda: len(self.page_tabs()) == 4, 'the page switcher being shown')
        except BaseException:
            self.stop()
            raise

    def _wait_for_window(self):
        return self.wait_for_window()

    def wait_for_window(self, name=None):
        """The id of a window of kopir (titled to match the regular expression
        name), once it is viewable; xdotool waits, `timeout` bounds it."""
        command = ['timeout', str(TIMEOUT), 'xdotool', 'search', '--sync', '--onlyvisible',
                   '--pid', str(self.process.pid)]
        if name is not None:
            command += ['--name', name]
        result = subprocess.run(command, capture_output=True, text=True)
        check(result.returncode == 0 and result.stdout.strip(),
              f'no window {name or "of kopir"} was shown within {TIMEOUT} s')
        return result.stdout.split()[0]

    def _find_application(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.get_process_id() == self.process.pid:
                self.app = app
                return True
        return False

    def frame(self):
        check(self.app is not None, 'kopir is not on the accessibility bus')
        for child in self.app:
            if child.getRole() == pyatspi.ROLE_FRAME:
                return child
        raise Failure('kopir has no window on the accessibility bus')

    def find_all(self, predicate):
        """Every descendant of the window for which predicate() holds, in
        order. Unlike pyatspi.utils.findAllDescendants, errors are not
        swallowed."""
        found = []

        def visit(node):
            for child in node:
                if child is None:
                    continue
                if predicate(child):
                    found.append(child)
                visit(child)

        visit(self.frame())
        return found

    def showing(self, role):
        window = self.frame()
        return self.find_all(lambda a: a.getRole() == role and is_shown(a, window))

    def page_tabs(self):
        """The page switcher's tabs a person can see, in order."""
        return self.showing(pyatspi.ROLE_PAGE_TAB)

    def selected_page(self):
        tabs = [t.name for t in self.page_tabs() if t.getState().contains(pyatspi.STATE_SELECTED)]
        return tabs[0] if len(tabs) == 1 else None

    def banner_text(self):
        bars = self.showing(pyatspi.ROLE_STATUS_BAR)
        texts = [label.name for bar in bars for label in bar
                 if label.getRole() == pyatspi.ROLE_LABEL]
        return texts[0] if texts else None

    def press(self, keys):
        subprocess.run(['xdotool', 'windowfocus', '--sync', self.window], check=True,
                       timeout=TIMEOUT)
        # XTEST, as a keyboard would: the window may be gone before the
        # keys are released, which an event sent to it would not survive.
        subprocess.run(['xdotool', 'key', keys], check=True, timeout=TIMEOUT)

    def press_and_wait(self, keys, condition, what):
        """Press keys, then wait until condition() holds."""
        wait_until(condition, f'{what} after {keys}', trigger=lambda: self.press(keys))

    def close_with(self, keys):
        self.press(keys)
        try:
            code = self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise Failure(f'{keys} did not close kopir within {TIMEOUT} s')
        check(code == 0, f'kopir exited with status {code}')

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def window_size(window):
    out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', window],
                         capture_output=True, text=True, check=True).stdout
    values = dict(line.split('=', 1) for line in out.split())
    return int(values['WIDTH']), int(values['HEIGHT'])


def write_settings(text):
    path = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, 'keyfile'), 'w') as keyfile:
        keyfile.write('[io/github/kopir/Kopir]\n' + text)


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

    write_settings("exchange-profile='aifc-live'\n")
    kopir = Kopir(binary, 'en', settings_backend='keyfile')
    try:
        banner = kopir.banner_text()
        check(banner is None, f'with a real exchange the banner still says {banner!r}')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('banner: shown for the sandbox and the testnet, hidden for a real exchange')


def case_preferences(binary):
    write_settings('')
    kopir = Kopir(binary, 'en', settings_backend='keyfile')
    try:
        # GTK 4.8 announces no new window on the accessibility bus, so wait
        # for the X server to map it, then look for it there.
        kopir.press('ctrl+comma')
        kopir.wait_for_window('^Preferences$')
        windows = [c for c in kopir.app if c is not None and c.name == 'Preferences']
        check(len(windows) == 1, 'the Preferences window is not on the accessibility bus')
        window = windows[0]
        spins = [a.name for a in pyatspi.utils.findAllDescendants(
                 window, lambda a: a.getRole() == pyatspi.ROLE_SPIN_BUTTON)]
        check(spins == ['Lock After Inactivity'],
              f'the idle lock spin button is named {spins!r}')
        titles = {a.name for a in pyatspi.utils.findAllDescendants(
                  window, lambda a: a.getRole() == pyatspi.ROLE_LABEL)}
        for title in ('Exchange Profile', 'Language of Printed Documents',
                      'Local sandbox (no real money)', 'The customer’s language'):
            check(title in titles, f'the Preferences window does not show {title!r}')

        # The exchange profile row has the focus: open its list, take the
        # next profile.
        for keys in ('Return', 'Down', 'Return'):
            subprocess.run(['xdotool', 'key', keys], check=True, timeout=TIMEOUT)
        wait_until(lambda: kopir.banner_text() == TESTNET_BANNER,
                   'the banner saying the test network is in use')
    finally:
        kopir.stop()
    print('preferences: named controls; the chosen profile reaches the banner')


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
        elif case == 'preferences':
            case_preferences(binary)
        else:
            print(f'unknown case {case!r}', file=sys.stderr)
            return 2
    except Failure as failure:
        print(f'FAIL: {failure}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
