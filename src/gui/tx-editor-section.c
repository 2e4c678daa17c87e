/* tx-editor-section.c — one part of an editor's form
 *
 * An editor (TxEditor) is built from sections, as GNOME Calendar builds
 * its event editor: each shows a part of the record, writes it back,
 * says what of its form is wrong, and tells the editor when the clerk
 * changed something.  The editor holds the record, the store and the
 * day, checks the whole, tracks changes and saves.
 *
 * Below the interface, the small things every section and row does the
 * same way: read a field stripped, read a typed date through
 * tx_date_parse(), mark a field wrong and say why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-editor-section"

#include "config.h"

#include "tx-editor-section.h"
#include "tx-editor.h"
#include "tx-off-reason.h"
#include "tx-rules.h"

G_DEFINE_INTERFACE (TxEditorSection, tx_editor_section, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
tx_editor_section_default_init (TxEditorSectionInterface *iface)
{
  /**
   * TxEditorSection::changed:
   *
   * The clerk changed the section's form.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

/**
 * tx_editor_section_set_record:
 * @record: (nullable): the record shown, or %NULL for none
 * @refill: whether the form is written from @record too
 */
void
tx_editor_section_set_record (TxEditorSection *self,
                              GObject         *record,
                              gboolean         refill)
{
  TxEditorSectionInterface *iface;

  g_return_if_fail (TX_IS_EDITOR_SECTION (self));

  iface = TX_EDITOR_SECTION_GET_IFACE (self);
  if (iface->set_record != NULL)
    iface->set_record (self, record, refill);
}

/**
 * tx_editor_section_apply:
 * @record: the record to write into
 * @problems: (element-type TxProblem): where to say what was typed wrong
 */
void
tx_editor_section_apply (TxEditorSection *self,
                         GObject         *record,
                         GPtrArray       *problems)
{
  TxEditorSectionInterface *iface;

  g_return_if_fail (TX_IS_EDITOR_SECTION (self));

  iface = TX_EDITOR_SECTION_GET_IFACE (self);
  if (iface->apply != NULL)
    iface->apply (self, record, problems);
}

void
tx_editor_section_append_state (TxEditorSection *self,
                                GString         *state)
{
  TxEditorSectionInterface *iface;

  g_return_if_fail (TX_IS_EDITOR_SECTION (self));

  iface = TX_EDITOR_SECTION_GET_IFACE (self);
  if (iface->append_state != NULL)
    iface->append_state (self, state);
  g_string_append_c (state, '\x1d');
}

/**
 * tx_editor_section_update:
 * @record: the record the whole form makes
 * @problems: (element-type TxProblem): what is wrong with it
 */
void
tx_editor_section_update (TxEditorSection *self,
                          GObject         *record,
                          GPtrArray       *problems)
{
  TxEditorSectionInterface *iface;

  g_return_if_fail (TX_IS_EDITOR_SECTION (self));

  iface = TX_EDITOR_SECTION_GET_IFACE (self);
  if (iface->update != NULL)
    iface->update (self, record, problems);
}

void
tx_editor_section_commit (TxEditorSection *self)
{
  TxEditorSectionInterface *iface;

  g_return_if_fail (TX_IS_EDITOR_SECTION (self));

  iface = TX_EDITOR_SECTION_GET_IFACE (self);
  if (iface->commit != NULL)
    iface->commit (self);
}

/* Returns: (nullable): the title typed, when the section holds it */
const char *
tx_editor_section_get_title (TxEditorSection *self)
{
  TxEditorSectionInterface *iface;

  g_return_val_if_fail (TX_IS_EDITOR_SECTION (self), NULL);

  iface = TX_EDITOR_SECTION_GET_IFACE (self);
  return iface->get_title != NULL ? iface->get_title (self) : NULL;
}

/* Returns: (nullable) (transfer none): the widget of @place, when the
 * section holds it */
