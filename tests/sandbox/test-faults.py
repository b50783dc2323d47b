#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fault injection in kopir-sandbox: each fault kind does what a client
must survive, and the state afterwards is what really happened."""

import http.client
import socket
from decimal import Decimal as D

from sandboxlib import Sandbox, check, check_equal, finish


def arm(sb, **fault):
    s, _, d = sb.post("/sandbox/v1/faults", fault)
    assert s == 201, (s, d)
    return d


def buy(c, client_id, amount="5000"):
    return c.signed("POST", "/api/v3/order", {"symbol": "USDTKZT", "side": "BUY", "type": "MARKET",
                                              "quoteOrderQty": amount, "newClientOrderId": client_id}, form=True)


def find(c, client_id):
    return c.signed("GET", "/api/v3/order", {"symbol": "USDTKZT", "origClientOrderId": client_id})


def fault_api(sb):
    s, _, d = sb.post("/sandbox/v1/faults", {"kind": "meteor"})
    check(s == 422 and d["errors"][0]["field"] == "kind", "unknown fault kind refused")
    s, _, d = sb.post("/sandbox/v1/faults", {"kind": "delay", "path": "/sandbox/v1/state"})
    check(s == 422, "faults never apply to the sandbox endpoints")
    s, _, d = sb.post("/sandbox/v1/faults", {"kind": "delay", "count": 0})
    check(s == 422 and d["errors"][0]["field"] == "count", "count must be positive")
    s, _, d = sb.post("/sandbox/v1/faults", {"kind": "delay", "delay_ms": "soon"})
    check(s == 422 and d["errors"][0]["code"] == "invalid_type", "wrong type refused")
    s, _, d = sb.post("/sandbox/v1/faults", {"kind": "http_500", "method": "PATCH"})
    check(s == 422, "unknown method refused")
    f = arm(sb, kind="http_503", path="/api/v3/ping", count=2)
    check(f["id"].startswith("flt_") and f["remaining"] == 2, "fault armed")
    s, _, d = sb.get("/sandbox/v1/faults")
    check(s == 200 and [x["id"] for x in d["faults"]] == [f["id"]], "faults listed")
    s, _, _ = sb.request("DELETE", "/sandbox/v1/faults/" + f["id"])
    check_equal(s, 204, "one fault cleared")
    s, _, _ = sb.request("DELETE", "/sandbox/v1/faults/" + f["id"])
    check_equal(s, 404, "clearing it again is 404")
    s, _, d = sb.get("/api/v3/ping")
    check_equal(s, 200, "cleared fault no longer fires")


def delay(sb):
    arm(sb, kind="delay", path="/api/v3/time", delay_ms=3000)
    timed_out = False
    try:
        sb.get("/api/v3/time", timeout=0.5)
    except (socket.timeout, TimeoutError):
        timed_out = True
    check(timed_out, "a delayed answer misses a short client timeout")
    arm(sb, kind="delay", path="/api/v3/time", delay_ms=200)
    s, _, d = sb.get("/api/v3/time", timeout=20)
    check(s == 200 and "serverTime" in d, "a delayed answer arrives for a patient client")
    s, _, d = sb.get("/api/v3/time", timeout=20)
    check_equal(s, 200, "count 1: only one request delayed")


def drop_after_accept(sb, c):
    before = c.balances()["KZT"][0]
    arm(sb, kind="drop_after_accept", path="/api/v3/order", method="POST")
    dropped = False
    try:
        buy(c, "drop-1")
    except (http.client.RemoteDisconnected, ConnectionResetError, http.client.BadStatusLine):
        dropped = True
    check(dropped, "connection dropped without an answer")
    s, _, d = find(c, "drop-1")
    check(s == 200 and d["status"] == "FILLED", "the order was carried out all the same")
    after = c.balances()["KZT"][0]
    check_equal(D(before) - D(after), D(d["cummulativeQuoteQty"]), "and paid for once")


def server_errors(sb, c):
    arm(sb, kind="http_500", path="/api/v3/order", method="POST")
    s, _, d = buy(c, "e500-a")
    check(s == 500 and d["code"] == -1000, "500 with the exchange's error body")
    s, _, d = find(c, "e500-a")
    check(s == 400 and d["code"] == -2013, "without execute the order does not exist")

    arm(sb, kind="http_500", path="/api/v3/order", method="POST", execute=True)
    s, _, d = buy(c, "e500-b")
    check_equal(s, 500, "500 after executing")
    s, _, d = find(c, "e500-b")
    check(s == 200 and d["status"] == "FILLED", "with execute the order exists: outcome unknown to the client")

    arm(sb, kind="http_503", path="/api/v3/order")
    s, _, d = buy(c, "e503")
    check(s == 503 and d["code"] == -1001, "503 with -1001")
    s, _, d = find(c, "e503")
    check_equal(d.get("code"), -2013, "503 without execute placed nothing")

    arm(sb, kind="http_503", path="/onboarding/")
    s, h, d = sb.post("/onboarding/v1/applicants", {})
    check(s == 503 and h["Content-Type"].startswith("application/problem+json") and d["code"] == "unavailable",
          "faults reach the onboarding contract, as problem documents")
    s, _, d = sb.get("/sandbox/v1/state")
    check(s == 200 and d["applicants"] == 0, "and created nothing there")


def bursts(sb):
    arm(sb, kind="rate_limit_burst", path="/api/v3/depth", count=3, retry_after_s=7)
    answers = [sb.get("/api/v3/depth?symbol=BTCKZT&limit=5") for _ in range(4)]
    check(all(a[0] == 429 and a[1]["Retry-After"] == "7" and a[2]["code"] == -1003 for a in answers[:3]),
          "three 429 answers with Retry-After")
    check_equal(answers[3][0], 200, "then normal again")

    arm(sb, kind="http_500", path="/api/v3/", method="POST")
    s, _, _ = sb.get("/api/v3/ping")
    check_equal(s, 200, "a POST-only fault leaves GET alone")
    sb.request("DELETE", "/sandbox/v1/faults")


def malformed(sb, c):
    arm(sb, kind="malformed_json", path="/api/v3/order", method="POST")
    import json
    import sandboxlib
    import time
    import urllib.parse
    q = urllib.parse.urlencode({"symbol": "USDTKZT", "side": "BUY", "type": "MARKET", "quoteOrderQty": "5000",
                                "newClientOrderId": "garbled", "timestamp": int(time.time() * 1000)})
    s, h, raw = sb.request("POST", "/api/v3/order?" + q + "&signature=" + sandboxlib.sign(c.secret, q),
                           headers={"X-MBX-APIKEY": c.key}, raw=True)
    unreadable = False
    try:
        json.loads(raw)
    except ValueError:
        unreadable = True
    check(s == 200 and unreadable, "an unreadable answer")
    s, _, d = find(c, "garbled")
    check(s == 200 and d["status"] == "FILLED", "the order behind it was carried out")


def clock_skew(sb, c):
    t0 = sb.server_time()
    arm(sb, kind="clock_skew", skew_ms=600000)
    t1 = sb.server_time()
    check(t1 - t0 >= 590000, "the server clock jumped ten minutes")
    s, _, d = c.signed("GET", "/api/v3/account")
    check(s == 400 and d["code"] == -1021, "an unsynchronised client gets -1021")
    s, _, d = c.signed("GET", "/api/v3/account", timestamp=t1)
    check_equal(s, 200, "a client that resynchronised is accepted")
    arm(sb, kind="clock_skew", skew_ms=-600000)
    s, _, d = c.signed("GET", "/api/v3/account")
    check(s == 400 and d["msg"] == "Timestamp for this request was 1000ms ahead of the server's time.",
          "a clock behind the client: ahead of the server's time")
    sb.request("DELETE", "/sandbox/v1/faults")
    s, _, d = c.signed("GET", "/api/v3/account")
    check_equal(s, 200, "clearing the faults restores the clock")
    s, _, d = sb.get("/sandbox/v1/faults")
    check_equal(d["faults"], [], "nothing armed")


def main():
    sb = Sandbox()
    try:
        c = sb.account(kzt="1000000.00", knowledge=True)
        fault_api(sb)
        delay(sb)
        drop_after_accept(sb, c)
        server_errors(sb, c)
        bursts(sb)
        malformed(sb, c)
        clock_skew(sb, c)
        check(sb.alive(), "sandbox still running")
    finally:
        sb.close()
    finish()


if __name__ == "__main__":
    main()
