/* tx-ledger.c
 *
 * The colour of every township and consultation is a pure function of
 * the data, the thresholds and a date, and comes with the rule hits
 * behind it:
 *  - a stage past its due date and not done: yellow; more than 14 days:
 *    red;
 *  - a recommendation submitted and without feedback for more than 30
 *    days: yellow; more than 60: red;
 *  - consultations held against the annual plan pro rata: 1 behind is
 *    yellow, 2 or more red;
 *  - a township's colour is the worst of its hits, a consultation's the
 *    worst of its own.
 * A quarter is judged as it stood on its last day, or today while it
 * runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-ledger"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "tx-ledger.h"
#include "tx-records.h"
#include "tx-vocabulary.h"

void
tx_ledger_rules_init_default (TxLedgerRules *rules)
{
  rules->stage_red_days = 14;
  rules->feedback_yellow_days = 30;
  rules->feedback_red_days = 60;
  rules->plan_yellow_behind = 1;
  rules->plan_red_behind = 2;
}

static int
setting_int (TxStore    *store,
             const char *key,
             int         fallback)
{
  g_autofree char *text = tx_store_get_setting (store, key);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, 10000, &value, NULL))
    return fallback;

  return (int) value;
}

/* The thresholds from the settings, the defaults where none is set. */
void
tx_ledger_rules_load (TxLedgerRules *rules,
                      TxStore       *store)
{
  tx_ledger_rules_init_default (rules);
  rules->stage_red_days = setting_int (store, "ledger.stage-red-days", rules->stage_red_days);
  rules->feedback_yellow_days = setting_int (store, "ledger.feedback-yellow-days", rules->feedback_yellow_days);
  rules->feedback_red_days = setting_int (store, "ledger.feedback-red-days", rules->feedback_red_days);
  rules->plan_yellow_behind = setting_int (store, "ledger.plan-yellow-behind", rules->plan_yellow_behind);
  rules->plan_red_behind = setting_int (store, "ledger.plan-red-behind", rules->plan_red_behind);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static int
days_between (const char *from,
              const char *to)
{
  GDate a, b;

  if (!parse_date (from, &a) || !parse_date (to, &b))
    return 0;

  return g_date_days_between (&a, &b);
}

void
tx_ledger_quarter_of (const char *date,
                      int        *year,
                      int        *quarter)
{
  GDate parsed;

  if (!parse_date (date, &parsed))
    {
      *year = 0;
      *quarter = 0;
      return;
    }

  *year = g_date_get_year (&parsed);
  *quarter = (g_date_get_month (&parsed) - 1) / 3 + 1;
}

static char *
quarter_end (int year,
             int quarter)
{
  static const int last_day[] = { 31, 30, 30, 31 };

  return g_strdup_printf ("%04d-%02d-%02d", year, quarter * 3, last_day[quarter - 1]);
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
  g_ptr_array_unref (entry->hits);
  g_free (entry);
}

void
tx_ledger_free (TxLedger *ledger)
{
  if (ledger == NULL)
    return;

  g_free (ledger->as_of);
  g_ptr_array_unref (ledger->entries);
  g_free (ledger);
}

static TxLedgerEntry *
find_entry (TxLedger   *ledger,
            const char *township_uuid)
{
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      if (g_strcmp0 (entry->township_uuid, township_uuid) == 0)
        return entry;
    }

  return NULL;
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
 * @today: YYYY-MM-DD
 *
 * Returns: (transfer full): the ledger of @year and @quarter
 */
TxLedger *
tx_ledger_evaluate (GPtrArray           *townships,
                    GPtrArray           *consultations,
                    GPtrArray           *outcomes,
                    const int           *planned,
                    const TxLedgerRules *rules,
                    int                  year,
                    int                  quarter,
                    const char          *today)
{
  TxLedger *ledger = g_new0 (TxLedger, 1);
  g_autofree char *end = quarter_end (year, quarter);
  g_autofree char *year_start = g_strdup_printf ("%04d-01-01", year);

  ledger->year = year;
  ledger->quarter = quarter;
  ledger->as_of = g_strdup (g_strcmp0 (today, end) < 0 ? today : end);
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
      g_ptr_array_add (ledger->entries, entry);
    }

  /* stages past their due dates */
  for (guint i = 0; i < consultations->len; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (consultations, i);
      TxLedgerEntry *entry = find_entry (ledger, tx_consultation_get_township_uuid (consultation));
      const char *meeting_done = tx_consultation_get_stage_done (consultation, TX_STAGE_MEETING);

      if (entry == NULL)
        continue;

      /* a meeting held this year, by the date judged */
      if (meeting_done != NULL && g_strcmp0 (meeting_done, year_start) >= 0 &&
          g_strcmp0 (meeting_done, ledger->as_of) <= 0)
        entry->held++;

      for (guint stage = 0; stage < TX_N_STAGES; stage++)
        {
          const char *due = tx_consultation_get_stage_due (consultation, stage);
          const char *done = tx_consultation_get_stage_done (consultation, stage);
          TxLedgerHit *hit;
          int days;

          if (due == NULL || g_strcmp0 (due, ledger->as_of) >= 0)
            continue;
          if (done != NULL && g_strcmp0 (done, ledger->as_of) <= 0)
            continue;

          days = days_between (due, ledger->as_of);
          hit = g_new0 (TxLedgerHit, 1);
          hit->rule = TX_RULE_STAGE_OVERDUE;
          hit->color = days > rules->stage_red_days ? TX_COLOR_RED : TX_COLOR_YELLOW;
          hit->kind = g_strdup ("consultation");
          hit->uuid = g_strdup (tx_consultation_get_uuid (consultation));
          hit->consultation_uuid = g_strdup (hit->uuid);
          hit->title = g_strdup (tx_consultation_get_title (consultation));
          hit->stage = stage;
          hit->days = days;
          hit->text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "“%s”: the %s stage is %d day overdue (due %s).",
                                                    "“%s”: the %s stage is %d days overdue (due %s).",
                                                    days),
                                       hit->title, tx_stage_get_label (stage), days, due);
          add_hit (entry, hit);
        }
    }

  /* recommendations waiting for feedback */
  for (guint i = 0; i < outcomes->len; i++)
    {
      TxOutcome *outcome = g_ptr_array_index (outcomes, i);
      const char *submitted = tx_outcome_get_submitted (outcome);
      const char *received = tx_outcome_get_feedback_received (outcome);
      TxConsultation *consultation = NULL;
      TxLedgerEntry *entry = NULL;
      TxLedgerHit *hit;
      int days;

      if (submitted == NULL || g_strcmp0 (submitted, ledger->as_of) > 0)
        continue;
      if (received != NULL && g_strcmp0 (received, ledger->as_of) <= 0)
        continue;

      days = days_between (submitted, ledger->as_of);
      if (days <= rules->feedback_yellow_days)
        continue;

      for (guint c = 0; c < consultations->len && consultation == NULL; c++)
        if (g_strcmp0 (tx_consultation_get_uuid (g_ptr_array_index (consultations, c)),
                       tx_outcome_get_consultation_uuid (outcome)) == 0)
          consultation = g_ptr_array_index (consultations, c);
      if (consultation != NULL)
        entry = find_entry (ledger, tx_consultation_get_township_uuid (consultation));
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
      hit->text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "“%s” has waited %d day for feedback (submitted %s).",
                                                "“%s” has waited %d days for feedback (submitted %s).",
                                                days),
                                   hit->title, days, submitted);
      add_hit (entry, hit);
    }

  /* the plan, pro rata: by the end of the quarter, or by today while it
   * runs */
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
      TxLedgerHit *hit;
      int behind;

      if (entry->planned <= 0)
        continue;

      if (g_str_equal (ledger->as_of, end))
        entry->expected = entry->planned * quarter / 4;
      else
        {
          GDate as_of;
          int day_of_year, days_in_year;

          parse_date (ledger->as_of, &as_of);
          day_of_year = g_date_get_day_of_year (&as_of);
          days_in_year = g_date_is_leap_year (year) ? 366 : 365;
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
                                   entry->held, entry->planned, ledger->as_of, entry->expected, behind);
      add_hit (entry, hit);
    }

  for (guint i = 0; i < ledger->entries->len; i++)
    g_ptr_array_sort (((TxLedgerEntry *) g_ptr_array_index (ledger->entries, i))->hits, compare_hits);

  return ledger;
}

