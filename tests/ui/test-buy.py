#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-buy.py CASE KOPIR [ARGS]
#
# Buying crypto with tenge through the real kopir program and the practice
# exchange it starts, driven from outside with the keyboard and the
# accessibility bus, as a person or a screen reader would. Run it inside
# tests/ui/kopir-session.sh.
#
# Cases:
#   market          buy bitcoin for 50 000 tenge at the market price: the
#                   quote, the confirmation, the result; the portfolio and
#                   the history follow; one order at the exchange
#   dropped         the same through a connection dropped after the
#                   exchange accepted the order: "checking your order" with
#                   no second purchase possible, then the result; still one
#                   order at the exchange
#   restart         killed while it checks an order whose answer was lost;
#                   started again, it resolves the order by asking the
#                   exchange: filled in the history, one order at the
#                   exchange
#   refusals        amounts Kopir refuses with a message beside the field
#                   and no order sent: not a number, zero, too many
#                   decimals, below the market's minimum, over the monthly
#                   pilot limit, over the balance
#   closed          the market closes while the purchase dialog is open:
#                   a message beside the amount, nothing sent, the amount
#                   kept; reopened, it can be reviewed again
#   limit           an order at a price below the market: placed, listed
#                   under Open Orders, cancelled; the history says so
#   export          after a purchase, the history as CSV (its rows) and the
#                   order's receipt as a PDF (pdftotext shows the order's
#                   ids, pdftoppm draws a page that is not blank)
#   screens LANG    screenshots of the Buy page, the purchase dialog and,
#                   after buying, the History page in LANG, and both pages
#                   360 pixels wide, into $KOPIR_SCREENSHOT_DIR (or the temporary
#                   folder); checks the names a screen reader hears

import csv
import hashlib
import hmac
import json
import os
import re
import select
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import pyatspi

from gi.repository import GLib

from kopirtest import (EVENTS, Failure, Kopir, Sandbox, TIMEOUT, check, store_credentials,
                       write_settings)

# A bank account of Halyk Bank with valid check digits.
IBAN = 'KZ456010000000000001'

TEXTS = {
    'en': {
        'buy': 'Buy BTC…',
        'bitcoin': 'Bitcoin',
        'dialog': 'Buy Bitcoin',
        'spend': 'Tenge to Spend',
        'review': 'Review Purchase',
        'you_get': 'You Get',
        'complete': 'Purchase Complete',
        'history': 'History',
        'page_buy': 'Buy',
        'confirm': 'Buy Bitcoin for',
        'essentials': ('Average price', 'Fee', 'Total'),
        'filled': 'Filled',
    },
    'kk': {
        'buy': 'BTC сатып алу…',
        'bitcoin': 'Биткоин',
        'dialog': 'Сатып алу: Биткоин',
        'spend': 'Жұмсалатын теңге',
        'review': 'Сатып алуды тексеру',
        'you_get': 'Аласыз',
        'complete': 'Сатып алу аяқталды',
        'history': 'Тарих',
        'page_buy': 'Сатып алу',
        'confirm': '«Биткоин» активін',
        'essentials': ('Орташа баға', 'Комиссия', 'Барлығы'),
        'filled': 'Орындалды',
    },
    'ru': {
        'buy': 'Купить BTC…',
        'bitcoin': 'Биткоин',
        'dialog': 'Купить: Биткоин',
        'spend': 'Сколько тенге потратить',
        'review': 'Проверить покупку',
        'you_get': 'Вы получите',
        'complete': 'Покупка завершена',
        'history': 'История',
        'page_buy': 'Покупка',
        'confirm': 'Купить «Биткоин» на',
        'essentials': ('Средняя цена', 'Комиссия', 'Итого'),
        'filled': 'Исполнена',
    },
}


def wait_until(condition, what):
    """Waits until condition() holds, checking it again after accessibility
    events; fail after TIMEOUT seconds. Prices change many times a second
    and each change is an event: the checks that follow a burst of events
    are made once, a tenth of a second later, so checking never falls
    behind."""
    state = {'ok': False, 'timed_out': False, 'pending': 0}

    def test_condition():
        state['pending'] = 0
        if not state['ok'] and condition():
            state['ok'] = True
            pyatspi.Registry.stop()
        return GLib.SOURCE_REMOVE

    def on_event(event):
        if state['pending'] == 0 and not state['ok']:
            state['pending'] = GLib.timeout_add(100, test_condition)

    def on_timeout():
        state['timed_out'] = True
        pyatspi.Registry.stop()
        return GLib.SOURCE_REMOVE

    def on_tick():
        # Not every change is an event (a stack showing another child is
        # not): check twice a second besides.
        if state['pending'] == 0 and not state['ok']:
            test_condition()
        return GLib.SOURCE_CONTINUE

    pyatspi.Registry.registerEventListener(on_event, *EVENTS)
    GLib.idle_add(test_condition)
    timeout_id = GLib.timeout_add_seconds(TIMEOUT, on_timeout)
    tick_id = GLib.timeout_add(500, on_tick)
    try:
        pyatspi.Registry.start()
    finally:
        pyatspi.Registry.deregisterEventListener(on_event, *EVENTS)
        if state['pending']:
            GLib.source_remove(state['pending'])
        # A check that raised (Kopir gone) has removed its source already.
        if GLib.MainContext.default().find_source_by_id(tick_id) is not None:
            GLib.source_remove(tick_id)
        if not state['timed_out']:
            GLib.source_remove(timeout_id)
    check(state['ok'], f'{what} did not happen within {TIMEOUT} s')


