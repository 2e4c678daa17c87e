/* tx-outcome-list.c — the recommendations as a list model, a page at a time
 *
 * The recommendations a filter finds (a year, a township, an adoption,
 * those whose feedback is overdue by the rule every view uses), filtered
 * and sorted in SQL by the store (tx_store_query_outcome_ids ()) and read
 * a page at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-outcome-list"

#include "config.h"

#include "tx-outcome-list.h"

struct _TxOutcomeList
{
  TxPagedList           parent_instance;

  /* owned: the strings the filter points to */
  TxOutcomeFilter filter;
  char                 *township;
  char                 *consultation;
};

G_DEFINE_FINAL_TYPE (TxOutcomeList, tx_outcome_list, TX_TYPE_PAGED_LIST)

static GArray *
tx_outcome_list_query_ids (TxPagedList  *list,
                           GError      **error)
{
  TxOutcomeList *self = TX_OUTCOME_LIST (list);

  return tx_store_query_outcome_ids (tx_paged_list_get_store (list), &self->filter, error);
}

static GPtrArray *
tx_outcome_list_load_rows (TxPagedList   *list,
                           const gint64  *ids,
                           guint          n_ids,
                           GError       **error)
{
  return tx_store_load_outcomes (tx_paged_list_get_store (list), ids, n_ids, error);
}

static gboolean
tx_outcome_list_is_affected (TxPagedList *list,
                             const char  *kind)
{
  return g_strcmp0 (kind, "outcome") == 0 || g_strcmp0 (kind, "consultation") == 0 || g_strcmp0 (kind, "township") == 0 || g_strcmp0 (kind, "setting") == 0;
}

/* A consultation shows in the rows of its recommendations (their
 * township, their year when not submitted); any other change, in any
 * row. */
static GArray *
tx_outcome_list_affected_ids (TxPagedList *list,
                              const char  *kind,
                              const char  *uuid)
{
  if (g_strcmp0 (kind, "consultation") != 0 || uuid == NULL)
    return TX_PAGED_LIST_CLASS (tx_outcome_list_parent_class)->affected_ids (list, kind, uuid);

  return tx_store_query_consultation_outcome_ids (tx_paged_list_get_store (list), uuid);
}

static void
tx_outcome_list_finalize (GObject *object)
{
  TxOutcomeList *self = (TxOutcomeList *)object;

  g_free (self->township);
  g_free (self->consultation);

  G_OBJECT_CLASS (tx_outcome_list_parent_class)->finalize (object);
}

static void
tx_outcome_list_class_init (TxOutcomeListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TxPagedListClass *list_class = TX_PAGED_LIST_CLASS (klass);

  object_class->finalize = tx_outcome_list_finalize;

  list_class->query_ids = tx_outcome_list_query_ids;
  list_class->load_rows = tx_outcome_list_load_rows;
  list_class->is_affected = tx_outcome_list_is_affected;
  list_class->affected_ids = tx_outcome_list_affected_ids;
  list_class->kind = "outcome";
}

static void
tx_outcome_list_init (TxOutcomeList *self)
{
  TxOutcomeFilter init = TX_OUTCOME_FILTER_INIT;

  self->filter = init;
}

/**
 * tx_outcome_list_new:
 *
 * Returns: (transfer full): every one of the recommendations, until a filter is
 *   set
 */
TxOutcomeList *
tx_outcome_list_new (TxStore *store)
{
  TxOutcomeList *self;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  self = g_object_new (TX_TYPE_OUTCOME_LIST, "store", store, "item-type", TX_TYPE_OUTCOME, NULL);
  tx_paged_list_reload (TX_PAGED_LIST (self));

  return self;
}

/**
 * tx_outcome_list_set_filter:
 * @filter: which recommendations to list; copied
 */
void
tx_outcome_list_set_filter (TxOutcomeList *self,
                            const TxOutcomeFilter *filter)
{
  gboolean same;

  g_return_if_fail (TX_IS_OUTCOME_LIST (self));
  g_return_if_fail (filter != NULL);

  same = filter->year == self->filter.year && g_strcmp0 (filter->township, self->filter.township) == 0 &&
         filter->adoption == self->filter.adoption && filter->overdue_only == self->filter.overdue_only &&
         filter->today == self->filter.today && filter->feedback_days == self->filter.feedback_days &&
         g_strcmp0 (filter->consultation, self->filter.consultation) == 0;
  self->filter = *filter;
  g_free (self->township);
  g_free (self->consultation);
  self->township = g_strdup (filter->township);
  self->consultation = g_strdup (filter->consultation);
  self->filter.township = self->township;
  self->filter.consultation = self->consultation;

  /* the same filter again: what changed since it was applied */
  if (same)
    tx_paged_list_catch_up (TX_PAGED_LIST (self));
  else
    tx_paged_list_reload (TX_PAGED_LIST (self));
}

const TxOutcomeFilter *
tx_outcome_list_get_filter (TxOutcomeList *self)
{
  g_return_val_if_fail (TX_IS_OUTCOME_LIST (self), NULL);

  return &self->filter;
}
