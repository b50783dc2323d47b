#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-bank.py CASE KOPIR [LANGUAGE]
#
# The Bank page, driven from outside as a person with a keyboard or a
# screen reader would, against the practice exchange Kopir starts itself.
# Run inside tests/ui/kopir-session.sh. Each case prepares its customer
# through the practice exchange before Kopir starts (a funded account, and
# a linked bank account where the case needs one), then works the page.
#
# Cases:
#   no-account      without an exchange account the page points to the
#                   Account page
#   link            link an account: typos first, each with its own message
#                   beside the field; the IBAN is grouped as typed; the
#                   bank is named; the link shows on the page
#   deposit         simulate a transfer from the linked account: credited,
#                   the balance grows, a desktop notification says so; then
#                   one from someone else's account: returned, with why
#   withdraw        wrong amounts first (a message each, nothing sent),
#                   then a withdrawal confirmed whose answers are all lost:
#                   the dialog says so, and "Try Again" pays it once
#   unlink          the confirmation can be declined; confirmed, the
#                   account is unlinked
#   pdf             the deposit instructions: copy the IBAN, save them as a
#                   PDF through the file chooser and print them to a file
#                   through the print dialog, and read both back
#   screens LANG    screenshots of the page and its dialogs in LANG (en, kk,
#                   ru), with a few texts that must be translated
#   narrow          the page and its dialogs at 360 pixels wide
#
# Screenshots go to $KOPIR_SCREENSHOT_DIR, by default
# $KOPIR_BUILD_DIR/tests/ui/screenshots.

import hashlib
import hmac
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from decimal import Decimal

import pyatspi
from gi.repository import Atspi, Gio, GLib

from kopirtest import (Failure, Kopir, Sandbox, TIMEOUT, check, get_clipboard, is_shown,
                       store_credentials, window_size)

HALYK = 'KZ886010000012345678'
HALYK_GROUPED = 'KZ88 6010 0000 1234 5678'
EXCHANGE_IBAN_GROUPED = 'KZ98 8560 0000 0012 3456'

# What a person reads, where the test checks words. The Kazakh and Russian
# texts must come from the catalogues in the build tree.
WORDS = {
    'en': {
        'link_row': 'Link a Bank Account…',
        'add_row': 'Add Tenge',
        'withdraw_row': 'Withdraw Tenge',
        'simulate_row': 'Simulate a Transfer From My Bank',
        'add_title': 'Add Tenge',
        'withdraw_title': 'Withdraw Tenge',
        'link_title': 'Link a Bank Account',
        'simulate_title': 'Simulate a Transfer',
        'linked_group': 'Linked Bank Accounts',
        'practice': 'Practice Exchange',
    },
    'kk': {
        'link_row': 'Банк шотын байланыстыру…',
        'add_row': 'Теңге салу',
        'withdraw_row': 'Теңгені шығару',
        'simulate_row': 'Банкімнен аударымды имитациялау',
        'add_title': 'Теңге салу',
        'withdraw_title': 'Теңгені шығару',
        'link_title': 'Банк шотын байланыстыру',
        'simulate_title': 'Аударымды имитациялау',
        'linked_group': 'Байланыстырылған банк шоттары',
        'practice': 'Жаттығу биржасы',
    },
    'ru': {
        'link_row': 'Привязать банковский счёт…',
        'add_row': 'Пополнить тенге',
        'withdraw_row': 'Вывести тенге',
        'simulate_row': 'Имитировать перевод из моего банка',
        'add_title': 'Пополнить тенге',
        'withdraw_title': 'Вывести тенге',
        'link_title': 'Привязать банковский счёт',
        'simulate_title': 'Имитация перевода',
        'linked_group': 'Привязанные банковские счета',
        'practice': 'Учебная биржа',
    },
}


def screenshot_dir():
    path = os.environ.get('KOPIR_SCREENSHOT_DIR') or os.path.join(
        os.environ['KOPIR_BUILD_DIR'], 'tests', 'ui', 'screenshots')
    os.makedirs(path, exist_ok=True)
    return path


# Waiting. GTK 4.8 tells the accessibility bus nothing when rows are added
# to a list, so besides every accessibility event the condition is checked
# again four times a second, and accessible objects are not cached.

def wait(condition, what, timeout=TIMEOUT):
    """Waits until condition() holds: checked when accessibility events
    come (at most one check queued at a time, as a walk of a window's
    accessible objects is many calls) and twice a second besides."""
    state = {'ok': False, 'timed_out': False, 'error': None, 'slow': None,
             'running': False, 'queued': 0}

    def stop():
        if state['running']:
            state['running'] = False
            pyatspi.Registry.stop()

    def test():
        if state['ok'] or state['error'] is not None or not state['running']:
            return
        try:
            if condition():
                state['ok'] = True
                stop()
        except GLib.Error as error:
            # A program busy drawing on a loaded machine answers late
            # ("appears to be hung"); the next check asks again.
            state['slow'] = error
        except Exception as error:  # noqa: BLE001 - raised again below
            state['error'] = error
            stop()

    def queued_test():
        state['queued'] = 0
        test()
        return GLib.SOURCE_REMOVE

    def queue_test(*args):
        if state['queued'] == 0:
            state['queued'] = GLib.idle_add(queued_test)

    def tick():
        test()
        return GLib.SOURCE_CONTINUE

    def on_timeout():
        state['timed_out'] = True
        stop()
        return GLib.SOURCE_REMOVE

    events = ['object:children-changed', 'object:state-changed', 'object:property-change',
              'object:text-changed', 'window']
    pyatspi.Registry.registerEventListener(queue_test, *events)
    queue_test()
    tick_id = GLib.timeout_add(500, tick)
    timeout_id = GLib.timeout_add_seconds(timeout, on_timeout)
    state['running'] = True
    try:
        pyatspi.Registry.start()
    finally:
        state['running'] = False
        pyatspi.Registry.deregisterEventListener(queue_test, *events)
        GLib.source_remove(tick_id)
        if state['queued']:
            GLib.source_remove(state['queued'])
        if not state['timed_out']:
            GLib.source_remove(timeout_id)
    if state['error'] is not None:
        raise state['error']
    check(state['ok'], f'{what} did not happen within {timeout} s'
          + (f' (last accessibility error: {state["slow"].message})' if state['slow'] else ''))


