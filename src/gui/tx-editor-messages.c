/* tx-editor-messages.c — what an editor says: the problem above the
 * form, toasts, and the chooser of the file a document is written to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-editor-private.h"
#include "tx-file-chooser.h"
#include "tx-file-toast.h"

/* The window the editor is in, for dialogs; %NULL when none yet. */
GtkWindow *
tx_editor_get_window (TxEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A problem stays above the form until it is closed or the next change
 * succeeds. */
void
tx_editor_show_problem (TxEditor   *self,
                        const char *text)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);

  g_return_if_fail (TX_IS_EDITOR (self));

  gtk_label_set_label (priv->problem_label, text);
  gtk_info_bar_set_revealed (priv->problem_bar, TRUE);
}

/* What failed, then the core's message, which says what to do; the
 * detail goes to the log as well. */
void
tx_editor_report_failure (TxEditor     *self,
                          const char   *what,
                          const GError *error)
{
  g_autofree char *text = NULL;

  g_return_if_fail (TX_IS_EDITOR (self));

  g_warning ("%s: %s (%s, %d)", what, error->message, g_quark_to_string (error->domain), error->code);
  /* Translators: "Not saved: <why, and what to do>" */
  text = g_strdup_printf (_("%s: %s"), what, error->message);
  tx_editor_show_problem (self, text);
}

void
tx_editor_hide_problem (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);

  g_return_if_fail (TX_IS_EDITOR (self));

  gtk_info_bar_set_revealed (priv->problem_bar, FALSE);
}

/**
 * tx_editor_add_toast:
 * @toast: (transfer full): the toast
 *
 * Shows @toast in the window's toast overlay, an ancestor of the
 * editor.  The editor's last toast is dismissed first: "saved" is stale
 * once the record is deleted, and libadwaita 1.2 aborts when a toast
 * that another pushed aside comes back before it has finished hiding
 * (an Undo clicked quickly).  Toasts with Undo keep the normal
 * priority, for the same reason.
 */
void
tx_editor_add_toast (TxEditor *self,
                     AdwToast *toast)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);
  GtkWidget *overlay;

  g_return_if_fail (TX_IS_EDITOR (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }

  if (priv->toast != NULL)
    adw_toast_dismiss (priv->toast);
  g_set_weak_pointer (&priv->toast, toast);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* A toast of plain text. */
void
tx_editor_show_toast (TxEditor   *self,
                      const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  tx_editor_add_toast (self, adw_toast_new (markup));
}

/* Closes the chooser open, if any. */
void
tx_editor_clear_file_chooser (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);

  if (priv->file_chooser == NULL)
    return;

  g_signal_handlers_disconnect_by_data (priv->file_chooser, self);
  gtk_native_dialog_destroy (priv->file_chooser);
  g_clear_object (&priv->file_chooser);
}

/**
 * tx_editor_write_chosen_file:
 * @file: the file the clerk chose
 * @suffix: the file name's suffix (".odt"), added when the name lacks it
 * @failure: what failed, for the problem bar ("Could not export…")
 * @callback: writes the file
 * @user_data: for @callback
 *
 * What choosing a file to export to does: writes it with @callback,
 * then says where it went in a toast that opens the file or its
 * folder, or says what went wrong.
 */
void
tx_editor_write_chosen_file (TxEditor         *self,
                             GFile            *file,
                             const char       *suffix,
                             const char       *failure,
                             TxEditorFileFunc  callback,
                             gpointer          user_data)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *lower = g_utf8_strdown (basename, -1);
  g_autoptr(GFile) target = g_object_ref (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (TX_IS_EDITOR (self));

  /* WPS and LibreOffice know the file by its name. */
  if (!g_str_has_suffix (lower, suffix))
    {
      g_autofree char *with_suffix = g_strconcat (basename, suffix, NULL);
      g_autoptr(GFile) parent = g_file_get_parent (file);

      g_clear_object (&target);
      target = g_file_get_child (parent, with_suffix);
    }

  text = callback (target, user_data, &error);
  if (text != NULL)
    {
      tx_editor_hide_problem (self);
      tx_editor_add_toast (self, tx_file_toast_new (text, target));
    }
  else
    tx_editor_report_failure (self, failure, error);
}

static void
on_file_chooser_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             TxEditor        *self)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL && tx_editor_is_shown (self))
    tx_editor_write_chosen_file (self, file,
                                 g_object_get_data (G_OBJECT (chooser), "tx-suffix"),
                                 g_object_get_data (G_OBJECT (chooser), "tx-failure"),
                                 (TxEditorFileFunc) g_object_get_data (G_OBJECT (chooser), "tx-callback"),
                                 g_object_get_data (G_OBJECT (chooser), "tx-user-data"));

  if (priv->file_chooser == chooser)
    {
      g_signal_handlers_disconnect_by_data (chooser, self);
      g_clear_object (&priv->file_chooser);
    }
}

/**
 * tx_editor_choose_file:
 * @suffix: ".odt": added to a name given without it
 * @name: the name offered
 * @failure: what is said when @callback fails: “Could not export the minutes”
 * @callback: writes the file chosen, if the record is still shown
 * @user_data: for @callback: the editor or one of its sections
 *
 * Asks where to save a document of the record, one chooser at a time.
 */
void
tx_editor_choose_file (TxEditor   *self,
                       const char *title,
                       const char *filter_name,
                       const char *suffix,
                       const char *mime_type,
                       const char       *name,
                       const char       *failure,
                       TxEditorFileFunc  callback,
                       gpointer          user_data)
{
  TxEditorPrivate *priv = tx_editor_get_private (self);
  GtkFileChooserNative *chooser;

  g_return_if_fail (TX_IS_EDITOR (self));

  tx_editor_clear_file_chooser (self);

  chooser = tx_file_chooser_new_save (tx_editor_get_window (self), title, _("_Export"), name,
                                      filter_name, suffix + 1, mime_type);

  g_object_set_data (G_OBJECT (chooser), "tx-callback", (gpointer) callback);
  g_object_set_data (G_OBJECT (chooser), "tx-user-data", user_data);
  g_object_set_data_full (G_OBJECT (chooser), "tx-failure", g_strdup (failure), g_free);
  g_object_set_data_full (G_OBJECT (chooser), "tx-suffix", g_strdup (suffix), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chooser_response_cb), self);
  priv->file_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (priv->file_chooser);
}

/**
 * tx_editor_dup_file_path:
 *
 * Returns: (transfer full) (nullable): the path of @file, or %NULL with
 *   @error when it is not on this computer
 */
char *
tx_editor_dup_file_path (GFile   *file,
                         GError **error)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a file on this computer. Choose a folder on this computer."), uri);
    }

  return path;
}
