/* tx-roster.h — querying and saving the people of the roster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-person.h"
#include "tx-store.h"

G_BEGIN_DECLS

/* The column a roster list is sorted by; names break ties, in the
 * filter's order.  Empty values come last either way. */
typedef enum {
  TX_PERSON_SORT_NAME,          /* by the filter's order (pinyin or strokes) */
  TX_PERSON_SORT_GENDER,        /* men, then women */
  TX_PERSON_SORT_TOWNSHIP,      /* in the order townships are listed everywhere */
  TX_PERSON_SORT_CATEGORIES,    /* by the first category, in the order of TxCategory */
  TX_PERSON_SORT_ORGANIZATION,  /* by pinyin */
  TX_PERSON_SORT_TITLE,         /* by pinyin */
  TX_PERSON_SORT_PHONE,         /* by digits */
  TX_PERSON_SORT_VILLAGE,       /* by pinyin */
  TX_PERSON_SORT_LAST_TRAINING, /* by the day of the last training, the earliest first */
} TxPersonSort;

#define TX_N_PERSON_SORTS 9

/* What a roster list shows.  Zero-initialised means everyone, by pinyin. */
typedef struct {
  char        *search;      /* substring of name, organisation, village or title */
  gboolean     has_category;
  TxCategory   category;
  char        *township;    /* a township's name */
  TxOrder      order;
  TxPersonSort sort;
  gboolean     descending;  /* the sort column from last to first */
  TxDate       today;       /* trainings after it are not yet had; 0: none is */
} TxPersonFilter;

void        tx_person_filter_clear   (TxPersonFilter       *filter);
void        tx_person_filter_copy    (TxPersonFilter       *dest,
                                      const TxPersonFilter *src);

GPtrArray  *tx_roster_query          (TxStore              *store,
                                      const TxPersonFilter *filter,
                                      GError              **error);
GArray     *tx_roster_query_ids      (TxStore              *store,
                                      const TxPersonFilter *filter,
                                      GError              **error);
GPtrArray  *tx_roster_load_people    (TxStore              *store,
                                      TxDate                today,
                                      const gint64         *ids,
                                      guint                 n_ids,
                                      GError              **error);
TxPerson   *tx_roster_find_person    (TxStore              *store,
                                      const char           *uuid,
                                      GError              **error);
char       *tx_roster_resolve_person (TxStore              *store,
                                      const char           *uuid_or_name,
                                      GError              **error);
char       *tx_roster_resolve_deleted_person (TxStore      *store,
                                              const char   *uuid_or_name,
                                              GError      **error);
TxPerson   *tx_roster_find_person_as_recorded (TxStore     *store,
                                               const char  *uuid,
                                               gboolean    *removed,
                                               GError     **error);
gboolean    tx_roster_save_person    (TxStore              *store,
                                      TxPerson             *person,
                                      GError              **error);
gboolean    tx_roster_add_people     (TxStore              *store,
                                      GPtrArray            *people,
                                      void                (*progress) (guint    done,
                                                                       guint    total,
                                                                       gpointer user_data),
                                      gpointer              user_data,
                                      GError              **error);
gboolean    tx_roster_check_person   (TxPerson             *person,
                                      GError              **error);
gboolean    tx_roster_edit_person    (TxStore              *store,
                                      TxPerson             *person,
                                      GError              **error);
gboolean    tx_roster_delete_person  (TxStore              *store,
                                      const char           *uuid,
                                      GError              **error);
gboolean    tx_roster_restore_person (TxStore              *store,
                                      const char           *uuid,
                                      GError              **error);
TxPerson   *tx_person_new_with_fields (const char          *uuid,
                                       const char          *name,
                                       TxGender             gender,
                                       const char          *ethnicity,
                                       const char          *township_uuid,
                                       const char          *village,
                                       const char          *organization,
                                       const char          *title,
                                       const char          *phone,
                                       const char          *notes);

G_END_DECLS
