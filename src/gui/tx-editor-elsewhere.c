/* tx-editor-elsewhere.c — what was written elsewhere while the clerk
 * edits: another window, tongxin-cli, an import
 *
 * When the record an editor shows is saved elsewhere while the clerk
 * has typed something not saved yet, nothing is lost and nothing is
 * overwritten without asking:
 *
 *  - each part of the form (a section) the clerk did not change shows
 *    the record as it now is;
 *  - the parts the clerk changed keep what was typed, and Save first
 *    asks: keep mine there (and replace what was changed elsewhere), or
 *    show the other version (and give up what was typed).
 *
 * Whether the record changed is told by its updated-at, as the form was
 * read and as it is now.  A part's change is told by its state
 * (tx_editor_section_append_state()), as read and as it is now.
 *
 * And when another program is writing when the clerk saves, the editor
 * says so and saves as soon as the other has finished, instead of
 * failing after a wait.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-editor-private.h"
#include "tx-out-of-sight.h"

/* How often a save waiting for another program tries again, and for how
 * long before it gives up and says so. */
#define RETRY_MS       500
#define RETRY_MAX_MS   (3 * 60 * 1000)

static char *
dup_section_state (TxEditorSection *section)
{
  GString *state = g_string_new (NULL);

  tx_editor_section_append_state (section, state);
  return g_string_free (state, FALSE);
}

/* The heading of a part of the form, as the clerk reads it above it. */
static const char *
get_section_heading (TxEditorSection *section)
{
  g_autoptr(GQueue) queue = g_queue_new ();

  g_queue_push_tail (queue, section);
  while (!g_queue_is_empty (queue))
    {
      GtkWidget *widget = g_queue_pop_head (queue);

      if (ADW_IS_PREFERENCES_GROUP (widget))
        {
          const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget));

          if (title != NULL && title[0] != '\0')
            return title;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (queue, child);
    }

  return "";
}

/**
 * tx_editor_take_section_states:
 *
 * The form as it now shows the record: read, saved, or given up.
 */
void
tx_editor_take_section_states (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);

  g_ptr_array_set_size (priv->section_states, 0);
  for (guint i = 0; i < priv->sections->len; i++)
    g_ptr_array_add (priv->section_states, dup_section_state (g_ptr_array_index (priv->sections, i)));

  g_free (priv->read_updated_at);
  priv->read_updated_at = priv->record != NULL && !priv->is_new
                          ? tx_editor_dup_record_string (priv->record, "updated-at") : NULL;
  g_ptr_array_set_size (priv->clashes, 0);
}

/**
 * tx_editor_merge_elsewhere:
 * @record: the record as it is now stored
 *
 * Shows @record in a form the clerk has changed.  When @record was
 * saved elsewhere since the form was read, the parts the clerk did not
 * change show it; the others keep what was typed and are remembered
 * for the question at Save.
 *
 * Returns: (transfer full): the form as read, as it is now to be taken
 *   (the parts refilled are no longer the clerk's changes)
 */
char *
tx_editor_merge_elsewhere (TxEditor *self,
                           GObject  *record)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);
  g_autofree char *updated_at = tx_editor_dup_record_string (record, "updated-at");
  gboolean elsewhere = priv->read_updated_at != NULL && g_strcmp0 (updated_at, priv->read_updated_at) != 0;
  GString *initial = g_string_new (NULL);

  for (guint i = 0; i < priv->sections->len; i++)
    {
      TxEditorSection *section = g_ptr_array_index (priv->sections, i);
      g_autofree char *state = dup_section_state (section);
      gboolean typed = i >= priv->section_states->len ||
                       g_strcmp0 (state, g_ptr_array_index (priv->section_states, i)) != 0;

      if (elsewhere && !typed)
        {
          /* not the clerk's: the record as it is now */
          tx_editor_section_set_record (section, record, TRUE);
          if (i < priv->section_states->len)
            {
              g_free (g_ptr_array_index (priv->section_states, i));
              g_ptr_array_index (priv->section_states, i) = dup_section_state (section);
            }
        }
      else
        {
          tx_editor_section_set_record (section, record, FALSE);
          if (elsewhere)
            {
              const char *heading = get_section_heading (section);
              gboolean known = FALSE;

              for (guint j = 0; j < priv->clashes->len && !known; j++)
                known = g_str_equal (g_ptr_array_index (priv->clashes, j), heading);
              if (!known)
                g_ptr_array_add (priv->clashes, g_strdup (heading));
            }
        }

      if (i < priv->section_states->len)
        g_string_append (initial, g_ptr_array_index (priv->section_states, i));
    }

  if (elsewhere)
    {
      g_debug ("%s %s was saved elsewhere while edited", TX_EDITOR_GET_CLASS (self)->record_kind, priv->uuid);
      g_free (priv->read_updated_at);
      priv->read_updated_at = g_steal_pointer (&updated_at);
    }

  return g_string_free (initial, FALSE);
}

