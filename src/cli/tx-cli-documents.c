/* tx-cli-documents.c — tongxin-cli's documents: the sign-in sheet and
 * the minutes of a meeting, the quarterly circular, and the charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-chart.h"
#include "tx-circular-chart.h"
#include "tx-circular-document.h"
#include "tx-cli-private.h"
#include "tx-ledger.h"
#include "tx-metrics.h"
#include "tx-minutes-document.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-signin-document.h"
#include "tx-store.h"

static gboolean
setting_is (TxStore    *store,
            const char *key,
            const char *value)
{
  g_autofree char *current = tx_store_get_setting (store, key);

  return g_strcmp0 (current, value) == 0;
}

int
tx_cli_cmd_signin_sheet (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TxTableDocument) doc = NULL;
  g_autofree char *order = NULL;
  g_autofree char *blank_text = NULL;
  g_autofree char *blank_setting = NULL;
  CommandOption options[] = {
    { "order", &order, NULL },
    { "blank-rows", &blank_text, NULL },
  };
  GPtrArray *participants;
  gboolean by_strokes;
  guint64 blank_rows = 5;
  const char *out;
  int status;

  status = tx_cli_parse_command_options (cli, 1, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 2)
    return tx_cli_usage_error (_("“signin-sheet” needs a consultation and the PDF to write: tongxin-cli signin-sheet CONSULTATION OUT.pdf"));
  out = g_ptr_array_index (positional, 1);
  if (!g_str_has_suffix (out, ".pdf") && !g_str_has_suffix (out, ".PDF"))
    return tx_cli_usage_error (_("“%s” must end in .pdf."), out);
  if (order != NULL && !g_str_equal (order, "category") && !g_str_equal (order, "strokes"))
    return tx_cli_usage_error (_("Unknown order “%s”: use category or strokes."), order);
  if (blank_text != NULL && !g_ascii_string_to_unsigned (blank_text, 10, 0, 100, &blank_rows, NULL))
    return tx_cli_usage_error (_("“%s” is not a number of blank rows (0 to 100)."), blank_text);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  consultation = tx_store_load_consultation (store, g_ptr_array_index (positional, 0), &error);
  if (consultation == NULL)
    return tx_cli_fail ("%s", error->message);

  participants = tx_consultation_get_participants (consultation);
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);
      TxPerson *person = tx_roster_find_person (store, participant->person_uuid, NULL);

      if (person != NULL)
        g_ptr_array_add (people, person);
    }

  by_strokes = order != NULL ? g_str_equal (order, "strokes") : setting_is (store, "signin-order", "strokes");
  blank_setting = tx_store_get_setting (store, "signin-blank-rows");
  if (blank_text == NULL && blank_setting != NULL)
    g_ascii_string_to_unsigned (blank_setting, 10, 0, 100, &blank_rows, NULL);

  doc = tx_signin_document_new (consultation, people, by_strokes, (guint) blank_rows,
                                setting_is (store, "print-full-phones", "true"));
  if (!tx_table_document_write_pdf (doc, out, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u page written to %s\n", "%u pages written to %s\n",
                        tx_table_document_get_n_pages (doc)),
           tx_table_document_get_n_pages (doc), out);
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_minutes (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(TxOdtDocument) doc = NULL;
  g_autofree char *lower = NULL;
  const char *out;

  if (cli->n_args != 3)
    return tx_cli_usage_error (_("“minutes” needs a consultation and the ODT to write: tongxin-cli minutes CONSULTATION OUT.odt"));
  out = cli->args[2];
  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, ".odt"))
    return tx_cli_usage_error (_("“%s” must end in .odt."), out);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  consultation = tx_store_load_consultation (store, cli->args[1], &error);
  if (consultation == NULL)
    return tx_cli_fail ("%s", error->message);

  doc = tx_minutes_document_new (consultation);
  if (!tx_odt_document_save (doc, out, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (_("Minutes written to %s\n"), out);
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_chart (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxChartData) data = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autofree char *year_text = NULL;
  g_autofree char *lower = NULL;
  CommandOption options[] = { { "year", &year_text, NULL } };
  TxChartKind kind;
  char today[16];
  guint64 year;
  const char *out;
  int status;

  status = tx_cli_parse_command_options (cli, 1, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 2)
    return tx_cli_usage_error (_("“chart” needs a chart and the file to write: tongxin-cli chart ledger|plan|stages|adoption OUT.png"));
  if (!tx_chart_kind_from_name (g_ptr_array_index (positional, 0), &kind))
    return tx_cli_usage_error (_("Unknown chart “%s”: use ledger, plan, stages or adoption."),
                               (const char *) g_ptr_array_index (positional, 0));
  out = g_ptr_array_index (positional, 1);
  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg") && !g_str_has_suffix (lower, ".pdf"))
    return tx_cli_usage_error (_("“%s” must end in .png, .svg or .pdf."), out);
  year = g_date_get_year (&cli->today);
  if (year_text != NULL && !g_ascii_string_to_unsigned (year_text, 10, 1900, 2999, &year, NULL))
    return tx_cli_usage_error (_("“%s” is not a year."), year_text);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  g_date_strftime (today, sizeof today, "%Y-%m-%d", &cli->today);
  data = tx_chart_data_from_store (store, kind, (int) year, today, &error);
  if (data == NULL || !tx_chart_write (data, out, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (_("Chart written to %s\n"), out);
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_circular (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(TxMetrics) total = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(TxOdtDocument) doc = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *quarter_text = NULL;
  g_autofree char *suggestions_file = NULL;
  g_autofree char *suggestions = NULL;
  g_autofree char *issued_on = NULL;
  g_autofree char *organization = NULL;
  g_autofree char *lower = NULL;
  CommandOption options[] = {
    { "year", &year_text, NULL },
    { "quarter", &quarter_text, NULL },
    { "suggestions", &suggestions_file, NULL },
  };
  char today[16];
  const char *out;
  int year, quarter;
  int status;

  status = tx_cli_parse_command_options (cli, 1, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (year_text == NULL || quarter_text == NULL || positional->len != 1)
    return tx_cli_usage_error (_("“circular” needs the year, the quarter and the ODT to write: tongxin-cli circular --year Y --quarter Q OUT.odt"));
  status = tx_cli_parse_quarter (cli, year_text, quarter_text, &year, &quarter);
  if (status != 0)
    return status;
  out = g_ptr_array_index (positional, 0);
  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, ".odt"))
    return tx_cli_usage_error (_("“%s” must end in .odt."), out);
  if (suggestions_file != NULL && !g_file_get_contents (suggestions_file, &suggestions, NULL, &error))
    return tx_cli_fail (_("Could not read “%s”: %s"), suggestions_file, error->message);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  g_date_strftime (today, sizeof today, "%Y-%m-%d", &cli->today);
  organization = tx_store_get_setting (store, "organization");

  /* issued once: the ledger is frozen as it was then */
  {
    g_autofree char *frozen_suggestions = NULL;

    ledger = tx_ledger_load_frozen (store, year, quarter, &issued_on, &frozen_suggestions, &error);
    if (ledger == NULL && error != NULL)
      return tx_cli_fail ("%s", error->message);
    if (ledger == NULL)
      {
        ledger = tx_ledger_compute (store, year, quarter, today, &error);
        if (ledger == NULL)
          return tx_cli_fail ("%s", error->message);
        issued_on = g_strdup (today);
      }
    if (suggestions == NULL)
      suggestions = frozen_suggestions != NULL && frozen_suggestions[0] != '\0'
                    ? g_steal_pointer (&frozen_suggestions)
                    : tx_circular_draft_suggestions (ledger);
  }

  if (!tx_ledger_freeze (store, ledger, issued_on, organization, suggestions, &error))
    return tx_cli_fail ("%s", error->message);

  metrics = tx_metrics_compute (store, year, 0, ledger->as_of, &total, &error);
  if (metrics == NULL)
    return tx_cli_fail ("%s", error->message);

  /* the chart of the year, this quarter as issued, later ones empty */
  png = tx_circular_chart_png (store, ledger, &error);
  if (png == NULL)
    return tx_cli_fail ("%s", error->message);

  doc = tx_circular_document_new (ledger, total, organization, issued_on, suggestions, png);
  if (!tx_odt_document_save (doc, out, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (_("Circular written to %s\n"), out);
  return EXIT_SUCCESS;
}
