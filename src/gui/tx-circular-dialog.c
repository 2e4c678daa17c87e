/* tx-circular-dialog.c — the quarterly circular (季度通报)
 *
 * Shows the colours of a quarter with their reasons and the suggestions
 * for the next stage, drafted from the reasons for the clerk to edit.
 * Exporting a draft writes the ODT document and changes nothing.
 * Issuing (印发) is a step of its own, asked once more: it records the
 * day and the document number (发文字号), warns when the quarter has
 * not ended, and freezes the quarter's ledger as it stands that day.
 * Once issued, exporting again keeps that ledger and day and saves the
 * suggestions as edited; a correction (更正) issues a new version with
 * the data as they stand, and keeps the earlier ones, listed below.
 * All of it is what `tongxin-cli circular` does (tx-documents.c).
 *
 * The document is in Chinese whatever the language of the interface
 * (DESIGN §3), and so is the name offered for its file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-circular-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tx-attention-list.h"
#include "tx-chart.h"
#include "tx-circular-chart.h"
#include "tx-circular-dialog-private.h"
#include "tx-circular-dialog.h"
#include "tx-circular-document.h"
#include "tx-day.h"
#include "tx-documents.h"
#include "tx-file-toast.h"
#include "tx-ledger.h"
#include "tx-metrics.h"

struct _TxCircularDialog
{
  AdwWindow            parent_instance;

  /* template children */
  AdwWindowTitle      *window_title;
  AdwToastOverlay     *toast_overlay;
  AdwActionRow        *status_row;
  AdwPreferencesGroup *colors_group;
  GtkListBox          *colors_list;
  GtkTextView         *suggestions_view;
  GtkButton           *issue_button;
  GtkButton           *export_button;
  GtkListBox          *issued_list;

  /* owned references */
  TxStore             *store;
  TxLedger            *ledger;        /* as issued, or as it stands today */
  GtkNativeDialog     *file_chooser;  /* the one open, if any */
  GtkSizeGroup        *badge_size_group;

  /* state */
  int                  year;
  int                  quarter;
  TxDay               *day;
  char                *issued_on;     /* NULL until issued */
  char                *number;        /* its 发文字号, when issued */
  int                  version;       /* of the issued circular; 0 */
  TxCircularMode       pending_mode;  /* what the file chooser is for */
  char                *pending_number;
  gboolean             discarding;    /* closing without asking */
};

G_DEFINE_FINAL_TYPE (TxCircularDialog, tx_circular_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_YEAR,
  PROP_QUARTER,
  PROP_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TxDate
get_today (TxCircularDialog *self)
{
  return self->day != NULL ? tx_day_get_today (self->day) : tx_date_today_local ();
}

/* Toasts */

/* A problem stays until it is dismissed, as in TxWindow. */
static void
show_problem (TxCircularDialog *self,
              const char       *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The suggestions */

static char *
get_suggestions (TxCircularDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->suggestions_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_suggestions (TxCircularDialog *self,
                 const char       *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->suggestions_view);

  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
}

static gboolean
has_suggestions (TxCircularDialog *self)
{
  g_autofree char *text = get_suggestions (self);

  return g_strstrip (text)[0] != '\0';
}

static void
update_actions (TxCircularDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "circular.export",
                                 self->ledger != NULL && has_suggestions (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "circular.draft-again", self->ledger != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "circular.issue",
                                 self->ledger != NULL && has_suggestions (self));

  /* what the buttons do depends on whether the quarter was issued */
  gtk_button_set_label (self->issue_button, self->issued_on != NULL ? _("Issue a _Correction…") : _("_Issue…"));
  gtk_button_set_label (self->export_button, self->issued_on != NULL ? _("_Export Again…") : _("_Export Draft…"));
}

/* The ledger and what the dialog says of it */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
create_color_row (TxCircularDialog    *self,
                  const TxLedgerEntry *entry)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autoptr(GString) reasons = g_string_new (NULL);

  for (guint h = 0; h < entry->hits->len; h++)
    {
      const TxLedgerHit *hit = g_ptr_array_index (entry->hits, h);

      g_string_append_printf (reasons, "%s%s", h > 0 ? "\n" : "", hit->text);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->township_name);
  adw_action_row_set_subtitle (row, reasons->len > 0 ? reasons->str : _("On schedule"));
  adw_action_row_add_prefix (row, tx_color_badge_new (entry->color, self->badge_size_group));

  if (entry->planned > 0)
    {
      /* Translators: consultations held of those planned for the year */
      g_autofree char *text = g_strdup_printf (_("%d of %d held"), entry->held, entry->planned);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_tooltip_text (label, _("Consultations held of those in the annual plan"));
      adw_action_row_add_suffix (row, label);
    }

  return GTK_WIDGET (row);
}

/* Every circular issued, of every quarter, the latest first. */
static void
show_issued (TxCircularDialog *self)
{
  g_autoptr(GPtrArray) issued = tx_ledger_list_issued (self->store, NULL);

  clear_list (self->issued_list);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->issued_list), ADW_TYPE_PREFERENCES_GROUP),
                          issued != NULL && issued->len > 0);
  for (guint i = 0; issued != NULL && i < issued->len; i++)
    {
      TxIssuedCircular *circular = g_ptr_array_index (issued, i);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      g_autofree char *title = NULL;
      g_autofree char *date = tx_date_format_display (tx_date_from_iso (circular->issued_on));
      g_autofree char *subtitle = NULL;

      /* Translators: a quarter of a year, as in "Q4 2026", and the
       * version of its circular */
      title = g_strdup_printf (_("Q%2$d %1$d, version %3$d"), circular->year, circular->quarter, circular->version);
      /* Translators: the day a circular was issued, and its document
       * number (发文字号), or a dash without one */
      subtitle = g_strdup_printf (_("Issued on %s · %s"), date,
                                  circular->number[0] != '\0' ? circular->number : "—");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (row, subtitle);
      gtk_list_box_append (self->issued_list, GTK_WIDGET (row));
    }
}