def press_here(keys):
    """Presses keys in the window that has the focus (a dialog), where
    Kopir.press() would first focus the main window."""
    subprocess.run(['xdotool', 'key', keys], check=True, timeout=TIMEOUT)


def close_dialog(kopir, name):
    """Closes the dialog that has the focus with Escape, and waits until
    it is gone."""
    press_here('Escape')

    def gone():
        kopir.app.clear_cache()
        return not [c for c in kopir.app if c is not None and c.name == name]

    wait_until(gone, f'the window {name!r} closing')


def ends_with(text):
    """A name predicate: GTK 4.8 names a button with a mnemonic by its
    label twice ("_Buy BTC… Buy BTC…"), so match the end."""
    return lambda name: name is not None and name.endswith(text)


def fresh_state(accessible):
    """The state as it is now: objects of dialogs are not updated by
    events in GTK 4.8, so what is cached may be old."""
    accessible.clear_cache()
    return accessible.getState()


def sensitive(accessible):
    return fresh_state(accessible).contains(pyatspi.STATE_SENSITIVE)


# The practice exchange, before kopir starts

def signed_request(sandbox, customer, method, path, body):
    """A request signed as Kopir signs its bank calls (HMAC-SHA256 over the
    query string and the body, key in X-MBX-APIKEY)."""
    query = urllib.parse.urlencode({'timestamp': int(time.time() * 1000), 'recvWindow': 60000})
    data = json.dumps(body).encode() if body is not None else b''
    signature = hmac.new(customer['api_secret'].encode(), query.encode() + data,
                         hashlib.sha256).hexdigest()
    request = urllib.request.Request(f'{sandbox.url}{path}?{query}&signature={signature}',
                                     data=data if body is not None else None, method=method,
                                     headers={'Content-Type': 'application/json',
                                              'X-MBX-APIKEY': customer['api_key']})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return response.status, json.loads(response.read() or b'null')


def prepare_customer(kzt='1000000.00', link_bank=False):
    """An approved, funded customer in the keyring, as if they had opened
    their account with Kopir; with a linked bank account when asked (a
    receipt names the customer as their bank account does)."""
    sandbox = Sandbox.start()
    try:
        customer = sandbox.new_customer(kzt)
        if link_bank:
            status, _ = signed_request(sandbox, customer, 'POST', '/bank/v1/links',
                                       {'iban': IBAN, 'holder_name': customer['full_name'],
                                        'holder_iin': customer['iin']})
            check(status == 201, f'linking the bank account answered {status}')
        store_credentials(customer)
    finally:
        sandbox.stop()
    return customer


def orders_at_exchange(sandbox):
    return sandbox.request('GET', '/sandbox/v1/state', expect=200)[1]['orders']


# Kopir's windows

def start_kopir(binary, language='en', width=1100, height=800, page='buy'):
    write_settings(f"active-page='{page}'\nwindow-width={width}\nwindow-height={height}\n")
    # Under Xvfb GTK draws with Mesa's software OpenGL, which on two shared
    # cores takes so long a frame that, while spinners turn, Kopir answers
    # the accessibility bus seconds late. The cairo renderer draws the same
    # widgets in a fraction of the time.
    kopir = Kopir(binary, language, settings_backend='keyfile', env={'GSK_RENDERER': 'cairo'})
    # The main window stays the same object; looking it up again among the
    # application's windows while a dialog closes can miss it.
    main_window = kopir.frame()
    kopir.frame = lambda: main_window

    stop = kopir.stop

    def stop_and_show():
        if sys.exc_info()[0] is not None and kopir.process.poll() is None:
            screenshot_on_failure(os.path.basename(sys.argv[1]) if len(sys.argv) > 1 else 'case')
        stop()

    kopir.stop = stop_and_show
    return kopir


def window_named(kopir, name):
    """A second window of kopir (a dialog), once the X server maps it."""
    kopir.wait_for_window('^' + name.replace('?', '.').replace('(', '.').replace(')', '.') + '$')
    found = {}

    def present():
        # GTK 4.8 does not announce new windows: forget what is known of
        # the application's children and ask again.
        kopir.app.clear_cache()
        for child in kopir.app:
            if child is not None and child.name == name:
                found['window'] = child
                return True
        return False

    wait_until(present, f'the window {name!r} on the accessibility bus')
    return found['window']


