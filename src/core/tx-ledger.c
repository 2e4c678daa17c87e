/* tx-ledger.c
 *
 * The colour of every township and consultation is a pure function of
 * the data, the thresholds and a date, and comes with the rule hits
 * behind it:
 *  - a stage past its due date and not done: yellow; more than 14 days:
 *    red;
 *  - a recommendation without feedback past its feedback due date (the
 *    date agreed, or submitted + 30 days): yellow; more than 30 days
 *    past it: red;
 *  - consultations held against the annual plan pro rata: 1 behind is
 *    yellow, 2 or more red; no plan for the year at all is yellow, with
 *    that as its reason (a plan of 0 is a plan);
 *  - a township's colour is the worst of its hits, a consultation's the
 *    worst of its own.
 * A quarter is judged as it stood on its last day, or today while it
 * runs.  What is late is decided by tx-rules.c, as every view decides
 * it; the thresholds are settings (tx-settings.c).
 *
 * A quarter whose circular was issued keeps the ledger it was issued
 * with: tx_ledger_get() is the one place that decides whether a quarter
 * is read frozen or computed, for every view, document and command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-ledger"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "tx-activity.h"
#include "tx-consultation-store.h"
#include "tx-ledger.h"
#include "tx-office.h"
#include "tx-outcome-store.h"
#include "tx-records-private.h"
#include "tx-records.h"
#include "tx-rules.h"
#include "tx-settings.h"
#include "tx-vocabulary.h"
#include "tx-work-group.h"

void
tx_ledger_rules_init_default (TxLedgerRules *rules)
{
  rules->stage_red_days = 14;
  rules->feedback_days = 30;
  rules->feedback_red_days = 30;
  rules->plan_yellow_behind = 1;
  rules->plan_red_behind = 2;
}

/* The thresholds from the store's settings. */
void
tx_ledger_rules_load (TxLedgerRules *rules,
                      TxStore       *store)
{
  TxSettings *settings = tx_store_get_settings (store);

  rules->stage_red_days = tx_settings_get_stage_red_days (settings);
  rules->feedback_days = tx_settings_get_feedback_days (settings);
  rules->feedback_red_days = tx_settings_get_feedback_red_days (settings);
  rules->plan_yellow_behind = tx_settings_get_plan_yellow_behind (settings);
  rules->plan_red_behind = tx_settings_get_plan_red_behind (settings);
  rules->stale_days = g_strcmp0 (tx_settings_get_office_kind (settings), "city") == 0
                      ? tx_settings_get_stale_days (settings) : 0;
  rules->untrained_days = g_strcmp0 (tx_settings_get_office_kind (settings), "city") == 0 &&
                          tx_settings_get_untrained_rule (settings)
                          ? tx_settings_get_training_days (settings) : 0;
}

static void
hit_free (TxLedgerHit *hit)
{
  g_free (hit->kind);
  g_free (hit->uuid);
  g_free (hit->title);
  g_free (hit->consultation_uuid);
  g_free (hit->text);
  g_free (hit);
}

static void
entry_free (TxLedgerEntry *entry)
{
  g_free (entry->township_uuid);
  g_free (entry->township_name);
  g_free (entry->work_group);
  g_ptr_array_unref (entry->hits);
  g_free (entry);
}

void
tx_ledger_free (TxLedger *ledger)
{
  if (ledger == NULL)
    return;

  g_free (ledger->issued_on);
  g_free (ledger->number);
  g_ptr_array_unref (ledger->entries);
  g_free (ledger);
}

/* @key in @table, which has no %NULL key */
static gpointer
lookup (GHashTable *table,
        const char *key)
{
  return key != NULL ? g_hash_table_lookup (table, key) : NULL;
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const TxLedgerHit *x = *(TxLedgerHit * const *) a;
  const TxLedgerHit *y = *(TxLedgerHit * const *) b;

  if (x->color != y->color)
    return x->color > y->color ? -1 : 1;
  if (x->days != y->days)
    return x->days > y->days ? -1 : 1;
  return g_strcmp0 (x->title, y->title);
}

static void
add_hit (TxLedgerEntry *entry,
         TxLedgerHit   *hit)
{
  g_ptr_array_add (entry->hits, hit);
  entry->color = MAX (entry->color, hit->color);
}

/**
 * tx_ledger_evaluate:
 * @townships: (element-type TxTownship)
 * @consultations: (element-type TxConsultation): with their stages
 * @outcomes: (element-type TxOutcome)
 * @planned: (array): for each township, in the order of @townships, the
 *   number of consultations planned for @year, or -1
 * @held: (array) (nullable): for each township, in the order of
 *   @townships, the meetings held in @year by the day judged whose dates
 *   are real days written YYYY-MM-DD (tx_date_is_iso_day ()), counted in
 *   SQL; those of @consultations are then not counted again.  %NULL:
 *   every meeting held is among @consultations.
 * @today: the day to judge on
 *
 * Returns: (transfer full): the ledger of @year and @quarter as the data
 *   stand, whether or not its circular was issued
 */
