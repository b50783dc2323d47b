#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile input to kopir-sandbox: malformed, oversized, truncated and
tricky requests get the right error and never crash the server or change
its state."""

import http.client
import json
import random
import socket

from sandboxlib import Sandbox, check, check_equal, finish


def raw(sb, data, read=True):
    """Sends bytes as they are and returns what came back (or b"")."""
    s = socket.create_connection(("127.0.0.1", sb.port), timeout=10)
    try:
        try:
            s.sendall(data)
            if not read:
                return b""
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
            # One whole answer is enough: the server may keep the
            # connection open for the next request.
            head, sep, body = out.partition(b"\r\n\r\n")
            if sep:
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip() or 0)
                if len(body) >= length:
                    break
        return out
    finally:
        s.close()


def status_of(response):
    try:
        return int(response.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0


def state(sb, c):
    s, _, st = sb.get("/sandbox/v1/state")
    return c.balances(), st["customers"], st["orders"], st["applicants"]


def json_bodies(sb):
    def post(body, ctype="application/json"):
        return sb.request("POST", "/onboarding/v1/applicants", body=body, headers={"Content-Type": ctype})

    for body, what in ((b"{", "truncated JSON"), (b"[]", "an array"), (b"null", "null"), (b"42", "a number"),
                       (b'{"locale": "kk",}', "a trailing comma"), (b"\xff\xfe{}", "bad UTF-8"),
                       (b'{"locale": "k\x00k"}', "a NUL byte"), (b"{" * 5000 + b"}" * 5000, "deep nesting"),
                       (b'{"a":' * 20 + b"1" + b"}" * 20, "nesting past the limit")):
        s, h, d = post(body)
        check(s == 400 and d["code"] == "malformed_request" and h["Content-Type"].startswith("application/problem+json"),
              "refused: %s" % what)
    s, _, d = post(b'{"locale": 5}')
    check(s == 422 and d["errors"][0] == {"field": "locale", "code": "invalid_type",
                                          "message": d["errors"][0]["message"]}, "wrong type")
    s, _, d = post(b'{"locale": "kk", "admin": true}')
    check(s == 422 and d["errors"][0]["code"] == "unknown_field", "unknown field")
    s, _, d = post(b'{"locale": "kk"}', "text/plain")
    check(s == 415 and d["code"] == "unsupported_media_type", "wrong content type")
    s, _, d = post(b'{"locale": "kk", "locale": "ru"}')
    check(s in (201, 422), "duplicate member handled")
    big = b'{"locale": "' + b"k" * (70 * 1024) + b'"}'
    s, h, d = post(big)
    check(s == 413 and d["code"] == "payload_too_large", "a body over 64 KiB refused")

    # Without a Content-Length (chunked), the limit still holds.
    conn = http.client.HTTPConnection("127.0.0.1", sb.port, timeout=20)
    conn.request("POST", "/onboarding/v1/applicants", body=iter([big[:40000], big[40000:]]),
                 headers={"Content-Type": "application/json"}, encode_chunked=True)
    r = conn.getresponse()
    d = json.loads(r.read())
    conn.close()
    check(r.status == 413 and d["code"] == "payload_too_large", "a chunked body over 64 KiB refused")

    s, _, d = sb.request("POST", "/api/v3/order", body=b"a=" + b"1" * (70 * 1024),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(s == 413 and d["code"] == -1000, "an oversized order body refused in the exchange's format")


def parameters(sb, c):
    def code(path):
        s, _, d = sb.get(path)
        return s, d.get("code") if isinstance(d, dict) else None

    check_equal(code("/api/v3/ticker/price?symbol=%ZZ")[0], 400, "broken percent escape")
    check_equal(code("/api/v3/ticker/price?symbol=BTC%00KZT"), (400, -1100), "NUL in a parameter")
    check_equal(code("/api/v3/ticker/price?symbol=%FF%FE"), (400, -1100), "bad UTF-8 in a parameter")
    check_equal(code("/api/v3/ticker/price?" + "&".join("p%d=1" % i for i in range(200))), (400, -1101),
                "too many parameters")
    check_equal(code("/api/v3/depth?symbol=BTCKZT&limit=99999999999999999999999"), (400, -1100), "huge integer")
    check_equal(code("/api/v3/depth?symbol=BTCKZT&limit=-5"), (400, -1100), "negative limit")
    check_equal(code("/api/v3/klines?symbol=BTCKZT&interval=1m&startTime=abc"), (400, -1100), "non-numeric time")
    check_equal(code("/api/v3/ticker/price?symbols=%5B%22BTCKZT%22"), (400, -1100), "truncated symbols list")
    check_equal(code("/api/v3/ticker/price?symbols=%5B1,2%5D"), (400, -1121), "symbols of the wrong type")
    check_equal(code("/api/v3/ticker/price?symbol=" + "A" * 5000), (400, -1121), "a very long symbol")
    s, _, d = c.signed("POST", "/api/v3/order", {"symbol": "BTCKZT", "side": "BUY", "type": "MARKET",
                                                  "quantity": "9" * 20 + "." + "9" * 8}, form=True)
    check(s == 400 and d["code"] in (-1111, -1013, -1100), "an amount too large for 64 bits refused")
    s, _, d = c.signed("POST", "/api/v3/order", {"symbol": "BTCKZT", "side": "BUY", "type": "MARKET",
                                                  "quantity": "0.00000000000000000001"}, form=True)
    check(s == 400 and d["code"] == -1111, "an amount with 20 decimals refused")
    s, _, d = c.signed("POST", "/api/v3/order", {"symbol": "BTCKZT", "side": "BUY", "type": "MARKET",
                                                  "quoteOrderQty": ""}, form=True)
    check(s == 400 and d["code"] == -1102, "an empty amount is missing")
    s, _, d = sb.request("GET", "/api/v3/account?timestamp=1&signature=00",
                         headers={"X-MBX-APIKEY": "\u00e9".encode("latin-1").decode("latin-1") * 64})
    check(s == 401 and d["code"] == -2014, "a non-ASCII API key")


def paths(sb):
    for path in ("/api/v3/../sandbox/v1/state", "/sandbox/v1/../../etc/passwd", "/api/v3/%2e%2e/%2e%2e/etc/passwd",
                 "/onboarding/v1/applicants/..%2f..%2fsandbox%2fv1%2fstate", "//api/v3/time", "/api/v3/time/",
                 "/sandbox/v1/faults/%00", "/bank/v1/links/%2e%2e"):
        s, h, d = sb.get(path)
        body = json.dumps(d) if d is not None else ""
        check(s in (400, 401, 404) and "root:" not in body, "path trick refused: %s (%d)" % (path, s))
    # Dot segments are resolved as URLs are (RFC 3986), never into files.
    s, _, d = sb.get("/api/v3/ticker/price/../../time")
    check(s == 200 and set(d) == {"serverTime"}, "dot segments resolve like a URL")
    s, _, d = sb.request("GET", "/onboarding/v1/applicants/" + "a" * 5000, headers={"Authorization": "Bearer x"})
    check_equal(s, 404, "a very long path segment")


def protocol(sb):
    r = raw(sb, b"HELLO\r\n\r\n")
    check(status_of(r) in (0, 400), "garbage request line")
    r = raw(sb, b"GET /api/v3/time HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + b"X-Long: " + b"a" * 200000 + b"\r\n\r\n")
    check(status_of(r) in (0, 400, 413, 431), "a 200 kB header")
    r = raw(sb, b"GET /api/v3/time HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(5000)) + b"\r\n")
    check(status_of(r) in (0, 200, 400, 431), "five thousand headers")
    raw(sb, b"POST /sandbox/v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000\r\n\r\n{\"kzt\":", read=False)
    r = raw(sb, b"GET /api/v3/time HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n")
    # libsoup ignores a negative length and reads no body.
    check(status_of(r) in (0, 200, 400), "a negative Content-Length")
    r = raw(sb, b"POST /api/v3/order HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n0\r\n\r\n")
    check(status_of(r) in (0, 400, 401), "a broken chunk size")
    r = raw(sb, b"GET /api/v3/time HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
    check(status_of(r) in (0, 200, 400), "an upgrade request without a key")
    r = raw(sb, b"GET /ws/btckzt@bookTicker HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                b"Sec-WebSocket-Version: 13\r\n\r\n")
    check(status_of(r) in (0, 400, 404), "a WebSocket upgrade without a key")


def hangups(sb):
    """Clients that open a connection per request and hang up must not
    leave sockets behind (libsoup 3.2 alone would)."""
    import os
    import time

    def fds():
        return len(os.listdir("/proc/%d/fd" % sb.proc.pid))

    base = fds()
    for _ in range(200):
        conn = http.client.HTTPConnection("127.0.0.1", sb.port, timeout=10)
        conn.request("GET", "/api/v3/ping")
        conn.getresponse().read()
        conn.close()
    # Wait for the server to notice the hang-ups, up to a bound.
    deadline = time.monotonic() + 20
    while fds() > base + 10 and time.monotonic() < deadline:
        sb.get("/sandbox/v1/state")
    check(fds() <= base + 10, "two hundred hung-up connections released (%d descriptors, %d before)" % (fds(), base))


def huge_amounts(sb):
    s, _, d = sb.post("/sandbox/v1/accounts", {"kzt": "999999999999999.99"})
    check(s == 422 and d["errors"][0]["code"] == "amount_too_large", "an absurd starting balance refused")
    c = sb.account(kzt="10000000000.00")
    iban = "KZ886010000012345678"
    s, _, _ = c.signed("POST", "/bank/v1/links", body={"iban": iban, "holder_name": c.data["full_name"],
                                                      "holder_iin": c.data["iin"]})
    outcomes = []
    for _ in range(10):
        s, _, d = sb.post("/sandbox/v1/bank-transfers", {"sender_iban": iban, "sender_name": c.data["full_name"],
                                                         "sender_iin": c.data["iin"], "amount": "10000000000.00",
                                                         "purpose": "client " + c.id})
        outcomes.append(d.get("return_reason", d.get("status")))
    check(outcomes[:8] == ["credited"] * 8 and outcomes[8:] == ["account_limit"] * 2,
          "transfers past what a balance can hold are returned (%r)" % outcomes)
    check_equal(c.balances()["KZT"][0], "90000000000.00000000", "and the balance stays exact")
    s, _, d = c.signed("POST", "/api/v3/order", {"symbol": "BTCKZT", "side": "BUY", "type": "MARKET",
                                                  "quoteOrderQty": "99999999999999999999"}, form=True)
    check(s == 400, "an order bigger than anything refused")


def random_requests(sb):
    rng = random.Random(20260101)
    methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
    prefixes = ["/api/v3/order", "/api/v3/depth", "/onboarding/v1/applicants", "/bank/v1/links", "/pilot/v1/limits",
                "/staff/v1/sessions", "/sandbox/v1/faults/x", "/sandbox/v1/review/app_0/complete", "/stream", "/ws/x"]
    alphabet = b"{}[]\":,=&%?/\\ \x00\xffabcXYZ0123456789.-+eE\r\n"
    for _ in range(300):
        path = rng.choice(prefixes)
        if rng.random() < 0.5:
            path += "?" + "".join(chr(rng.choice(b"abc=&%0123456789XYZ")) for _ in range(rng.randint(0, 40)))
        body = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        headers = {"Content-Type": rng.choice(["application/json", "application/x-www-form-urlencoded",
                                               "image/png", "text/plain"]),
                   "X-MBX-APIKEY": "".join(rng.choice("abcXYZ019") for _ in range(rng.choice([0, 63, 64]))),
                   "Authorization": "Bearer " + "".join(rng.choice("abc019") for _ in range(rng.randint(0, 50)))}
        try:
            sb.request(rng.choice(methods), path, body=body, headers=headers, timeout=10)
        except (http.client.HTTPException, ConnectionError, socket.timeout):
            pass
    check(sb.alive(), "three hundred random requests survived")


def main():
    sb = Sandbox()
    try:
        c = sb.account(kzt="50000.00")
        before = state(sb, c)
        json_bodies(sb)
        parameters(sb, c)
        paths(sb)
        protocol(sb)
        check(sb.alive(), "alive after protocol abuse")
        random_requests(sb)
        after = state(sb, c)
        huge_amounts(sb)
        hangups(sb)
        check_equal(after[0], before[0], "balances untouched")
        check_equal(after[1:3], before[1:3], "no customer or order created by bad input")
        check(sb.alive(), "alive after huge amounts")
        s, _, d = sb.get("/api/v3/time")
        check_equal(s, 200, "still answering normally")
        check_equal(sb.stop(), 0, "clean exit after all of it")
    finally:
        sb.close()
    finish()


if __name__ == "__main__":
    main()
