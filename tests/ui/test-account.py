#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-account.py CASE KOPIR [LANGUAGE]
#
# Opening an account with the real kopir program against the practice
# exchange it starts itself, driven from outside through the accessibility
# bus and the keyboard, inside tests/ui/kopir-session.sh. The practice
# exchange's review desk is started with a long delay, so that every review
# ends when the test asks the desk to decide (POST
# /sandbox/v1/review/{id}/complete), never by a clock.
#
# Cases:
#   approval        the whole application with the keyboard, photos chosen
#                   in the file chooser; sent, approved, the notification,
#                   the keys in the keyring, the way on to the Bank page
#   resubmit        an expired document: the desk asks for a correction,
#                   only the document step opens, new photos, approved
#   refusal         an IIN on the watch list; Kopir is closed while the
#                   desk decides and tells at the next start
#   draft           quit in the middle: the answers are there at the next
#                   start, in a file of mode 0600, which is gone once sent
#   validation      messages beside the fields as they are typed, the Next
#                   button saying what is missing, pasted junk, a 40 MB
#                   photo and a text file named .jpg
#   practice        a practice account at once on the practice exchange
#   screens LANG    every step and state in LANGUAGE (en, kk, ru), wide and
#                   360 pixels narrow, as screenshots
#
# Screenshots go to $KOPIR_SCREENSHOT_DIR, or meson-logs/screenshots/account
# in the build tree.
#
# Names are typed through the accessibility bus (as an input method or a
# paste puts them in): xdotool cannot type Kazakh letters reliably. Buttons,
# check boxes, lists and the file chooser are driven with keys.

import faulthandler
import gettext
import os
import re
import stat
import subprocess
import sys

import gi
gi.require_version('GdkPixbuf', '2.0')
from gi.repository import GdkPixbuf, Gio, GLib  # noqa: E402

import pyatspi  # noqa: E402

import kopirtest  # noqa: E402
from kopirtest import Failure, Kopir, Sandbox, TIMEOUT, check, lookup_secret  # noqa: E402

IIN = '990101300122'            # born 01.01.1999, a man
IIN_RESUBMIT = '830717350867'   # born 17.07.1983
IIN_WATCH_LIST = '770707300012'  # born 07.07.1977, on the practice exchange's watch list

RIGHT_ANSWERS = ['It can fall sharply, even to zero.', 'No, they are not guaranteed.',
                 'USD 1,000.', 'Only your own.', 'Never give it to anyone.']


# Who is told of accessibility events. One listener is registered with the
# accessibility registry for the whole test: registering and dropping one
# around every wait, hundreds of times a case, has the registry tell every
# application each time.
_observers = []


def _dispatch(event):
    for observer in list(_observers):
        observer(event)


def observe(observer):
    if not _observers and not getattr(_dispatch, 'registered', False):
        pyatspi.Registry.registerEventListener(_dispatch, *kopirtest.EVENTS)
        _dispatch.registered = True
    _observers.append(observer)


def unobserve(observer):
    _observers.remove(observer)


def wait_until(condition, what, trigger=None):
    """Runs trigger, then waits until condition() holds: checked again on
    every accessibility event, as kopirtest.wait_until does, and also every
    half second, because GTK 4.8 sends no event for some changes (the
    children of a page shown for the first time). Fails after TIMEOUT.

    The wait runs a main loop of its own rather than the accessibility
    registry's: inside the registry's loop the client's cache keeps the
    children of new widgets from a search."""
    loop = GLib.MainLoop()
    state = {'ok': False, 'timed_out': False, 'pending': False, 'error': None}

    def test_condition():
        state['pending'] = False
        if state['ok'] or state['error'] is not None:
            return GLib.SOURCE_REMOVE
        try:
            if condition():
                state['ok'] = True
                loop.quit()
        except Exception as error:  # raised again below, outside the loop
            state['error'] = error
            loop.quit()
        return GLib.SOURCE_REMOVE

    def on_event(event):
        # A burst of events is looked at once.
        if not state['pending']:
            state['pending'] = True
            GLib.idle_add(test_condition)

    def on_tick():
        test_condition()
        return GLib.SOURCE_CONTINUE

    def start():
        try:
            if trigger is not None:
                trigger()
        except Exception as error:
            state['error'] = error
            loop.quit()
            return GLib.SOURCE_REMOVE
        return test_condition()

    def on_timeout():
        state['timed_out'] = True
        loop.quit()
        return GLib.SOURCE_REMOVE

    observe(on_event)
    GLib.idle_add(start)
    tick = GLib.timeout_add(500, on_tick)
    timeout = GLib.timeout_add_seconds(TIMEOUT, on_timeout)
    try:
        loop.run()
    finally:
        unobserve(on_event)
        GLib.source_remove(tick)
        if not state['timed_out']:
            GLib.source_remove(timeout)
    if state['error'] is not None:
        raise state['error']
    check(state['ok'], f'{what} did not happen within {TIMEOUT} s')


# The shared driver waits the same way here: also its start-up.
kopirtest.wait_until = wait_until


def data_dir():
    return os.path.join(os.environ['XDG_DATA_HOME'], 'kopir', 'onboarding')


def draft_path():
    return os.path.join(data_dir(), 'sandbox.draft')


def screenshot_dir():
    path = os.environ.get('KOPIR_SCREENSHOT_DIR') or os.path.join(
        os.environ['KOPIR_BUILD_DIR'], 'meson-logs', 'screenshots', 'account')
    os.makedirs(path, exist_ok=True)
    return path


def translator(language):
    if language == 'en':
        return lambda text: text
    catalogue = gettext.translation('kopir', os.environ['KOPIR_LOCALEDIR'], [language])
    return catalogue.gettext


def plain(text):
    """A label as shown: without its mnemonic underline."""
    return text.replace('_', '')


def named(text):
    """Matches an accessible name: GTK 4.8 names a button with a mnemonic
    "_Next Next", and a check box labelled twice "X X"."""
    text = plain(text)

    def match(name):
        if name == text:
            return True
        parts = name.split(' ')
        half = len(parts) // 2
        return len(parts) % 2 == 0 and plain(' '.join(parts[:half])) == text and \
            ' '.join(parts[half:]) == text
    return match