class FocusEvents:
    """What has the keyboard focus, as the accessibility bus announces it."""

    def __init__(self):
        self.count = 0
        self.focused = None
        pyatspi.Registry.registerEventListener(self._on_focus, 'object:state-changed:focused')

    def _on_focus(self, event):
        if event.detail1:
            self.count += 1
            self.focused = event.source


FOCUS = None


def start_kopir(binary, language='en'):
    global FOCUS
    if FOCUS is None:
        FOCUS = FocusEvents()
    kopir = Kopir(binary, language)
    kopir.app.set_cache_mask(Atspi.Cache.NONE)
    return kopir


def descendants(root, role=None, name=None):
    found = []

    def matches(accessible):
        if role is not None and accessible.getRole() != role:
            return False
        if name is None:
            return True
        if callable(name):
            return bool(accessible.name) and name(accessible.name)
        return accessible.name == name

    def visit(node):
        for child in node:
            if child is None:
                continue
            if matches(child):
                found.append(child)
            visit(child)

    visit(root)
    return found


def one(root, role, name, what=None):
    """Waits until exactly one such object is under root, and returns it."""
    result = {}

    def present():
        found = descendants(root, role, name)
        if len(found) == 1:
            result['found'] = found[0]
            return True
        return False

    wait(present, what or f'a control named {name!r}')
    return result['found']


def label_texts(root):
    return [a.name for a in descendants(root, pyatspi.ROLE_LABEL) if a.name]


def wait_label(root, text, what=None):
    """Waits for a label with exactly this text, or for which text() holds."""
    if callable(text):
        wait(lambda: any(text(t) for t in label_texts(root)), what or 'a label')
    else:
        wait(lambda: text in label_texts(root), what or f'the text {text!r}')


def text_of(accessible):
    text = accessible.queryText()
    return text.getText(0, text.characterCount)


def sensitive(accessible):
    return accessible.getState().contains(pyatspi.STATE_SENSITIVE)


class Dialog:
    """A window of kopir other than the main one: its X id, for the
    keyboard, and its accessible object."""

    def __init__(self, kopir, title):
        self.kopir = kopir
        self.title = title
        # All conditions: xdotool's search otherwise takes any window of
        # the process.
        result = subprocess.run(['timeout', str(TIMEOUT), 'xdotool', 'search', '--sync', '--all',
                                 '--onlyvisible', '--pid', str(kopir.process.pid),
                                 '--name', '^' + re.escape(title) + '$'],
                                capture_output=True, text=True)
        check(result.returncode == 0 and result.stdout.strip(),
              f'no window {title!r} was shown within {TIMEOUT} s')
        self.xid = result.stdout.split()[0]
        check(self.xid != kopir.window, f'{title!r} is the main window')
        self.accessible = None
        wait(self._find, f'the window {title!r} on the accessibility bus')

    def _find(self):
        for child in self.kopir.app:
            if child is not None and child.name == self.title:
                self.accessible = child
                return True
        return False

    def press(self, *keys):
        # A dialog Kopir presents has the keyboard; xdotool's windowfocus
        # would send it to another X window of the dialog's.
        for key in keys:
            subprocess.run(['xdotool', 'key', key], check=True, timeout=TIMEOUT)

    def type(self, text):
        """Replaces what the focused field holds with text, typed."""
        self.press('ctrl+a', 'BackSpace')
        subprocess.run(['xdotool', 'type', '--delay', '15', '--', text], check=True, timeout=TIMEOUT)

    def gone(self):
        # Asked of the X server: asking GTK 4.8 about a window while it is
        # being destroyed can trip its accessibility code.
        result = subprocess.run(['xdotool', 'search', '--all', '--onlyvisible',
                                 '--pid', str(self.kopir.process.pid),
                                 '--name', '^' + re.escape(self.title) + '$'],
                                capture_output=True, text=True, timeout=TIMEOUT)
        return self.xid not in result.stdout.split()

    def screenshot(self, path):
        self.kopir.screenshot(path)


def new_windows(kopir, before):
    """Windows of kopir on the X server that were not in before."""
    result = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(kopir.process.pid)],
                            capture_output=True, text=True)
    return [w for w in result.stdout.split() if w not in before]


def x_windows(kopir):
    result = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(kopir.process.pid)],
                            capture_output=True, text=True)
    return result.stdout.split()


# The practice exchange, with signed requests for setting a scene and for
# checking what the exchange really holds.

