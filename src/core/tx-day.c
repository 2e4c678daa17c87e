/* tx-day.c — the day today, and word when it changes
 *
 * What is overdue, which quarter is shown and where the calendar marks
 * today all hang on the date, and a clerk may leave Tongxin open over
 * night, or put the computer to sleep on Friday and wake it on Monday.
 * A day that follows the clock looks at the local date once a minute,
 * which a timer set for midnight would not survive (a suspended machine,
 * a clock put right, a time zone changed), and emits "changed" when it
 * is another day.
 *
 * The application owns one day and gives it to the window like the
 * store; the command-line tool and the tests make a fixed one
 * (tx_day_new_fixed()), which only tx_day_set_today() moves.  Nothing
 * else reads the clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-day"

#include "config.h"

#include "tx-day.h"

#define CHECK_SECONDS 60

struct _TxDay
{
  GObject  parent_instance;

  /* state */
  TxDate   today;
  guint    check_id;   /* 0 for a fixed day */
};

G_DEFINE_FINAL_TYPE (TxDay, tx_day, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TODAY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
check_cb (gpointer user_data)
{
  TxDay *self = user_data;

  tx_day_set_today (self, tx_date_today_local ());

  return G_SOURCE_CONTINUE;
}

static void
tx_day_finalize (GObject *object)
{
  TxDay *self = (TxDay *)object;

  g_clear_handle_id (&self->check_id, g_source_remove);

  G_OBJECT_CLASS (tx_day_parent_class)->finalize (object);
}

static void
tx_day_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  TxDay *self = TX_DAY (object);

  switch (prop_id)
    {
    case PROP_TODAY:
      g_value_set_int (value, self->today);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_day_class_init (TxDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tx_day_finalize;
  object_class->get_property = tx_day_get_property;

  /**
   * TxDay:today:
   *
   * Today, a #TxDate.
   */
  properties[PROP_TODAY] =
    g_param_spec_int ("today", NULL, NULL,
                      0, G_MAXINT32, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TxDay::changed:
   *
   * It is another day: what depends on the date wants a new look.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
tx_day_init (TxDay *self)
{
}

/**
 * tx_day_new:
 *
 * Returns: (transfer full): a day that follows the computer's clock
 */
TxDay *
tx_day_new (void)
{
  TxDay *self = g_object_new (TX_TYPE_DAY, NULL);

  self->today = tx_date_today_local ();
  self->check_id = g_timeout_add_seconds (CHECK_SECONDS, check_cb, self);

  return self;
}

/**
 * tx_day_new_fixed:
 * @today: the day
 *
 * Returns: (transfer full): a day that stays @today until
 *   tx_day_set_today() moves it
 */
TxDay *
tx_day_new_fixed (TxDate today)
{
  TxDay *self;

  g_return_val_if_fail (today > 0, NULL);

  self = g_object_new (TX_TYPE_DAY, NULL);
  self->today = today;

  return self;
}

TxDate
tx_day_get_today (TxDay *self)
{
  g_return_val_if_fail (TX_IS_DAY (self), TX_DATE_NONE);

  return self->today;
}

/**
 * tx_day_dup_iso:
 *
 * Returns: (transfer full): today as "YYYY-MM-DD"
 */
char *
tx_day_dup_iso (TxDay *self)
{
  g_return_val_if_fail (TX_IS_DAY (self), NULL);

  return tx_date_to_iso (self->today);
}

gboolean
tx_day_is_fixed (TxDay *self)
{
  g_return_val_if_fail (TX_IS_DAY (self), TRUE);

  return self->check_id == 0;
}

/**
 * tx_day_set_today:
 *
 * Takes @today for the date, and emits #TxDay::changed when it is
 * another.  The minute's check calls this; so can a test.
 */
void
tx_day_set_today (TxDay  *self,
                  TxDate  today)
{
  g_return_if_fail (TX_IS_DAY (self));
  g_return_if_fail (today > 0);

  if (self->today == today)
    return;

  self->today = today;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * tx_day_watch:
 * @slot: where a widget keeps its day
 * @day: (nullable): the new day
 * @on_changed: called (swapped: with @instance) when @day changes
 * @instance: the object that keeps the day
 *
 * Keeps a reference to @day in *@slot and listens to it instead of the
 * day kept before: what every page and editor does with its "day".
 *
 * Returns: whether the day kept is another one
 */
gboolean
tx_day_watch (TxDay     **slot,
              TxDay      *day,
              GCallback   on_changed,
              gpointer    instance)
{
  g_return_val_if_fail (slot != NULL, FALSE);
  g_return_val_if_fail (day == NULL || TX_IS_DAY (day), FALSE);

  if (*slot == day)
    return FALSE;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, on_changed, instance);
  g_set_object (slot, day);
  if (day != NULL)
    g_signal_connect_object (day, "changed", on_changed, instance, G_CONNECT_SWAPPED);

  return TRUE;
}