def visible_once(found):
    """The visible ones, each once: GTK 4.8 shows the child of a stack page
    twice on the accessibility bus, under the stack and under its page."""
    seen = set()
    unique = []
    for accessible in found:
        if accessible.path in seen or not accessible.getState().contains(pyatspi.STATE_VISIBLE):
            continue
        seen.add(accessible.path)
        unique.append(accessible)
    return unique


def wait_for_in(kopir, root, role, name, what, refresh=True):
    """Waits until a control of a dialog is there. Dialogs are not hit
    tested (GTK 4.8 does not place them on the accessibility bus), so
    this finds them by role and name alone."""
    result = {}

    def present():
        # A dialog's accessible objects are made after it is mapped, and
        # GTK 4.8 does not announce them: ask afresh.
        if refresh:
            root.clear_cache()
        found = visible_once(kopir.find_every(role, name, shown=False, root=root))
        if len(found) == 1:
            result['found'] = found[0]
            return True
        return False

    wait_until(present, what)
    return result['found']


def wait_for_control(kopir, role, name, what):
    """Waits until the main window has one such control, visible."""
    return wait_for_in(kopir, kopir.frame(), role, name, what, refresh=False)


def find_in(kopir, root, role, name):
    found = visible_once(kopir.find_every(role, name, shown=False, root=root))
    check(len(found) == 1, f'expected one {role} named {name!r} in {root.name!r}, found {len(found)}')
    return found[0]


def type_here(kopir, entry, text):
    """Types into the field that has the keyboard focus, replacing what is
    there, and waits until the field holds it (a dialog's fields cannot be
    focused through the accessibility bus in GTK 4.8, nor do they report
    their focus: the keyboard moves there instead)."""
    subprocess.run(['xdotool', 'key', 'ctrl+a', 'BackSpace'], check=True, timeout=TIMEOUT)
    subprocess.run(['xdotool', 'type', '--delay', '5', text], check=True, timeout=TIMEOUT)

    def holds_it():
        entry.clear_cache()
        return kopir.text_of(entry) == text

    wait_until(holds_it, f'{text!r} in {entry.name!r}')


def labels_of_dialog(root):
    root.clear_cache()
    return labels(root)


def labels(root):
    found = []

    def visit(node):
        for child in node:
            if child is None:
                continue
            if child.getRole() == pyatspi.ROLE_LABEL:
                found.append(child.name)
            visit(child)

    visit(root)
    return found


def wait_for_label(kopir, root, predicate, what):
    result = {}

    def present():
        if root.getRole() != pyatspi.ROLE_FRAME:
            root.clear_cache()
        for name in labels(root):
            if predicate(name):
                result['label'] = name
                return True
        return False

    wait_until(present, what)
    return result['label']


def open_buy_dialog(kopir, texts, limit=False):
    """Presses the Buy button (or Buy at a Price) once it can be pressed."""
    name = texts['buy'] if not limit else 'Buy at a Price…'
    button = wait_for_control(kopir, pyatspi.ROLE_PUSH_BUTTON, ends_with(name), f'the button {name!r}')
    wait_until(lambda: sensitive(button), f'the button {name!r} becoming available')
    kopir.activate(button)
    return window_named(kopir, texts['dialog'])


def buy_market(kopir, texts, amount='50000', confirm=True):
    """From the Buy page: the dialog, an amount, its quote, the
    confirmation. Returns the dialog's accessible."""
    dialog = open_buy_dialog(kopir, texts)
    entry = wait_for_in(kopir, dialog, pyatspi.ROLE_TEXT, texts['spend'], 'the amount field')
    type_here(kopir, entry, amount)
    review = wait_for_in(kopir, dialog, pyatspi.ROLE_PUSH_BUTTON, ends_with(texts['review']),
                         'the review button')
    wait_until(lambda: sensitive(review), 'a quote that can be reviewed')
    if not confirm:
        return dialog
    kopir.activate(review)
    confirmation = window_named(kopir, find_confirmation_title(kopir, texts['confirm']))
    names = labels_of_dialog(confirmation)
    check(any(all(word in n for word in texts['essentials']) for n in names),
          f'the confirmation does not repeat the price, fee and total: {names!r}')
    # Buying is the confirmation's default: Enter, as a keyboard user does.
    subprocess.run(['xdotool', 'key', 'Return'], check=True, timeout=TIMEOUT)
    return dialog


def find_confirmation_title(kopir, start):
    """The confirmation's title, which repeats its question."""
    found = {}

    def present():
        kopir.app.clear_cache()
        for child in kopir.app:
            if child is not None and child.name and child.name.startswith(start):
                found['name'] = child.name
                return True
        return False

    wait_until(present, 'the confirmation of the purchase')
    return found['name']


# Conditions are checked again on every accessibility event, and prices
# change many times a second: they look at small parts of the window.

def part(kopir, role, name):
    return kopir.find(role, name, shown=False)


def portfolio_has_bitcoin(portfolio):
    names = labels(portfolio)
    return 'Bitcoin' in names and any('\xa0BTC · paid ₸' in n for n in names)


