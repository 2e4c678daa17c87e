/* tx-store.h — the SQLite store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "tx-types.h"

G_BEGIN_DECLS

#define TX_STORE_ERROR (tx_store_error_quark ())

typedef enum {
  TX_STORE_ERROR_OPEN,       /* the file cannot be opened or created */
  TX_STORE_ERROR_FOREIGN,    /* the file is not a Tongxin database */
  TX_STORE_ERROR_TOO_NEW,    /* written by a newer Tongxin */
  TX_STORE_ERROR_MIGRATION,  /* a schema update failed */
  TX_STORE_ERROR_WRITE,      /* a write failed and was rolled back */
  TX_STORE_ERROR_NOT_FOUND,  /* no such record */
  TX_STORE_ERROR_AMBIGUOUS,  /* several records match */
  TX_STORE_ERROR_INVALID,    /* the data breaks a rule */
  TX_STORE_ERROR_READ_ONLY,  /* the store cannot be written */
  TX_STORE_ERROR_BUSY,       /* another program's write did not finish in time */
} TxStoreError;

typedef enum {
  TX_STORE_OPEN_DEFAULT = 0,
  TX_STORE_OPEN_READ_ONLY = 1 << 0,  /* create, update and write nothing */
  TX_STORE_OPEN_NO_BACKUP = 1 << 1,  /* a scratch copy: no backup before an update */
} TxStoreOpenFlags;

#define TX_STORE_APPLICATION_ID 0x54784e31 /* "TxN1" */

#define TX_TYPE_STORE (tx_store_get_type ())
G_DECLARE_FINAL_TYPE (TxStore, tx_store, TX, STORE, GObject)

/* A unit of work run inside one transaction by tx_store_write(). */
typedef gboolean (*TxStoreWriteFunc) (TxStore  *store,
                                      gpointer  user_data,
                                      GError  **error);

/* Reads what a view shows, apart: see tx_store_read_apart(). */
typedef gpointer (*TxStoreReadFunc) (TxStore  *store,
                                     gpointer  data,
                                     GError  **error);

GQuark        tx_store_error_quark         (void);
gboolean      tx_store_register_functions  (sqlite3           *db);
char         *tx_store_get_default_path    (void);
TxStore      *tx_store_open                (const char        *path,
                                            GError           **error);
TxStore      *tx_store_open_full           (const char        *path,
                                            TxStoreOpenFlags   flags,
                                            GError           **error);
gboolean      tx_store_is_read_only        (TxStore           *self);
void          tx_store_set_wait            (TxStore           *self,
                                            guint              wait_ms);
gboolean      tx_store_check_other_writers (TxStore           *self);
void          tx_store_hold_other_writers  (TxStore           *self);
void          tx_store_let_go_other_writers (TxStore          *self);
gboolean      tx_store_check_writable      (TxStore           *self,
                                            GError           **error);
const char   *tx_store_get_path            (TxStore           *self);
int           tx_store_get_schema_version  (TxStore           *self);
int           tx_store_get_latest_version  (void);
gboolean      tx_store_write               (TxStore           *self,
                                            TxStoreWriteFunc   func,
                                            gpointer           user_data,
                                            GError           **error);
gboolean      tx_store_write_filling       (TxStore           *self,
                                            TxStoreWriteFunc   func,
                                            gpointer           user_data,
                                            GError           **error);
GPtrArray    *tx_store_drop_indexes        (TxStore           *self,
                                            const char        *table,
                                            GError           **error);
gboolean      tx_store_make_indexes        (TxStore           *self,
                                            GPtrArray         *statements,
                                            GError           **error);
gboolean      tx_store_in_transaction      (TxStore           *self);
void          tx_store_emit_changed        (TxStore           *self,
                                            const char        *kind);
void          tx_store_emit_record_changed (TxStore           *self,
                                            const char        *kind,
                                            const char        *uuid);

