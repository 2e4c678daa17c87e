/* tx-yearly-statistics.c — the year's figures (年度工作统计)
 *
 * What a township, and the city office for all of them, puts in its
 * year's work summary: the consultations held (by the source of their
 * topic and their orientation), the people present at them (by
 * category), their recommendations (by adoption), the three zeros, and
 * the trainings, observation visits and discussions held, with the
 * people trained.  Each figure is one aggregate query over the
 * indexes, for one township or for all of them (people present in two
 * townships' meetings count once in the total).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-yearly-statistics"

#include "config.h"

#include "tx-metrics.h"
#include "tx-township-store.h"
#include "tx-township.h"
#include "tx-vocabulary.h"
#include "tx-yearly-statistics.h"

void
tx_yearly_row_free (TxYearlyRow *row)
{
  if (row == NULL)
    return;

  g_free (row->township);
  g_free (row);
}

/* The consultations whose meeting was held in the year (?1 its first
 * day, ?2 its last), of the township ?3 (NULL: all) */
#define HELD \
  "SELECT c.id FROM consultation c JOIN stage s ON s.consultation_id = c.id AND s.stage = 2 " \
  "WHERE c.deleted_at IS NULL AND s.done BETWEEN ?1 AND ?2 AND (?3 IS NULL OR c.township_id = ?3)"

/* The activities held in the year, up to today (?4), that the township
 * ?3 organised or took part in (NULL: all) */
#define ACTIVITIES \
  "SELECT a.id FROM activity a WHERE a.deleted_at IS NULL " \
  "  AND substr (a.starts_at, 1, 10) BETWEEN ?1 AND min (?2, ?4) " \
  "  AND (?3 IS NULL OR a.township_id = ?3 OR EXISTS (SELECT 1 FROM activity_township at " \
  "       WHERE at.activity_id = a.id AND at.township_id = ?3))"

static const char * const queries[] = {
  /* 0: the consultations held, by source and orientation */
  "SELECT c.topic_source, c.orientation, count (*) FROM consultation c WHERE c.id IN (" HELD ") GROUP BY 1, 2",
  /* 1: the people present, each once */
  "SELECT count (DISTINCT pa.person_id) FROM participant pa WHERE pa.attended = 1 AND pa.consultation_id IN (" HELD ")",
  /* 2: … by category */
  "SELECT pc.category, count (DISTINCT pa.person_id) FROM participant pa "
  "JOIN person_category pc ON pc.person_id = pa.person_id "
  "WHERE pa.attended = 1 AND pa.consultation_id IN (" HELD ") GROUP BY 1",
  /* 3: their recommendations, by adoption */
  "SELECT o.adoption, count (*) FROM outcome o WHERE o.deleted_at IS NULL AND o.consultation_id IN (" HELD ") GROUP BY 1",
  /* 4: the activities held, by kind */
  "SELECT a.kind, count (*) FROM activity a WHERE a.id IN (" ACTIVITIES ") GROUP BY 1",
  /* 5: the people present at a training (of the township: its own people) */
  "SELECT count (DISTINCT ap.person_id) FROM activity_participant ap JOIN activity a ON a.id = ap.activity_id "
  "JOIN person p ON p.id = ap.person_id "
  "WHERE ap.attended = 1 AND a.kind = 'training' AND a.deleted_at IS NULL "
  "  AND substr (a.starts_at, 1, 10) BETWEEN ?1 AND min (?2, ?4) AND (?3 IS NULL OR p.township_id = ?3)",
};

