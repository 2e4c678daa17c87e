/* tx-cli-documents.c — tongxin-cli's documents: the sign-in sheet and
 * the minutes of a meeting, the quarterly circular, and the charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-activity.h"
#include "tx-archive-document.h"
#include "tx-chart.h"
#include "tx-cli-private.h"
#include "tx-documents.h"
#include "tx-minutes-document.h"
#include "tx-outcome.h"
#include "tx-outcome-store.h"
#include "tx-records.h"
#include "tx-store.h"
#include "tx-vocabulary.h"
#include "tx-yearly-document.h"

/* The consultation or activity of @text (its id or exact title) */
static TxMeeting *
load_meeting (TxStore     *store,
              const char  *text,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  TxConsultation *consultation = tx_store_load_consultation (store, text, &local_error);
  TxActivity *activity;

  if (consultation != NULL)
    return TX_MEETING (consultation);
  if (!g_error_matches (local_error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_clear_error (&local_error);

  activity = tx_store_load_activity (store, text, &local_error);
  if (activity != NULL)
    return TX_MEETING (activity);
  if (g_error_matches (local_error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND))
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                 _("There is no consultation or activity “%s”. Give its exact title or its id."), text);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return NULL;
}

int
tx_cli_cmd_signin_sheet (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxMeeting) meeting = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  g_autofree char *order = NULL;
  g_autofree char *blank_text = NULL;
  g_autofree char *lower = NULL;
  gboolean with_categories = FALSE, without_categories = FALSE;
  gboolean with_phones = FALSE, without_phones = FALSE;
  CommandOption options[] = {
    { "order", &order, NULL },
    { "blank-rows", &blank_text, NULL },
    { "with-categories", NULL, &with_categories },
    { "without-categories", NULL, &without_categories },
    { "with-phones", NULL, &with_phones },
    { "without-phones", NULL, &without_phones },
  };
  TxSigninOptions signin = TX_SIGNIN_OPTIONS_INIT;
  guint64 blank_rows;
  const char *out;
  int status;

  status = tx_cli_parse_command_options (cli, 1, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 2)
    return tx_cli_usage_error (_("“signin-sheet” needs a consultation or an activity and the PDF to write: tongxin-cli signin-sheet CONSULTATION|ACTIVITY OUT.pdf"));
  out = g_ptr_array_index (positional, 1);
  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, ".pdf"))
    return tx_cli_usage_error (_("“%s” must end in .pdf."), out);
  if (order != NULL && !g_str_equal (order, "category") && !g_str_equal (order, "strokes"))
    return tx_cli_usage_error (_("Unknown order “%s”: use category or strokes."), order);
  if (order != NULL)
    signin.order = g_str_equal (order, "strokes") ? TX_SIGNIN_ORDER_STROKES : TX_SIGNIN_ORDER_CATEGORY;
  if (blank_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (blank_text, 10, 0, 100, &blank_rows, NULL))
        return tx_cli_usage_error (_("“%s” is not a number of blank rows (0 to 100)."), blank_text);
      signin.blank_rows = (int) blank_rows;
    }
  /* the columns the settings say (none by default: a sheet to sign),
   * unless asked otherwise */
  if (with_categories && without_categories)
    return tx_cli_usage_error (_("Give either --with-categories or --without-categories, not both."));
  if (with_phones && without_phones)
    return tx_cli_usage_error (_("Give either --with-phones or --without-phones, not both."));
  if (with_categories || without_categories)
    signin.categories = with_categories;
  if (with_phones || without_phones)
    signin.phones = with_phones;

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  meeting = load_meeting (store, g_ptr_array_index (positional, 0), &error);
  if (meeting == NULL)
    return tx_cli_fail ("%s", error->message);

  doc = tx_documents_prepare_signin (store, meeting, &signin, &warnings, &error);
  if (doc == NULL || !tx_table_document_write_pdf (doc, out, &error))
    return tx_cli_fail ("%s", error->message);

  for (guint i = 0; i < warnings->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (warnings, i));
  if (tx_table_document_get_n_dropped_blank_rows (doc) > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "Warning: %u blank row was left out: it would have been alone on a page. Ask for fewer with --blank-rows.\n",
                             "Warning: %u blank rows were left out: they would have been alone on a page. Ask for fewer with --blank-rows.\n",
                             tx_table_document_get_n_dropped_blank_rows (doc)),
                tx_table_document_get_n_dropped_blank_rows (doc));
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

  if (!tx_documents_write_minutes (consultation, out, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (_("Minutes written to %s\n"), out);
  if (!tx_minutes_meeting_held (consultation))
    /* Translators: %s is a consultation's title */
    g_printerr (_("Warning: the meeting of “%s” is not marked held (its 协商 stage is not done): the minutes carry no date.\n"),
                tx_consultation_get_title (consultation));
  return EXIT_SUCCESS;
}

/* A recommendation by its id or its exact title. */
static TxOutcome *
find_recommendation (TxStore     *store,
                     const char  *id_or_title,
                     GError     **error)
{
  g_autoptr(GPtrArray) outcomes = tx_store_list_outcomes (store, NULL, error);
  TxOutcome *found = NULL;
  guint n_titled = 0;

  if (outcomes == NULL)
    return NULL;

  for (guint i = 0; i < outcomes->len; i++)
    {
      TxOutcome *outcome = g_ptr_array_index (outcomes, i);

      if (g_strcmp0 (tx_outcome_get_uuid (outcome), id_or_title) == 0)
        return g_object_ref (outcome);
      if (g_strcmp0 (tx_outcome_get_title (outcome), id_or_title) == 0)
        {
          found = outcome;
          n_titled++;
        }
    }

  if (n_titled == 1)
    return g_object_ref (found);
  if (n_titled > 1)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                 _("%u recommendations are titled “%s”: give the id of the one to write (tongxin-cli consultation show lists them)."),
                 n_titled, id_or_title);
  else
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                 _("There is no recommendation with the id or title “%s”."), id_or_title);
  return NULL;
}

