/* tx-arena.c — memory taken in blocks and let go of at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tx-arena.h"

/**
 * tx_arena_init:
 * @block_size: bytes taken from the allocator at a time
 *
 * Makes @arena empty, taking no memory yet.
 */
void
tx_arena_init (TxArena *arena,
               gsize    block_size)
{
  arena->blocks = g_ptr_array_new_with_free_func (g_free);
  arena->large = g_ptr_array_new_with_free_func (g_free);
  arena->block_size = block_size;
  arena->block = 0;
  arena->used = 0;
}

/* @size bytes from the blocks, at @align (a power of two) */
static gpointer
cut (TxArena *arena,
     gsize    size,
     gsize    align)
{
  gsize at;

  if (size > arena->block_size / 4)
    {
      gpointer piece = g_malloc (size);

      g_ptr_array_add (arena->large, piece);
      return piece;
    }

  at = (arena->used + align - 1) & ~(align - 1);
  if (arena->blocks->len == 0 || at + size > arena->block_size)
    {
      if (arena->blocks->len > 0)
        arena->block++;
      /* the blocks of an arena emptied are cut from again */
      if (arena->block == arena->blocks->len)
        g_ptr_array_add (arena->blocks, g_malloc (arena->block_size));
      at = 0;
    }
  arena->used = at + size;

  return (guint8 *) g_ptr_array_index (arena->blocks, arena->block) + at;
}

/**
 * tx_arena_alloc:
 *
 * Returns: @size bytes, not cleared, at an address any pointer or
 *   number may be stored at; theirs until tx_arena_empty()
 */
gpointer
tx_arena_alloc (TxArena *arena,
                gsize    size)
{
  return cut (arena, size, 2 * sizeof (gpointer));
}

/**
 * tx_arena_copy:
 *
 * Returns: a copy of the @size bytes at @data, and a zero after them
 */
char *
tx_arena_copy (TxArena       *arena,
               gconstpointer  data,
               gsize          size)
{
  char *copy = cut (arena, size + 1, 1);

  memcpy (copy, data, size);
  copy[size] = '\0';

  return copy;
}

/**
 * tx_arena_empty:
 *
 * Lets go of everything taken from @arena, keeping its blocks to be
 * cut from again.
 */
void
tx_arena_empty (TxArena *arena)
{
  arena->block = 0;
  arena->used = 0;
  g_ptr_array_set_size (arena->large, 0);
}

/**
 * tx_arena_clear:
 *
 * Gives all the memory of @arena back; it may be used again after
 * tx_arena_init().
 */
void
tx_arena_clear (TxArena *arena)
{
  g_clear_pointer (&arena->blocks, g_ptr_array_unref);
  g_clear_pointer (&arena->large, g_ptr_array_unref);
  arena->block = 0;
  arena->used = 0;
}
