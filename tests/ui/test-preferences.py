#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-preferences.py CASE KOPIR [LANGUAGE]
#
# Drives the Preferences window of the real kopir program from outside, the
# way a person with a keyboard or a screen reader does, and checks what they
# would notice. Run it inside tests/ui/kopir-session.sh.
#
# Cases:
#   preferences      the window opens with Ctrl+comma, its controls are
#                    named, and choosing another exchange profile there with
#                    the keyboard changes the banner
#   custom           a custom exchange: an unencrypted address is refused
#                    beside its row, a loopback address to a practice
#                    exchange is saved, an API secret pasted from the
#                    clipboard reaches the keyring and never the
#                    accessibility bus, the connection test passes, then
#                    fails with advice once the exchange is gone, its report
#                    is copied without keys, and the key is forgotten
#   lockdown         a profile shipped in the system configuration folder
#                    and settings locked with dconf: the locked rows cannot
#                    be changed and say who set them; the connection test
#                    reaches the shipped exchange
#   language LANG    a custom exchange's form, a refused address and the
#                    connection test in en, kk or ru, also at 360 pixels wide
#
# With KOPIR_SCREENSHOT_DIR set, the cases leave screenshots there:
#   KOPIR_SCREENSHOT_DIR=/tmp/shots meson test -C _build --suite ui

import os
import subprocess
import sys
import tempfile

import pyatspi
from gi.repository import Atspi, GLib

from kopirtest import (Failure, Kopir, Lockdown, Sandbox, TIMEOUT, check, get_clipboard, is_shown,
                       lookup_secret, set_clipboard, wait_until, window_size, write_settings)

TESTNET_BANNER = ('Test network: Kopir is connected to the Binance Spot Test Network. '
                  'Its funds are not real money.')

CHECK_TITLES = ['Connection', 'Encryption', 'Clock', 'API key', 'Request allowance']


# Reading and driving the Preferences window

def key(keys):
    """Keys to the window that has the focus (Preferences, a dialog)."""
    subprocess.run(['xdotool', 'key', keys], check=True, timeout=TIMEOUT)


def walk(node):
    """Every descendant of node. Objects that go away meanwhile (a toast
    that ends, rows replaced) are passed over."""
    try:
        children = [child for child in node]
    except GLib.GError:
        return
    for child in children:
        if child is None:
            continue
        yield child
        yield from walk(child)


def alive(predicate, accessible):
    """predicate(accessible), False for an object that went away."""
    try:
        return predicate(accessible)
    except GLib.GError:
        return False


def visible(accessible):
    return accessible.getState().contains(pyatspi.STATE_VISIBLE)


def sensitive(accessible):
    return accessible.getState().contains(pyatspi.STATE_SENSITIVE)


def matching(root, role, name=None):
    def matches(accessible):
        if accessible.getRole() != role or not visible(accessible):
            return False
        if name is None:
            return True
        return name(accessible.name) if callable(name) else accessible.name == name
    return [a for a in walk(root) if alive(matches, a)]


def one(root, role, name=None):
    found = matching(root, role, name)
    check(len(found) == 1, f'expected one visible {role} named {name!r}, found {len(found)}')
    return found[0]


def wait_one(root, role, name, what=None, trigger=None):
    """Runs trigger, then waits until exactly one such control is visible."""
    result = {}

    def present():
        found = matching(root, role, name)
        if len(found) == 1:
            result['found'] = found[0]
            return True
        return False

    wait_until(present, what or f'a {role} named {name!r}', trigger=trigger)
    return result['found']


def labels(root):
    return [a.name for a in walk(root)
            if alive(lambda l: l.getRole() == pyatspi.ROLE_LABEL and visible(l), a)]


def wait_label(root, text, what=None, trigger=None):
    """Runs trigger, then waits until a visible label says text."""
    wait_until(lambda: text in labels(root), what or f'the words {text!r}', trigger=trigger)


def uncached(kopir):
    """GTK 4.8 does not announce every change of its tree (a group shown, a
    dialog opened), so the bus's cache of kopir's objects goes stale: read
    them afresh each time."""
    kopir.app.set_cache_mask(Atspi.Cache.NONE)
    return kopir


def stop(kopir):
    """Stops kopir; in a finally clause after a failure, shows first what
    the screen looked like."""
    if sys.exc_info()[0] is not None and kopir.process.poll() is None:
        screenshot(kopir, f'failure-{kopir.process.pid}')
    kopir.stop()