def slow_review_sandbox():
    """kopir-sandbox whose review desk waits an hour, found by kopir through
    KOPIR_SANDBOX as the real one is."""
    path = os.path.join(os.environ['HOME'], 'kopir-sandbox-slow-review')
    if not os.path.exists(path):
        with open(path, 'w') as script:
            script.write('#!/bin/sh\nexec "%s" "$@" --review-delay 3600\n' % os.environ['KOPIR_SANDBOX'])
        os.chmod(path, 0o700)
    return path


def make_photos():
    """Small real pictures, in the test's own home."""
    folder = os.path.join(os.environ['HOME'], 'Pictures')
    os.makedirs(folder, exist_ok=True)
    photos = {}
    for name, width, height, colour, kind in [
            ('front.png', 800, 600, 0x2050a0ff, 'png'),
            ('back.jpg', 800, 600, 0x30a050ff, 'jpeg'),
            ('selfie.jpg', 640, 640, 0xc08060ff, 'jpeg'),
            ('new-front.jpg', 1024, 768, 0x6040a0ff, 'jpeg'),
            ('new-back.png', 1024, 768, 0xa04060ff, 'png'),
            ('small.png', 320, 240, 0x808080ff, 'png')]:
        pixbuf = GdkPixbuf.Pixbuf.new(GdkPixbuf.Colorspace.RGB, False, 8, width, height)
        pixbuf.fill(colour)
        photos[name] = os.path.join(folder, name)
        pixbuf.savev(photos[name], kind, [], [])
    photos['notes.jpg'] = os.path.join(folder, 'notes.jpg')
    with open(photos['notes.jpg'], 'w') as text:
        text.write('My passport number is N12345678. This is not a photo.\n')
    # 40 MB: a JPEG's first bytes, then nothing (a sparse file).
    photos['huge.jpg'] = os.path.join(folder, 'huge.jpg')
    with open(photos['huge.jpg'], 'wb') as huge:
        huge.write(b'\xff\xd8\xff\xe0')
        huge.truncate(40 * 1000 * 1000)
    return photos


class Notifications:
    """The desktop's notification server (org.freedesktop.Notifications),
    played by the test: GLib sends kopir's notifications here."""

    XML = '''<node><interface name="org.freedesktop.Notifications">
      <method name="Notify">
        <arg type="s" direction="in"/><arg type="u" direction="in"/><arg type="s" direction="in"/>
        <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="as" direction="in"/>
        <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/><arg type="u" direction="out"/>
      </method>
      <method name="GetCapabilities"><arg type="as" direction="out"/></method>
      <method name="CloseNotification"><arg type="u" direction="in"/></method>
      <method name="GetServerInformation">
        <arg type="s" direction="out"/><arg type="s" direction="out"/>
        <arg type="s" direction="out"/><arg type="s" direction="out"/>
      </method>
      <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
      <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
    </interface></node>'''

    def __init__(self):
        self.received = []
        self.poke = None
        # Held for the whole test: the shared connection closes, and the
        # name goes, once nobody holds it.
        self.bus = bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        info = Gio.DBusNodeInfo.new_for_xml(self.XML)
        self.registration = bus.register_object('/org/freedesktop/Notifications', info.interfaces[0],
                                                self._call, None, None)
        # Owned before kopir starts, which picks its notification backend
        # when it first sends one.
        reply = bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                              'org.freedesktop.DBus', 'RequestName',
                              GLib.Variant('(su)', ('org.freedesktop.Notifications', 4)),
                              GLib.VariantType('(u)'), Gio.DBusCallFlags.NONE, -1, None)
        check(reply.unpack()[0] == 1, 'the test could not play the notification server')

    def _call(self, connection, sender, path, interface, method, parameters, invocation):
        if method == 'Notify':
            args = parameters.unpack()
            self.received.append({'app': args[0], 'summary': args[3], 'body': args[4]})
            invocation.return_value(GLib.Variant('(u)', (len(self.received),)))
            if self.poke is not None:
                self.poke()
        elif method == 'GetCapabilities':
            invocation.return_value(GLib.Variant('(as)', (['body'],)))
        elif method == 'GetServerInformation':
            invocation.return_value(GLib.Variant('(ssss)', ('kopir-test', 'kopir', '1', '1.2')))
        else:
            invocation.return_value(None)

    def wait_for(self, summary):
        """Waits until a notification with this summary arrived; returns it."""
        def found():
            return next((n for n in self.received if n['summary'] == summary), None)

        loop = GLib.MainLoop()
        timed_out = []

        def poke():
            if found() is not None:
                loop.quit()

        def on_timeout():
            timed_out.append(True)
            loop.quit()
            return GLib.SOURCE_REMOVE

        if found() is None:
            self.poke = poke
            timeout = GLib.timeout_add_seconds(TIMEOUT, on_timeout)
            try:
                loop.run()
            finally:
                self.poke = None
                if not timed_out:
                    GLib.source_remove(timeout)
        notice = found()
        check(notice is not None, f'no notification {summary!r} within {TIMEOUT} s; '
                                  f'received {self.received!r}')
        return notice


