#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""CPU time per signed request, Kopir's client beside ccxt, in one run
against the same kopir-sandbox.

Both clients send the same signed request (GET /api/v3/account, parsed into
their own objects) N times in a row after a warm-up, and each measures its
own process's CPU time (getrusage, process.cpuUsage) around the loop only.
ccxt is installed with npm into the cache the sandbox's conformance test
uses ($KOPIR_BUILD_DIR/tests/sandbox/ccxt-cache, version pinned in
tests/sandbox/conformance/package.json), so one download serves both.

Usage: bench-signed-requests.py [N]   (N defaults to 1000)
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("KOPIR_SOURCE_DIR", os.path.join(HERE, "..", ".."))
BUILD = os.environ.get("KOPIR_BUILD_DIR", os.path.join(SOURCE, "_build"))
CACHE = os.environ.get("KOPIR_CCXT_CACHE", os.path.join(BUILD, "tests", "sandbox", "ccxt-cache"))
PIN = os.path.join(SOURCE, "tests", "sandbox", "conformance", "package.json")
SANDBOX = os.environ.get("KOPIR_SANDBOX", os.path.join(BUILD, "app", "sandbox", "kopir-sandbox"))
BENCH_CLIENT = os.path.join(BUILD, "tests", "services", "bench-client")


def ccxt_version():
    with open(PIN) as f:
        return json.load(f)["dependencies"]["ccxt"]


def ensure_ccxt(version):
    try:
        with open(os.path.join(CACHE, "node_modules", "ccxt", "package.json")) as f:
            if json.load(f)["version"] == version:
                return
    except (OSError, ValueError, KeyError):
        pass
    os.makedirs(CACHE, exist_ok=True)
    shutil.copy(PIN, os.path.join(CACHE, "package.json"))
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--no-save", "ccxt@" + version],
                   cwd=CACHE, check=True, stdout=sys.stderr, stderr=sys.stderr, timeout=900)


def start_sandbox(tmp):
    port_file = os.path.join(tmp, "port")
    env = dict(os.environ)
    env.setdefault("KOPIR_BANK_DIRECTORY", os.path.join(SOURCE, "data", "kz-banks.tsv"))
    proc = subprocess.Popen([SANDBOX, "--port", "0", "--port-file", port_file,
                             "--state-dir", os.path.join(tmp, "state"), "--seed", "7"],
                            stdout=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with open(port_file) as f:
                text = f.read()
            if text.endswith("\n"):
                return proc, "http://127.0.0.1:%d" % int(text)
        except OSError:
            pass
        if proc.poll() is not None:
            raise SystemExit("kopir-sandbox exited with %d" % proc.returncode)
        time.sleep(0.05)
    proc.kill()
    raise SystemExit("kopir-sandbox did not start")


def main():
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    ensure_ccxt(ccxt_version())

    with tempfile.TemporaryDirectory(prefix="kopir-bench-") as tmp:
        sandbox, url = start_sandbox(tmp)
        try:
            req = urllib.request.Request(url + "/sandbox/v1/accounts", data=b'{"kzt": "1000000.00"}',
                                         headers={"Content-Type": "application/json"}, method="POST")
            with urllib.request.urlopen(req) as response:
                account = json.load(response)
            env = dict(os.environ, KOPIR_TEST_API_KEY=account["api_key"],
                       KOPIR_TEST_API_SECRET=account["api_secret"], SANDBOX_URL=url,
                       CCXT_CACHE_DIR=CACHE, BENCH_REQUESTS=str(requests))
            results = {}
            for name, argv in (("Kopir (C, libsoup)", [BENCH_CLIENT, "--url", url, "--requests", str(requests)]),
                               ("ccxt %s (node %s)" % (ccxt_version(), subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()),
                                ["node", os.path.join(HERE, "bench-ccxt.cjs")])):
                out = subprocess.run(argv, env=env, check=True, capture_output=True, text=True).stdout.split()
                n, cpu, wall = int(out[1]), int(out[2]), int(out[3])
                results[name] = (cpu / n, wall / n)
        finally:
            sandbox.terminate()
            sandbox.wait()

    print("Signed GET /api/v3/account, %d requests each, against one kopir-sandbox" % requests)
    print("%-28s %18s %18s" % ("client", "CPU µs/request", "wall µs/request"))
    for name, (cpu, wall) in results.items():
        print("%-28s %18.1f %18.1f" % (name, cpu, wall))
    names = list(results)
    ratio = results[names[0]][0] / results[names[1]][0]
    print("Kopir needs %.2f of ccxt's CPU time per signed request (aim: 0.20 or less)" % ratio)
    return 0 if ratio <= 0.2 else 1


if __name__ == "__main__":
    sys.exit(main())
