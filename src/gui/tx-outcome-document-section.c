/* tx-outcome-document-section.c — the recommendation as a formal
 * document (协商建言), written as the form holds it, saved or not
 *
 * The document is in Chinese whatever the interface, dated the day the
 * recommendation was submitted, or today when it has not been.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-outcome-document-section"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tx-documents.h"
#include "tx-editor.h"
#include "tx-outcome-document-section.h"
#include "tx-outcome-edit.h"
#include "tx-records.h"

struct _TxOutcomeDocumentSection
{
  GtkBox parent_instance;

  /* template widgets */
  AdwEntryRow *number_row;
};

static void tx_outcome_document_section_iface_init (TxEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxOutcomeDocumentSection, tx_outcome_document_section, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (TX_TYPE_EDITOR_SECTION,
                                                      tx_outcome_document_section_iface_init))

static TxEditor *
get_editor (TxOutcomeDocumentSection *self)
{
  return tx_editor_section_get_editor (TX_EDITOR_SECTION (self));
}

static char *
write_document (GFile     *file,
                gpointer   user_data,
                GError   **error)
{
  g_autofree char *path = NULL;

  if (!tx_outcome_document_section_export_to_file (user_data, file, error))
    return NULL;

  path = g_file_get_path (file);
  /* Translators: %s is the path of the file written */
  return g_strdup_printf (_("Recommendation exported to “%s”"), path);
}

/* Nothing of the form: the document is written from the record the
 * whole form makes. */
static void
tx_outcome_document_section_iface_init (TxEditorSectionInterface *iface)
{
}

static void
tx_outcome_document_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TX_TYPE_OUTCOME_DOCUMENT_SECTION);

  G_OBJECT_CLASS (tx_outcome_document_section_parent_class)->dispose (object);
}

static void
tx_outcome_document_section_class_init (TxOutcomeDocumentSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_outcome_document_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-outcome-document-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeDocumentSection, number_row);
}

static void
tx_outcome_document_section_init (TxOutcomeDocumentSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Asks where to write the document, then writes it. */
void
tx_outcome_document_section_choose_file (TxOutcomeDocumentSection *self)
{
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (TX_IS_OUTCOME_DOCUMENT_SECTION (self));

  /* The file's name: the title; no slashes. */
  title = g_strstrip (g_strdup (tx_editor_get_title (get_editor (self))));
  g_strdelimit (title, "/\\:", '-');
  name = g_strconcat (title, ".odt", NULL);
  tx_editor_choose_file (get_editor (self), _("Export the Recommendation"), _("OpenDocument Text (.odt)"),
                         ".odt", "application/vnd.oasis.opendocument.text", name,
                         _("Could not export the recommendation"), write_document, self);
}

/**
 * tx_outcome_document_section_export_to_file:
 * @file: an .odt file, replaced if it exists
 *
 * Writes the recommendation as the form holds it, saved or not, as a
 * formal 协商建言, with the document number typed above the button and
 * the 版记 of the settings.
 */
gboolean
tx_outcome_document_section_export_to_file (TxOutcomeDocumentSection  *self,
                                            GFile                     *file,
                                            GError                   **error)
{
  TxEditor *editor = get_editor (self);
  g_autoptr(GObject) outcome = NULL;
  g_autofree char *path = NULL;
  g_autofree char *number = NULL;
  /* the 版记 from the settings */
  TxIssueParts parts = { NULL, NULL, NULL };

  g_return_val_if_fail (TX_IS_OUTCOME_DOCUMENT_SECTION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = tx_editor_dup_file_path (file, error);
  if (path == NULL)
    return FALSE;

  outcome = tx_editor_dup_record_with_form (editor, error);
  if (outcome == NULL)
    return FALSE;

  number = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->number_row))));
  parts.number = number;

  return tx_documents_write_recommendation (tx_editor_get_store (editor), TX_OUTCOME (outcome),
                                            tx_editor_get_today (editor), &parts, path, error);
}
