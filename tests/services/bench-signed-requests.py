#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""CPU time per signed request, Kopir's client beside ccxt, in one run
against the same kopir-sandbox.

Both clients send the same signed requests N times in a row after a
warm-up, and each measures its own process's CPU time (getrusage,
process.cpuUsage) around the loop only: a read (GET /api/v3/account, parsed
into their own objects) and an order (a market buy checked by POST
/api/v3/order/test). The runs alternate between the clients and the median
of three is shown, so a busy moment on the machine falls on both.
ccxt is installed with npm into the cache the sandbox's conformance test
uses ($KOPIR_BUILD_DIR/tests/sandbox/ccxt-cache, version pinned in
tests/sandbox/conformance/package.json), so one download serves both.

Usage: bench-signed-requests.py [N]   (N requests per run, 2000 by default)
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
    # In memory: the server's own disk writes are not what is measured.
    proc = subprocess.Popen([SANDBOX, "--port", "0", "--port-file", port_file, "--seed", "7",
                             # A benchmark, not a rate-limit test.
                             "--weight-limit", "0"],
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


def measure(argv, env):
    run = subprocess.run(argv, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit("%s failed: %s" % (argv[0], run.stderr.strip()))
    out = run.stdout.split()
    n, cpu, wall = int(out[1]), int(out[2]), int(out[3])
    return cpu / n, wall / n


def main():
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rounds = 3
    version = ccxt_version()
    ensure_ccxt(version)
    node_version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    kopir = "Kopir (C, libsoup)"
    ccxt = "ccxt %s (node %s)" % (version, node_version)
    endpoints = (("account", "signed GET /api/v3/account"),
                 ("order", "signed POST /api/v3/order/test (market buy)"))

    with tempfile.TemporaryDirectory(prefix="kopir-bench-") as tmp:
        sandbox, url = start_sandbox(tmp)
        try:
            req = urllib.request.Request(url + "/sandbox/v1/accounts", data=b'{"kzt": "1000000.00"}',
                                         headers={"Content-Type": "application/json"}, method="POST")
            with urllib.request.urlopen(req) as response:
                account = json.load(response)
            # Both clients as shipped: no allocator checks from the test setup.
            env = {k: v for k, v in os.environ.items()
                   if k not in ("MALLOC_CHECK_", "MALLOC_PERTURB_", "G_DEBUG", "G_SLICE")}
            env.update(KOPIR_TEST_API_KEY=account["api_key"], KOPIR_TEST_API_SECRET=account["api_secret"],
                       SANDBOX_URL=url, CCXT_CACHE_DIR=CACHE, BENCH_REQUESTS=str(requests))
            samples = {}
            for endpoint, _ in endpoints:
                env["BENCH_ENDPOINT"] = endpoint
                clients = ((kopir, [BENCH_CLIENT, "--url", url, "--requests", str(requests),
                                    "--endpoint", endpoint]),
                           (ccxt, ["node", os.path.join(HERE, "bench-ccxt.cjs")]))
                for _ in range(rounds):
                    for name, argv in clients:
                        samples.setdefault((endpoint, name), []).append(measure(argv, env))
        finally:
            sandbox.terminate()
            sandbox.wait()

    print("CPU time per signed request, %d requests per run, median of %d alternating runs,"
          " one kopir-sandbox" % (requests, rounds))
    print("%-44s %-28s %15s %15s" % ("request", "client", "CPU µs/req", "wall µs/req"))
    ratios = []
    for endpoint, label in endpoints:
        medians = {}
        for name in (kopir, ccxt):
            values = samples[(endpoint, name)]
            cpu = sorted(v[0] for v in values)[rounds // 2]
            wall = sorted(v[1] for v in values)[rounds // 2]
            medians[name] = cpu
            print("%-44s %-28s %15.1f %15.1f" % (label, name, cpu, wall))
        ratios.append(medians[kopir] / medians[ccxt])
        print("%-44s Kopir needs %.2f of ccxt's CPU time" % ("", ratios[-1]))
    print("Overall: Kopir needs %.2f of ccxt's CPU time per signed request (aim: 0.20 or less)"
          % (sum(ratios) / len(ratios)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
