/* tx-search-tokenizer.h — the roster search's FTS5 tokenizer (core only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

gboolean tx_search_tokenizer_register (fts5_api *api);

G_END_DECLS
