/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kopir-sandbox"

#include "config.h"

#include <string.h>

#include "kopir-sandbox-market.h"

#define PRICE_SCALE 2
#define QTY_SCALE   8
#define STEP_MS     1000
#define MINUTE_MS   60000

/* Realistic tenge prices (late 2026: USD/KZT ~ 510) and Binance-like
 * filters.  Prices are coefficients at 2 decimal places, quantities at 8. */
typedef struct
{
  const char *name;
  const char *base;
  gint64      anchor;         /* starting mid price, tiyn */
  gint64      tick;           /* tick size, tiyn */
  const char *step;
  const char *min_qty;
  const char *max_qty;
  const char *market_max_qty;
  const char *min_notional;
  gint64      volatility_ppm; /* largest move of one step */
  gint64      level_qty;      /* typical book level, at 8 decimals */
} SymbolSpec;

static const SymbolSpec specs[] = {
  { "BTCKZT",  "BTC",  4750000000LL, 100, "0.00001000", "0.00001000", "9000.00000000",  "25.00000000",    "2500.00", 120, 1500000LL },
  { "ETHKZT",  "ETH",  175000000LL,  100, "0.00010000", "0.00010000", "90000.00000000", "500.00000000",   "2500.00", 130, 40000000LL },
  { "USDTKZT", "USDT", 51200LL,      1,   "0.10000000", "1.00000000", "9000000.00000000", "1000000.00000000", "2500.00", 40, 150000000000LL },
  { "SOLKZT",  "SOL",  9000000LL,    10,  "0.00100000", "0.00100000", "900000.00000000", "20000.00000000", "2500.00", 170, 800000000LL },
};

#define N_SYMBOLS G_N_ELEMENTS (specs)

typedef struct
{
  KopirSandboxSymbol  info;
  const SymbolSpec   *spec;
  gint64              mid;              /* tiyn */
  gint64              step;             /* walk steps taken */
  GArray             *bars;             /* KopirSandboxBar, oldest first */
  gint64              consumed[2][KOPIR_SANDBOX_MARKET_LEVELS]; /* 8-decimal qty */
  gint64              last_trade_id;
} SymbolState;

struct _KopirSandboxMarket
{
  GObject      parent_instance;

  guint64      seed;
  gint64       start_ms;
  gint64       steps;        /* steps since start */
  gint64       update_id;
  SymbolState  symbols[N_SYMBOLS];
};

G_DEFINE_FINAL_TYPE (KopirSandboxMarket, kopir_sandbox_market, G_TYPE_OBJECT)