static void
show_ledger (TxCircularDialog *self)
{
  g_autofree char *counts_text = NULL;
  guint counts[3] = { 0, };

  if (self->issued_on != NULL)
    {
      g_autofree char *date = tx_date_format_display (tx_date_from_iso (self->issued_on));
      g_autofree char *title = NULL;

      if (self->number != NULL && self->number[0] != '\0')
        /* Translators: the date the quarterly circular was issued, its
         * document number (发文字号) and its version */
        title = g_strdup_printf (_("Issued on %s as %s (version %d) — the ledger is frozen as issued"),
                                 date, self->number, self->version);
      else
        /* Translators: %s is the date the quarterly circular was issued */
        title = g_strdup_printf (_("Issued on %s — the ledger is frozen as issued"), date);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
      adw_action_row_set_subtitle (self->status_row,
                                   _("Exporting again writes the same colours and reasons, with the suggestions as edited here. "
                                     "A correction issues a new version with the data as they stand, and keeps this one."));
      adw_action_row_set_icon_name (self->status_row, "changes-prevent-symbolic");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Not issued yet"));
      adw_action_row_set_subtitle (self->status_row,
                                   _("A draft changes nothing. Issuing records the day and the document number, and "
                                     "keeps this quarter’s colours as they stand that day, whatever is recorded later."));
      adw_action_row_set_icon_name (self->status_row, "document-edit-symbolic");
    }

  show_issued (self);

  clear_list (self->colors_list);
  for (guint i = 0; i < self->ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (self->ledger->entries, i);

      if (entry->color <= TX_COLOR_RED)
        counts[entry->color]++;
      gtk_list_box_append (self->colors_list, create_color_row (self, entry));
    }

  /* Translators: the townships of each colour */
  counts_text = g_strdup_printf (_("%u red, %u yellow, %u green"), counts[2], counts[1], counts[0]);
  adw_preferences_group_set_description (self->colors_group, counts_text);
}

/* Reads the ledger of the quarter: as issued, or as it stands today.
 * @suggestions: (out) (optional): those issued, if any */
static gboolean
load_ledger (TxCircularDialog  *self,
             char             **suggestions,
             GError           **error)
{
  g_autoptr(TxLedger) ledger = NULL;

  ledger = tx_ledger_get (self->store, self->year, self->quarter, get_today (self), error);
  if (ledger == NULL)
    return FALSE;

  if (suggestions != NULL && ledger->issued_on != NULL)
    {
      g_autoptr(TxLedger) frozen = tx_ledger_load_frozen (self->store, self->year, self->quarter, suggestions, error);

      if (frozen == NULL)
        return FALSE;
    }

  g_clear_pointer (&self->ledger, tx_ledger_free);
  g_free (self->issued_on);
  self->issued_on = g_strdup (ledger->issued_on);
  g_free (self->number);
  self->number = g_strdup (ledger->number);
  self->version = ledger->version;
  self->ledger = g_steal_pointer (&ledger);

  return TRUE;
}