class Account(Kopir):
    """kopir on its Account page, with the helpers of an applicant."""

    def __init__(self, binary, language='en', **options):
        env = dict(options.pop('env', {}))
        env['KOPIR_SANDBOX'] = slow_review_sandbox()
        self._ = translator(language)
        self.shots = 0
        self.language = language
        self._senders = {}
        observe(self._on_any_event)
        try:
            super().__init__(binary, language, env=env, **options)
        finally:
            unobserve(self._on_any_event)

    # Finding. The client's cache misses the children of a stack page shown
    # after it was read, and may list a widget in a stack page twice: each
    # search asks kopir afresh, keeps each object once, and looks only into
    # what is visible ("shown": visible with all its parents; fields below
    # the fold count, other pages do not).

    def page(self):
        if getattr(self, '_page', None) is None:
            pages = [a for a in super().find_every(pyatspi.ROLE_FILLER, 'KopirAccountPage', False)]
            check(len(pages) >= 1, 'the Account page is not on the accessibility bus')
            self._page = pages[0]
        return self._page

    def visible(self, accessible):
        node = accessible
        while node is not None and node.getRole() not in (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG,
                                                          pyatspi.ROLE_APPLICATION):
            if not node.getState().contains(pyatspi.STATE_VISIBLE):
                return False
            node = node.parent
        return True

    def find_every(self, role, name=None, shown=True, root=None):
        top = root or self.page()
        top.clearCache()
        found, seen = [], set()

        def matches(accessible):
            if accessible.getRole() != role:
                return False
            if name is None:
                return True
            return name(accessible.name) if callable(name) else accessible.name == name

        def visit(node):
            try:
                children = list(node)
            except (GLib.Error, ValueError):
                return  # gone while the flow changed its page
            for child in children:
                if child is None or child.path in seen:
                    continue
                seen.add(child.path)
                try:
                    if shown and not child.getState().contains(pyatspi.STATE_VISIBLE):
                        continue
                    if not matches(child):
                        visit(child)
                        continue
                except GLib.Error:
                    # A widget destroyed between being listed and being
                    # asked about is not there.
                    continue
                found.append(child)
                visit(child)

        if shown and top is not self.frame() and not self.visible(top):
            return []
        visit(top)
        return found

    def wait_for(self, role, name=None, what=None, root=None):
        """Waits until exactly one such control is shown, and returns it."""
        result = {}

        def present():
            found = self.find_every(role, name, True, root)
            if len(found) == 1:
                result['found'] = found[0]
                return True
            return False

        wait_until(present, what or f'a control named {name!r}')
        return result['found']

    def press_and_wait(self, keys, condition, what):
        wait_until(condition, f'{what} after {keys}', trigger=lambda: self.press(keys))

    def stop(self):
        # A failing test leaves a picture of what was on the screen, and
        # says if kopir itself had died.
        if sys.exc_info()[0] is not None and getattr(self, 'process', None) is not None:
            code = self.process.poll()
            if code is not None:
                print(f'kopir had ended with status {code}', file=sys.stderr)
            self.screenshot(os.path.join(screenshot_dir(), f'failure-{self.language}-{self.shots:02d}.png'))
        super().stop()

    def button(self, label):
        return self.wait_for(pyatspi.ROLE_PUSH_BUTTON, named(self._(label)),
                             f'the button {self._(label)!r}')

    def text(self, title):
        return self.wait_for(pyatspi.ROLE_TEXT, self._(title), f'the field {self._(title)!r}')

    def labels(self):
        """The texts shown: labels, and labels that are status messages."""
        return [label.name for label in self.find_every(pyatspi.ROLE_LABEL)] + \
            [status.name for status in self.find_every(pyatspi.ROLE_STATUS_BAR)]

    def wait_label(self, predicate, what):
        result = {}

        def present():
            for name in self.labels():
                if predicate(name):
                    result['name'] = name
                    return True
            return False
        try:
            wait_until(present, what)
        except Failure as failure:
            raise Failure(f'{failure}; the texts shown: {self.labels()!r}') from None
        return result['name']

    # Typing and keys

    def set_text(self, title, value):
        """Puts value into the field titled title, as an input method does."""
        field = self.text(title)
        check(field.queryEditableText().setTextContents(value), f'{title!r} took no text')
        return field

    def message(self, title):
        """The message beside a field, as a screen reader hears it."""
        return self.text(title).description

    def press_and_wait_focus(self, keys):
        moved = {'yes': False}

        def listener(event):
            if event.type.startswith('object:state-changed:focused'):
                moved['yes'] = True
        observe(listener)
        try:
            wait_until(lambda: moved['yes'], f'the focus moving after {keys}',
                       trigger=lambda: self.press(keys))
        finally:
            unobserve(listener)

    def tab_to(self, accessible, limit=80, keys='Tab'):
        """Presses Tab until accessible has the keyboard focus."""
        for _ in range(limit):
            if accessible.getState().contains(pyatspi.STATE_FOCUSED):
                return
            self.press_and_wait_focus(keys)
        raise Failure(f'{keys} never reached {accessible.name!r}')

    def _find_application(self):
        """kopir among the applications on the accessibility bus. After an
        earlier run of kopir has gone, the registry's list of applications
        may stay empty for the next one, so the applications that sent
        events are asked as well."""
        desktop = pyatspi.Registry.getDesktop(0)
        desktop.clearCache()
        candidates = [app for app in desktop if app is not None] + list(self._senders.values())
        for app in candidates:
            try:
                if app.get_process_id() == self.process.pid:
                    # Not before GTK may be asked for its windows.
                    if not kopirtest.registered(app):
                        return False
                    # Its window too, which the rest of the start-up needs.
                    app.clearCache()
                    if any(child is not None and child.getRole() == pyatspi.ROLE_FRAME
                           for child in app):
                        self.app = app
                        return True
            except GLib.Error:
                # An application that has gone, such as kopir's last run.
                continue
        return False

    def _on_any_event(self, event):
        try:
            app = event.source.getApplication()
            if app is not None:
                # libatspi keeps one object per application.
                self._senders[hash(app)] = app
        except GLib.Error:
            pass

    def toggle(self, role, name):
        control = self.wait_for(role, named(self._(name)), f'{self._(name)!r}')
        self.tab_to(control)
        was = control.getState().contains(pyatspi.STATE_CHECKED)
        self.press_and_wait(
            'space', lambda: control.getState().contains(pyatspi.STATE_CHECKED) != was,
            f'{name!r} changing')

    # The flow

    def current_step(self):
        for item in self.find_every(pyatspi.ROLE_LIST_ITEM, lambda n: re.match(r'^\d\. ', n) is not None,
                                    shown=False):
            if item.getState().contains(pyatspi.STATE_SELECTED):
                return int(item.name.split('.')[0])
        return None

    def wait_step(self, number):
        wait_until(lambda: self.current_step() == number, f'step {number} being shown')

    def next(self, number, keys=None):
        """Goes on to step number with Next (Alt+N in English)."""
        if keys is not None:
            self.press_and_wait(keys, lambda: self.current_step() == number, f'step {number}')
        else:
            self.activate(self.button('_Next'))
            self.wait_step(number)

    def go_to_step(self, number):
        """Picks a step in the list of steps, with the keyboard: Tab into
        the list (onto the step shown), arrows to the step, Enter."""
        current = self.current_step()
        here = self.wait_for(pyatspi.ROLE_LIST_ITEM, lambda n: n.startswith(f'{current}. '),
                             f'step {current} in the list')
        item = self.wait_for(pyatspi.ROLE_LIST_ITEM, lambda n: n.startswith(f'{number}. '),
                             f'step {number} in the list')
        self.tab_to(here)
        self.tab_to(item, keys='Up' if number < current else 'Down')
        self.press_and_wait('Return', lambda: self.current_step() == number, f'step {number}')

    def missing(self):
        """What the Next button says it still needs."""
        buttons = self.find_every(pyatspi.ROLE_PUSH_BUTTON, lambda n: plain(self._('_Next')) in n
                                  or plain(self._('_Send Application')) in n)
        check(len(buttons) == 1, 'no Next button')
        return buttons[0].description

    def choose_photo(self, drop_title, path, expect_size=None):
        """Picks path in the file chooser of the photo drop_title, with the
        keyboard, and waits until it is sent (or refused)."""
        title = self._(drop_title)
        button = self.wait_for(pyatspi.ROLE_PUSH_BUTTON, lambda n: title in n,
                               f'the button choosing {title!r}')
        self.activate(button)
        # The chooser is the one window of this X server with its title.
        found = subprocess.run(['timeout', str(TIMEOUT), 'xdotool', 'search', '--sync', '--onlyvisible',
                                '--name', '^' + re.escape(title) + '$'],
                               capture_output=True, text=True)
        check(found.returncode == 0 and found.stdout.strip(), f'no file chooser for {title!r}')
        window = found.stdout.split()[0]
        subprocess.run(['xdotool', 'windowfocus', '--sync', window], check=True, timeout=TIMEOUT)

        # Typing "/" opens the chooser's location entry; the path goes in,
        # and Enter opens the file.
        self.app.clearCache()
        dialogs = [child for child in self.app if child is not None and child.name == title]
        check(len(dialogs) == 1, f'the file chooser {title!r} is not on the accessibility bus')
        entry = {}

        def location():
            dialogs[0].clearCache()
            for text in pyatspi.utils.findAllDescendants(dialogs[0], lambda a: a.getRole() == pyatspi.ROLE_TEXT):
                if self.text_of(text).startswith('/'):
                    entry['it'] = text
                    return True
            return False
        wait_until(location, 'the location entry of the file chooser',
                   trigger=lambda: subprocess.run(['xdotool', 'type', '/'], check=True, timeout=TIMEOUT))
        check(entry['it'].queryEditableText().setTextContents(path), 'the location took no path')
        wait_until(lambda: self.text_of(entry['it']) == path, 'the path in the location entry')
        subprocess.run(['xdotool', 'key', 'Return'], check=True, timeout=TIMEOUT)
        if expect_size is not None:
            size = '%d × %d' % expect_size
            self.wait_photo(drop_title, lambda text: size in text and
                            re.search(r'\d', text.split(size)[0]) is None,
                            f'the photo {os.path.basename(path)} sent')

    def photo_status(self, drop_title):
        """What the photo drop_title says about its photo: its button
        carries it as its description, for screen readers."""
        title = self._(drop_title)
        buttons = self.find_every(pyatspi.ROLE_PUSH_BUTTON, lambda n: title in n)
        return buttons[0].description if len(buttons) == 1 else None

    def wait_photo(self, drop_title, predicate, what):
        try:
            wait_until(lambda: predicate(self.photo_status(drop_title) or ''), what)
        except Failure as failure:
            raise Failure(f'{failure}; it says {self.photo_status(drop_title)!r}') from None

    def screenshot_step(self, name):
        self.shots += 1
        path = os.path.join(screenshot_dir(), f'{self.language}-{self.shots:02d}-{name}.png')
        self.screenshot(path)
        return path

    def narrow_screenshot(self, name):
        """The same, 360 pixels wide: the steps fold into a header."""
        width, height = kopir_window_size(self.window)
        subprocess.run(['xdotool', 'windowsize', '--sync', self.window, '360', str(height)],
                       check=True, timeout=TIMEOUT)
        try:
            path = os.path.join(screenshot_dir(), f'{self.language}-narrow-{name}.png')
            wait_until(lambda: self.folded_header() is not None, 'the steps folding into a header')
            self.screenshot(path)
        finally:
            subprocess.run(['xdotool', 'windowsize', '--sync', self.window, str(width), str(height)],
                           check=True, timeout=TIMEOUT)
        return path

    def folded_header(self):
        step = self._('Step %u of %u: %s').split('%u')[0]
        for name in self.labels():
            if name.startswith(step):
                return name
        return None

    def reference(self):
        return self.wait_label(lambda n: re.match(r'^app_[0-9a-f]{16}$', n) is not None,
                               'the application reference')


