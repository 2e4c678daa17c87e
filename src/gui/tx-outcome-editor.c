/* tx-outcome-editor.c — one recommendation (协商建言) and what became of
 * it: submission, feedback, adoption, implementation progress and the
 * supervision records
 *
 * A TxEditor made of sections, all of them the form: typed freely,
 * checked as it is typed (tx_outcome_check(), and the dates read as
 * clerks write them), and written together by Save through
 * tx_store_save_outcome().  Deleting keeps the recommendation in the
 * database, marked deleted, and the toast brings it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-outcome-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-attachments-section.h"
#include "tx-off-reason.h"
#include "tx-outcome-details-section.h"
#include "tx-outcome-document-section.h"
#include "tx-outcome-edit.h"
#include "tx-outcome-editor-private.h"
#include "tx-outcome-feedback-section.h"
#include "tx-outcome-implementation-section.h"
#include "tx-rules.h"
#include "tx-vocabulary.h"

struct _TxOutcomeEditor
{
  TxEditor                        parent_instance;

  /* template children */
  GtkButton                      *export_button;
  TxOutcomeDetailsSection        *details_section;
  TxOutcomeImplementationSection *implementation_section;
  TxOutcomeDocumentSection       *document_section;
  AdwPreferencesGroup            *delete_group;
  GtkButton                      *delete_button;
};

G_DEFINE_FINAL_TYPE (TxOutcomeEditor, tx_outcome_editor, TX_TYPE_EDITOR)

/* TxEditor */

static GObject *
tx_outcome_editor_load_record (TxEditor    *editor,
                               const char  *uuid,
                               GError     **error)
{
  return G_OBJECT (tx_store_load_outcome (tx_editor_get_store (editor), uuid, error));
}

/* Of the consultation chosen, for a new one; else of its own. */
static GObject *
tx_outcome_editor_create_record (TxEditor *editor)
{
  TxOutcomeEditor *self = TX_OUTCOME_EDITOR (editor);

  return G_OBJECT (tx_outcome_new_for_consultation (tx_outcome_details_section_get_consultation_uuid (self->details_section)));
}

static GPtrArray *
tx_outcome_editor_check_record (TxEditor *editor,
                                GObject  *record,
                                TxDate    today)
{
  return tx_outcome_check (TX_OUTCOME (record), today);
}

static gboolean
tx_outcome_editor_save_record (TxEditor  *editor,
                               GObject   *record,
                               GError   **error)
{
  return tx_store_save_outcome (tx_editor_get_store (editor), TX_OUTCOME (record), error);
}

static char *
tx_outcome_editor_dup_subtitle (TxEditor *editor,
                                GObject  *record)
{
  /* Translators: a recommendation's township, then how far it was adopted */
  return g_strdup_printf (_("%s · %s"), tx_outcome_get_township_name (TX_OUTCOME (record)),
                          tx_adoption_get_label (tx_outcome_get_adoption (TX_OUTCOME (record))));
}

/* This recommendation; a consultation's title (every one, for a new
 * recommendation choosing its own); a township's name; a setting (the
 * feedback days). */
static gboolean
tx_outcome_editor_is_affected_by (TxEditor   *editor,
                                  const char *kind,
                                  const char *uuid)
{
  TxOutcomeEditor *self = TX_OUTCOME_EDITOR (editor);

  if (g_strcmp0 (kind, "outcome") == 0)
    return uuid == NULL || g_strcmp0 (uuid, tx_editor_get_uuid (editor)) == 0;
  if (g_strcmp0 (kind, "consultation") == 0)
    return uuid == NULL || tx_editor_is_new (editor) ||
           g_strcmp0 (uuid, tx_outcome_details_section_get_consultation_uuid (self->details_section)) == 0;

  return g_strcmp0 (kind, "township") == 0 || g_strcmp0 (kind, "setting") == 0;
}

static void
tx_outcome_editor_update (TxEditor *editor,
                          GObject  *record)
{
  TxOutcomeEditor *self = TX_OUTCOME_EDITOR (editor);
  gboolean shown = record != NULL;
  gboolean is_new = tx_editor_is_new (editor);
  const char *title = shown ? tx_outcome_get_title (TX_OUTCOME (record)) : NULL;

  gboolean can_export = shown && title != NULL && title[0] != '\0' &&
                        tx_outcome_get_consultation_uuid (TX_OUTCOME (record)) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outcome.export", can_export);
  /* a button that is off says why */
  tx_widget_set_action_off_reason (GTK_WIDGET (self), "outcome.export",
                                   shown && !can_export
                                   ? _("Give the recommendation its title and its consultation first") : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outcome.add-supervision", shown);

  /* Nothing to export or delete: no buttons to wonder at. */
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), shown && !is_new);
}

