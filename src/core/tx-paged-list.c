/* tx-paged-list.c — a list of records read from the store a page at a
 * time
 *
 * A GListModel that never holds every record: one pass over an index
 * gives the ordered row ids (8 bytes a record), and a page of records
 * is read by id when a row of it is first asked for; only a few pages
 * are kept.  Filtering and sorting happen in SQL (the subclass's
 * query_ids), never by OFFSET.  When the store says records of a kind
 * the list shows changed, the ids are read again, and the views hear
 * of the rows that moved and of the rows those records show (after
 * "all", in a turn of the main loop of its own); a list nobody sees
 * keeps what changed until it is caught up.  A list made with
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
#include "tx-turns.h"

#define PAGE_SIZE 100
#define MAX_CACHED_PAGES 8
#define SWAP_IN_TWO      (2 * PAGE_SIZE) /* rows added, over which a change is told in two */
#define MAX_PENDING      (2 * PAGE_SIZE) /* records changed, over which every row is told */

typedef struct
{
  /* owned */
  TxStore    *store;
  GArray     *ids;         /* gint64, in order */
  GHashTable *pages;       /* page number → GPtrArray of records */
  GQueue      recent;      /* page numbers, most recent first */
  GHashTable *handed_out;  /* page numbers whose records were given since the views last heard */
  GError     *error;       /* why the list could not be read, or NULL */
  GArray     *pending;     /* gint64: ids of records changed since the ids were read */

  /* state */
  gboolean    ignoring;    /* the store's changes, until told again */
  gboolean    read;        /* whether the ids were ever read */
  gboolean    pending_all; /* whether any row may show otherwise since */
  gboolean    new_first;   /* rows replaced are told new ones first */
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

enum {
  REPLACING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static void reload (TxPagedList *self);

/* The row id of the record @uuid of the list's kind, 0 if none. */
static gint64
find_id (TxPagedList *self,
         const char  *uuid)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  /* not found, or not readable: the list tells the views of every row */
  return MAX (0, tx_store_find_id (priv->store, TX_PAGED_LIST_GET_CLASS (self)->kind, uuid, TRUE, NULL));
}

/* A record of the list's own kind shows in its own row alone. */
static GArray *
tx_paged_list_real_affected_ids (TxPagedList *self,
                                 const char  *kind,
                                 const char  *uuid)
{
  const char *own = TX_PAGED_LIST_GET_CLASS (self)->kind;
  GArray *ids;
  gint64 id;

  if (uuid == NULL || own == NULL || g_strcmp0 (kind, own) != 0 || (id = find_id (self, uuid)) == 0)
    return NULL;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1);
  g_array_append_val (ids, id);
  return ids;
}

/* Keeps what a change of @kind's record @uuid may change of the rows,
 * until the ids are read again. */
static void
note_change (TxPagedList *self,
             const char  *kind,
             const char  *uuid)
{
  TxPagedListClass *klass = TX_PAGED_LIST_GET_CLASS (self);
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);
  g_autoptr(GArray) ids = NULL;

  if (priv->pending_all)
    return;

  if (g_strcmp0 (kind, "all") == 0)
    {
      priv->pending_all = TRUE;
      return;
    }

  if (!klass->is_affected (self, kind))
    return;

  ids = klass->affected_ids (self, kind, uuid);
  if (ids == NULL || priv->pending->len + ids->len > MAX_PENDING)
    priv->pending_all = TRUE;
  else
    g_array_append_vals (priv->pending, ids->data, ids->len);
}

/* What changed, when its turn comes: nothing if the list was read
 * again meanwhile */
static void
catch_up_turn (gpointer owner)
{
  TxPagedList *self = owner;
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  if (priv->store != NULL && !priv->ignoring && (priv->pending_all || priv->pending->len > 0))
    reload (self);
}

/* A change the list may show: a list in sight reads its ids again at
 * once; one nobody sees, or not read yet, when it is asked to.  After
 * "all" (files received, another program's writes), in a turn of the
 * main loop of its own (tx-turns.c), as every view of the window reads
 * itself again. */
static void
on_store_changed_cb (TxPagedList *self,
                     const char  *kind,
                     const char  *uuid,
                     TxStore     *store)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  if (!priv->read)
    return;

  note_change (self, kind, uuid);
  if (priv->ignoring || (!priv->pending_all && priv->pending->len == 0))
    return;

  if (g_strcmp0 (kind, "all") == 0)
    tx_turns_add (self, catch_up_turn);
  else
    reload (self);
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
  g_clear_pointer (&priv->pending, g_array_unref);
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

  klass->affected_ids = tx_paged_list_real_affected_ids;

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

  /**
   * TxPagedList::replacing:
   * @position: the first row replaced
   * @n_new: the rows that came in place of the old ones
   *
   * Rows are being replaced by others (after a new filter): the new
   * ones have come, from @position on, and the old ones, right after
   * them, go next.  A view moved to @position now (GTK's
   * “list.scroll-to-item”) shows the new rows in the widgets it made
   * for the old.
   */
  signals[REPLACING] =
    g_signal_new ("replacing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
tx_paged_list_init (TxPagedList *self)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  priv->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  priv->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  priv->handed_out = g_hash_table_new (NULL, NULL);
  priv->pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_queue_init (&priv->recent);
}