def open_preferences(kopir, title='Preferences'):
    # GTK 4.8 announces no new window on the accessibility bus, so wait for
    # the X server to map it, then look for it there.
    kopir.press('ctrl+comma')
    kopir.wait_for_window(f'^{title}$')
    windows = [c for c in kopir.app if c is not None and c.name == title]
    check(len(windows) == 1, f'the {title} window is not on the accessibility bus')
    return windows[0]


def focused(accessible):
    return accessible.getState().contains(pyatspi.STATE_FOCUSED)


def focus_with(mnemonic, target):
    """Moves the focus with a mnemonic (alt+LETTER), as a keyboard user
    does; GTK 4.8 does not let the accessibility bus move it."""
    wait_until(lambda: focused(target), f'{mnemonic} focusing {target.name!r}',
               trigger=lambda: key(mnemonic))


def type_with(kopir, mnemonic, target, text):
    """Focuses an entry with its mnemonic and types text into it, replacing
    what was there; returns once the entry holds it. (GTK 4.8 does not say
    over the bus which entry row has the focus; X delivers the keys in
    order, so they reach the entry the mnemonic focused.)"""
    for keys in (mnemonic, 'ctrl+a', 'BackSpace'):
        key(keys)
    wait_until(lambda: kopir.text_of(target) == text, f'{text!r} typed into {target.name!r}',
               trigger=lambda: subprocess.run(['xdotool', 'type', '--delay', '5', text],
                                              check=True, timeout=TIMEOUT))


def screenshot(kopir, name):
    folder = os.environ.get('KOPIR_SCREENSHOT_DIR')
    if folder:
        os.makedirs(folder, exist_ok=True)
        kopir.screenshot(os.path.join(folder, name + '.png'))


def keys(*presses):
    """A trigger for wait_until: these keys, one after the other."""
    def press():
        for keys_ in presses:
            key(keys_)
    return press


def choose_profile(kopir, window, downs):
    """A trigger: opens the exchange profile list with the keyboard, moves
    down and takes that profile."""
    # The first row has the focus when the window opens.
    combo = one(window, pyatspi.ROLE_COMBO_BOX, 'Exchange Profile')
    wait_until(lambda: combo.getState().contains(pyatspi.STATE_FOCUSED),
               'the focus on the exchange profile')
    return keys('Return', *['Down'] * downs, 'Return')


def exposed_texts(kopir):
    """Everything any window of kopir tells the accessibility bus: names,
    descriptions and the text of text objects."""
    def read(accessible):
        found = [accessible.name or '', accessible.description or '']
        try:
            text = accessible.queryText()
            found.append(text.getText(0, text.characterCount))
        except NotImplementedError:
            pass
        return found

    texts = []
    for window in kopir.app:
        if window is None:
            continue
        for accessible in [window, *walk(window)]:
            try:
                texts += read(accessible)
            except GLib.GError:
                pass  # gone meanwhile
    return texts


def check_rows(view):
    """The connection test's rows: {title: [their labels]}."""
    checks = one(view, pyatspi.ROLE_LIST, 'Checks')
    rows = {}
    for row in checks:
        if row is not None and visible(row):
            rows[row.name] = labels(row)
    return rows


# Cases

def case_preferences(binary):
    write_settings('')
    kopir = uncached(Kopir(binary, 'en', settings_backend='keyfile'))
    try:
        window = open_preferences(kopir)
        spins = [a.name for a in walk(window) if a.getRole() == pyatspi.ROLE_SPIN_BUTTON]
        check(spins == ['Lock After Inactivity'], f'the idle lock spin button is named {spins!r}')
        titles = set(labels(window))
        for title in ('Exchange Profile', 'Test Connection', 'Language of Printed Documents',
                      'Sandbox (no real money)', 'The customer’s language'):
            check(title in titles, f'the Preferences window does not show {title!r}')
        # The practice exchange needs no addresses and no pasted key.
        check(not matching(window, pyatspi.ROLE_TEXT, 'Trading Address'),
              'the sandbox profile offers addresses to edit')
        check(not matching(window, pyatspi.ROLE_PUSH_BUTTON, 'Paste API Secret'),
              'the sandbox profile offers to paste an API secret')

        # The exchange profile row has the focus: open its list, take the
        # next profile.
        wait_until(lambda: kopir.banner_text() == TESTNET_BANNER,
                   'the banner saying the test network is in use',
                   trigger=choose_profile(kopir, window, 1))
        # The test network hands out keys on its web page: paste them here.
        wait_one(window, pyatspi.ROLE_PUSH_BUTTON, 'Paste API Secret')
        check(not matching(window, pyatspi.ROLE_TEXT, 'Trading Address'),
              'the test network offers its addresses to edit')
    finally:
        stop(kopir)
    print('preferences: named controls; the chosen profile reaches the banner')


