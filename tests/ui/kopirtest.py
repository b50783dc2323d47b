#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# kopirtest.py: what the UI tests share to drive the real kopir program from
# outside, as a person with a keyboard or a screen reader does, inside
# tests/ui/kopir-session.sh (X server, session bus, accessibility bus and a
# keyring of its own).
#
# - Kopir: one run of the program, its window and its accessible objects:
#   find them by role and name, press keys, activate, type, read, wait for a
#   condition on accessibility events (never on a clock), take a screenshot.
# - Sandbox: the practice exchange the program starts under
#   $XDG_DATA_HOME/kopir/sandbox, reached through the port file it keeps
#   there: sandbox-only endpoints (funded customers, bank transfers, review
#   decisions, faults) for setting a scene or breaking things on purpose.
# - Secrets put into the session's keyring the way Kopir stores them.
# - The session's clipboard, and settings locked down with dconf the way an
#   administrator does.

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pyatspi
from gi.repository import Atspi, Gio, GLib

TIMEOUT = 60

# libatspi takes an application that needs more than 0.8 s to answer for
# hung and stops asking it; UI tests side by side on two busy cores can be
# that slow without anything being wrong. Wait as long as any wait here.
Atspi.set_timeout(TIMEOUT * 1000, TIMEOUT * 1000)

LOCALES = {'en': 'en_US.UTF-8', 'kk': 'kk_KZ.UTF-8', 'ru': 'ru_RU.UTF-8'}

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
          'window', 'object:text-changed']


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


# GTK 4.8 answers for an application's root object as soon as it asks the
# registry to embed it, but makes the root's list of windows only when the
# registry's answer arrives: asking for the root's children in between is a
# critical (gtkatspiroot.c), which ends kopir under G_DEBUG=fatal-criticals.
# The cache object is made with that same answer, so a cache that answers
# means the root may be asked about its children.

CACHE_PATH = '/org/a11y/atspi/cache'
CACHE_INTERFACE = 'org.a11y.atspi.Cache'
_accessibility_bus = None


