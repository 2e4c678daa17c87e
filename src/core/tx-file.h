/* tx-file.h — files Tongxin writes for the clerk: whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TX_FILE_ERROR (tx_file_error_quark ())

typedef enum {
  TX_FILE_ERROR_NO_SPACE,      /* the disk (or the user's quota) is full */
  TX_FILE_ERROR_TOO_LARGE,     /* over the largest file this system allows */
  TX_FILE_ERROR_NOT_WRITABLE,  /* the folder may not be written */
  TX_FILE_ERROR_NO_FOLDER,     /* the folder does not exist */
  TX_FILE_ERROR_IS_FOLDER,     /* the name is that of a folder */
  TX_FILE_ERROR_FAILED,        /* the disk failed otherwise */
} TxFileError;

typedef struct _TxFileWriter TxFileWriter;

GQuark        tx_file_error_quark           (void);

TxFileWriter *tx_file_writer_new            (const char    *path,
                                             GError       **error);
const char   *tx_file_writer_get_path       (TxFileWriter  *writer);
const char   *tx_file_writer_get_temp_path  (TxFileWriter  *writer);
gboolean      tx_file_writer_write          (TxFileWriter  *writer,
                                             const void    *data,
                                             gsize          size);
gboolean      tx_file_writer_has_failed     (TxFileWriter  *writer);
void          tx_file_writer_set_failed     (TxFileWriter  *writer,
                                             int            errsv);
gboolean      tx_file_writer_close          (TxFileWriter  *writer,
                                             GError       **error);
gboolean      tx_file_writer_commit         (TxFileWriter  *writer,
                                             GError       **error);
void          tx_file_writer_free           (TxFileWriter  *writer);

gboolean      tx_file_write_contents        (const char    *path,
                                             const void    *data,
                                             gsize          size,
                                             GError       **error);
void          tx_file_set_error             (GError       **error,
                                             const char    *path,
                                             int            errsv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxFileWriter, tx_file_writer_free)

G_END_DECLS