def count_label(kopir):
    """The History page's count of entries ("1 entry"). The page is built
    when it is first shown, after the client read the window: ask afresh."""
    return wait_for_in(kopir, kopir.frame(), pyatspi.ROLE_LABEL, lambda n: n is not None and
                       (n.endswith(' entry') or n.endswith(' entries') or n == '…'),
                       'the count of entries')


# Cases

def screenshot_on_failure(name):
    """What the screen showed when a case failed, for the person reading
    the log."""
    folder = os.environ.get('KOPIR_SCREENSHOT_DIR') or tempfile.gettempdir()
    path = os.path.join(folder, f'kopir-failed-{name}.png')
    subprocess.run(['import', '-window', 'root', path], timeout=TIMEOUT)
    print(f'the screen at the failure: {path}', file=sys.stderr)


def case_market(binary):
    texts = TEXTS['en']
    prepare_customer('1000000.00')
    kopir = start_kopir(binary)
    try:
        sandbox = Sandbox.attach()
        check(orders_at_exchange(sandbox) == 0, 'the exchange has orders before any purchase')
        dialog = buy_market(kopir, texts, '50000')
        wait_for_label(kopir, dialog, lambda n: n == texts['complete'], 'the purchase completing')
        names = labels(dialog)
        check(any(n.startswith('You bought 0.001') and '\xa0BTC for ₸49,' in n for n in names),
              f'the result does not say what was bought: {names!r}')
        check('Average Price' in names and 'Fee' in names and 'Paid' in names,
              f'the result lacks the average price, fee or total: {names!r}')
        close_dialog(kopir, texts['dialog'])

        # The portfolio now holds bitcoin, at what was paid; tenge went down
        # by what was paid, from a million to about 950 000.
        portfolio = part(kopir, pyatspi.ROLE_LIST, 'Your Assets')
        wait_until(lambda: portfolio_has_bitcoin(portfolio), 'bitcoin appearing in the portfolio')
        wait_for_label(kopir, portfolio, lambda n: n.startswith('₸950,'), 'the tenge balance going down')

        # The history lists the purchase.
        kopir.press('alt+4')
        count = count_label(kopir)
        wait_until(lambda: count.name == '1 entry', 'the history counting one entry')
        table = part(kopir, pyatspi.ROLE_TREE_TABLE, 'History')
        wait_for_label(kopir, table, lambda n: n == 'Filled', 'the purchase listed as filled')
        check(orders_at_exchange(sandbox) == 1, 'the exchange does not have exactly one order')
        folder = os.environ.get('KOPIR_SCREENSHOT_DIR')
        if folder:
            os.makedirs(folder, exist_ok=True)
            kopir.screenshot(os.path.join(folder, 'history-en.png'))

        # In a narrow window the table gives way to a list with the same
        # values, nothing cut off.
        subprocess.run(['xdotool', 'windowsize', kopir.window, '360', '720'], check=True, timeout=TIMEOUT)
        narrow = wait_for_in(kopir, kopir.frame(), pyatspi.ROLE_LIST, 'History', 'the history turning into a list')
        wait_for_label(kopir, narrow, lambda n: n == 'Purchase · BTC', 'the purchase in the narrow list')
        wait_for_label(kopir, narrow, lambda n: re.fullmatch(r'₸49,\d{3}\.\d{2} · Filled', n or '') is not None,
                       'what was paid and the status in the narrow list')
        wait_for_label(kopir, narrow, lambda n: (n or '').startswith('0.001'), 'what was bought in the narrow list')
        extents = narrow.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        check(extents.x >= 0 and extents.x + extents.width <= 360,
              f'the narrow list reaches past the window: {extents.x}+{extents.width}')
        if folder:
            kopir.screenshot(os.path.join(folder, 'history-narrow-en.png'))
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('market: bought, portfolio and history updated, one order at the exchange')


def case_dropped(binary):
    texts = TEXTS['en']
    prepare_customer('1000000.00')
    kopir = start_kopir(binary)
    try:
        sandbox = Sandbox.attach()
        # The exchange carries the order out and hangs up; the first
        # question about it takes ten seconds to answer.
        sandbox.add_fault('drop_after_accept', path='/api/v3/order', method='POST', count=1)
        sandbox.add_fault('delay', path='/api/v3/order', method='GET', count=1, delay_ms=10000)
        markets = part(kopir, pyatspi.ROLE_LIST, 'Markets')
        buy_button = kopir.find(pyatspi.ROLE_PUSH_BUTTON, ends_with(texts['buy']), shown=False)
        dialog = buy_market(kopir, texts, '50000')

        # While the exchange is asked, the market says so and offers no
        # second purchase.
        wait_until(lambda: 'Checking your order…' in labels(markets), 'the market saying it checks the order')
        check(not sensitive(buy_button), 'the Buy button stays available while the order is checked')
        check('Checking Your Order…' in labels_of_dialog(dialog),
              'the purchase dialog does not say it checks the order')

        wait_until(lambda: 'Checking your order…' not in labels(markets), 'the check ending')
        wait_for_label(kopir, dialog, lambda n: n == texts['complete'], 'the checked purchase completing')
        wait_until(lambda: sensitive(buy_button), 'the Buy button available again')
        check(orders_at_exchange(sandbox) == 1,
              f'the exchange has {orders_at_exchange(sandbox)} orders, not exactly one')
        close_dialog(kopir, texts['dialog'])
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('dropped: checked, never sent twice, one order at the exchange')