def case_custom(binary):
    exchange_dir = tempfile.mkdtemp(prefix='custom-exchange-', dir=os.environ['HOME'])
    sandbox = Sandbox.start(['--review-delay', '0'], state_dir=exchange_dir)
    try:
        customer = sandbox.new_customer()
        write_settings('')
        kopir = uncached(Kopir(binary, 'en', settings_backend='keyfile'))
        try:
            run_custom(kopir, sandbox, customer)
        finally:
            stop(kopir)
    finally:
        sandbox.stop()


def run_custom(kopir, sandbox, customer):
    window = open_preferences(kopir)
    trading = wait_one(window, pyatspi.ROLE_TEXT, 'Trading Address',
                       'the custom profile offering its addresses',
                       trigger=choose_profile(kopir, window, 2))
    save = one(window, pyatspi.ROLE_PUSH_BUTTON, 'Enter the Trading Address')
    check(not sensitive(save), 'Save is offered with no trading address')

    # An unencrypted address beyond this computer: the reason beside it.
    insecure = ('Kopir connects to an exchange only over an encrypted connection. '
                'Use the address that starts with https://.')
    type_with(kopir, 'alt+t', trading, 'http://api.example.kz')
    wait_label(window, insecure, 'the message beside the unencrypted address')
    check(trading.description == insecure,
          f'a screen reader hears {trading.description!r} about the trading address')
    save = one(window, pyatspi.ROLE_PUSH_BUTTON, 'Correct the Marked Address')
    check(not sensitive(save), 'an unencrypted address can be saved')
    screenshot(kopir, 'preferences-custom-insecure-en')

    # The practice exchange on this computer, reached as a custom exchange.
    type_with(kopir, 'alt+t', trading, sandbox.url)
    stream = one(window, pyatspi.ROLE_TEXT, 'Price Stream Address')
    type_with(kopir, 'alt+r', stream, f'ws://127.0.0.1:{sandbox.port}/ws')
    wait_until(lambda: insecure not in labels(window), 'the message going away')
    save = wait_one(window, pyatspi.ROLE_PUSH_BUTTON, 'Save Addresses')
    wait_until(lambda: sensitive(save), 'Save Addresses being offered')
    # Enter in an address saves; once saved, there is nothing left to save.
    # While the file is written the button says "Saving…", so only its
    # own name again, with nothing to save, means the write is done.
    wait_until(lambda: not sensitive(save) and save.name == 'Save Addresses',
               'the addresses being saved', trigger=keys('alt+t', 'Return'))
    saved = os.path.join(os.environ['XDG_CONFIG_HOME'], 'kopir', 'exchange-urls.ini')
    with open(saved) as f:
        contents = f.read()
    check(f'TradingUrl={sandbox.url}' in contents, f'the saved addresses are {contents!r}')
    check(trading.description in ('', None), 'the trading address is still marked wrong')

    # The API key typed, its secret pasted from the clipboard.
    key_row = one(window, pyatspi.ROLE_TEXT, 'API Key')
    paste = one(window, pyatspi.ROLE_PUSH_BUTTON, 'Paste API Secret')
    check(not sensitive(paste), 'the secret can be pasted before the key is entered')
    short = 'This is too short for an API key. Copy the whole key from the exchange’s page.'
    type_with(kopir, 'alt+k', key_row, 'abc123')
    wait_label(window, short, 'the message beside a key too short')
    check(key_row.description == short, f'a screen reader hears {key_row.description!r}')
    check(not sensitive(paste), 'the secret can be pasted for a key too short')
    type_with(kopir, 'alt+k', key_row, customer['api_key'])
    wait_until(lambda: sensitive(paste), 'Paste API Secret being offered')
    check(short not in labels(window), 'the key is still said to be too short')
    set_clipboard(customer['api_secret'] + '\n')
    check(get_clipboard().strip() == customer['api_secret'], 'the clipboard does not hold the secret')
    stored = wait_one(window, pyatspi.ROLE_LIST_ITEM, 'API Key and Secret',
                      'the credentials being stored', trigger=lambda: kopir.activate(paste))
    check('Stored in the keyring' in labels(stored), f'the stored row says {labels(stored)!r}')
    check(lookup_secret('api-secret', 'custom') == customer['api_secret'],
          'the keyring does not hold the pasted secret')
    check(lookup_secret('api-key', 'custom') == customer['api_key'],
          'the keyring does not hold the typed key')
    leaks = [t for t in exposed_texts(kopir)
             if customer['api_secret'] in t or customer['api_key'] in t]
    check(not leaks, f'the accessibility bus shows the key or secret: {len(leaks)} times')
    check(not (get_clipboard() or '').strip(), 'the secret stayed on the clipboard')
    screenshot(kopir, 'preferences-custom-stored-en')

    # The connection test, with everything in place.
    wait_label(window, 'The connection works.', 'the connection test passing',
               trigger=keys('alt+c'))  # Test Connection
    rows = check_rows(window)
    check(list(rows) == CHECK_TITLES, f'the checks shown are {list(rows)!r}')
    for title, words in rows.items():
        check('Passed' in words, f'{title}: {words!r}')
    check('The API key is accepted and may trade.' in rows['API key'],
          f"the API key check says {rows['API key']!r}")
    screenshot(kopir, 'diagnostics-passed-en')

    copy = one(window, pyatspi.ROLE_PUSH_BUTTON, 'Copy Report')
    wait_until(lambda: copy.name == 'Report Copied', 'the report being copied',
               trigger=lambda: kopir.activate(copy))
    report = get_clipboard()
    check('Exchange: Other exchange (custom)' in report, f'the report says {report!r}')
    check(f'Address: {sandbox.url}' in report, f'the report says {report!r}')
    check('[OK] API key (key): ' in report, f'the report says {report!r}')
    check(customer['api_key'] not in report and customer['api_secret'] not in report,
          'the report carries the key or secret')

    # The exchange is gone: the test says so, and what to do.
    sandbox.stop()
    again = one(window, pyatspi.ROLE_PUSH_BUTTON, 'Test Again')
    wait_label(window, '1 check failed. Follow the advice given with it.',
               'the connection test failing', trigger=lambda: kopir.activate(again))
    rows = check_rows(window)
    check(list(rows) == CHECK_TITLES, f'the checks shown are {list(rows)!r}')
    check('Failed' in rows['Connection'], f"the connection check says {rows['Connection']!r}")
    advice = (f'Kopir cannot reach the exchange at {sandbox.url}. Check that the address in '
              'Preferences is right, that this computer is online, and that no firewall or '
              'proxy blocks the connection.')
    check(advice in rows['Connection'], f"no advice with the failure: {rows['Connection']!r}")
    for title in CHECK_TITLES[1:]:
        check('Not checked' in rows[title], f'{title}: {rows[title]!r}')
    screenshot(kopir, 'diagnostics-failed-en')

    # Back, then forget the key after confirming.
    forget = wait_one(window, pyatspi.ROLE_PUSH_BUTTON, 'Forget…', 'Preferences again',
                      trigger=keys('Escape'))
    confirm = {}

    def dialog_shown():
        for other in kopir.app:
            if other is not None and other.getRole() == pyatspi.ROLE_DIALOG:
                # The dialog lays its buttons out twice, side by side and
                # stacked, and shows one set: take the one on screen.
                found = [b for b in matching(other, pyatspi.ROLE_PUSH_BUTTON, 'Forget')
                         if alive(lambda a: is_shown(a, other), b)]
                if len(found) == 1:
                    confirm['button'] = found[0]
                    return True
        return False

    wait_until(dialog_shown, 'the confirmation to forget the key',
               trigger=lambda: kopir.activate(forget))
    screenshot(kopir, 'preferences-forget-en')
    wait_one(window, pyatspi.ROLE_TEXT, 'API Key', 'the key being forgotten',
             trigger=lambda: kopir.activate(confirm['button']))
    check(lookup_secret('api-secret', 'custom') is None, 'the secret is still in the keyring')
    check(lookup_secret('api-key', 'custom') is None, 'the key is still in the keyring')
    print('custom: address refused and saved, secret pasted to the keyring only, '
          'connection test passed and failed with advice, report copied, key forgotten')


