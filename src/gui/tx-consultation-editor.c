/* tx-consultation-editor.c — one consultation: details, the six stages,
 * participants and attendance, the composition check, minutes, the
 * documents and the recommendations
 *
 * A TxEditor made of sections.  Two kinds of change live side by side.
 * The details, the due dates and the minutes are the form: typed
 * freely, checked as they are typed (tx_consultation_check()), and
 * written together by Save.  Marking a stage done, inviting or removing
 * someone, their role and their attendance are kept at once, each
 * through its own call of the core, which applies its rule (the order
 * of the stages).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultation-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-attachments-section.h"
#include "tx-consultation-details-section.h"
#include "tx-consultation-documents-section.h"
#include "tx-consultation-edit.h"
#include "tx-consultation-editor.h"
#include "tx-off-reason.h"
#include "tx-consultation-minutes-section.h"
#include "tx-consultation-outcomes-section.h"
#include "tx-consultation-participants-section.h"
#include "tx-consultation-stages-section.h"
#include "tx-rules.h"
#include "tx-vocabulary.h"
#include "tx-window.h"

struct _TxConsultationEditor
{
  TxEditor                        parent_instance;

  /* template children */
  TxConsultationDocumentsSection *documents_section;
  AdwPreferencesGroup            *delete_group;
  GtkWidget                      *outcomes_section;
};

G_DEFINE_FINAL_TYPE (TxConsultationEditor, tx_consultation_editor, TX_TYPE_EDITOR)

/* TxEditor */

static GObject *
tx_consultation_editor_load_record (TxEditor    *editor,
                                    const char  *uuid,
                                    GError     **error)
{
  return G_OBJECT (tx_store_load_consultation (tx_editor_get_store (editor), uuid, error));
}

static GObject *
tx_consultation_editor_create_record (TxEditor *editor)
{
  return G_OBJECT (tx_consultation_new ());
}

static GPtrArray *
tx_consultation_editor_check_record (TxEditor *editor,
                                     GObject  *record,
                                     TxDate    today)
{
  return tx_consultation_check (TX_CONSULTATION (record), today);
}

static gboolean
tx_consultation_editor_save_record (TxEditor  *editor,
                                    GObject   *record,
                                    GError   **error)
{
  return tx_store_save_consultation (tx_editor_get_store (editor), TX_CONSULTATION (record), error);
}

static char *
tx_consultation_editor_dup_subtitle (TxEditor *editor,
                                     GObject  *record)
{
  TxConsultation *consultation = TX_CONSULTATION (record);

  /* Translators: a consultation's township, then the stage it has reached */
  return g_strdup_printf (_("%s · %s"), tx_consultation_get_township_name (consultation),
                          tx_stage_get_label (tx_consultation_get_current_stage (consultation)));
}

/* A stage or a participant of this consultation; a person (a name in
 * the list); a recommendation; a township's name; a setting (the
 * stakeholders' share). */
static gboolean
tx_consultation_editor_is_affected_by (TxEditor   *editor,
                                       const char *kind,
                                       const char *uuid)
{
  if (g_strcmp0 (kind, "consultation") == 0)
    return uuid == NULL || g_strcmp0 (uuid, tx_editor_get_uuid (editor)) == 0;

  return !tx_editor_is_new (editor) &&
         (g_strcmp0 (kind, "person") == 0 || g_strcmp0 (kind, "outcome") == 0 ||
          g_strcmp0 (kind, "township") == 0 || g_strcmp0 (kind, "setting") == 0);
}

static void
tx_consultation_editor_update (TxEditor *editor,
                               GObject  *record)
{
  TxConsultationEditor *self = TX_CONSULTATION_EDITOR (editor);
  gboolean shown = record != NULL;
  const char *unsaved = shown && tx_editor_is_new (editor) ? _("Save the new consultation first") : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), shown && !tx_editor_is_new (editor));
  gtk_widget_action_set_enabled (GTK_WIDGET (editor), "consultation.export-minutes", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (editor), "consultation.add-outcome",
                                 shown && !tx_editor_is_new (editor));
  gtk_widget_action_set_enabled (GTK_WIDGET (editor), "consultation.print-signin-sheet",
                                 shown && !tx_editor_is_new (editor));
  gtk_widget_action_set_enabled (GTK_WIDGET (editor), "consultation.export-archive",
                                 shown && !tx_editor_is_new (editor));
  /* a button that is off says why */
  tx_widget_set_action_off_reason (GTK_WIDGET (editor), "consultation.add-outcome", unsaved);
  tx_widget_set_action_off_reason (GTK_WIDGET (editor), "consultation.print-signin-sheet", unsaved);
  tx_widget_set_action_off_reason (GTK_WIDGET (editor), "consultation.export-archive", unsaved);
}

/* Actions */

/* 添加建言: a new recommendation of this consultation, on the Outcomes
 * page; this one keeps what was typed, as leaving it asks. */
static void
tx_consultation_editor_add_outcome_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  TxEditor *editor = TX_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!tx_editor_is_shown (editor) || tx_editor_is_new (editor) || !TX_IS_WINDOW (root))
    return;

  tx_window_add_outcome (TX_WINDOW (root), tx_editor_get_uuid (editor));
}