def kopir_window_size(window):
    out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', window],
                         capture_output=True, text=True, check=True).stdout
    values = dict(line.split('=', 1) for line in out.split())
    return int(values['WIDTH']), int(values['HEIGHT'])


# The steps, filled in as a person would.

def start_application(kopir):
    kopir.activate(kopir.button('_Open an Account'))
    kopir.wait_step(1)


def consent(kopir, keys=None):
    kopir.toggle(pyatspi.ROLE_CHECK_BOX, 'I have read and understood the risk warning')
    kopir.toggle(pyatspi.ROLE_CHECK_BOX, 'I agree to the processing of my personal data as described above')
    kopir.next(2, keys)


def personal(kopir, iin, birth, keys=None):
    for title, value in [('Last name', 'Нұрланова'), ('First name', 'Әйгерім'),
                         ('Patronymic (if you have one)', 'Сейтқалиқызы'),
                         ('Name in Latin letters, as in the ID card', 'AIGERIM NURLANOVA'),
                         ('Date of birth, DD.MM.YYYY', birth), ('IIN, 12 digits', iin)]:
        kopir.set_text(title, value)
    check(kopir.message('IIN, 12 digits') == '', f'the IIN is refused: {kopir.message("IIN, 12 digits")!r}')
    kopir.next(3, keys)