def case_lockdown(binary):
    exchange_dir = tempfile.mkdtemp(prefix='branch-exchange-', dir=os.environ['HOME'])
    sandbox = Sandbox.start(['--review-delay', '0'], state_dir=exchange_dir)
    lockdown = None
    kopir = None
    try:
        # What a bank's IT ships: a profile of its own, and the settings
        # that staff may not change.
        system = tempfile.mkdtemp(prefix='etc-xdg-', dir=os.environ['HOME'])
        profiles = os.path.join(system, 'kopir', 'profiles')
        os.makedirs(profiles)
        with open(os.path.join(profiles, 'branch.profile'), 'w') as f:
            f.write('[Exchange Profile]\n'
                    'Kind=custom\n'
                    'Name=Branch Exchange\n'
                    'Comment=The exchange our branches use\n'
                    f'TradingUrl={sandbox.url}\n'
                    'Editable=false\n')
        lockdown = Lockdown(tempfile.mkdtemp(prefix='dconf-', dir=os.environ['HOME']),
                            {'exchange-profile': "'branch'",
                             'idle-lock-minutes': 'uint32 10',
                             'assisted-mode': 'false'},
                            ['exchange-profile', 'idle-lock-minutes', 'assisted-mode'])
        env = lockdown.env()
        env['XDG_CONFIG_DIRS'] = system
        kopir = uncached(Kopir(binary, 'en', settings_backend='dconf', env=env))
        window = open_preferences(kopir)

        combo = one(window, pyatspi.ROLE_COMBO_BOX, 'Exchange Profile')
        check(not sensitive(combo), 'the locked exchange profile can be changed')
        combo_labels = labels(combo)
        check('Set by your administrator' in combo_labels and 'Branch Exchange' in combo_labels,
              f'the locked exchange profile shows {combo_labels!r}')
        spin = one(window, pyatspi.ROLE_SPIN_BUTTON, 'Lock After Inactivity')
        check(not sensitive(spin), 'the locked idle lock can be changed')
        check(kopir.text_of(spin) == '10', f'the idle lock shows {kopir.text_of(spin)!r}')
        idle_row = one(window, pyatspi.ROLE_LIST_ITEM, 'Lock After Inactivity')
        check('Set by your administrator' in labels(idle_row),
              f'the locked idle lock row shows {labels(idle_row)!r}')
        # What is not locked stays the person's to choose.
        documents = one(window, pyatspi.ROLE_COMBO_BOX, 'Language of Printed Documents')
        check(sensitive(documents), 'the document language is locked too')
        check('Forms and receipts' in labels(documents),
              f'the document language shows {labels(documents)!r}')
        # The shipped profile's addresses are the administrator's.
        check(not matching(window, pyatspi.ROLE_TEXT, 'Trading Address'),
              'the shipped profile offers its addresses to edit')
        screenshot(kopir, 'preferences-locked-en')

        wait_label(window, 'The connection works.', 'the connection test passing',
                   trigger=keys('alt+c'))  # Test Connection
        rows = check_rows(window)
        check('Passed' in rows['Connection'], f"the connection check says {rows['Connection']!r}")
        check('Not checked' in rows['API key'], f"the key check says {rows['API key']!r}")
        check(sandbox.url in labels(window), 'the connection test does not say which address')
    finally:
        if kopir is not None:
            stop(kopir)
        if lockdown is not None:
            lockdown.stop()
        sandbox.stop()
    print('lockdown: the shipped profile is used; locked rows are insensitive and say so')


