/* tx-consultation-outcomes-section.c — the recommendations that came
 * out of a consultation, and how far each was adopted; read-only here,
 * edited on the Outcomes page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultation-outcomes-section"

#include "config.h"

#include "tx-consultation-outcomes-section.h"
#include "tx-consultation.h"
#include "tx-editor-section.h"
#include "tx-outcome.h"
#include "tx-vocabulary.h"

struct _TxConsultationOutcomesSection
{
  GtkBox      parent_instance;

  /* template children */
  GtkListBox *outcomes_list;
  GtkWidget  *add_button;
};

static void tx_consultation_outcomes_section_iface_init (TxEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxConsultationOutcomesSection, tx_consultation_outcomes_section, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (TX_TYPE_EDITOR_SECTION,
                                                      tx_consultation_outcomes_section_iface_init))

static void
tx_consultation_outcomes_section_set_record (TxEditorSection *section,
                                             GObject         *record,
                                             gboolean         refill)
{
  TxConsultationOutcomesSection *self = TX_CONSULTATION_OUTCOMES_SECTION (section);
  GPtrArray *outcomes = tx_consultation_get_outcomes (TX_CONSULTATION (record));

  tx_editor_section_remove_all_rows (self->outcomes_list);
  for (guint i = 0; outcomes != NULL && i < outcomes->len; i++)
    {
      TxOutcome *outcome = g_ptr_array_index (outcomes, i);
      g_autofree char *title = g_markup_escape_text (tx_outcome_get_title (outcome), -1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *adoption = gtk_label_new (tx_adoption_get_label (tx_outcome_get_adoption (outcome)));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (adoption, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), adoption);
      gtk_list_box_append (self->outcomes_list, row);
    }
}

static void
tx_consultation_outcomes_section_iface_init (TxEditorSectionInterface *iface)
{
  iface->set_record = tx_consultation_outcomes_section_set_record;
}

static void
tx_consultation_outcomes_section_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TX_TYPE_CONSULTATION_OUTCOMES_SECTION);

  G_OBJECT_CLASS (tx_consultation_outcomes_section_parent_class)->dispose (object);
}

static void
tx_consultation_outcomes_section_class_init (TxConsultationOutcomesSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_consultation_outcomes_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-consultation-outcomes-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TxConsultationOutcomesSection, outcomes_list);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationOutcomesSection, add_button);
}

static void
tx_consultation_outcomes_section_init (TxConsultationOutcomesSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