def contact(kopir, keys=None):
    for title, value in [('Mobile phone, +7 and 10 digits', '8 (701) 234-56-78'),
                         ('E-mail address', 'aigerim@example.kz'),
                         ('City, town or village', 'Алматы'),
                         ('Street, house and flat', 'Абай даңғылы, 10, пәтер 5'),
                         ('Postal code (if you know it)', '050000')]:
        kopir.set_text(title, value)
    kopir.next(4, keys)


def document(kopir, photos, expiry='01.05.2035', front='front.png', back='back.jpg'):
    for title, value in [('Document number', '012 345 678'), ('Date of issue, DD.MM.YYYY', '01.05.2020'),
                         ('Valid until, DD.MM.YYYY', expiry)]:
        kopir.set_text(title, value)
    kopir.choose_photo('Front of the ID card', photos[front], size_of(photos[front]))
    kopir.choose_photo('Back of the ID card', photos[back], size_of(photos[back]))


def size_of(path):
    pixbuf = GdkPixbuf.Pixbuf.new_from_file(path)
    return pixbuf.get_width(), pixbuf.get_height()


def selfie(kopir, photos, keys=None):
    kopir.choose_photo('Selfie', photos['selfie.jpg'], (640, 640))
    kopir.next(6, keys)


def finances(kopir, keys=None):
    kopir.set_text('Occupation', 'Мұғалім')
    # The source of funds, with the keyboard: open the list, take the
    # first source (salary), close it.
    combo = kopir.wait_for(pyatspi.ROLE_COMBO_BOX, kopir._('Source of funds'))
    kopir.tab_to(combo)
    for keys_ in ('Return', 'Down', 'Return'):
        subprocess.run(['xdotool', 'key', keys_], check=True, timeout=TIMEOUT)
    wait_until(lambda: kopir._('source of funds') not in (kopir.missing() or ''),
               'the source of funds being chosen')
    kopir.next(7, keys)


def knowledge(kopir, right=True, keys=None):
    answers = RIGHT_ANSWERS if right else ['It only goes up.', 'Yes, like a bank deposit.',
                                           'USD 10,000.', 'Anyone’s.', 'Never give it to anyone.']
    for answer in answers:
        kopir.toggle(pyatspi.ROLE_RADIO_BUTTON, answer)
    result = kopir._('You passed. Once your account is open, the pilot’s limit of USD 1,000 a '
                     'month does not apply to you.') if right else None
    if keys is not None:
        kopir.press('alt+c')
    else:
        kopir.activate(kopir.button('_Check My Answers'))
    if right:
        kopir.wait_label(lambda n: n == result, 'the test passed')
    else:
        kopir.wait_label(lambda n: 'USD 1,000' in n and n.startswith(kopir._('You did not pass')[:12]),
                         'the test not passed, said plainly')
    kopir.next(8, keys)


def send(kopir, keys=None):
    if keys is not None:
        kopir.press(keys)
    else:
        kopir.activate(kopir.button('_Send Application'))
    return kopir.reference()


def fill_until_review(kopir, photos, iin, birth, keys=None, shots=False):
    def shot(name):
        if shots:
            kopir.screenshot_step(name)
            kopir.narrow_screenshot(name)
    start_application(kopir)
    shot('welcome')
    consent(kopir, keys)
    shot('personal-empty')
    personal(kopir, iin, birth, keys)
    contact(kopir, keys)
    document(kopir, photos)
    shot('document')
    kopir.next(5, keys)
    selfie(kopir, photos, keys)
    finances(kopir, keys)
    knowledge(kopir, True, keys)
    shot('review')


def complete_review(sandbox, reference, answer=None):
    sandbox.request('POST', f'/sandbox/v1/review/{reference}/complete', answer, expect=200)


def check_now(kopir):
    """Asks at once, if Kopir's own asking has not found the answer yet."""
    buttons = kopir.find_every(pyatspi.ROLE_PUSH_BUTTON, named(kopir._('_Check Now')))
    if buttons:
        try:
            kopir.activate(buttons[0])
        except Exception:  # gone with the page meanwhile
            pass


def approved_customer_id(kopir):
    return kopir.wait_label(lambda n: re.match(r'^\d{7}$', n) is not None, 'the customer id')


# Cases