TxLedger *
tx_ledger_evaluate (GPtrArray           *townships,
                    GPtrArray           *consultations,
                    GPtrArray           *outcomes,
                    const int           *planned,
                    const int           *held,
                    const TxLedgerRules *rules,
                    int                  year,
                    int                  quarter,
                    TxDate               today)
{
  TxLedger *ledger = g_new0 (TxLedger, 1);
  TxDate end = tx_date_quarter_end (year, quarter);
  TxDate year_start = tx_date_new (year, 1, 1);
  char as_of_text[11];
  /* by uuid: a city has a hundred townships and thousands of meetings */
  g_autoptr(GHashTable) entries = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);

  ledger->year = year;
  ledger->quarter = quarter;
  ledger->as_of = MIN (today, end);
  tx_date_write_iso (ledger->as_of, as_of_text);
  ledger->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);

  for (guint i = 0; i < townships->len; i++)
    {
      TxTownship *township = g_ptr_array_index (townships, i);
      TxLedgerEntry *entry = g_new0 (TxLedgerEntry, 1);

      entry->township_uuid = g_strdup (tx_township_get_uuid (township));
      entry->township_name = g_strdup (tx_township_get_name (township));
      entry->color = TX_COLOR_GREEN;
      entry->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) hit_free);
      entry->planned = planned != NULL ? planned[i] : -1;
      entry->held = held != NULL ? held[i] : 0;
      g_ptr_array_add (ledger->entries, entry);
      if (entry->township_uuid != NULL)
        g_hash_table_insert (entries, entry->township_uuid, entry);
    }
  for (guint i = 0; i < consultations->len; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (consultations, i);

      if (tx_consultation_get_uuid (consultation) != NULL)
        g_hash_table_insert (by_uuid, (gpointer) tx_consultation_get_uuid (consultation), consultation);
    }

  /* stages past their due dates */
  for (guint i = 0; i < consultations->len; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (consultations, i);
      TxLedgerEntry *entry = lookup (entries, tx_consultation_get_township_uuid (consultation));
      TxStageStatus meeting;

      if (entry == NULL)
        continue;

      /* a meeting held this year, by the date judged (unless counted
       * already) */
      tx_stage_get_status (consultation, TX_STAGE_MEETING, ledger->as_of, &meeting);
      if (meeting.state == TX_STAGE_STATE_DONE && meeting.done >= year_start &&
          (held == NULL || !tx_date_is_iso_day (tx_consultation_get_stage_done (consultation, TX_STAGE_MEETING))))
        entry->held++;

      for (guint stage = 0; stage < TX_N_STAGES; stage++)
        {
          TxStageStatus status;
          TxLedgerHit *hit;
          char due[11];
          int days;

          tx_stage_get_status (consultation, stage, ledger->as_of, &status);
          if (status.state != TX_STAGE_STATE_OVERDUE)
            continue;

          days = status.days;
          tx_date_write_iso (status.due, due);
          hit = g_new0 (TxLedgerHit, 1);
          hit->rule = TX_RULE_STAGE_OVERDUE;
          hit->color = days > rules->stage_red_days ? TX_COLOR_RED : TX_COLOR_YELLOW;
          hit->kind = g_strdup ("consultation");
          hit->uuid = g_strdup (tx_consultation_get_uuid (consultation));
          hit->consultation_uuid = g_strdup (hit->uuid);
          hit->title = g_strdup (tx_consultation_get_title (consultation));
          hit->stage = stage;
          hit->days = days;
          hit->due = status.due;
          hit->text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "“%s”: the %s stage is %d day overdue (due %s).",
                                                    "“%s”: the %s stage is %d days overdue (due %s).",
                                                    days),
                                       hit->title, tx_stage_get_label (stage), days, due);
          add_hit (entry, hit);
        }
    }

  /* recommendations whose feedback is overdue */
  for (guint i = 0; i < outcomes->len; i++)
    {
      TxOutcome *outcome = g_ptr_array_index (outcomes, i);
      TxConsultation *consultation = NULL;
      TxLedgerEntry *entry = NULL;
      TxFeedbackStatus status;
      TxLedgerHit *hit;
      char due[11];
      int days;

      tx_feedback_get_status (outcome, ledger->as_of, rules->feedback_days, &status);
      if (status.state != TX_FEEDBACK_OVERDUE)
        continue;

      days = status.days;
      tx_date_write_iso (status.due, due);

      consultation = lookup (by_uuid, tx_outcome_get_consultation_uuid (outcome));
      if (consultation != NULL)
        entry = lookup (entries, tx_consultation_get_township_uuid (consultation));
      if (entry == NULL)
        continue;

      hit = g_new0 (TxLedgerHit, 1);
      hit->rule = TX_RULE_FEEDBACK_WAITING;
      hit->color = days > rules->feedback_red_days ? TX_COLOR_RED : TX_COLOR_YELLOW;
      hit->kind = g_strdup ("outcome");
      hit->uuid = g_strdup (tx_outcome_get_uuid (outcome));
      hit->consultation_uuid = g_strdup (tx_outcome_get_consultation_uuid (outcome));
      hit->title = g_strdup (tx_outcome_get_title (outcome));
      hit->days = days;
      hit->due = status.due;
      hit->text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "“%s”: feedback is %d day overdue (due by %s).",
                                                "“%s”: feedback is %d days overdue (due by %s).",
                                                days),
                                   hit->title, days, due);
      add_hit (entry, hit);
    }

  /* the plan, pro rata: by the end of the quarter, or by today while it
   * runs */
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
      TxLedgerHit *hit;
      int behind;

      if (entry->planned < 0)
        {
          /* nothing to measure against: yellow, and the reason says
           * what to do (DESIGN §1) */
          hit = g_new0 (TxLedgerHit, 1);
          hit->rule = TX_RULE_PLAN_MISSING;
          hit->color = TX_COLOR_YELLOW;
          hit->kind = g_strdup ("township");
          hit->uuid = g_strdup (entry->township_uuid);
          hit->title = g_strdup (entry->township_name);
          hit->text = g_strdup_printf (_("No plan for %d: set the number of consultations planned for the year under Townships and Plans."),
                                       year);
          add_hit (entry, hit);
          continue;
        }
      if (entry->planned == 0)
        continue;

      if (ledger->as_of == end)
        entry->expected = entry->planned * quarter / 4;
      else
        {
          int day_of_year = tx_date_get_day_of_year (ledger->as_of);
          int days_in_year = tx_date_is_leap_year (year) ? 366 : 365;

          entry->expected = entry->planned * day_of_year / days_in_year;
        }

      behind = entry->expected - entry->held;
      if (behind < rules->plan_yellow_behind)
        continue;

      hit = g_new0 (TxLedgerHit, 1);
      hit->rule = TX_RULE_PLAN_BEHIND;
      hit->color = behind >= rules->plan_red_behind ? TX_COLOR_RED : TX_COLOR_YELLOW;
      hit->kind = g_strdup ("township");
      hit->uuid = g_strdup (entry->township_uuid);
      hit->title = g_strdup (entry->township_name);
      hit->days = behind;
      hit->text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%d of %d planned consultations held by %s, %d expected: %d behind the plan.",
                                                "%d of %d planned consultations held by %s, %d expected: %d behind the plan.",
                                                behind),
                                   entry->held, entry->planned, as_of_text, entry->expected, behind);
      add_hit (entry, hit);
    }

  for (guint i = 0; i < ledger->entries->len; i++)
    g_ptr_array_sort (((TxLedgerEntry *) g_ptr_array_index (ledger->entries, i))->hits, compare_hits);

  return ledger;
}