static void
reload (TxCircularDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!load_ledger (self, NULL, &error))
    {
      g_autofree char *text = NULL;

      g_warning ("Could not read the ledger of Q%d %d: %s", self->quarter, self->year, error->message);
      /* Translators: %s says why */
      text = g_strdup_printf (_("Could not read the ledger: %s"), error->message);
      show_problem (self, text);
      update_actions (self);
      return;
    }

  show_ledger (self);
  update_actions (self);
}

static gboolean write_to_file (TxCircularDialog  *self,
                               GFile             *file,
                               TxCircularMode     mode,
                               const char        *number,
                               GError           **error);

/* Callbacks */

static void
on_store_changed_cb (TxStore          *store,
                     const char       *kind,
                     const char       *uuid,
                     TxCircularDialog *self)
{
  reload (self);
}

static void
on_suggestions_buffer_changed_cb (GtkTextBuffer    *buffer,
                                  TxCircularDialog *self)
{
  update_actions (self);
}

/* File chooser: one at a time, closed with the dialog. */

static void
set_file_chooser (TxCircularDialog     *self,
                  GtkFileChooserNative *chooser)
{
  if (self->file_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->file_chooser, self);
      if (gtk_native_dialog_get_visible (self->file_chooser))
        gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }

  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
}

static void
on_export_chooser_response_cb (GtkNativeDialog  *chooser,
                               int               response,
                               TxCircularDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (self->file_chooser == chooser)
    set_file_chooser (self, NULL);

  if (file == NULL)
    return;

  /* The name says the format. */
  {
    g_autofree char *basename = g_file_get_basename (file);
    g_autofree char *lower = g_utf8_strdown (basename, -1);

    if (!g_str_has_suffix (lower, ".odt"))
      {
        g_autofree char *with_suffix = g_strconcat (basename, ".odt", NULL);
        g_autoptr(GFile) parent = g_file_get_parent (file);

        g_clear_object (&file);
        file = g_file_get_child (parent, with_suffix);
      }
  }

  if (!write_to_file (self, file, self->pending_mode, self->pending_number, &error))
    {
      g_autofree char *text = NULL;

      g_warning ("Could not export the circular: %s", error->message);
      /* Translators: %s says why */
      text = g_strdup_printf (_("Could not export the circular: %s"), error->message);
      show_problem (self, text);
      return;
    }

  {
    g_autofree char *path = g_file_get_path (file);
    g_autofree char *text = NULL;
    AdwToast *toast;

    if (self->pending_mode == TX_CIRCULAR_DRAFT)
      /* Translators: %s is the path of the file written */
      text = g_strdup_printf (_("Draft saved as “%s”; nothing was issued"), path);
    else
      /* Translators: %s is the path of the file written */
      text = g_strdup_printf (_("Circular saved as “%s”"), path);
    if (tx_settings_get_organization (tx_store_get_settings (self->store))[0] == '\0')
      {
        /* Translators: %s is the message before, such as Circular saved as “…” */
        g_autofree char *unsigned_text = g_strdup_printf (_("%s. It is not signed: set the issuing body in Preferences"), text);

        g_free (text);
        text = g_steal_pointer (&unsigned_text);
      }
    toast = tx_file_toast_new (text, file);
    adw_toast_set_timeout (toast, 0);
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }
}

/* Closing with edited suggestions not yet exported asks first. */