static gboolean
fill_row (TxStore      *store,
          const char   *from,
          const char   *to,
          const char   *today,
          gint64        township,
          TxYearlyRow  *row,
          GError      **error)
{
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = tx_store_prepare (store, queries[q], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
      if (township != 0)
        sqlite3_bind_int64 (stmt, 3, township);
      if (q >= 4)
        sqlite3_bind_text (stmt, 4, today, -1, SQLITE_STATIC);

      while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
        {
          const char *key = tx_column_text (stmt, 0);
          guint count = (guint) sqlite3_column_int64 (stmt, sqlite3_column_count (stmt) - 1);
          TxTopicSource source;
          TxOrientation orientation;
          TxCategory category;
          TxAdoption adoption;

          switch (q)
            {
            case 0:
              row->consultations += count;
              if (tx_topic_source_from_key (key, &source))
                row->by_source[source] += count;
              if (tx_orientation_from_key (tx_column_text (stmt, 1), &orientation))
                row->by_orientation[orientation] += count;
              break;
            case 1:
              row->participants = count;
              break;
            case 2:
              if (tx_category_from_key (key, &category))
                row->by_category[category] = count;
              break;
            case 3:
              row->outcomes += count;
              if (tx_adoption_from_key (key, &adoption))
                row->by_adoption[adoption] += count;
              break;
            case 4:
              if (g_str_equal (key, "training"))
                row->trainings = count;
              else if (g_str_equal (key, "observation"))
                row->observations = count;
              else if (g_str_equal (key, "exchange"))
                row->exchanges = count;
              else
                row->other_activities += count;
              break;
            case 5:
            default:
              row->trained = count;
              break;
            }
        }
      sqlite3_reset (stmt);
      if (rc == SQLITE_ERROR)
        return FALSE;
    }

  return TRUE;
}

static void
set_rates (TxYearlyRow     *row,
           const TxMetrics *metrics)
{
  row->feedback_rate = row->supervision_coverage = row->implementation_rate = -1;
  if (metrics == NULL)
    return;

  row->feedback_rate = tx_metrics_feedback_rate (metrics);
  row->supervision_coverage = tx_metrics_supervision_coverage (metrics);
  row->implementation_rate = tx_metrics_implementation_rate (metrics);
}

/**
 * tx_yearly_statistics_compute:
 * @township: (nullable): only this township (name or uuid), without a
 *   total; %NULL: every township, then the total
 * @today: the day the year is counted to
 *
 * Returns: (transfer full) (element-type TxYearlyRow): a row a township,
 *   in the order of the townships, and the total last (its township
 *   %NULL); %NULL with @error set when the database cannot be read
 */
GPtrArray *
tx_yearly_statistics_compute (TxStore     *store,
                              int          year,
                              const char  *township,
                              TxDate       today,
                              GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_yearly_row_free);
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(TxMetrics) total_metrics = NULL;
  g_autofree char *from = g_strdup_printf ("%04d-01-01", year);
  g_autofree char *to = g_strdup_printf ("%04d-12-31", year);
  g_autofree char *today_text = tx_date_to_iso (today);
  TxYearlyRow *total;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  if (township != NULL)
    {
      g_autoptr(TxTownship) found = tx_store_find_township (store, township, error);

      if (found == NULL)
        return NULL;
      townships = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (townships, g_steal_pointer (&found));
    }
  else
    townships = tx_store_list_townships (store, error);
  if (townships == NULL)
    return NULL;
  metrics = tx_metrics_compute (store, year, 0, today, &total_metrics, error);
  if (metrics == NULL)
    return NULL;

  for (guint i = 0; i < townships->len; i++)
    {
      TxTownship *each = g_ptr_array_index (townships, i);
      TxYearlyRow *row;
      gint64 id;

      id = tx_store_find_id (store, "township", tx_township_get_uuid (each), FALSE, error);
      if (id <= 0)
        return NULL;

      row = g_new0 (TxYearlyRow, 1);
      row->township = g_strdup (tx_township_get_name (each));
      g_ptr_array_add (rows, row);
      if (!fill_row (store, from, to, today_text, id, row, error))
        return NULL;

      set_rates (row, NULL);
      for (guint m = 0; m < metrics->len; m++)
        {
          TxMetrics *of = g_ptr_array_index (metrics, m);

          if (g_strcmp0 (of->township_uuid, tx_township_get_uuid (each)) == 0)
            set_rates (row, of);
        }
    }

  if (township != NULL)
    return g_steal_pointer (&rows);

  total = g_new0 (TxYearlyRow, 1);
  g_ptr_array_add (rows, total);
  if (!fill_row (store, from, to, today_text, 0, total, error))
    return NULL;
  set_rates (total, total_metrics);

  return g_steal_pointer (&rows);
}