def accessibility_bus():
    """A connection of the test's own to the accessibility bus."""
    global _accessibility_bus
    if _accessibility_bus is None:
        address = Gio.bus_get_sync(Gio.BusType.SESSION, None).call_sync(
            'org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus', 'GetAddress', None,
            GLib.VariantType('(s)'), Gio.DBusCallFlags.NONE, TIMEOUT * 1000, None).unpack()[0]
        _accessibility_bus = Gio.DBusConnection.new_for_address_sync(
            address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
            Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
    return _accessibility_bus


def registered(app):
    """Whether the application app has finished joining the registry, so
    that its root may be asked for its children."""
    try:
        accessibility_bus().call_sync(app.app.bus_name, CACHE_PATH, CACHE_INTERFACE, 'GetItems',
                                      None, None, Gio.DBusCallFlags.NONE, TIMEOUT * 1000, None)
        return True
    except GLib.Error:
        return False


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

    def __init__(self, binary, language='en', settings_backend='memory', args=(), env=None,
                 wait_for_pages=True):
        locale = LOCALES[language]
        if not locale_available(locale):
            raise Failure(f"the locale {locale} is not generated; "
                          "run .ci/install-deps (or locale-gen) first")
        environment = dict(os.environ)
        environment.pop('LC_ALL', None)
        environment.pop('LC_MESSAGES', None)
        environment['LANG'] = locale
        environment['LANGUAGE'] = language
        environment['GSETTINGS_BACKEND'] = settings_backend
        environment['KOPIR_LOCALEDIR'] = os.path.join(os.environ['KOPIR_BUILD_DIR'], 'po')
        environment.update(env or {})
        self.language = language
        self.process = subprocess.Popen([binary, *args], env=environment)
        self.app = None
        try:
            self.window = self._wait_for_window()
            # GTK joins the accessibility registry a little after the window
            # is mapped: wait for the registry to announce it.
            wait_until(self._find_application, 'kopir joining the accessibility bus')
            self._wait_for_registration()
            # GTK 4.8 makes the accessible objects of its widgets when they
            # are first asked for, and until then a hit test cannot name
            # their parents: walk the whole tree once.
            self.find_all(lambda accessible: False)
            # In assisted mode the pages wait behind the staff sign-in.
            if wait_for_pages:
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

    def _wait_for_registration(self):
        """Waits until GTK has finished joining the accessibility registry
        (see registered()), re-asking whenever its cache announces an
        accessible object."""
        bus_name = self.app.app.bus_name
        bus = accessibility_bus()
        loop = GLib.MainLoop()
        state = {'ready': False, 'timed_out': False}

        def ask(*args):
            def answered(connection, result):
                try:
                    connection.call_finish(result)
                    state['ready'] = True
                    loop.quit()
                except GLib.Error:
                    pass
            bus.call(bus_name, CACHE_PATH, CACHE_INTERFACE, 'GetItems',
                     None, None, Gio.DBusCallFlags.NONE, TIMEOUT * 1000, None, answered)

        def on_timeout():
            state['timed_out'] = True
            loop.quit()
            return GLib.SOURCE_REMOVE

        subscription = bus.signal_subscribe(bus_name, CACHE_INTERFACE, 'AddAccessible', CACHE_PATH,
                                            None, Gio.DBusSignalFlags.NONE, ask)
        timeout = GLib.timeout_add_seconds(TIMEOUT, on_timeout)
        ask()
        loop.run()
        if not state['timed_out']:
            GLib.source_remove(timeout)
        bus.signal_unsubscribe(subscription)
        check(state['ready'], f'kopir\'s accessibility registration did not finish within {TIMEOUT} s')

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

    # Finding and driving controls

    def find(self, role, name=None, shown=True, root=None):
        """The one control of role (a pyatspi ROLE_*) named name (a string,
        or a predicate on the name) that a person can see; fails when there
        is none or more than one."""
        found = self.find_every(role, name, shown, root)
        check(len(found) == 1, f'expected one {role} named {name!r}, found {len(found)}')
        return found[0]

    def find_every(self, role, name=None, shown=True, root=None):
        window = root or self.frame()

        def matches(accessible):
            if accessible.getRole() != role:
                return False
            if name is not None:
                if callable(name):
                    if not name(accessible.name):
                        return False
                elif accessible.name != name:
                    return False
            return not shown or is_shown(accessible, window)

        found = []

        def visit(node):
            for child in node:
                if child is None:
                    continue
                if matches(child):
                    found.append(child)
                visit(child)

        visit(window)
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

    def activate(self, accessible):
        """Does what a click or Enter on it would (its first action)."""
        action = accessible.queryAction()
        check(action.nActions > 0, f'{accessible.name!r} cannot be activated')
        action.doAction(0)

    def focus(self, accessible):
        check(accessible.queryComponent().grabFocus(), f'{accessible.name!r} took no focus')

    def type_into(self, accessible, text):
        """Types text into an entry with the keyboard, replacing what is there."""
        self.focus(accessible)
        wait_until(lambda: accessible.getState().contains(pyatspi.STATE_FOCUSED),
                   f'the focus reaching {accessible.name!r}')
        subprocess.run(['xdotool', 'key', 'ctrl+a', 'BackSpace'], check=True, timeout=TIMEOUT)
        subprocess.run(['xdotool', 'type', '--delay', '5', text], check=True, timeout=TIMEOUT)

    def text_of(self, accessible):
        try:
            text = accessible.queryText()
            return text.getText(0, text.characterCount)
        except NotImplementedError:
            return accessible.name

    def screenshot(self, path):
        """The whole screen as a PNG, for a person to look at later."""
        subprocess.run(['import', '-window', 'root', path], check=True, timeout=TIMEOUT)


def window_size(window):
    out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', window],
                         capture_output=True, text=True, check=True).stdout
    values = dict(line.split('=', 1) for line in out.split())
    return int(values['WIDTH']), int(values['HEIGHT'])


def write_settings(text):
    """Settings for the keyfile backend, before kopir starts."""
    path = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, 'keyfile'), 'w') as keyfile:
        keyfile.write('[io/github/kopir/Kopir]\n' + text)


# The keyring

def store_secret(kind, profile, account, secret):
    """Stores a secret as Kopir's secret store does (schema and attributes)."""
    subprocess.run(['secret-tool', 'store', '--label', f'Kopir {kind}',
                    'xdg:schema', 'io.github.kopir.Kopir.Secret',
                    'kind', kind, 'profile', profile, 'account', account],
                   input=secret, text=True, check=True, timeout=TIMEOUT)


def lookup_secret(kind, profile):
    result = subprocess.run(['secret-tool', 'lookup', 'xdg:schema', 'io.github.kopir.Kopir.Secret',
                             'kind', kind, 'profile', profile],
                            capture_output=True, text=True, timeout=TIMEOUT)
    return result.stdout if result.returncode == 0 else None


def store_credentials(customer, profile='sandbox'):
    """Makes customer (as Sandbox.new_customer returns it) the one Kopir
    finds in the keyring for profile when it starts."""
    store_secret('api-key', profile, customer['customer_id'], customer['api_key'])
    store_secret('api-secret', profile, customer['customer_id'], customer['api_secret'])


# The practice exchange

def sandbox_state_dir():
    return os.path.join(os.environ['XDG_DATA_HOME'], 'kopir', 'sandbox')