static void
tx_consultation_editor_export_minutes_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter)
{
  TxConsultationEditor *self = TX_CONSULTATION_EDITOR (widget);

  if (tx_editor_is_shown (TX_EDITOR (self)))
    tx_consultation_documents_section_choose_minutes_file (self->documents_section);
}

static void
tx_consultation_editor_export_archive_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter)
{
  TxConsultationEditor *self = TX_CONSULTATION_EDITOR (widget);

  if (tx_editor_is_shown (TX_EDITOR (self)) && !tx_editor_is_new (TX_EDITOR (self)))
    tx_consultation_documents_section_choose_archive_file (self->documents_section);
}

static void
tx_consultation_editor_print_signin_sheet_action (GtkWidget  *widget,
                                                  const char *action_name,
                                                  GVariant   *parameter)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  operation = tx_consultation_editor_print_signin_sheet (TX_CONSULTATION_EDITOR (widget), NULL);
}

/* GObject */

static void
tx_consultation_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TX_TYPE_CONSULTATION_EDITOR);

  G_OBJECT_CLASS (tx_consultation_editor_parent_class)->dispose (object);
}

static void
tx_consultation_editor_class_init (TxConsultationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TxEditorClass *editor_class = TX_EDITOR_CLASS (klass);

  object_class->dispose = tx_consultation_editor_dispose;

  editor_class->record_kind = "consultation";
  editor_class->new_title = N_("New Consultation");
  editor_class->new_unsaved = N_("The new consultation is not saved.");
  editor_class->invalid = N_("Not saved: the form has mistakes, shown in red, or lacks a title or a township.");
  editor_class->gone = N_("This consultation is no longer in the database. Choose another one in the list.");
  editor_class->load_record = tx_consultation_editor_load_record;
  editor_class->create_record = tx_consultation_editor_create_record;
  editor_class->check_record = tx_consultation_editor_check_record;
  editor_class->save_record = tx_consultation_editor_save_record;
  editor_class->dup_subtitle = tx_consultation_editor_dup_subtitle;
  editor_class->is_affected_by = tx_consultation_editor_is_affected_by;
  editor_class->update = tx_consultation_editor_update;

  gtk_widget_class_install_action (widget_class, "consultation.export-minutes", NULL,
                                   tx_consultation_editor_export_minutes_action);
  gtk_widget_class_install_action (widget_class, "consultation.print-signin-sheet", NULL,
                                   tx_consultation_editor_print_signin_sheet_action);
  gtk_widget_class_install_action (widget_class, "consultation.export-archive", NULL,
                                   tx_consultation_editor_export_archive_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "consultation.print-signin-sheet", NULL);

  g_type_ensure (TX_TYPE_CONSULTATION_DETAILS_SECTION);
  g_type_ensure (TX_TYPE_CONSULTATION_STAGES_SECTION);
  g_type_ensure (TX_TYPE_CONSULTATION_PARTICIPANTS_SECTION);
  g_type_ensure (TX_TYPE_CONSULTATION_MINUTES_SECTION);
  g_type_ensure (TX_TYPE_CONSULTATION_DOCUMENTS_SECTION);
  g_type_ensure (TX_TYPE_ATTACHMENTS_SECTION);
  g_type_ensure (TX_TYPE_CONSULTATION_OUTCOMES_SECTION);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-consultation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, documents_section);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, delete_group);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, outcomes_section);
  gtk_widget_class_install_action (widget_class, "consultation.add-outcome", NULL,
                                   tx_consultation_editor_add_outcome_action);
}

static void
tx_consultation_editor_init (TxConsultationEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tx_editor_show_nothing (TX_EDITOR (self));
}

/* Public API */

GtkWidget *
tx_consultation_editor_new (void)
{
  return g_object_new (TX_TYPE_CONSULTATION_EDITOR, NULL);
}

/**
 * tx_consultation_editor_print_signin_sheet:
 * @export_file: (nullable): a PDF to write without a dialog, or %NULL
 *   for the print dialog
 *
 * Prints the sign-in sheet of the participants on A4, as the settings
 * say (order, blank rows, phone numbers) and tongxin-cli prints it:
 * what consultation.print-signin-sheet does.
 *
 * Returns: (transfer full) (nullable): the print operation, running or
 *   finished; %NULL when nothing could be printed
 */
GtkPrintOperation *
tx_consultation_editor_print_signin_sheet (TxConsultationEditor *self,
                                           GFile                *export_file)
{
  g_return_val_if_fail (TX_IS_CONSULTATION_EDITOR (self), NULL);
  g_return_val_if_fail (export_file == NULL || G_IS_FILE (export_file), NULL);

  return tx_consultation_documents_section_print_signin_sheet (self->documents_section, export_file);
}

/**
 * tx_consultation_editor_export_minutes:
 * @file: an .odt file, replaced if it exists
 *
 * Writes the minutes as the form holds them, saved or not: what
 * consultation.export-minutes does once the file is chosen.
 */
gboolean
tx_consultation_editor_export_minutes (TxConsultationEditor  *self,
                                       GFile                 *file,
                                       GError               **error)
{
  g_return_val_if_fail (TX_IS_CONSULTATION_EDITOR (self), FALSE);
  g_return_val_if_fail (tx_editor_is_shown (TX_EDITOR (self)), FALSE);

  return tx_consultation_documents_section_export_minutes (self->documents_section, file, error);
}

