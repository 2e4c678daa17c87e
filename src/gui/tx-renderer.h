/* tx-renderer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

const char *tx_renderer_choose  (const char *setting,
                                 gboolean    has_gpu);
gboolean    tx_renderer_has_gpu (const char *dri_dir);
void        tx_renderer_apply   (GSettings  *settings);

G_END_DECLS
