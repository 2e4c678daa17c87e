/* tx-documents.c — the documents, prepared and written the same way
 * for the window and for tongxin-cli
 *
 * What goes into a document besides its record — the settings, the
 * roster entries of the people it lists, the ledger of a quarter as it
 * was issued — is gathered here once, so that a sheet printed from the
 * window and one written by `tongxin-cli` are the same sheet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-documents"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tx-circular-chart.h"
#include "tx-circular-document.h"
#include "tx-consultation-store.h"
#include "tx-documents.h"
#include "tx-ledger.h"
#include "tx-metrics.h"
#include "tx-minutes-document.h"
#include "tx-recommendation-document.h"
#include "tx-roster-document.h"
#include "tx-roster.h"
#include "tx-signin-document.h"

/**
 * tx_documents_prepare_signin:
 * @meeting: the consultation or activity as it should print: as
 *   stored, or with what an editor holds
 * @options: (nullable): the order and blank rows, when not those of the
 *   settings, and the optional columns (none without @options)
 * @warnings: (out) (transfer full) (optional) (element-type utf8): what
 *   the clerk should know before printing, translated
 *
 * The sign-in sheet of @meeting.  A participant removed from the
 * roster since being invited is printed as the roster last had them,
 * and said in @warnings; one whose entry cannot be read at all is
 * printed with the name the consultation recorded, and said too.
 *
 * Returns: (transfer full): the sheet, not yet paginated, or %NULL with
 *   @error set
 */
TxTableDocument *
tx_documents_prepare_signin (TxStore                *store,
                             TxMeeting              *meeting,
                             const TxSigninOptions  *options,
                             GPtrArray             **warnings,
                             GError                **error)
{
  TxSettings *settings = tx_store_get_settings (store);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) said = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *participants = tx_meeting_get_participants (meeting);
  TxSigninOrder order = tx_settings_get_signin_order (settings);
  guint blank_rows = tx_settings_get_signin_blank_rows (settings);
  gboolean categories = tx_settings_get_signin_categories (settings);
  gboolean phones = tx_settings_get_signin_phones (settings);

  if (options != NULL && options->order >= 0)
    order = options->order;
  if (options != NULL && options->blank_rows >= 0)
    blank_rows = options->blank_rows;
  if (options != NULL && options->categories >= 0)
    categories = options->categories;
  if (options != NULL && options->phones >= 0)
    phones = options->phones;

  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);
      g_autoptr(GError) local_error = NULL;
      gboolean removed = FALSE;
      TxPerson *person;

      if (!participant->invited)
        continue;

      person = tx_roster_find_person_as_recorded (store, participant->person_uuid, &removed, &local_error);
      if (person == NULL && !g_error_matches (local_error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (person == NULL)
        g_ptr_array_add (said,
                         /* Translators: %s is a person's name */
                         g_strdup_printf (_("%s is no longer on the roster: the sheet prints the name recorded with the meeting, without unit or phone."),
                                          participant->name));
      else
        {
          if (removed)
            g_ptr_array_add (said,
                             /* Translators: %s is a person's name */
                             g_strdup_printf (_("%s was removed from the roster: the sheet prints them as the roster last had them."),
                                              participant->name));
          g_ptr_array_add (people, person);
        }
    }

  if (warnings != NULL)
    *warnings = g_steal_pointer (&said);

  return tx_signin_document_new (meeting, people, order == TX_SIGNIN_ORDER_STROKES, blank_rows,
                                 tx_settings_get_print_full_phones (settings),
                                 (categories ? TX_SIGNIN_COLUMN_CATEGORIES : 0) |
                                 (phones ? TX_SIGNIN_COLUMN_PHONE : 0));
}

typedef struct {
  const TxPersonFilter       *filter;
  TxRosterPrintOptions        options;
  const char                 *path;
  guint                       n_pages;
} RosterWrite;

static gboolean
write_roster (TxStore   *store,
              gpointer   user_data,
              GError   **error)
{
  RosterWrite *write = user_data;
  g_autoptr(GArray) ids = tx_roster_query_ids (store, write->filter, error);
  g_autoptr(TxTableDocument) doc = NULL;

  if (ids == NULL)
    return FALSE;

  doc = tx_roster_document_new_for_ids (store, ids, &write->options);
  if (!tx_table_document_write_pdf (doc, write->path, error))
    return FALSE;

  write->n_pages = tx_table_document_get_n_pages (doc);
  return TRUE;
}

/**
 * tx_documents_write_roster:
 * @filter: who to list (township, category, text) and in which order,
 *   said on the page
 * @layout: (nullable): the columns and the orientation, or %NULL for
 *   the default columns on A4 portrait
 * @today: the day it is printed
 * @path: the PDF to write
 *
 * Prints the roster to @path, with the issuing body and the phone
 * numbers as the settings say.  However many are listed, the people
 * are read a few hundred at a time as the pages are laid out and
 * drawn, all within one read of the database.
 *
 * Returns: the number of pages, or 0 with @error set (and nothing
 *   written)
 */
