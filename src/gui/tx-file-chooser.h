/* tx-file-chooser.h — where to write a file, asked the one way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkFileChooserNative *tx_file_chooser_new_save (GtkWindow  *parent,
                                                const char *title,
                                                const char *accept_label,
                                                const char *current_name,
                                                const char *filter_name,
                                                const char *suffix,
                                                const char *mime_type);

G_END_DECLS
