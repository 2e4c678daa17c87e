/* tx-roster.c
 *
 * Searching: FTS5 with the trigram tokenizer for three characters or
 * more; shorter queries (a surname, a two-character name, 医院) go
 * through a second FTS5 index of single characters, as a phrase.  Ordering: the ICU sort keys
 * stored with each person, so the database orders with an index and lists
 * page by key, never by OFFSET.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-roster"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-collate.h"
#include "tx-records-private.h"
#include "tx-roster-import.h"
#include "tx-roster.h"
#include "tx-vocabulary.h"

#define PERSON_COLUMNS \
  "p.id, p.uuid, p.name, p.gender, p.ethnicity, t.uuid, t.name, p.village, " \
  "p.organization, p.title, p.phone, p.notes, p.updated_at, " \
  "(SELECT group_concat (category) FROM " \
  "  (SELECT category FROM person_category WHERE person_id = p.id ORDER BY position)) "

#define PERSON_FROM \
  "FROM person p LEFT JOIN township t ON t.id = p.township_id "

typedef enum {
  SEARCH_NONE,
  SEARCH_TRIGRAMS,    /* three characters or more */
  SEARCH_NAME_CHARS,  /* one or two: single characters, as a phrase */
} SearchKind;

/*
 * The SQL of a roster query, put together from constant pieces by which
 * filters are set, so that SQLite plans each combination well (the
 * search drives when there is one, the sort index otherwise).  Values
 * are always bound, never written into the text.
 */
static char *
build_query (const char           *columns,
             const TxPersonFilter *filter,
             SearchKind            search)
{
  GString *sql = g_string_new ("SELECT ");
  gboolean strokes = filter != NULL && filter->order == TX_ORDER_STROKES;

  g_string_append (sql, columns);

  switch (search)
    {
    case SEARCH_TRIGRAMS:
      g_string_append (sql, "FROM person_fts CROSS JOIN person p ON p.id = person_fts.rowid "
                            "LEFT JOIN township t ON t.id = p.township_id "
                            "WHERE person_fts MATCH :search AND p.deleted_at IS NULL ");
      break;

    case SEARCH_NAME_CHARS:
      g_string_append (sql, "FROM person_chars CROSS JOIN person p ON p.id = person_chars.rowid "
                            "LEFT JOIN township t ON t.id = p.township_id "
                            "WHERE person_chars MATCH :search AND p.deleted_at IS NULL ");
      break;

    case SEARCH_NONE:
    default:
      g_string_append (sql, PERSON_FROM "WHERE p.deleted_at IS NULL ");
      break;
    }

  if (filter != NULL && filter->has_category)
    g_string_append (sql, "AND EXISTS (SELECT 1 FROM person_category c "
                          "WHERE c.person_id = p.id AND c.category = :category) ");

  if (filter != NULL && filter->township != NULL && filter->township[0] != '\0')
    g_string_append (sql, "AND p.township_id = (SELECT id FROM township "
                          "WHERE name = :township AND deleted_at IS NULL) ");

  g_string_append (sql, strokes ? "ORDER BY p.sort_strokes, p.id" : "ORDER BY p.sort_pinyin, p.id");

  return g_string_free (sql, FALSE);
}

void
tx_person_filter_clear (TxPersonFilter *filter)
{
  g_clear_pointer (&filter->search, g_free);
  g_clear_pointer (&filter->township, g_free);
  filter->has_category = FALSE;
  filter->order = TX_ORDER_PINYIN;
}

void
tx_person_filter_copy (TxPersonFilter       *dest,
                       const TxPersonFilter *src)
{
  dest->search = g_strdup (src->search);
  dest->has_category = src->has_category;
  dest->category = src->category;
  dest->township = g_strdup (src->township);
  dest->order = src->order;
}

/* A phrase for FTS5: the text in double quotes, inner quotes doubled, so
 * whatever the clerk types is matched literally. */