void          tx_store_read_apart          (TxStore             *store,
                                            TxStoreReadFunc      func,
                                            gpointer             data,
                                            GDestroyNotify       data_free,
                                            GDestroyNotify       result_free,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gpointer      tx_store_read_apart_finish   (TxStore             *store,
                                            GAsyncResult        *result,
                                            GError             **error);

guint         tx_store_count               (TxStore           *self,
                                            const char        *kind);
gboolean      tx_store_holds_records       (TxStore           *self);
gboolean      tx_store_has_records         (TxStore           *self,
                                            const char        *kind);
gboolean      tx_store_table_has_rows      (TxStore           *self,
                                            const char        *table,
                                            gboolean          *has_rows,
                                            GError           **error);

/* Low level, for the modules of src/core only. */
sqlite3      *tx_store_get_db              (TxStore           *self);
sqlite3_stmt *tx_store_prepare             (TxStore           *self,
                                            const char        *sql,
                                            GError           **error);
int           tx_store_step                (TxStore           *self,
                                            sqlite3_stmt      *stmt,
                                            GError           **error);
gboolean      tx_store_step_done           (TxStore           *self,
                                            sqlite3_stmt      *stmt,
                                            GError           **error);
gint64        tx_store_find_id             (TxStore           *self,
                                            const char        *table,
                                            const char        *uuid,
                                            gboolean           deleted_too,
                                            GError           **error);
char         *tx_store_ids_to_json         (const gint64      *ids,
                                            guint              n_ids);
GArray       *tx_store_step_ids            (TxStore           *self,
                                            sqlite3_stmt      *stmt,
                                            GError           **error);
GArray       *tx_store_query_ints          (TxStore           *self,
                                            const char        *sql,
                                            GError           **error);
gboolean      tx_store_hold_snapshot       (TxStore           *self,
                                            GError           **error);
gboolean      tx_store_read                (TxStore           *self,
                                            TxStoreWriteFunc   func,
                                            gpointer           user_data,
                                            GError           **error);
gboolean      tx_store_set_code_error      (GError           **error,
                                            int                code,
                                            const char        *what);
void          tx_store_forget_statements   (TxStore           *self);
int           tx_store_open_db_read_only   (const char        *path,
                                            sqlite3          **db);
gboolean      tx_store_copy_db             (sqlite3           *from,
                                            sqlite3           *to,
                                            GError           **error);
gboolean      tx_store_set_sql_error       (TxStore           *self,
                                            GError           **error,
                                            const char        *what);
gboolean      tx_store_audit               (TxStore           *self,
                                            const char        *action,
                                            const char        *kind,
                                            const char        *uuid,
                                            const char        *summary,
                                            GError           **error);

/* Safety */
GPtrArray    *tx_store_check               (TxStore           *self,
                                            GError           **error);

/* Settings (a key/value table). */
char         *tx_store_get_setting         (TxStore           *self,
                                            const char        *key);
gboolean      tx_store_set_setting         (TxStore           *self,
                                            const char        *key,
                                            const char        *value,
                                            GError           **error);

/* Time: updated_at is UTC with milliseconds, so text order is time order. */
char         *tx_timestamp_now             (void);
char         *tx_store_stamp_now           (TxStore           *self);
void          tx_store_forget_stamps       (TxStore           *self);
char         *tx_timestamp_format_local    (const char  *timestamp);
char         *tx_timestamp_normalize       (const char        *iso8601);
char         *tx_uuid_new                  (void);
gboolean      tx_uuid_is_valid             (const char        *text);
gboolean      tx_date_is_valid             (const char        *text);

/* sqlite3_column_text as a const char*, "" for NULL. */
const char   *tx_column_text               (sqlite3_stmt      *stmt,
                                            int                column);
/* Binds NULL for NULL or "". */
void          tx_bind_text_or_null         (sqlite3_stmt      *stmt,
                                            int                column,
                                            const char        *text);

G_END_DECLS
