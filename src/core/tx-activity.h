/* tx-activity.h — trainings, observation visits and discussions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-date.h"
#include "tx-meeting.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_ACTIVITY (tx_activity_get_type ())
G_DECLARE_FINAL_TYPE (TxActivity, tx_activity, TX, ACTIVITY, GObject)

TxActivity     *tx_activity_new                (TxActivityKind  kind,
                                                const char     *title,
                                                const char     *starts);
TxActivity     *tx_activity_new_received       (const char     *uuid,
                                                const char     *updated_at,
                                                TxActivityKind  kind,
                                                const char     *title,
                                                const char     *starts);
gboolean        tx_activity_check              (TxActivity     *self,
                                                GError        **error);
const char     *tx_activity_get_uuid           (TxActivity     *self);
TxActivityKind  tx_activity_get_kind           (TxActivity     *self);
const char     *tx_activity_get_title          (TxActivity     *self);
const char     *tx_activity_get_township_name  (TxActivity     *self);
const char     *tx_activity_get_venue          (TxActivity     *self);
const char     *tx_activity_get_starts         (TxActivity     *self);
const char     *tx_activity_get_ends           (TxActivity     *self);
const char     *tx_activity_get_notes          (TxActivity     *self);
GPtrArray      *tx_activity_get_townships      (TxActivity     *self);
GPtrArray      *tx_activity_get_participants   (TxActivity     *self);
guint           tx_activity_count_attended     (TxActivity     *self);
const char     *tx_activity_get_updated_at     (TxActivity     *self);
char           *tx_activity_dup_organiser      (TxActivity     *self);

void            tx_activity_set_kind           (TxActivity     *self,
                                                TxActivityKind  kind);
void            tx_activity_set_kind_name      (TxActivity     *self,
                                                const char     *name);
const char     *tx_activity_get_kind_key       (TxActivity     *self);
const char     *tx_activity_get_kind_label     (TxActivity     *self);
const char     *tx_activity_get_kind_chinese   (TxActivity     *self);
gboolean        tx_activity_kind_parse         (const char     *text,
                                                TxActivityKind *kind);
void            tx_activity_set_title          (TxActivity     *self,
                                                const char     *title);
void            tx_activity_set_starts         (TxActivity     *self,
                                                const char     *starts);
void            tx_activity_set_organiser      (TxActivity     *self,
                                                const char     *township_name);
void            tx_activity_add_township       (TxActivity     *self,
                                                const char     *township_name);
void            tx_activity_set_venue          (TxActivity     *self,
                                                const char     *venue);
void            tx_activity_set_ends           (TxActivity     *self,
                                                const char     *ends);
void            tx_activity_set_notes          (TxActivity     *self,
                                                const char     *notes);
void            tx_activity_set_attendance     (TxActivity     *self,
                                                const char     *person_uuid,
                                                int             attended);

gboolean        tx_store_save_activity         (TxStore        *store,
                                                TxActivity     *activity,
                                                GError        **error);
gboolean        tx_store_write_received_activity (TxStore      *store,
                                                  TxActivity   *activity,
                                                  GError      **error);
TxActivity     *tx_store_load_activity         (TxStore        *store,
                                                const char     *uuid_or_title,
                                                GError        **error);
GPtrArray      *tx_store_list_activities       (TxStore        *store,
                                                int             year,
                                                const char     *township,
                                                GError        **error);
GPtrArray      *tx_store_list_activities_between (TxStore      *store,
                                                  const char   *from,
                                                  const char   *to,
                                                  GError      **error);
char           *tx_activity_dup_last_training  (TxStore        *store,
                                                const char     *person_uuid,
                                                TxDate          today,
                                                GError        **error);

/* A liaison group leader or liaison officer in post too long without a
 * training since taking it up */
typedef struct {
  char       *person_uuid;
  char       *name;
  char       *township_uuid;   /* NULL: of no township */
  char       *township_name;
  TxCategory  post;            /* the leader's, when both */
  TxDate      post_since;      /* TX_DATE_NONE: not known */
  int         days_in_post;    /* -1 when not known */
  TxDate      last_training;   /* before the post, or TX_DATE_NONE: never */
} TxUntrained;

void            tx_untrained_free              (TxUntrained    *untrained);
GPtrArray      *tx_activity_list_untrained     (TxStore        *store,
                                                TxDate          today,
                                                int             days,
                                                GError        **error);
char           *tx_untrained_describe          (const TxUntrained *untrained,
                                                int             days);
gboolean        tx_store_restore_activity      (TxStore        *store,
                                                const char     *uuid_or_title,
                                                char          **title,
                                                GError        **error);
gboolean        tx_store_delete_activity       (TxStore        *store,
                                                const char     *uuid,
                                                GError        **error);

G_END_DECLS