static void
on_discard_dialog_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               TxCircularDialog *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  self->discarding = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
tx_circular_dialog_close_request (GtkWindow *window)
{
  TxCircularDialog *self = TX_CIRCULAR_DIALOG (window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->suggestions_view);
  GtkWidget *dialog;

  if (self->discarding || !gtk_text_buffer_get_modified (buffer))
    return GTK_WINDOW_CLASS (tx_circular_dialog_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Discard the Edited Suggestions?"),
                                   _("The suggestions are kept only when the circular is issued."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* Actions */

/* Asks where to write the circular, then writes it as @mode says. */
static void
choose_file (TxCircularDialog *self,
             TxCircularMode    mode,
             const char       *number)
{
  g_autoptr(GtkFileFilter) odt = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  self->pending_mode = mode;
  g_free (self->pending_number);
  self->pending_number = g_strdup (number);

  chooser = gtk_file_chooser_native_new (mode == TX_CIRCULAR_DRAFT ? _("Export a Draft of the Circular")
                                                                   : _("Save the Circular Issued"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  odt = gtk_file_filter_new ();
  gtk_file_filter_set_name (odt, _("OpenDocument Text (.odt)"));
  gtk_file_filter_add_suffix (odt, "odt");
  gtk_file_filter_add_mime_type (odt, "application/vnd.oasis.opendocument.text");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), odt);

  /* The document's name, in Chinese as the document is */
  if (mode == TX_CIRCULAR_DRAFT)
    name = g_strdup_printf ("%d年第%d季度通报（草稿）.odt", self->year, self->quarter);
  else if (mode == TX_CIRCULAR_CORRECTION)
    name = g_strdup_printf ("%d年第%d季度通报（更正）.odt", self->year, self->quarter);
  else
    name = g_strdup_printf ("%d年第%d季度通报.odt", self->year, self->quarter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self);
  set_file_chooser (self, chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
tx_circular_dialog_export_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  TxCircularDialog *self = TX_CIRCULAR_DIALOG (widget);

  if (self->ledger == NULL)
    return;

  choose_file (self, self->issued_on != NULL ? TX_CIRCULAR_ISSUE : TX_CIRCULAR_DRAFT, NULL);
}

/* Issuing, asked once more */

static void
on_issue_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TxCircularDialog *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "tx-number-entry");
  g_autofree char *number = NULL;

  if (g_strcmp0 (response, "issue") != 0)
    return;

  number = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  choose_file (self, self->issued_on != NULL ? TX_CIRCULAR_CORRECTION : TX_CIRCULAR_ISSUE, number);
}

/**
 * tx_circular_dialog_dup_issue_warning:
 *
 * Returns: (transfer full) (nullable): what issuing now would do too
 *   soon: that the quarter has not ended; %NULL once it has
 */
char *
tx_circular_dialog_dup_issue_warning (TxCircularDialog *self)
{
  TxDate end = tx_date_quarter_end (self->year, self->quarter);
  TxDate today = get_today (self);
  g_autofree char *date = NULL;
  int days;

  if (today > end)
    return NULL;

  date = tx_date_format_display (end);
  days = tx_date_days_between (today, end);
  /* Translators: the last day of the quarter, and how many days are
   * left until it */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The quarter has not ended: it ends on %s, in %d day. Issued now, its colours are kept as they stand today, and what is recorded later does not change them.",
                                       "The quarter has not ended: it ends on %s, in %d days. Issued now, its colours are kept as they stand today, and what is recorded later does not change them.",
                                       days),
                          date, days);
}

static void
tx_circular_dialog_issue_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  TxCircularDialog *self = TX_CIRCULAR_DIALOG (widget);
  g_autofree char *heading = NULL;
  g_autofree char *warning = tx_circular_dialog_dup_issue_warning (self);
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (self->ledger == NULL)
    return;

  if (self->issued_on == NULL)
    {
      /* Translators: a quarter of a year, as in "Q4 2026" */
      heading = g_strdup_printf (_("Issue the Circular of Q%2$d %1$d?"), self->year, self->quarter);
      g_string_append (body, _("Issuing records today as its date and the document number below, and keeps "
                               "the quarter’s colours and reasons as they stand today in every view."));
    }
  else
    {
      heading = g_strdup_printf (_("Issue a Correction of Q%2$d %1$d?"), self->year, self->quarter);
      g_string_append (body, _("A correction is a new version with the data as they stand today, its own date "
                               "and document number. The version issued before is kept."));
    }
  if (warning != NULL)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, warning);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body->str));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "issue", _("_Issue…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "issue", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "issue");
  adw_message_dialog_set_close_response (dialog, "cancel");

  entry = gtk_entry_new ();
  /* Translators: the placeholder of the document number (发文字号) */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Document number, such as 福泉政协〔2026〕12号"));
  gtk_entry_set_max_length (GTK_ENTRY (entry), 50);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Document number"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_object_set_data (G_OBJECT (dialog), "tx-number-entry", entry);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_issue_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tx_circular_dialog_draft_again_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  TxCircularDialog *self = TX_CIRCULAR_DIALOG (widget);
  g_autofree char *draft = NULL;

  if (self->ledger == NULL)
    return;

  draft = tx_circular_draft_suggestions (self->ledger);
  set_suggestions (self, draft);
}

