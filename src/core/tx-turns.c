/* tx-turns.c — work done a piece a turn of the main loop
 *
 * When everything changed at once (files received, another program's
 * writes), each view of the window reads itself again.  Done in the
 * handlers of the store's signal, or in idles added there, that is one
 * turn of the main loop however many views there are: GLib dispatches
 * together the sources ready at the same priority, and a frame or a
 * key pressed waits for all of them.  Queued here, each piece has a
 * turn of its own, one after the other, and what the clerk does comes
 * in between.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-turns"

#include "config.h"

#include "tx-turns.h"

typedef struct {
  GWeakRef   owner;
  gpointer   key;     /* the owner when queued, to find it again */
  TxTurnFunc func;
} Turn;

static GQueue queue = G_QUEUE_INIT;
static guint idle_id;

static void
turn_free (Turn *turn)
{
  g_weak_ref_clear (&turn->owner);
  g_free (turn);
}

static gboolean
on_idle_cb (gpointer data)
{
  Turn *turn = g_queue_pop_head (&queue);

  if (turn != NULL)
    {
      g_autoptr(GObject) owner = g_weak_ref_get (&turn->owner);

      /* an owner gone meanwhile has nothing left to do */
      if (owner != NULL)
        turn->func (owner);
      turn_free (turn);
    }

  if (!g_queue_is_empty (&queue))
    return G_SOURCE_CONTINUE;

  idle_id = 0;
  return G_SOURCE_REMOVE;
}

/**
 * tx_turns_add:
 * @owner: (type GObject): what @func works for; nothing is done once it
 *   is finalized
 * @func: the work, called with @owner in the main loop
 *
 * Calls @func in a turn of the main loop of its own, after the pieces
 * queued before; once, if it is queued for @owner already.
 */
void
tx_turns_add (gpointer   owner,
              TxTurnFunc func)
{
  Turn *turn;

  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (func != NULL);

  for (GList *l = queue.head; l != NULL; l = l->next)
    {
      Turn *queued = l->data;

      if (queued->key == owner && queued->func == func)
        {
          g_autoptr(GObject) alive = g_weak_ref_get (&queued->owner);

          if (alive != NULL)
            return;
        }
    }

  turn = g_new0 (Turn, 1);
  g_weak_ref_init (&turn->owner, owner);
  turn->key = owner;
  turn->func = func;
  g_queue_push_tail (&queue, turn);

  if (idle_id == 0)
    idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_idle_cb, NULL, NULL);
}

/**
 * tx_turns_pending:
 *
 * Whether pieces of work wait for their turn (for the tests).
 */
gboolean
tx_turns_pending (void)
{
  return !g_queue_is_empty (&queue);
}
