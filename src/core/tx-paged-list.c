/* tx-paged-list.c — a list of records read from the store a page at a
 * time
 *
 * A GListModel that never holds every record: one pass over an index
 * gives the ordered row ids (8 bytes a record), and a page of records
 * is read by id when a row of it is first asked for; only a few pages
 * are kept.  Filtering and sorting happen in SQL (the subclass's
 * query_ids), never by OFFSET.  When the store says records of a kind
 * the list shows changed, the ids are read again.  A list made with
 * g_object_new() is empty until first reloaded (or given a filter): a
 * view that filters at once reads its ids once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-paged-list"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "tx-paged-list.h"

#define PAGE_SIZE 100
#define MAX_CACHED_PAGES 8
#define SWAP_IN_TWO      (2 * PAGE_SIZE) /* rows added, over which a change is told in two */

typedef struct
{
  /* owned */
  TxStore    *store;
  GArray     *ids;         /* gint64, in order */
  GHashTable *pages;       /* page number → GPtrArray of records */
  GQueue      recent;      /* page numbers, most recent first */
  GHashTable *handed_out;  /* page numbers whose records were given since the views last heard */
  GError     *error;       /* why the list could not be read, or NULL */

  /* state */
  gboolean    ignoring;    /* the store's changes, until told again */
  gboolean    read;        /* whether the ids were ever read */
  guint       n_items;
  GType       item_type;
} TxPagedListPrivate;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (TxPagedList, tx_paged_list, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (TxPagedList)
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
tx_paged_list_get_item_type (GListModel *model)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (TX_PAGED_LIST (model));

  return priv->item_type;
}

static guint
tx_paged_list_get_n_items (GListModel *model)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (TX_PAGED_LIST (model));

  return priv->n_items;
}

static GPtrArray *
load_page (TxPagedList *self,
           guint        page)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  rows = g_hash_table_lookup (priv->pages, GUINT_TO_POINTER (page));
  if (rows != NULL)
    {
      g_queue_remove (&priv->recent, GUINT_TO_POINTER (page));
      g_queue_push_head (&priv->recent, GUINT_TO_POINTER (page));
      return rows;
    }

  if (page * PAGE_SIZE >= priv->ids->len)
    return NULL;

  rows = TX_PAGED_LIST_GET_CLASS (self)->load_rows (self,
                                                    &g_array_index (priv->ids, gint64, page * PAGE_SIZE),
                                                    MIN (PAGE_SIZE, priv->ids->len - page * PAGE_SIZE),
                                                    &error);
  if (rows == NULL)
    {
      g_warning ("Could not read page %u of %s: %s", page, G_OBJECT_TYPE_NAME (self), error->message);
      return NULL;
    }

  g_hash_table_insert (priv->pages, GUINT_TO_POINTER (page), rows);
  g_queue_push_head (&priv->recent, GUINT_TO_POINTER (page));

  while (priv->recent.length > MAX_CACHED_PAGES)
    {
      gpointer oldest = g_queue_pop_tail (&priv->recent);
      g_hash_table_remove (priv->pages, oldest);
    }

  return rows;
}

static gpointer
tx_paged_list_get_item (GListModel *model,
                        guint       position)
{
  TxPagedList *self = TX_PAGED_LIST (model);
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);
  guint offset = position % PAGE_SIZE;
  GPtrArray *rows;

  if (position >= priv->n_items)
    return NULL;

  rows = load_page (self, position / PAGE_SIZE);
  if (rows == NULL || offset >= rows->len)
    return NULL;

  g_hash_table_add (priv->handed_out, GUINT_TO_POINTER (position / PAGE_SIZE));
  return g_object_ref (g_ptr_array_index (rows, offset));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tx_paged_list_get_item_type;
  iface->get_n_items = tx_paged_list_get_n_items;
  iface->get_item = tx_paged_list_get_item;
}

static void reload (TxPagedList *self,
                    gint64       changed_id);

