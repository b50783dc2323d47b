#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The bank desk and the pilot limit in kopir-sandbox: bank links, deposit
instructions, incoming transfers (credited or returned), withdrawals, and
the USD 1,000 monthly purchase limit."""

from decimal import Decimal as D

from sandboxlib import Sandbox, check, check_equal, finish

HALYK = "KZ886010000012345678"
KASPI = "KZ73722C000022222222"
BCC = "KZ618560000033333333"
FORTE = "KZ059650000044444444"
FREEDOM = "KZ135510000055555555"
UNKNOWN_BANK = "KZ149990000066666666"


def problem(resp, status, code):
    s, h, d = resp
    ok = s == status and isinstance(d, dict) and d.get("code") == code
    ok = ok and h.get("Content-Type", "").startswith("application/problem+json")
    return check(ok, "problem %d %s (got %s %r)" % (status, code, s, d))


def fields(data):
    return {(e["field"], e["code"]) for e in (data or {}).get("errors", [])}


def kzt(c):
    return D(c.balances()["KZT"][0])


def links(sb):
    c = sb.account()
    name, iin = c.data["full_name"], c.data["iin"]

    def link(iban, holder=name, holder_iin=iin):
        return c.signed("POST", "/bank/v1/links", body={"iban": iban, "holder_name": holder, "holder_iin": holder_iin})

    s, _, h = c.signed("GET", "/bank/v1/holder")
    check(s == 200 and h["customer_id"] == c.id and h["holder_iin"] == iin and h["resident"] is True
          and sorted(h["holder_name"].split()) == sorted(name.split()), "the verified holder")

    s, _, d = link("KZ876010000012345678")
    check(s == 422 and fields(d) == {("iban", "iban_checksum")}, "wrong check digits")
    s, _, d = link("DE89370400440532013000")
    check(s == 422 and fields(d) == {("iban", "iban_country")}, "foreign IBAN")
    s, _, d = link(UNKNOWN_BANK)
    check(s == 422 and fields(d) == {("iban", "iban_unknown_bank")}, "unknown bank code")
    s, _, d = link("KZ88601")
    check(s == 422 and fields(d) == {("iban", "iban_format")}, "short IBAN")
    s, _, d = link(HALYK, holder="Иванов Иван Иванович")
    check(s == 422 and fields(d) == {("holder_name", "holder_name_mismatch")}, "someone else's name")
    s, _, d = link(HALYK, holder_iin="850101400011")
    check(s == 422 and fields(d) == {("holder_iin", "holder_iin_mismatch")}, "someone else's IIN")
    s, _, d = link(HALYK, holder_iin="123")
    check(s == 422 and ("holder_iin", "iin_checksum") in fields(d), "malformed IIN")
    s, _, d = c.signed("POST", "/bank/v1/links", body={"iban": HALYK})
    check(s == 422 and fields(d) == {("holder_name", "required"), ("holder_iin", "required")}, "required fields")

    spaced = " ".join(HALYK[i:i + 4] for i in range(0, 20, 4)).lower()
    words = name.split()
    s, _, d = link(spaced, holder=" ".join(reversed(words)).upper())
    check(s == 201 and d["iban"] == HALYK and d["bank_code"] == "601" and d["bic"] == "HSBKKZKX"
          and d["status"] == "active" and d["id"].startswith("lnk_"), "linked (spaces, lower case, any word order)")
    halyk_id = d["id"]
    problem(link(HALYK), 409, "link_exists")
    s, _, d = link(KASPI, holder=" ".join(words[:2]))
    check(s == 201 and d["bic"] == "CASPKZKA", "linked without the patronymic")
    s, _, d = link(BCC, holder=h["holder_name"])
    check(s == 201 and d["bic"] == "KCJBKZKX" and d["bank_name"] == "Bank CenterCredit", "Bank CenterCredit is 856")
    problem(link(FORTE), 409, "link_limit")

    s, _, d = c.signed("GET", "/bank/v1/links")
    check(s == 200 and [x["iban"] for x in d["links"]] == [HALYK, KASPI, BCC], "links listed")
    s, _, _ = c.signed("DELETE", "/bank/v1/links/" + halyk_id)
    check_equal(s, 204, "unlinked")
    problem(c.signed("DELETE", "/bank/v1/links/" + halyk_id), 404, "not_found")
    problem(c.signed("DELETE", "/bank/v1/links/lnk_abc"), 404, "not_found")
    s, _, d = link(FORTE)
    check(s == 201, "room for another link after unlinking")

    other = sb.account()
    problem(other.signed("DELETE", "/bank/v1/links/" + d["id"]), 404, "not_found")
    s, _, d = other.signed("GET", "/bank/v1/links")
    check(s == 200 and d["links"] == [], "links are per customer")
    return c


def deposits(sb, c):
    s, _, ins = c.signed("GET", "/bank/v1/deposit-instructions")
    check(s == 200 and ins["kbe"] == "15" and ins["knp"] == "371" and ins["knp_alternative"] == "590"
          and ins["kod"] == "19", "deposit codes КБе 15, КНП 371, КОд 19")
    check(ins["customer_id"] == c.id and ins["purpose"].endswith(c.id), "purpose carries the customer id")
    check(ins["iban"] == "KZ988560000000123456" and ins["bic"] == "KCJBKZKX" and ins["beneficiary_bin"] == "210340000013",
          "the exchange's account")
    s, _, ru = c.signed("GET", "/bank/v1/deposit-instructions", {"lang": "ru"})
    check(s == 200 and ru["purpose"] != ins["purpose"] and ru["purpose"].endswith(c.id), "purpose in Russian")

    name, iin = c.data["full_name"], c.data["iin"]

    def transfer(**kw):
        body = {"sender_iban": KASPI, "sender_name": name, "sender_iin": iin, "amount": "250000.00",
                "purpose": ins["purpose"]}
        body.update(kw)
        body = {k: v for k, v in body.items() if v is not None}
        return sb.post("/sandbox/v1/bank-transfers", body)

    before = kzt(c)
    s, _, d = transfer()
    check(s == 201 and d["status"] == "credited" and d["customer_id"] == c.id and d["amount"] == "250000.00",
          "transfer from a linked account credited")
    check_equal(kzt(c), before + D("250000"), "balance credited exactly")

    cases = [
        ({"sender_iban": FREEDOM}, "sender_not_linked", "an unlinked account"),
        ({"sender_name": "Иванов Иван"}, "holder_mismatch", "someone else's name"),
        ({"sender_iin": "850101400011"}, "holder_mismatch", "someone else's IIN"),
        ({"purpose": "Покупка цифровых активов"}, "unknown_customer", "no customer id"),
        ({"purpose": "Customer 9999999"}, "unknown_customer", "unknown customer id"),
        ({"knp": "119"}, "wrong_knp", "a wrong КНП"),
        ({"kbe": "17"}, "wrong_kbe", "a wrong КБе"),
        ({"sender_iban": "KZ00000"}, "invalid_sender_iban", "an invalid sender IBAN"),
    ]
    for change, reason, what in cases:
        s, _, d = transfer(**change)
        check(s == 201 and d["status"] == "returned" and d["return_reason"] == reason, "returned: " + what)
    check_equal(kzt(c), before + D("250000"), "returned money never credited")
    s, _, d = transfer(knp="590")
    check(s == 201 and d["status"] == "credited", "КНП 590 accepted")

    s, _, d = transfer(amount="12.345")
    check(s == 422 and fields(d) == {("amount", "amount_precision")}, "tiyn precision")
    s, _, d = transfer(amount="1e5")
    check(s == 422 and fields(d) == {("amount", "amount_format")}, "amount format")
    s, _, d = transfer(amount="0")
    check(s == 422 and fields(d) == {("amount", "amount_too_small")}, "zero amount")
    s, _, d = transfer(amount=250000)
    check(s == 422 and fields(d) == {("amount", "invalid_type")}, "amount as a number refused")
    s, _, d = transfer(sender_iin=None)
    check(s == 422 and fields(d) == {("sender_iin", "required")}, "sender IIN required")

    s, _, d = c.signed("GET", "/bank/v1/deposits")
    statuses = [x["status"] for x in d["deposits"]]
    check(s == 200 and statuses.count("credited") == 2 and statuses.count("returned") == 6,
          "deposits list this customer's credited and returned transfers")
    ids = [int(x["id"][4:]) for x in d["deposits"]]
    check(ids == sorted(ids, reverse=True), "newest first")


def withdrawals(sb, c):
    s, _, lst = c.signed("GET", "/bank/v1/links")
    link_id = lst["links"][0]["id"]
    before = kzt(c)
    s, _, d = c.signed("POST", "/bank/v1/withdrawals",
                       body={"link_id": link_id, "amount": "1000.50", "client_withdrawal_id": "wd-1"})
    check(s == 201 and d["status"] == "completed" and d["amount"] == "1000.50" and d["iban"] == KASPI,
          "withdrawal to a linked account")
    check_equal(kzt(c), before - D("1000.50"), "balance debited exactly")
    s, _, again = c.signed("POST", "/bank/v1/withdrawals",
                           body={"link_id": link_id, "amount": "1000.50", "client_withdrawal_id": "wd-1"})
    check(s == 200 and again["id"] == d["id"], "same client id answers the first withdrawal")
    check_equal(kzt(c), before - D("1000.50"), "not paid twice")
    s, _, e = c.signed("POST", "/bank/v1/withdrawals", body={"link_id": link_id, "amount": "99999999.00"})
    check(s == 422 and fields(e) == {("amount", "insufficient_balance")}, "more than the balance refused")
    s, _, e = c.signed("POST", "/bank/v1/withdrawals", body={"link_id": "lnk_999", "amount": "1.00"})
    check(s == 422 and fields(e) == {("link_id", "unknown_link")}, "unknown link refused")
    s, _, e = c.signed("POST", "/bank/v1/withdrawals", body={"link_id": link_id, "amount": "1.00", "iban": HALYK})
    check(s == 422 and fields(e) == {("iban", "unknown_field")}, "a free IBAN cannot be given")
    s, _, lst = c.signed("GET", "/bank/v1/withdrawals")
    check(s == 200 and len(lst["withdrawals"]) == 1, "withdrawals listed")


def signed_errors(sb, c):
    problem(c.signed("GET", "/bank/v1/links", signature="f" * 64), 401, "invalid_signature")
    now = sb.server_time()
    s, h, d = c.signed("GET", "/pilot/v1/limits", timestamp=now - 60000)
    check(s == 400 and d["code"] == "timestamp_outside_recv_window" and isinstance(d.get("server_time"), int),
          "stale timestamp, with the server time")
    problem(c.signed("GET", "/bank/v1/links", key="B" * 64), 401, "invalid_api_key")
    problem(sb.get("/bank/v1/links?timestamp=%d&signature=00" % now), 401, "invalid_api_key")
    # The JSON body is covered by the signature.
    import sandboxlib
    import urllib.parse
    q = urllib.parse.urlencode({"timestamp": now})
    body = '{"link_id": "lnk_1", "amount": "1.00"}'
    sig = sandboxlib.sign(c.secret, q + body)
    problem(sb.request("POST", "/bank/v1/withdrawals?" + q + "&signature=" + sig, body=body.replace("1.00", "9.00"),
                       headers={"X-MBX-APIKEY": c.key, "Content-Type": "application/json"}), 401, "invalid_signature")
    problem(c.signed("PUT", "/bank/v1/links"), 405, "method_not_allowed")
    problem(c.signed("GET", "/bank/v1/nothing"), 404, "not_found")


def pilot_limit(sb):
    limited = sb.account(kzt="2000000.00")
    s, _, lim = limited.signed("GET", "/pilot/v1/limits")
    check(s == 200 and lim["limited"] is True and lim["limit_usd"] == "1000.00" and lim["used_usd"] == "0.00"
          and lim["remaining_usd"] == "1000.00", "a fresh month: USD 1,000 left")
    rate = D(lim["usdt_kzt"])
    check(480 < rate < 545, "valued at the USDT/KZT price")
    check_equal(D(lim["remaining_kzt"]), (D("1000") * rate).quantize(D("0.01"), rounding="ROUND_FLOOR"),
                "remaining in tenge")
    check(lim["resets_at"] > sb.server_time(), "resets at the next month")

    def buy(kzt_amount, symbol="BTCKZT", who=limited):
        return who.signed("POST", "/api/v3/order", {"symbol": symbol, "side": "BUY", "type": "MARKET",
                                                    "quoteOrderQty": kzt_amount}, form=True)

    s, _, o = buy("300000")
    check(s == 200 and o["status"] == "FILLED", "a purchase within the limit")
    spent = D(o["cummulativeQuoteQty"])
    s, _, lim = limited.signed("GET", "/pilot/v1/limits")
    used = D(lim["used_usd"])
    check(abs(used - spent / rate) < D("0.05"), "used dollars follow the purchase")
    s, _, d = buy("300000")
    check(s == 400 and d == {"code": -2010, "msg": "Monthly pilot purchase limit exceeded."},
          "a purchase past the limit refused")
    s, _, d = buy("300000", "USDTKZT")
    check(s == 400 and d["code"] == -2010, "buying USDT counts too")

    # Sales do not count.
    btc = limited.balances()["BTC"][0]
    qty = (D(btc) / 2).quantize(D("0.00001"), rounding="ROUND_DOWN")
    s, _, o = limited.signed("POST", "/api/v3/order", {"symbol": "BTCKZT", "side": "SELL", "type": "MARKET",
                                                        "quantity": str(qty)}, form=True)
    check(s == 200, "a sale")
    s, _, lim2 = limited.signed("GET", "/pilot/v1/limits")
    check_equal(lim2["used_usd"], lim["used_usd"], "sales do not count")

    # Open buy orders reserve part of the limit.
    s, _, book = sb.get("/api/v3/ticker/bookTicker?symbol=ETHKZT")
    low = (D(book["bidPrice"]) * D("0.9")).quantize(D("1"))
    s, _, o = limited.signed("POST", "/api/v3/order", {"symbol": "ETHKZT", "side": "BUY", "type": "LIMIT",
                                                        "timeInForce": "GTC", "quantity": "0.0500",
                                                        "price": str(low)}, form=True)
    check(s == 200 and o["status"] == "NEW", "a resting buy within the limit")
    s, _, lim3 = limited.signed("GET", "/pilot/v1/limits")
    check(D(lim3["reserved_usd"]) > 0 and D(lim3["remaining_usd"]) < D(lim2["remaining_usd"]), "open buys reserve the limit")
    left_kzt = D(lim3["remaining_kzt"])
    s, _, d = buy(str((left_kzt + 20000).quantize(D("1"))))
    check(s == 400 and d["code"] == -2010, "reserved amount counts against new purchases")
    s, _, d = buy(str((left_kzt - 20000).quantize(D("1"))))
    check(s == 200 and d["status"] == "FILLED", "what remains can still be bought")
    limited.signed("DELETE", "/api/v3/order", {"symbol": "ETHKZT", "orderId": o["orderId"]})

    free = sb.account(kzt="2000000.00", knowledge=True)
    s, _, lim = free.signed("GET", "/pilot/v1/limits")
    check(s == 200 and lim["limited"] is False and lim["knowledge_test_passed"] is True, "knowledge test: not limited")
    s, _, o = buy("1500000", who=free)
    check(s == 200 and o["status"] == "FILLED", "knowledge test: buys past USD 1,000")


def main():
    sb = Sandbox()
    try:
        c = links(sb)
        deposits(sb, c)
        withdrawals(sb, c)
        signed_errors(sb, c)
        pilot_limit(sb)
        check(sb.alive(), "sandbox still running")
    finally:
        sb.close()
    finish()


if __name__ == "__main__":
    main()
