/* tx-cli-ledger.c — tongxin-cli's ledger and metrics, and the
 * period (--year, --quarter) they and the circular are asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-cli-private.h"
#include "tx-ledger.h"
#include "tx-metrics.h"
#include "tx-vocabulary.h"
#include "tx-work-group.h"

static const char * const rule_keys[] = { "stage_overdue", "feedback_waiting", "plan_behind", "plan_missing", "data_stale", "untrained" };

/* --year and --quarter, defaulting to the quarter of --today */
int
tx_cli_parse_quarter (Cli        *cli,
                      const char *year_text,
                      const char *quarter_text,
                      int        *year,
                      int        *quarter)
{
  guint64 value;

  *year = tx_date_get_year (cli->today);
  *quarter = tx_date_get_quarter (cli->today);

  if (year_text != NULL)
    {
      int status = tx_cli_parse_year (year_text, year);

      if (status != 0)
        return status;
      if (quarter_text == NULL)
        *quarter = *year < tx_date_get_year (cli->today) ? 4 : *quarter;
    }
  if (quarter_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (quarter_text, 10, 1, 4, &value, NULL))
        return tx_cli_usage_error (_("“%s” is not a quarter: use 1, 2, 3 or 4."), quarter_text);
      *quarter = (int) value;
    }

  return 0;
}

/* The options of the ledger and the metrics: --year, --quarter,
 * --township, --format. */
typedef struct {
  char     *year_text;
  char     *quarter_text;
  char     *township;
  char     *work_group;
  char     *format;
  gboolean  json;
  gboolean  by_work_group;
  int       year;
  int       quarter;
} Period;

static void
period_clear (Period *period)
{
  g_clear_pointer (&period->year_text, g_free);
  g_clear_pointer (&period->quarter_text, g_free);
  g_clear_pointer (&period->township, g_free);
  g_clear_pointer (&period->work_group, g_free);
  g_clear_pointer (&period->format, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Period, period_clear)

static int
parse_period (Cli    *cli,
              Period *period)
{
  CommandOption options[] = {
    { "year", &period->year_text, NULL },
    { "quarter", &period->quarter_text, NULL },
    { "township", &period->township, NULL },
    { "work-group", &period->work_group, NULL },
    { "by-work-group", NULL, &period->by_work_group },
    { "format", &period->format, NULL },
  };
  int status;

  status = tx_cli_parse_command_options (cli, 1, options, G_N_ELEMENTS (options), NULL);
  if (status == 0 && !tx_cli_parse_format (period->format, &period->json))
    status = tx_cli_usage_error (_("Unknown format “%s”: use tsv or json."), period->format);
  if (status == 0)
    status = tx_cli_parse_quarter (cli, period->year_text, period->quarter_text, &period->year, &period->quarter);

  return status;
}

/* Whether the ledger shows @entry: of the township asked for, of the
 * work group asked for */
static gboolean
is_shown (const Period        *period,
          const TxLedgerEntry *entry)
{
  if (period->township != NULL && !g_str_equal (period->township, entry->township_name) &&
      !g_str_equal (period->township, entry->township_uuid))
    return FALSE;

  return period->work_group == NULL || g_strcmp0 (period->work_group, entry->work_group) == 0;
}

/* Whether @name is a work group: one here, or one the ledger (as
 * issued) names */
static gboolean
names_work_group (TxStore     *store,
                  TxLedger    *ledger,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(GPtrArray) groups = NULL;

  for (guint i = 0; i < ledger->entries->len; i++)
    if (g_strcmp0 (((TxLedgerEntry *) g_ptr_array_index (ledger->entries, i))->work_group, name) == 0)
      return TRUE;

  groups = tx_work_group_list (store, error);
  if (groups == NULL)
    return FALSE;
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (((TxWorkGroup *) g_ptr_array_index (groups, i))->name, name) == 0)
      return TRUE;

  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
               _("There is no work group named “%s”: “tongxin-cli workgroup list” lists them."), name);
  return FALSE;
}