guint
tx_documents_write_roster (TxStore                    *store,
                           const TxPersonFilter       *filter,
                           const TxRosterPrintOptions *layout,
                           TxDate                      today,
                           const char                 *path,
                           GError                    **error)
{
  TxSettings *settings = tx_store_get_settings (store);
  RosterWrite write = { filter, { 0, }, path, 0 };

  if (layout != NULL)
    write.options = *layout;
  write.options.organization = tx_settings_get_organization (settings);
  write.options.township = filter->township;
  write.options.has_category = filter->has_category;
  write.options.category = filter->category;
  write.options.search = filter->search;
  write.options.order = filter->order;
  write.options.date = today;
  write.options.full_phones = tx_settings_get_print_full_phones (settings);

  if (!tx_store_read (store, write_roster, &write, error))
    return 0;

  return write.n_pages;
}

/**
 * tx_documents_write_minutes:
 *
 * Writes the minutes of @consultation as an ODT file at @path.
 */
gboolean
tx_documents_write_minutes (TxConsultation  *consultation,
                            const char      *path,
                            GError         **error)
{
  g_autoptr(TxOdtDocument) doc = tx_minutes_document_new (consultation);

  return tx_odt_document_save (doc, path, error);
}

/* One line of at most @max characters */
static gboolean
is_one_line (const char *text,
             guint       max)
{
  return text == NULL || (strchr (text, '\n') == NULL && g_utf8_strlen (text, -1) <= max);
}

/**
 * tx_documents_check_issue_parts:
 *
 * Returns: whether @parts can be printed: the number one short line, the
 *   printing office and the offices copied to one line each, as long
 *   as their settings may be
 */
gboolean
tx_documents_check_issue_parts (const TxIssueParts  *parts,
                                GError             **error)
{
  if (!is_one_line (parts->number, 50))
    g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                         _("The document number is one line of at most 50 characters, such as 福泉政协〔2026〕12号."));
  else if (!is_one_line (parts->printer, TX_SETTINGS_TEXT_MAX_CHARS))
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                 _("The printing office is one line of at most %d characters, such as 政协福泉市委员会办公室."),
                 TX_SETTINGS_TEXT_MAX_CHARS);
  else if (!is_one_line (parts->copy_to, TX_SETTINGS_TEXT_MAX_CHARS))
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                 _("The offices copied to are one line of at most %d characters, separated by commas."),
                 TX_SETTINGS_TEXT_MAX_CHARS);
  else
    return TRUE;

  return FALSE;
}

/* The parts as printed: what was given, else the settings */
static TxIssueParts
resolve_issue_parts (TxStore            *store,
                     const TxIssueParts *parts)
{
  TxSettings *settings = tx_store_get_settings (store);
  TxIssueParts resolved = { NULL, NULL, NULL };

  if (parts != NULL)
    resolved = *parts;
  if (resolved.copy_to == NULL)
    resolved.copy_to = tx_settings_get_copy_to (settings);
  if (resolved.printer == NULL)
    resolved.printer = tx_settings_get_printing_office (settings);

  return resolved;
}

/**
 * tx_documents_write_recommendation:
 * @outcome: the recommendation, as stored or as a form holds it
 * @today: the date it bears when it is not submitted yet
 *
 * Writes the recommendation as a formal 协商建言 to @path: it names the
 * consultation it came from, and bears the day it was submitted, or
 * @today for one not submitted yet.
 */
gboolean
tx_documents_write_recommendation (TxStore             *store,
                                   TxOutcome           *outcome,
                                   TxDate               today,
                                   const TxIssueParts  *parts,
                                   const char          *path,
                                   GError             **error)
{
  TxIssueParts resolved = resolve_issue_parts (store, parts);
  const char *consultation_uuid = tx_outcome_get_consultation_uuid (outcome);
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(TxOdtDocument) doc = NULL;
  g_autofree char *date = tx_date_to_iso (today);

  if (consultation_uuid == NULL || consultation_uuid[0] == '\0')
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("Choose the consultation it came from first: the document names it."));
      return FALSE;
    }

  consultation = tx_store_load_consultation (store, consultation_uuid, error);
  if (consultation == NULL)
    return FALSE;

  if (parts != NULL && !tx_documents_check_issue_parts (parts, error))
    return FALSE;
  doc = tx_recommendation_document_new (outcome, consultation,
                                        tx_outcome_get_submitted (outcome) != NULL ? NULL : date,
                                        &resolved);
  return tx_odt_document_save (doc, path, error);
}

/**
 * tx_documents_write_circular:
 * @today: the day a quarter not yet issued is issued on
 * @suggestions: (nullable): the suggestions to issue; %NULL keeps those
 *   issued before, or drafts them from the ledger
 *
 * Issues the circular of a quarter and writes it at @path, as
 * tx_documents_write_circular_full() with %TX_CIRCULAR_ISSUE.
 */