/* What the rules may find something in, chosen in SQL so that a
 * quarter does not read the whole history: consultations with a stage
 * due before the day judged and not done by then, or a meeting held in
 * the year, or a recommendation whose feedback has not come by then.
 * A superset: the rules in tx_ledger_evaluate() still decide.
 *
 * Dates written YYYY-MM-DD compare as text, through the indexes of
 * sql/0008-date-indexes.sql; the few rows with a date that may be
 * anything else are found through the *_odd_dates indexes and let
 * through when the rules might read something in them.  Those indexes
 * are named: without statistics, SQLite would rather walk every
 * recommendation sent (submitted_on IS NOT NULL) and test its dates
 * one by one, which takes most of the ledger's time. */
#define NOT_ISO(column) TX_SQL_NOT_ISO_DATE (column)
#define ODD(column) TX_SQL_ODD_DATE (column)
#define BY(column) "(" column " <= ?1 OR " NOT_ISO (column) ")"
#define NOT_BY(column) "(" column " IS NULL OR " column " > ?1 OR " NOT_ISO (column) ")"
#define FEEDBACK_AWAITED \
  "o.deleted_at IS NULL AND o.submitted_on IS NOT NULL AND " BY ("o.submitted_on") \
  " AND " NOT_BY ("o.feedback_received")

/* the recommendations waiting for feedback on ?1, as consultation_id
 * or id: sent by then and not answered (or answered later), or with a
 * date to read */
