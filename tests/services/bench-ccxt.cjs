// SPDX-License-Identifier: GPL-3.0-or-later
//
// The CPU cost of one signed request from ccxt, the widely used exchange
// library, against the same kopir-sandbox: N fetchBalance() calls (signed
// GET /api/v3/account, parsed into ccxt's balance structure) one after the
// other, after a warm-up, timed with process.cpuUsage() (this process's
// user and system time). Prints "ccxt N CPU_US WALL_US".

'use strict';

const path = require ('path');
const { createRequire } = require ('module');

const ccxt = createRequire (path.join (process.env.CCXT_CACHE_DIR, 'package.json')) ('ccxt');
const base = process.env.SANDBOX_URL;
const requests = parseInt (process.env.BENCH_REQUESTS || '1000', 10);

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

    await exchange.loadMarkets ();
    for (let i = 0; i < 20; i++) {
        await exchange.fetchBalance ();
    }

    const wallStart = process.hrtime.bigint ();
    const cpuStart = process.cpuUsage ();
    for (let i = 0; i < requests; i++) {
        await exchange.fetchBalance ();
    }
    const cpu = process.cpuUsage (cpuStart);
    const wall = Number ((process.hrtime.bigint () - wallStart) / 1000n);

    console.log ('ccxt ' + requests + ' ' + (cpu.user + cpu.system) + ' ' + wall);
}

main ().catch ((e) => { console.error (e); process.exit (1); });
