/* tx-metrics.c
 *
 * 反馈对象零遗漏: every submitted recommendation gets feedback;
 * 监督范围零死角: every adopted one is supervised before, during and after;
 * 转化利用零克扣: adopted ones are carried out in full.
 * Counted over the recommendations submitted in the period, as things
 * stood at its end (or today while it runs).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-metrics"

#include "config.h"

#include <string.h>

#include "tx-metrics.h"
#include "tx-records-private.h"
#include "tx-records.h"
#include "tx-vocabulary.h"

static double
rate (guint part,
      guint whole)
{
  return whole > 0 ? (double) part / whole : -1.0;
}

double
tx_metrics_feedback_rate (const TxMetrics *metrics)
{
  return rate (metrics->answered, metrics->submitted);
}

double
tx_metrics_supervision_coverage (const TxMetrics *metrics)
{
  return rate (metrics->supervised, metrics->adopted);
}

double
tx_metrics_implementation_rate (const TxMetrics *metrics)
{
  return rate (metrics->implemented, metrics->adopted);
}

/**
 * tx_metrics_add_outcome:
 * @as_of: what happened after it does not count
 *
 * Counts one submitted recommendation.
 */
void
tx_metrics_add_outcome (TxMetrics  *metrics,
                        TxOutcome  *outcome,
                        TxDate      as_of)
{
  TxDate received = tx_date_from_iso (tx_outcome_get_feedback_received (outcome));
  TxAdoption adoption = tx_outcome_get_adoption (outcome);
  gboolean phases[3] = { FALSE, FALSE, FALSE };
  GPtrArray *supervisions;

  metrics->submitted++;

  if (received == TX_DATE_NONE || received > as_of)
    return;
  metrics->answered++;

  if (adoption != TX_ADOPTION_ADOPTED && adoption != TX_ADOPTION_PARTLY_ADOPTED)
    return;
  metrics->adopted++;

  supervisions = tx_outcome_get_supervisions (outcome);
  for (guint i = 0; i < supervisions->len; i++)
    {
      TxSupervision *supervision = g_ptr_array_index (supervisions, i);

      if (supervision->date == NULL || tx_date_from_iso (supervision->date) <= as_of)
        phases[supervision->phase] = TRUE;
    }
  if (phases[TX_SUPERVISION_BEFORE] && phases[TX_SUPERVISION_DURING] && phases[TX_SUPERVISION_AFTER])
    metrics->supervised++;

  if (tx_outcome_get_progress (outcome) >= 100)
    metrics->implemented++;
}

void
tx_metrics_free (TxMetrics *metrics)
{
  if (metrics == NULL)
    return;

  g_free (metrics->township_uuid);
  g_free (metrics->township_name);
  g_free (metrics);
}

/* The recommendations submitted in a period, chosen in SQL (a date not
 * written YYYY-MM-DD is let through, for tx_date_from_iso() to read),
 * and for each consultation its township: a year's metrics do not read
 * the whole history, nor any stage. */
static const char period_outcomes_sql[] =
  "SELECT o.id FROM outcome o WHERE o.deleted_at IS NULL AND o.submitted_on IS NOT NULL "
  "AND ((o.submitted_on >= ?1 AND o.submitted_on <= ?2) "
  "  OR " TX_SQL_NOT_ISO_DATE ("o.submitted_on") ") "
  "ORDER BY o.submitted_on, o.id";

static const char consultation_townships_sql[] =
  "SELECT c.uuid, t.uuid FROM consultation c JOIN township t ON t.id = c.township_id "
  "WHERE c.deleted_at IS NULL";

typedef struct {
  TxDate      from;
  TxDate      as_of;
  GPtrArray  *townships;
  GHashTable *township_of;   /* consultation uuid → township uuid */
  GPtrArray  *outcomes;
} MetricsData;

