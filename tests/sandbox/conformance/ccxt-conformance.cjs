// SPDX-License-Identifier: GPL-3.0-or-later
//
// ccxt, the widely used exchange library, against kopir-sandbox: the real
// npm package, unchanged except for its URLs.  Prints one JSON line per
// step and exits non-zero if any check fails.

'use strict';

const path = require ('path');
const { createRequire } = require ('module');

const cacheDir = process.env.CCXT_CACHE_DIR;
const base = process.env.SANDBOX_URL;
// Resolve ccxt as a package installed in the cache, through its exports.
const ccxt = createRequire (path.join (cacheDir, 'package.json')) ('ccxt');

let failures = 0;
let checks = 0;

function check (condition, what, detail) {
    checks++;
    if (condition) {
        console.log ('ok ' + checks + ' - ' + what);
    } else {
        failures++;
        console.log ('not ok ' + checks + ' - ' + what + (detail === undefined ? '' : ' ' + JSON.stringify (detail)));
    }
}

function near (a, b, tolerance) {
    return Math.abs (a - b) <= tolerance;
}

async function main () {
    const exchange = new ccxt.binance ({
        apiKey: process.env.SANDBOX_API_KEY,
        secret: process.env.SANDBOX_API_SECRET,
        enableRateLimit: false,
        timeout: 20000,
        urls: {
            api: {
                public: base + '/api/v3',
                private: base + '/api/v3',
                v1: base + '/api/v1',
            },
        },
        options: {
            // Spot only, no SAPI currency or margin lists, no clock
            // adjustment: the sandbox speaks the spot REST v3 dialect.
            fetchMarkets: { types: [ 'spot' ] },
            fetchCurrencies: false,
            fetchMargins: false,
            adjustForTimeDifference: false,
        },
    });

    console.log ('# ccxt ' + ccxt.version);

    const markets = await exchange.loadMarkets ();
    const symbols = Object.keys (markets).sort ();
    check (JSON.stringify (symbols) === JSON.stringify ([ 'BTC/KZT', 'ETH/KZT', 'SOL/KZT', 'USDT/KZT' ]), 'loadMarkets: four KZT markets', symbols);
    const btc = markets['BTC/KZT'];
    check (btc.id === 'BTCKZT' && btc.spot && btc.active, 'BTC/KZT is an active spot market', btc);
    check (btc.precision.price === 1 && btc.precision.amount === 0.00001, 'precision from the filters', btc.precision);
    check (btc.limits.amount.min === 0.00001 && btc.limits.cost.min === 2500, 'limits from the filters', btc.limits);
    check (near (markets['USDT/KZT'].precision.price, 0.01, 1e-12), 'USDT/KZT tick 0.01', markets['USDT/KZT'].precision);

    const ticker = await exchange.fetchTicker ('BTC/KZT');
    check (ticker.symbol === 'BTC/KZT' && ticker.bid > 40e6 && ticker.ask > ticker.bid && ticker.last > 0, 'fetchTicker', ticker);
    check (ticker.high >= ticker.low && ticker.baseVolume > 0, 'ticker has the day\'s range and volume', ticker);

    const book = await exchange.fetchOrderBook ('BTC/KZT', 10);
    check (book.bids.length === 10 && book.asks.length === 10, 'fetchOrderBook with a limit', book);
    check (book.bids[0][0] < book.asks[0][0], 'book not crossed', [ book.bids[0], book.asks[0] ]);
    check (book.nonce > 0, 'book nonce from lastUpdateId', book.nonce);

    const ohlcv = await exchange.fetchOHLCV ('ETH/KZT', '1m', undefined, 5);
    check (ohlcv.length === 5 && ohlcv[0].length === 6, 'fetchOHLCV', ohlcv);

    let balance = await exchange.fetchBalance ();
    check (balance.KZT.free === 1000000 && balance.KZT.used === 0 && balance.BTC.total === 0, 'fetchBalance', balance.KZT);

    const buy = await exchange.createMarketBuyOrderWithCost ('BTC/KZT', 100000);
    check (buy.status === 'closed' && buy.side === 'buy' && buy.type === 'market', 'market buy by cost in tenge', buy);
    check (buy.cost > 99000 && buy.cost <= 100000 && buy.filled > 0, 'spent up to the cost', { cost: buy.cost, filled: buy.filled });
    check (buy.fee !== undefined && buy.fee.currency === 'BTC' && near (buy.fee.cost, buy.filled * 0.001, 1e-8), 'fee 0.1% in BTC', buy.fee);
    check (buy.trades.length > 0, 'fills parsed as trades', buy.trades.length);

    balance = await exchange.fetchBalance ();
    check (near (balance.KZT.free, 1000000 - buy.cost, 1e-6), 'tenge debited by the cost', balance.KZT);
    check (near (balance.BTC.free, buy.filled - buy.fee.cost, 1e-9), 'bitcoin credited net of the fee', balance.BTC);

    const price = Math.floor (ticker.bid * 0.9);
    const limit = await exchange.createOrder ('BTC/KZT', 'limit', 'buy', 0.001, price);
    check (limit.status === 'open' && limit.price === price && limit.amount === 0.001 && limit.filled === 0, 'limit order open', limit);
    balance = await exchange.fetchBalance ();
    check (near (balance.KZT.used, price * 0.001, 1e-6), 'limit order locks its cost', balance.KZT);

    const open = await exchange.fetchOpenOrders ('BTC/KZT');
    check (open.length === 1 && open[0].id === limit.id, 'fetchOpenOrders', open.map ((o) => o.id));

    const fetched = await exchange.fetchOrder (limit.id, 'BTC/KZT');
    check (fetched.id === limit.id && fetched.status === 'open' && fetched.clientOrderId === limit.clientOrderId, 'fetchOrder', fetched);

    const canceled = await exchange.cancelOrder (limit.id, 'BTC/KZT');
    check (canceled.id === limit.id && canceled.status === 'canceled', 'cancelOrder', canceled);
    const after = await exchange.fetchOrder (limit.id, 'BTC/KZT');
    check (after.status === 'canceled', 'fetchOrder after cancel', after.status);
    balance = await exchange.fetchBalance ();
    check (balance.KZT.used === 0, 'cancel released the lock', balance.KZT);

    const filled = await exchange.fetchOrder (buy.id, 'BTC/KZT');
    check (filled.status === 'closed' && near (filled.filled, buy.filled, 1e-12) && near (filled.cost, buy.cost, 1e-6), 'fetchOrder of the market buy', filled);

    const trades = await exchange.fetchMyTrades ('BTC/KZT');
    const sum = trades.reduce ((a, t) => a + t.amount, 0);
    check (trades.length === buy.trades.length && trades.every ((t) => t.order === buy.id && t.side === 'buy'), 'fetchMyTrades', trades.length);
    check (near (sum, buy.filled, 1e-9), 'my trades add up to the order', sum);
    check (trades.every ((t) => t.fee.currency === 'BTC' && t.takerOrMaker === 'taker'), 'trade fees and roles', trades[0]);

    let refused = null;
    try {
        await exchange.createMarketBuyOrderWithCost ('BTC/KZT', 100000000);
    } catch (e) {
        refused = e;
    }
    check (refused instanceof ccxt.InsufficientFunds, 'insufficient balance maps to InsufficientFunds', refused && refused.constructor.name);

    let missing = null;
    try {
        await exchange.fetchOrder ('987654321', 'BTC/KZT');
    } catch (e) {
        missing = e;
    }
    check (missing instanceof ccxt.OrderNotFound, 'unknown order maps to OrderNotFound', missing && missing.constructor.name);

    const bad = new ccxt.binance ({ apiKey: process.env.SANDBOX_API_KEY, secret: 'x'.repeat (64), urls: exchange.urls,
        options: { fetchMarkets: { types: [ 'spot' ] }, fetchCurrencies: false, fetchMargins: false } });
    let auth = null;
    try {
        await bad.fetchBalance ();
    } catch (e) {
        auth = e;
    }
    check (auth instanceof ccxt.AuthenticationError, 'a wrong secret maps to AuthenticationError', auth && auth.constructor.name);

    console.log ('1..' + checks);
    console.log ((checks - failures) + ' passed, ' + failures + ' failed');
    process.exit (failures ? 1 : 0);
}

main ().catch ((e) => {
    console.log ('not ok - ccxt threw ' + (e && e.constructor ? e.constructor.name : '') + ': ' + (e && e.message));
    process.exit (1);
});
