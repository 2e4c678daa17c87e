/* tx-consultation-list.c — the consultations as a list model, a page at a time
 *
 * The consultations a filter finds (a year, a township, the stage reached,
 * the consultations of a colour), filtered and sorted in SQL by the
 * store (tx_store_query_consultation_ids ()) and read a page at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultation-list"

#include "config.h"

#include "tx-consultation-list.h"

struct _TxConsultationList
{
  TxPagedList           parent_instance;

  /* owned: the strings the filter points to */
  TxConsultationFilter filter;
  char                 *township;
  char                **uuids;
};

G_DEFINE_FINAL_TYPE (TxConsultationList, tx_consultation_list, TX_TYPE_PAGED_LIST)

static GArray *
tx_consultation_list_query_ids (TxPagedList  *list,
                           GError      **error)
{
  TxConsultationList *self = TX_CONSULTATION_LIST (list);

  return tx_store_query_consultation_ids (tx_paged_list_get_store (list), &self->filter, error);
}

static GPtrArray *
tx_consultation_list_load_rows (TxPagedList   *list,
                                const gint64  *ids,
                                guint          n_ids,
                                GError       **error)
{
  return tx_store_load_consultations (tx_paged_list_get_store (list), ids, n_ids, error);
}

static gboolean
tx_consultation_list_is_affected (TxPagedList *list,
                             const char  *kind)
{
  return g_strcmp0 (kind, "consultation") == 0 || g_strcmp0 (kind, "township") == 0;
}

static void
tx_consultation_list_finalize (GObject *object)
{
  TxConsultationList *self = (TxConsultationList *)object;

  g_free (self->township);
  g_strfreev (self->uuids);

  G_OBJECT_CLASS (tx_consultation_list_parent_class)->finalize (object);
}

static void
tx_consultation_list_class_init (TxConsultationListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TxPagedListClass *list_class = TX_PAGED_LIST_CLASS (klass);

  object_class->finalize = tx_consultation_list_finalize;

  list_class->query_ids = tx_consultation_list_query_ids;
  list_class->load_rows = tx_consultation_list_load_rows;
  list_class->is_affected = tx_consultation_list_is_affected;
  list_class->kind = "consultation";
}

static void
tx_consultation_list_init (TxConsultationList *self)
{
  TxConsultationFilter init = TX_CONSULTATION_FILTER_INIT;

  self->filter = init;
}

/**
 * tx_consultation_list_new:
 *
 * Returns: (transfer full): every one of the consultations, until a filter is
 *   set
 */
TxConsultationList *
tx_consultation_list_new (TxStore *store)
{
  TxConsultationList *self;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  self = g_object_new (TX_TYPE_CONSULTATION_LIST, "store", store, "item-type", TX_TYPE_CONSULTATION, NULL);
  tx_paged_list_reload (TX_PAGED_LIST (self));

  return self;
}

/**
 * tx_consultation_list_set_filter:
 * @filter: which consultations to list; copied
 */
void
tx_consultation_list_set_filter (TxConsultationList *self,
                            const TxConsultationFilter *filter)
{
  gboolean same;

  g_return_if_fail (TX_IS_CONSULTATION_LIST (self));
  g_return_if_fail (filter != NULL);

  same = filter->year == self->filter.year && g_strcmp0 (filter->township, self->filter.township) == 0 &&
         filter->stage == self->filter.stage &&
         ((filter->uuids == NULL && self->filter.uuids == NULL) ||
          (filter->uuids != NULL && self->filter.uuids != NULL &&
           g_strv_equal ((const char * const *) filter->uuids, (const char * const *) self->filter.uuids)));
  self->filter = *filter;
  self->filter.township = NULL;
  self->filter.uuids = NULL;
  g_free (self->township);
  g_strfreev (self->uuids);
  self->township = g_strdup (filter->township);
  self->uuids = g_strdupv (filter->uuids);
  self->filter.township = self->township;
  self->filter.uuids = self->uuids;

  /* the same filter again: what changed since it was applied */
  if (same)
    tx_paged_list_catch_up (TX_PAGED_LIST (self));
  else
    tx_paged_list_reload (TX_PAGED_LIST (self));
}

const TxConsultationFilter *
tx_consultation_list_get_filter (TxConsultationList *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION_LIST (self), NULL);

  return &self->filter;
}
