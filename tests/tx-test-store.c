/* tx-test-store.c — what the tests share about the database file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "tx-test-store.h"

/**
 * tx_test_damage_table:
 * @path: a database file nobody has open
 * @table: the table (or index) whose first page gets garbage
 *
 * Reading @table from @path then fails: "the database file is damaged".
 */
void
tx_test_damage_table (const char *path,
                      const char *table)
{
  g_autofree guint8 *garbage = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  int root, page_size;
  FILE *file;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size) "
                                       "FROM sqlite_schema WHERE name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root = sqlite3_column_int (stmt, 0);
  page_size = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  garbage = g_malloc (page_size);
  memset (garbage, 0xA5, page_size);
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (long) (root - 1) * page_size, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, page_size, file), ==, (size_t) page_size);
  fclose (file);
}
