/* tx-file-chooser.c — where to write a file, asked the one way
 *
 * Every document, archive and exchange file the window writes asks
 * where with the desktop's own chooser (a portal where there is one),
 * modal over the window that asks, offering the name Tongxin suggests
 * and showing the files of the one kind written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tx-file-chooser.h"

/**
 * tx_file_chooser_new_save:
 * @accept_label: (nullable): the button that writes, with its
 *   mnemonic; %NULL for 保存
 * @suffix: the files' ending, without the dot ("zip", "xml.gz")
 * @mime_type: (nullable): their media type, where the desktop knows
 *   files by it
 *
 * Returns: (transfer full): the chooser, to connect to "response" and
 *   show
 */
GtkFileChooserNative *
tx_file_chooser_new_save (GtkWindow  *parent,
                          const char *title,
                          const char *accept_label,
                          const char *current_name,
                          const char *filter_name,
                          const char *suffix,
                          const char *mime_type)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         accept_label != NULL ? accept_label : _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_suffix (filter, suffix);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);

  return chooser;
}