def wait_for_exit(pid, what):
    """Waits until the process pid has ended, on the kernel's word (a pidfd
    becomes readable), within TIMEOUT seconds."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return
    try:
        readable, _, _ = select.select([fd], [], [], TIMEOUT)
        check(readable, f'{what} did not end within {TIMEOUT} s')
    finally:
        os.close(fd)


def case_restart(binary):
    texts = TEXTS['en']
    prepare_customer('1000000.00')
    kopir = start_kopir(binary)
    try:
        sandbox = Sandbox.attach()
        # The exchange carries the order out and hangs up, and every
        # question about it fails: Kopir keeps checking, until it is killed.
        sandbox.add_fault('drop_after_accept', path='/api/v3/order', method='POST', count=1)
        sandbox.add_fault('http_503', path='/api/v3/order', method='GET', count=100000)
        markets = part(kopir, pyatspi.ROLE_LIST, 'Markets')
        buy_market(kopir, texts, '50000')
        wait_until(lambda: 'Checking your order…' in labels(markets), 'the market saying it checks the order')
        check(orders_at_exchange(sandbox) == 1, 'the exchange did not carry the order out')

        # Killed while it checks, like a crash or a power cut; the practice
        # exchange ends with it (and forgets its faults), but keeps its orders.
        children = subprocess.run(['pgrep', '-P', str(kopir.process.pid), '-x', 'kopir-sandbox'],
                                  capture_output=True, text=True).stdout.split()
        check(len(children) == 1, f'kopir runs {len(children)} practice exchanges, not one')
        kopir.process.kill()
        kopir.process.wait(timeout=TIMEOUT)
        wait_for_exit(int(children[0]), 'the practice exchange of the killed kopir')
    finally:
        kopir.stop()

    # Started again, Kopir asks the exchange about the order it had sent
    # and records the outcome; it never sends the order again.
    kopir = start_kopir(binary)
    try:
        sandbox = Sandbox.attach()
        buy_button = kopir.find(pyatspi.ROLE_PUSH_BUTTON, ends_with(texts['buy']), shown=False)
        kopir.press('alt+4')
        count = count_label(kopir)
        wait_until(lambda: count.name == '1 entry', 'the history counting one entry')
        table = part(kopir, pyatspi.ROLE_TREE_TABLE, 'History')
        wait_for_label(kopir, table, lambda n: n == 'Filled', 'the order from before the crash listed as filled')
        check(orders_at_exchange(sandbox) == 1,
              f'the exchange has {orders_at_exchange(sandbox)} orders, not exactly one')
        check(sensitive(buy_button), 'the Buy button is not available after the order was resolved')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('restart: killed while checking, resolved at the next start, one order at the exchange')


def refusal(kopir, dialog, entry, text, expected, what):
    type_here(kopir, entry, text)
    return expect_refusal(kopir, dialog, entry, expected, what)


def expect_refusal(kopir, dialog, entry, expected, what):
    """Waits for the message beside the amount, with nothing to send."""
    alert = wait_for_in(kopir, dialog, pyatspi.ROLE_ALERT, None, f'{what}: the message beside the amount')

    def said():
        alert.clear_cache()
        return fresh_state(alert).contains(pyatspi.STATE_VISIBLE) and expected in (alert.name or '')

    wait_until(said, what)
    message = alert.name
    review = find_in(kopir, dialog, pyatspi.ROLE_PUSH_BUTTON,
                     lambda n: n is not None and any(w in n for w in ('Check the Amount', 'Enter an Amount',
                                                                      'Market Closed')))
    check(not sensitive(review), f'{what}: the review button can still be pressed')
    # Beside the field, and told to screen readers too.
    def marked():
        # GTK 4.8 says "invalid" (not "invalid entry") of a row's text.
        states = fresh_state(entry)
        invalid = states.contains(pyatspi.STATE_INVALID) or states.contains(pyatspi.STATE_INVALID_ENTRY)
        return invalid and entry.description == message

    wait_until(marked, f'{what}: the field marked as invalid, with the message')
    return message


def row_value(kopir, dialog, title):
    """The value label of a dialog's row titled title."""
    row = find_in(kopir, dialog, pyatspi.ROLE_LIST_ITEM, title)
    found = [a for a in kopir.find_every(pyatspi.ROLE_LABEL, None, shown=False, root=row) if a.name != title]
    check(len(found) >= 1, f'the row {title!r} has no value')
    return found[-1]


