/* tx-consultation-documents-section.c — the documents of a
 * consultation: the minutes (ODT) and the sign-in sheet (printed)
 *
 * Both show what the clerk sees, saved or not: the consultation as
 * stored with what the form holds.  The sign-in sheet is prepared as
 * tongxin-cli prints it (tx_documents_prepare_signin(): the settings
 * decide the order, the blank rows and the phone numbers), and what the
 * clerk should know first — someone invited who has left the roster —
 * is said before it prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultation-documents-section"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-archive-document.h"
#include "tx-consultation-documents-section-private.h"
#include "tx-consultation-store.h"
#include "tx-documents.h"
#include "tx-editor.h"
#include "tx-minutes-document.h"
#include "tx-settings.h"
#include "tx-table-print.h"

struct _TxConsultationDocumentsSection
{
  GtkBox            parent_instance;

  /* template children */
  GtkLabel         *signin_warnings_label;

  /* owned references */
  GtkPrintSettings *print_settings;   /* those of the last print */
  char             *uuid;             /* of the consultation shown */

  /* state: the optional columns of the last sheet printed */
};

static void tx_consultation_documents_section_iface_init (TxEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxConsultationDocumentsSection, tx_consultation_documents_section, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (TX_TYPE_EDITOR_SECTION,
                                                      tx_consultation_documents_section_iface_init))

static TxEditor *
get_editor (TxConsultationDocumentsSection *self)
{
  return tx_editor_section_get_editor (TX_EDITOR_SECTION (self));
}

/* The name of a document: the title, then what it is; no slashes.
 * Documents are in Chinese whatever the interface (DESIGN §3). */
static char *
dup_document_name (TxConsultationDocumentsSection *self,
                   const char                     *what,
                   const char                     *suffix)
{
  g_autofree char *title = g_strstrip (g_strdup (tx_editor_get_title (get_editor (self))));

  g_strdelimit (title, "/\\", '-');
  return g_strconcat (title, what, suffix, NULL);
}

/* Minutes */

static char *
write_minutes (GFile     *file,
               gpointer   user_data,
               GError   **error)
{
  TxConsultation *consultation = TX_CONSULTATION (tx_editor_get_record (get_editor (user_data)));
  g_autofree char *path = NULL;

  if (!tx_consultation_documents_section_export_minutes (user_data, file, error))
    return NULL;

  path = g_file_get_path (file);
  if (consultation != NULL && !tx_minutes_meeting_held (consultation))
    /* Translators: %s is the path of the file written */
    return g_strdup_printf (_("Minutes exported to “%s”, without a date: the meeting is not marked held yet"), path);
  /* Translators: %s is the path of the file written */
  return g_strdup_printf (_("Minutes exported to “%s”"), path);
}

/* The dossier (一事一档): of the consultation as saved */

static char *
write_archive (GFile     *file,
               gpointer   user_data,
               GError   **error)
{
  TxEditor *editor = get_editor (user_data);
  TxStore *store = tx_editor_get_store (editor);
  g_autoptr(TxConsultation) consultation = NULL;
  g_autofree char *path = tx_editor_dup_file_path (file, error);
  guint n_pages = 0;

  if (path == NULL)
    return NULL;
  consultation = tx_store_load_consultation (store, tx_editor_get_uuid (editor), error);
  if (consultation == NULL ||
      !tx_archive_write_pdf (store, consultation, TX_ARCHIVE_DEFAULT_RETENTION, tx_editor_get_today (editor),
                             path, &n_pages, error))
    return NULL;

  /* Translators: the number of pages, then the path of the file written */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Dossier of %u page exported to “%s”",
                                       "Dossier of %u pages exported to “%s”", n_pages),
                          n_pages, path);
}

/* Sign-in sheet */

typedef struct {
  TxStore        *store;
  TxConsultation *consultation;   /* with what the form holds */
  TxSigninOrder   order;
  gboolean        categories;     /* the optional columns */
  gboolean        phones;
  GWeakRef        section;        /* keeps the columns for the next sheet */
  GtkCheckButton *strokes_check;  /* in the print dialog's tab */
  GtkCheckButton *categories_check;
  GtkCheckButton *phones_check;
} SigninJob;

static void
signin_job_free (SigninJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->consultation);
  g_clear_object (&job->strokes_check);
  g_clear_object (&job->categories_check);
  g_clear_object (&job->phones_check);
  g_weak_ref_clear (&job->section);
  g_free (job);
}