#define OUTCOMES_AWAITED(column) \
  "SELECT o." column " FROM outcome o WHERE o.feedback_received IS NULL AND o.deleted_at IS NULL" \
  "  AND o.submitted_on <= ?1" \
  " UNION SELECT o." column " FROM outcome o WHERE o.feedback_received > ?1 AND o.deleted_at IS NULL" \
  "  AND o.submitted_on <= ?1" \
  " UNION SELECT o." column " FROM outcome o INDEXED BY outcome_odd_dates" \
  "  WHERE (" ODD ("o.submitted_on") " OR " ODD ("o.feedback_received") ")" \
  "  AND " FEEDBACK_AWAITED

static const char ledger_consultations_sql[] =
  "SELECT c.id FROM consultation c WHERE c.deleted_at IS NULL AND c.id IN ("
  /* a stage due and not done, or done after the day */
  "SELECT s.consultation_id FROM stage s WHERE s.done IS NULL AND s.due < ?1"
  " UNION SELECT s.consultation_id FROM stage s WHERE s.done > ?1 AND s.due < ?1"
  " UNION SELECT s.consultation_id FROM stage s INDEXED BY stage_odd_dates"
  "  WHERE (" ODD ("s.due") " OR " ODD ("s.done") ")"
  "  AND ((s.due IS NOT NULL AND (s.due < ?1 OR " NOT_ISO ("s.due") ") AND " NOT_BY ("s.done") ")"
  "   OR (s.stage = 2 AND s.done IS NOT NULL AND " NOT_ISO ("s.done") "))"
  " UNION " OUTCOMES_AWAITED ("consultation_id") ") "
  "ORDER BY c.starts_at IS NULL, c.starts_at, c.title, c.id";

/* The meetings held in the year by the day judged, per township: those
 * whose dates are real days written YYYY-MM-DD, which compare as text;
 * the consultations of the others are read, and judged in C. */
static const char ledger_held_sql[] =
  "SELECT t.uuid, count (*) FROM stage s JOIN consultation c ON c.id = s.consultation_id "
  "JOIN township t ON t.id = c.township_id "
  "WHERE s.stage = 2 AND c.deleted_at IS NULL AND s.done >= ?2 AND s.done <= ?1 "
  "AND NOT " NOT_ISO ("s.done") " GROUP BY t.uuid";

static const char ledger_outcomes_sql[] =
  "SELECT o.id FROM outcome o WHERE o.id IN (" OUTCOMES_AWAITED ("id") ") "
  "ORDER BY o.submitted_on IS NULL, o.submitted_on, o.id";

typedef struct {
  int           year;
  TxDate        as_of;
  GPtrArray    *townships;
  GPtrArray    *consultations;
  GPtrArray    *outcomes;
  int          *planned;
  int          *held;
  TxLedgerRules rules;
} LedgerData;

static void
ledger_data_clear (LedgerData *data)
{
  g_clear_pointer (&data->townships, g_ptr_array_unref);
  g_clear_pointer (&data->consultations, g_ptr_array_unref);
  g_clear_pointer (&data->outcomes, g_ptr_array_unref);
  g_clear_pointer (&data->planned, g_free);
  g_clear_pointer (&data->held, g_free);
}

static GPtrArray *
load_chosen (TxStore     *store,
             const char  *sql,
             LedgerData  *data,
             GPtrArray  *(*load) (TxStore *, const gint64 *, guint, GError **),
             GError     **error)
{
  char as_of[11], year_start[11];
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;

  tx_date_write_iso (data->as_of, as_of);
  tx_date_write_iso (tx_date_new (data->year, 1, 1), year_start);
  stmt = tx_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, as_of, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_text (stmt, 2, year_start, -1, SQLITE_TRANSIENT);
  ids = tx_store_step_ids (store, stmt, error);
  if (ids == NULL)
    return NULL;

  return load (store, (const gint64 *) ids->data, ids->len, error);
}

/* The meetings held, of each township in the order of data->townships */
static gboolean
count_held (TxStore     *store,
            LedgerData  *data,
            GError     **error)
{
  char as_of[11], year_start[11];
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  tx_date_write_iso (data->as_of, as_of);
  tx_date_write_iso (tx_date_new (data->year, 1, 1), year_start);
  stmt = tx_store_prepare (store, ledger_held_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, as_of, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, year_start, -1, SQLITE_TRANSIENT);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return FALSE;

  data->held = g_new0 (int, data->townships->len + 1);
  for (guint i = 0; i < data->townships->len; i++)
    {
      const char *uuid = tx_township_get_uuid (g_ptr_array_index (data->townships, i));

      data->held[i] = uuid != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (counts, uuid)) : 0;
    }

  return TRUE;
}