enum {
  TICK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* splitmix64: a tiny, well-mixed generator; hashing (seed, symbol, step)
 * makes any step's randomness independent of how it was reached. */
static guint64
mix (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

static guint64
rnd (guint64 seed,
     guint64 a,
     guint64 b,
     guint64 c)
{
  return mix (seed ^ mix (a ^ mix (b ^ mix (c))));
}

static KopirDecimal
price_dec (gint64 tiyn)
{
  return KOPIR_DECIMAL_INIT (tiyn, PRICE_SCALE);
}

static KopirDecimal
qty_dec (gint64 units)
{
  return KOPIR_DECIMAL_INIT (units, QTY_SCALE);
}

static KopirDecimal
parse_or_die (const char *str)
{
  KopirDecimal value;

  if (!kopir_decimal_parse (str, &value, NULL))
    g_error ("Bad built-in decimal %s", str);
  return value;
}

static gint64
round_to_tick (gint64 value,
               gint64 tick)
{
  return (value / tick) * tick;
}

static void
bar_add (KopirSandboxBar    *bar,
         const KopirDecimal *price,
         const KopirDecimal *qty,
         gboolean            taker_buys)
{
  KopirDecimal quote;

  if (kopir_decimal_compare (price, &bar->high) > 0)
    bar->high = *price;
  if (kopir_decimal_compare (price, &bar->low) < 0)
    bar->low = *price;
  bar->close = *price;
  if (!kopir_decimal_mul (price, qty, QTY_SCALE, KOPIR_ROUNDING_HALF_EVEN, &quote))
    return;
  kopir_decimal_add (&bar->volume, qty, &bar->volume);
  kopir_decimal_add (&bar->quote_volume, &quote, &bar->quote_volume);
  if (taker_buys)
    {
      kopir_decimal_add (&bar->taker_buy_volume, qty, &bar->taker_buy_volume);
      kopir_decimal_add (&bar->taker_buy_quote_volume, &quote, &bar->taker_buy_quote_volume);
    }
}

static KopirSandboxBar *
current_bar (SymbolState *state,
             gint64       time_ms)
{
  gint64 open_time = time_ms - time_ms % MINUTE_MS;
  KopirSandboxBar *last = NULL;
  KopirSandboxBar bar = { 0, };

  if (state->bars->len > 0)
    last = &g_array_index (state->bars, KopirSandboxBar, state->bars->len - 1);
  if (last != NULL && last->open_time == open_time)
    return last;

  bar.open_time = open_time;
  bar.open = bar.high = bar.low = bar.close = price_dec (state->mid);
  bar.volume = bar.quote_volume = qty_dec (0);
  bar.taker_buy_volume = bar.taker_buy_quote_volume = qty_dec (0);
  bar.first_trade_id = state->last_trade_id + 1;
  bar.last_trade_id = state->last_trade_id;
  if (state->bars->len >= KOPIR_SANDBOX_MARKET_BARS)
    g_array_remove_index (state->bars, 0);
  g_array_append_val (state->bars, bar);

  return &g_array_index (state->bars, KopirSandboxBar, state->bars->len - 1);
}

/* One second of the walk: a bounded random move in parts per million plus a
 * pull back toward the anchor, so prices stay plausible however long the
 * sandbox runs; then some synthetic trading for the bars. */
static void
walk_step (KopirSandboxMarket *self,
           SymbolState        *state,
           gint64              time_ms)
{
  const SymbolSpec *spec = state->spec;
  guint64 r = rnd (self->seed, state->info.index + 1, (guint64) state->step, 0x57a1);
  gint64 span = spec->volatility_ppm * 2 + 1;
  gint64 ppm = (gint64) (r % (guint64) span) - spec->volatility_ppm;
  gint64 move = state->mid / 1000 * ppm / 1000 + (spec->anchor - state->mid) / 200000;
  KopirSandboxBar *bar;
  guint n_trades = (guint) (rnd (self->seed, state->info.index + 1, (guint64) state->step, 0x7d) % 4);

  /* Round the move, not the price, to the nearest tick: symmetric for
   * rises and falls, so the walk has no drift. */
  {
    gint64 ticks = move / spec->tick;
    gint64 rest = move % spec->tick;

    if (2 * ABS (rest) >= spec->tick)
      ticks += rest > 0 ? 1 : -1;
    state->mid += ticks * spec->tick;
  }
  state->mid = CLAMP (state->mid, spec->tick, spec->anchor * 100);
  state->step++;

  bar = current_bar (state, time_ms);
  for (guint i = 0; i < n_trades; i++)
    {
      guint64 q = rnd (self->seed, state->info.index + 1, (guint64) state->step, 0x100 + i);
      gint64 units = spec->level_qty / 20 * (gint64) (1 + q % 10);
      KopirDecimal price = price_dec (state->mid);
      KopirDecimal qty;

      kopir_decimal_floor_to_step (&KOPIR_DECIMAL_INIT (units, QTY_SCALE), &state->info.step_size, &qty);
      if (kopir_decimal_is_zero (&qty))
        continue;
      state->last_trade_id++;
      bar->trades++;
      bar->last_trade_id = state->last_trade_id;
      bar_add (bar, &price, &qty, (q >> 32) & 1);
    }
}

static void
kopir_sandbox_market_finalize (GObject *object)
{
  KopirSandboxMarket *self = (KopirSandboxMarket *)object;

  for (guint i = 0; i < N_SYMBOLS; i++)
    g_clear_pointer (&self->symbols[i].bars, g_array_unref);

  G_OBJECT_CLASS (kopir_sandbox_market_parent_class)->finalize (object);
}

static void
kopir_sandbox_market_class_init (KopirSandboxMarketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kopir_sandbox_market_finalize;

  /**
   * KopirSandboxMarket::tick:
   *
   * Emitted after prices moved: resting orders may now cross, and stream
   * subscribers want the new prices.
   */
  signals[TICK] = g_signal_new ("tick",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
}

static void
kopir_sandbox_market_init (KopirSandboxMarket *self)
{
}

/**
 * kopir_sandbox_market_new:
 * @seed: the seed of the price walk
 * @now_ms: the time the market opens; three days of history end here
 *
 * Returns: (transfer full): a new market
 */
KopirSandboxMarket *
kopir_sandbox_market_new (guint64 seed,
                          gint64  now_ms)
{
  KopirSandboxMarket *self = g_object_new (KOPIR_TYPE_SANDBOX_MARKET, NULL);
  gint64 history_steps = (gint64) KOPIR_SANDBOX_MARKET_BARS * (MINUTE_MS / STEP_MS);

  self->seed = seed;
  self->start_ms = now_ms;
  self->update_id = 1000;

  for (guint i = 0; i < N_SYMBOLS; i++)
    {
      SymbolState *state = &self->symbols[i];
      const SymbolSpec *spec = &specs[i];
      KopirSandboxSymbol *info = &state->info;

      state->spec = spec;
      info->name = spec->name;
      info->base = spec->base;
      info->quote = "KZT";
      info->index = i;
      info->tick_size = price_dec (spec->tick);
      info->min_price = price_dec (spec->tick);
      info->max_price = price_dec (spec->anchor * 1000);
      info->step_size = parse_or_die (spec->step);
      info->min_qty = parse_or_die (spec->min_qty);
      info->max_qty = parse_or_die (spec->max_qty);
      info->market_max_qty = parse_or_die (spec->market_max_qty);
      info->min_notional = parse_or_die (spec->min_notional);
      info->max_notional = parse_or_die ("9000000000000.00");

      state->mid = spec->anchor;
      state->bars = g_array_sized_new (FALSE, TRUE, sizeof (KopirSandboxBar), KOPIR_SANDBOX_MARKET_BARS + 1);
      state->last_trade_id = 0;

      /* Three days of history, so charts and 24-hour figures are full. */
      for (gint64 k = -history_steps; k < 0; k++)
        walk_step (self, state, now_ms + k * STEP_MS);
    }

  return self;
}

guint
kopir_sandbox_market_n_symbols (KopirSandboxMarket *self)
{
  return N_SYMBOLS;
}

guint64
kopir_sandbox_market_get_seed (KopirSandboxMarket *self)
{
  g_return_val_if_fail (KOPIR_IS_SANDBOX_MARKET (self), 0);

  return self->seed;
}

const KopirSandboxSymbol *
kopir_sandbox_market_symbol_at (KopirSandboxMarket *self,
                                guint               index)
{
  g_return_val_if_fail (KOPIR_IS_SANDBOX_MARKET (self), NULL);
  g_return_val_if_fail (index < N_SYMBOLS, NULL);

  return &self->symbols[index].info;
}

const KopirSandboxSymbol *
kopir_sandbox_market_lookup (KopirSandboxMarket *self,
                             const char         *name)
{
  g_return_val_if_fail (KOPIR_IS_SANDBOX_MARKET (self), NULL);

  if (name == NULL)
    return NULL;

  for (guint i = 0; i < N_SYMBOLS; i++)
    if (strcmp (self->symbols[i].info.name, name) == 0)
      return &self->symbols[i].info;

  return NULL;
}

/**
 * kopir_sandbox_market_advance_to:
 * @self: a #KopirSandboxMarket
 * @now_ms: the current time
 *
 * Walks every price up to @now_ms (one step a second; a long pause is
 * caught up at most a minute at a time) and emits #KopirSandboxMarket::tick
 * if anything moved.
 */
void
kopir_sandbox_market_advance_to (KopirSandboxMarket *self,
                                 gint64              now_ms)
{
  gint64 target = (now_ms - self->start_ms) / STEP_MS;
  gboolean moved = FALSE;

  g_return_if_fail (KOPIR_IS_SANDBOX_MARKET (self));

  if (target - self->steps > 60)
    self->steps = target - 60;

  while (self->steps < target)
    {
      self->steps++;
      for (guint i = 0; i < N_SYMBOLS; i++)
        {
          walk_step (self, &self->symbols[i], self->start_ms + self->steps * STEP_MS);
          memset (self->symbols[i].consumed, 0, sizeof self->symbols[i].consumed);
        }
      self->update_id++;
      moved = TRUE;
    }

  if (moved)
    g_signal_emit (self, signals[TICK], 0);
}

/**
 * kopir_sandbox_market_set_mid:
 * @self: a #KopirSandboxMarket
 * @symbol: the pair
 * @price: the new mid price, a multiple of the tick size
 *
 * Moves a price at once (sandbox control, for tests and demos that need a
 * price to cross), then emits #KopirSandboxMarket::tick.  The walk goes on
 * from there.
 *
 * Returns: %FALSE if @price is not a positive multiple of the tick size
 */
gboolean
kopir_sandbox_market_set_mid (KopirSandboxMarket       *self,
                              const KopirSandboxSymbol *symbol,
                              const KopirDecimal       *price)
{
  SymbolState *state;
  KopirDecimal tiyn;

  g_return_val_if_fail (KOPIR_IS_SANDBOX_MARKET (self), FALSE);

  state = &self->symbols[symbol->index];
  if (!kopir_decimal_is_positive (price) ||
      !kopir_decimal_is_multiple_of (price, &symbol->tick_size) ||
      kopir_decimal_compare (price, &symbol->max_price) > 0 ||
      !kopir_decimal_rescale (price, PRICE_SCALE, KOPIR_ROUNDING_DOWN, &tiyn))
    return FALSE;

  state->mid = tiyn.coef;
  memset (state->consumed, 0, sizeof state->consumed);
  self->update_id++;
  g_signal_emit (self, signals[TICK], 0);

  return TRUE;
}

gint64
kopir_sandbox_market_update_id (KopirSandboxMarket *self)
{
  return self->update_id;
}

void
kopir_sandbox_market_mid (KopirSandboxMarket       *self,
                          const KopirSandboxSymbol *symbol,
                          KopirDecimal             *out)
{
  *out = price_dec (self->symbols[symbol->index].mid);
}

/**
 * kopir_sandbox_market_level:
 * @self: a #KopirSandboxMarket
 * @symbol: the pair
 * @side: bids or asks
 * @index: 0 for the best level
 * @price: (out): the level's price
 * @available: (out): what is left at it now
 *
 * The synthetic book: half a spread of 50 ppm from the mid, then levels
 * 20 ppm apart, each with a seeded quantity.
 *
 * Returns: %FALSE past the last level
 */
gboolean
kopir_sandbox_market_level (KopirSandboxMarket       *self,
                            const KopirSandboxSymbol *symbol,
                            KopirSandboxSide          side,
                            guint                     index,
                            KopirDecimal             *price,
                            KopirDecimal             *available)
{
  SymbolState *state = &self->symbols[symbol->index];
  const SymbolSpec *spec = state->spec;
  gint64 half_spread = MAX (spec->tick, round_to_tick (state->mid / 1000000 * 50, spec->tick));
  gint64 gap = MAX (spec->tick, round_to_tick (state->mid / 1000000 * 20, spec->tick));
  gint64 level_price;
  guint64 r;
  gint64 units;
  KopirDecimal qty, step_qty;

  if (index >= KOPIR_SANDBOX_MARKET_LEVELS)
    return FALSE;

  if (side == KOPIR_SANDBOX_SIDE_BID)
    level_price = state->mid - half_spread - gap * (gint64) index;
  else
    level_price = state->mid + half_spread + gap * (gint64) index;
  if (level_price <= 0)
    return FALSE;

  r = rnd (self->seed, symbol->index + 1, ((guint64) state->step << 12) | index, side + 3);
  units = spec->level_qty / 10 * (gint64) (3 + r % 25) - state->consumed[side][index];
  qty = qty_dec (MAX (units, 0));
  kopir_decimal_floor_to_step (&qty, &symbol->step_size, &step_qty);

  *price = price_dec (level_price);
  *available = step_qty;
  return TRUE;
}

void
kopir_sandbox_market_consume (KopirSandboxMarket       *self,
                              const KopirSandboxSymbol *symbol,
                              KopirSandboxSide          side,
                              guint                     index,
                              const KopirDecimal       *qty)
{
  KopirDecimal units;

  g_return_if_fail (index < KOPIR_SANDBOX_MARKET_LEVELS);

  if (kopir_decimal_rescale (qty, QTY_SCALE, KOPIR_ROUNDING_UP, &units))
    self->symbols[symbol->index].consumed[side][index] += units.coef;
  self->update_id++;
}

void
kopir_sandbox_market_best (KopirSandboxMarket       *self,
                           const KopirSandboxSymbol *symbol,
                           KopirSandboxSide          side,
                           KopirDecimal             *price,
                           KopirDecimal             *qty)
{
  for (guint i = 0; i < KOPIR_SANDBOX_MARKET_LEVELS; i++)
    if (kopir_sandbox_market_level (self, symbol, side, i, price, qty) &&
        kopir_decimal_is_positive (qty))
      return;
}

const KopirSandboxBar *
kopir_sandbox_market_bars (KopirSandboxMarket       *self,
                           const KopirSandboxSymbol *symbol,
                           guint                    *n_bars)
{
  SymbolState *state = &self->symbols[symbol->index];

  *n_bars = state->bars->len;
  return (const KopirSandboxBar *) (gpointer) state->bars->data;
}

/**
 * kopir_sandbox_market_record_trade:
 *
 * Adds a customer's fill to the current bar, so volumes and the last price
 * show the customer's own trading.
 */
void
kopir_sandbox_market_record_trade (KopirSandboxMarket       *self,
                                   const KopirSandboxSymbol *symbol,
                                   gint64                    trade_id,
                                   const KopirDecimal       *price,
                                   const KopirDecimal       *qty,
                                   gboolean                  taker_buys)
{
  SymbolState *state = &self->symbols[symbol->index];
  KopirSandboxBar *bar = current_bar (state, self->start_ms + self->steps * STEP_MS);

  state->last_trade_id++;
  bar->trades++;
  bar->last_trade_id = state->last_trade_id;
  bar_add (bar, price, qty, taker_buys);
}

gint64
kopir_sandbox_market_last_trade_id (KopirSandboxMarket       *self,
                                    const KopirSandboxSymbol *symbol)
{
  return self->symbols[symbol->index].last_trade_id;
}