TxStore *
tx_paged_list_get_store (TxPagedList *self)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  g_return_val_if_fail (TX_IS_PAGED_LIST (self), NULL);

  return priv->store;
}

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

/* The pages handed out, in order */
static GArray *
pages_handed_out (TxPagedListPrivate *priv)
{
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer page;

  g_hash_table_iter_init (&iter, priv->handed_out);
  while (g_hash_table_iter_next (&iter, &page, NULL))
    g_array_append_val (pages, (guint) { GPOINTER_TO_UINT (page) });
  g_array_sort (pages, compare_pages);

  return pages;
}

/* The rows from @start to @old_end are told anew (they are now those
 * from @start to @new_end): the views keep the records they were given
 * before and after, those after now further on or back.  The pages
 * they are in now are the ones handed out. */
static void
move_handed_out (TxPagedListPrivate *priv,
                 guint               start,
                 guint               old_end,
                 guint               new_end)
{
  g_autoptr(GArray) pages = pages_handed_out (priv);

  g_hash_table_remove_all (priv->handed_out);
  for (guint i = 0; i < pages->len; i++)
    {
      guint first = g_array_index (pages, guint, i) * PAGE_SIZE;
      guint last = first + PAGE_SIZE - 1;

      if (first < start)
        g_hash_table_add (priv->handed_out, GUINT_TO_POINTER (first / PAGE_SIZE));
      if (last >= old_end)
        {
          first = MAX (first, old_end) - old_end + new_end;
          last = last - old_end + new_end;
          g_hash_table_add (priv->handed_out, GUINT_TO_POINTER (first / PAGE_SIZE));
          g_hash_table_add (priv->handed_out, GUINT_TO_POINTER (last / PAGE_SIZE));
        }
    }
}

/* Tells the views of the rows of @changed (ids) at or after @from and
 * not before @until, one run of rows at a time. */
static void
tell_rows_of (TxPagedList *self,
              GArray      *changed,
              guint        from,
              guint        until)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  const gint64 *row = (const gint64 *) priv->ids->data;
  guint n = priv->ids->len;

  for (guint i = 0; i < changed->len; i++)
    g_hash_table_add (ids, &g_array_index (changed, gint64, i));

  for (guint i = 0; i < n && g_hash_table_size (ids) > 0; )
    {
      guint run = 0;

      while (i + run < n && g_hash_table_contains (ids, &row[i + run]))
        run++;
      if (run == 0)
        {
          i++;
          continue;
        }
      for (guint j = i; j < i + run; j++)
        g_hash_table_remove (ids, &row[j]);
      if (i + run > from && i < until)
        g_list_model_items_changed (G_LIST_MODEL (self), i, run, run);
      i += run;
    }
}

/* Reads the ids again.  The views hear of the rows that moved, and of
 * those the changes kept may show otherwise (every row, when any may). */