/* The reads, in one read transaction: one state of the database. */
static gboolean
read_ledger_data (TxStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  LedgerData *data = user_data;

  data->townships = tx_store_list_townships (store, error);
  if (data->townships == NULL)
    return FALSE;
  data->consultations = load_chosen (store, ledger_consultations_sql, data, tx_store_load_consultations, error);
  if (data->consultations == NULL)
    return FALSE;
  data->outcomes = load_chosen (store, ledger_outcomes_sql, data, tx_store_load_outcomes, error);
  if (data->outcomes == NULL)
    return FALSE;

  if (!count_held (store, data, error))
    return FALSE;

  data->planned = g_new0 (int, data->townships->len + 1);
  for (guint i = 0; i < data->townships->len; i++)
    data->planned[i] = tx_store_get_plan (store, tx_township_get_uuid (g_ptr_array_index (data->townships, i)),
                                          data->year);
  tx_ledger_rules_load (&data->rules, store);

  return TRUE;
}

/*
 * At the city office: a township whose last file (as of when it was
 * written) is older than @stale_days on the day judged is yellow, the
 * reason saying since when.  A township of which no file came is not:
 * it may keep its data here.
 */
static gboolean
add_stale_hits (TxStore   *store,
                TxLedger  *ledger,
                int        stale_days,
                GError   **error)
{
  g_autoptr(GPtrArray) receipts = tx_office_list_receipts (store, error);

  if (receipts == NULL)
    return FALSE;

  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      for (guint r = 0; r < receipts->len; r++)
        {
          TxReceipt *receipt = g_ptr_array_index (receipts, r);
          char written[11];
          int age;
          TxLedgerHit *hit;

          if (g_strcmp0 (receipt->township, entry->township_uuid) != 0)
            continue;
          age = tx_receipt_get_age (receipt, ledger->as_of);
          if (age <= stale_days)
            break;

          hit = g_new0 (TxLedgerHit, 1);
          hit->rule = TX_RULE_DATA_STALE;
          hit->color = TX_COLOR_YELLOW;
          hit->kind = g_strdup ("township");
          hit->uuid = g_strdup (entry->township_uuid);
          hit->title = g_strdup (entry->township_name);
          hit->days = age;
          hit->due = tx_date_add_days (ledger->as_of, -age);
          tx_date_write_iso (hit->due, written);
          hit->text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    /* Translators: the age of a township's data at the city, then the file */
                                                    "No data sent for %d day: the last file (%s) was written on %s.",
                                                    "No data sent for %d days: the last file (%s) was written on %s.",
                                                    age),
                                       age, receipt->file, written);
          add_hit (entry, hit);
          g_ptr_array_sort (entry->hits, compare_hits);
          break;
        }
    }

  return TRUE;
}

/* How many names a reason gives before 等 */
#define UNTRAINED_NAMED 3

/*
 * At the city office, when it turns the rule on: a township with a
 * liaison group leader or liaison officer in post for more than
 * @untrained_days days without a training since (tx_activity_list_untrained(),
 * judged on the ledger's day) is yellow, the reason naming them.
 */
static gboolean
add_untrained_hits (TxStore   *store,
                    TxLedger  *ledger,
                    int        untrained_days,
                    GError   **error)
{
  g_autoptr(GPtrArray) untrained = tx_activity_list_untrained (store, ledger->as_of, untrained_days, error);

  if (untrained == NULL)
    return FALSE;

  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
      g_autoptr(GString) names = g_string_new (NULL);
      TxLedgerHit *hit;
      int n = 0;

      for (guint u = 0; u < untrained->len; u++)
        {
          TxUntrained *one = g_ptr_array_index (untrained, u);

          if (g_strcmp0 (one->township_uuid, entry->township_uuid) != 0)
            continue;
          if (n < UNTRAINED_NAMED)
            g_string_append_printf (names, "%s%s", n > 0 ? "、" : "", one->name);
          n++;
        }
      if (n == 0)
        continue;
      if (n > UNTRAINED_NAMED)
        /* Translators: after the first names of a list, how many there are in all */
        g_string_append_printf (names, _("… (%d in all)"), n);

      hit = g_new0 (TxLedgerHit, 1);
      hit->rule = TX_RULE_UNTRAINED;
      hit->color = TX_COLOR_YELLOW;
      hit->kind = g_strdup ("township");
      hit->uuid = g_strdup (entry->township_uuid);
      hit->title = g_strdup (entry->township_name);
      hit->days = n;
      hit->text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                /* Translators: how many leaders and officers, the days
                                                 * allowed, then their names */
                                                "%d liaison group leader or officer not trained since taking up the post more than %d days ago, or on a day not given: %s.",
                                                "%d liaison group leaders or officers not trained since taking up their posts more than %d days ago, or on days not given: %s.",
                                                n),
                                   n, untrained_days, names->str);
      add_hit (entry, hit);
      g_ptr_array_sort (entry->hits, compare_hits);
    }

  return TRUE;
}

