/* tx-person-list.c
 *
 * A GListModel of TxPerson that never holds the whole roster: one pass
 * over the search or the sort index gives the ordered ids (8 bytes a
 * person), and a page of rows is read by id when a row of it is first
 * asked for; only a few pages are kept.  Sorting and filtering happen in
 * SQL, never by OFFSET.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-person-list"

#include "config.h"

#include "tx-person-list.h"

#define PAGE_SIZE 100
#define MAX_CACHED_PAGES 8

struct _TxPersonList
{
  GObject         parent_instance;

  /* owned */
  TxStore        *store;
  TxPersonFilter  filter;
  GArray         *ids;         /* gint64, in order */
  GHashTable     *pages;       /* page number → GPtrArray of TxPerson */
  GQueue          recent;      /* page numbers, most recent first */

  /* state */
  guint           n_items;
  gulong          changed_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxPersonList, tx_person_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
tx_person_list_get_item_type (GListModel *model)
{
  return TX_TYPE_PERSON;
}

static guint
tx_person_list_get_n_items (GListModel *model)
{
  return TX_PERSON_LIST (model)->n_items;
}

static GPtrArray *
load_page (TxPersonList *self,
           guint         page)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows != NULL)
    {
      g_queue_remove (&self->recent, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
      return rows;
    }

  if (page * PAGE_SIZE >= self->ids->len)
    return NULL;

  rows = tx_roster_load_people (self->store,
                                &g_array_index (self->ids, gint64, page * PAGE_SIZE),
                                MIN (PAGE_SIZE, self->ids->len - page * PAGE_SIZE),
                                &error);
  if (rows == NULL)
    {
      g_warning ("Could not read page %u of the roster: %s", page, error->message);
      return NULL;
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));

  while (self->recent.length > MAX_CACHED_PAGES)
    {
      gpointer oldest = g_queue_pop_tail (&self->recent);
      g_hash_table_remove (self->pages, oldest);
    }

  return rows;
}

static gpointer
tx_person_list_get_item (GListModel *model,
                         guint       position)
{
  TxPersonList *self = TX_PERSON_LIST (model);
  GPtrArray *rows;
  guint offset = position % PAGE_SIZE;

  if (position >= self->n_items)
    return NULL;

  rows = load_page (self, position / PAGE_SIZE);
  if (rows == NULL || offset >= rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (rows, offset));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tx_person_list_get_item_type;
  iface->get_n_items = tx_person_list_get_n_items;
  iface->get_item = tx_person_list_get_item;
}

static void
on_store_changed_cb (TxPersonList *self,
                     const char   *kind,
                     const char   *uuid,
                     TxStore      *store)
{
  if (g_strcmp0 (kind, "person") == 0 ||
      g_strcmp0 (kind, "township") == 0 ||
      g_strcmp0 (kind, "all") == 0)
    tx_person_list_reload (self);
}

static void
tx_person_list_dispose (GObject *object)
{
  TxPersonList *self = (TxPersonList *)object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tx_person_list_parent_class)->dispose (object);
}

static void
tx_person_list_finalize (GObject *object)
{
  TxPersonList *self = (TxPersonList *)object;

  tx_person_filter_clear (&self->filter);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->recent);

  G_OBJECT_CLASS (tx_person_list_parent_class)->finalize (object);
}

static void
tx_person_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TxPersonList *self = TX_PERSON_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_person_list_class_init (TxPersonListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tx_person_list_dispose;
  object_class->finalize = tx_person_list_finalize;
  object_class->get_property = tx_person_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tx_person_list_init (TxPersonList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent);
}

TxPersonList *
tx_person_list_new (TxStore *store)
{
  TxPersonList *self;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  self = g_object_new (TX_TYPE_PERSON_LIST, NULL);
  self->store = g_object_ref (store);
  self->changed_id = g_signal_connect_object (store, "changed",
                                              G_CALLBACK (on_store_changed_cb),
                                              self, G_CONNECT_SWAPPED);
  tx_person_list_reload (self);

  return self;
}

/**
 * tx_person_list_reload:
 *
 * Reads the ids again (after a change or a new filter) and tells
 * the views that every row may have changed.
 */
void
tx_person_list_reload (TxPersonList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint old_n_items;

  g_return_if_fail (TX_IS_PERSON_LIST (self));

  ids = tx_roster_query_ids (self->store, &self->filter, &error);
  if (ids == NULL)
    {
      g_warning ("Could not read the roster: %s", error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_steal_pointer (&ids);

  old_n_items = self->n_items;
  self->n_items = self->ids->len;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
tx_person_list_set_filter (TxPersonList         *self,
                           const TxPersonFilter *filter)
{
  g_return_if_fail (TX_IS_PERSON_LIST (self));

  tx_person_filter_clear (&self->filter);
  if (filter != NULL)
    tx_person_filter_copy (&self->filter, filter);

  tx_person_list_reload (self);
}

const TxPersonFilter *
tx_person_list_get_filter (TxPersonList *self)
{
  g_return_val_if_fail (TX_IS_PERSON_LIST (self), NULL);
  return &self->filter;
}