static void
reload (TxPagedList *self)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) old_ids = NULL;
  g_autoptr(GArray) changed = NULL;
  gboolean all;
  gboolean had_error;
  guint old_n_items;
  guint start = 0;
  guint old_end;
  guint new_end;

  /* what changed meanwhile is told now, and only once */
  all = priv->pending_all || !priv->read || priv->ids == NULL || priv->ids->len != priv->n_items;
  changed = g_steal_pointer (&priv->pending);
  priv->pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  priv->pending_all = FALSE;

  priv->read = TRUE;
  ids = TX_PAGED_LIST_GET_CLASS (self)->query_ids (self, &error);
  if (ids == NULL)
    {
      g_debug ("Could not read %s: %s", G_OBJECT_TYPE_NAME (self), error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  /* the error is known before the views hear that the rows changed */
  had_error = priv->error != NULL;
  all |= had_error;
  g_clear_error (&priv->error);
  priv->error = g_steal_pointer (&error);

  g_hash_table_remove_all (priv->pages);
  g_queue_clear (&priv->recent);
  old_ids = g_steal_pointer (&priv->ids);
  priv->ids = g_steal_pointer (&ids);
  old_n_items = priv->n_items;
  priv->n_items = priv->ids->len;

  /* The same records in the same order.  When every one may show
   * otherwise, the views hear of the rows of the pages they were given
   * (a page at a time), and read the others anew when they come to
   * them; told of every row, a view would make every row in sight
   * anew.  Otherwise they hear of the rows of the records changed. */
  if (old_ids != NULL && old_ids->len == priv->ids->len &&
      (old_ids->len == 0 || memcmp (old_ids->data, priv->ids->data, old_ids->len * sizeof (gint64)) == 0))
    {
      if (all)
        {
          g_autoptr(GArray) pages = pages_handed_out (priv);

          g_hash_table_remove_all (priv->handed_out);
          for (guint i = 0; i < pages->len; i++)
            {
              guint first = g_array_index (pages, guint, i) * PAGE_SIZE;
              guint n = MIN (PAGE_SIZE, priv->n_items - MIN (first, priv->n_items));

              if (n > 0)
                g_list_model_items_changed (G_LIST_MODEL (self), first, n, n);
            }
        }
      else
        tell_rows_of (self, changed, 0, G_MAXUINT);

      if (had_error || priv->error != NULL)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
      return;
    }

  old_end = old_n_items;
  new_end = priv->n_items;

  /* the same records at the start, and at the end: their rows are told
   * only when changed */
  if (!all)
    {
      const gint64 *before = (const gint64 *) old_ids->data;
      const gint64 *after = (const gint64 *) priv->ids->data;

      while (start < old_end && start < new_end && before[start] == after[start])
        start++;
      while (old_end > start && new_end > start && before[old_end - 1] == after[new_end - 1])
        {
          old_end--;
          new_end--;
        }
    }

  if (all && priv->new_first && new_end > start && old_end > start)
    {
      /* Rows in place of others, as after a new filter: the views hear
       * first that the new ones came, before the old, then, once told
       * to move to them, that the old ones went.  A view keeps its rows
       * while the records it was given are still listed: moved to the
       * new rows, it shows them in the widgets of the old ones, instead
       * of making every row in sight anew and throwing the old ones
       * away. */
      g_autoptr(GArray) new_ids = g_steal_pointer (&priv->ids);
      guint n_new = new_end - start;

      priv->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), new_ids->len + (old_end - start));
      g_array_append_vals (priv->ids, new_ids->data, new_end);
      g_array_append_vals (priv->ids, &g_array_index (old_ids, gint64, start), old_end - start);
      g_array_append_vals (priv->ids, &g_array_index (new_ids, gint64, new_end), new_ids->len - new_end);
      priv->n_items = priv->ids->len;
      g_list_model_items_changed (G_LIST_MODEL (self), start, 0, n_new);
      g_signal_emit (self, signals[REPLACING], 0, start, n_new);

      g_hash_table_remove_all (priv->pages);
      g_queue_clear (&priv->recent);
      g_clear_pointer (&priv->ids, g_array_unref);
      priv->ids = g_steal_pointer (&new_ids);
      priv->n_items = priv->ids->len;
      g_list_model_items_changed (G_LIST_MODEL (self), new_end, old_end - start, 0);
    }
  else if (all && new_end - start > SWAP_IN_TWO && old_end > start)
    {
      /* Many rows in place of others, for views that do not move: the
       * views hear first that the old ones went, then that the new ones
       * came.  Told at once, a view whose rows in sight went would look
       * for them among all the new ones, reading every record. */
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

  if (all)
    g_hash_table_remove_all (priv->handed_out);
  else
    {
      /* the records changed that stayed where they were */
      move_handed_out (priv, start, old_end, new_end);
      tell_rows_of (self, changed, 0, start);
      tell_rows_of (self, changed, new_end, G_MAXUINT);
    }

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
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  g_return_if_fail (TX_IS_PAGED_LIST (self));

  priv->pending_all = TRUE;
  reload (self);
}

/**
 * tx_paged_list_catch_up:
 *
 * Reads the ids again if the store changed since they were read (the
 * list was not watching, or a change came meanwhile) or they never
 * were: the views hear of the rows that moved and of those the changes
 * may show otherwise, not of every row.  The filter must be the same
 * as when the ids were read; a new one is applied with
 * tx_paged_list_reload().
 */
void
tx_paged_list_catch_up (TxPagedList *self)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  g_return_if_fail (TX_IS_PAGED_LIST (self));

  if (priv->read && priv->error == NULL && !priv->pending_all && priv->pending->len == 0)
    return;

  reload (self);
}

/**
 * tx_paged_list_set_watching:
 * @watching: whether the list reads its ids again when the store
 *   changes (the default); a list nobody sees need not: it keeps what
 *   changed, and is caught up with tx_paged_list_catch_up() when it is
 *   seen again
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
 * tx_paged_list_set_new_rows_first:
 * @new_first: whether rows replaced by others (after a new filter) are
 *   told in two steps, the new ones first, before the old, then, after
 *   #TxPagedList::replacing, the old ones gone; for views that move to
 *   the new rows when told, and so keep their rows.  Otherwise (the
 *   default) the old ones go first: a view that stays where it was
 *   would be left at the end of the new rows.
 */
void
tx_paged_list_set_new_rows_first (TxPagedList *self,
                                  gboolean     new_first)
{
  TxPagedListPrivate *priv = tx_paged_list_get_instance_private (self);

  g_return_if_fail (TX_IS_PAGED_LIST (self));

  priv->new_first = new_first;
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
