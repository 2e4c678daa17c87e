/* tx-roster.h — querying and saving the people of the roster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-person.h"
#include "tx-store.h"

G_BEGIN_DECLS

/* What a roster list shows.  Zero-initialised means everyone, by pinyin. */
typedef struct {
  char     *search;        /* substring of name, organisation, village or title */
  gboolean  has_category;
  TxCategory category;
  char     *township;      /* a township's name */
  TxOrder   order;
} TxPersonFilter;

/* Where a page of a keyset-paged list starts. */
typedef struct {
  GBytes *sort_key;
  gint64  id;
} TxRosterKey;

void        tx_person_filter_clear   (TxPersonFilter       *filter);
void        tx_person_filter_copy    (TxPersonFilter       *dest,
                                      const TxPersonFilter *src);
void        tx_roster_key_free       (TxRosterKey          *key);

GPtrArray  *tx_roster_query          (TxStore              *store,
                                      const TxPersonFilter *filter,
                                      GError              **error);
GPtrArray  *tx_roster_query_page     (TxStore              *store,
                                      const TxPersonFilter *filter,
                                      const TxRosterKey    *start,
                                      guint                 limit,
                                      GError              **error);
GPtrArray  *tx_roster_page_keys      (TxStore              *store,
                                      const TxPersonFilter *filter,
                                      guint                 page_size,
                                      guint                *n_people,
                                      GError              **error);
TxPerson   *tx_roster_find_person    (TxStore              *store,
                                      const char           *uuid,
                                      GError              **error);
gboolean    tx_roster_save_person    (TxStore              *store,
                                      TxPerson             *person,
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxRosterKey, tx_roster_key_free)

G_END_DECLS
