#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""kopir-sandbox keeps accounts, balances, orders, trades, applicants and the
bank desk's records in SQLite under --state-dir, across a clean stop and a
kill; without it, a restart starts afresh."""

import os
import signal
import tempfile
from decimal import Decimal

import images
from sandboxlib import Sandbox, Customer, check, check_equal, finish
from test_onboarding_data import personal_data

HALYK = "KZ886010000012345678"


def snapshot(sb, c):
    s, _, acct = c.signed("GET", "/api/v3/account")
    s, _, orders = c.signed("GET", "/api/v3/allOrders", {"symbol": "BTCKZT"})
    s, _, trades = c.signed("GET", "/api/v3/myTrades", {"symbol": "BTCKZT"})
    s, _, links = c.signed("GET", "/bank/v1/links")
    s, _, deps = c.signed("GET", "/bank/v1/deposits")
    for o in orders:
        o.pop("isWorking", None)
    return acct["balances"], orders, trades, links, deps


def main():
    state = tempfile.TemporaryDirectory(prefix="kopir-sandbox-state-")
    sb = Sandbox(state_dir=state.name, review_delay=60)
    try:
        c = sb.account()
        sb.post("/sandbox/v1/bank-transfers", {})
        s, _, link = c.signed("POST", "/bank/v1/links", body={"iban": HALYK, "holder_name": c.data["full_name"],
                                                            "holder_iin": c.data["iin"]})
        s, _, d = sb.post("/sandbox/v1/bank-transfers", {"sender_iban": HALYK, "sender_name": c.data["full_name"],
                                                         "sender_iin": c.data["iin"], "amount": "500000.00",
                                                         "purpose": "Покупка ЦА, клиент " + c.id})
        check(d["status"] == "credited", "funded by a transfer")
        s, _, o = c.signed("POST", "/api/v3/order", {"symbol": "BTCKZT", "side": "BUY", "type": "MARKET",
                                                      "quoteOrderQty": "100000"}, form=True)
        s, _, book = sb.get("/api/v3/ticker/bookTicker?symbol=BTCKZT")
        low = (Decimal(book["bidPrice"]) * Decimal("0.9")).quantize(Decimal("1"))
        s, _, resting = c.signed("POST", "/api/v3/order", {"symbol": "BTCKZT", "side": "BUY", "type": "LIMIT",
                                                            "timeInForce": "GTC", "quantity": "0.00100",
                                                            "price": str(low), "newClientOrderId": "keep-me"},
                                 form=True)
        check(resting["status"] == "NEW", "a resting order")

        s, _, a = sb.post("/onboarding/v1/applicants", {})
        app_id, token = a["id"], a["token"]
        auth = {"Authorization": "Bearer " + token}
        sb.request("PUT", "/onboarding/v1/applicants/" + app_id, body=personal_data("850101400011", "1985-01-01", "female"), headers=auth)
        for kind, shade in (("id_card_front", 1), ("id_card_back", 2), ("selfie", 3)):
            sb.request("PUT", "/onboarding/v1/applicants/%s/documents/%s" % (app_id, kind),
                       body=images.png(800, 600, shade), headers=dict(auth, **{"Content-Type": "image/png"}))
        sb.request("POST", "/onboarding/v1/applicants/%s/appropriateness" % app_id,
                   body={"version": "2026-1", "answers": [{"question": "q%d" % i, "option": "a"} for i in range(1, 6)]},
                   headers=auth)
        s, _, d = sb.request("POST", "/onboarding/v1/applicants/%s/submit" % app_id, headers=auth)
        check(s == 202 and d["status"] == "pending", "an application at the review desk")

        before = snapshot(sb, c)
        s, _, st = sb.get("/sandbox/v1/state")
        check(st["persistent"] is True, "state says it is persistent")

        sb.restart()
        check_equal(snapshot(sb, c), before, "a clean restart keeps balances, orders, trades, links and deposits")
        s, _, d = sb.request("GET", "/onboarding/v1/applicants/" + app_id, headers=auth)
        check(s == 200 and d["status"] == "pending", "still at the review desk after a restart")
        # Move the server's clock past the review delay instead of waiting.
        sb.post("/sandbox/v1/faults", {"kind": "clock_skew", "skew_ms": 61000})
        s, _, d = sb.request("GET", "/onboarding/v1/applicants/" + app_id, headers=auth)
        check(s == 200 and d["status"] == "approved" and d["customer_id"] is not None,
              "the review desk answers after a restart, on schedule (%r)" % (d,))
        sb.request("DELETE", "/sandbox/v1/faults")

        s, _, cx = c.signed("DELETE", "/api/v3/order", {"symbol": "BTCKZT", "origClientOrderId": "keep-me"})
        check(s == 200 and cx["status"] == "CANCELED", "the restored resting order can be cancelled")
        kzt_free = c.balances()["KZT"]
        check_equal(kzt_free[1], "0.00000000", "and its lock is released")

        c2 = sb.account(kzt="100.00")
        check_equal(int(c2.id), int(d["customer_id"]) + 1, "customer ids go on after a restart")

        before = snapshot(sb, c)
        sb.stop(signal.SIGKILL)
        sb.start()
        check_equal(snapshot(sb, c), before, "a killed sandbox loses nothing it answered")
        check(os.path.exists(os.path.join(state.name, "kopir-sandbox.db")), "database under --state-dir")
        mode = os.stat(state.name).st_mode & 0o777
        check_equal(mode & 0o077, 0, "state directory private to its owner")
    finally:
        sb.close()
        state.cleanup()

    sb = Sandbox()
    try:
        c = sb.account(kzt="100.00")
        s, _, st = sb.get("/sandbox/v1/state")
        check(st["persistent"] is False, "in memory without --state-dir")
        sb.restart()
        s, _, d = c.signed("GET", "/api/v3/account")
        check(s == 401 and d["code"] == -2015, "in memory: a restart starts afresh")
    finally:
        sb.close()
    finish()


if __name__ == "__main__":
    main()