def case_approval(binary):
    photos = make_photos()
    notifications = Notifications()
    kopir = Account(binary, 'en')
    try:
        kopir.wait_for(pyatspi.ROLE_LABEL, 'Open Your Exchange Account')
        kopir.screenshot_step('welcome')
        start_application(kopir)
        steps = [item.name for item in kopir.find_every(pyatspi.ROLE_LIST_ITEM,
                                                        lambda n: re.match(r'^\d\. ', n) is not None)]
        check(len(steps) == 8 and steps[3].startswith('4. Identity Document'),
              f'the list of steps is {steps!r}')
        kopir.screenshot_step('consent')
        consent(kopir, 'alt+n')
        personal(kopir, IIN, '01.01.1999', 'alt+n')
        kopir.screenshot_step('contact')
        contact(kopir, 'alt+n')
        document(kopir, photos)
        kopir.screenshot_step('document')
        kopir.next(5, 'alt+n')
        selfie(kopir, photos, 'alt+n')
        kopir.screenshot_step('finances')
        finances(kopir, 'alt+n')
        knowledge(kopir, True, 'alt+n')
        kopir.screenshot_step('review')
        # Everything once more, as entered.
        for value in ('Нұрланова', 'Әйгерім', '990101300122', 'Алматы', 'Salary',
                      'Passed: no monthly limit'):
            kopir.wait_label(lambda n, v=value: n == v, f'{value!r} on the review')
        check(os.path.exists(draft_path()), 'no draft file while the application is filled in')

        reference = send(kopir, 'alt+s')
        kopir.screenshot_step('pending')
        check(not os.path.exists(draft_path()), 'the draft file is still there after sending')

        sandbox = Sandbox.attach()
        complete_review(sandbox, reference)
        check_now(kopir)
        notice = notifications.wait_for('Your account is open')
        check('Link your bank account' in notice['body'], f'the notification says {notice!r}')
        customer_id = approved_customer_id(kopir)
        kopir.wait_label(lambda n: n == 'No limit: you passed the knowledge test.', 'no monthly limit')
        wait_until(lambda: lookup_secret('api-key', 'sandbox') is not None,
                   'the API key reaching the keyring')
        check(lookup_secret('applicant-token', 'sandbox') is None, 'the applicant token is left in the keyring')
        check(lookup_secret('applicant-data', 'sandbox') is None, 'the answers sent are left in the keyring')
        kopir.screenshot_step('approved')

        # What comes next: the Bank page.
        link = kopir.wait_for(pyatspi.ROLE_LIST_ITEM, 'Link Your Bank Account')
        kopir.tab_to(link)
        kopir.press_and_wait('Return', lambda: kopir.selected_page() == 'Bank', 'the Bank page')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print(f'approval: sent with the keyboard, approved as customer {customer_id}, keys in the keyring')


def case_resubmit(binary):
    photos = make_photos()
    notifications = Notifications()
    kopir = Account(binary, 'en')
    try:
        kopir.wait_for(pyatspi.ROLE_LABEL, 'Open Your Exchange Account')
        fill_until_review(kopir, photos, IIN_RESUBMIT, '17.07.1983')
        reference = send(kopir)

        sandbox = Sandbox.attach()
        complete_review(sandbox, reference, {
            'answer': 'RED', 'reject_type': 'RETRY', 'labels': ['EXPIRATION_DATE'],
            'comment': 'The identity document has expired. Upload a valid document.'})
        check_now(kopir)
        notifications.wait_for('Your application needs a correction')
        kopir.wait_label(lambda n: n == 'Your identity document has expired. Add a document that is '
                                        'still valid.', 'the label in plain words')
        kopir.wait_label(lambda n: 'The identity document has expired. Upload a valid document.' in n,
                         'the reviewer’s comment')
        kopir.screenshot_step('retry')

        kopir.activate(kopir.button('_Correct the Application'))
        kopir.wait_step(4)
        # Only the document step is open; the others are kept as sent.
        for item in kopir.find_every(pyatspi.ROLE_LIST_ITEM, lambda n: re.match(r'^\d\. ', n) is not None):
            sensitive = item.getState().contains(pyatspi.STATE_SENSITIVE)
            number = int(item.name.split('.')[0])
            check(sensitive == (number in (4, 8)),
                  f'{item.name!r} is {"open" if sensitive else "closed"} while correcting the document')
        number = kopir.text('Document number')
        check(kopir.text_of(number) == '012 345 678', f'the document number is now {kopir.text_of(number)!r}')
        kopir.screenshot_step('correcting')

        # A new document: new number, dates and photos.
        kopir.set_text('Document number', '987654321')
        kopir.set_text('Date of issue, DD.MM.YYYY', '02.02.2024')
        kopir.set_text('Valid until, DD.MM.YYYY', '02.02.2034')
        check(kopir.missing() is not None and 'photo of the front' in kopir.missing(),
              f'the old photos still count: Next says {kopir.missing()!r}')
        kopir.choose_photo('Front of the ID card', photos['new-front.jpg'], (1024, 768))
        kopir.choose_photo('Back of the ID card', photos['new-back.png'], (1024, 768))
        kopir.next(8)
        kopir.wait_label(lambda n: n == '987654321', 'the new number on the review')
        kopir.wait_label(lambda n: n == 'Нұрланова', 'the name kept from the first sending')
        check(send(kopir) == reference, 'the corrected application has another reference')

        complete_review(sandbox, reference)
        # Found by Kopir's own asking this time, without Check Now.
        notifications.wait_for('Your account is open')
        approved_customer_id(kopir)
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('resubmit: only the document step reopened, corrected, approved')


def case_refusal(binary):
    photos = make_photos()
    kopir = Account(binary, 'en')
    try:
        kopir.wait_for(pyatspi.ROLE_LABEL, 'Open Your Exchange Account')
        fill_until_review(kopir, photos, IIN_WATCH_LIST, '07.07.1977')
        reference = send(kopir)
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()

    # The desk decides while Kopir is closed.
    sandbox = Sandbox.start(['--review-delay', '3600'])
    try:
        complete_review(sandbox, reference)
    finally:
        sandbox.stop()

    notifications = Notifications()
    kopir = Account(binary, 'en')
    try:
        notice = notifications.wait_for('The exchange cannot open an account for you')
        check('whom to contact' in notice['body'], f'the notification says {notice!r}')
        kopir.wait_for(pyatspi.ROLE_LABEL, 'The Exchange Cannot Open an Account for You')
        kopir.wait_label(lambda n: n.startswith('After its checks, the exchange cannot open an account '
                                                'for you.'), 'the reason, kindly put')
        kopir.wait_label(lambda n: n == 'Who to Contact', 'whom to contact')
        check(reference in kopir.labels(), 'the reference to quote is not shown')
        check(not os.path.exists(draft_path()), 'the sent application\'s draft came back')
        check(lookup_secret('api-key', 'sandbox') is None, 'a refused applicant got API keys')
        kopir.screenshot_step('refused')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()

    # Told once: the next start shows the refusal without a new notice.
    notifications.received.clear()
    kopir = Account(binary, 'en')
    try:
        kopir.wait_for(pyatspi.ROLE_LABEL, 'The Exchange Cannot Open an Account for You')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    check(notifications.received == [], f'notified again: {notifications.received!r}')
    print('refusal: told at the next start, kindly, with whom to contact')


