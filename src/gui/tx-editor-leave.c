/* tx-editor-leave.c — nothing typed is lost: saving, giving up, and
 * the question asked before an editor shows another record, or its
 * window closes
 *
 * tx_ask_to_save_changes() is that question, for an editor or a dialog;
 * tx_editor_ask_to_leave() asks about one editor; TxLeaveQuestions asks
 * about several (the editors of a window, the person dialogs, every
 * window when Tongxin quits), one after the other, and says once
 * whether all may be left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-editor-private.h"

/* Saving and giving up */

/**
 * tx_editor_save:
 *
 * Saves what the form holds, as editor.save (Ctrl+S) does.  What
 * stops it is shown above the form as well.
 *
 * Returns: whether it was saved
 */
gboolean
tx_editor_save (TxEditor  *self,
                GError   **error)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);
  g_autoptr(GObject) record = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  gboolean notify;

  g_return_val_if_fail (TX_IS_EDITOR (self), FALSE);

  if (!tx_editor_is_shown (self))
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND, _("Nothing to save."));
      return FALSE;
    }

  for (guint i = 0; i < priv->sections->len; i++)
    tx_editor_section_commit (TX_EDITOR_SECTION (g_ptr_array_index (priv->sections, i)));
  tx_editor_check_form (self);
  if (!priv->valid)
    {
      tx_editor_show_problem (self, _(TX_EDITOR_GET_CLASS (self)->invalid));
      gtk_widget_error_bell (GTK_WIDGET (self));
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID, _(TX_EDITOR_GET_CLASS (self)->invalid));
      return FALSE;
    }

  /* saved elsewhere meanwhile where the clerk typed too: asked first */
  if (tx_editor_ask_about_elsewhere (self))
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                           _("Not saved yet: this record was saved elsewhere meanwhile."));
      return FALSE;
    }

  record = tx_editor_dup_record_with_form (self, &local_error);
  if (record == NULL || !TX_EDITOR_GET_CLASS (self)->save_record (self, record, &local_error))
    {
      /* another program is writing: saved once it has finished */
      if (g_error_matches (local_error, TX_STORE_ERROR, TX_STORE_ERROR_BUSY) &&
          tx_editor_save_when_free (self))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      priv->retry_started = 0;
      tx_editor_report_failure (self, _("Not saved"), local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  priv->retry_started = 0;
  g_clear_handle_id (&priv->retry_id, g_source_remove);

  /* Read again where it is: the form stays scrolled where it was. */
  tx_editor_hide_problem (self);
  uuid = tx_editor_dup_record_string (record, "uuid");
  notify = g_strcmp0 (priv->uuid, uuid) != 0;
  g_free (priv->uuid);
  priv->uuid = g_steal_pointer (&uuid);
  priv->is_new = FALSE;
  tx_editor_reload (self, TRUE);

  title = tx_editor_dup_record_string (record, "title");
  /* Translators: %s is the title of a consultation or a recommendation */
  text = g_strdup_printf (_("“%s” saved"), title != NULL ? title : "");
  tx_editor_show_toast (self, text);

  tx_editor_emit_saved (self, notify);

  return TRUE;
}

/**
 * tx_editor_discard:
 *
 * Drops what was typed: the form shows the record as stored again, or
 * an empty new one.
 */
void
tx_editor_discard (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);

  g_return_if_fail (TX_IS_EDITOR (self));

  if (!tx_editor_is_shown (self))
    return;

  if (priv->is_new)
    g_clear_object (&priv->record);
  tx_editor_hide_problem (self);
  tx_editor_reload (self, TRUE);
}

/* The question */

typedef struct {
  GObject             *target;      /* weak */
  TxEditorSaveFunc     save;
  TxEditorDiscardFunc  discard;
  TxEditorLeaveFunc    callback;
  gpointer             user_data;
  gboolean             answered;
} SaveQuestion;

static void
save_question_free (gpointer  data,
                    GClosure *closure)
{
  SaveQuestion *question = data;

  g_clear_weak_pointer (&question->target);
  g_free (question);
}

static void
on_save_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            SaveQuestion     *question)
{
  gboolean may_leave = FALSE;

  /* Once: the caller goes on, or not, once. */
  if (question->answered)
    return;
  question->answered = TRUE;

  /* Gone meanwhile: nothing is left to lose. */
  if (question->target == NULL)
    may_leave = TRUE;
  else if (g_strcmp0 (response, "save") == 0)
    may_leave = question->save (question->target);
  else if (g_strcmp0 (response, "discard") == 0)
    {
      question->discard (question->target);
      may_leave = TRUE;
    }

  if (question->callback != NULL)
    question->callback (may_leave, question->user_data);
}

/**
 * tx_ask_to_save_changes:
 * @parent: the window to ask over
 * @body: what is not saved
 * @target: what holds it: an editor, a dialog
 * @save: saves @target; when it cannot, says why there and returns
 *   %FALSE, and the clerk stays
 * @discard: gives up what @target holds
 * @callback: (nullable): told whether the caller may go on
 *
 * The one question asked before anything typed could be lost: “Save
 * Changes?”, with Save, Discard and Cancel.
 */
