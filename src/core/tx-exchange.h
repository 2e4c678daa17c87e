/* tx-exchange.h — the exchange file between a township and the city office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-date.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_EXCHANGE_NAMESPACE "urn:tongxin:exchange:1"
/* The processing instruction that ends a file not compressed: the
 * SHA-256 of all before it, in hexadecimal */
#define TX_EXCHANGE_DIGEST_PI "tongxin-sha256"

#define TX_EXCHANGE_ERROR (tx_exchange_error_quark ())

typedef enum {
  TX_EXCHANGE_ERROR_READ,      /* the file cannot be read, or is not well-formed XML */
  TX_EXCHANGE_ERROR_INVALID,   /* the file breaks the schema */
  TX_EXCHANGE_ERROR_REFERENCE, /* a record refers to one that is nowhere */
  TX_EXCHANGE_ERROR_WRITE,     /* the file cannot be written */
} TxExchangeError;

/* What an import did, record by record. */
typedef struct {
  guint inserted;
  guint updated;
  guint unchanged;
  guint rejected;   /* older than the copy here, which is kept */
  guint deleted;    /* by tombstones */
  guint clamped;    /* dated more than a day ahead: given the import's time */
  guint conflicts;  /* changed here and by the sender since last received: both versions kept */
  guint matched;    /* townships held here under another id, taken as the one here by name */
  guint renamed;    /* townships of a name held here, kept apart under another name */
  guint skipped;    /* at a township's office, the other townships of a city's file and their plans */
  guint refused;    /* the city office's thresholds and circulars in another office's file: not taken */
} TxImportReport;

typedef struct {
  /* Move every date by this many days (the sample data, to today). */
  int          shift_days;
  /* Only check the file; write nothing. */
  gboolean     dry_run;
  /* The name used in messages ("demo.xml"). */
  const char  *display_name;
  /* The day of the import (the CLI's --today); TX_DATE_NONE: today.
   * No date of the file may be more than a day after it. */
  TxDate       today;
  /* Told now and then how far the import is, from 0 to 1 (reading the
   * file is the first half, merging it the second), in the thread that
   * imports; NULL: not told. */
  void       (*progress)      (double   fraction,
                               gpointer user_data);
  gpointer     progress_data;
  /* (nullable) (element-type TxConflict): the conflicts the import
   * finds are added to it (with id 0 in a dry run) */
  GPtrArray   *conflicts;
  /* Resolving a conflict: the one record of the file is taken whatever
   * its stamp, and @finish runs inside the import's transaction. */
  gboolean     take_all;
  gboolean   (*finish)        (TxStore  *store,
                               gpointer  user_data,
                               GError  **error);
  gpointer     finish_data;
  /* A township of the file with the name of one here, under another
   * id: FALSE, the same township (its id then means the one here);
   * TRUE, another, kept under the name with "（2）" added. */
  gboolean     keep_townships_apart;
  /* (nullable) (element-type utf8): the names of the townships matched
   * or kept apart are added to it */
  GPtrArray   *townships;
  /* The caller backed the database up just before (one backup for
   * several files): none is taken, and the file is read once. */
  gboolean     backed_up;
  /* Imported inside the caller's write (tx_store_write()), which the
   * file refused fails whole: the file keeps no savepoint of its own,
   * whose journal would copy every page it changes once more. */
  gboolean     in_caller_write;
} TxImportOptions;

/* Which records an export writes */
typedef struct {
  const char *township;     /* the uuid of the one township written; NULL: every record */
  gboolean    since_last;   /* only what changed since the last file of the same township was written */
  gboolean    issue;        /* the city's 下发: its townships, plans, thresholds and circulars only */
} TxExportOptions;

/* The settings the city office sends its townships (下发): the
 * thresholds of the ledger; NULL-terminated */
extern const char * const tx_exchange_thresholds[];

GQuark    tx_exchange_error_quark   (void);
gboolean  tx_exchange_export        (TxStore                *store,
                                     const char             *path,
                                     GError                **error);
gboolean  tx_exchange_export_with   (TxStore                *store,
                                     const TxExportOptions  *options,
                                     const char             *path,
                                     GError                **error);
gboolean  tx_exchange_import_file   (TxStore                *store,
                                     const char             *path,
                                     const TxImportOptions  *options,
                                     TxImportReport         *report,
                                     GError                **error);
gboolean  tx_exchange_import_bytes  (TxStore                *store,
                                     GBytes                 *bytes,
                                     const TxImportOptions  *options,
                                     TxImportReport         *report,
                                     GError                **error);
gboolean  tx_exchange_load_demo     (TxStore                *store,
                                     TxDate                  today,
                                     TxImportReport         *report,
                                     GError                **error);
char     *tx_exchange_write_record  (TxStore                *store,
                                     const char             *kind,
                                     const char             *uuid,
                                     GError                **error);
char     *tx_import_report_to_string (const TxImportReport  *report);

G_END_DECLS
