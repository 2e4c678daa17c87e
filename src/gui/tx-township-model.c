/* tx-township-model.c — the townships of a store, for a drop-down
 *
 * A list of names (GtkStringObject, what GtkDropDown and AdwComboRow
 * show without an expression) that knows the uuid of each row: the
 * store's townships in its order, after an optional leading row such
 * as “All townships” or “None”, whose uuid is %NULL.
 *
 * tx_township_model_fill() reads the townships again and says nothing
 * to the views when they are the same, so a choice made in a drop-down
 * stays as it is; when they changed, the caller chooses again with
 * tx_township_model_find() what was chosen before:
 *
 *   g_autofree char *chosen = g_strdup (tx_township_model_get_uuid (model, selected));
 *   tx_township_model_fill (model, store, NULL);
 *   gtk_drop_down_set_selected (drop_down, tx_township_model_find (model, chosen));
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-township-model"

#include "config.h"

#include "tx-township-model.h"
#include "tx-township-store.h"
#include "tx-township.h"

struct _TxTownshipModel
{
  GObject    parent_instance;

  /* owned */
  GPtrArray *names;     /* GtkStringObject, the leading row first */
  GPtrArray *uuids;     /* char *, NULL for the leading row */

  /* state */
  guint      n_leading; /* 0 or 1 */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxTownshipModel, tx_township_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* GListModel */

static GType
tx_township_model_get_item_type (GListModel *model)
{
  return GTK_TYPE_STRING_OBJECT;
}

static guint
tx_township_model_get_n_items (GListModel *model)
{
  return TX_TOWNSHIP_MODEL (model)->names->len;
}

static gpointer
tx_township_model_get_item (GListModel *model,
                            guint       position)
{
  TxTownshipModel *self = TX_TOWNSHIP_MODEL (model);

  if (position >= self->names->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->names, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tx_township_model_get_item_type;
  iface->get_n_items = tx_township_model_get_n_items;
  iface->get_item = tx_township_model_get_item;
}

/* Whether the rows after the leading one are @townships already. */
static gboolean
holds (TxTownshipModel *self,
       GPtrArray       *townships)
{
  if (self->names->len != self->n_leading + townships->len)
    return FALSE;

  for (guint i = 0; i < townships->len; i++)
    {
      TxTownship *township = g_ptr_array_index (townships, i);
      guint row = self->n_leading + i;

      if (g_strcmp0 (g_ptr_array_index (self->uuids, row), tx_township_get_uuid (township)) != 0 ||
          g_strcmp0 (gtk_string_object_get_string (g_ptr_array_index (self->names, row)),
                     tx_township_get_name (township)) != 0)
        return FALSE;
    }

  return TRUE;
}

/* GObject */

static void
tx_township_model_finalize (GObject *object)
{
  TxTownshipModel *self = (TxTownshipModel *)object;

  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->uuids, g_ptr_array_unref);

  G_OBJECT_CLASS (tx_township_model_parent_class)->finalize (object);
}

static void
tx_township_model_class_init (TxTownshipModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tx_township_model_finalize;
}

static void
tx_township_model_init (TxTownshipModel *self)
{
  self->names = g_ptr_array_new_with_free_func (g_object_unref);
  self->uuids = g_ptr_array_new_with_free_func (g_free);
}

/* Public API */

/**
 * tx_township_model_new:
 * @leading: (nullable): the text of a first row that is no township
 *   (“All townships”, “None”), or %NULL for none
 *
 * Returns: (transfer full): a list with only the leading row, until
 *   tx_township_model_fill() is called
 */
TxTownshipModel *
tx_township_model_new (const char *leading)
{
  TxTownshipModel *self = g_object_new (TX_TYPE_TOWNSHIP_MODEL, NULL);

  if (leading != NULL)
    {
      g_ptr_array_add (self->names, gtk_string_object_new (leading));
      g_ptr_array_add (self->uuids, NULL);
      self->n_leading = 1;
    }

  return self;
}

/**
 * tx_township_model_fill:
 * @store: (nullable): the store whose townships to list; %NULL for none
 *
 * Reads the townships again.  The views hear of it only when they
 * changed (added, removed, renamed, reordered).
 *
 * Returns: %FALSE when they cannot be read: the list is left as it was
 */
gboolean
tx_township_model_fill (TxTownshipModel  *self,
                        TxStore          *store,
                        GError          **error)
{
  g_autoptr(GPtrArray) townships = NULL;
  guint n_old;

  g_return_val_if_fail (TX_IS_TOWNSHIP_MODEL (self), FALSE);
  g_return_val_if_fail (store == NULL || TX_IS_STORE (store), FALSE);

  if (store != NULL)
    townships = tx_store_list_townships (store, error);
  else
    townships = g_ptr_array_new_with_free_func (g_object_unref);
  if (townships == NULL)
    return FALSE;

  if (holds (self, townships))
    return TRUE;

  n_old = self->names->len - self->n_leading;
  g_ptr_array_set_size (self->names, self->n_leading);
  g_ptr_array_set_size (self->uuids, self->n_leading);
  for (guint i = 0; i < townships->len; i++)
    {
      TxTownship *township = g_ptr_array_index (townships, i);

      g_ptr_array_add (self->names, gtk_string_object_new (tx_township_get_name (township)));
      g_ptr_array_add (self->uuids, g_strdup (tx_township_get_uuid (township)));
    }

  g_list_model_items_changed (G_LIST_MODEL (self), self->n_leading, n_old, townships->len);
  return TRUE;
}

/**
 * tx_township_model_get_uuid:
 *
 * Returns: (nullable): the uuid of the township at @position; %NULL for
 *   the leading row, or past the end (GTK_INVALID_LIST_POSITION)
 */
const char *
tx_township_model_get_uuid (TxTownshipModel *self,
                            guint            position)
{
  g_return_val_if_fail (TX_IS_TOWNSHIP_MODEL (self), NULL);

  if (position >= self->uuids->len)
    return NULL;

  return g_ptr_array_index (self->uuids, position);
}

/**
 * tx_township_model_get_name:
 *
 * Returns: (nullable): the name of the township at @position; %NULL for
 *   the leading row, or past the end
 */
const char *
tx_township_model_get_name (TxTownshipModel *self,
                            guint            position)
{
  g_return_val_if_fail (TX_IS_TOWNSHIP_MODEL (self), NULL);

  if (position < self->n_leading || position >= self->names->len)
    return NULL;

  return gtk_string_object_get_string (g_ptr_array_index (self->names, position));
}

/**
 * tx_township_model_find:
 * @uuid_or_name: (nullable): a township, by uuid or name; %NULL for
 *   the leading row
 *
 * Returns: its position; for one that is not listed (any more), the
 *   leading row (0), or GTK_INVALID_LIST_POSITION without one
 */
guint
tx_township_model_find (TxTownshipModel *self,
                        const char      *uuid_or_name)
{
  g_return_val_if_fail (TX_IS_TOWNSHIP_MODEL (self), GTK_INVALID_LIST_POSITION);

  for (guint i = self->n_leading; uuid_or_name != NULL && i < self->names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->uuids, i), uuid_or_name) == 0 ||
        g_strcmp0 (gtk_string_object_get_string (g_ptr_array_index (self->names, i)), uuid_or_name) == 0)
      return i;

  return self->n_leading > 0 ? 0 : GTK_INVALID_LIST_POSITION;
}