gboolean
tx_documents_write_circular (TxStore     *store,
                             int          year,
                             int          quarter,
                             TxDate       today,
                             const char  *suggestions,
                             const char  *path,
                             GError     **error)
{
  TxCircularOptions options = { TX_CIRCULAR_ISSUE, suggestions, { NULL, NULL, NULL } };

  return tx_documents_write_circular_full (store, year, quarter, today, &options, path, error);
}

/**
 * tx_documents_write_circular_full:
 * @today: the day of the draft, the issue or the correction
 *
 * Writes the circular of a quarter at @path:
 *  - a draft is marked so, dated @today, and freezes nothing: the
 *    ledger of an issued quarter as issued, of another as it stands;
 *  - issuing a quarter not yet issued freezes its ledger as it stands
 *    on @today, with the number; one issued before keeps its ledger,
 *    day and number, and only the suggestions may change;
 *  - a correction of an issued quarter is a new version, with the
 *    ledger as it stands on @today and its own number; the versions
 *    before it are kept.
 *
 * Issuing and writing go together: the document is written whole
 * first, the ledger frozen then, and the file put under its name last.
 * A full disk leaves the quarter as it was, and a database that cannot
 * be written leaves no file.
 */
gboolean
tx_documents_write_circular_full (TxStore                  *store,
                                  int                       year,
                                  int                       quarter,
                                  TxDate                    today,
                                  const TxCircularOptions  *options,
                                  const char               *path,
                                  GError                  **error)
{
  TxSettings *settings = tx_store_get_settings (store);
  const char *organization = tx_settings_get_organization (settings);
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(TxMetrics) total = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(TxOdtDocument) doc = NULL;
  g_autoptr(TxFileWriter) writer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *issued_suggestions = NULL;
  g_autofree char *issued_on = NULL;
  g_autofree char *text = NULL;
  TxIssueParts parts;
  gboolean freezes;

  if (!tx_documents_check_issue_parts (&options->parts, error))
    return FALSE;

  ledger = tx_ledger_load_frozen (store, year, quarter, &issued_suggestions, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (options->mode == TX_CIRCULAR_CORRECTION)
    {
      int version;

      if (ledger == NULL)
        {
          g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                       _("The circular of Q%d %d was never issued: issue it first; a correction replaces an issued one."),
                       quarter, year);
          return FALSE;
        }
      /* the data as they stand now, a version after the issued one */
      version = ledger->version + 1;
      g_clear_pointer (&ledger, tx_ledger_free);
      ledger = tx_ledger_compute (store, year, quarter, today, error);
      if (ledger == NULL)
        return FALSE;
      ledger->version = version;
      ledger->number = g_strdup (options->parts.number ? options->parts.number : "");
      issued_on = tx_date_to_iso (today);
    }
  else if (ledger == NULL)
    {
      ledger = tx_ledger_compute (store, year, quarter, today, error);
      if (ledger == NULL)
        return FALSE;
      issued_on = tx_date_to_iso (today);
      if (options->mode == TX_CIRCULAR_ISSUE)
        {
          ledger->version = 1;
          ledger->number = g_strdup (options->parts.number ? options->parts.number : "");
        }
    }
  else if (options->mode == TX_CIRCULAR_DRAFT)
    issued_on = tx_date_to_iso (today);
  else
    {
      issued_on = g_strdup (ledger->issued_on);
      if (options->parts.number != NULL && options->parts.number[0] != '\0')
        {
          g_free (ledger->number);
          ledger->number = g_strdup (options->parts.number);
        }
    }

  if (options->suggestions != NULL)
    text = g_strdup (options->suggestions);
  else if (issued_suggestions != NULL && issued_suggestions[0] != '\0' && options->mode != TX_CIRCULAR_CORRECTION)
    text = g_steal_pointer (&issued_suggestions);
  else
    text = tx_circular_draft_suggestions (ledger);

  metrics = tx_metrics_compute (store, year, 0, ledger->as_of, &total, error);
  if (metrics == NULL)
    return FALSE;

  /* the chart of the year, this quarter as issued, later ones empty */
  png = tx_circular_chart_png (store, ledger, error);
  if (png == NULL)
    return FALSE;

  parts = resolve_issue_parts (store, &options->parts);
  parts.number = ledger->number;
  doc = tx_circular_document_new (ledger, total, organization, issued_on, text, png, &parts,
                                  options->mode == TX_CIRCULAR_DRAFT);

  writer = tx_file_writer_new (path, error);
  if (writer == NULL)
    return FALSE;
  tx_odt_document_write_to (doc, writer);
  if (!tx_file_writer_close (writer, error))
    return FALSE;

  freezes = options->mode != TX_CIRCULAR_DRAFT;
  if (freezes && !tx_ledger_issue (store, ledger, issued_on, ledger->number, organization, text,
                                   options->mode == TX_CIRCULAR_CORRECTION, error))
    return FALSE;

  return tx_file_writer_commit (writer, error);
}