def wait_for_value(kopir, dialog, title, predicate, what):
    label = row_value(kopir, dialog, title)

    def holds():
        label.clear_cache()
        return predicate(label.name or '')

    wait_until(holds, what)
    return label.name


def case_refusals(binary):
    texts = TEXTS['en']
    prepare_customer('600000.00')
    kopir = start_kopir(binary)
    try:
        sandbox = Sandbox.attach()
        dialog = open_buy_dialog(kopir, texts)
        entry = wait_for_in(kopir, dialog, pyatspi.ROLE_TEXT, texts['spend'], 'the amount field')
        wait_for_value(kopir, dialog, 'Available', lambda n: n == '₸600,000.00', 'the balance')
        wait_for_value(kopir, dialog, 'Pilot Limit Left This Month',
                       lambda n: n.startswith('₸') and '($1,000.00)' in n, 'the pilot limit')

        refusal(kopir, dialog, entry, 'abc', 'Enter the amount', 'not a number')
        refusal(kopir, dialog, entry, '0', 'greater than zero', 'zero')
        refusal(kopir, dialog, entry, '100.123', 'decimal', 'too many decimals')
        refusal(kopir, dialog, entry, '1000', 'minimum', 'below the minimum order value')
        refusal(kopir, dialog, entry, '550000', 'monthly pilot limit', 'over the monthly limit')

        # What was typed stays, and nothing went to the exchange.
        check(kopir.text_of(entry) == '550000', 'the amount typed was lost')
        check(orders_at_exchange(sandbox) == 0, 'an order reached the exchange')
        close_dialog(kopir, texts['dialog'])
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()

    # Over the balance: a customer with less than the limit.
    prepare_customer('20000.00')
    kopir = start_kopir(binary)
    try:
        sandbox = Sandbox.attach()
        dialog = open_buy_dialog(kopir, texts)
        entry = wait_for_in(kopir, dialog, pyatspi.ROLE_TEXT, texts['spend'], 'the amount field')
        wait_for_value(kopir, dialog, 'Available', lambda n: n == '₸20,000.00', 'the balance')
        refusal(kopir, dialog, entry, '30000', 'you have available', 'over the balance')
        check(orders_at_exchange(sandbox) == 0, 'an order reached the exchange')
        close_dialog(kopir, texts['dialog'])
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('refusals: each with its message, the amount kept, no order sent')


def case_closed(binary):
    texts = TEXTS['en']
    prepare_customer('1000000.00')
    kopir = start_kopir(binary)
    try:
        sandbox = Sandbox.attach()
        dialog = buy_market(kopir, texts, '50000', confirm=False)
        entry = find_in(kopir, dialog, pyatspi.ROLE_TEXT, texts['spend'])

        # The market closes while the dialog is open: the dialog notices on
        # its next look at the exchange, says so beside the amount and
        # offers nothing to send.
        sandbox.request('POST', '/sandbox/v1/market/BTCKZT', {'status': 'BREAK'}, expect=200)
        message = expect_refusal(kopir, dialog, entry, 'market has closed', 'the market closing')
        check('Nothing was sent' in message, f'the message does not say nothing was sent: {message!r}')
        check(kopir.text_of(entry) == '50000', 'the amount typed was lost')

        # Reopened, the same amount can be reviewed again.
        sandbox.request('POST', '/sandbox/v1/market/BTCKZT', {'status': 'TRADING'}, expect=200)
        review = wait_for_in(kopir, dialog, pyatspi.ROLE_PUSH_BUTTON, ends_with(texts['review']),
                             'the review button named again')
        wait_until(lambda: sensitive(review), 'a quote that can be reviewed after the market reopened')
        check(orders_at_exchange(sandbox) == 0, 'an order reached the exchange')
        close_dialog(kopir, texts['dialog'])
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('closed: said beside the amount, nothing sent, the amount kept, reviewable once reopened')