static gboolean
read_metrics_data (TxStore   *store,
                   gpointer   user_data,
                   GError   **error)
{
  MetricsData *data = user_data;
  char from[11], as_of[11];
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;
  int rc;

  data->townships = tx_store_list_townships (store, error);
  if (data->townships == NULL)
    return FALSE;

  stmt = tx_store_prepare (store, consultation_townships_sql, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    g_hash_table_insert (data->township_of,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return FALSE;

  tx_date_write_iso (data->from, from);
  tx_date_write_iso (data->as_of, as_of);
  stmt = tx_store_prepare (store, period_outcomes_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, as_of, -1, SQLITE_TRANSIENT);
  ids = tx_store_step_ids (store, stmt, error);
  if (ids == NULL)
    return FALSE;
  data->outcomes = tx_store_load_outcomes (store, (const gint64 *) ids->data, ids->len, error);

  return data->outcomes != NULL;
}

/**
 * tx_metrics_compute:
 * @quarter: 1 to 4, or 0 for the whole year
 * @total: (out) (optional): all townships together
 *
 * Returns: (transfer full) (element-type TxMetrics): one a township
 */
GPtrArray *
tx_metrics_compute (TxStore     *store,
                    int          year,
                    int          quarter,
                    TxDate       today,
                    TxMetrics  **total,
                    GError     **error)
{
  g_autoptr(GHashTable) by_township = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_metrics_free);
  MetricsData data = { 0, };
  TxMetrics *all;
  TxDate to;
  gboolean ok;

  g_return_val_if_fail (quarter >= 0 && quarter <= 4, NULL);

  data.from = tx_date_quarter_start (year, MAX (quarter, 1));
  to = tx_date_quarter_end (year, quarter > 0 ? quarter : 4);
  data.as_of = MIN (today, to);
  data.township_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  ok = tx_store_read (store, read_metrics_data, &data, error);
  if (ok)
    {
      all = g_new0 (TxMetrics, 1);
      for (guint i = 0; i < data.townships->len; i++)
        {
          TxTownship *township = g_ptr_array_index (data.townships, i);
          TxMetrics *metrics = g_new0 (TxMetrics, 1);

          metrics->township_uuid = g_strdup (tx_township_get_uuid (township));
          metrics->township_name = g_strdup (tx_township_get_name (township));
          g_ptr_array_add (result, metrics);
          if (metrics->township_uuid != NULL)
            g_hash_table_insert (by_township, metrics->township_uuid, metrics);
        }

      for (guint i = 0; i < data.outcomes->len; i++)
        {
          TxOutcome *outcome = g_ptr_array_index (data.outcomes, i);
          TxDate submitted = tx_date_from_iso (tx_outcome_get_submitted (outcome));
          const char *township_uuid;
          TxMetrics *metrics = NULL;

          if (submitted == TX_DATE_NONE || submitted < data.from || submitted > data.as_of)
            continue;

          township_uuid = tx_outcome_get_consultation_uuid (outcome) != NULL
                          ? g_hash_table_lookup (data.township_of, tx_outcome_get_consultation_uuid (outcome))
                          : NULL;
          if (township_uuid != NULL)
            metrics = g_hash_table_lookup (by_township, township_uuid);
          if (metrics != NULL)
            tx_metrics_add_outcome (metrics, outcome, data.as_of);
          tx_metrics_add_outcome (all, outcome, data.as_of);
        }

      if (total != NULL)
        *total = all;
      else
        tx_metrics_free (all);
    }

  g_clear_pointer (&data.townships, g_ptr_array_unref);
  g_clear_pointer (&data.township_of, g_hash_table_unref);
  g_clear_pointer (&data.outcomes, g_ptr_array_unref);

  return ok ? g_steal_pointer (&result) : NULL;
}

/**
 * tx_metrics_count_adoption:
 * @counts: (out caller-allocates) (array fixed-size=4): by #TxAdoption
 *
 * Counts the recommendations submitted in @year by adoption, in SQL.
 *
 * Returns: whether they could be read
 */
gboolean
tx_metrics_count_adoption (TxStore  *store,
                           int       year,
                           guint     counts[4],
                           GError  **error)
{
  g_autofree char *prefix = g_strdup_printf ("%04d-%%", year);
  sqlite3_stmt *stmt;
  int rc;

  memset (counts, 0, 4 * sizeof (guint));
  stmt = tx_store_prepare (store,
                           "SELECT o.adoption, count(*) FROM outcome o "
                           "JOIN consultation c ON c.id = o.consultation_id "
                           "WHERE o.deleted_at IS NULL AND o.submitted_on LIKE ?1 GROUP BY o.adoption",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_TRANSIENT);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      TxAdoption adoption = TX_ADOPTION_PENDING;

      tx_adoption_from_key ((const char *) sqlite3_column_text (stmt, 0), &adoption);
      counts[adoption] += sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);

  return rc != SQLITE_ERROR;
}