static TxTableDocument *
build_signin_sheet (gpointer   user_data,
                    GError   **error)
{
  SigninJob *job = user_data;
  TxSigninOptions options = TX_SIGNIN_OPTIONS_INIT;

  options.order = job->order;
  options.categories = job->categories;
  options.phones = job->phones;
  return tx_documents_prepare_signin (job->store, TX_MEETING (job->consultation), &options, NULL, error);
}

/* The order of the sheet, in a tab of the print dialog: by category
 * ("liaison group + N") or by surname strokes (按姓氏笔画为序); and the
 * columns a sheet to sign leaves out unless asked. */
static GtkWidget *
create_signin_tab (gpointer user_data)
{
  SigninJob *job = user_data;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Order of the names"));
  GtkWidget *by_category = gtk_check_button_new_with_mnemonic (_("By _category: the liaison group first, then the others of “liaison group + N”"));
  GtkWidget *by_strokes = gtk_check_button_new_with_mnemonic (_("By surname _strokes"));

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  gtk_check_button_set_group (GTK_CHECK_BUTTON (by_strokes), GTK_CHECK_BUTTON (by_category));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (job->order == TX_SIGNIN_ORDER_STROKES ? by_strokes : by_category),
                               TRUE);
  gtk_box_append (GTK_BOX (box), by_category);
  gtk_box_append (GTK_BOX (box), by_strokes);

  g_set_object (&job->strokes_check, GTK_CHECK_BUTTON (by_strokes));

  {
    GtkWidget *columns = gtk_label_new (_("Columns"));
    GtkWidget *categories = gtk_check_button_new_with_mnemonic (_("Print each person’s c_ategories (身份类别)"));
    GtkWidget *phones = gtk_check_button_new_with_mnemonic (_("Print _phone numbers (联系电话)"));

    gtk_label_set_xalign (GTK_LABEL (columns), 0);
    gtk_widget_add_css_class (columns, "heading");
    gtk_widget_set_margin_top (columns, 12);
    gtk_box_append (GTK_BOX (box), columns);

    gtk_check_button_set_active (GTK_CHECK_BUTTON (categories), job->categories);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (phones), job->phones);
    gtk_box_append (GTK_BOX (box), categories);
    gtk_box_append (GTK_BOX (box), phones);

    g_set_object (&job->categories_check, GTK_CHECK_BUTTON (categories));
    g_set_object (&job->phones_check, GTK_CHECK_BUTTON (phones));
  }

  return box;
}

/* The choice is kept for the next sheet, and for tongxin-cli's. */
static void
apply_signin_tab (GtkWidget *tab,
                  gpointer   user_data)
{
  SigninJob *job = user_data;
  TxSettings *settings = tx_store_get_settings (job->store);
  g_autoptr(GError) error = NULL;

  if (job->strokes_check == NULL)
    return;

  job->categories = gtk_check_button_get_active (job->categories_check);
  job->phones = gtk_check_button_get_active (job->phones_check);
  job->order = gtk_check_button_get_active (job->strokes_check) ? TX_SIGNIN_ORDER_STROKES : TX_SIGNIN_ORDER_CATEGORY;
  if (!tx_settings_set_text (settings, "signin-order",
                             job->order == TX_SIGNIN_ORDER_STROKES ? "strokes" : "category", &error) ||
      !tx_settings_set_text (settings, "signin-categories", job->categories ? "true" : "false", &error) ||
      !tx_settings_set_text (settings, "signin-phones", job->phones ? "true" : "false", &error))
    g_warning ("Could not keep the choices of the sign-in sheet: %s", error->message);
}

static void
on_signin_print_done_cb (TxTablePrint                   *print,
                         GtkPrintSettings               *settings,
                         const GError                   *error,
                         TxConsultationDocumentsSection *self)
{
  if (settings != NULL)
    g_set_object (&self->print_settings, settings);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    tx_editor_report_failure (get_editor (self), _("Could not print the sign-in sheet"), error);
}

/* What the clerk should know before the sheet prints: under the
 * buttons, and in a toast when there is something. */