/* The row id of the record @uuid of the list's kind, 0 if none. */
static gint64
find_id (TxPagedList *self,
         const char  *uuid)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE uuid = ?",
                                          TX_PAGED_LIST_GET_CLASS (self)->kind);
  sqlite3_stmt *stmt = tx_store_prepare (priv->store, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  /* not found, or not readable: the list tells the views of every row */
  if (tx_store_step (priv->store, stmt, NULL) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

/* A record of the list's own kind saved tells the views of the rows
 * that moved and of its own; any other change, of every row. */
static void
on_store_changed_cb (TxPagedList *self,
                     const char  *kind,
                     const char  *uuid,
                     TxStore     *store)
{
  TxPagedListClass *klass = TX_PAGED_LIST_GET_CLASS (self);
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  /* nor does a list not read yet: it reads the store when first asked */
  if (priv->ignoring || !priv->read)
    return;

  if (g_strcmp0 (kind, "all") == 0 || !klass->is_affected (self, kind))
    {
      if (g_strcmp0 (kind, "all") == 0)
        reload (self, 0);
      return;
    }

  if (uuid != NULL && klass->kind != NULL && g_strcmp0 (kind, klass->kind) == 0)
    {
      gint64 id = find_id (self, uuid);

      if (id != 0)
        {
          reload (self, id);
          return;
        }
    }

  reload (self, 0);
}

static void
tx_paged_list_constructed (GObject *object)
{
  TxPagedList *self = TX_PAGED_LIST (object);
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  G_OBJECT_CLASS (tx_paged_list_parent_class)->constructed (object);

  g_return_if_fail (TX_IS_STORE (priv->store));
  g_signal_connect_object (priv->store, "changed", G_CALLBACK (on_store_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
tx_paged_list_dispose (GObject *object)
{
  TxPagedList *self = TX_PAGED_LIST (object);
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  g_clear_object (&priv->store);

  G_OBJECT_CLASS (tx_paged_list_parent_class)->dispose (object);
}

static void
tx_paged_list_finalize (GObject *object)
{
  TxPagedList *self = TX_PAGED_LIST (object);
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  g_clear_pointer (&priv->ids, g_array_unref);
  g_clear_pointer (&priv->pages, g_hash_table_unref);
  g_clear_pointer (&priv->handed_out, g_hash_table_unref);
  g_queue_clear (&priv->recent);
  g_clear_error (&priv->error);

  G_OBJECT_CLASS (tx_paged_list_parent_class)->finalize (object);
}

static void
tx_paged_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (TX_PAGED_LIST (object));

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;

    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, priv->item_type);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, priv->n_items);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, priv->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_paged_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (TX_PAGED_LIST (object));

  switch (prop_id)
    {
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;

    case PROP_ITEM_TYPE:
      priv->item_type = g_value_get_gtype (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_paged_list_class_init (TxPagedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tx_paged_list_constructed;
  object_class->dispose = tx_paged_list_dispose;
  object_class->finalize = tx_paged_list_finalize;
  object_class->get_property = tx_paged_list_get_property;
  object_class->set_property = tx_paged_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TxPagedList:error:
   *
   * Why the list could not be read when it was last read, or %NULL.  The
   * list is then empty, and a view says so rather than show no records.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tx_paged_list_init (TxPagedList *self)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  priv->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  priv->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  priv->handed_out = g_hash_table_new (NULL, NULL);
  g_queue_init (&priv->recent);
}

TxStore *
tx_paged_list_get_store (TxPagedList *self)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  g_return_val_if_fail (TX_IS_PAGED_LIST (self), NULL);

  return priv->store;
}

/* The rows from @start on, up to @old_end in the old ids and @new_end in
 * the new: the views hear of those alone.  Rows before and after, the
 * same records in the same order, keep their widgets, and the views do
 * not read every record again to find the one chosen. */
static gint64
index_of (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;

  return -1;
}

static int
compare_pages (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Reads the ids again.  @changed_id: the one record whose row may show
 * otherwise now, besides those that moved; 0 when every row may. */
static void
reload (TxPagedList *self,
        gint64       changed_id)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) old_ids = NULL;
  gboolean had_error;
  guint old_n_items;
  guint start = 0;
  guint old_end;
  guint new_end;

  priv->read = TRUE;
  ids = TX_PAGED_LIST_GET_CLASS (self)->query_ids (self, &error);
  if (ids == NULL)
    {
      g_debug ("Could not read %s: %s", G_OBJECT_TYPE_NAME (self), error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  /* the error is known before the views hear that the rows changed */
  had_error = priv->error != NULL;
  g_clear_error (&priv->error);
  priv->error = g_steal_pointer (&error);

  /* The same records in the same order, every one of which may show
   * otherwise: the views hear of the rows of the pages they were given
   * (a page at a time), and read the others anew when they come to
   * them.  Told of every row, a view would make every row in sight
   * anew. */
  if (changed_id == 0 && priv->ids != NULL && priv->ids->len == priv->n_items &&
      ids->len == priv->ids->len &&
      (ids->len == 0 || memcmp (ids->data, priv->ids->data, ids->len * sizeof (gint64)) == 0))
    {
      g_autoptr(GArray) read = g_array_new (FALSE, FALSE, sizeof (guint));
      GHashTableIter iter;
      gpointer page;

      g_hash_table_iter_init (&iter, priv->handed_out);
      while (g_hash_table_iter_next (&iter, &page, NULL))
        g_array_append_val (read, (guint) { GPOINTER_TO_UINT (page) });
      g_array_sort (read, compare_pages);

      g_hash_table_remove_all (priv->handed_out);
      g_hash_table_remove_all (priv->pages);
      g_queue_clear (&priv->recent);
      g_clear_pointer (&priv->ids, g_array_unref);
      priv->ids = g_steal_pointer (&ids);
      for (guint i = 0; i < read->len; i++)
        {
          guint first = g_array_index (read, guint, i) * PAGE_SIZE;
          guint n = MIN (PAGE_SIZE, priv->n_items - MIN (first, priv->n_items));

          if (n > 0)
            g_list_model_items_changed (G_LIST_MODEL (self), first, n, n);
        }
      if (had_error || priv->error != NULL)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
      return;
    }

  g_hash_table_remove_all (priv->handed_out);
  g_hash_table_remove_all (priv->pages);
  g_queue_clear (&priv->recent);
  old_ids = g_steal_pointer (&priv->ids);
  priv->ids = g_steal_pointer (&ids);

  old_n_items = priv->n_items;
  priv->n_items = priv->ids->len;
  old_end = old_n_items;
  new_end = priv->n_items;

  if (changed_id != 0 && old_ids != NULL && old_ids->len == old_n_items)
    {
      const gint64 *before = (const gint64 *) old_ids->data;
      const gint64 *after = (const gint64 *) priv->ids->data;
      gint64 position = index_of (priv->ids, changed_id);

      /* the same records at the start, and at the end */
      while (start < old_end && start < new_end && before[start] == after[start])
        start++;
      while (old_end > start && new_end > start && before[old_end - 1] == after[new_end - 1])
        {
          old_end--;
          new_end--;
        }

      /* and the record saved, where it is now */
      if (position >= 0 && start == old_end && start == new_end)
        {
          start = position;
          old_end = new_end = position + 1;
        }
      else if (position >= 0)
        {
          if ((guint) position < start)
            start = position;
          if ((guint) position >= new_end)
            {
              old_end += position + 1 - new_end;
              new_end = position + 1;
            }
        }
    }

  if (changed_id == 0 && new_end - start > SWAP_IN_TWO && old_end > start)
    {
      /* Many rows in place of others, as after a new filter: the views
       * hear first that the old ones went, then that the new ones came.
       * Told at once, a view whose rows in sight went would look for
       * them among all the new ones, reading every record.  (A record
       * saved is looked for where it moved, which the views find.) */
      g_autoptr(GArray) new_ids = g_steal_pointer (&priv->ids);

      priv->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), new_ids->len - (new_end - start));
      g_array_append_vals (priv->ids, new_ids->data, start);
      g_array_append_vals (priv->ids, &g_array_index (new_ids, gint64, new_end), new_ids->len - new_end);
      priv->n_items = priv->ids->len;
      g_list_model_items_changed (G_LIST_MODEL (self), start, old_end - start, 0);

      g_hash_table_remove_all (priv->pages);
      g_queue_clear (&priv->recent);
      g_clear_pointer (&priv->ids, g_array_unref);
      priv->ids = g_steal_pointer (&new_ids);
      priv->n_items = priv->ids->len;
      g_list_model_items_changed (G_LIST_MODEL (self), start, 0, new_end - start);
    }
  else if (old_end > start || new_end > start)
    g_list_model_items_changed (G_LIST_MODEL (self), start, old_end - start, new_end - start);
  if (old_n_items != priv->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (had_error || priv->error != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/**
 * tx_paged_list_reload:
 *
 * Reads the ids again (after a change or a new filter) and tells the
 * views that every row may have changed.
 */
void
tx_paged_list_reload (TxPagedList *self)
{
  g_return_if_fail (TX_IS_PAGED_LIST (self));

  reload (self, 0);
}

/**
 * tx_paged_list_set_watching:
 * @watching: whether the list reads its ids again when the store
 *   changes (the default); a list nobody sees need not, and is reloaded
 *   with tx_paged_list_reload() when it is seen again
 */
void
tx_paged_list_set_watching (TxPagedList *self,
                            gboolean     watching)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  g_return_if_fail (TX_IS_PAGED_LIST (self));

  priv->ignoring = !watching;
}

/**
 * tx_paged_list_find:
 * @uuid: (nullable): a record of the list's kind
 *
 * Where the record is in the list, without reading the records before
 * it: one row id looked up and searched among the ids.
 *
 * Returns: its position, or %GTK_INVALID_LIST_POSITION (G_MAXUINT)
 */
guint
tx_paged_list_find (TxPagedList *self,
                    const char  *uuid)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);
  gint64 position;
  gint64 id;

  g_return_val_if_fail (TX_IS_PAGED_LIST (self), G_MAXUINT);

  if (uuid == NULL || priv->ids == NULL || TX_PAGED_LIST_GET_CLASS (self)->kind == NULL)
    return G_MAXUINT;

  id = find_id (self, uuid);
  position = id != 0 ? index_of (priv->ids, id) : -1;

  return position >= 0 ? (guint) position : G_MAXUINT;
}

/**
 * tx_paged_list_get_error:
 *
 * Returns: (nullable) (transfer none): why the list could not be read
 *   when it was last read, or %NULL when it was
 */
const GError *
tx_paged_list_get_error (TxPagedList *self)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  g_return_val_if_fail (TX_IS_PAGED_LIST (self), NULL);

  return priv->error;
}
