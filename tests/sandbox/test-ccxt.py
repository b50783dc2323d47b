#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""ccxt conformance: the real npm ccxt package, installed into a cache under
the build tree, runs unchanged but for its URLs against kopir-sandbox.  If
ccxt cannot be installed the test fails: it never skips."""

import json
import os
import shutil
import subprocess
import sys

from sandboxlib import Sandbox, check, finish

HERE = os.path.dirname(os.path.abspath(__file__))
CONFORMANCE = os.path.join(HERE, "conformance")
BUILD = os.environ.get("KOPIR_BUILD_DIR", os.path.join(HERE, "..", "..", "_build"))
CACHE = os.environ.get("KOPIR_CCXT_CACHE", os.path.join(BUILD, "tests", "sandbox", "ccxt-cache"))


def wanted_version():
    with open(os.path.join(CONFORMANCE, "package.json")) as f:
        return json.load(f)["dependencies"]["ccxt"]


def installed_version():
    try:
        with open(os.path.join(CACHE, "node_modules", "ccxt", "package.json")) as f:
            return json.load(f)["version"]
    except (OSError, ValueError, KeyError):
        return None


def ensure_ccxt():
    version = wanted_version()
    if installed_version() == version:
        return True
    os.makedirs(CACHE, exist_ok=True)
    shutil.copy(os.path.join(CONFORMANCE, "package.json"), os.path.join(CACHE, "package.json"))
    npm = shutil.which("npm")
    if npm is None:
        print("# npm is not installed")
        return False
    result = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--no-save", "ccxt@" + version],
                            cwd=CACHE, stdout=sys.stdout, stderr=sys.stdout, timeout=900)
    return result.returncode == 0 and installed_version() == version


def main():
    if not check(ensure_ccxt(), "ccxt %s installed in %s" % (wanted_version(), CACHE)):
        finish()
    node = shutil.which("node") or shutil.which("nodejs")
    if not check(node is not None, "node available"):
        finish()

    sb = Sandbox()
    try:
        c = sb.account(kzt="1000000.00", knowledge=True)
        env = dict(os.environ, CCXT_CACHE_DIR=CACHE, SANDBOX_URL="http://127.0.0.1:%d" % sb.port,
                   SANDBOX_API_KEY=c.key, SANDBOX_API_SECRET=c.secret)
        result = subprocess.run([node, os.path.join(CONFORMANCE, "ccxt-conformance.cjs")], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
        print("\n".join("# " + line for line in result.stdout.splitlines()))
        lines = result.stdout.splitlines()
        check(result.returncode == 0 and any(l.endswith(" 0 failed") for l in lines), "ccxt conformance script passed")
        check(sum(1 for l in lines if l.startswith("ok ")) >= 30, "ccxt ran every step")
        check(sb.alive(), "sandbox still running")
    finally:
        sb.close()
    finish()


if __name__ == "__main__":
    main()
