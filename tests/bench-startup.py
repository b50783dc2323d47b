#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-startup.py [--runs N] KOPIR [CALCULATOR]
#
# Start-up of Kopir next to GNOME Calculator (also GTK 4 + libadwaita),
# measured the same way from outside for both: each program is started
# RUNS times, alternately, with GSETTINGS_BACKEND=memory and a temporary
# HOME. The time is from the launch until the X server maps the program's
# main window (MapNotify on the root window, the event `xdotool search --sync
# --onlyvisible` polls for); the memory is the program's VmRSS from /proc
# at that moment. It prints the medians and Kopir's ratio to the calculator.
#
# Run it through tests/bench-startup.sh, which provides the X server and a
# private session bus.

import argparse
import ctypes
import ctypes.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

MAP_NOTIFY = 19
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
TIMEOUT = 60


class XMapEvent(ctypes.Structure):
    _fields_ = [('type', ctypes.c_int),
                ('serial', ctypes.c_ulong),
                ('send_event', ctypes.c_int),
                ('display', ctypes.c_void_p),
                ('event', ctypes.c_ulong),
                ('window', ctypes.c_ulong),
                ('override_redirect', ctypes.c_int)]


class XEvent(ctypes.Union):
    _fields_ = [('type', ctypes.c_int),
                ('xmap', XMapEvent),
                ('pad', ctypes.c_long * 24)]


class MapWatcher:
    """Reports top-level windows as the X server maps them."""

    def __init__(self):
        self.x11 = ctypes.cdll.LoadLibrary(ctypes.util.find_library('X11'))
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x11.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        self.x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.x11.XConnectionNumber.argtypes = [ctypes.c_void_p]
        self.x11.XPending.argtypes = [ctypes.c_void_p]
        self.x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(XEvent)]
        self.display = self.x11.XOpenDisplay(None)
        if not self.display:
            sys.exit('bench-startup: cannot open the X display')
        root = self.x11.XDefaultRootWindow(self.display)
        self.x11.XSelectInput(self.display, root, SUBSTRUCTURE_NOTIFY_MASK)
        self.x11.XSync(self.display, 0)
        self.fd = self.x11.XConnectionNumber(self.display)

    def drain(self):
        event = XEvent()
        while self.x11.XPending(self.display):
            self.x11.XNextEvent(self.display, ctypes.byref(event))

    def wait_for_map(self, pid, deadline):
        """Block until a window of pid is mapped; return the monotonic time."""
        import select
        event = XEvent()
        while True:
            while self.x11.XPending(self.display):
                self.x11.XNextEvent(self.display, ctypes.byref(event))
                if event.type == MAP_NOTIFY and not event.xmap.override_redirect:
                    now = time.monotonic()
                    if window_pid(event.xmap.window) == pid:
                        return now
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            select.select([self.fd], [], [], left)


def window_pid(window):
    result = subprocess.run(['xdotool', 'getwindowpid', str(window)],
                            capture_output=True, text=True)
    return int(result.stdout) if result.returncode == 0 and result.stdout.strip() else None


def rss_kib(pid):
    with open(f'/proc/{pid}/status') as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return None


def run_once(watcher, command, extra_env):
    home = tempfile.mkdtemp(prefix='kopir-bench-')
    env = dict(os.environ)
    env.update(extra_env)
    env.update({
        'HOME': home,
        'XDG_CONFIG_HOME': os.path.join(home, '.config'),
        'XDG_DATA_HOME': os.path.join(home, '.local', 'share'),
        'XDG_CACHE_HOME': os.path.join(home, '.cache'),
        'XDG_STATE_HOME': os.path.join(home, '.local', 'state'),
        'GSETTINGS_BACKEND': 'memory',
        # The same for both: no accessibility bridge, no portals.
        'GTK_A11Y': 'none',
        'NO_AT_BRIDGE': '1',
        'ADW_DISABLE_PORTAL': '1',
        'GTK_USE_PORTAL': '0',
    })
    watcher.drain()
    try:
        started = time.monotonic()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        shown = watcher.wait_for_map(process.pid, started + TIMEOUT)
        if shown is None:
            process.kill()
            process.wait()
            sys.exit(f'bench-startup: {command[0]} showed no window within {TIMEOUT} s')
        rss = rss_kib(process.pid)
        process.terminate()
        try:
            process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return shown - started, rss
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description='Start-up time and memory of Kopir '
                                     'next to GNOME Calculator.')
    parser.add_argument('--runs', type=int, default=7)
    parser.add_argument('kopir')
    parser.add_argument('calculator', nargs='?', default=shutil.which('gnome-calculator'))
    args = parser.parse_args()
    if not args.calculator:
        sys.exit('bench-startup: gnome-calculator is not installed (see .ci/install-deps)')

    build_dir = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(args.kopir))))
    programs = {
        'Kopir': ([os.path.abspath(args.kopir)],
                  {'GSETTINGS_SCHEMA_DIR': os.path.join(build_dir, 'data')}),
        'GNOME Calculator': ([args.calculator], {}),
    }
    watcher = MapWatcher()
    results = {name: [] for name in programs}
    for _ in range(args.runs):
        for name, (command, env) in programs.items():
            results[name].append(run_once(watcher, command, env))

    medians = {}
    print(f'median of {args.runs} runs each, from launch until the main window is mapped:')
    for name, runs in results.items():
        seconds = statistics.median(t for t, _ in runs)
        mib = statistics.median(r for _, r in runs) / 1024
        medians[name] = (seconds, mib)
        print(f'  {name:<17} {seconds:6.3f} s   {mib:6.1f} MiB resident')
    (kt, km), (ct, cm) = medians['Kopir'], medians['GNOME Calculator']
    print(f'  Kopir / GNOME Calculator: time {kt / ct:.2f}, memory {km / cm:.2f}')


if __name__ == '__main__':
    main()