EXPECTED = {
    'en': {
        'title': 'Preferences',
        'test': 'Test Connection',
        'checks': 'Checks',
        'addresses': 'Exchange Addresses',
        'insecure': 'Kopir connects to an exchange only over an encrypted connection. '
                    'Use the address that starts with https://.',
        'not-set-up': 'No exchange is set up yet. Choose one in Preferences.',
        'failed': '1 check failed. Follow the advice given with it.',
        'status': 'Failed',
    },
    'kk': {
        'title': 'Баптаулар',
        'test': 'Байланысты тексеру',
        'checks': 'Тексерулер',
        'addresses': 'Биржа мекенжайлары',
        'insecure': 'Kopir биржаға тек шифрланған байланыс арқылы қосылады. '
                    'https:// деп басталатын мекенжайды пайдаланыңыз.',
        'not-set-up': 'Биржа әлі бапталмаған. Баптаулардан біреуін таңдаңыз.',
        'failed': '1 тексеру сәтсіз аяқталды. Қасындағы кеңесті орындаңыз.',
        'status': 'Сәтсіз',
    },
    'ru': {
        'title': 'Параметры',
        'test': 'Проверить соединение',
        'checks': 'Проверки',
        'addresses': 'Адреса биржи',
        'insecure': 'Kopir подключается к бирже только по зашифрованному соединению. '
                    'Используйте адрес, начинающийся с https://.',
        'not-set-up': 'Биржа ещё не настроена. Выберите её в настройках.',
        'failed': '1 проверка не пройдена. Следуйте совету рядом с ней.',
        'status': 'Не пройдена',
    },
}