GtkWidget *
tx_editor_section_find_place (TxEditorSection *self,
                              const char      *place)
{
  TxEditorSectionInterface *iface;

  g_return_val_if_fail (TX_IS_EDITOR_SECTION (self), NULL);

  iface = TX_EDITOR_SECTION_GET_IFACE (self);
  return iface->find_place != NULL && place != NULL ? iface->find_place (self, place) : NULL;
}

/* Says that the clerk changed the form. */
void
tx_editor_section_changed (TxEditorSection *self)
{
  g_return_if_fail (TX_IS_EDITOR_SECTION (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * tx_editor_section_get_editor:
 *
 * Returns: (nullable) (transfer none): the editor the section is in
 */
TxEditor *
tx_editor_section_get_editor (TxEditorSection *self)
{
  g_return_val_if_fail (TX_IS_EDITOR_SECTION (self), NULL);

  return (TxEditor *) gtk_widget_get_ancestor (GTK_WIDGET (self), TX_TYPE_EDITOR);
}

/* Fields */

/* What an entry holds, without the spaces around it. */
char *
tx_editor_section_dup_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

void
tx_editor_section_set_text (gpointer    editable,
                            const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text != NULL ? text : "");
}

char *
tx_editor_section_dup_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

void
tx_editor_section_set_buffer_text (GtkTextBuffer *buffer,
                                   const char    *text)
{
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
}

/**
 * tx_editor_section_read_date:
 * @date: (out): the day typed, %TX_DATE_NONE when nothing is
 *
 * Reads a date as clerks write it (2026-12-10, 2026/12/10, 2026年12月10日,
 * 20261210…).
 *
 * Returns: %TRUE for a date or nothing; %FALSE with @error saying what
 *   to write
 */
gboolean
tx_editor_section_read_date (gpointer   editable,
                             TxDate    *date,
                             GError   **error)
{
  g_autofree char *text = tx_editor_section_dup_text (editable);

  *date = TX_DATE_NONE;
  if (text[0] == '\0')
    return TRUE;

  return tx_date_parse (text, date, error);
}

/* A date the same however it is written; what is not one, as typed. */
void
tx_editor_section_append_date_state (GString  *state,
                                     gpointer  editable)
{
  TxDate date;

  if (tx_editor_section_read_date (editable, &date, NULL))
    {
      char iso[11];

      tx_date_write_iso (date, iso);
      g_string_append (state, iso);
    }
  else
    g_string_append (state, gtk_editable_get_text (GTK_EDITABLE (editable)));

  g_string_append_c (state, '\x1f');
}

/* Takes @message. */
void
tx_editor_section_add_problem (GPtrArray  *problems,
                               const char *field,
                               int         index,
                               char       *message)
{
  TxProblem *problem = g_new0 (TxProblem, 1);

  problem->field = g_strdup (field);
  problem->index = index;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

/* A field in red, its icon with the reason as tooltip, and the state
 * for assistive technologies; %NULL when it is right. */
void
tx_editor_section_show_problem (GtkWidget  *widget,
                                GtkImage   *icon,
                                const char *problem)
{
  gboolean wrong = problem != NULL;

  if (wrong)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");

  if (icon != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (icon), wrong);
      tx_widget_set_tooltip (GTK_WIDGET (icon), problem);
    }

  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               wrong ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* @messages (const char *), one a line; hidden when there are none. */
void
tx_editor_section_show_problems (GtkLabel  *label,
                                 GPtrArray *messages)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < messages->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (messages, i));
    }

  gtk_label_set_label (label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (label), messages->len > 0);
}

/* Enter in a field saves, as in any form; a form that cannot be saved
 * rings the bell. */
void
tx_editor_section_save_on_enter (GtkWidget *widget)
{
  TxEditor *editor = (TxEditor *) gtk_widget_get_ancestor (widget, TX_TYPE_EDITOR);

  if (editor == NULL)
    return;

  if (tx_editor_can_save (editor))
    tx_editor_save (editor, NULL);
  else if (!tx_editor_is_valid (editor))
    gtk_widget_error_bell (widget);
}

void
tx_editor_section_remove_all_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}