static void
show_signin_warnings (TxConsultationDocumentsSection *self,
                      GPtrArray                      *warnings,
                      gboolean                        toast)
{
  g_autofree char *text = NULL;

  g_ptr_array_add (warnings, NULL);
  text = g_strjoinv ("\n", (char **) warnings->pdata);
  g_ptr_array_set_size (warnings, warnings->len - 1);

  gtk_label_set_label (self->signin_warnings_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->signin_warnings_label), warnings->len > 0);

  if (toast && warnings->len > 0)
    {
      g_autofree char *sentences = NULL;

      g_ptr_array_add (warnings, NULL);
      sentences = g_strjoinv (" ", (char **) warnings->pdata);
      g_ptr_array_set_size (warnings, warnings->len - 1);
      tx_editor_show_toast (get_editor (self), sentences);
    }
}

/* TxEditorSection: nothing of the form, but another consultation has
 * no warnings of this one. */

static void
tx_consultation_documents_section_set_record (TxEditorSection *section,
                                              GObject         *record,
                                              gboolean         refill)
{
  TxConsultationDocumentsSection *self = TX_CONSULTATION_DOCUMENTS_SECTION (section);
  const char *uuid = tx_consultation_get_uuid (TX_CONSULTATION (record));

  if (g_strcmp0 (uuid, self->uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  gtk_widget_set_visible (GTK_WIDGET (self->signin_warnings_label), FALSE);
}

static void
tx_consultation_documents_section_iface_init (TxEditorSectionInterface *iface)
{
  iface->set_record = tx_consultation_documents_section_set_record;
}

/* GObject */

static void
tx_consultation_documents_section_dispose (GObject *object)
{
  TxConsultationDocumentsSection *self = (TxConsultationDocumentsSection *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_CONSULTATION_DOCUMENTS_SECTION);
  g_clear_object (&self->print_settings);
  g_clear_pointer (&self->uuid, g_free);

  G_OBJECT_CLASS (tx_consultation_documents_section_parent_class)->dispose (object);
}

static void
tx_consultation_documents_section_class_init (TxConsultationDocumentsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_consultation_documents_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-consultation-documents-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDocumentsSection, signin_warnings_label);
}

static void
tx_consultation_documents_section_init (TxConsultationDocumentsSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * tx_consultation_documents_section_write_minutes_to:
 * @file: the file chosen (".odt" is added when its name lacks it)
 *
 * What choosing a file for the minutes does: writes them, and says so
 * in a toast that opens the file or its folder.
 */
void
tx_consultation_documents_section_write_minutes_to (TxConsultationDocumentsSection *self,
                                                    GFile                          *file)
{
  g_return_if_fail (TX_IS_CONSULTATION_DOCUMENTS_SECTION (self));

  tx_editor_write_chosen_file (get_editor (self), file, ".odt", _("Could not export the minutes"),
                               write_minutes, self);
}

/* Asks where to write the minutes, then writes them. */
void
tx_consultation_documents_section_choose_minutes_file (TxConsultationDocumentsSection *self)
{
  g_autofree char *name = NULL;

  g_return_if_fail (TX_IS_CONSULTATION_DOCUMENTS_SECTION (self));

  name = dup_document_name (self, "会议纪要", ".odt");
  tx_editor_choose_file (get_editor (self), _("Export the Minutes"), _("OpenDocument Text (.odt)"),
                         ".odt", "application/vnd.oasis.opendocument.text", name,
                         _("Could not export the minutes"), write_minutes, self);
}

/* Asks where to write the dossier, then writes it. */
void
tx_consultation_documents_section_choose_archive_file (TxConsultationDocumentsSection *self)
{
  g_autofree char *name = NULL;

  g_return_if_fail (TX_IS_CONSULTATION_DOCUMENTS_SECTION (self));

  name = dup_document_name (self, "档案", ".pdf");
  tx_editor_choose_file (get_editor (self), _("Export the Dossier"), _("PDF (.pdf)"),
                         ".pdf", "application/pdf", name,
                         _("Could not export the dossier"), write_archive, self);
}

/**
 * tx_consultation_documents_section_write_archive_to:
 * @file: the file chosen (".pdf" is added when its name lacks it)
 *
 * What choosing a file for the dossier does: writes the consultation
 * as saved, and says so in a toast that opens the file or its folder.
 */
void
tx_consultation_documents_section_write_archive_to (TxConsultationDocumentsSection *self,
                                                    GFile                          *file)
{
  g_return_if_fail (TX_IS_CONSULTATION_DOCUMENTS_SECTION (self));

  tx_editor_write_chosen_file (get_editor (self), file, ".pdf", _("Could not export the dossier"),
                               write_archive, self);
}

/**
 * tx_consultation_documents_section_export_minutes:
 * @file: an .odt file, replaced if it exists
 *
 * Writes the minutes as the form holds them, saved or not.
 */
gboolean
tx_consultation_documents_section_export_minutes (TxConsultationDocumentsSection  *self,
                                                  GFile                           *file,
                                                  GError                         **error)
{
  g_autoptr(GObject) consultation = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (TX_IS_CONSULTATION_DOCUMENTS_SECTION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = tx_editor_dup_file_path (file, error);
  if (path == NULL)
    return FALSE;

  consultation = tx_editor_dup_record_with_form (get_editor (self), error);
  if (consultation == NULL)
    return FALSE;

  return tx_documents_write_minutes (TX_CONSULTATION (consultation), path, error);
}

/**
 * tx_consultation_documents_section_create_signin_print:
 * @toast: whether what the clerk should know first is also said in a
 *   toast: when the print dialog is to be shown
 *
 * The sign-in sheet of the participants on A4, as tongxin-cli prints
 * it, not yet run; its tab of the print dialog chooses the order and
 * the optional columns.
 *
 * Returns: (transfer full) (nullable): the print; %NULL when nothing
 *   could be printed (the reason is shown)
 */
TxTablePrint *
tx_consultation_documents_section_create_signin_print (TxConsultationDocumentsSection *self,
                                                       gboolean                        toast)
{
  TxEditor *editor = get_editor (self);
  g_autoptr(TxTableDocument) doc = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GObject) consultation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job_name = NULL;
  TxTablePrint *print;
  TxStore *store;
  SigninJob *job;

  g_return_val_if_fail (TX_IS_CONSULTATION_DOCUMENTS_SECTION (self), NULL);

  if (editor == NULL || !tx_editor_is_shown (editor) || tx_editor_is_new (editor))
    return NULL;

  store = tx_editor_get_store (editor);
  consultation = tx_editor_dup_record_with_form (editor, &error);
  if (consultation != NULL)
    {
      TxSigninOptions options = TX_SIGNIN_OPTIONS_INIT;

      doc = tx_documents_prepare_signin (store, TX_MEETING (consultation), &options, &warnings, &error);
    }
  if (doc == NULL)
    {
      tx_editor_report_failure (editor, _("Could not print the sign-in sheet"), error);
      return NULL;
    }
  show_signin_warnings (self, warnings, toast);

  job = g_new0 (SigninJob, 1);
  job->store = g_object_ref (store);
  job->consultation = TX_CONSULTATION (g_steal_pointer (&consultation));
  job->order = tx_settings_get_signin_order (tx_store_get_settings (store));
  job->categories = tx_settings_get_signin_categories (tx_store_get_settings (store));
  job->phones = tx_settings_get_signin_phones (tx_store_get_settings (store));
  g_weak_ref_init (&job->section, self);

  job_name = dup_document_name (self, "签到表", "");
  print = tx_table_print_new (job_name, build_signin_sheet, FALSE, job, (GDestroyNotify) signin_job_free);
  tx_table_print_set_custom_tab (print, _("Sign-In Sheet"), create_signin_tab, apply_signin_tab);
  tx_table_print_set_print_settings (print, self->print_settings);
  g_signal_connect_object (print, "done", G_CALLBACK (on_signin_print_done_cb), self, 0);

  return print;
}

/**
 * tx_consultation_documents_section_print_signin_sheet:
 * @export_file: (nullable): a PDF to write without a dialog, or %NULL
 *   for the print dialog
 *
 * Prints the sign-in sheet of the participants on A4, as tongxin-cli
 * does; the order may be changed in a tab of the print dialog.
 *
 * Returns: (transfer full) (nullable): the print operation, running or
 *   finished; %NULL when nothing could be printed (the reason is shown)
 */
GtkPrintOperation *
tx_consultation_documents_section_print_signin_sheet (TxConsultationDocumentsSection *self,
                                                      GFile                          *export_file)
{
  g_autoptr(TxTablePrint) print = NULL;
  g_autoptr(GError) error = NULL;
  TxEditor *editor;

  g_return_val_if_fail (TX_IS_CONSULTATION_DOCUMENTS_SECTION (self), NULL);

  print = tx_consultation_documents_section_create_signin_print (self, export_file == NULL);
  if (print == NULL)
    return NULL;

  editor = get_editor (self);
  if (!tx_table_print_run (print, tx_editor_get_window (editor), export_file, &error))
    {
      tx_editor_report_failure (editor, _("Could not print the sign-in sheet"), error);
      return NULL;
    }

  return g_object_ref (tx_table_print_get_operation (print));
}