def check_narrow(preferences):
    """libadwaita's narrowest Preferences window has 360 pixels of contents;
    without a compositor GTK adds a resize border of 5 pixels each side.
    Nothing of Kopir's may need more."""
    width, _ = window_size(preferences)
    check(width <= 370, f'the Preferences window is {width} pixels wide at the narrowest')


def fits_narrow(window, widget):
    """Waits until the window's contents are laid out at its new width:
    the widget ends inside it."""
    def inside():
        right = widget.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        frame = window.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return 0 < right.x + right.width <= frame.width
    wait_until(lambda: alive(lambda a: inside(), widget), 'the window laid out narrow')


def case_language(binary, language):
    """The custom profile's form and the connection test in language, at
    the usual width and at 360 pixels."""
    expected = EXPECTED[language]
    write_settings("exchange-profile='custom'\n")
    kopir = uncached(Kopir(binary, language, settings_backend='keyfile'))
    try:
        window = open_preferences(kopir, expected['title'])
        wait_label(window, expected['addresses'], f"the group {expected['addresses']!r}")
        # Mnemonics differ between languages: move with Tab, from the
        # exchange profile (focused first) to the connection test's row
        # and on to the trading address.
        combo = matching(window, pyatspi.ROLE_COMBO_BOX)[0]
        wait_until(lambda: focused(combo), 'the focus on the exchange profile')
        test_row = one(window, pyatspi.ROLE_LIST_ITEM, expected['test'])
        focus_with('Tab', test_row)
        trading = matching(window, pyatspi.ROLE_TEXT)[0]
        type_with(kopir, 'Tab', trading, 'http://api.example.kz')
        wait_label(window, expected['insecure'], 'the message beside the unencrypted address')
        screenshot(kopir, f'preferences-{language}')

        # Narrow, as on a small screen or half of one: nothing needs more.
        subprocess.run(['xdotool', 'search', '--sync', '--name', f"^{expected['title']}$",
                        'windowsize', '--sync', '%@', '360', '640'], check=True, timeout=TIMEOUT)
        preferences = subprocess.run(['xdotool', 'search', '--name', f"^{expected['title']}$"],
                                     capture_output=True, text=True, check=True).stdout.split()[0]
        check_narrow(preferences)
        fits_narrow(window, trading)
        screenshot(kopir, f'preferences-{language}-narrow')

        # The connection test of an exchange without addresses: a clear
        # failure, in the language.
        focus_with('shift+Tab', test_row)
        wait_label(window, expected['failed'], 'the connection test failing',
                   trigger=keys('Return'))
        check(expected['not-set-up'] in labels(window), f'the failure says {labels(window)!r}')
        check(expected['status'] in labels(window), f'the failure says {labels(window)!r}')
        check_narrow(preferences)
        fits_narrow(window, one(window, pyatspi.ROLE_LIST, expected['checks']))
        screenshot(kopir, f'diagnostics-{language}-narrow')
    finally:
        stop(kopir)
    print(f'{language}: the custom profile and the connection test in {language}, '
          'also at 360 pixels')


def main():
    if len(sys.argv) < 3:
        print(__doc__ if __doc__ else 'usage: test-preferences.py CASE KOPIR [LANGUAGE]')
        return 2
    case, binary = sys.argv[1], sys.argv[2]
    try:
        if case == 'preferences':
            case_preferences(binary)
        elif case == 'custom':
            case_custom(binary)
        elif case == 'lockdown':
            case_lockdown(binary)
        elif case == 'language':
            case_language(binary, sys.argv[3])
        else:
            print(f'unknown case {case!r}', file=sys.stderr)
            return 2
    except Failure as failure:
        print(f'FAIL: {failure}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