def case_draft(binary):
    photos = make_photos()
    kopir = Account(binary, 'en')
    try:
        kopir.wait_for(pyatspi.ROLE_LABEL, 'Open Your Exchange Account')
        start_application(kopir)
        consent(kopir, 'alt+n')
        kopir.set_text('Last name', 'Нұрланова')
        kopir.set_text('First name', 'Әйгерім')
        kopir.set_text('Date of birth, DD.MM.YYYY', '01.01.1999')
        kopir.set_text('IIN, 12 digits', IIN)
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()

    mode = stat.S_IMODE(os.stat(draft_path()).st_mode)
    check(mode == 0o600, f'the draft file has mode {mode:o}, not 600')
    check(stat.S_IMODE(os.stat(data_dir()).st_mode) & 0o077 == 0, 'the draft folder is open to others')
    with open(draft_path(), encoding='utf-8') as draft:
        check('Нұрланова' in draft.read(), 'the draft file does not hold what was typed')

    kopir = Account(binary, 'en')
    try:
        kopir.wait_step(2)
        for title, value in [('Last name', 'Нұрланова'), ('First name', 'Әйгерім'),
                             ('Date of birth, DD.MM.YYYY', '01.01.1999'), ('IIN, 12 digits', IIN)]:
            got = kopir.text_of(kopir.text(title))
            check(got == value, f'after a restart {title!r} holds {got!r}, not {value!r}')
        kopir.screenshot_step('draft-restored')
        kopir.set_text('Patronymic (if you have one)', 'Сейтқалиқызы')
        kopir.set_text('Name in Latin letters, as in the ID card', 'AIGERIM NURLANOVA')
        kopir.next(3)
        contact(kopir)
        document(kopir, photos)
        kopir.next(5)
        selfie(kopir, photos)
        finances(kopir)
        knowledge(kopir, False)
        kopir.wait_label(lambda n: n == 'Not passed: purchases limited to USD 1,000 a month',
                         'the limit kept, on the review')
        check(os.path.exists(draft_path()), 'the draft file went before sending')
        send(kopir)
        check(not os.path.exists(draft_path()), 'the draft file is still there after sending')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    # That it does not come back at the next start is checked in the
    # refusal case, which starts kopir again after sending.
    print('draft: answers kept across a restart in a 0600 file, wiped once sent')


def case_validation(binary):
    photos = make_photos()
    kopir = Account(binary, 'en')
    try:
        kopir.wait_for(pyatspi.ROLE_LABEL, 'Open Your Exchange Account')
        start_application(kopir)

        # Next says what is missing, and does not go on.
        check(kopir.missing() == 'Still needed: risk warning, consent to personal data processing.',
              f'on the welcome step Next says {kopir.missing()!r}')
        kopir.press('alt+n')
        kopir.wait_label(lambda n: n == 'Accept the risk warning to continue.', 'the consent asked for')
        check(kopir.current_step() == 1, 'Next went on without the consent')
        consent(kopir, 'alt+n')

        # Typed on the keyboard, in the field that has the focus: a digit
        # in a name is said at once.
        subprocess.run(['xdotool', 'type', '--delay', '20', 'Nurlanova7'], check=True, timeout=TIMEOUT)
        wait_until(lambda: kopir.message('Last name') == 'A name has no digits.',
                   'the message beside the last name')
        kopir.screenshot_step('validation-name')
        for value, message in [
                ('Нұрланова 😀', 'Remove the symbols and emoji: a name has only letters, spaces, '
                                'hyphens and apostrophes.'),
                ('\u202eمريم', 'Write the name in Cyrillic or Latin letters, as in your identity document.'),
                ('\u200fНұрланова\u200e', '')]:
            kopir.set_text('Last name', value)
            check(kopir.message('Last name') == message,
                  f'for {value!r} the last name says {kopir.message("Last name")!r}')
        # A huge paste is cut at the field's length and nothing breaks.
        field = kopir.set_text('First name', 'Ә' * 200000)
        check(len(kopir.text_of(field)) == 100, f'the first name holds {len(kopir.text_of(field))} characters')
        check(kopir.message('First name') == '', f'the first name says {kopir.message("First name")!r}')

        kopir.set_text('Date of birth, DD.MM.YYYY', '01.01.1999')
        kopir.set_text('IIN, 12 digits', '990102300122')
        check(kopir.message('IIN, 12 digits') == 'The last digit of the IIN does not match the others. '
              'Check the number for a mistyped digit.',
              f'a wrong IIN says {kopir.message("IIN, 12 digits")!r}')
        kopir.set_text('Date of birth, DD.MM.YYYY', '02.01.1999')
        kopir.set_text('IIN, 12 digits', IIN)
        check(kopir.message('IIN, 12 digits').startswith('The IIN does not match the date of birth'),
              f'an IIN that disagrees with the date of birth says {kopir.message("IIN, 12 digits")!r}')
        kopir.screenshot_step('validation-iin')
        kopir.set_text('Date of birth, DD.MM.YYYY', '01.01.1999')
        check(kopir.message('IIN, 12 digits') == '', 'the IIN message stays once the dates agree')
        check(kopir.missing() == 'Still needed: name in Latin letters.',
              f'Next says {kopir.missing()!r}')
        kopir.set_text('Name in Latin letters, as in the ID card', 'AIGERIM NURLANOVA')
        kopir.next(3)

        kopir.set_text('Mobile phone, +7 and 10 digits', '+1 202 555 0100')
        kopir.set_text('E-mail address', 'aigerim@')
        kopir.press('alt+n')
        wait_until(lambda: kopir.message('Mobile phone, +7 and 10 digits')
                   == 'Enter the number as +7 and 10 digits, for example +7 701 234 56 78.',
                   'the phone message once Next was pressed')
        check(kopir.message('E-mail address') == 'This is not an e-mail address. It looks like '
              'name@example.kz.', f'the e-mail says {kopir.message("E-mail address")!r}')
        check(kopir.current_step() == 3, 'Next went on with a wrong phone number')
        kopir.screenshot_step('validation-contact')
        contact(kopir)

        kopir.set_text('Document number', '12345')
        kopir.set_text('Date of issue, DD.MM.YYYY', '01.05.2014')
        kopir.set_text('Valid until, DD.MM.YYYY', '01.05.2024')
        # An expired document is said at once; a number still being typed
        # once the person asks to go on.
        check(kopir.message('Valid until, DD.MM.YYYY') == 'This document expired on 01.05.2024. '
              'Use a document that is still valid.',
              f'an expired document says {kopir.message("Valid until, DD.MM.YYYY")!r}')
        check(kopir.message('Document number') == '', 'a number being typed is scolded')
        kopir.press('alt+n')
        wait_until(lambda: kopir.message('Document number') == 'An ID card number has 9 digits.',
                   'the document number message once Next was pressed')

        # Photos that are not photos, or far too large, or too small.
        kopir.choose_photo('Front of the ID card', photos['notes.jpg'])
        kopir.wait_photo('Front of the ID card',
                         lambda n: n == 'This file holds text, not a picture, whatever its name says. '
                                       'Choose a JPEG or PNG photo.', 'the text file refused')
        kopir.choose_photo('Back of the ID card', photos['huge.jpg'])
        kopir.wait_photo('Back of the ID card', lambda n: n.startswith('This file is 40') and 'smaller than 25' in n,
                         'the 40 MB file refused')
        kopir.screenshot_step('validation-photos')
        kopir.choose_photo('Front of the ID card', photos['small.png'])
        kopir.wait_photo('Front of the ID card', lambda n: n.startswith('This photo is 320 × 240 pixels'),
                         'the small photo refused')
        check('photo of the front' in kopir.missing(), f'Next says {kopir.missing()!r}')
        check(kopir.current_step() == 4, 'the refused photos moved the flow')

        # Everything typed is still there.
        kopir.go_to_step(2)
        check(kopir.text_of(kopir.text('IIN, 12 digits')) == IIN, 'the IIN was lost')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('validation: messages beside the fields, Next says what is missing, bad files refused')


