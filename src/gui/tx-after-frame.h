/* tx-after-frame.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*TxAfterFrameFunc) (GtkWidget *widget);

guint tx_after_frame         (GtkWidget        *widget,
                              TxAfterFrameFunc  func);
void  tx_after_frame_cancel  (guint            *id);
guint tx_after_frame_pending (void);

G_END_DECLS
