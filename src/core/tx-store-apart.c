/* tx-store-apart.c — reading a store apart from the window
 *
 * A city's history takes a while to read.  What a view shows of it is
 * read in a worker, on a second connection to the same file, read-only,
 * while the window goes on; a store that is not a file (in memory) is
 * read at once, on its own connection.  Either way the answer comes in
 * the callback, from the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include "tx-store.h"

typedef struct {
  char           *path;
  TxStoreReadFunc func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
} Apart;

static void
apart_free (gpointer pointer)
{
  Apart *apart = pointer;

  if (apart->data_free != NULL)
    apart->data_free (apart->data);
  g_free (apart->path);
  g_free (apart);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Apart *apart = task_data;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result = NULL;

  store = tx_store_open_full (apart->path, TX_STORE_OPEN_READ_ONLY, &error);
  if (store != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    result = apart->func (store, apart->data, &error);

  if (error != NULL)
    {
      if (result != NULL && apart->result_free != NULL)
        apart->result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, result, apart->result_free);
}

/**
 * tx_store_read_apart:
 * @func: reads @store (a connection of its own) and returns what it
 *   read, or %NULL with the error set
 * @data: (transfer full): for @func, freed with @data_free when done
 * @result_free: frees what @func returns, when nobody takes it
 *
 * Calls @func on a read-only connection of its own to the database of
 * @store, in a worker; at once on @store itself when the database is
 * not a file.  @callback gets the result with
 * tx_store_read_apart_finish(), in the main loop.
 */
void
tx_store_read_apart (TxStore             *store,
                     TxStoreReadFunc      func,
                     gpointer             data,
                     GDestroyNotify       data_free,
                     GDestroyNotify       result_free,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Apart *apart = g_new0 (Apart, 1);
  const char *path;

  g_return_if_fail (TX_IS_STORE (store));
  g_return_if_fail (func != NULL);

  apart->func = func;
  apart->data = data;
  apart->data_free = data_free;
  apart->result_free = result_free;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, tx_store_read_apart);
  g_task_set_task_data (task, apart, apart_free);

  path = tx_store_get_path (store);
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      apart->path = g_strdup (path);
      g_task_run_in_thread (task, read_in_thread);
    }
  else
    {
      g_autoptr(GError) error = NULL;
      gpointer result = func (store, data, &error);

      if (error != NULL)
        {
          if (result != NULL && result_free != NULL)
            result_free (result);
          g_task_return_error (task, g_steal_pointer (&error));
        }
      else
        g_task_return_pointer (task, result, result_free);
    }
}

/**
 * tx_store_read_apart_finish:
 *
 * Returns: (transfer full): what the function of tx_store_read_apart()
 *   read; %NULL with @error set when it could not, or was cancelled
 */
gpointer
tx_store_read_apart_finish (TxStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
