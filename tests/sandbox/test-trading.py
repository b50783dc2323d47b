#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Binance Spot REST v3 dialect of kopir-sandbox: market data, orders,
balances, fees, the matching engine and every error path."""

import base64
import os
import socket
import json
import struct
from decimal import Decimal as D

from sandboxlib import Sandbox, check, check_equal, finish

STEP = {"BTCKZT": D("0.00001"), "ETHKZT": D("0.0001"), "USDTKZT": D("0.1"), "SOLKZT": D("0.001")}
TICK = {"BTCKZT": D("1"), "ETHKZT": D("1"), "USDTKZT": D("0.01"), "SOLKZT": D("0.1")}


def err(resp, code, msg=None, status=400):
    s, _, data = resp
    ok = s == status and isinstance(data, dict) and data.get("code") == code
    if msg is not None:
        ok = ok and data.get("msg") == msg
    return check(ok, "error %d%s (got %s %r)" % (code, " " + msg if msg else "", s, data))


def public_endpoints(sb):
    s, h, data = sb.get("/api/v3/ping")
    check(s == 200 and data == {}, "ping answers {}")
    check(int(h["X-MBX-USED-WEIGHT-1M"]) >= 1, "weight header present")
    s, _, data = sb.get("/api/v3/time")
    check(s == 200 and isinstance(data["serverTime"], int), "time")

    s, _, info = sb.get("/api/v3/exchangeInfo")
    check(s == 200, "exchangeInfo")
    names = [x["symbol"] for x in info["symbols"]]
    check_equal(names, ["BTCKZT", "ETHKZT", "USDTKZT", "SOLKZT"], "four tenge pairs")
    for sym in info["symbols"]:
        filters = {f["filterType"]: f for f in sym["filters"]}
        check({"PRICE_FILTER", "LOT_SIZE", "MARKET_LOT_SIZE", "NOTIONAL"} <= set(filters), sym["symbol"] + " filters")
        check_equal(D(filters["PRICE_FILTER"]["tickSize"]), TICK[sym["symbol"]], sym["symbol"] + " tick size")
        check_equal(D(filters["LOT_SIZE"]["stepSize"]), STEP[sym["symbol"]], sym["symbol"] + " step size")
        check(sym["quoteAsset"] == "KZT" and sym["status"] == "TRADING", sym["symbol"] + " quoted in KZT")
    check(any(r["rateLimitType"] == "REQUEST_WEIGHT" for r in info["rateLimits"]), "rate limits published")
    s, _, one = sb.get("/api/v3/exchangeInfo?symbol=ETHKZT")
    check(s == 200 and [x["symbol"] for x in one["symbols"]] == ["ETHKZT"], "exchangeInfo for one symbol")
    s, _, two = sb.get('/api/v3/exchangeInfo?symbols=%5B%22BTCKZT%22,%22SOLKZT%22%5D')
    check(s == 200 and [x["symbol"] for x in two["symbols"]] == ["BTCKZT", "SOLKZT"], "exchangeInfo for a list")
    err(sb.get("/api/v3/exchangeInfo?symbol=BTCUSDT"), -1121, "Invalid symbol.")
    err(sb.get("/api/v3/exchangeInfo?symbols=notjson"), -1100)

    # Prices in plausible tenge ranges.
    s, _, prices = sb.get("/api/v3/ticker/price")
    p = {x["symbol"]: D(x["price"]) for x in prices}
    check(40_000_000 < p["BTCKZT"] < 56_000_000, "BTC around 47 million tenge")
    check(1_400_000 < p["ETHKZT"] < 2_100_000, "ETH around 1.75 million tenge")
    check(480 < p["USDTKZT"] < 545, "USDT around 512 tenge")
    check(75_000 < p["SOLKZT"] < 105_000, "SOL around 90 thousand tenge")
    s, _, one = sb.get("/api/v3/ticker/price?symbol=BTCKZT")
    check(s == 200 and one["symbol"] == "BTCKZT", "ticker/price for one symbol is an object")

    s, _, book = sb.get("/api/v3/ticker/bookTicker?symbol=USDTKZT")
    check(s == 200 and D(book["bidPrice"]) < D(book["askPrice"]), "bookTicker bid below ask")
    s, _, t24 = sb.get("/api/v3/ticker/24hr?symbol=SOLKZT")
    check(s == 200 and D(t24["lowPrice"]) <= D(t24["lastPrice"]) <= D(t24["highPrice"]), "24hr low <= last <= high")
    check(D(t24["volume"]) > 0 and t24["count"] > 0, "24hr volume and count")
    s, _, all24 = sb.get("/api/v3/ticker/24hr")
    check(s == 200 and len(all24) == 4, "24hr for all symbols")
    s, _, mini = sb.get("/api/v3/ticker/24hr?symbol=BTCKZT&type=MINI")
    check(s == 200 and "bidPrice" not in mini and "lastPrice" in mini, "24hr MINI")
    err(sb.get("/api/v3/ticker/24hr?symbol=BTCKZT&type=HUGE"), -1100)
    err(sb.get("/api/v3/ticker/24hr?symbol=BTCKZT&symbols=%5B%22BTCKZT%22%5D"), -1128)

    s, _, depth = sb.get("/api/v3/depth?symbol=BTCKZT&limit=5")
    check(s == 200 and len(depth["bids"]) == 5 and len(depth["asks"]) == 5, "depth limit 5")
    bids = [D(b[0]) for b in depth["bids"]]
    asks = [D(a[0]) for a in depth["asks"]]
    check(bids == sorted(bids, reverse=True) and asks == sorted(asks), "depth sorted from the best")
    check(bids[0] < asks[0], "depth not crossed")
    check(all(D(q) > 0 for _, q in depth["bids"] + depth["asks"]), "depth quantities positive")
    check(all(b % TICK["BTCKZT"] == 0 for b in bids + asks), "depth prices on ticks")
    s, h, big = sb.get("/api/v3/depth?symbol=ETHKZT&limit=500")
    check(s == 200 and len(big["asks"]) == 500, "depth limit 500")
    err(sb.get("/api/v3/depth?symbol=ETHKZT&limit=x"), -1100)
    err(sb.get("/api/v3/depth"), -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.")

    s, _, kl = sb.get("/api/v3/klines?symbol=BTCKZT&interval=1m&limit=10")
    check(s == 200 and len(kl) == 10, "klines limit 10")
    check(all(len(k) == 12 and k[6] == k[0] + 59999 for k in kl), "kline shape and close time")
    check(all(kl[i + 1][0] - kl[i][0] == 60000 for i in range(9)), "consecutive minutes")
    check(all(D(k[3]) <= D(k[1]) <= D(k[2]) and D(k[3]) <= D(k[4]) <= D(k[2]) for k in kl), "low <= open/close <= high")
    s, _, kh = sb.get("/api/v3/klines?symbol=BTCKZT&interval=1h&limit=5")
    check(s == 200 and len(kh) == 5 and all(k[0] % 3600000 == 0 for k in kh), "hourly klines aligned")
    start = kl[2][0]
    s, _, ks = sb.get("/api/v3/klines?symbol=BTCKZT&interval=1m&startTime=%d&limit=3" % start)
    check(s == 200 and ks[0][0] == start and len(ks) == 3, "klines from startTime")
    err(sb.get("/api/v3/klines?symbol=BTCKZT&interval=7m"), -1120, "Invalid interval.")
    err(sb.get("/api/v3/klines?symbol=BTCKZT"), -1102)
    s, _, avg = sb.get("/api/v3/avgPrice?symbol=USDTKZT")
    check(s == 200 and avg["mins"] == 5 and D(avg["price"]) > 0, "avgPrice")

    s, _, _ = sb.request("POST", "/api/v3/time")
    check_equal(s, 405, "wrong method refused")
    s, _, _ = sb.get("/api/v3/nothing")
    check_equal(s, 404, "unknown endpoint is 404")


def order(c, params, form=True):
    return c.signed("POST", "/api/v3/order", params, form=form)


def market_orders(sb):
    c = sb.account(kzt="1000000.00", knowledge=True)
    bal = c.balances()
    check_equal(bal["KZT"], ("1000000.00000000", "0.00000000"), "funded with one million tenge")

    s, _, o = order(c, {"symbol": "BTCKZT", "side": "BUY", "type": "MARKET", "quoteOrderQty": "100000"})
    check(s == 200 and o["status"] == "FILLED" and o["type"] == "MARKET", "market buy by quote filled")
    qty = D(o["executedQty"])
    quote = D(o["cummulativeQuoteQty"])
    check(qty > 0 and qty % STEP["BTCKZT"] == 0, "executed quantity in whole steps")
    check(D("99000") < quote <= D("100000"), "spent at most the quote amount")
    check_equal(sum(D(f["qty"]) for f in o["fills"]), qty, "fills add up to the quantity")
    check_equal(sum((D(f["price"]) * D(f["qty"])).quantize(D("0.00000001")) for f in o["fills"]), quote,
                "fills add up to the quote")
    fee = sum(D(f["commission"]) for f in o["fills"])
    check(all(f["commissionAsset"] == "BTC" for f in o["fills"]), "fee in the asset received")
    check_equal(fee, sum((D(f["qty"]) * D("0.001")).quantize(D("0.00000001")) for f in o["fills"]), "fee is 0.1%")
    check_equal(D(o["origQuoteOrderQty"]), D("100000"), "origQuoteOrderQty kept")
    bal = c.balances()
    check_equal(D(bal["KZT"][0]), D("1000000") - quote, "tenge debited exactly")
    check_equal(D(bal["BTC"][0]), qty - fee, "bitcoin credited net of the fee")

    btc = D(bal["BTC"][0])
    sell_qty = (btc / 2).quantize(STEP["BTCKZT"], rounding="ROUND_DOWN")
    s, _, o2 = order(c, {"symbol": "BTCKZT", "side": "SELL", "type": "MARKET", "quantity": str(sell_qty)})
    check(s == 200 and o2["status"] == "FILLED" and D(o2["executedQty"]) == sell_qty, "market sell by quantity")
    got = D(o2["cummulativeQuoteQty"])
    fee2 = sum(D(f["commission"]) for f in o2["fills"])
    check(all(f["commissionAsset"] == "KZT" for f in o2["fills"]), "sell fee in tenge")
    bal2 = c.balances()
    check_equal(D(bal2["KZT"][0]), D(bal["KZT"][0]) + got - fee2, "tenge credited net of the fee")
    check_equal(D(bal2["BTC"][0]), btc - sell_qty, "bitcoin debited exactly")

    # Market buy by quantity, query parameters instead of a form body.
    s, _, o3 = c.signed("POST", "/api/v3/order", {"symbol": "ETHKZT", "side": "BUY", "type": "MARKET",
                                                   "quantity": "0.0100", "newOrderRespType": "RESULT"})
    check(s == 200 and o3["status"] == "FILLED" and "fills" not in o3 and D(o3["executedQty"]) == D("0.01"),
          "market buy by quantity, RESULT response without fills")
    s, _, o4 = order(c, {"symbol": "USDTKZT", "side": "BUY", "type": "MARKET", "quoteOrderQty": "10000",
                         "newOrderRespType": "ACK"})
    check(s == 200 and set(o4) == {"symbol", "orderId", "orderListId", "clientOrderId", "transactTime"},
          "ACK response shape")

    s, _, trades = c.signed("GET", "/api/v3/myTrades", {"symbol": "BTCKZT"})
    check(s == 200 and len(trades) == len(o["fills"]) + len(o2["fills"]), "myTrades lists every fill")
    check(all(t["isBuyer"] == (t["orderId"] == o["orderId"]) for t in trades), "myTrades buyer flags")
    s, _, only = c.signed("GET", "/api/v3/myTrades", {"symbol": "BTCKZT", "orderId": o2["orderId"]})
    check(s == 200 and {t["orderId"] for t in only} == {o2["orderId"]}, "myTrades by orderId")
    s, _, lim = c.signed("GET", "/api/v3/myTrades", {"symbol": "BTCKZT", "limit": "1"})
    check(s == 200 and len(lim) == 1 and lim[0]["id"] == trades[-1]["id"], "myTrades limit keeps the latest")

    s, _, q = c.signed("GET", "/api/v3/order", {"symbol": "BTCKZT", "orderId": o["orderId"]})
    check(s == 200 and q["status"] == "FILLED" and q["executedQty"] == o["executedQty"], "query a filled order")
    s, _, allo = c.signed("GET", "/api/v3/allOrders", {"symbol": "BTCKZT"})
    check(s == 200 and [x["orderId"] for x in allo] == [o["orderId"], o2["orderId"]], "allOrders")

    # order/test validates and places nothing.
    s, _, t = order(c, {"symbol": "BTCKZT", "side": "BUY", "type": "MARKET", "quoteOrderQty": "5000"})
    s, _, t = c.signed("POST", "/api/v3/order/test", {"symbol": "BTCKZT", "side": "BUY", "type": "MARKET",
                                                       "quoteOrderQty": "5000"}, form=True)
    check(s == 200 and t == {}, "order/test answers {}")
    s, _, allo2 = c.signed("GET", "/api/v3/allOrders", {"symbol": "BTCKZT"})
    check_equal(len(allo2), len(allo) + 1, "order/test placed nothing")
    err(c.signed("POST", "/api/v3/order/test", {"symbol": "BTCKZT", "side": "BUY", "type": "MARKET",
                                                 "quoteOrderQty": "1"}, form=True), -1013, "Filter failure: NOTIONAL")
    return c


def limit_orders(sb):
    c = sb.account(kzt="2000000.00", knowledge=True)
    s, _, book = sb.get("/api/v3/ticker/bookTicker?symbol=BTCKZT")
    bid = D(book["bidPrice"])
    low = (bid * D("0.9")).quantize(D("1"))

    s, _, o = order(c, {"symbol": "BTCKZT", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC",
                        "quantity": "0.01000", "price": str(low), "newClientOrderId": "kopir-test-1"})
    check(s == 200 and o["status"] == "NEW" and o["clientOrderId"] == "kopir-test-1", "resting limit buy")
    locked = (low * D("0.01")).quantize(D("0.00000001"))
    bal = c.balances()
    check_equal(D(bal["KZT"][1]), locked, "limit buy locks price x quantity")
    check_equal(D(bal["KZT"][0]), D("2000000") - locked, "free tenge reduced")

    err(order(c, {"symbol": "BTCKZT", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC",
                  "quantity": "0.01000", "price": str(low), "newClientOrderId": "kopir-test-1"}),
        -2010, "Duplicate order sent.")

    s, _, open_ = c.signed("GET", "/api/v3/openOrders", {"symbol": "BTCKZT"})
    check(s == 200 and [x["orderId"] for x in open_] == [o["orderId"]], "openOrders lists it")
    s, _, open_all = c.signed("GET", "/api/v3/openOrders")
    check(s == 200 and len(open_all) == 1, "openOrders without a symbol")
    s, _, q = c.signed("GET", "/api/v3/order", {"symbol": "BTCKZT", "origClientOrderId": "kopir-test-1"})
    check(s == 200 and q["orderId"] == o["orderId"] and q["status"] == "NEW", "query by origClientOrderId")

    s, _, cx = c.signed("DELETE", "/api/v3/order", {"symbol": "BTCKZT", "origClientOrderId": "kopir-test-1"})
    check(s == 200 and cx["status"] == "CANCELED" and cx["origClientOrderId"] == "kopir-test-1", "cancel by client id")
    bal = c.balances()
    check_equal(bal["KZT"], ("2000000.00000000", "0.00000000"), "cancel releases the lock")
    err(c.signed("DELETE", "/api/v3/order", {"symbol": "BTCKZT", "orderId": o["orderId"]}), -2011, "Unknown order sent.")
    err(c.signed("GET", "/api/v3/order", {"symbol": "BTCKZT", "orderId": "999999"}), -2013, "Order does not exist.")
    err(c.signed("GET", "/api/v3/order", {"symbol": "BTCKZT"}), -1102,
        "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!")

    # The same client id is fine again once the first order is closed.
    s, _, again = order(c, {"symbol": "BTCKZT", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC",
                            "quantity": "0.01000", "price": str(low), "newClientOrderId": "kopir-test-1"})
    check(s == 200 and again["status"] == "NEW", "client id reusable after cancel")

    # A limit buy fills when the price comes down through it, at its price.
    target = (low * D("0.99")).quantize(D("1"))
    s, _, moved = sb.post("/sandbox/v1/market/BTCKZT", {"price": str(target)})
    check(s == 200 and D(moved["ask"]) <= low, "market moved below the limit")
    s, _, q = c.signed("GET", "/api/v3/order", {"symbol": "BTCKZT", "orderId": again["orderId"]})
    check(s == 200 and q["status"] == "FILLED", "resting order filled when the price crossed")
    check_equal(D(q["cummulativeQuoteQty"]), locked, "maker fill at the limit price")
    s, _, tr = c.signed("GET", "/api/v3/myTrades", {"symbol": "BTCKZT", "orderId": again["orderId"]})
    check(s == 200 and len(tr) == 1 and tr[0]["isMaker"] is True and D(tr[0]["price"]) == low, "maker trade")
    bal = c.balances()
    check_equal(D(bal["BTC"][0]), D("0.01") - D("0.00001"), "bought 0.01 BTC less 0.1%")
    check_equal(D(bal["KZT"][1]), D("0"), "nothing left locked")

    # A sell limit above the market rests and locks the asset.
    s, _, book = sb.get("/api/v3/ticker/bookTicker?symbol=BTCKZT")
    ask = D(book["askPrice"])
    s, _, so = order(c, {"symbol": "BTCKZT", "side": "SELL", "type": "LIMIT", "timeInForce": "GTC",
                         "quantity": "0.00500", "price": str((ask * D("1.2")).quantize(D("1")))})
    check(s == 200 and so["status"] == "NEW", "resting limit sell")
    check_equal(D(c.balances()["BTC"][1]), D("0.005"), "limit sell locks the asset")
    s, _, cxs = c.signed("DELETE", "/api/v3/openOrders", {"symbol": "BTCKZT"})
    check(s == 200 and len(cxs) == 1 and cxs[0]["status"] == "CANCELED", "cancel all open orders")
    check_equal(D(c.balances()["BTC"][1]), D("0"), "asset unlocked")

    # A marketable limit takes liquidity at the book's prices, never worse.
    s, _, book = sb.get("/api/v3/ticker/bookTicker?symbol=ETHKZT")
    ask = D(book["askPrice"])
    limit_price = (ask * D("1.001")).quantize(D("1"))
    s, _, t = order(c, {"symbol": "ETHKZT", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC",
                        "quantity": "0.0100", "price": str(limit_price)})
    check(s == 200 and t["status"] == "FILLED", "marketable limit fills at once")
    check(all(D(f["price"]) <= limit_price for f in t["fills"]), "no fill above the limit")
    check_equal(D(c.balances()["KZT"][1]), D("0"), "price improvement returned to free")

    s, _, ioc = order(c, {"symbol": "ETHKZT", "side": "BUY", "type": "LIMIT", "timeInForce": "IOC",
                          "quantity": "0.0100", "price": str((ask * D("0.5")).quantize(D("1")))})
    check(s == 200 and ioc["status"] == "EXPIRED" and D(ioc["executedQty"]) == 0, "IOC below the market expires")
    rich = sb.account(kzt="10000000.00", knowledge=True)
    s, _, fok = order(rich, {"symbol": "ETHKZT", "side": "BUY", "type": "LIMIT", "timeInForce": "FOK",
                             "quantity": "3.0000", "price": str(ask)})
    check(s == 200 and fok["status"] == "EXPIRED" and D(fok["executedQty"]) == 0 and fok["fills"] == [],
          "FOK larger than the book at its price expires unfilled")
    check_equal(rich.balances()["KZT"], ("10000000.00000000", "0.00000000"), "an expired FOK changes nothing")

    # A market order bigger than the whole book fills what there is.
    whale = sb.account(kzt="5000000000.00", knowledge=True)
    s, _, big = order(whale, {"symbol": "BTCKZT", "side": "BUY", "type": "MARKET", "quantity": "25.00000"})
    check(s == 200 and big["status"] == "EXPIRED" and 0 < D(big["executedQty"]) < 25,
          "a market order past the book's depth expires partly filled")
    check_equal(D(whale.balances()["KZT"][0]), D("5000000000") - D(big["cummulativeQuoteQty"]),
                "and is paid for what filled")
    check_equal(D(c.balances()["KZT"][1]), D("0"), "expired orders lock nothing")
    err(order(c, {"symbol": "ETHKZT", "side": "BUY", "type": "LIMIT_MAKER", "quantity": "0.0100",
                  "price": str(limit_price)}), -2010, "Order would immediately match and take.")
    s, _, mk = order(c, {"symbol": "ETHKZT", "side": "BUY", "type": "LIMIT_MAKER", "quantity": "0.0100",
                         "price": str((ask * D("0.8")).quantize(D("1")))})
    check(s == 200 and mk["status"] == "NEW" and mk["type"] == "LIMIT_MAKER", "LIMIT_MAKER rests")


def order_errors(sb):
    c = sb.account(kzt="10000.00", knowledge=True)
    base = {"symbol": "BTCKZT", "side": "BUY", "type": "MARKET", "quoteOrderQty": "5000"}

    def without(k):
        return {x: y for x, y in base.items() if x != k}

    err(order(c, without("symbol")), -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.")
    err(order(c, dict(base, symbol="DOGEKZT")), -1121, "Invalid symbol.")
    err(order(c, dict(base, side="HOLD")), -1117, "Invalid side.")
    err(order(c, dict(base, type="ICEBERG")), -1116, "Invalid orderType.")
    err(order(c, without("quoteOrderQty")), -1102,
        "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!")
    err(order(c, dict(base, quantity="0.001")), -1106, "Parameter 'quoteOrderQty' sent when not required.")
    err(order(c, dict(base, price="1")), -1106, "Parameter 'price' sent when not required.")
    err(order(c, dict(base, timeInForce="GTC")), -1106, "Parameter 'timeInForce' sent when not required.")
    err(order(c, dict(base, quoteOrderQty="5e3")), -1100)
    err(order(c, dict(base, quoteOrderQty="-5")), -1100)
    err(order(c, dict(base, quoteOrderQty="5000.123456789")), -1111, "Parameter 'quoteOrderQty' has too much precision.")
    err(order(c, dict(base, newClientOrderId="bad id!")), -1100)
    err(order(c, dict(base, newOrderRespType="ALL")), -1130)
    err(order(c, dict(base, foo="bar")), -1104)
    err(order(c, dict(base, quoteOrderQty="9999999")), -2010, "Account has insufficient balance for requested action.")
    lim = {"symbol": "BTCKZT", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC", "quantity": "0.00010",
           "price": "40000000"}
    err(order(c, dict(lim, timeInForce="GTD")), -1115, "Invalid timeInForce.")
    err(order(c, {k: v for k, v in lim.items() if k != "timeInForce"}), -1102)
    err(order(c, dict(lim, price="40000000.5")), -1013, "Filter failure: PRICE_FILTER")
    err(order(c, dict(lim, quantity="0.000015")), -1013, "Filter failure: LOT_SIZE")
    err(order(c, dict(lim, quantity="0.00001", price="100000")), -1013, "Filter failure: NOTIONAL")
    err(order(c, {"symbol": "BTCKZT", "side": "BUY", "type": "MARKET", "quantity": "30"}), -1013,
        "Filter failure: MARKET_LOT_SIZE")
    err(order(c, dict(lim, quoteOrderQty="5000")), -1106)
    err(order(c, dict(lim, type="STOP_LOSS")), -1013)
    err(order(c, {"symbol": "BTCKZT", "side": "SELL", "type": "MARKET", "quantity": "0.001"}), -2010,
        "Account has insufficient balance for requested action.")
    check_equal(c.balances()["KZT"], ("10000.00000000", "0.00000000"), "refused orders change nothing")

    # Duplicated parameters, query and body.
    s, _, d = c.sandbox.request("GET", "/api/v3/ticker/price?symbol=BTCKZT&symbol=ETHKZT")
    check(s == 400 and d["code"] == -1101, "duplicate parameter refused")


def auth_errors(sb):
    c = sb.account(kzt="10000.00")
    err(c.signed("GET", "/api/v3/account", key="short"), -2014, "API-key format invalid.", status=401)
    err(c.signed("GET", "/api/v3/account", key="A" * 64), -2015,
        "Invalid API-key, IP, or permissions for action.", status=401)
    s, _, d = sb.get("/api/v3/account?timestamp=1&signature=00")
    check(s == 401 and d["code"] == -2014, "no API key")
    err(c.signed("GET", "/api/v3/account", signature="0" * 64), -1022, "Signature for this request is not valid.")
    now = sb.server_time()
    err(c.signed("GET", "/api/v3/account", timestamp=now - 10000), -1021,
        "Timestamp for this request is outside of the recvWindow.")
    err(c.signed("GET", "/api/v3/account", timestamp=now + 5000), -1021,
        "Timestamp for this request was 1000ms ahead of the server's time.")
    s, _, _ = c.signed("GET", "/api/v3/account", timestamp=now - 10000, recv_window=60000)
    check_equal(s, 200, "a wide recvWindow accepts an older timestamp")
    err(c.signed("GET", "/api/v3/account", recv_window=60001), -1131)
    s, _, d = sb.request("GET", "/api/v3/account?signature=00", headers={"X-MBX-APIKEY": c.key})
    check(s == 400 and d["code"] == -1102, "missing timestamp")
    s, _, d = sb.request("GET", "/api/v3/account?timestamp=%d" % now, headers={"X-MBX-APIKEY": c.key})
    check(s == 400 and d["code"] == -1102 and "signature" in d["msg"], "missing signature")
    # Tampering with a signed request after signing breaks the signature.
    import sandboxlib
    q = "symbol=BTCKZT&side=BUY&type=MARKET&quoteOrderQty=5000&timestamp=%d" % now
    sig = sandboxlib.sign(c.secret, q)
    s, _, d = sb.request("POST", "/api/v3/order?" + q.replace("5000", "9000") + "&signature=" + sig,
                         headers={"X-MBX-APIKEY": c.key})
    check(s == 400 and d["code"] == -1022, "tampered parameters refused")
    # Query string and body both signed, concatenated.
    body = "quoteOrderQty=5000&timestamp=%d" % now
    query = "symbol=BTCKZT&side=BUY&type=MARKET"
    sig = sandboxlib.sign(c.secret, query + body)
    s, _, d = sb.request("POST", "/api/v3/order?" + query, body=body + "&signature=" + sig,
                         headers={"X-MBX-APIKEY": c.key, "Content-Type": "application/x-www-form-urlencoded"})
    check(s == 200 and d["status"] == "FILLED", "query plus body signed together")


def rate_limits():
    sb = Sandbox("--weight-limit", "30", "--order-limit", "3")
    try:
        statuses = []
        for _ in range(40):
            s, h, d = sb.get("/api/v3/exchangeInfo?symbol=BTCKZT")
            statuses.append((s, h.get("Retry-After"), d.get("code") if isinstance(d, dict) else None))
            if s == 418:
                break
        first429 = next((x for x in statuses if x[0] == 429), None)
        check(statuses[0][0] == 200, "first request within the weight limit")
        check(first429 is not None and first429[1] is not None and first429[2] == -1003,
              "429 with Retry-After and -1003 past the weight limit")
        check(statuses[-1][0] == 418 and statuses[-1][1] is not None, "418 ban for a client that keeps going")
    finally:
        sb.close()

    sb = Sandbox("--order-limit", "3")
    try:
        c = sb.account(kzt="100000.00", knowledge=True)
        codes = []
        for _ in range(4):
            s, h, d = order(c, {"symbol": "USDTKZT", "side": "BUY", "type": "MARKET", "quoteOrderQty": "3000"})
            codes.append((s, d.get("code"), h.get("X-MBX-ORDER-COUNT-10S")))
        check([x[0] for x in codes[:3]] == [200, 200, 200], "orders within the order limit")
        check(codes[3][0] == 429 and codes[3][1] == -1015, "order rate limit -1015")
        check_equal(codes[2][2], "3", "X-MBX-ORDER-COUNT-10S counts")
    finally:
        sb.close()


class WebSocket:
    """Just enough of RFC 6455 for a test client."""

    def __init__(self, port, path):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=20)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\n"
                           "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n"
                           % (path, port, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                break
            head += chunk
        self.status = int(head.split(b" ")[1]) if head else 0

    def _recv(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    def recv(self):
        while True:
            b1, b2 = self._recv(2)
            n = b2 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._recv(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._recv(8))[0]
            payload = self._recv(n)
            op = b1 & 0x0F
            if op == 1:
                return json.loads(payload)
            if op == 8:
                raise EOFError

    def send(self, obj):
        payload = json.dumps(obj).encode()
        mask = os.urandom(4)
        header = bytes([0x81, 0x80 | len(payload)]) if len(payload) < 126 else \
            bytes([0x81, 0x80 | 126]) + struct.pack(">H", len(payload))
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def close(self):
        self.sock.close()


def streams(sb):
    ws = WebSocket(sb.port, "/ws/btckzt@bookTicker")
    check_equal(ws.status, 101, "raw stream upgrade")
    m = ws.recv()
    check(m["s"] == "BTCKZT" and D(m["b"]) < D(m["a"]) and "u" in m, "bookTicker payload")
    m2 = ws.recv()
    check(m2["u"] >= m["u"], "bookTicker update ids do not go back")
    ws.send({"method": "SUBSCRIBE", "params": ["ethkzt@kline_1m"], "id": 7})
    seen_result = seen_kline = False
    for _ in range(20):
        x = ws.recv()
        if x.get("id") == 7 and "result" in x:
            seen_result = x["result"] is None
        if x.get("e") == "kline":
            seen_kline = x["s"] == "ETHKZT" and x["k"]["i"] == "1m"
        if seen_result and seen_kline:
            break
    check(seen_result and seen_kline, "SUBSCRIBE adds a kline stream")
    ws.send({"method": "LIST_SUBSCRIPTIONS", "id": 8})
    for _ in range(20):
        x = ws.recv()
        if x.get("id") == 8:
            check(sorted(x["result"]) == ["btckzt@bookTicker", "ethkzt@kline_1m"], "LIST_SUBSCRIPTIONS")
            break
    ws.close()

    ws = WebSocket(sb.port, "/stream?streams=solkzt@kline_1m/usdtkzt@bookTicker")
    check_equal(ws.status, 101, "combined stream upgrade")
    names = set()
    for _ in range(6):
        x = ws.recv()
        names.add(x["stream"])
        check("data" in x, "combined payload wraps data")
        if len(names) == 2:
            break
    check_equal(names, {"solkzt@kline_1m", "usdtkzt@bookTicker"}, "both combined streams arrive")
    ws.close()

    ws = WebSocket(sb.port, "/ws/BTCKZT@depth")
    closed = False
    try:
        ws.recv()
    except (EOFError, OSError):
        closed = True
    check(closed, "an unknown stream is closed")
    ws.close()


def main():
    sb = Sandbox()
    try:
        public_endpoints(sb)
        market_orders(sb)
        limit_orders(sb)
        order_errors(sb)
        auth_errors(sb)
        streams(sb)
        check(sb.alive(), "sandbox still running")
        check_equal(sb.stop(), 0, "SIGTERM exits cleanly")
    finally:
        sb.close()
    rate_limits()
    finish()


if __name__ == "__main__":
    main()