def case_practice(binary):
    kopir = Account(binary, 'en')
    try:
        kopir.wait_for(pyatspi.ROLE_LABEL, 'Open Your Exchange Account')
        kopir.activate(kopir.button('Use a _Practice Account'))
        kopir.wait_for(pyatspi.ROLE_LABEL, 'Your Practice Account Is Open')
        kopir.wait_label(lambda n: n.startswith('Practice account: made at once for demonstrations'),
                         'the account marked as practice')
        approved_customer_id(kopir)
        check(lookup_secret('api-key', 'sandbox') is not None, 'the practice account’s key is not in the keyring')
        kopir.screenshot_step('practice')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()

    kopir = Account(binary, 'en')
    try:
        kopir.wait_for(pyatspi.ROLE_LABEL, 'Your Practice Account Is Open')
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print('practice: a practice account at once, clearly marked, its keys in the keyring')


def case_screens(binary, language):
    photos = make_photos()
    kopir = Account(binary, language)
    _ = kopir._
    shots = []
    try:
        kopir.wait_for(pyatspi.ROLE_LABEL, _('Open Your Exchange Account'))
        shots.append(kopir.screenshot_step('welcome'))
        start_application(kopir)
        for step, fill in [(1, lambda: consent(kopir)),
                           (2, lambda: personal(kopir, IIN_RESUBMIT, '17.07.1983')),
                           (3, lambda: contact(kopir)),
                           (4, lambda: (document(kopir, photos), kopir.next(5))),
                           (5, lambda: selfie(kopir, photos)),
                           (6, lambda: finances(kopir)),
                           (7, lambda: knowledge(kopir, True))]:
            kopir.wait_step(step)
            shots.append(kopir.screenshot_step(f'step{step}'))
            shots.append(kopir.narrow_screenshot(f'step{step}'))
            fill()
        kopir.wait_step(8)
        shots.append(kopir.screenshot_step('step8'))
        shots.append(kopir.narrow_screenshot('step8'))
        reference = send(kopir)
        shots.append(kopir.screenshot_step('pending'))

        sandbox = Sandbox.attach()
        complete_review(sandbox, reference, {'answer': 'RED', 'reject_type': 'RETRY',
                                             'labels': ['EXPIRATION_DATE', 'BAD_SELFIE']})
        check_now(kopir)
        kopir.wait_for(pyatspi.ROLE_LABEL, _('Some Corrections Are Needed'))
        shots.append(kopir.screenshot_step('retry'))
        kopir.activate(kopir.button('_Correct the Application'))
        kopir.wait_step(4)
        shots.append(kopir.screenshot_step('correcting'))
        shots.append(kopir.narrow_screenshot('correcting'))
        kopir.choose_photo('Front of the ID card', photos['new-front.jpg'], (1024, 768))
        kopir.choose_photo('Back of the ID card', photos['new-back.png'], (1024, 768))
        kopir.next(5)
        kopir.choose_photo('Selfie', photos['selfie.jpg'], (640, 640))
        kopir.next(8)
        send(kopir)
        complete_review(sandbox, reference)
        check_now(kopir)
        approved_customer_id(kopir)
        shots.append(kopir.screenshot_step('approved'))
        kopir.close_with('ctrl+q')
    finally:
        kopir.stop()
    print(f'screens {language}: {len(shots)} screenshots in {screenshot_dir()}')


def main():
    faulthandler.enable()
    if len(sys.argv) < 3:
        print('usage: test-account.py CASE KOPIR [LANGUAGE]', file=sys.stderr)
        return 2
    case, binary = sys.argv[1], sys.argv[2]
    cases = {'approval': case_approval, 'resubmit': case_resubmit, 'refusal': case_refusal,
             'draft': case_draft, 'validation': case_validation, 'practice': case_practice}
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