/* GtkWidget, GObject */

static void
tx_circular_dialog_constructed (GObject *object)
{
  TxCircularDialog *self = (TxCircularDialog *)object;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->suggestions_view);
  g_autofree char *suggestions = NULL;
  g_autofree char *quarter = NULL;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (tx_circular_dialog_parent_class)->constructed (object);

  g_return_if_fail (TX_IS_STORE (self->store));
  g_return_if_fail (self->quarter >= 1 && self->quarter <= 4);

  /* Translators: a quarter of a year, as in "Q4 2026": %1$d is the
   * year, %2$d the quarter, 1 to 4 */
  quarter = g_strdup_printf (_("Q%2$d %1$d"), self->year, self->quarter);
  adw_window_title_set_subtitle (self->window_title, quarter);

  if (!load_ledger (self, &suggestions, &error))
    {
      g_autofree char *text = NULL;

      g_warning ("Could not read the ledger of Q%d %d: %s", self->quarter, self->year, error->message);
      /* Translators: %s says why */
      text = g_strdup_printf (_("Could not read the ledger: %s"), error->message);
      show_problem (self, text);
      update_actions (self);
      return;
    }

  /* as issued, or a first draft from the reasons */
  if (suggestions == NULL || suggestions[0] == '\0')
    {
      g_free (suggestions);
      suggestions = tx_circular_draft_suggestions (self->ledger);
    }
  set_suggestions (self, suggestions);
  gtk_text_buffer_set_modified (buffer, FALSE);

  show_ledger (self);
  update_actions (self);

  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_suggestions_buffer_changed_cb), self, 0);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
}

static void
tx_circular_dialog_dispose (GObject *object)
{
  TxCircularDialog *self = (TxCircularDialog *)object;

  set_file_chooser (self, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_CIRCULAR_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->badge_size_group);

  G_OBJECT_CLASS (tx_circular_dialog_parent_class)->dispose (object);
}

static void
tx_circular_dialog_finalize (GObject *object)
{
  TxCircularDialog *self = (TxCircularDialog *)object;

  g_clear_pointer (&self->ledger, tx_ledger_free);
  g_clear_object (&self->day);
  g_clear_pointer (&self->issued_on, g_free);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->pending_number, g_free);

  G_OBJECT_CLASS (tx_circular_dialog_parent_class)->finalize (object);
}

static void
tx_circular_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TxCircularDialog *self = TX_CIRCULAR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;

    case PROP_QUARTER:
      g_value_set_int (value, self->quarter);
      break;

    case PROP_DAY:
      g_value_set_object (value, self->day);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_circular_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TxCircularDialog *self = TX_CIRCULAR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_YEAR:
      self->year = g_value_get_int (value);
      break;

    case PROP_QUARTER:
      self->quarter = g_value_get_int (value);
      break;

    case PROP_DAY:
      self->day = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_circular_dialog_class_init (TxCircularDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = tx_circular_dialog_constructed;
  object_class->dispose = tx_circular_dialog_dispose;
  object_class->finalize = tx_circular_dialog_finalize;
  object_class->get_property = tx_circular_dialog_get_property;
  object_class->set_property = tx_circular_dialog_set_property;

  window_class->close_request = tx_circular_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL,
                      TX_DATE_FIRST_YEAR, TX_DATE_LAST_YEAR, 2026,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_QUARTER] =
    g_param_spec_int ("quarter", NULL, NULL,
                      1, 4, 1,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * TxCircularDialog:day:
   *
   * The day a circular not yet issued is judged and issued on.
   */
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL,
                         TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "circular.export", NULL,
                                   tx_circular_dialog_export_action);
  gtk_widget_class_install_action (widget_class, "circular.draft-again", NULL,
                                   tx_circular_dialog_draft_again_action);
  gtk_widget_class_install_action (widget_class, "circular.issue", NULL,
                                   tx_circular_dialog_issue_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "circular.export", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-circular-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TxCircularDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TxCircularDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TxCircularDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, TxCircularDialog, colors_group);
  gtk_widget_class_bind_template_child (widget_class, TxCircularDialog, colors_list);
  gtk_widget_class_bind_template_child (widget_class, TxCircularDialog, suggestions_view);
  gtk_widget_class_bind_template_child (widget_class, TxCircularDialog, issue_button);
  gtk_widget_class_bind_template_child (widget_class, TxCircularDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, TxCircularDialog, issued_list);
}