static void
on_clash_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  g_autoptr(TxEditor) self = user_data;
  TxEditorPrivate *priv = tx_editor_get_private (self);

  if (g_strcmp0 (response, "mine") == 0)
    {
      g_ptr_array_set_size (priv->clashes, 0);
      tx_editor_save (self, NULL);
    }
  else if (g_strcmp0 (response, "theirs") == 0)
    tx_editor_discard (self);
}

/**
 * tx_editor_ask_about_elsewhere:
 *
 * Before a save: when the record was saved elsewhere in parts the clerk
 * changed too, asks which to keep.
 *
 * Returns: whether the question is asked (the save waits for the answer)
 */
gboolean
tx_editor_ask_about_elsewhere (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);
  g_autoptr(GString) parts = g_string_new (NULL);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkRoot *root;

  if (priv->clashes->len == 0)
    return FALSE;

  for (guint i = 0; i < priv->clashes->len; i++)
    {
      if (i > 0)
        /* Translators: between the names of the parts of a form */
        g_string_append (parts, _(", "));
      g_string_append_printf (parts, "“%s”", (const char *) g_ptr_array_index (priv->clashes, i));
    }

  body = g_strdup_printf (_("While you were editing, this record was saved elsewhere (in another window, "
                            "by tongxin-cli or by an import). Where you changed nothing, the form now shows "
                            "that version. In %s you changed things too: saving keeps what you typed there "
                            "and replaces what was saved elsewhere."),
                          parts->str);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Saved Elsewhere Meanwhile"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "theirs", _("_Show the Other Version"),
                                    "mine", _("_Keep Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "theirs", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "mine");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_clash_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* Another program is writing */

static gboolean
on_retry_cb (gpointer user_data)
{
  TxEditor *self = user_data;
  TxEditorPrivate *priv = tx_editor_get_private (self);

  priv->retry_id = 0;
  tx_editor_save (self, NULL);

  return G_SOURCE_REMOVE;
}

/**
 * tx_editor_save_when_free:
 *
 * A save found another program writing: says so, and tries again a
 * little later, until it is saved or a few minutes have passed.
 *
 * Returns: whether it will try again
 */
gboolean
tx_editor_save_when_free (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);

  if (priv->retry_started == 0)
    priv->retry_started = g_get_monotonic_time ();
  else if (g_get_monotonic_time () - priv->retry_started > (gint64) RETRY_MAX_MS * 1000)
    {
      priv->retry_started = 0;
      return FALSE;
    }

  tx_editor_show_problem (self, _("Another program is writing to the database. Tongxin saves as soon as it has finished."));
  if (priv->retry_id == 0)
    priv->retry_id = g_timeout_add (RETRY_MS, on_retry_cb, self);

  return TRUE;
}

/**
 * tx_editor_forget_elsewhere:
 *
 * Another record is shown, or the editor goes: no question, no retry.
 */
void
tx_editor_forget_elsewhere (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);

  g_clear_handle_id (&priv->retry_id, g_source_remove);
  priv->retry_started = 0;
  g_ptr_array_set_size (priv->clashes, 0);
  g_clear_pointer (&priv->read_updated_at, g_free);
}

static gboolean
on_reload_idle_cb (gpointer user_data)
{
  TxEditor *self = user_data;
  TxEditorPrivate *priv = tx_editor_get_private (self);

  priv->reload_id = 0;
  tx_editor_reload (self, FALSE);

  return G_SOURCE_REMOVE;
}

/**
 * tx_editor_schedule_reload:
 *
 * Reads the record again from an idle, keeping what is typed; out of
 * sight (on a page not shown), when it is shown again.
 */
void
tx_editor_schedule_reload (TxEditor *self)
{
  TxEditorPrivate *priv;

  g_return_if_fail (TX_IS_EDITOR (self));

  priv = tx_editor_get_private (self);
  if (tx_widget_is_out_of_sight (GTK_WIDGET (self)))
    priv->reload_when_shown = TRUE;
  else if (priv->reload_id == 0)
    priv->reload_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, on_reload_idle_cb, self, NULL);
}

/* Shown again: what was saved meanwhile, read. */
void
tx_editor_map (GtkWidget *widget)
{
  TxEditor *self = TX_EDITOR (widget);
  TxEditorPrivate *priv = tx_editor_get_private (self);

  GTK_WIDGET_CLASS (g_type_class_peek_parent (g_type_class_peek (TX_TYPE_EDITOR)))->map (widget);
  if (priv->reload_when_shown)
    tx_editor_reload (self, FALSE);
}
