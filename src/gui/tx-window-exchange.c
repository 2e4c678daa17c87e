/* tx-window-exchange.c — the window's part in the exchange between
 * offices: 报送数据 (Send Data), 接收数据 (Receive Data) and the conflicts
 * they bring (Conflicts to Decide), from the main menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-conflicts-dialog.h"
#include "tx-outcomes-page.h"
#include "tx-person-editor.h"
#include "tx-receive-dialog.h"
#include "tx-roster.h"
#include "tx-send-dialog.h"
#include "tx-townships-dialog.h"
#include "tx-window-private.h"
#include "tx-year-archive-dialog.h"

/* Merge and Edit: the version here, kept, opens where it is edited */
static void
on_open_record_cb (TxConflictsDialog *dialog,
                   const char        *kind,
                   const char        *uuid,
                   TxWindow          *self)
{
  if (self->store == NULL)
    return;

  if (g_strcmp0 (kind, "consultation") == 0)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "consultations");
      tx_consultations_page_select (self->consultations_page, uuid, NULL);
    }
  else if (g_strcmp0 (kind, "outcome") == 0)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "outcomes");
      tx_outcomes_page_select (TX_OUTCOMES_PAGE (self->outcomes_page), uuid, NULL);
    }
  else if (g_strcmp0 (kind, "person") == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TxPerson) person = tx_roster_find_person (self->store, uuid, &error);

      if (person == NULL)
        {
          tx_window_show_toast (self, error != NULL ? error->message : _("The person is not in the roster any more."));
          return;
        }
      gtk_window_present (GTK_WINDOW (tx_person_editor_new (GTK_WINDOW (dialog), self->store, person)));
    }
  else if (g_strcmp0 (kind, "township") == 0 || g_strcmp0 (kind, "plan") == 0)
    {
      /* a township, or its plan: where they are edited */
      TxTownshipsDialog *townships = tx_townships_dialog_new (GTK_WINDOW (dialog), self->store, self->day);

      gtk_window_present (GTK_WINDOW (townships));
      if (!tx_townships_dialog_show_record (townships, kind, uuid))
        tx_window_show_toast (self, _("The township is not listed any more."));
    }
}

/**
 * tx_window_show_conflicts:
 *
 * Returns: (transfer none): the dialog of the conflicts still to decide
 */
TxConflictsDialog *
tx_window_show_conflicts (TxWindow *self)
{
  TxConflictsDialog *dialog;

  g_return_val_if_fail (TX_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;

  dialog = tx_conflicts_dialog_new (GTK_WINDOW (self), self->store, self->day);
  g_signal_connect_object (dialog, "open-record", G_CALLBACK (on_open_record_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

void
tx_window_conflicts_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  tx_window_show_conflicts (user_data);
}

static void
on_show_conflicts_cb (TxReceiveDialog *dialog,
                      TxWindow        *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  tx_window_show_conflicts (self);
}

/**
 * tx_window_receive:
 * @files: (element-type GFile): exchange files
 *
 * Returns: (transfer none): the dialog that reads @files, and imports
 *   them when asked
 */
TxReceiveDialog *
tx_window_receive (TxWindow  *self,
                   GPtrArray *files)
{
  TxReceiveDialog *dialog;

  g_return_val_if_fail (TX_IS_WINDOW (self), NULL);

  if (self->store == NULL || files->len == 0)
    return NULL;

  dialog = tx_receive_dialog_new (GTK_WINDOW (self), self->store, self->day, files);
  g_signal_connect_object (dialog, "show-conflicts", G_CALLBACK (on_show_conflicts_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
on_receive_chooser_response_cb (GtkNativeDialog *chooser,
                                int              response,
                                TxWindow        *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  tx_window_receive (self, files);
}

/* Receive Data: one exchange file or several, chosen at once */
void
tx_window_import_exchange_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  TxWindow *self = user_data;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Choose the Files Received"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Tongxin exchange files"));
  gtk_file_filter_add_suffix (filter, "xml");
  gtk_file_filter_add_suffix (filter, "xml.gz");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_receive_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * tx_window_show_send:
 *
 * Returns: (transfer none): the dialog that writes a file to send
 */
TxSendDialog *
tx_window_show_send (TxWindow *self)
{
  TxSendDialog *dialog;

  g_return_val_if_fail (TX_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;

  dialog = tx_send_dialog_new (GTK_WINDOW (self), self->store, self->day);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/**
 * tx_window_show_year_archive:
 *
 * Opens 导出年度台账 over the window.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when no
 *   database is open
 */
TxYearArchiveDialog *
tx_window_show_year_archive (TxWindow *self)
{
  TxYearArchiveDialog *dialog;

  g_return_val_if_fail (TX_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;

  dialog = tx_year_archive_dialog_new (GTK_WINDOW (self), self->store, self->day);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/* Export the Year's Records */
void
tx_window_year_archive_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  tx_window_show_year_archive (user_data);
}

/* Send Data */
void
tx_window_export_exchange_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  tx_window_show_send (user_data);
}
