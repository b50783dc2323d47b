# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers for the kopir-sandbox tests: start a real sandbox on loopback,
talk to it over HTTP with signed requests, and check what it answers.

Only the Python standard library is used.
"""

import hashlib
import hmac
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

SANDBOX = os.environ.get("KOPIR_SANDBOX")
SOURCE_DIR = os.environ.get("KOPIR_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BANKS = os.path.join(SOURCE_DIR, "data", "kz-banks.tsv")
START_TIMEOUT = 30

failures = 0
checks = 0


def check(condition, what):
    """Record one assertion; print TAP-ish lines so failures are easy to read."""
    global failures, checks
    checks += 1
    if condition:
        print("ok %d - %s" % (checks, what))
    else:
        failures += 1
        print("not ok %d - %s" % (checks, what))
    sys.stdout.flush()
    return condition


def check_equal(got, expected, what):
    ok = got == expected
    if not ok:
        what = "%s (got %r, expected %r)" % (what, got, expected)
    return check(ok, what)


def finish():
    print("1..%d" % checks)
    print("%d passed, %d failed" % (checks - failures, failures))
    sys.exit(1 if failures else 0)


class Sandbox:
    """A kopir-sandbox process of our own, on a port chosen by the kernel."""

    def __init__(self, *args, state_dir=None, review_delay=0, extra_env=None):
        if not SANDBOX:
            raise SystemExit("KOPIR_SANDBOX is not set")
        self.tmp = tempfile.TemporaryDirectory(prefix="kopir-sandbox-test-")
        self.port_file = os.path.join(self.tmp.name, "port")
        self.args = [SANDBOX, "--port-file", self.port_file, "--bank-directory", BANKS,
                     "--review-delay", str(review_delay)] + list(args)
        if state_dir:
            self.args += ["--state-dir", state_dir]
        self.env = dict(os.environ)
        self.env["HOME"] = self.tmp.name
        self.env.setdefault("XDG_DATA_HOME", os.path.join(self.tmp.name, "data"))
        if extra_env:
            self.env.update(extra_env)
        self.proc = None
        self.port = None
        self.start()

    def start(self):
        if os.path.exists(self.port_file):
            os.unlink(self.port_file)
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=sys.stderr,
                                     env=self.env, text=True)
        # The sandbox writes the port file, then prints its line: reading the
        # line waits for readiness without sleeping.
        deadline = time.monotonic() + START_TIMEOUT
        line = self.proc.stdout.readline()
        if not line.startswith("kopir-sandbox listening on http://127.0.0.1:"):
            raise SystemExit("kopir-sandbox did not start: %r" % line)
        if time.monotonic() > deadline:
            raise SystemExit("kopir-sandbox took too long to start")
        with open(self.port_file) as f:
            text = f.read()
        assert text.endswith("\n"), "port file ends with a newline"
        self.port = int(text)
        assert line.strip().endswith(":%d" % self.port), "stdout and port file agree"

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            code = self.proc.wait(timeout=30)
            self.proc.stdout.close()
            self.proc = None
            return code
        return None

    def restart(self):
        self.stop()
        self.start()

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def close(self):
        self.stop()
        self.tmp.cleanup()

    # HTTP

    def request(self, method, path, body=None, headers=None, timeout=30, raw=False):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        hdrs = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            body = body.encode()
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        if raw:
            return resp.status, resp.headers, data
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = data
        return resp.status, resp.headers, parsed

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def server_time(self):
        return self.get("/api/v3/time")[2]["serverTime"]

    def account(self, kzt=None, knowledge=False):
        body = {}
        if kzt is not None:
            body["kzt"] = kzt
        if knowledge:
            body["knowledge_test_passed"] = True
        status, _, data = self.post("/sandbox/v1/accounts", body)
        assert status == 201, (status, data)
        return Customer(self, data)


def sign(secret, payload):
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


class Customer:
    def __init__(self, sandbox, data):
        self.sandbox = sandbox
        self.data = data
        self.id = data["customer_id"]
        self.key = data["api_key"]
        self.secret = data["api_secret"]

    def signed(self, method, path, params=None, body=None, form=False, timestamp=None,
               recv_window=None, signature=None, key=None, extra_headers=None):
        """A signed request: parameters in the query string, or in a form
        body when form is true (as clients do for POST)."""
        params = list((params or {}).items())
        params.append(("timestamp", str(timestamp if timestamp is not None else int(time.time() * 1000))))
        if recv_window is not None:
            params.append(("recvWindow", str(recv_window)))
        encoded = urllib.parse.urlencode(params)
        headers = {"X-MBX-APIKEY": key if key is not None else self.key}
        if extra_headers:
            headers.update(extra_headers)
        if form:
            payload = encoded
            sig = signature or sign(self.secret, payload)
            data = payload + "&signature=" + sig
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            return self.sandbox.request(method, path, body=data, headers=headers)
        raw_body = b""
        if body is not None:
            raw_body = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        sig = signature or sign(self.secret, encoded + raw_body.decode())
        return self.sandbox.request(method, path + "?" + encoded + "&signature=" + sig,
                                    body=raw_body if body is not None else None, headers=headers)

    def balances(self):
        status, _, data = self.signed("GET", "/api/v3/account")
        assert status == 200, (status, data)
        return {b["asset"]: (b["free"], b["locked"]) for b in data["balances"]}
