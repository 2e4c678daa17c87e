/* tx-conflict.h — records changed both here and by another office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tx-date.h"
#include "tx-store.h"

G_BEGIN_DECLS

typedef enum {
  TX_CONFLICT_KEEP_OURS,     /* 保留本方: the version here stays */
  TX_CONFLICT_TAKE_THEIRS,   /* 采用对方: the sender's replaces it */
} TxConflictChoice;

/* A record changed here and by the office that sent it since the two
 * last held the same version: the version here is in its table, the
 * sender's is kept with the conflict until someone decides. */
typedef struct {
  gint64    id;               /* 0: found by a dry run, not kept */
  char     *kind;             /* "person", "consultation", "outcome", "township", "plan" */
  char     *uuid;             /* a plan's: "township-uuid/year" */
  char     *name;             /* the record's name or title here; a plan's township */
  char     *description;      /* "the person 陈明", translated */
  char     *peer;             /* the office that sent it */
  char     *peer_name;
  char     *file;             /* the name of the file it came in */
  char     *found_at;         /* UTC */
  char     *ours_updated;
  gboolean  ours_deleted;
  char     *theirs_updated;
  gboolean  theirs_deleted;
  char     *resolution;       /* NULL while open; "ours" or "theirs" */
  char     *resolved_at;
} TxConflict;

/* One field of a record, side by side */
typedef struct {
  char     *label;            /* "Title", translated */
  char     *ours;             /* as a clerk reads it; "" when absent */
  char     *theirs;
  gboolean  differs;
} TxConflictField;

void        tx_conflict_free          (TxConflict        *conflict);
void        tx_conflict_field_free    (TxConflictField   *field);
TxConflict *tx_conflict_copy          (const TxConflict  *conflict);

GPtrArray  *tx_conflict_list          (TxStore           *store,
                                       gboolean           open_only,
                                       GError           **error);
TxConflict *tx_conflict_get           (TxStore           *store,
                                       gint64             id,
                                       GError           **error);
GPtrArray  *tx_conflict_compare       (TxStore           *store,
                                       const TxConflict  *conflict,
                                       GError           **error);
gboolean    tx_conflict_resolve       (TxStore           *store,
                                       gint64             id,
                                       TxConflictChoice   choice,
                                       TxDate             today,
                                       GError           **error);
char       *tx_conflict_describe      (const char        *kind,
                                       const char        *name,
                                       const char        *uuid);
const char *tx_conflict_choice_to_key (TxConflictChoice   choice);
gboolean    tx_conflict_choice_from_key (const char      *key,
                                         TxConflictChoice *choice);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxConflict, tx_conflict_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxConflictField, tx_conflict_field_free)

G_END_DECLS