/* The city's work group of each township, kept with the ledger (and
 * frozen with it when issued). */
static gboolean
name_work_groups (TxStore   *store,
                  TxLedger  *ledger,
                  GError   **error)
{
  g_autoptr(GHashTable) groups = tx_work_group_by_township (store, error);

  if (groups == NULL)
    return FALSE;

  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      entry->work_group = g_strdup (g_hash_table_lookup (groups, entry->township_uuid));
    }

  return TRUE;
}

/**
 * tx_ledger_compute:
 * @today: the day to judge on
 *
 * Reads what the ledger needs from the store and evaluates it, as the
 * data stand.  Views show tx_ledger_get(), which keeps an issued
 * quarter as it was issued.
 */
TxLedger *
tx_ledger_compute (TxStore     *store,
                   int          year,
                   int          quarter,
                   TxDate       today,
                   GError     **error)
{
  LedgerData data = { 0, };
  TxLedger *ledger;

  g_return_val_if_fail (quarter >= 1 && quarter <= 4, NULL);

  data.year = year;
  data.as_of = MIN (today, tx_date_quarter_end (year, quarter));
  if (!tx_store_read (store, read_ledger_data, &data, error))
    {
      ledger_data_clear (&data);
      return NULL;
    }

  ledger = tx_ledger_evaluate (data.townships, data.consultations, data.outcomes, data.planned, data.held,
                               &data.rules,
                               year, quarter, today);
  if (data.rules.stale_days > 0 && !add_stale_hits (store, ledger, data.rules.stale_days, error))
    g_clear_pointer (&ledger, tx_ledger_free);
  if (ledger != NULL && data.rules.untrained_days > 0 &&
      !add_untrained_hits (store, ledger, data.rules.untrained_days, error))
    g_clear_pointer (&ledger, tx_ledger_free);
  if (ledger != NULL && !name_work_groups (store, ledger, error))
    g_clear_pointer (&ledger, tx_ledger_free);
  ledger_data_clear (&data);

  return ledger;
}

/**
 * tx_ledger_get:
 * @today: the day to judge an unissued quarter on
 *
 * The ledger of a quarter as every view shows it: the one issued in
 * the quarter's circular (its issued_on set) when there is one, else
 * computed from the data as they are on @today (issued_on %NULL).
 *
 * Returns: (transfer full): the ledger
 */
TxLedger *
tx_ledger_get (TxStore     *store,
               int          year,
               int          quarter,
               TxDate       today,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  TxLedger *ledger;

  g_return_val_if_fail (quarter >= 1 && quarter <= 4, NULL);

  ledger = tx_ledger_load_frozen (store, year, quarter, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (ledger != NULL)
    return ledger;

  return tx_ledger_compute (store, year, quarter, today, error);
}

/* The worst colour of a consultation's own hits. */
TxColor
tx_ledger_consultation_color (TxLedger   *ledger,
                              const char *consultation_uuid)
{
  TxColor color = TX_COLOR_GREEN;

  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      for (guint h = 0; h < entry->hits->len; h++)
        {
          TxLedgerHit *hit = g_ptr_array_index (entry->hits, h);

          if (g_strcmp0 (hit->consultation_uuid, consultation_uuid) == 0)
            color = MAX (color, hit->color);
        }
    }

  return color;
}

char *
tx_ledger_to_json (TxLedger *ledger)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, ledger->year);
  json_builder_set_member_name (builder, "quarter");
  json_builder_add_int_value (builder, ledger->quarter);
  json_builder_set_member_name (builder, "as_of");
  {
    char as_of[11];

    tx_date_write_iso (ledger->as_of, as_of);
    json_builder_add_string_value (builder, as_of);
  }
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "township_uuid");
      json_builder_add_string_value (builder, entry->township_uuid);
      json_builder_set_member_name (builder, "township_name");
      json_builder_add_string_value (builder, entry->township_name);
      if (entry->work_group != NULL)
        {
          json_builder_set_member_name (builder, "work_group");
          json_builder_add_string_value (builder, entry->work_group);
        }
      json_builder_set_member_name (builder, "color");
      json_builder_add_int_value (builder, entry->color);
      json_builder_set_member_name (builder, "planned");
      json_builder_add_int_value (builder, entry->planned);
      json_builder_set_member_name (builder, "held");
      json_builder_add_int_value (builder, entry->held);
      json_builder_set_member_name (builder, "expected");
      json_builder_add_int_value (builder, entry->expected);
      json_builder_set_member_name (builder, "hits");
      json_builder_begin_array (builder);
      for (guint h = 0; h < entry->hits->len; h++)
        {
          TxLedgerHit *hit = g_ptr_array_index (entry->hits, h);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "rule");
          json_builder_add_int_value (builder, hit->rule);
          json_builder_set_member_name (builder, "color");
          json_builder_add_int_value (builder, hit->color);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, hit->kind);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, hit->uuid);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, hit->title);
          json_builder_set_member_name (builder, "stage");
          json_builder_add_int_value (builder, hit->stage);
          json_builder_set_member_name (builder, "days");
          json_builder_add_int_value (builder, hit->days);
          if (hit->due != TX_DATE_NONE)
            {
              char due[11];

              tx_date_write_iso (hit->due, due);
              json_builder_set_member_name (builder, "due");
              json_builder_add_string_value (builder, due);
            }
          json_builder_set_member_name (builder, "consultation_uuid");
          json_builder_add_string_value (builder, hit->consultation_uuid);
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, hit->text);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  const char *value = json_object_get_string_member_with_default (object, name, NULL);

  return value != NULL ? g_strdup (value) : NULL;
}

