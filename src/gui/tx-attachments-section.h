/* tx-attachments-section.h — the photos, scans and files of a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_ATTACHMENTS_SECTION (tx_attachments_section_get_type ())
G_DECLARE_FINAL_TYPE (TxAttachmentsSection, tx_attachments_section, TX, ATTACHMENTS_SECTION, GtkBox)

guint    tx_attachments_section_add_files    (TxAttachmentsSection  *self,
                                              GSList                *files);
guint    tx_attachments_section_get_n_shown  (TxAttachmentsSection  *self);
gboolean tx_attachments_section_delete       (TxAttachmentsSection  *self,
                                              guint                  position);
gboolean tx_attachments_section_open         (TxAttachmentsSection  *self,
                                              guint                  position);
gboolean tx_attachments_section_edit         (TxAttachmentsSection  *self,
                                              guint                  position,
                                              const char            *caption,
                                              int                    kind);

G_END_DECLS