def signed(sandbox, customer, method, path, body=None):
    query = f'timestamp={int(time.time() * 1000)}&recvWindow=60000'
    data = json.dumps(body).encode() if body is not None else b''
    signature = hmac.new(customer['api_secret'].encode(), query.encode() + data,
                         hashlib.sha256).hexdigest()
    request = urllib.request.Request(f'{sandbox.url}{path}?{query}&signature={signature}',
                                     data=data if body is not None else None, method=method,
                                     headers={'X-MBX-APIKEY': customer['api_key'],
                                              'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            status, payload = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, payload = error.code, error.read()
    return status, (json.loads(payload) if payload else None)


def free_kzt(sandbox, customer):
    status, account = signed(sandbox, customer, 'GET', '/api/v3/account')
    check(status == 200, f'the account could not be read: {account!r}')
    return Decimal(next(b['free'] for b in account['balances'] if b['asset'] == 'KZT'))


def prepare(linked=False, history=False):
    """A funded customer in the keyring, as Kopir will find them; with a
    linked Halyk Bank account, and with some transfers in and out."""
    sandbox = Sandbox.start()
    try:
        customer = sandbox.new_customer()
        if linked or history:
            status, link = signed(sandbox, customer, 'POST', '/bank/v1/links',
                                  {'iban': HALYK, 'holder_name': customer['full_name'],
                                   'holder_iin': customer['iin']})
            check(status == 201, f'the account could not be linked: {link!r}')
            customer['link_id'] = link['id']
        if history:
            purpose = f"Purchase of digital assets, customer {customer['customer_id']}"
            for sender, name, iin, amount in ((HALYK, customer['full_name'], customer['iin'], '150000.00'),
                                              ('KZ73722C000022222222', 'Иванов Иван', '850101400011',
                                               '20000.00')):
                sandbox.request('POST', '/sandbox/v1/bank-transfers',
                                {'sender_iban': sender, 'sender_name': name, 'sender_iin': iin,
                                 'amount': amount, 'purpose': purpose}, expect=201)
            status, _ = signed(sandbox, customer, 'POST', '/bank/v1/withdrawals',
                               {'link_id': customer['link_id'], 'amount': '25000.00',
                                'client_withdrawal_id': 'scene-1'})
            check(status == 201, 'the scene withdrawal was refused')
        store_credentials(customer)
    finally:
        sandbox.stop()
    return customer


def show_bank_page(kopir, language='en'):
    kopir.press('alt+2')
    one(kopir.frame(), pyatspi.ROLE_LIST_ITEM, WORDS[language]['link_row'], 'the Bank page with its accounts')


# Desktop notifications: this test owns org.freedesktop.Notifications on
# the session bus and keeps what Kopir sends there.

NOTIFICATIONS_XML = '''
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="Notify">
      <arg type="s" direction="in"/><arg type="u" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/><arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" direction="in"/></method>
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="GetServerInformation">
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
    </method>
    <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
    <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
  </interface>
</node>
'''


class NotificationServer:
    def __init__(self):
        self.received = []
        self.bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        info = Gio.DBusNodeInfo.new_for_xml(NOTIFICATIONS_XML)
        self.registration = self.bus.register_object('/org/freedesktop/Notifications',
                                                     info.interfaces[0], self._call, None, None)
        self.owned = None

        def acquired(*args):
            self.owned = True

        def lost(*args):
            self.owned = False

        self.owner_id = Gio.bus_own_name_on_connection(self.bus, 'org.freedesktop.Notifications',
                                                       Gio.BusNameOwnerFlags.NONE, acquired, lost)
        context = GLib.MainContext.default()
        expired = {'done': False}
        timeout_id = GLib.timeout_add_seconds(TIMEOUT, lambda: expired.update(done=True))
        while self.owned is None and not expired['done']:
            context.iteration(True)
        if not expired['done']:
            GLib.source_remove(timeout_id)
        check(self.owned is True, 'the test could not own org.freedesktop.Notifications')

    def _call(self, connection, sender, path, interface, method, parameters, invocation):
        if method == 'Notify':
            app, replaces, icon, summary, body, actions, hints, timeout = parameters.unpack()
            self.received.append({'app': app, 'summary': summary, 'body': body})
            invocation.return_value(GLib.Variant('(u)', (len(self.received),)))
        elif method == 'GetCapabilities':
            invocation.return_value(GLib.Variant('(as)', (['body', 'actions'],)))
        elif method == 'GetServerInformation':
            invocation.return_value(GLib.Variant('(ssss)', ('kopir-test', 'Kopir', '1', '1.2')))
        else:
            invocation.return_value(None)

    def with_summary(self, summary):
        return [n for n in self.received if n['summary'] == summary]


# Cases

def case_link(binary):
    customer = prepare()
    kopir = start_kopir(binary)
    try:
        show_bank_page(kopir)
        holder = descendants(kopir.frame(), pyatspi.ROLE_LABEL,
                             lambda n: 'accounts in your own name' in n)
        check(len(holder) == 1 and customer['full_name'] in holder[0].name
              and customer['iin'] not in holder[0].name,
              'the page names whose accounts may be linked, with the IIN hidden')

        kopir.press('alt+l')
        dialog = Dialog(kopir, 'Link a Bank Account')
        iban = one(dialog.accessible, pyatspi.ROLE_TEXT, 'IBAN')
        names = label_texts(dialog.accessible)
        check(customer['full_name'] in names, 'the holder is the verified name, shown before linking')
        check(any('refuses an account of anyone else' in n for n in names),
              'the dialog says, before anything is tried, that only an own account is accepted')

        button = lambda: descendants(dialog.accessible, pyatspi.ROLE_PUSH_BUTTON,
                                     lambda n: n not in ('Cancel',))[0]

        # The focus starts in the IBAN field: typed keys land there. One
        # character wrong: the check digits give it away, at once.
        dialog.type('kz88 6010 0000 1234 5679')
        wait_label(dialog.accessible, "The IBAN's check digits do not match: a character is mistyped. "
                   "Copy the IBAN from the bank's app or statement.")
        check(text_of(iban) == 'KZ88 6010 0000 1234 5679', f'the IBAN is shown as {text_of(iban)!r}')
        check(iban.getState().contains(pyatspi.STATE_INVALID_ENTRY) or 'check digits' in iban.description,
              'the field itself is marked invalid for a screen reader')
        check(button().name == 'Correct the IBAN' and not sensitive(button()),
              f'the button says {button().name!r}')

        dialog.type('DE89 3704 0044 0532 0130 00')
        wait_label(dialog.accessible, 'This is not a Kazakh IBAN: it must start with KZ. '
                   'Link an account at a bank in Kazakhstan.')

        dialog.type('KZ14 999')
        wait_label(dialog.accessible, "The bank code 999 in this IBAN is not a bank in Kazakhstan's "
                   "directory. Check the IBAN with your bank.")

        # Too short is said when the person is done, not while typing.
        dialog.type('KZ886010000012345')
        wait(lambda: text_of(iban) == 'KZ88 6010 0000 1234 5', 'the IBAN grouped by four as typed')
        wait_label(dialog.accessible, 'Halyk Bank · BIC HSBKKZKX', 'the bank named once its code is typed')
        check(not any('missing' in t for t in label_texts(dialog.accessible)),
              'a short IBAN is not an error while it is being typed')
        dialog.press('Return')
        wait_label(dialog.accessible, 'A Kazakh IBAN has 20 characters; 3 characters are missing.')

        dialog.type('KZ886010000012345678')
        wait(lambda: text_of(iban) == HALYK_GROUPED and button().name == 'Link Account'
             and sensitive(button()), 'a valid IBAN, ready to link')
        check(not any('check digits' in t or 'missing' in t for t in label_texts(dialog.accessible)),
              'no message is left once the IBAN is right')
        dialog.screenshot(os.path.join(screenshot_dir(), 'bank-link-dialog-en.png'))
        dialog.press('Return')
        wait(dialog.gone, 'the dialog closing once linked')

        one(kopir.frame(), pyatspi.ROLE_LIST_ITEM, 'Halyk Bank', 'the linked account on the page')
        wait_label(kopir.frame(), 'KZ88 601• •••• •••• 5678 · Active')

        # The same account again: the exchange's refusal shows beside the
        # field, and what was typed stays.
        kopir.press('alt+l')
        dialog = Dialog(kopir, 'Link a Bank Account')
        iban = one(dialog.accessible, pyatspi.ROLE_TEXT, 'IBAN')
        dialog.type(HALYK)
        wait(lambda: text_of(iban) == HALYK_GROUPED, 'the IBAN typed again')
        dialog.press('Return')
        wait_label(dialog.accessible, 'This bank account is already linked.', "the exchange's answer")
        check(text_of(iban) == HALYK_GROUPED, 'the IBAN typed is kept after the refusal')
        dialog.press('Escape')
        wait(dialog.gone, 'the dialog closed with Escape')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()

    sandbox = Sandbox.start()
    try:
        status, links = signed(sandbox, customer, 'GET', '/bank/v1/links')
        check(status == 200 and [link['iban'] for link in links['links']] == [HALYK],
              f'the exchange holds the links {links!r}')
    finally:
        sandbox.stop()
    print('link: typos told apart, IBAN grouped, bank named, account linked')


def case_no_account(binary):
    kopir = start_kopir(binary)
    try:
        kopir.press('alt+2')
        one(kopir.frame(), pyatspi.ROLE_LABEL, 'No Exchange Account Yet', 'the Bank page saying there is no account')
        button = one(kopir.frame(), pyatspi.ROLE_PUSH_BUTTON, 'Open an Account')
        kopir.screenshot(os.path.join(screenshot_dir(), 'bank-no-account-en.png'))
        kopir.activate(button)
        wait(lambda: kopir.selected_page() == 'Account', 'the Account page shown')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('no-account: the Bank page sends a person without an account to the Account page')


def choose_someone_else(dialog):
    """Chooses "Someone Else’s Account" as the sender with the keyboard:
    Shift+Tab from the amount back to that choice, Space to take it, then
    Alt+A (the amount's mnemonic) back to the amount."""
    name = 'Someone Else’s Account'
    radios = descendants(dialog.accessible, pyatspi.ROLE_CHECK_BOX)
    check([r.name for r in radios] == ['Halyk Bank', name], f'the senders offered are {[r.name for r in radios]!r}')
    for _ in range(10):
        count = FOCUS.count
        dialog.press('shift+Tab')
        wait(lambda: FOCUS.count != count, 'the focus moving back with Shift+Tab')
        if FOCUS.focused.name == name:
            break
    check(FOCUS.focused.name == name, f'Shift+Tab did not reach {name!r}')
    dialog.press('space')
    # GTK 4.8 gives radio buttons the role of check boxes.
    wait(lambda: radios[1].getState().contains(pyatspi.STATE_CHECKED), f'{name!r} chosen')
    wait_label(dialog.accessible, lambda t: t.startswith('The money comes from an account of another '
                                                         'person'),
               'the dialog saying what happens to money from someone else')
    dialog.press('alt+a')


def case_deposit(binary):
    notifications = NotificationServer()
    customer = prepare(linked=True)
    kopir = start_kopir(binary)
    try:
        show_bank_page(kopir)
        one(kopir.frame(), pyatspi.ROLE_LIST_ITEM, 'Halyk Bank')
        wait_label(kopir.frame(), '₸1,000,000.00', 'the balance')
        sandbox = Sandbox.attach()

        kopir.press('alt+s')
        dialog = Dialog(kopir, 'Simulate a Transfer')
        amount = one(dialog.accessible, pyatspi.ROLE_TEXT, 'Amount in Tenge')
        check(any(t.startswith('Practice only') for t in label_texts(dialog.accessible)),
              'the dialog says it is practice only')
        dialog.type('25,000.50')
        wait(lambda: text_of(amount) == '25,000.50', 'the amount typed into the focused field')
        dialog.press('Return')
        wait(dialog.gone, 'the transfer sent')

        one(kopir.frame(), pyatspi.ROLE_LIST_ITEM, '₸25,000.50 · Credited', 'the transfer credited')
        wait_label(kopir.frame(), '₸1,025,000.50', 'the balance grown by the transfer')
        check(free_kzt(sandbox, customer) == Decimal('1025000.50'), 'the exchange credited the transfer')
        wait(lambda: len(notifications.with_summary('Tenge Arrived')) == 1,
             'a desktop notification that the money arrived')
        body = notifications.with_summary('Tenge Arrived')[0]['body']
        check('₸25,000.50' in body, f'the notification says {body!r}')

        kopir.press('alt+s')
        dialog = Dialog(kopir, 'Simulate a Transfer')
        amount = one(dialog.accessible, pyatspi.ROLE_TEXT, 'Amount in Tenge')
        choose_someone_else(dialog)
        dialog.type('5000')
        wait(lambda: text_of(amount) == '5000', 'the amount typed into its field')
        dialog.press('Return')
        wait(dialog.gone, 'the transfer from someone else sent')

        one(kopir.frame(), pyatspi.ROLE_LIST_ITEM, '₸5,000.00 · Returned', 'the transfer returned')
        wait_label(kopir.frame(), lambda t: 'is not linked to your exchange account' in t,
                   'the reason, in words')
        check(free_kzt(sandbox, customer) == Decimal('1025000.50'), 'returned money was not credited')
        wait(lambda: len(notifications.with_summary('Transfer Returned')) == 1,
             'a desktop notification that the transfer was returned')
        check(len(notifications.with_summary('Tenge Arrived')) == 1,
              'the first transfer was announced once only')
        kopir.screenshot(os.path.join(screenshot_dir(), 'bank-deposits-en.png'))
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('deposit: credited and announced; from someone else returned, with the reason')


def case_withdraw(binary):
    customer = prepare(linked=True)
    kopir = start_kopir(binary)
    try:
        show_bank_page(kopir)
        one(kopir.frame(), pyatspi.ROLE_LIST_ITEM, 'Halyk Bank')
        wait_label(kopir.frame(), '₸1,000,000.00', 'the balance')
        sandbox = Sandbox.attach()

        kopir.press('alt+w')
        dialog = Dialog(kopir, 'Withdraw Tenge')
        amount = one(dialog.accessible, pyatspi.ROLE_TEXT, 'Amount in Tenge')
        check('₸1,000,000.00' in label_texts(dialog.accessible), 'the dialog shows what is available')
        check('None' in label_texts(dialog.accessible), 'the dialog says there is no fee')

        for typed, message in (('-100', 'Enter the amount without a minus sign.'),
                               ('0', 'Enter an amount greater than zero.'),
                               ('10.555', 'Use at most 2 digits after the decimal mark.'),
                               ('5000000', 'That is more than you have: ₸1,000,000.00. Enter that or less.'),
                               ('12 34', 'Group the digits by three, like 1 234 567, or leave out the spaces.')):
            dialog.type(typed)
            wait(lambda: text_of(amount) == typed, f'{typed!r} typed into the focused amount field')
            wait_label(dialog.accessible, message, f'the message for {typed!r}')
            dialog.press('Return')
            check(dialog.accessible.name == 'Withdraw Tenge' and not dialog.gone(),
                  f'{typed!r} went further than the dialog')
        status, listed = signed(sandbox, customer, 'GET', '/bank/v1/withdrawals')
        check(status == 200 and listed['withdrawals'] == [], 'no wrong amount reached the exchange')

        # The wrong decimal mark for the language is fine where it is clear.
        dialog.type('10000,5')
        wait_label(dialog.accessible, '₸10,000.50', 'what the bank receives')
        dialog.type('10000')
        wait_label(dialog.accessible, '₸10,000.00', 'what the bank receives')

        # The exchange pays, then every answer is lost, also to the
        # repeats Kopir sends by itself: Kopir cannot know whether it was
        # paid, says so, and "Try Again" sends the same withdrawal, which
        # the exchange pays once. Meanwhile the exchange's list of
        # withdrawals cannot be read, so the page cannot settle the
        # withdrawal before the dialog opens again.
        sandbox.add_fault('drop_after_accept', path='/bank/v1/withdrawals', method='POST', count=4)
        sandbox.add_fault('http_503', path='/bank/v1/withdrawals', method='GET', count=100000)
        before = x_windows(kopir)
        dialog.press('Return')
        wait(lambda: new_windows(kopir, before), 'the confirmation')
        one(kopir.app, pyatspi.ROLE_LABEL, 'Withdraw ₸10,000.00?', 'the confirmation')
        check(any('in the name of ' + customer['full_name'] in t for t in label_texts(kopir.app)),
              'the confirmation names the account holder')
        subprocess.run(['xdotool', 'key', 'Return'], check=True, timeout=TIMEOUT)
        wait_label(dialog.accessible, lambda t: 'Kopir cannot tell yet whether the withdrawal was made' in t,
                   'the dialog saying the outcome is not known')
        check(free_kzt(sandbox, customer) == Decimal('990000.00'), 'the exchange did not pay')
        status, faults = sandbox.request('GET', '/sandbox/v1/faults')
        check([f['kind'] for f in faults['faults']] == ['http_503'], 'the exchange really lost its answers')
        check(not sensitive(amount), 'the amount of a withdrawal in doubt cannot be changed')
        dialog.screenshot(os.path.join(screenshot_dir(), 'bank-withdraw-unknown-en.png'))

        # Closed while in doubt, the withdrawal comes back as it was when
        # the dialog opens again: no second withdrawal can start meanwhile.
        dialog.press('Escape')
        wait(dialog.gone, 'the dialog closing')
        kopir.press('alt+w')
        dialog = Dialog(kopir, 'Withdraw Tenge')
        wait_label(dialog.accessible,
                   lambda t: t.startswith('Kopir could not tell whether your earlier withdrawal of ₸10,000.00 '
                                          'was made.'),
                   'the dialog bringing back the withdrawal in doubt')
        amount = one(dialog.accessible, pyatspi.ROLE_TEXT, 'Amount in Tenge')
        check(text_of(amount) == '10000.00', f'the amount in doubt reads {text_of(amount)!r}')
        check(not sensitive(amount), 'the amount of a withdrawal in doubt cannot be changed')
        dialog.screenshot(os.path.join(screenshot_dir(), 'bank-withdraw-in-doubt-en.png'))
        sandbox.clear_faults()
        kopir.activate(one(dialog.accessible, pyatspi.ROLE_PUSH_BUTTON, 'Try Again'))
        wait(dialog.gone, 'the withdrawal confirmed')

        one(kopir.frame(), pyatspi.ROLE_LIST_ITEM, '₸10,000.00 · Sent to your bank', 'the withdrawal listed')
        wait_label(kopir.frame(), '₸990,000.00', 'the balance after the withdrawal')
        status, listed = signed(sandbox, customer, 'GET', '/bank/v1/withdrawals')
        check(status == 200 and len(listed['withdrawals']) == 1, f'the exchange paid {listed!r}')
        check(free_kzt(sandbox, customer) == Decimal('990000.00'), 'the exchange debited the amount once')

        # The History lists it, once, as completed.
        kopir.press('alt+4')
        table = one(kopir.frame(), pyatspi.ROLE_TREE_TABLE, 'History', 'the History')
        wait_label(table, 'Withdrawal', 'the withdrawal in the History')
        wait_label(table, 'Completed', 'the withdrawal completed in the History')
        check(label_texts(table).count('Withdrawal') == 1,
              f'the History lists {label_texts(table).count("Withdrawal")} withdrawals')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('withdraw: each wrong amount told, nothing sent; confirmed, paid once')


def case_unlink(binary):
    customer = prepare(linked=True)
    kopir = start_kopir(binary)
    try:
        show_bank_page(kopir)
        one(kopir.frame(), pyatspi.ROLE_LIST_ITEM, 'Halyk Bank')
        sandbox = Sandbox.attach()
        name = 'Unlink the Halyk Bank account ending in 5678'

        before = x_windows(kopir)
        kopir.activate(one(kopir.frame(), pyatspi.ROLE_PUSH_BUTTON, name))
        wait(lambda: new_windows(kopir, before), 'the confirmation')
        one(kopir.app, pyatspi.ROLE_LABEL, 'Unlink This Account?')
        subprocess.run(['xdotool', 'key', 'Escape'], check=True, timeout=TIMEOUT)
        wait(lambda: not new_windows(kopir, before), 'the confirmation declined')
        status, links = signed(sandbox, customer, 'GET', '/bank/v1/links')
        check(len(links['links']) == 1, 'declining kept the link')

        kopir.activate(one(kopir.frame(), pyatspi.ROLE_PUSH_BUTTON, name))
        one(kopir.app, pyatspi.ROLE_LABEL, 'Unlink This Account?')
        confirmation = one(kopir.app, pyatspi.ROLE_DIALOG, 'Unlink This Account?')
        # The dialog has its buttons twice, for wide and narrow, and GTK 4.8
        # names a button with a mnemonic twice ("_Unlink Unlink").
        unlink = [b for b in descendants(confirmation, pyatspi.ROLE_PUSH_BUTTON,
                                         lambda n: set(n.replace('_', '').split()) == {'Unlink'})
                  if is_shown(b, confirmation)]
        check(len(unlink) == 1, f'{len(unlink)} Unlink buttons are shown')
        kopir.activate(unlink[0])
        wait(lambda: not new_windows(kopir, before), 'the confirmation closed')
        wait(lambda: not descendants(kopir.frame(), pyatspi.ROLE_LIST_ITEM, 'Halyk Bank'),
             'the account gone from the page')
        status, links = signed(sandbox, customer, 'GET', '/bank/v1/links')
        check(links['links'] == [], f'the exchange still has {links!r}')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('unlink: declined keeps it, confirmed removes it')


def pgm_ink(path):
    """The share of pixels that are not white in a binary PGM."""
    with open(path, 'rb') as f:
        data = f.read()
    fields = re.match(rb'P5\s+(\d+)\s+(\d+)\s+(\d+)\s', data)
    check(fields is not None, f'{path} is not a PGM image')
    width, height = int(fields.group(1)), int(fields.group(2))
    pixels = data[fields.end():fields.end() + width * height]
    return sum(1 for p in pixels if p < 200) / max(1, len(pixels))


def case_pdf(binary):
    customer = prepare(linked=True)
    # A documents folder, where the PDF is offered and a printer writing
    # to a file writes.
    documents = os.path.join(os.path.expanduser('~'), 'Documents')
    os.makedirs(documents, exist_ok=True)
    with open(os.path.join(os.environ['XDG_CONFIG_HOME'], 'user-dirs.dirs'), 'w') as dirs:
        dirs.write('XDG_DOCUMENTS_DIR="$HOME/Documents"\n')
    saved = os.path.join(tempfile.mkdtemp(), 'saved.pdf')
    # Only GTK's "Print to File" printer: the session has no print server
    # to wait for.
    gtk = os.path.join(os.environ['XDG_CONFIG_HOME'], 'gtk-4.0')
    os.makedirs(gtk, exist_ok=True)
    with open(os.path.join(gtk, 'settings.ini'), 'w') as settings:
        settings.write('[Settings]\ngtk-print-backends=file\n')
    kopir = start_kopir(binary)
    try:
        show_bank_page(kopir)
        kopir.press('alt+a')
        window = Dialog(kopir, 'Add Tenge')
        labels = lambda: label_texts(window.accessible)
        wait_label(window.accessible, EXCHANGE_IBAN_GROUPED, 'the exchange IBAN in groups of four')
        for text in ('KCJBKZKX', customer['customer_id'],
                     '15 — resident legal entity, other non-financial organisation',
                     '19 — resident individual'):
            check(text in labels(), f'the instructions do not show {text!r}')
        check(any(t.startswith('371 — ') and '590' in t for t in labels()),
              'the purpose code is shown with its meaning and the alternative')
        check(any(customer['customer_id'] in t and t != customer['customer_id'] for t in labels()),
              'the payment purpose carries the customer id')
        check(any(t.startswith('$1,000.00 of $1,000.00') for t in labels()),
              'the pilot limit left this month')

        # The toast that says so is gone after a few seconds; the clipboard
        # is what matters.
        kopir.activate(one(window.accessible, pyatspi.ROLE_PUSH_BUTTON, 'Copy the IBAN'))
        wait(lambda: get_clipboard() == 'KZ988560000000123456', 'the IBAN on the clipboard, without spaces')
        window.screenshot(os.path.join(screenshot_dir(), 'bank-add-tenge-en.png'))

        path = os.path.join(documents, f"kopir-deposit-instructions-{customer['customer_id']}.pdf")
        window.press('ctrl+s')
        chooser = Dialog(kopir, 'Save Instructions as PDF')
        chooser.press('Return')
        # Written to a temporary file first: once it has its name, it is whole.
        wait(lambda: os.path.exists(path), 'the PDF saved')
        check(os.path.getsize(path) > 1000, f'{path} is nearly empty')
        os.rename(path, saved)

        # Printing draws the same pages; GTK's "Print to File" printer
        # writes them where the saved PDF was.
        window.press('ctrl+p')
        printing = Dialog(kopir, 'Print')
        # The only printer, chosen with the keyboard; Alt+P is its Print.
        printing.press('Down', 'space', 'alt+p')
        wait(printing.gone, 'the print dialog done')

        def printed():
            if not os.path.exists(path):
                return False
            # A file still being written does not parse yet.
            result = subprocess.run(['pdftotext', '-layout', path, '-'], capture_output=True,
                                    text=True, timeout=TIMEOUT)
            return result.returncode == 0 and customer['customer_id'] in result.stdout

        # GTK's file printer renders every page again; on two busy cores
        # that alone can take most of a minute.
        wait(printed, 'the instructions printed to a file', timeout=2 * TIMEOUT)
        window.press('Escape')
        wait(window.gone, 'the instructions closed with Escape')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()

    out = screenshot_dir()
    printed = subprocess.run(['pdftotext', '-layout', path, '-'], capture_output=True, text=True,
                             check=True, timeout=TIMEOUT).stdout
    check(customer['customer_id'] in printed and 'Kopir Sandbox Exchange Ltd.' in printed,
          'the printed pages do not carry the instructions')
    path = saved
    text = subprocess.run(['pdftotext', '-layout', path, '-'], capture_output=True, text=True,
                          check=True, timeout=TIMEOUT).stdout
    check(customer['customer_id'] in text, 'the PDF does not carry the customer id')
    check(EXCHANGE_IBAN_GROUPED in text.replace('\u202f', ' ').replace('\xa0', ' '),
          'the PDF does not show the IBAN in groups of four')
    check('Kopir Sandbox Exchange Ltd.' in text, 'the PDF does not name the beneficiary')
    prefix = os.path.join(out, 'bank-instructions-pdf')
    subprocess.run(['pdftoppm', '-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', path, prefix],
                   check=True, timeout=TIMEOUT)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(['pdftoppm', '-gray', '-r', '30', '-f', '1', '-l', '1', '-singlefile', path,
                        os.path.join(tmp, 'page')], check=True, timeout=TIMEOUT)
        ink = pgm_ink(os.path.join(tmp, 'page.pgm'))
    check(0.01 < ink < 0.6, f'the first page is blank or black: {ink:.3f} of it is ink')
    print(f'pdf: IBAN copied; PDF saved, {ink:.1%} ink on page 1, customer id and grouped IBAN in it; '
          'printed to a file')


def tab_to(kopir, name):
    """Presses Tab until the row named name has the focus, as a person
    without a mouse does; mnemonics differ by language, Tab does not."""
    for _ in range(80):
        source = FOCUS.focused
        try:
            if source is not None and source.getRole() == pyatspi.ROLE_LIST_ITEM and source.name == name:
                return
        except GLib.Error:
            pass
        count = FOCUS.count
        kopir.press('Tab')
        wait(lambda: FOCUS.count != count, 'the focus moving on with Tab')
    raise Failure(f'Tab never reached {name!r}')


def shoot_dialog(kopir, row, title, path, width=None):
    tab_to(kopir, row)
    kopir.press('Return')
    dialog = Dialog(kopir, title)
    if width is not None:
        def narrowed():
            # Asked again until it holds: a window still settling its
            # first size may undo the first request.
            if window_size(dialog.xid)[0] == width:
                return True
            subprocess.run(['xdotool', 'windowsize', dialog.xid, str(width), '900'],
                           check=True, timeout=TIMEOUT)
            return False

        wait(narrowed, 'the dialog narrowed')
    wait(lambda: len(label_texts(dialog.accessible)) > 3, f'{title} filled in')
    dialog.screenshot(path)
    dialog.press('Escape')
    wait(dialog.gone, f'{title} closed with Escape')
    return dialog


def case_screens(binary, language, width=None):
    words = WORDS[language]
    if width is not None:
        # GNOME's own title bar buttons (close only); with Xvfb's default of
        # three, the header bar alone is wider than a phone.
        path = os.path.join(os.environ['XDG_CONFIG_HOME'], 'gtk-4.0')
        os.makedirs(path, exist_ok=True)
        with open(os.path.join(path, 'settings.ini'), 'w') as settings:
            settings.write('[Settings]\ngtk-decoration-layout=:close\n')
    prepare(history=True)
    kopir = start_kopir(binary, language)
    suffix = language if width is None else f'{language}-narrow'
    out = screenshot_dir()
    try:
        # Tall enough to show the whole page in one picture, where the
        # screen allows ($KOPIR_SESSION_SCREEN).
        size = (width or 960, 1300)

        def resized():
            if window_size(kopir.window) == size:
                return True
            subprocess.run(['xdotool', 'windowsize', kopir.window, str(size[0]), str(size[1])],
                           check=True, timeout=TIMEOUT)
            return False

        wait(resized, 'the window resized')
        show_bank_page(kopir, language)
        one(kopir.frame(), pyatspi.ROLE_LIST, words['linked_group'])
        lists = descendants(kopir.frame(), pyatspi.ROLE_LIST)
        wait(lambda: sum(len(descendants(each, pyatspi.ROLE_LIST_ITEM)) for each in lists) >= 10,
             'the transfers and the withdrawal listed')
        check(words['practice'] in label_texts(kopir.frame()), 'the practice exchange is marked')
        kopir.screenshot(os.path.join(out, f'bank-page-{suffix}.png'))
        if width is not None:
            check(window_size(kopir.window)[0] == width,
                  f'the page made the window {window_size(kopir.window)[0]} pixels wide')
        for row, title, name in (('add_row', 'add_title', 'add-tenge'), ('link_row', 'link_title', 'link'),
                                 ('withdraw_row', 'withdraw_title', 'withdraw'),
                                 ('simulate_row', 'simulate_title', 'simulate')):
            shoot_dialog(kopir, words[row], words[title], os.path.join(out, f'bank-{name}-{suffix}.png'), width)
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print(f'screens: the Bank page and its dialogs in {suffix}, in {out}')


def main():
    if len(sys.argv) < 3:
        print('usage: test-bank.py CASE KOPIR [LANGUAGE]', file=sys.stderr)
        return 2
    case, binary = sys.argv[1], sys.argv[2]
    cases = {
        'no-account': lambda: case_no_account(binary),
        'link': lambda: case_link(binary),
        'deposit': lambda: case_deposit(binary),
        'withdraw': lambda: case_withdraw(binary),
        'unlink': lambda: case_unlink(binary),
        'pdf': lambda: case_pdf(binary),
        'screens': lambda: case_screens(binary, sys.argv[3]),
        'narrow': lambda: case_screens(binary, 'en', 360),
    }
    if case not in cases:
        print(f'unknown case {case!r}', file=sys.stderr)
        return 2
    try:
        cases[case]()
    except Failure as failure:
        print(f'FAIL: {failure}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
