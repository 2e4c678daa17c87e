/* tx-file-toast.h — the toast after a file is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *tx_file_toast_new         (const char *text,
                                     GFile      *file);
void      tx_file_toast_open        (GtkWidget  *widget,
                                     GFile      *file);
void      tx_file_toast_open_folder (GtkWidget  *widget,
                                     GFile      *file);

G_END_DECLS