static char *
quote_fts (const char *text)
{
  GString *quoted = g_string_new ("\"");

  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');

  return g_string_free (quoted, FALSE);
}

/**
 * tx_person_name_chars:
 *
 * Returns: the characters of @name separated by spaces ("王 芳"), for the
 *   index of short queries; punctuation is left out
 */
char *
tx_person_name_chars (const char *name)
{
  GString *chars = g_string_new (NULL);

  for (const char *p = name ? name : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c))
        continue;
      if (chars->len > 0)
        g_string_append_c (chars, ' ');
      g_string_append_unichar (chars, c);
    }

  return g_string_free (chars, FALSE);
}

/* What to search for, and how: a phrase of trigrams, or of single
 * characters for one or two. */
static SearchKind
prepare_search (const TxPersonFilter  *filter,
                char                 **match)
{
  g_autofree char *search = NULL;

  *match = NULL;

  if (filter == NULL || filter->search == NULL)
    return SEARCH_NONE;

  search = g_strstrip (g_strdup (filter->search));
  if (search[0] == '\0')
    return SEARCH_NONE;

  if (g_utf8_strlen (search, -1) >= 3)
    {
      *match = quote_fts (search);
      return SEARCH_TRIGRAMS;
    }

  {
    g_autofree char *chars = tx_person_name_chars (search);

    /* a phrase of adjacent characters; "%" alone is nothing a name is
     * made of, and the empty phrase matches nothing */
    *match = g_strdup_printf ("\"%s\"", chars);
    return SEARCH_NAME_CHARS;
  }
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index == 0)
    return;

  if (value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* Prepares the query for @filter and binds its values. */
static sqlite3_stmt *
prepare_query (TxStore              *store,
               const char           *columns,
               const TxPersonFilter *filter,
               GError              **error)
{
  g_autofree char *match = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  SearchKind search;

  search = prepare_search (filter, &match);
  sql = build_query (columns, filter, search);
  stmt = tx_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;

  bind_named_text (stmt, ":search", match);
  if (filter != NULL && filter->has_category)
    bind_named_text (stmt, ":category", tx_category_to_key (filter->category));
  if (filter != NULL && filter->township != NULL)
    bind_named_text (stmt, ":township", filter->township);

  return stmt;
}

static TxPerson *
person_from_row (sqlite3_stmt *stmt)
{
  TxPerson *person = tx_person_new ();
  const char *categories;

  person->uuid = g_strdup (tx_column_text (stmt, 1));
  person->name = g_strdup (tx_column_text (stmt, 2));
  tx_gender_from_key (tx_column_text (stmt, 3), &person->gender);
  person->ethnicity = g_strdup (tx_column_text (stmt, 4));
  person->township_uuid = g_strdup (tx_column_text (stmt, 5));
  person->township_name = g_strdup (tx_column_text (stmt, 6));
  person->village = g_strdup (tx_column_text (stmt, 7));
  person->organization = g_strdup (tx_column_text (stmt, 8));
  person->title = g_strdup (tx_column_text (stmt, 9));
  person->phone = g_strdup (tx_column_text (stmt, 10));
  person->notes = g_strdup (tx_column_text (stmt, 11));
  person->updated_at = g_strdup (tx_column_text (stmt, 12));

  categories = tx_column_text (stmt, 13);
  if (categories[0] != '\0')
    {
      g_auto(GStrv) keys = g_strsplit (categories, ",", -1);

      for (guint i = 0; keys[i] != NULL; i++)
        {
          TxCategory category;

          if (tx_category_from_key (keys[i], &category))
            tx_person_add_category (person, category);
        }
    }

  return person;
}

static GPtrArray *
collect_people (TxStore       *store,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (people, person_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      tx_store_set_sql_error (store, error, _("Could not read the roster"));
      sqlite3_reset (stmt);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&people);
}

/**
 * tx_roster_query:
 *
 * Returns: (transfer full) (element-type TxPerson): everyone the filter
 *   lets through, in its order
 */
GPtrArray *
tx_roster_query (TxStore              *store,
                 const TxPersonFilter *filter,
                 GError              **error)
{
  sqlite3_stmt *stmt = prepare_query (store, PERSON_COLUMNS, filter, error);

  if (stmt == NULL)
    return NULL;

  return collect_people (store, stmt, error);
}

/**
 * tx_roster_query_ids:
 *
 * One pass over the search or the sort index gives the ids of everyone
 * the filter lets through, in order; rows are then read a page at a time
 * by tx_roster_load_people().
 *
 * Returns: (transfer full) (element-type gint64): the ids, in order
 */
GArray *
tx_roster_query_ids (TxStore              *store,
                     const TxPersonFilter *filter,
                     GError              **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare_query (store, "p.id ", filter, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tx_store_set_sql_error (store, error, _("Could not read the roster"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * tx_roster_load_people:
 * @ids: (array length=n_ids): from tx_roster_query_ids()
 *
 * Returns: (transfer full) (element-type TxPerson): the people, in the
 *   order of @ids; someone deleted meanwhile is left out
 */
GPtrArray *
tx_roster_load_people (TxStore       *store,
                       const gint64  *ids,
                       guint          n_ids,
                       GError       **error)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store, "SELECT " PERSON_COLUMNS PERSON_FROM "WHERE p.id = ? AND p.deleted_at IS NULL", error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (people, person_from_row (stmt));
      sqlite3_reset (stmt);
    }

  return g_steal_pointer (&people);
}

TxPerson *
tx_roster_find_person (TxStore     *store,
                       const char  *uuid,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  TxPerson *person = NULL;

  stmt = tx_store_prepare (store, "SELECT " PERSON_COLUMNS PERSON_FROM "WHERE p.uuid = ? AND p.deleted_at IS NULL", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    person = person_from_row (stmt);
  sqlite3_reset (stmt);

  if (person == NULL)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                 _("No one on the roster has the id %s."), uuid);

  return person;
}

TxPerson *
tx_person_new_with_fields (const char *uuid,
                           const char *name,
                           TxGender    gender,
                           const char *ethnicity,
                           const char *township_uuid,
                           const char *village,
                           const char *organization,
                           const char *title,
                           const char *phone,
                           const char *notes)
{
  TxPerson *person = tx_person_new ();

  person->uuid = uuid ? g_strdup (uuid) : tx_uuid_new ();
  person->name = g_strdup (name);
  person->gender = gender;
  person->ethnicity = g_strdup (ethnicity);
  person->township_uuid = g_strdup (township_uuid);
  person->village = g_strdup (village);
  person->organization = g_strdup (organization);
  person->title = g_strdup (title);
  person->phone = g_strdup (phone);
  person->notes = g_strdup (notes);

  return person;
}

static void
bind_blob_bytes (sqlite3_stmt *stmt,
                 int           column,
                 GBytes       *bytes)
{
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  sqlite3_bind_blob (stmt, column, data ? data : "", size, SQLITE_TRANSIENT);
}

static gboolean
insert_indexes (TxStore      *store,
                sqlite3_stmt *fts,
                sqlite3_stmt *chars,
                gint64        person_id,
                TxPerson     *person,
                GError      **error)
{
  g_autofree char *name_chars = tx_person_name_chars (person->name);
  g_autofree char *organization_chars = tx_person_name_chars (person->organization);
  g_autofree char *village_chars = tx_person_name_chars (person->village);
  g_autofree char *title_chars = tx_person_name_chars (person->title);

  sqlite3_bind_int64 (fts, 1, person_id);
  sqlite3_bind_text (fts, 2, person->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (fts, 3, person->organization ? person->organization : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (fts, 4, person->village ? person->village : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (fts, 5, person->title ? person->title : "", -1, SQLITE_STATIC);
  if (!tx_store_step_done (store, fts, error))
    return FALSE;

  sqlite3_bind_int64 (chars, 1, person_id);
  sqlite3_bind_text (chars, 2, name_chars, -1, SQLITE_STATIC);
  sqlite3_bind_text (chars, 3, organization_chars, -1, SQLITE_STATIC);
  sqlite3_bind_text (chars, 4, village_chars, -1, SQLITE_STATIC);
  sqlite3_bind_text (chars, 5, title_chars, -1, SQLITE_STATIC);
  return tx_store_step_done (store, chars, error);
}

/**
 * tx_roster_save_person:
 *
 * Inserts @person, or updates the person with the same uuid (bringing a
 * deleted one back).  Must run inside tx_store_write().  Keeps
 * @person's updated_at when set, otherwise stamps it now.
 */
gboolean
tx_roster_save_person (TxStore   *store,
                       TxPerson  *person,
                       GError   **error)
{
  g_autoptr(GBytes) pinyin = NULL;
  g_autoptr(GBytes) strokes = NULL;
  sqlite3_stmt *stmt;
  gint64 township_id = 0;
  gint64 person_id;

  g_return_val_if_fail (tx_store_in_transaction (store), FALSE);
  g_return_val_if_fail (TX_IS_PERSON (person), FALSE);

  if (person->name == NULL || g_strstrip (person->name)[0] == '\0')
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("A person needs a name."));
      return FALSE;
    }

  if (person->township_uuid != NULL && person->township_uuid[0] != '\0')
    {
      stmt = tx_store_prepare (store, "SELECT id, name FROM township WHERE uuid = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, person->township_uuid, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          township_id = sqlite3_column_int64 (stmt, 0);
          g_free (person->township_name);
          person->township_name = g_strdup (tx_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);

      if (township_id == 0)
        {
          g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                       _("%s belongs to a township that is not in the database (%s)."),
                       person->name, person->township_uuid);
          return FALSE;
        }
    }

  if (person->uuid == NULL)
    person->uuid = tx_uuid_new ();
  if (person->updated_at == NULL)
    person->updated_at = tx_timestamp_now ();

  pinyin = tx_collate_sort_key (person->name, TX_ORDER_PINYIN);
  strokes = tx_collate_sort_key (person->name, TX_ORDER_STROKES);

  /* The person as stored, if at all, for the search index. */
  stmt = tx_store_prepare (store,
                           "SELECT id, name, organization, village, title FROM person WHERE uuid = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, person->uuid, -1, SQLITE_TRANSIENT);
  person_id = 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sqlite3_stmt *forget;

      person_id = sqlite3_column_int64 (stmt, 0);
      forget = tx_store_prepare (store,
                                 "INSERT INTO person_fts (person_fts, rowid, name, organization, village, title) "
                                 "VALUES ('delete', ?, ?, ?, ?, ?)",
                                 error);
      if (forget == NULL)
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      sqlite3_bind_int64 (forget, 1, person_id);
      for (int i = 1; i <= 4; i++)
        sqlite3_bind_text (forget, i + 1, tx_column_text (stmt, i), -1, SQLITE_TRANSIENT);
      sqlite3_reset (stmt);
      if (!tx_store_step_done (store, forget, error))
        return FALSE;

      forget = tx_store_prepare (store, "DELETE FROM person_chars WHERE rowid = ?", error);
      if (forget == NULL)
        return FALSE;
      sqlite3_bind_int64 (forget, 1, person_id);
      if (!tx_store_step_done (store, forget, error))
        return FALSE;
    }
  else
    sqlite3_reset (stmt);

  if (person_id != 0)
    stmt = tx_store_prepare (store,
                             "UPDATE person SET township_id = ?2, name = ?3, gender = ?4, ethnicity = ?5, "
                             "  village = ?6, organization = ?7, title = ?8, phone = ?9, notes = ?10, "
                             "  sort_pinyin = ?11, sort_strokes = ?12, updated_at = ?13, deleted_at = NULL "
                             "WHERE id = ?1",
                             error);
  else
    stmt = tx_store_prepare (store,
                             "INSERT INTO person (uuid, township_id, name, gender, ethnicity, village, "
                             "  organization, title, phone, notes, sort_pinyin, sort_strokes, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                             error);
  if (stmt == NULL)
    return FALSE;

  if (person_id != 0)
    sqlite3_bind_int64 (stmt, 1, person_id);
  else
    sqlite3_bind_text (stmt, 1, person->uuid, -1, SQLITE_TRANSIENT);
  if (township_id != 0)
    sqlite3_bind_int64 (stmt, 2, township_id);
  sqlite3_bind_text (stmt, 3, person->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, tx_gender_to_key (person->gender), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, person->ethnicity ? person->ethnicity : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, person->village ? person->village : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, person->organization ? person->organization : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, person->title ? person->title : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, person->phone ? person->phone : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, person->notes ? person->notes : "", -1, SQLITE_TRANSIENT);
  bind_blob_bytes (stmt, 11, pinyin);
  bind_blob_bytes (stmt, 12, strokes);
  sqlite3_bind_text (stmt, 13, person->updated_at, -1, SQLITE_TRANSIENT);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tx_store_set_sql_error (store, error, _("Could not save the person"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  if (person_id == 0)
    person_id = sqlite3_last_insert_rowid (tx_store_get_db (store));

  {
    sqlite3_stmt *fts = tx_store_prepare (store,
                                          "INSERT INTO person_fts (rowid, name, organization, village, title) "
                                          "VALUES (?, ?, ?, ?, ?)",
                                          error);
    sqlite3_stmt *chars = tx_store_prepare (store,
                                            "INSERT INTO person_chars (rowid, name, organization, village, title) "
                                            "VALUES (?, ?, ?, ?, ?)",
                                            error);

    if (fts == NULL || chars == NULL || !insert_indexes (store, fts, chars, person_id, person, error))
      return FALSE;
  }

  stmt = tx_store_prepare (store, "DELETE FROM person_category WHERE person_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  for (guint i = 0; i < person->categories->len; i++)
    {
      stmt = tx_store_prepare (store,
                               "INSERT INTO person_category (person_id, category, position) VALUES (?, ?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, person_id);
      sqlite3_bind_text (stmt, 2, tx_category_to_key (g_array_index (person->categories, TxCategory, i)), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, i);
      if (!tx_store_step_done (store, stmt, error))
        return FALSE;
    }

  tx_store_emit_changed (store, "person");

  return TRUE;
}

/**
 * tx_roster_add_people:
 * @people: (element-type TxPerson): people not yet in the store, with
 *   new uuids and their township uuids set
 * @progress: (nullable): told every 1000 people
 *
 * Adds many people at once, as an import does: the statements are
 * prepared once and townships looked up once.  Must run inside
 * tx_store_write().
 */
gboolean
tx_roster_add_people (TxStore    *store,
                      GPtrArray  *people,
                      void      (*progress) (guint done, guint total, gpointer user_data),
                      gpointer    user_data,
                      GError    **error)
{
  g_autoptr(GHashTable) townships = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *now = tx_timestamp_now ();
  sqlite3_stmt *insert, *fts, *chars, *category, *township;
  gint64 first_new_id = 1;

  g_return_val_if_fail (tx_store_in_transaction (store), FALSE);

  /* the search indexes are filled once, for everyone added, at the end */
  township = tx_store_prepare (store, "SELECT coalesce (max (id), 0) FROM person", error);
  if (township == NULL)
    return FALSE;
  if (sqlite3_step (township) == SQLITE_ROW)
    first_new_id = sqlite3_column_int64 (township, 0) + 1;
  sqlite3_reset (township);

  insert = tx_store_prepare (store,
                             "INSERT INTO person (uuid, township_id, name, gender, ethnicity, village, "
                             "  organization, title, phone, notes, sort_pinyin, sort_strokes, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                             error);
  fts = tx_store_prepare (store,
                          "INSERT INTO person_fts (rowid, name, organization, village, title) "
                          "SELECT id, name, organization, village, title FROM person WHERE id >= ?",
                          error);
  chars = tx_store_prepare (store,
                            "INSERT INTO person_chars (rowid, name, organization, village, title) "
                            "SELECT id, tx_name_chars (name), tx_name_chars (organization), "
                            "  tx_name_chars (village), tx_name_chars (title) FROM person WHERE id >= ?",
                            error);
  category = tx_store_prepare (store,
                               "INSERT INTO person_category (person_id, category, position) VALUES (?, ?, ?)",
                               error);
  township = tx_store_prepare (store, "SELECT id FROM township WHERE uuid = ?", error);
  if (insert == NULL || fts == NULL || chars == NULL || category == NULL || township == NULL)
    return FALSE;

  for (guint i = 0; i < people->len; i++)
    {
      TxPerson *person = g_ptr_array_index (people, i);
      g_autoptr(GBytes) pinyin = NULL;
      g_autoptr(GBytes) strokes = NULL;
      gint64 township_id = 0;
      gint64 person_id;

      if (person->name == NULL || g_strstrip (person->name)[0] == '\0')
        {
          g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                               _("A person needs a name."));
          return FALSE;
        }

      if (person->township_uuid != NULL && person->township_uuid[0] != '\0')
        {
          gpointer known;

          if (g_hash_table_lookup_extended (townships, person->township_uuid, NULL, &known))
            township_id = GPOINTER_TO_SIZE (known);
          else
            {
              sqlite3_bind_text (township, 1, person->township_uuid, -1, SQLITE_STATIC);
              if (sqlite3_step (township) == SQLITE_ROW)
                township_id = sqlite3_column_int64 (township, 0);
              sqlite3_reset (township);
              g_hash_table_insert (townships, person->township_uuid, GSIZE_TO_POINTER (township_id));
            }
          if (township_id == 0)
            {
              g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("%s belongs to a township that is not in the database (%s)."),
                           person->name, person->township_uuid);
              return FALSE;
            }
        }

      if (person->uuid == NULL)
        person->uuid = tx_uuid_new ();
      if (person->updated_at == NULL)
        person->updated_at = g_strdup (now);

      pinyin = tx_collate_sort_key (person->name, TX_ORDER_PINYIN);
      strokes = tx_collate_sort_key (person->name, TX_ORDER_STROKES);

      sqlite3_bind_text (insert, 1, person->uuid, -1, SQLITE_STATIC);
      if (township_id != 0)
        sqlite3_bind_int64 (insert, 2, township_id);
      else
        sqlite3_bind_null (insert, 2);
      sqlite3_bind_text (insert, 3, person->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, tx_gender_to_key (person->gender), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 5, person->ethnicity ? person->ethnicity : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 6, person->village ? person->village : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 7, person->organization ? person->organization : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 8, person->title ? person->title : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 9, person->phone ? person->phone : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 10, person->notes ? person->notes : "", -1, SQLITE_STATIC);
      bind_blob_bytes (insert, 11, pinyin);
      bind_blob_bytes (insert, 12, strokes);
      sqlite3_bind_text (insert, 13, person->updated_at, -1, SQLITE_STATIC);
      if (!tx_store_step_done (store, insert, error))
        return FALSE;
      person_id = sqlite3_last_insert_rowid (tx_store_get_db (store));

      for (guint c = 0; c < person->categories->len; c++)
        {
          sqlite3_bind_int64 (category, 1, person_id);
          sqlite3_bind_text (category, 2, tx_category_to_key (g_array_index (person->categories, TxCategory, c)), -1, SQLITE_STATIC);
          sqlite3_bind_int (category, 3, c);
          if (!tx_store_step_done (store, category, error))
            return FALSE;
        }

      if (progress != NULL && ((i + 1) % 1000 == 0 || i + 1 == people->len))
        progress (i + 1, people->len, user_data);
    }

  sqlite3_bind_int64 (fts, 1, first_new_id);
  sqlite3_bind_int64 (chars, 1, first_new_id);
  if (!tx_store_step_done (store, fts, error) ||
      !tx_store_step_done (store, chars, error))
    return FALSE;

  if (people->len > 0)
    tx_store_emit_changed (store, "person");

  return TRUE;
}

/**
 * tx_roster_check_person:
 *
 * The rules a person on the roster follows: a name, and a phone number
 * that is a mobile (11 digits beginning with 1) or a landline with its
 * area code, or none.
 */
gboolean
tx_roster_check_person (TxPerson  *person,
                        GError   **error)
{
  g_return_val_if_fail (TX_IS_PERSON (person), FALSE);

  if (person->name == NULL || g_strstrip (person->name)[0] == '\0')
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("A person needs a name."));
      return FALSE;
    }

  if (!tx_phone_is_valid (person->phone))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("“%s” is not a phone number: write an 11-digit mobile number beginning with 1, or a landline with its area code such as 0854-8221234."),
                   person->phone);
      return FALSE;
    }

  return TRUE;
}

static gboolean
edit_person (TxStore   *store,
             gpointer   user_data,
             GError   **error)
{
  TxPerson *person = user_data;
  gboolean exists = FALSE;
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store, "SELECT 1 FROM person WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, person->uuid, -1, SQLITE_TRANSIENT);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  g_clear_pointer (&person->updated_at, g_free);
  if (!tx_roster_save_person (store, person, error))
    return FALSE;

  return tx_store_audit (store, exists ? "update" : "insert", "person", person->uuid, person->name, error);
}

/**
 * tx_roster_edit_person:
 *
 * Checks and saves one person as the editor does, in its own
 * transaction, with a line in the audit log.
 */
gboolean
tx_roster_edit_person (TxStore   *store,
                       TxPerson  *person,
                       GError   **error)
{
  g_return_val_if_fail (TX_IS_STORE (store), FALSE);

  if (!tx_roster_check_person (person, error))
    return FALSE;
  if (person->uuid == NULL)
    person->uuid = tx_uuid_new ();

  return tx_store_write (store, edit_person, person, error);
}

typedef struct {
  const char *uuid;
  gboolean    restore;
} DeleteJob;

static gboolean
delete_person (TxStore   *store,
               gpointer   user_data,
               GError   **error)
{
  DeleteJob *job = user_data;
  g_autofree char *now = tx_timestamp_now ();
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store,
                           job->restore
                           ? "UPDATE person SET deleted_at = NULL, updated_at = ?2 WHERE uuid = ?1 AND deleted_at IS NOT NULL RETURNING name"
                           : "UPDATE person SET deleted_at = ?2, updated_at = ?2 WHERE uuid = ?1 AND deleted_at IS NULL RETURNING name",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, job->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup (tx_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (name == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("No one on the roster has the id %s."), job->uuid);
      return FALSE;
    }

  tx_store_emit_changed (store, "person");
  return tx_store_audit (store, job->restore ? "restore" : "delete", "person", job->uuid, name, error);
}

/**
 * tx_roster_delete_person:
 *
 * Takes someone off the roster (a soft delete: the record stays, so undo
 * and the exchange file work).
 */
gboolean
tx_roster_delete_person (TxStore     *store,
                         const char  *uuid,
                         GError     **error)
{
  DeleteJob job = { uuid, FALSE };

  return tx_store_write (store, delete_person, &job, error);
}

/* Undoes tx_roster_delete_person(). */
gboolean
tx_roster_restore_person (TxStore     *store,
                          const char  *uuid,
                          GError     **error)
{
  DeleteJob job = { uuid, TRUE };

  return tx_store_write (store, delete_person, &job, error);
}