def case_limit(binary):
    texts = TEXTS['en']
    prepare_customer('1000000.00')
    kopir = start_kopir(binary)
    try:
        sandbox = Sandbox.attach()
        dialog = open_buy_dialog(kopir, texts, limit=True)
        price = wait_for_in(kopir, dialog, pyatspi.ROLE_TEXT, 'Highest Price per BTC, ₸', 'the price field')
        # The price starts at the market's; 40 000 000 is well below it.
        wait_until(lambda: kopir.text_of(price) != '', 'the price starting at the market price')
        # The focus starts in the quantity; the price is just before it.
        quantity = find_in(kopir, dialog, pyatspi.ROLE_TEXT, 'BTC to Get')
        type_here(kopir, quantity, '0.001')
        subprocess.run(['xdotool', 'key', 'shift+Tab'], check=True, timeout=TIMEOUT)
        type_here(kopir, price, '40000000')
        review = wait_for_in(kopir, dialog, pyatspi.ROLE_PUSH_BUTTON, ends_with('Review Order'),
                             'the review button')
        wait_until(lambda: sensitive(review), 'an order that can be reviewed')
        kopir.activate(review)
        window_named(kopir, 'Place an Order for 0.00100000\xa0BTC?')
        subprocess.run(['xdotool', 'key', 'Return'], check=True, timeout=TIMEOUT)
        wait_for_label(kopir, dialog, lambda n: n == 'Order Placed', 'the order being placed')
        close_dialog(kopir, texts['dialog'])

        # Listed with a way to cancel it.
        cancel = wait_for_control(kopir, pyatspi.ROLE_PUSH_BUTTON,
                                lambda n: n is not None and n.startswith('Cancel the order for 0.00100000'),
                                'the open order with its Cancel button')
        check(orders_at_exchange(sandbox) == 1, 'the exchange does not have the order')
        open_orders = part(kopir, pyatspi.ROLE_LIST, 'Open Orders')
        kopir.activate(cancel)
        wait_until(lambda: not [c for c in open_orders if c is not None], 'the open order leaving the list')

        kopir.press('alt+4')
        table = part(kopir, pyatspi.ROLE_TREE_TABLE, 'History')
        wait_for_label(kopir, table, lambda n: n == 'Purchase, limit', 'the limit order in the history')
        wait_for_label(kopir, table, lambda n: n == 'Cancelled', 'the order listed as cancelled')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('limit: placed below the market, listed, cancelled, recorded')


def show_history(kopir, texts):
    """Goes to the History page and waits until it lists the purchase: in
    the table, or in a narrow window in the list ("₸49,… · Filled")."""
    kopir.press('alt+4')
    found = {}

    def filled(name):
        return name == texts['filled'] or (name or '').endswith(' · ' + texts['filled'])

    def listed():
        kopir.frame().clear_cache()
        for role in (pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_LIST):
            for view in visible_once(kopir.find_every(role, texts['history'], shown=False)):
                if any(filled(n) for n in labels(view)):
                    found['view'] = view
                    return True
        return False

    wait_until(listed, 'the purchase listed as filled')
    return found['view']


def save_through_chooser(kopir, title, path):
    """Types a path into a file chooser's name field and saves."""
    chooser = window_named(kopir, title)
    name = wait_for_in(kopir, chooser, pyatspi.ROLE_TEXT, 'Name:', 'the file name field')
    type_here(kopir, name, path)
    subprocess.run(['xdotool', 'key', 'Return'], check=True, timeout=TIMEOUT)


def case_export(binary):
    texts = TEXTS['en']
    customer = prepare_customer('1000000.00', link_bank=True)
    folder = tempfile.mkdtemp(prefix='kopir-export-')
    kopir = start_kopir(binary)
    try:
        dialog = buy_market(kopir, texts, '50000')
        wait_for_label(kopir, dialog, lambda n: n == texts['complete'], 'the purchase completing')
        close_dialog(kopir, texts['dialog'])

        kopir.press('alt+4')
        count = count_label(kopir)
        wait_until(lambda: count.name == '1 entry', 'the history counting one entry')
        export = wait_for_control(kopir, pyatspi.ROLE_PUSH_BUTTON, ends_with('Export…'), 'the Export button')
        wait_until(lambda: sensitive(export), 'the Export button becoming available')
        kopir.activate(export)
        csv_path = os.path.join(folder, 'history.csv')
        save_through_chooser(kopir, 'Export the History', csv_path)
        wait_until(lambda: os.path.exists(csv_path) and open(csv_path).read().count('\n') == 2,
                   'the export being written')

        with open(csv_path, newline='', encoding='utf-8') as f:
            rows = list(csv.reader(f))
        check(len(rows) == 2, f'the CSV has {len(rows)} rows, not a header and one purchase')
        header, row = rows
        record = dict(zip(header, row))
        check(record['Type'] == 'Purchase' and record['Asset'] == 'BTC' and record['Status'] == 'Filled',
              f'the CSV row is {record!r}')
        check(re.fullmatch(r'0\.001\d{5}', record['Quantity']) is not None,
              f'the CSV quantity is {record["Quantity"]!r}')
        check(re.fullmatch(r'49\d{3}\.\d+', record['Total']) is not None,
              f'the total is not an exact decimal near 50 000: {record["Total"]!r}')
        client_id = record['Client order ID']
        exchange_id = record['Exchange ID']
        check(client_id and exchange_id.isdigit(), f'the CSV lacks the ids: {record!r}')

        # The order's details and its receipt, from the keyboard: Ctrl+F
        # to the search, Down to the list, Enter on its first row.
        for keys in ('ctrl+f', 'Down', 'Return'):
            kopir.press(keys)
        details = window_named(kopir, 'Order Details')
        wait_for_label(kopir, details, lambda n: n == client_id, 'the details showing the client order id')
        save = find_in(kopir, details, pyatspi.ROLE_PUSH_BUTTON, ends_with('Save Receipt as PDF…'))
        kopir.activate(save)
        pdf_path = os.path.join(folder, 'receipt.pdf')
        save_through_chooser(kopir, 'Save Receipt', pdf_path)
        # Written in one step: once it is there, it is whole.
        wait_until(lambda: os.path.exists(pdf_path), 'the receipt being saved')

        text = subprocess.run(['pdftotext', pdf_path, '-'], capture_output=True, text=True,
                              check=True).stdout
        check(client_id in text, 'the receipt does not show the client order id')
        check(exchange_id in text, 'the receipt does not show the exchange order id')
        check(customer['full_name'] in text, 'the receipt does not name the customer')
        subprocess.run(['pdftoppm', '-r', '40', '-f', '1', '-l', '1', '-png', pdf_path,
                        os.path.join(folder, 'page')], check=True)
        page = [f for f in os.listdir(folder) if f.startswith('page')][0]
        mean = subprocess.run(['convert', os.path.join(folder, page), '-colorspace', 'gray', '-format',
                               '%[fx:mean]', 'info:'], capture_output=True, text=True, check=True).stdout
        check(float(mean) < 0.995, f'the receipt page is blank (mean {mean})')
        close_dialog(kopir, 'Order Details')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('export: CSV rows and a receipt PDF with the order ids')


