#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Signing conformance: every published Binance HMAC vector
(data/binance-hmac-vectors.tsv) is accepted byte for byte by kopir-sandbox,
and a wrong signature or a stale or future timestamp gets -1022 / -1021.

The sandbox is given a customer with the vectors' own API key and secret,
and its clock is set to the vectors' timestamp with the clock_skew fault,
so the exact published requests can be sent.  They name LTCBTC, which the
sandbox does not list: an accepted signature shows as -1121 "Invalid
symbol.", checked only after the signature and the timestamp."""

import hashlib
import hmac
import os
import time
import urllib.parse

from sandboxlib import Sandbox, check, check_equal, finish

HERE = os.path.dirname(os.path.abspath(__file__))
VECTOR_TIME = 1499827319559


def load_vectors():
    key = secret = None
    vectors = []
    with open(os.path.join(HERE, "data", "binance-hmac-vectors.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("# api_key"):
                key = line.split()[-1]
            elif line.startswith("# secret"):
                secret = line.split()[-1]
            if line.startswith("#") or line.startswith("name\t") or not line.strip():
                continue
            name, payload, signature = line.rstrip("\n").split("\t")
            vectors.append((name, payload, signature))
    return key, secret, vectors


def send(sb, key, name, payload, signature):
    headers = {"X-MBX-APIKEY": key}
    if name == "query_plus_body":
        # The published payload is the query string followed by the body.
        query, body = payload.split("GTC", 1)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return sb.request("POST", "/api/v3/order?" + query + "GTC", body=body + "&signature=" + signature,
                          headers=headers)
    return sb.request("POST", "/api/v3/order?" + payload + "&signature=" + signature, headers=headers)


def main():
    key, secret, vectors = load_vectors()
    check(key is not None and secret is not None and len(vectors) >= 3, "vectors loaded")
    for name, payload, signature in vectors:
        mine = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
        check_equal(mine, signature, "vector %s is HMAC-SHA256 of its payload" % name)

    sb = Sandbox()
    try:
        s, _, d = sb.post("/sandbox/v1/accounts", {"kzt": "1000.00", "api_key": key, "api_secret": secret})
        check(s == 201 and d["api_key"] == key, "a customer with the published credentials")
        s, _, d = sb.post("/sandbox/v1/accounts", {"api_key": key, "api_secret": secret})
        check(s == 409 and d["code"] == "api_key_exists", "the same key twice refused")

        # Today the vectors' timestamp is years old.
        for name, payload, signature in vectors:
            s, _, d = send(sb, key, name, payload, signature)
            check(s == 400 and d["code"] == -1021, "vector %s: stale today, -1021" % name)

        skew = VECTOR_TIME + 500 - int(time.time() * 1000)
        s, _, _ = sb.post("/sandbox/v1/faults", {"kind": "clock_skew", "skew_ms": skew})
        check_equal(s, 201, "server clock set to the vectors' time")
        for name, payload, signature in vectors:
            s, _, d = send(sb, key, name, payload, signature)
            check(s == 400 and d == {"code": -1121, "msg": "Invalid symbol."},
                  "vector %s accepted byte for byte (%s %r)" % (name, s, d))
            s, _, d = send(sb, key, name, payload, signature.upper())
            check(s == 400 and d["code"] == -1121, "vector %s accepted in upper-case hex" % name)
            wrong = signature[:-1] + ("0" if signature[-1] != "0" else "1")
            s, _, d = send(sb, key, name, payload, wrong)
            check(s == 400 and d == {"code": -1022, "msg": "Signature for this request is not valid."},
                  "vector %s with one wrong digit: -1022" % name)
            s, _, d = send(sb, key, name, payload.replace("price=0.1", "price=0.2"), signature)
            check(s == 400 and d["code"] == -1022, "vector %s with a changed price: -1022" % name)

        sb.request("DELETE", "/sandbox/v1/faults")

        # Wrong signatures and timestamps with the sandbox's own credentials.
        c = sb.account(kzt="100000.00", knowledge=True)
        now = sb.server_time()
        q = urllib.parse.urlencode({"symbol": "BTCKZT", "side": "BUY", "type": "MARKET", "quoteOrderQty": "5000",
                                    "timestamp": now})
        bad = hmac.new(b"not the secret", q.encode(), hashlib.sha256).hexdigest()
        s, _, d = sb.request("POST", "/api/v3/order?" + q + "&signature=" + bad, headers={"X-MBX-APIKEY": c.key})
        check(s == 400 and d["code"] == -1022, "wrong secret: -1022")
        s, _, d = sb.request("POST", "/api/v3/order?" + q + "&signature=xyz", headers={"X-MBX-APIKEY": c.key})
        check(s == 400 and d["code"] == -1022, "garbage signature: -1022")
        for offset, recv, what in ((-5001, None, "older than the default 5000 ms window"),
                                   (-2000, 1000, "older than a 1000 ms window"),
                                   (1500, None, "1500 ms ahead of the server"),
                                   (86400000, None, "a day ahead")):
            params = {"timestamp": now + offset}
            if recv is not None:
                params["recvWindow"] = recv
            q = urllib.parse.urlencode(params)
            sig = hmac.new(c.secret.encode(), q.encode(), hashlib.sha256).hexdigest()
            s, _, d = sb.request("GET", "/api/v3/account?" + q + "&signature=" + sig, headers={"X-MBX-APIKEY": c.key})
            check(s == 400 and d["code"] == -1021, "timestamp %s: -1021" % what)
        q = urllib.parse.urlencode({"timestamp": sb.server_time() + 500})
        sig = hmac.new(c.secret.encode(), q.encode(), hashlib.sha256).hexdigest()
        s, _, d = sb.request("GET", "/api/v3/account?" + q + "&signature=" + sig, headers={"X-MBX-APIKEY": c.key})
        check_equal(s, 200, "a timestamp up to 1000 ms ahead is accepted")
    finally:
        sb.close()
    finish()


if __name__ == "__main__":
    main()