static void
tx_circular_dialog_init (TxCircularDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->badge_size_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
}

/* Public API */

/**
 * tx_circular_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @store: the application's store
 * @quarter: 1 to 4
 * @day: the day a circular not yet issued is judged and issued on
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
TxCircularDialog *
tx_circular_dialog_new (GtkWindow  *parent,
                        TxStore    *store,
                        int         year,
                        int         quarter,
                        TxDay      *day)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TX_IS_STORE (store), NULL);
  g_return_val_if_fail (quarter >= 1 && quarter <= 4, NULL);

  return g_object_new (TX_TYPE_CIRCULAR_DIALOG,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "store", store,
                       "year", year,
                       "quarter", quarter,
                       "day", day,
                       NULL);
}

TxStore *
tx_circular_dialog_get_store (TxCircularDialog *self)
{
  g_return_val_if_fail (TX_IS_CIRCULAR_DIALOG (self), NULL);

  return self->store;
}

int
tx_circular_dialog_get_year (TxCircularDialog *self)
{
  g_return_val_if_fail (TX_IS_CIRCULAR_DIALOG (self), 0);

  return self->year;
}

int
tx_circular_dialog_get_quarter (TxCircularDialog *self)
{
  g_return_val_if_fail (TX_IS_CIRCULAR_DIALOG (self), 0);

  return self->quarter;
}

/* Writes the circular at @file as @mode says (tx-documents.c). */
static gboolean
write_to_file (TxCircularDialog  *self,
               GFile             *file,
               TxCircularMode     mode,
               const char        *number,
               GError           **error)
{
  g_autofree char *path = NULL;
  g_autofree char *suggestions = NULL;
  TxCircularOptions options = { mode, NULL, { number, NULL, NULL } };

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a file on this computer. Choose a folder on this computer."),
                   uri);
      return FALSE;
    }

  suggestions = get_suggestions (self);
  options.suggestions = suggestions;
  if (!tx_documents_write_circular_full (self->store, self->year, self->quarter, get_today (self),
                                         &options, path, error))
    return FALSE;

  /* Issued, the suggestions are kept with the circular now; a draft
   * keeps nothing. */
  if (mode != TX_CIRCULAR_DRAFT)
    gtk_text_buffer_set_modified (gtk_text_view_get_buffer (self->suggestions_view), FALSE);

  return TRUE;
}

/**
 * tx_circular_dialog_export_to_file:
 * @file: where to write the circular
 *
 * What circular.export does once the file is chosen: a draft while the
 * quarter is not issued (nothing frozen, nothing kept), or the issued
 * circular again, with the suggestions as edited, which are kept.
 */
gboolean
tx_circular_dialog_export_to_file (TxCircularDialog  *self,
                                   GFile             *file,
                                   GError           **error)
{
  g_return_val_if_fail (TX_IS_CIRCULAR_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_to_file (self, file, self->issued_on != NULL ? TX_CIRCULAR_ISSUE : TX_CIRCULAR_DRAFT, NULL, error);
}

/**
 * tx_circular_dialog_issue_to_file:
 * @file: where to write the circular
 * @number: (nullable): its document number (发文字号)
 *
 * What circular.issue does once it is confirmed and the file chosen:
 * issues the quarter's circular, or a correction of the issued one.
 */
gboolean
tx_circular_dialog_issue_to_file (TxCircularDialog  *self,
                                  GFile             *file,
                                  const char        *number,
                                  GError           **error)
{
  g_return_val_if_fail (TX_IS_CIRCULAR_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_to_file (self, file, self->issued_on != NULL ? TX_CIRCULAR_CORRECTION : TX_CIRCULAR_ISSUE,
                        number, error);
}