/**
 * tx_ledger_compute:
 * @today: YYYY-MM-DD
 *
 * Reads what the ledger needs from the store and evaluates it.
 */
TxLedger *
tx_ledger_compute (TxStore     *store,
                   int          year,
                   int          quarter,
                   const char  *today,
                   GError     **error)
{
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autofree int *planned = NULL;
  TxLedgerRules rules;

  g_return_val_if_fail (quarter >= 1 && quarter <= 4, NULL);

  townships = tx_store_list_townships (store, error);
  if (townships == NULL)
    return NULL;
  consultations = tx_store_list_consultations (store, 0, NULL, error);
  if (consultations == NULL)
    return NULL;
  outcomes = tx_store_list_outcomes (store, NULL, error);
  if (outcomes == NULL)
    return NULL;

  planned = g_new0 (int, townships->len + 1);
  for (guint i = 0; i < townships->len; i++)
    planned[i] = tx_store_get_plan (store, tx_township_get_uuid (g_ptr_array_index (townships, i)), year);

  tx_ledger_rules_load (&rules, store);

  return tx_ledger_evaluate (townships, consultations, outcomes, planned, &rules, year, quarter, today);
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
  json_builder_add_string_value (builder, ledger->as_of);
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
  ledger->as_of = dup_member (root, "as_of");
  ledger->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  entries = json_object_get_array_member (root, "entries");

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *object = json_array_get_object_element (entries, i);
      JsonArray *hits = json_object_get_array_member (object, "hits");
      TxLedgerEntry *entry = g_new0 (TxLedgerEntry, 1);

      entry->township_uuid = dup_member (object, "township_uuid");
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
 * @issued_on: (out) (optional): the day the circular was issued
 * @suggestions: (out) (optional): its suggestions
 *
 * Returns: (transfer full) (nullable): the ledger as issued in the
 *   circular of that quarter, or %NULL (without an error) when none was
 */
TxLedger *
tx_ledger_load_frozen (TxStore     *store,
                       int          year,
                       int          quarter,
                       char       **issued_on,
                       char       **suggestions,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  TxLedger *ledger = NULL;

  stmt = tx_store_prepare (store,
                           "SELECT ledger, issued_on, suggestions FROM circular WHERE year = ? AND quarter = ?",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, quarter);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ledger = tx_ledger_from_json (tx_column_text (stmt, 0), error);
      if (issued_on != NULL)
        *issued_on = g_strdup (tx_column_text (stmt, 1));
      if (suggestions != NULL)
        *suggestions = g_strdup (tx_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  return ledger;
}

typedef struct {
  TxLedger   *ledger;
  const char *issued_on;
  const char *organization;
  const char *suggestions;
} Freeze;

static gboolean
freeze (TxStore   *store,
        gpointer   user_data,
        GError   **error)
{
  Freeze *job = user_data;
  g_autofree char *json = tx_ledger_to_json (job->ledger);
  g_autofree char *uuid = tx_uuid_new ();
  g_autofree char *now = tx_timestamp_now ();
  g_autofree char *summary = g_strdup_printf ("%d Q%d", job->ledger->year, job->ledger->quarter);
  sqlite3_stmt *stmt;

  /* the ledger stays as first issued; suggestions may be revised */
  stmt = tx_store_prepare (store,
                           "INSERT INTO circular (uuid, year, quarter, issued_on, organization, suggestions, "
                           "  ledger, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                           "ON CONFLICT (year, quarter) DO UPDATE SET suggestions = ?6, organization = ?5, "
                           "  updated_at = ?8",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, job->ledger->year);
  sqlite3_bind_int (stmt, 3, job->ledger->quarter);
  sqlite3_bind_text (stmt, 4, job->issued_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, job->organization ? job->organization : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, job->suggestions ? job->suggestions : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  tx_store_emit_changed (store, "circular");
  return tx_store_audit (store, "issue", "circular", NULL, summary, error);
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
  Freeze job = { ledger, issued_on, organization, suggestions };

  return tx_store_write (store, freeze, &job, error);
}
