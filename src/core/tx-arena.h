/* tx-arena.h — memory taken in blocks and let go of at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Many small pieces that live and die together (the elements of a
 * record read, the texts of people waiting to be written) are cut from
 * blocks rather than taken one by one from the allocator, and all let
 * go of at once.  Fields are the arena's own. */
typedef struct {
  GPtrArray *blocks;       /* of block_size bytes */
  GPtrArray *large;        /* pieces larger than a quarter of a block, each its own */
  gsize      block_size;
  guint      block;        /* the one being cut from */
  gsize      used;         /* of it */
} TxArena;

void      tx_arena_init  (TxArena       *arena,
                          gsize          block_size);
gpointer  tx_arena_alloc (TxArena       *arena,
                          gsize          size);
char     *tx_arena_copy  (TxArena       *arena,
                          gconstpointer  data,
                          gsize          size);
void      tx_arena_empty (TxArena       *arena);
void      tx_arena_clear (TxArena       *arena);

G_END_DECLS