TxLedger *
tx_ledger_from_json (const char  *json,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *entries;
  TxLedger *ledger;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;

  root = json_node_get_object (json_parser_get_root (parser));
  ledger = g_new0 (TxLedger, 1);
  ledger->year = json_object_get_int_member (root, "year");
  ledger->quarter = json_object_get_int_member (root, "quarter");
  ledger->as_of = tx_date_from_iso (json_object_get_string_member_with_default (root, "as_of", NULL));
  ledger->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  entries = json_object_get_array_member (root, "entries");

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *object = json_array_get_object_element (entries, i);
      JsonArray *hits = json_object_get_array_member (object, "hits");
      TxLedgerEntry *entry = g_new0 (TxLedgerEntry, 1);

      entry->township_uuid = dup_member (object, "township_uuid");
      if (json_object_has_member (object, "work_group"))
        entry->work_group = dup_member (object, "work_group");
      entry->township_name = dup_member (object, "township_name");
      entry->color = json_object_get_int_member (object, "color");
      entry->planned = json_object_get_int_member (object, "planned");
      entry->held = json_object_get_int_member (object, "held");
      entry->expected = json_object_get_int_member (object, "expected");
      entry->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) hit_free);

      for (guint h = 0; h < json_array_get_length (hits); h++)
        {
          JsonObject *o = json_array_get_object_element (hits, h);
          TxLedgerHit *hit = g_new0 (TxLedgerHit, 1);

          hit->rule = json_object_get_int_member (o, "rule");
          hit->color = json_object_get_int_member (o, "color");
          hit->kind = dup_member (o, "kind");
          hit->uuid = dup_member (o, "uuid");
          hit->title = dup_member (o, "title");
          hit->stage = json_object_get_int_member (o, "stage");
          hit->days = json_object_get_int_member (o, "days");
          hit->due = tx_date_from_iso (json_object_get_string_member_with_default (o, "due", NULL));
          hit->consultation_uuid = dup_member (o, "consultation_uuid");
          hit->text = dup_member (o, "text");
          g_ptr_array_add (entry->hits, hit);
        }
      g_ptr_array_add (ledger->entries, entry);
    }

  return ledger;
}

/**
 * tx_ledger_load_frozen:
 * @suggestions: (out) (optional): the suggestions of the circular
 *
 * Returns: (transfer full) (nullable): the ledger as issued in the
 *   circular of that quarter, with the day it was issued, or %NULL
 *   (without an error) when none was
 */
TxLedger *
tx_ledger_load_frozen (TxStore     *store,
                       int          year,
                       int          quarter,
                       char       **suggestions,
                       GError     **error)
{
  g_autoptr(TxLedger) ledger = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (store,
                           "SELECT ledger, issued_on, suggestions, number, version FROM circular "
                           "WHERE year = ? AND quarter = ? ORDER BY version DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, quarter);
  rc = tx_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      ledger = tx_ledger_from_json (tx_column_text (stmt, 0), error);
      if (ledger != NULL)
        {
          ledger->issued_on = g_strdup (tx_column_text (stmt, 1));
          ledger->number = g_strdup (tx_column_text (stmt, 3));
          ledger->version = sqlite3_column_int (stmt, 4);
          if (suggestions != NULL)
            *suggestions = g_strdup (tx_column_text (stmt, 2));
        }
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&ledger);
}

/* Whether the circular of the quarter was issued. */
gboolean
tx_ledger_is_issued (TxStore *store,
                     int      year,
                     int      quarter)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (store, "SELECT 1 FROM circular WHERE year = ? AND quarter = ?", NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, quarter);
  rc = tx_store_step (store, stmt, NULL);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

typedef struct {
  TxLedger   *ledger;
  const char *issued_on;
  const char *number;
  const char *organization;
  const char *suggestions;
  gboolean    correction;
} Freeze;

