/* tx-supervision-row.c — one supervision record of a recommendation:
 * before, during or after it is carried out, when, by whom, and what
 * was found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-supervision-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-date-picker.h"
#include "tx-editor-section.h"
#include "tx-off-reason.h"
#include "tx-supervision-row.h"
#include "tx-vocabulary.h"

struct _TxSupervisionRow
{
  GtkListBoxRow  parent_instance;

  /* template children */
  GtkDropDown   *phase_drop_down;
  GtkStringList *phases;
  GtkEntry      *date_entry;
  GtkEntry      *by_entry;
  GtkButton     *remove_button;
  GtkTextView   *note_view;
  GtkTextBuffer *note_buffer;
};

G_DEFINE_FINAL_TYPE (TxSupervisionRow, tx_supervision_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_changed_cb (TxSupervisionRow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_entry_activate_cb (TxSupervisionRow *self)
{
  tx_editor_section_save_on_enter (GTK_WIDGET (self));
}

static void
on_remove_button_clicked_cb (TxSupervisionRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
tx_supervision_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TX_TYPE_SUPERVISION_ROW);

  G_OBJECT_CLASS (tx_supervision_row_parent_class)->dispose (object);
}

static void
tx_supervision_row_class_init (TxSupervisionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_supervision_row_dispose;

  /* Its phase, date, by whom or note was changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-supervision-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TxSupervisionRow, phase_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxSupervisionRow, phases);
  gtk_widget_class_bind_template_child (widget_class, TxSupervisionRow, date_entry);
  gtk_widget_class_bind_template_child (widget_class, TxSupervisionRow, by_entry);
  gtk_widget_class_bind_template_child (widget_class, TxSupervisionRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, TxSupervisionRow, note_view);
  gtk_widget_class_bind_template_child (widget_class, TxSupervisionRow, note_buffer);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_button_clicked_cb);
}

static void
tx_supervision_row_init (TxSupervisionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* not in the template: there, each would cost a round trip to the X
   * server, for each record of a recommendation */
  tx_widget_set_tooltip (GTK_WIDGET (self->phase_drop_down), _("Phase of the supervision"));
  tx_widget_set_tooltip (GTK_WIDGET (self->date_entry), _("Date of the supervision"));
  tx_widget_set_tooltip (GTK_WIDGET (self->by_entry), _("Who supervised: the liaison group, deputies, residents"));
  tx_widget_set_tooltip (GTK_WIDGET (self->remove_button), _("Remove This Record"));
  tx_widget_set_tooltip (GTK_WIDGET (self->note_view), _("What was found, and what was done about it"));
  tx_date_picker_attach_to_entry (self->date_entry);

  /* In the order of TxSupervisionPhase. */
  for (guint i = 0; i < tx_supervision_phase_get_count (); i++)
    gtk_string_list_append (self->phases, tx_supervision_phase_get_label ((TxSupervisionPhase) i));
}

/**
 * tx_supervision_row_new:
 * @date: (nullable): YYYY-MM-DD
 */
GtkWidget *
tx_supervision_row_new (TxSupervisionPhase  phase,
                        const char         *date,
                        const char         *by,
                        const char         *note)
{
  TxSupervisionRow *self = g_object_new (TX_TYPE_SUPERVISION_ROW, NULL);

  gtk_drop_down_set_selected (self->phase_drop_down, phase);
  tx_editor_section_set_text (self->date_entry, date);
  tx_editor_section_set_text (self->by_entry, by);
  tx_editor_section_set_buffer_text (self->note_buffer, note);

  return GTK_WIDGET (self);
}

TxSupervisionPhase
tx_supervision_row_get_phase (TxSupervisionRow *self)
{
  guint selected;

  g_return_val_if_fail (TX_IS_SUPERVISION_ROW (self), TX_SUPERVISION_BEFORE);

  selected = gtk_drop_down_get_selected (self->phase_drop_down);
  return selected < tx_supervision_phase_get_count () ? (TxSupervisionPhase) selected : TX_SUPERVISION_BEFORE;
}

/* The date, as typed. */
GtkEditable *
tx_supervision_row_get_date_entry (TxSupervisionRow *self)
{
  g_return_val_if_fail (TX_IS_SUPERVISION_ROW (self), NULL);

  return GTK_EDITABLE (self->date_entry);
}

char *
tx_supervision_row_dup_by (TxSupervisionRow *self)
{
  g_return_val_if_fail (TX_IS_SUPERVISION_ROW (self), NULL);

  return tx_editor_section_dup_text (self->by_entry);
}

char *
tx_supervision_row_dup_note (TxSupervisionRow *self)
{
  g_return_val_if_fail (TX_IS_SUPERVISION_ROW (self), NULL);

  return tx_editor_section_dup_buffer_text (self->note_buffer);
}

/* Nothing written in it: not a record. */
gboolean
tx_supervision_row_is_empty (TxSupervisionRow *self)
{
  g_autofree char *date = NULL;
  g_autofree char *by = NULL;
  g_autofree char *note = NULL;

  g_return_val_if_fail (TX_IS_SUPERVISION_ROW (self), TRUE);

  date = tx_editor_section_dup_text (self->date_entry);
  by = tx_editor_section_dup_text (self->by_entry);
  note = tx_editor_section_dup_buffer_text (self->note_buffer);

  return date[0] == '\0' && by[0] == '\0' && note[0] == '\0';
}

/**
 * tx_supervision_row_show_problem:
 * @problem: (nullable): what is wrong with the date
 */
void
tx_supervision_row_show_problem (TxSupervisionRow *self,
                                 const char       *problem)
{
  g_return_if_fail (TX_IS_SUPERVISION_ROW (self));

  tx_editor_section_show_problem (GTK_WIDGET (self->date_entry), NULL, problem);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_entry), problem != NULL ? problem : _("Date of the supervision"));
}
