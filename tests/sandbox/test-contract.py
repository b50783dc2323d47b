#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The OpenAPI document (data/kopir-api.yaml) and kopir-sandbox agree: every
documented path and method is served, nothing undocumented is served under
the contract's prefixes, and --help documents the command line."""

import os
import re
import signal
import socket
import subprocess

from sandboxlib import Sandbox, SANDBOX, SOURCE_DIR, check, finish

SPEC = os.path.join(SOURCE_DIR, "data", "kopir-api.yaml")
PLACEHOLDER = {"id": "app_0123456789abcdef", "kind": "selfie", "link_id": "lnk_999", "otp_id": "otp_999",
               "fault_id": "flt_999", "symbol": "BTCKZT"}


def operations():
    """Paths and methods, read from the document's own layout (two spaces
    for a path, four for a method) so no YAML library is needed."""
    ops = []
    path = None
    in_paths = False
    with open(SPEC, encoding="utf-8") as f:
        for line in f:
            if line.startswith("paths:"):
                in_paths = True
                continue
            if in_paths and re.match(r"^\S", line):
                break
            m = re.match(r"^  (/\S+):\s*$", line)
            if m:
                path = m.group(1)
                continue
            m = re.match(r"^    (get|put|post|delete|patch):\s*$", line)
            if m and path:
                ops.append((m.group(1).upper(), path))
    return ops


def main():
    with open(SPEC, encoding="utf-8") as f:
        text = f.read()
    check(text.startswith("openapi: 3.1.0"), "OpenAPI 3.1 document")
    ops = operations()
    check(len(ops) >= 30, "operations found: %d" % len(ops))
    ids = re.findall(r"operationId: (\w+)", text)
    check(len(ids) == len(ops) and len(set(ids)) == len(ids), "every operation has its own id")
    refs = set(re.findall(r"\$ref: '#/components/(\w+)/(\w+)'", text))
    for section, name in sorted(refs):
        check(re.search(r"^  %s:\s*$" % section, text, re.M) and re.search(r"^    %s:\s*$" % name, text, re.M),
              "reference %s/%s resolves" % (section, name))

    sb = Sandbox()
    try:
        for method, path in ops:
            concrete = re.sub(r"\{(\w+)\}", lambda m: PLACEHOLDER[m.group(1)], path)
            body = b"{}" if method in ("POST", "PUT") else None
            s, _, d = sb.request(method, concrete, body=body, headers={"Content-Type": "application/json"})
            unrouted = s == 405 or (isinstance(d, dict) and d.get("title") == "No such endpoint")
            check(not unrouted and s < 500, "%s %s is served (%d)" % (method, path, s))
        for method, path in (("GET", "/onboarding/v1/nothing"), ("POST", "/bank/v1/transfers"),
                             ("GET", "/pilot/v2/limits"), ("GET", "/staff/v1/customers"), ("GET", "/sandbox/v1/admin")):
            s, _, d = sb.request(method, path)
            check(s == 404 and d.get("title") == "No such endpoint", "undocumented %s %s is 404" % (method, path))
    finally:
        sb.close()

    # A fixed port, and a clean exit on Ctrl+C.
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    sb = Sandbox("--port", str(port))
    try:
        check(sb.port == port, "--port is honoured and reported")
        check(sb.get("/api/v3/ping")[0] == 200, "answers on it")
        check(sb.stop(signal.SIGINT) == 0, "SIGINT exits cleanly")
    finally:
        sb.close()

    helptext = subprocess.run([SANDBOX, "--help"], stdout=subprocess.PIPE, text=True, check=True).stdout
    for needle in ("--port", "--port-file", "--state-dir", "--seed", "--review-delay", "--weight-limit",
                   "--order-limit", "--bank-directory", "/api/v3/order", "/ws/<symbol>@bookTicker",
                   "/sandbox/v1/faults", "drop_after_accept", "clock_skew", "SANCTIONS", "EXPIRATION_DATE",
                   "/staff/v1/sessions", "/staff/v1/customer-sessions", "/sandbox/v1/market/{symbol}"):
        check(needle in helptext, "--help mentions %s" % needle)
    r = subprocess.run([SANDBOX, "--port", "-1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    check(r.returncode != 0 and "must not be negative" in r.stderr, "a bad option is refused with a message")
    r = subprocess.run([SANDBOX, "--state-dir", "/proc/kopir-cannot-be-here"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    check(r.returncode != 0 and "state directory" in r.stderr, "an unusable state directory is refused")
    env = dict(os.environ, KOPIR_BANK_DIRECTORY="/nonexistent/kz-banks.tsv")
    r = subprocess.run([SANDBOX], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    check(r.returncode != 0 and "--bank-directory" in r.stderr, "a missing bank directory says how to give one")
    finish()


if __name__ == "__main__":
    main()