static void
tx_outcome_editor_export_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  TxOutcomeEditor *self = TX_OUTCOME_EDITOR (widget);

  if (tx_editor_is_shown (TX_EDITOR (self)))
    tx_outcome_document_section_choose_file (self->document_section);
}

static void
tx_outcome_editor_add_supervision_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  TxOutcomeEditor *self = TX_OUTCOME_EDITOR (widget);

  if (tx_editor_is_shown (TX_EDITOR (self)))
    tx_outcome_implementation_section_add_record (self->implementation_section);
}

/* GObject */

static void
tx_outcome_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TX_TYPE_OUTCOME_EDITOR);

  G_OBJECT_CLASS (tx_outcome_editor_parent_class)->dispose (object);
}

static void
tx_outcome_editor_class_init (TxOutcomeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TxEditorClass *editor_class = TX_EDITOR_CLASS (klass);

  object_class->dispose = tx_outcome_editor_dispose;

  editor_class->record_kind = "outcome";
  editor_class->new_title = N_("New Recommendation");
  editor_class->new_unsaved = N_("The new recommendation is not saved.");
  editor_class->invalid = N_("Not saved: the form has mistakes, shown in red, or lacks a title or a consultation.");
  editor_class->gone = N_("This recommendation is no longer in the database. Choose another one in the list.");
  editor_class->load_record = tx_outcome_editor_load_record;
  editor_class->create_record = tx_outcome_editor_create_record;
  editor_class->check_record = tx_outcome_editor_check_record;
  editor_class->save_record = tx_outcome_editor_save_record;
  editor_class->dup_subtitle = tx_outcome_editor_dup_subtitle;
  editor_class->is_affected_by = tx_outcome_editor_is_affected_by;
  editor_class->update = tx_outcome_editor_update;

  gtk_widget_class_install_action (widget_class, "outcome.export", NULL,
                                   tx_outcome_editor_export_action);
  gtk_widget_class_install_action (widget_class, "outcome.add-supervision", NULL,
                                   tx_outcome_editor_add_supervision_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "outcome.export", NULL);

  g_type_ensure (TX_TYPE_OUTCOME_DETAILS_SECTION);
  g_type_ensure (TX_TYPE_OUTCOME_FEEDBACK_SECTION);
  g_type_ensure (TX_TYPE_OUTCOME_IMPLEMENTATION_SECTION);
  g_type_ensure (TX_TYPE_ATTACHMENTS_SECTION);
  g_type_ensure (TX_TYPE_OUTCOME_DOCUMENT_SECTION);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-outcome-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, export_button);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, details_section);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, implementation_section);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, document_section);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, delete_group);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, delete_button);
}

static void
tx_outcome_editor_init (TxOutcomeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tx_editor_show_nothing (TX_EDITOR (self));
}

/* Public API */

GtkWidget *
tx_outcome_editor_new (void)
{
  return g_object_new (TX_TYPE_OUTCOME_EDITOR, NULL);
}

/**
 * tx_outcome_editor_export_to_file:
 * @file: an .odt file, replaced if it exists
 *
 * Writes the recommendation as the form holds it, saved or not, as a
 * formal 协商建言 (in Chinese, dated the day it was submitted, or today
 * when it has not been): what outcome.export does once the file is
 * chosen.
 */
gboolean
tx_outcome_editor_export_to_file (TxOutcomeEditor  *self,
                                  GFile            *file,
                                  GError          **error)
{
  g_return_val_if_fail (TX_IS_OUTCOME_EDITOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (tx_editor_is_shown (TX_EDITOR (self)), FALSE);

  return tx_outcome_document_section_export_to_file (self->document_section, file, error);
}


/**
 * tx_outcome_editor_set_next_consultation:
 * @uuid: (nullable): the consultation the next new recommendation is of
 */
void
tx_outcome_editor_set_next_consultation (TxOutcomeEditor *self,
                                         const char      *uuid)
{
  g_return_if_fail (TX_IS_OUTCOME_EDITOR (self));

  tx_outcome_details_section_set_next_consultation (self->details_section, uuid);
}