def case_screens(binary, language):
    texts = TEXTS[language]
    folder = os.environ.get('KOPIR_SCREENSHOT_DIR') or tempfile.mkdtemp(prefix='kopir-screens-')
    os.makedirs(folder, exist_ok=True)
    prepare_customer('1000000.00')
    kopir = start_kopir(binary, language)
    try:
        chart = wait_for_control(kopir, pyatspi.ROLE_IMAGE, lambda n: n is not None and n.startswith('Bitcoin'),
                               'the price chart') if language == 'en' else None
        if chart is not None:
            wait_until(lambda: chart.description.startswith('Lowest'), 'the chart summing itself up')
            # A click puts the keyboard on the chart; the arrow keys move the
            # read-out, which the description then says.
            extents = chart.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            subprocess.run(['xdotool', 'mousemove', '--window', kopir.window,
                            str(extents.x + extents.width // 2), str(extents.y + extents.height // 2),
                            'click', '1', 'mousemove', '--window', kopir.window, '0', '0'],
                           check=True, timeout=TIMEOUT)
            kopir.press('End')
            wait_until(lambda: ' At ' in chart.description, 'the read-out in the chart\'s description')
            first = chart.description
            kopir.press('Home')
            wait_until(lambda: chart.description != first, 'the read-out moving to the first price')
            kopir.press('Escape')
            wait_until(lambda: ' At ' not in chart.description, 'the read-out leaving')
        names = [a.name for a in kopir.find_all(lambda a: a.getRole() == pyatspi.ROLE_PUSH_BUTTON
                                                 and a.getState().contains(pyatspi.STATE_FOCUSABLE)
                                                 and a.getState().contains(pyatspi.STATE_VISIBLE))]
        check(all(n and not n.startswith('Gtk') for n in names), f'a button has no name: {names!r}')
        kopir.screenshot(os.path.join(folder, f'buy-{language}.png'))
        dialog = buy_market(kopir, texts, '50000', confirm=False)
        kopir.screenshot(os.path.join(folder, f'buy-dialog-{language}.png'))
        # Buy, so that the history has a row to show in this language.
        review = find_in(kopir, dialog, pyatspi.ROLE_PUSH_BUTTON, ends_with(texts['review']))
        kopir.activate(review)
        window_named(kopir, find_confirmation_title(kopir, texts['confirm']))
        press_here('Return')
        wait_for_label(kopir, dialog, lambda n: n == texts['complete'], 'the purchase completing')
        close_dialog(kopir, texts['dialog'])
        show_history(kopir, texts)
        kopir.screenshot(os.path.join(folder, f'history-{language}.png'))
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()

    kopir = start_kopir(binary, language, width=360, height=720)
    try:
        wait_for_control(kopir, pyatspi.ROLE_LIST_ITEM,
                         lambda n: n is not None and n.startswith(texts['bitcoin'] + ', ') and '₸' in n,
                       'the bitcoin market with its price')
        kopir.screenshot(os.path.join(folder, f'buy-narrow-{language}.png'))
        show_history(kopir, texts)
        kopir.screenshot(os.path.join(folder, f'history-narrow-{language}.png'))
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print(f'screens: {language} screenshots in {folder}')


def main():
    if len(sys.argv) < 3:
        print(__doc__ if __doc__ else 'usage: test-buy.py CASE KOPIR [LANGUAGE]')
        return 2
    case, binary = sys.argv[1], sys.argv[2]
    cases = {
        'market': case_market,
        'dropped': case_dropped,
        'restart': case_restart,
        'refusals': case_refusals,
        'closed': case_closed,
        'limit': case_limit,
        'export': case_export,
    }
    try:
        if case == 'screens':
            case_screens(binary, sys.argv[3])
        elif case in cases:
            cases[case](binary)
        else:
            print(f'unknown case {case!r}', file=sys.stderr)
            return 2
    except Failure as failure:
        print(f'FAIL: {failure}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