class Sandbox:
    """The practice exchange of this session's user: the one kopir starts
    (attach() once kopir is up), or one started here before kopir, on the
    same state folder, to prepare customers kopir will then find
    (start(), then stop() before kopir starts)."""

    def __init__(self, port, process=None):
        self.port = port
        self.process = process
        self.url = f'http://127.0.0.1:{port}'

    @classmethod
    def attach(cls):
        """The sandbox kopir started, once its port file is written."""
        path = os.path.join(sandbox_state_dir(), 'port')
        port = {}

        def written():
            try:
                with open(path) as port_file:
                    text = port_file.read().strip()
            except FileNotFoundError:
                return False
            if text.isdigit():
                port['port'] = int(text)
                return True
            return False

        wait_until(written, 'the practice exchange writing its port file')
        return cls(port['port'])

    @classmethod
    def start(cls, extra_args=(), state_dir=None):
        """state_dir: a folder of its own instead of kopir's, for an
        exchange that kopir reaches through an exchange profile."""
        state = state_dir or sandbox_state_dir()
        os.makedirs(state, mode=0o700, exist_ok=True)
        port_file = os.path.join(state, 'port')
        if os.path.exists(port_file):
            os.unlink(port_file)
        process = subprocess.Popen([os.environ['KOPIR_SANDBOX'], '--port', '0',
                                    '--port-file', port_file, '--state-dir', state, *extra_args],
                                   stdout=subprocess.PIPE, text=True)
        # The sandbox says on standard output when it listens.
        line = process.stdout.readline()
        check('listening on' in line, f'the practice exchange did not start: {line!r}')
        with open(port_file) as f:
            return cls(int(f.read().strip()), process)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=TIMEOUT)
            self.process = None

    def request(self, method, path, body=None, expect=None):
        """A JSON request to the sandbox; returns (status, decoded body)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={'Content-Type': 'application/json'})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                status, payload = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, payload = error.code, error.read()
        decoded = json.loads(payload) if payload else None
        if expect is not None:
            check(status == expect, f'{method} {path} answered {status}: {decoded!r}')
        return status, decoded

    def new_customer(self, kzt='1000000.00'):
        """An approved, funded customer: {customer_id, api_key, api_secret}."""
        return self.request('POST', '/sandbox/v1/accounts', {'kzt': kzt}, expect=201)[1]

    def add_fault(self, kind, **options):
        options['kind'] = kind
        return self.request('POST', '/sandbox/v1/faults', options)[1]

    def clear_faults(self):
        self.request('DELETE', '/sandbox/v1/faults')


# The clipboard of the session's X server

def set_clipboard(text):
    """Puts text on the clipboard, as copying it from a web page would.
    xclip keeps owning the selection from the background and returns once
    it owns it."""
    subprocess.run(['xclip', '-selection', 'clipboard', '-in'], input=text, text=True,
                   check=True, timeout=TIMEOUT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def get_clipboard():
    """The clipboard's text, or None when it holds none."""
    result = subprocess.run(['xclip', '-selection', 'clipboard', '-out'], capture_output=True,
                            text=True, timeout=TIMEOUT)
    return result.stdout if result.returncode == 0 else None


# Settings locked down with dconf

class Lockdown:
    """A dconf system database with locks, compiled as an administrator
    does (`dconf compile`), read through a dconf profile of this test only
    (DCONF_PROFILE) with a user database in the session's HOME, written by
    a dconf-service on the session bus. Pass env() to Kopir together with
    settings_backend='dconf'."""

    def __init__(self, folder, values, locks, path='/io/github/kopir/Kopir/'):
        for tool in ('dconf', '/usr/libexec/dconf-service'):
            check(subprocess.run(['sh', '-c', f'command -v {tool}'],
                                 capture_output=True).returncode == 0,
                  f'{tool} is missing: install the Debian packages dconf-cli and dconf-service')
        keyfiles = os.path.join(folder, 'db.d')
        os.makedirs(os.path.join(keyfiles, 'locks'), exist_ok=True)
        group = path.strip('/')
        with open(os.path.join(keyfiles, '00-kopir'), 'w') as keyfile:
            keyfile.write(f'[{group}]\n')
            for key, value in values.items():
                keyfile.write(f'{key}={value}\n')
        with open(os.path.join(keyfiles, 'locks', 'kopir'), 'w') as lockfile:
            for key in locks:
                lockfile.write(path + key + '\n')
        self.database = os.path.join(folder, 'kopir.db')
        subprocess.run(['dconf', 'compile', self.database, keyfiles], check=True,
                       timeout=TIMEOUT)
        self.profile = os.path.join(folder, 'profile')
        with open(self.profile, 'w') as profile:
            profile.write(f'user-db:user\nfile-db:{self.database}\n')
        self.service = subprocess.Popen(['/usr/libexec/dconf-service'])
        waited = subprocess.run(['gdbus', 'wait', '--session', '--timeout', str(TIMEOUT),
                                 'ca.desrt.dconf'], timeout=TIMEOUT + 5)
        if waited.returncode != 0:
            self.stop()
            raise Failure('dconf-service did not start')

    def env(self):
        return {'DCONF_PROFILE': self.profile}

    def stop(self):
        if self.service is not None and self.service.poll() is None:
            self.service.terminate()
            self.service.wait(timeout=TIMEOUT)
        self.service = None