int
tx_cli_cmd_ledger (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_auto(Period) period = { 0, };
  const char *township;
  char as_of[11];
  gboolean json;
  int year, quarter;
  int status;

  status = parse_period (cli, &period);
  if (status != 0)
    return status;
  township = period.township;
  json = period.json;
  year = period.year;
  quarter = period.quarter;

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_cli_township_exists (store, township))
    return EXIT_FAILED;

  /* a quarter issued in a circular keeps the ledger it was issued with */
  ledger = tx_ledger_get (store, year, quarter, cli->today, &error);
  if (ledger == NULL)
    return tx_cli_fail ("%s", error->message);
  tx_date_write_iso (ledger->as_of, as_of);

  if (period.work_group != NULL && !names_work_group (store, ledger, period.work_group, &error))
    return tx_cli_fail ("%s", error->message);

  /* the townships shown, in the ledger's order or by work group */
  shown = g_ptr_array_new ();
  if (period.by_work_group)
    {
      g_autoptr(GPtrArray) tallies = tx_work_group_tally (ledger);

      for (guint t = 0; t < tallies->len; t++)
        {
          TxWorkGroupTally *tally = g_ptr_array_index (tallies, t);

          for (guint i = 0; i < tally->entries->len; i++)
            if (is_shown (&period, g_ptr_array_index (tally->entries, i)))
              g_ptr_array_add (shown, g_ptr_array_index (tally->entries, i));
        }
      /* no township in any group: as the ledger lists them */
      if (tallies->len == 0)
        period.by_work_group = FALSE;
    }
  if (!period.by_work_group)
    for (guint i = 0; i < ledger->entries->len; i++)
      if (is_shown (&period, g_ptr_array_index (ledger->entries, i)))
        g_ptr_array_add (shown, g_ptr_array_index (ledger->entries, i));

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < shown->len; i++)
        {
          TxLedgerEntry *entry = g_ptr_array_index (shown, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, entry->township_name);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, entry->township_uuid);
          json_builder_set_member_name (builder, "work_group");
          if (entry->work_group != NULL)
            json_builder_add_string_value (builder, entry->work_group);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "year");
          json_builder_add_int_value (builder, ledger->year);
          json_builder_set_member_name (builder, "quarter");
          json_builder_add_int_value (builder, ledger->quarter);
          json_builder_set_member_name (builder, "as_of");
          json_builder_add_string_value (builder, as_of);
          json_builder_set_member_name (builder, "issued");
          if (ledger->issued_on != NULL)
            json_builder_add_string_value (builder, ledger->issued_on);
          else
            json_builder_add_null_value (builder);
          /* the circular's 发文字号 and version, when issued */
          json_builder_set_member_name (builder, "number");
          if (ledger->issued_on != NULL)
            json_builder_add_string_value (builder, ledger->number != NULL ? ledger->number : "");
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "version");
          json_builder_add_int_value (builder, ledger->version);
          json_builder_set_member_name (builder, "color");
          json_builder_add_string_value (builder, tx_color_to_key (entry->color));
          json_builder_set_member_name (builder, "planned");
          if (entry->planned >= 0)
            json_builder_add_int_value (builder, entry->planned);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "held");
          json_builder_add_int_value (builder, entry->held);
          json_builder_set_member_name (builder, "expected");
          json_builder_add_int_value (builder, entry->expected);
          json_builder_set_member_name (builder, "reasons");
          json_builder_begin_array (builder);
          for (guint h = 0; h < entry->hits->len; h++)
            {
              TxLedgerHit *hit = g_ptr_array_index (entry->hits, h);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "rule");
              json_builder_add_string_value (builder, rule_keys[hit->rule]);
              json_builder_set_member_name (builder, "color");
              json_builder_add_string_value (builder, tx_color_to_key (hit->color));
              json_builder_set_member_name (builder, "kind");
              json_builder_add_string_value (builder, hit->kind);
              json_builder_set_member_name (builder, "uuid");
              json_builder_add_string_value (builder, hit->uuid);
              json_builder_set_member_name (builder, "title");
              json_builder_add_string_value (builder, hit->title);
              if (hit->rule == TX_RULE_STAGE_OVERDUE)
                {
                  json_builder_set_member_name (builder, "stage");
                  json_builder_add_string_value (builder, tx_stage_to_key (hit->stage));
                }
              if (hit->consultation_uuid != NULL)
                {
                  json_builder_set_member_name (builder, "consultation");
                  json_builder_add_string_value (builder, hit->consultation_uuid);
                }
              json_builder_set_member_name (builder, hit->rule == TX_RULE_PLAN_BEHIND ? "behind"
                                                   : hit->rule == TX_RULE_UNTRAINED ? "people" : "days");
              json_builder_add_int_value (builder, hit->days);
              if (hit->due != TX_DATE_NONE)
                {
                  char due[11];

                  tx_date_write_iso (hit->due, due);
                  json_builder_set_member_name (builder, "due");
                  json_builder_add_string_value (builder, due);
                }
              json_builder_set_member_name (builder, "text");
              json_builder_add_string_value (builder, hit->text);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      tx_cli_print_json (root);
    }
  else
    {
      /* grouped: the work group first, empty for a township in none */
      if (period.by_work_group)
        tx_cli_print_tsv_row ("work_group", "township", "color", "reasons", NULL);
      else
        tx_cli_print_tsv_row ("township", "color", "reasons", NULL);
      for (guint i = 0; i < shown->len; i++)
        {
          TxLedgerEntry *entry = g_ptr_array_index (shown, i);
          g_autoptr(GString) reasons = g_string_new (NULL);

          for (guint h = 0; h < entry->hits->len; h++)
            g_string_append_printf (reasons, "%s%s", h ? " " : "",
                                    ((TxLedgerHit *) g_ptr_array_index (entry->hits, h))->text);
          if (period.by_work_group)
            tx_cli_print_tsv_row (entry->work_group != NULL ? entry->work_group : "", entry->township_name,
                                  tx_color_to_key (entry->color), reasons->str, NULL);
          else
            tx_cli_print_tsv_row (entry->township_name, tx_color_to_key (entry->color), reasons->str, NULL);
        }
    }

  return EXIT_SUCCESS;
}

