/* tx-person-list.c — the roster as a list model, a page at a time
 *
 * The people a filter of the roster finds (a search, a township, a
 * category, in pinyin or stroke order), read by TxPagedList a page at a
 * time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-person-list"

#include "config.h"

#include "tx-person-list.h"

struct _TxPersonList
{
  TxPagedList     parent_instance;

  /* owned */
  TxPersonFilter  filter;
};

G_DEFINE_FINAL_TYPE (TxPersonList, tx_person_list, TX_TYPE_PAGED_LIST)

static GArray *
tx_person_list_query_ids (TxPagedList  *list,
                          GError      **error)
{
  TxPersonList *self = TX_PERSON_LIST (list);

  return tx_roster_query_ids (tx_paged_list_get_store (list), &self->filter, error);
}

static GPtrArray *
tx_person_list_load_rows (TxPagedList   *list,
                          const gint64  *ids,
                          guint          n_ids,
                          GError       **error)
{
  TxPersonList *self = TX_PERSON_LIST (list);

  return tx_roster_load_people (tx_paged_list_get_store (list), self->filter.today, ids, n_ids, error);
}

static gboolean
tx_person_list_is_affected (TxPagedList *list,
                            const char  *kind)
{
  return g_strcmp0 (kind, "person") == 0 || g_strcmp0 (kind, "township") == 0;
}

static void
tx_person_list_finalize (GObject *object)
{
  TxPersonList *self = (TxPersonList *)object;

  tx_person_filter_clear (&self->filter);

  G_OBJECT_CLASS (tx_person_list_parent_class)->finalize (object);
}

static void
tx_person_list_class_init (TxPersonListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TxPagedListClass *list_class = TX_PAGED_LIST_CLASS (klass);

  object_class->finalize = tx_person_list_finalize;

  list_class->query_ids = tx_person_list_query_ids;
  list_class->load_rows = tx_person_list_load_rows;
  list_class->is_affected = tx_person_list_is_affected;
  list_class->kind = "person";
}

static void
tx_person_list_init (TxPersonList *self)
{
}

TxPersonList *
tx_person_list_new (TxStore *store)
{
  TxPersonList *self;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  self = g_object_new (TX_TYPE_PERSON_LIST, "store", store, "item-type", TX_TYPE_PERSON, NULL);
  tx_paged_list_reload (TX_PAGED_LIST (self));

  return self;
}

/**
 * tx_person_list_reload:
 *
 * Reads the ids again and tells the views that every row may have
 * changed.
 */
void
tx_person_list_reload (TxPersonList *self)
{
  g_return_if_fail (TX_IS_PERSON_LIST (self));

  tx_paged_list_reload (TX_PAGED_LIST (self));
}

void
tx_person_list_set_filter (TxPersonList         *self,
                           const TxPersonFilter *filter)
{
  g_return_if_fail (TX_IS_PERSON_LIST (self));

  tx_person_filter_clear (&self->filter);
  if (filter != NULL)
    tx_person_filter_copy (&self->filter, filter);

  tx_paged_list_reload (TX_PAGED_LIST (self));
}

const TxPersonFilter *
tx_person_list_get_filter (TxPersonList *self)
{
  g_return_val_if_fail (TX_IS_PERSON_LIST (self), NULL);

  return &self->filter;
}