int
tx_cli_cmd_recommendation_document (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxOutcome) outcome = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autofree char *number = NULL;
  g_autofree char *copy_to = NULL;
  g_autofree char *printer = NULL;
  CommandOption options[] = {
    { "number", &number, NULL },
    { "copy-to", &copy_to, NULL },
    { "printer", &printer, NULL },
  };
  TxIssueParts parts;
  const char *out;
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 2)
    return tx_cli_usage_error (_("“recommendation document” needs a recommendation and the ODT to write: "
                                 "tongxin-cli recommendation document RECOMMENDATION OUT.odt"));
  out = g_ptr_array_index (positional, 1);
  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, ".odt"))
    return tx_cli_usage_error (_("“%s” must end in .odt."), out);
  parts = (TxIssueParts) { number, copy_to, printer };
  if (!tx_documents_check_issue_parts (&parts, &error))
    return tx_cli_usage_error ("%s", error->message);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  outcome = find_recommendation (store, g_ptr_array_index (positional, 0), &error);
  if (outcome == NULL)
    return tx_cli_fail ("%s", error->message);

  if (!tx_documents_write_recommendation (store, outcome, cli->today, &parts, out, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (_("Recommendation written to %s\n"), out);
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_recommendation_edit (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxOutcome) outcome = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autofree char *title = NULL;
  g_autofree char *content = NULL;
  g_autofree char *adoption_key = NULL;
  g_autofree char *progress_text = NULL;
  CommandOption options[] = {
    { "title", &title, NULL },
    { "content", &content, NULL },
    { "adoption", &adoption_key, NULL },
    { "progress", &progress_text, NULL },
  };
  TxAdoption adoption = TX_ADOPTION_PENDING;
  guint64 progress = 0;
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 1 || (title == NULL && content == NULL && adoption_key == NULL && progress_text == NULL))
    return tx_cli_usage_error (_("“recommendation edit” needs a recommendation and what to change: "
                                 "tongxin-cli recommendation edit RECOMMENDATION [--title TITLE] [--content TEXT] "
                                 "[--adoption pending|adopted|partly_adopted|not_adopted] [--progress N]"));
  if (adoption_key != NULL && !tx_adoption_from_key (adoption_key, &adoption))
    return tx_cli_usage_error (_("“%s” is not an adoption: write pending, adopted, partly_adopted or not_adopted."),
                               adoption_key);
  if (progress_text != NULL &&
      !g_ascii_string_to_unsigned (progress_text, 10, 0, 100, &progress, NULL))
    return tx_cli_usage_error (_("“%s” is not how far a recommendation is carried out: write a whole number from 0 to 100."),
                               progress_text);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  outcome = find_recommendation (store, g_ptr_array_index (positional, 0), &error);
  if (outcome == NULL)
    return tx_cli_fail ("%s", error->message);

  if (title != NULL || content != NULL)
    tx_outcome_set_text (outcome, title != NULL ? title : tx_outcome_get_title (outcome),
                         content != NULL ? content : tx_outcome_get_content (outcome));
  if (adoption_key != NULL || progress_text != NULL)
    tx_outcome_set_adoption (outcome, adoption_key != NULL ? adoption : tx_outcome_get_adoption (outcome),
                             progress_text != NULL ? (int) progress : tx_outcome_get_progress (outcome));
  if (!tx_store_save_outcome (store, outcome, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (_("Saved the recommendation “%s”\n"), tx_outcome_get_title (outcome));
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
  g_autofree char *page_text = NULL;
  g_autofree char *lower = NULL;
  CommandOption options[] = {
    { "year", &year_text, NULL },
    { "page", &page_text, NULL },
  };
  TxChartPage page = TX_CHART_PAGE_A4;
  TxChartKind kind;
  int year;
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
  year = tx_date_get_year (cli->today);
  status = tx_cli_parse_year (year_text, &year);
  if (status != 0)
    return status;
  if (page_text != NULL && !tx_chart_page_from_name (page_text, &page))
    return tx_cli_usage_error (_("Unknown page “%s”: use a4, a4-landscape or chart."), page_text);
  if (page_text != NULL && !g_str_has_suffix (lower, ".pdf"))
    return tx_cli_usage_error (_("“--page” is for a PDF: a PNG or an SVG is the size of the chart."));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  data = tx_chart_data_from_store (store, kind, (int) year, cli->today, &error);
  if (data == NULL || !tx_chart_write (data, out, page, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (_("Chart written to %s\n"), out);
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_circular (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autofree char *year_text = NULL;
  g_autofree char *quarter_text = NULL;
  g_autofree char *suggestions_file = NULL;
  g_autofree char *suggestions = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *number = NULL;
  g_autofree char *copy_to = NULL;
  g_autofree char *printer = NULL;
  gboolean draft = FALSE;
  gboolean correction = FALSE;
  CommandOption options[] = {
    { "year", &year_text, NULL },
    { "quarter", &quarter_text, NULL },
    { "suggestions", &suggestions_file, NULL },
    { "number", &number, NULL },
    { "copy-to", &copy_to, NULL },
    { "printer", &printer, NULL },
    { "draft", NULL, &draft },
    { "correction", NULL, &correction },
  };
  TxCircularOptions circular = { TX_CIRCULAR_ISSUE, NULL, { NULL, NULL, NULL } };
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
  if (draft && (correction || number != NULL))
    return tx_cli_usage_error (_("A draft is not issued: “--draft” takes neither “--number” nor “--correction”."));
  circular.parts = (TxIssueParts) { number, copy_to, printer };
  if (!tx_documents_check_issue_parts (&circular.parts, &error))
    return tx_cli_usage_error ("%s", error->message);
  if (suggestions_file != NULL && !g_file_get_contents (suggestions_file, &suggestions, NULL, &error))
    return tx_cli_fail (_("Could not read “%s”: %s"), suggestions_file, error->message);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  circular.mode = draft ? TX_CIRCULAR_DRAFT : correction ? TX_CIRCULAR_CORRECTION : TX_CIRCULAR_ISSUE;
  circular.suggestions = suggestions;
  if (!tx_documents_write_circular_full (store, year, quarter, cli->today, &circular, out, &error))
    return tx_cli_fail ("%s", error->message);

  if (draft)
    g_print (_("Draft circular written to %s (not issued: nothing is frozen)\n"), out);
  else
    g_print (_("Circular written to %s\n"), out);
  if (tx_settings_get_organization (tx_store_get_settings (store))[0] == '\0')
    g_printerr (_("Warning: no issuing body is set, so the circular is not signed (署名): set it with “tongxin-cli config set organization NAME”, such as 政协福泉市委员会.\n"));
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_yearly_statistics (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *year_text = NULL, *township = NULL, *lower = NULL;
  CommandOption options[] = {
    { "year", &year_text, NULL },
    { "township", &township, NULL },
  };
  int year;
  const char *out;
  gboolean ok;
  int status;

  status = tx_cli_parse_command_options (cli, 1, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 1 || year_text == NULL)
    return tx_cli_usage_error (_("“yearly-statistics” needs the year and the file to write: tongxin-cli yearly-statistics --year Y OUT.odt|OUT.xlsx"));
  status = tx_cli_parse_year (year_text, &year);
  if (status != 0)
    return status;
  out = g_ptr_array_index (positional, 0);
  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, ".odt") && !g_str_has_suffix (lower, ".xlsx"))
    return tx_cli_usage_error (_("“%s” must end in .odt or .xlsx."), out);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  rows = tx_yearly_statistics_compute (store, (int) year, township, cli->today, &error);
  if (rows == NULL)
    return tx_cli_fail ("%s", error->message);

  if (g_str_has_suffix (lower, ".xlsx"))
    ok = tx_yearly_document_write_xlsx (rows, (int) year, out, &error);
  else
    {
      g_autoptr(TxOdtDocument) doc = tx_yearly_document_new (rows, (int) year, cli->today);

      ok = tx_odt_document_save (doc, out, &error);
    }
  if (!ok)
    return tx_cli_fail ("%s", error->message);

  g_print (_("The figures of %u written to %s\n"), (guint) year, out);
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_archive (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(TxConsultation) consultation = NULL;
  g_autofree char *retention = NULL, *lower = NULL, *township = NULL, *year_text = NULL;
  CommandOption options[] = {
    { "retention", &retention, NULL },
    { "township", &township, NULL },
    { "year", &year_text, NULL },
  };
  static const char * const retentions[] = { "永久", "长期", "短期", NULL };
  gboolean year_archive;
  int year = 0;
  const char *out;
  guint n_pages = 0;
  int status;

  status = tx_cli_parse_command_options (cli, 1, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  year_archive = township != NULL || year_text != NULL;
  if (year_archive && (township == NULL || year_text == NULL || positional->len != 1))
    return tx_cli_usage_error (_("The year's 台账 needs a township, a year and the zip to write: tongxin-cli archive --township NAME --year Y OUT.zip"));
  if (!year_archive && positional->len != 2)
    return tx_cli_usage_error (_("“archive” needs a consultation and the PDF to write: tongxin-cli archive CONSULTATION OUT.pdf"));
  out = g_ptr_array_index (positional, positional->len - 1);
  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, year_archive ? ".zip" : ".pdf"))
    return tx_cli_usage_error (_("“%s” must end in %s."), out, year_archive ? ".zip" : ".pdf");
  status = tx_cli_parse_year (year_text, &year);
  if (status != 0)
    return status;
  if (retention != NULL && !g_strv_contains (retentions, retention))
    return tx_cli_usage_error (_("Unknown retention period “%s”: use 永久, 长期 or 短期."), retention);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (year_archive)
    {
      guint n_dossiers = 0;

      if (!tx_cli_township_exists (store, township))
        return EXIT_FAILED;
      if (!tx_archive_write_year (store, township, (int) year, retention != NULL ? retention : TX_ARCHIVE_DEFAULT_RETENTION, cli->today,
                                  out, &n_dossiers, &error))
        return tx_cli_fail ("%s", error->message);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u dossier and its index written to %s\n",
                            "%u dossiers and their index written to %s\n", n_dossiers),
               n_dossiers, out);
      return EXIT_SUCCESS;
    }

  consultation = tx_store_load_consultation (store, g_ptr_array_index (positional, 0), &error);
  if (consultation == NULL)
    return tx_cli_fail ("%s", error->message);

  if (!tx_archive_write_pdf (store, consultation, retention != NULL ? retention : TX_ARCHIVE_DEFAULT_RETENTION, cli->today, out, &n_pages, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u page written to %s\n", "%u pages written to %s\n", n_pages), n_pages, out);
  return EXIT_SUCCESS;
}