static int
latest_version (TxStore *store,
                int      year,
                int      quarter)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, "SELECT max (version) FROM circular WHERE year = ? AND quarter = ?", NULL);
  int version = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, quarter);
  if (tx_store_step (store, stmt, NULL) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return version;
}

static gboolean
freeze (TxStore   *store,
        gpointer   user_data,
        GError   **error)
{
  Freeze *job = user_data;
  g_autofree char *json = tx_ledger_to_json (job->ledger);
  g_autofree char *uuid = tx_uuid_new ();
  g_autofree char *now = tx_store_stamp_now (store);
  g_autofree char *summary = NULL;
  int year = job->ledger->year, quarter = job->ledger->quarter;
  int latest = latest_version (store, year, quarter);
  sqlite3_stmt *stmt;

  if (job->correction && latest == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("The circular of Q%d %d was never issued: issue it first; a correction replaces an issued one."),
                   quarter, year);
      return FALSE;
    }

  if (latest > 0 && !job->correction)
    {
      /* issued: the ledger and the day stay as first issued; the
       * suggestions (and a number given now) may be revised */
      stmt = tx_store_prepare (store,
                               "UPDATE circular SET suggestions = ?4, organization = ?5, "
                               "  number = CASE WHEN ?6 <> '' THEN ?6 ELSE number END, updated_at = ?7 "
                               "WHERE year = ?1 AND quarter = ?2 AND version = ?3",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 3, latest);
    }
  else
    {
      stmt = tx_store_prepare (store,
                               "INSERT INTO circular (year, quarter, version, suggestions, organization, number, "
                               "  updated_at, uuid, issued_on, ledger) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 3, latest + 1);
      sqlite3_bind_text (stmt, 8, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, job->issued_on, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, json, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, quarter);
  sqlite3_bind_text (stmt, 4, job->suggestions ? job->suggestions : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, job->organization ? job->organization : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, job->number ? job->number : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  summary = g_strdup_printf ("%d Q%d v%d %s", year, quarter, job->correction || latest == 0 ? latest + 1 : latest,
                             job->number ? job->number : "");
  tx_store_emit_changed (store, "circular");
  return tx_store_audit (store, job->correction ? "correct" : "issue", "circular", NULL, summary, error);
}

/**
 * tx_ledger_freeze:
 *
 * Keeps @ledger as the one issued for its quarter.  A quarter already
 * issued keeps its first ledger; only the suggestions change.
 */
gboolean
tx_ledger_freeze (TxStore     *store,
                  TxLedger    *ledger,
                  const char  *issued_on,
                  const char  *organization,
                  const char  *suggestions,
                  GError     **error)
{
  return tx_ledger_issue (store, ledger, issued_on, NULL, organization, suggestions, FALSE, error);
}

/**
 * tx_ledger_issue:
 * @number: (nullable): the circular's 发文字号
 * @correction: whether this is a correction (更正) of the issued one
 *
 * Issues the quarter's circular with @ledger frozen as it is.  Issued
 * again, a quarter keeps its ledger and day, and only the suggestions
 * (and a number given now) change.  A correction is a new version with
 * @ledger, its own day and number; the versions before it are kept, and
 * every view reads the latest.
 */
gboolean
tx_ledger_issue (TxStore     *store,
                 TxLedger    *ledger,
                 const char  *issued_on,
                 const char  *number,
                 const char  *organization,
                 const char  *suggestions,
                 gboolean     correction,
                 GError     **error)
{
  Freeze job = { ledger, issued_on, number, organization, suggestions, correction };

  return tx_store_write (store, freeze, &job, error);
}

void
tx_issued_circular_free (TxIssuedCircular *circular)
{
  if (circular == NULL)
    return;

  g_free (circular->issued_on);
  g_free (circular->number);
  g_free (circular);
}

/**
 * tx_ledger_list_issued:
 *
 * Returns: (transfer full) (element-type TxIssuedCircular): every
 *   version of every circular issued, the newest quarter first, its
 *   latest version first
 */
GPtrArray *
tx_ledger_list_issued (TxStore  *store,
                       GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_issued_circular_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (store,
                           "SELECT year, quarter, version, issued_on, number FROM circular "
                           "ORDER BY year DESC, quarter DESC, version DESC",
                           error);
  if (stmt == NULL)
    return NULL;

  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      TxIssuedCircular *circular = g_new0 (TxIssuedCircular, 1);

      circular->year = sqlite3_column_int (stmt, 0);
      circular->quarter = sqlite3_column_int (stmt, 1);
      circular->version = sqlite3_column_int (stmt, 2);
      circular->issued_on = g_strdup (tx_column_text (stmt, 3));
      circular->number = g_strdup (tx_column_text (stmt, 4));
      g_ptr_array_add (list, circular);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&list);
}