static void
add_rate (JsonBuilder *builder,
          const char  *name,
          double       value)
{
  json_builder_set_member_name (builder, name);
  if (value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
build_metrics (JsonBuilder     *builder,
               const TxMetrics *metrics)
{
  json_builder_begin_object (builder);
  if (metrics->township_name != NULL)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, metrics->township_name);
    }
  json_builder_set_member_name (builder, "submitted");
  json_builder_add_int_value (builder, metrics->submitted);
  json_builder_set_member_name (builder, "feedback_received");
  json_builder_add_int_value (builder, metrics->answered);
  add_rate (builder, "feedback_rate", tx_metrics_feedback_rate (metrics));
  json_builder_set_member_name (builder, "adopted");
  json_builder_add_int_value (builder, metrics->adopted);
  json_builder_set_member_name (builder, "supervised_all_phases");
  json_builder_add_int_value (builder, metrics->supervised);
  add_rate (builder, "supervision_coverage", tx_metrics_supervision_coverage (metrics));
  json_builder_set_member_name (builder, "implemented");
  json_builder_add_int_value (builder, metrics->implemented);
  add_rate (builder, "implementation_rate", tx_metrics_implementation_rate (metrics));
  json_builder_end_object (builder);
}

static char *
format_rate (double value)
{
  return value < 0 ? g_strdup ("—") : g_strdup_printf ("%.0f%%", value * 100);
}

static void
print_metrics_row (const char      *name,
                   const TxMetrics *metrics)
{
  g_autofree char *feedback = format_rate (tx_metrics_feedback_rate (metrics));
  g_autofree char *supervision = format_rate (tx_metrics_supervision_coverage (metrics));
  g_autofree char *implementation = format_rate (tx_metrics_implementation_rate (metrics));
  g_autofree char *submitted = g_strdup_printf ("%u", metrics->submitted);
  g_autofree char *answered = g_strdup_printf ("%u", metrics->answered);
  g_autofree char *adopted = g_strdup_printf ("%u", metrics->adopted);
  g_autofree char *supervised = g_strdup_printf ("%u", metrics->supervised);
  g_autofree char *implemented = g_strdup_printf ("%u", metrics->implemented);

  tx_cli_print_tsv_row (name, submitted, answered, feedback, adopted, supervised, supervision,
                        implemented, implementation, NULL);
}

int
tx_cli_cmd_metrics (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(TxMetrics) total = NULL;
  g_auto(Period) period = { 0, };
  const char *township;
  gboolean json;
  int year, quarter;
  int status;

  status = parse_period (cli, &period);
  if (status != 0)
    return status;
  if (period.work_group != NULL || period.by_work_group)
    return tx_cli_usage_error (_("“metrics” takes no --work-group: tongxin-cli metrics [--year Y] [--quarter Q] [--township NAME]"));
  township = period.township;
  json = period.json;
  year = period.year;
  quarter = period.quarter;
  /* without --quarter, the whole year */
  if (period.quarter_text == NULL)
    quarter = 0;

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_cli_township_exists (store, township))
    return EXIT_FAILED;

  metrics = tx_metrics_compute (store, year, quarter, cli->today, &total, &error);
  if (metrics == NULL)
    return tx_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, year);
      json_builder_set_member_name (builder, "quarter");
      if (quarter > 0)
        json_builder_add_int_value (builder, quarter);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "townships");
      json_builder_begin_array (builder);
      for (guint i = 0; i < metrics->len; i++)
        {
          TxMetrics *m = g_ptr_array_index (metrics, i);

          if (township == NULL || g_str_equal (township, m->township_name) || g_str_equal (township, m->township_uuid))
            build_metrics (builder, m);
        }
      json_builder_end_array (builder);
      if (township == NULL)
        {
          json_builder_set_member_name (builder, "total");
          build_metrics (builder, total);
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      tx_cli_print_json (root);
    }
  else
    {
      tx_cli_print_tsv_row ("township", "submitted", "feedback_received", "feedback_rate", "adopted",
                            "supervised_all_phases", "supervision_coverage", "implemented", "implementation_rate", NULL);
      for (guint i = 0; i < metrics->len; i++)
        {
          TxMetrics *m = g_ptr_array_index (metrics, i);

          if (township == NULL || g_str_equal (township, m->township_name) || g_str_equal (township, m->township_uuid))
            print_metrics_row (m->township_name, m);
        }
      if (township == NULL)
        print_metrics_row (_("all"), total);
    }

  return EXIT_SUCCESS;
}
