// SPDX-License-Identifier: GPL-3.0-or-later
//
// The CPU cost of one signed request from ccxt, the widely used exchange
// library, against the same kopir-sandbox: N calls one after the other,
// after a warm-up, timed with process.cpuUsage() (this process's user and
// system time). BENCH_ENDPOINT=account: fetchBalance() (signed GET
// /api/v3/account); =order: a market buy through createOrder() with
// test: true (signed POST /api/v3/order/test). Prints "ccxt N CPU_US WALL_US".

'use strict';

const path = require ('path');
const { createRequire } = require ('module');

const ccxt = createRequire (path.join (process.env.CCXT_CACHE_DIR, 'package.json')) ('ccxt');
const base = process.env.SANDBOX_URL;
const requests = parseInt (process.env.BENCH_REQUESTS || '1000', 10);
const endpoint = process.env.BENCH_ENDPOINT || 'account';

async function main () {
    const exchange = new ccxt.binance ({
        apiKey: process.env.KOPIR_TEST_API_KEY,
        secret: process.env.KOPIR_TEST_API_SECRET,
        enableRateLimit: false,
        urls: { api: { public: base + '/api/v3', private: base + '/api/v3', v1: base + '/api/v1' } },
        options: {
            fetchMarkets: { types: [ 'spot' ] },
            fetchCurrencies: false,
            fetchMargins: false,
            adjustForTimeDifference: false,
        },
    });

    // The same requests as Kopir's: the account and its balances, or a
    // market buy of 5000 tenge checked by POST /api/v3/order/test.
    const one = (endpoint === 'order')
        ? () => exchange.createOrder ('BTC/KZT', 'market', 'buy', undefined, undefined,
                                      { quoteOrderQty: 5000, test: true })
        : () => exchange.fetchBalance ();

    await exchange.loadMarkets ();
    for (let i = 0; i < 20; i++) {
        await one ();
    }

    const wallStart = process.hrtime.bigint ();
    const cpuStart = process.cpuUsage ();
    for (let i = 0; i < requests; i++) {
        await one ();
    }
    const cpu = process.cpuUsage (cpuStart);
    const wall = Number ((process.hrtime.bigint () - wallStart) / 1000n);

    console.log ('ccxt ' + requests + ' ' + (cpu.user + cpu.system) + ' ' + wall);
}

main ().catch ((e) => { console.error (e); process.exit (1); });
