/* tx-day.c — the date today, and word when it changes
 *
 * What is overdue, which quarter is shown and where the calendar marks
 * today all hang on the date, and a clerk may leave Tongxin open over
 * night, or put the computer to sleep on Friday and wake it on Monday.
 * So the local date is looked at once a minute, which a timer set for
 * midnight would not survive (a suspended machine, a clock put right, a
 * time zone changed), and "changed" is emitted when it is another day.
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

  char    *today;     /* YYYY-MM-DD */
  guint    check_id;
};

G_DEFINE_FINAL_TYPE (TxDay, tx_day, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
local_date (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static gboolean
check_cb (gpointer user_data)
{
  TxDay *self = user_data;
  g_autofree char *today = local_date ();

  tx_day_set_today (self, today);

  return G_SOURCE_CONTINUE;
}

static void
tx_day_finalize (GObject *object)
{
  TxDay *self = (TxDay *)object;

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (tx_day_parent_class)->finalize (object);
}

static void
tx_day_class_init (TxDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tx_day_finalize;

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
  self->today = local_date ();
  self->check_id = g_timeout_add_seconds (CHECK_SECONDS, check_cb, self);
}

/**
 * tx_day_get_default:
 *
 * Returns: (transfer none): the one day of the application
 */
TxDay *
tx_day_get_default (void)
{
  static TxDay *day;

  if (g_once_init_enter (&day))
    g_once_init_leave (&day, g_object_new (TX_TYPE_DAY, NULL));

  return day;
}

/**
 * tx_day_dup_today:
 *
 * Returns: (transfer full): today, YYYY-MM-DD
 */
char *
tx_day_dup_today (TxDay *self)
{
  g_return_val_if_fail (TX_IS_DAY (self), NULL);

  return g_strdup (self->today);
}

/**
 * tx_day_set_today:
 *
 * Takes @today (YYYY-MM-DD) for the date, and emits #TxDay::changed when
 * it is another.  The minute's check calls this; so can a test.
 */
void
tx_day_set_today (TxDay      *self,
                  const char *today)
{
  g_return_if_fail (TX_IS_DAY (self));
  g_return_if_fail (today != NULL);

  if (g_strcmp0 (self->today, today) == 0)
    return;

  g_free (self->today);
  self->today = g_strdup (today);
  g_debug ("Today is %s", today);
  g_signal_emit (self, signals[CHANGED], 0);
}