void
tx_ask_to_save_changes (GtkWindow           *parent,
                        const char          *body,
                        gpointer             target,
                        TxEditorSaveFunc     save,
                        TxEditorDiscardFunc  discard,
                        TxEditorLeaveFunc    callback,
                        gpointer             user_data)
{
  AdwMessageDialog *dialog;
  SaveQuestion *question;

  g_return_if_fail (G_IS_OBJECT (target));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Save Changes?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  question = g_new0 (SaveQuestion, 1);
  g_set_weak_pointer (&question->target, target);
  question->save = save;
  question->discard = discard;
  question->callback = callback;
  question->user_data = user_data;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_save_dialog_response_cb),
                         question, save_question_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* One editor */

/* Not saved: the problem is said above the form, and the clerk stays. */
static gboolean
save_editor (gpointer target)
{
  return tx_editor_save (target, NULL);
}

static void
discard_editor (gpointer target)
{
  tx_editor_discard (target);
}

/**
 * tx_editor_ask_to_leave:
 * @parent: (nullable): the window to ask over, else the editor's
 * @callback: told whether the caller may go on (show another record,
 *   close the window)
 *
 * When the form holds something not saved, asks whether to save it:
 * Save saves (and the clerk stays if it cannot be, with the reason
 * above the form), Discard drops it, Cancel stays.  Without changes,
 * calls back at once.
 */
void
tx_editor_ask_to_leave (TxEditor          *self,
                        GtkWindow         *parent,
                        TxEditorLeaveFunc  callback,
                        gpointer           user_data)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (TX_IS_EDITOR (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (callback != NULL);

  if (!tx_editor_has_changes (self))
    {
      callback (TRUE, user_data);
      return;
    }

  title = g_strstrip (g_strdup (tx_editor_get_title (self)));
  if (title[0] == '\0' && !tx_editor_is_new (self))
    {
      g_free (title);
      title = tx_editor_dup_record_string (tx_editor_get_record (self), "title");
      if (title == NULL)
        title = g_strdup ("");
    }

  if (title[0] != '\0')
    /* Translators: %s is the title of a consultation or a recommendation */
    body = g_strdup_printf (_("The changes to “%s” are not saved."), title);
  else
    body = g_strdup (_(TX_EDITOR_GET_CLASS (self)->new_unsaved));

  tx_ask_to_save_changes (parent != NULL ? parent : tx_editor_get_window (self), body,
                          self, save_editor, discard_editor, callback, user_data);
}

/* Asking, one after the other */

typedef struct {
  gpointer         target;
  GtkWindow       *parent;
  TxEditorAskFunc  ask;
} Question;

struct _TxLeaveQuestions
{
  GArray            *questions;   /* Question */
  guint              next;
  TxEditorLeaveFunc  callback;
  gpointer           user_data;
};

static void
question_clear (Question *question)
{
  g_clear_object (&question->target);
  g_clear_object (&question->parent);
}

/* Done: what was asked about is let go first, while what it belongs to
 * is still there (a person dialog and its window), then the caller is
 * told. */
static void
leave_questions_finish (TxLeaveQuestions *questions,
                        gboolean          may_leave)
{
  TxEditorLeaveFunc callback = questions->callback;
  gpointer user_data = questions->user_data;

  g_array_unref (questions->questions);
  g_free (questions);

  callback (may_leave, user_data);
}

/* A list of things to ask before leaving, each with its own question. */
TxLeaveQuestions *
tx_leave_questions_new (void)
{
  TxLeaveQuestions *questions = g_new0 (TxLeaveQuestions, 1);

  questions->questions = g_array_new (FALSE, TRUE, sizeof (Question));
  g_array_set_clear_func (questions->questions, (GDestroyNotify) question_clear);

  return questions;
}

/**
 * tx_leave_questions_add:
 * @target: a GObject: an editor, a window
 * @parent: (nullable): the window to ask over
 * @ask: asks @target, like tx_editor_ask_to_leave()
 */
void
tx_leave_questions_add (TxLeaveQuestions *questions,
                        gpointer          target,
                        GtkWindow        *parent,
                        TxEditorAskFunc   ask)
{
  Question question = { g_object_ref (target), parent != NULL ? g_object_ref (parent) : NULL, ask };

  g_array_append_val (questions->questions, question);
}

static void ask_next (TxLeaveQuestions *questions);

static gboolean
ask_next_cb (gpointer data)
{
  ask_next (data);

  return G_SOURCE_REMOVE;
}

static void
on_question_answered_cb (gboolean  may_leave,
                         gpointer  user_data)
{
  TxLeaveQuestions *questions = user_data;

  if (!may_leave)
    {
      leave_questions_finish (questions, FALSE);
      return;
    }

  /* Not from here: the dialog that answered is still emitting its
   * response, and what it belongs to may be closed next. */
  questions->next++;
  g_idle_add (ask_next_cb, questions);
}

static void
ask_next (TxLeaveQuestions *questions)
{
  Question *question;

  if (questions->next >= questions->questions->len)
    {
      leave_questions_finish (questions, TRUE);
      return;
    }

  question = &g_array_index (questions->questions, Question, questions->next);
  question->ask (question->target, question->parent, on_question_answered_cb, questions);
}

/**
 * tx_leave_questions_ask:
 * @questions: (transfer full): what to ask
 * @callback: told once: whether every one may be left (all saved,
 *   given up, or unchanged); at the first Cancel, %FALSE
 *
 * Asks the questions one after the other.
 */
void
tx_leave_questions_ask (TxLeaveQuestions  *questions,
                        TxEditorLeaveFunc  callback,
                        gpointer           user_data)
{
  g_return_if_fail (questions != NULL);
  g_return_if_fail (callback != NULL);

  questions->callback = callback;
  questions->user_data = user_data;
  ask_next (questions);
}
