/* tx-roster.c
 *
 * Searching: an FTS5 index of single characters (person_search, see
 * tx-search-tokenizer.c), where whatever the clerk types, a surname, a
 * two-character name, 医院 or 凤山镇卫生院, is a phrase of adjacent
 * characters.  Ordering: the ICU sort keys stored with each person, so
 * the database orders with an index and lists page by key, never by
 * OFFSET.
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
#include "tx-rules.h"
#include "tx-township-store.h"
#include "tx-vocabulary.h"

#define PERSON_COLUMNS \
  "p.id, p.uuid, p.name, p.gender, p.ethnicity, t.uuid, t.name, p.village, " \
  "p.organization, p.title, p.phone, p.notes, p.updated_at, " \
  "(SELECT group_concat (category) FROM " \
  "  (SELECT category FROM person_category WHERE person_id = p.id ORDER BY position)), " \
  "coalesce ((SELECT since FROM person_post WHERE person_id = p.id), ''), " \
  LAST_TRAINING " "

/* The day of the last training the person was at, up to the day bound
 * to TODAY_PARAMETER (any day when none is).  A parameter of a number of its own, far after the
 * others: PERSON_COLUMNS comes first in every statement, and a named
 * one would take the number 1 that the statements' own ?1 and ? mean. */
#define TODAY_PARAMETER 99
#define LAST_TRAINING TX_SQL_LAST_TRAINING ("p.id", "coalesce (?99, '9999-12-31')")

#define PERSON_FROM \
  "FROM person p LEFT JOIN township t ON t.id = p.township_id "

/* The sort column's terms of ORDER BY, each followed by a comma: first
 * whether the value is empty (empties last), then the value.  The
 * orders of townships and categories are bound (:township_order,
 * :category_order) as "|a|b|…|", where a value's place is its rank. */
static void
append_sort_column (GString              *sql,
                    const TxPersonFilter *filter)
{
  static const char * const values[TX_N_PERSON_SORTS] = {
    [TX_PERSON_SORT_GENDER] = "CASE p.gender WHEN 'male' THEN 1 WHEN 'female' THEN 2 END",
    [TX_PERSON_SORT_TOWNSHIP] = "nullif (instr (:township_order, '|' || t.name || '|'), 0)",
    [TX_PERSON_SORT_CATEGORIES] = "(SELECT min (instr (:category_order, '|' || category || '|')) "
                                  "FROM person_category WHERE person_id = p.id)",
    [TX_PERSON_SORT_ORGANIZATION] = "tx_pinyin_key (nullif (p.organization, ''))",
    [TX_PERSON_SORT_TITLE] = "tx_pinyin_key (nullif (p.title, ''))",
    [TX_PERSON_SORT_PHONE] = "nullif (p.phone, '')",
    [TX_PERSON_SORT_VILLAGE] = "tx_pinyin_key (nullif (p.village, ''))",
    [TX_PERSON_SORT_LAST_TRAINING] = LAST_TRAINING,
  };
  gboolean strokes = filter != NULL && filter->order == TX_ORDER_STROKES;
  TxPersonSort sort = filter != NULL ? filter->sort : TX_PERSON_SORT_NAME;
  const char *direction = filter != NULL && filter->descending ? " DESC" : "";

  if (sort <= TX_PERSON_SORT_NAME || sort >= TX_N_PERSON_SORTS)
    {
      if (*direction != '\0')
        g_string_append_printf (sql, "%s%s, ", strokes ? "p.sort_strokes" : "p.sort_pinyin", direction);
      return;
    }

  g_string_append_printf (sql, "(%s) IS NULL, (%s)%s, ", values[sort], values[sort], direction);
}

/* "|a|b|…|": the names of the townships in the order they are listed
 * everywhere (the setting township-order), or of the categories. */
static char *
township_order (TxStore  *store)
{
  g_autoptr(GPtrArray) townships = tx_store_list_townships (store, NULL);
  GString *order = g_string_new ("|");

  for (guint i = 0; townships != NULL && i < townships->len; i++)
    {
      TxTownship *township = g_ptr_array_index (townships, i);

      g_string_append (order, tx_township_get_name (township));
      g_string_append_c (order, '|');
    }

  return g_string_free (order, FALSE);
}

static char *
category_order (void)
{
  GString *order = g_string_new ("|");

  for (TxCategory c = 0; c < TX_N_CATEGORIES; c++)
    {
      g_string_append (order, tx_category_to_key (c));
      g_string_append_c (order, '|');
    }

  return g_string_free (order, FALSE);
}

/*
 * The SQL of a roster query, put together from constant pieces by which
 * filters are set, so that SQLite plans each combination well (the
 * search drives when there is one, the sort index otherwise).  Values
 * are always bound, never written into the text.
 */
static char *
build_query (const char           *columns,
             const TxPersonFilter *filter,
             gboolean              search)
{
  GString *sql = g_string_new ("SELECT ");
  gboolean strokes = filter != NULL && filter->order == TX_ORDER_STROKES;

  g_string_append (sql, columns);

  if (search)
    g_string_append (sql, "FROM person_search s CROSS JOIN person p ON p.id = s.rowid "
                          "LEFT JOIN township t ON t.id = p.township_id "
                          "WHERE person_search MATCH :search AND p.deleted_at IS NULL ");
  else
    g_string_append (sql, PERSON_FROM "WHERE p.deleted_at IS NULL ");

  if (filter != NULL && filter->has_category)
    g_string_append (sql, "AND EXISTS (SELECT 1 FROM person_category c "
                          "WHERE c.person_id = p.id AND c.category = :category) ");

  if (filter != NULL && filter->township != NULL && filter->township[0] != '\0')
    g_string_append (sql, "AND p.township_id = (SELECT id FROM township "
                          "WHERE name = :township AND deleted_at IS NULL) ");

  g_string_append (sql, "ORDER BY ");
  append_sort_column (sql, filter);
  g_string_append (sql, strokes ? "p.sort_strokes, p.id" : "p.sort_pinyin, p.id");

  return g_string_free (sql, FALSE);
}

void
tx_person_filter_clear (TxPersonFilter *filter)
{
  g_clear_pointer (&filter->search, g_free);
  g_clear_pointer (&filter->township, g_free);
  filter->has_category = FALSE;
  filter->order = TX_ORDER_PINYIN;
  filter->sort = TX_PERSON_SORT_NAME;
  filter->descending = FALSE;
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
  dest->sort = src->sort;
  dest->descending = src->descending;
  dest->today = src->today;
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

/* What to search for: the text as one phrase, which the index's
 * tokenizer turns into adjacent characters, leaving out punctuation.
 * Nothing but punctuation ("%") is an empty phrase, which matches no
 * one.  Returns FALSE when there is nothing to search for. */
static gboolean
prepare_search (const TxPersonFilter  *filter,
                char                 **match)
{
  g_autofree char *search = NULL;

  *match = NULL;

  if (filter == NULL || filter->search == NULL)
    return FALSE;

  search = g_strstrip (g_strdup (filter->search));
  if (search[0] == '\0')
    return FALSE;

  *match = quote_fts (search);
  return TRUE;
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
/* The day trainings are counted to; none when there is none (the
 * statement may have had one before) */
static void
bind_today (sqlite3_stmt *stmt,
            TxDate        today)
{
  if (sqlite3_bind_parameter_count (stmt) < TODAY_PARAMETER)
    return;
  if (today == TX_DATE_NONE)
    sqlite3_bind_null (stmt, TODAY_PARAMETER);
  else
    sqlite3_bind_text (stmt, TODAY_PARAMETER, tx_date_to_iso (today), -1, g_free);
}

static sqlite3_stmt *
prepare_query (TxStore              *store,
               const char           *columns,
               const TxPersonFilter *filter,
               GError              **error)
{
  g_autofree char *match = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean search;

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
  if (sqlite3_bind_parameter_index (stmt, ":township_order") != 0)
    {
      g_autofree char *order = township_order (store);

      bind_named_text (stmt, ":township_order", order);
    }
  bind_today (stmt, filter != NULL ? filter->today : TX_DATE_NONE);
  if (sqlite3_bind_parameter_index (stmt, ":category_order") != 0)
    {
      g_autofree char *order = category_order ();

      bind_named_text (stmt, ":category_order", order);
    }

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
  person->post_since = g_strdup (tx_column_text (stmt, 14));
  if (sqlite3_column_type (stmt, 15) != SQLITE_NULL)
    person->last_training = g_strdup (tx_column_text (stmt, 15));

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

  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (people, person_from_row (stmt));
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&people) : NULL;
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
  sqlite3_stmt *stmt;

  stmt = prepare_query (store, "p.id ", filter, error);
  if (stmt == NULL)
    return NULL;

  return tx_store_step_ids (store, stmt, error);
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
                       TxDate         today,
                       const gint64  *ids,
                       guint          n_ids,
                       GError       **error)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (n_ids == 0)
    return g_steal_pointer (&people);

  /* one statement for them all, in the order of @ids, as the other
   * records' lists read a page */
  json = tx_store_ids_to_json (ids, n_ids);
  stmt = tx_store_prepare (store,
                           "SELECT " PERSON_COLUMNS
                           "FROM json_each (?1) j JOIN person p ON p.id = j.value "
                           "LEFT JOIN township t ON t.id = p.township_id "
                           "WHERE p.deleted_at IS NULL ORDER BY j.key",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  bind_today (stmt, today);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (people, person_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return NULL;

  return g_steal_pointer (&people);
}

/* The one person of that id or name, on the roster or (@deleted)
 * taken off it. */
static char *
resolve_person (TxStore     *store,
                const char  *uuid_or_name,
                gboolean     deleted,
                GError     **error)
{
  g_autoptr(GString) who = g_string_new (NULL);
  g_autofree char *found = NULL;
  guint matches = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  stmt = tx_store_prepare (store,
                           deleted
                           ? "SELECT p.uuid, coalesce (t.name, ''), p.organization FROM person p "
                             "LEFT JOIN township t ON t.id = p.township_id "
                             "WHERE (p.uuid = ?1 OR p.name = ?1) AND p.deleted_at IS NOT NULL "
                             "ORDER BY p.uuid = ?1 DESC, p.id"
                           : "SELECT p.uuid, coalesce (t.name, ''), p.organization FROM person p "
                             "LEFT JOIN township t ON t.id = p.township_id "
                             "WHERE (p.uuid = ?1 OR p.name = ?1) AND p.deleted_at IS NULL "
                             "ORDER BY p.uuid = ?1 DESC, p.id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid_or_name, -1, SQLITE_TRANSIENT);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      if (g_strcmp0 (tx_column_text (stmt, 0), uuid_or_name) == 0)
        {
          g_free (found);
          found = g_strdup (tx_column_text (stmt, 0));
          matches = 1;
          break;
        }
      if (found == NULL)
        found = g_strdup (tx_column_text (stmt, 0));
      if (matches++ > 0)
        g_string_append (who, C_("list of people", "; "));
      /* Translators: someone of several of one name: their township, then their unit */
      g_string_append_printf (who, C_("person of several", "%s, %s (%s)"), tx_column_text (stmt, 1),
                              tx_column_text (stmt, 2), tx_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return NULL;

  if (found == NULL)
    {
      if (deleted)
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                     _("No one taken off the roster is called “%s” or has that id."), uuid_or_name);
      else
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                     _("No one on the roster is called “%s” or has that id."), uuid_or_name);
      return NULL;
    }
  if (matches > 1)
    {
      if (deleted)
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_AMBIGUOUS,
                     _("%u people taken off the roster are called “%s”: give the id of the one you mean (%s)."),
                     matches, uuid_or_name, who->str);
      else
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_AMBIGUOUS,
                     _("%u people on the roster are called “%s”: give the id of the one you mean (%s)."),
                     matches, uuid_or_name, who->str);
      return NULL;
    }

  return g_steal_pointer (&found);
}

/**
 * tx_roster_resolve_person:
 * @uuid_or_name: someone's id, or their exact name
 *
 * Returns: (transfer full): the id of the one person on the roster of
 *   that id or name; %NULL with @error set when there is none, or
 *   several of that name (their townships and units said, to tell them
 *   apart)
 */
char *
tx_roster_resolve_person (TxStore     *store,
                          const char  *uuid_or_name,
                          GError     **error)
{
  return resolve_person (store, uuid_or_name, FALSE, error);
}

/**
 * tx_roster_resolve_deleted_person:
 * @uuid_or_name: the id, or the exact name, of someone taken off the roster
 *
 * As tx_roster_resolve_person(), among those taken off the roster (whom
 * tx_roster_restore_person() brings back).
 */
char *
tx_roster_resolve_deleted_person (TxStore     *store,
                                  const char  *uuid_or_name,
                                  GError     **error)
{
  return resolve_person (store, uuid_or_name, TRUE, error);
}

TxPerson *
tx_roster_find_person (TxStore     *store,
                       const char  *uuid,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  TxPerson *person = NULL;
  int rc;

  stmt = tx_store_prepare (store, "SELECT " PERSON_COLUMNS PERSON_FROM "WHERE p.uuid = ?1 AND p.deleted_at IS NULL", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    person = person_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return NULL;

  if (person == NULL)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                 _("No one on the roster has the id %s."), uuid);

  return person;
}

/**
 * tx_roster_find_person_as_recorded:
 * @removed: (out) (optional): whether the person was removed from the
 *   roster
 *
 * A person as the roster last had them, removed or not: what a
 * consultation that invited them prints.
 *
 * Returns: (transfer full): the person, or %NULL with @error set
 */
TxPerson *
tx_roster_find_person_as_recorded (TxStore     *store,
                                   const char  *uuid,
                                   gboolean    *removed,
                                   GError     **error)
{
  sqlite3_stmt *stmt;
  TxPerson *person = NULL;
  int rc;

  stmt = tx_store_prepare (store, "SELECT " PERSON_COLUMNS ", p.deleted_at IS NOT NULL " PERSON_FROM "WHERE p.uuid = ?1",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = tx_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      person = person_from_row (stmt);
      if (removed != NULL)
        *removed = sqlite3_column_int (stmt, sqlite3_column_count (stmt) - 1) != 0;
    }
  sqlite3_reset (stmt);

  if (person == NULL && rc != SQLITE_ERROR)
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

/**
 * tx_roster_save_person:
 *
 * Inserts @person, or updates the person with the same uuid (bringing a
 * deleted one back).  Must run inside tx_store_write().  Keeps
 * @person's updated_at when set, otherwise stamps it now.
 *
 * The one writer of a person, for the editor, the roster import's
 * updates and the exchange importer: whoever comes in is checked here
 * by the editor's rules (tx_roster_check_person()).
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
  int rc;

  g_return_val_if_fail (tx_store_in_transaction (store), FALSE);
  g_return_val_if_fail (TX_IS_PERSON (person), FALSE);

  if (!tx_roster_check_person (person, error))
    return FALSE;

  if (person->township_uuid != NULL && person->township_uuid[0] != '\0')
    {
      stmt = tx_store_prepare (store, "SELECT id, name FROM township WHERE uuid = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, person->township_uuid, -1, SQLITE_TRANSIENT);
      if ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
        {
          township_id = sqlite3_column_int64 (stmt, 0);
          g_free (person->township_name);
          person->township_name = g_strdup (tx_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
      if (rc == SQLITE_ERROR)
        return FALSE;

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
    person->updated_at = tx_store_stamp_now (store);

  tx_collate_sort_keys (person->name, &pinyin, &strokes);

  /* The person as stored, if at all */
  person_id = tx_store_find_id (store, "person", person->uuid, TRUE, error);
  if (person_id < 0)
    return FALSE;

  /* The search index forgets the words as they were, before they change
   * (its content is the person table). */
  if (person_id != 0)
    {
      stmt = tx_store_prepare (store,
                               "INSERT INTO person_search (person_search, rowid, name, organization, village, title) "
                               "SELECT 'delete', id, name, organization, village, title FROM person WHERE id = ?",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, person_id);
      if (!tx_store_step_done (store, stmt, error))
        return FALSE;
    }

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

  if (!tx_store_step_done (store, stmt, error))
    return FALSE;
  if (person_id == 0)
    person_id = sqlite3_last_insert_rowid (tx_store_get_db (store));

  stmt = tx_store_prepare (store,
                           "INSERT INTO person_search (rowid, name, organization, village, title) "
                           "SELECT id, name, organization, village, title FROM person WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  /* the day the post was taken up, for those who hold one */
  stmt = tx_store_prepare (store, "DELETE FROM person_post WHERE person_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;
  if (person->post_since != NULL && person->post_since[0] != '\0')
    {
      stmt = tx_store_prepare (store, "INSERT INTO person_post (person_id, since) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, person_id);
      sqlite3_bind_text (stmt, 2, person->post_since, -1, SQLITE_TRANSIENT);
      if (!tx_store_step_done (store, stmt, error))
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

  tx_store_emit_record_changed (store, "person", person->uuid);

  return TRUE;
}

/**
 * tx_roster_check_person:
 *
 * The rules a person on the roster follows, tx_person_check(): a name,
 * a phone number that is a mobile (11 digits beginning with 1) or a
 * landline with its area code, or none, and texts without control
 * characters, no longer than they may be.  The spaces around the name
 * are taken away first.
 *
 * Returns: %FALSE with @error saying the first problem
 *   (TX_STORE_ERROR_INVALID) when there is one
 */
gboolean
tx_roster_check_person (TxPerson  *person,
                        GError   **error)
{
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (TX_IS_PERSON (person), FALSE);

  if (person->name != NULL)
    g_strstrip (person->name);

  problems = tx_person_check (person);
  return tx_problems_to_error (problems, error);
}

static gboolean
edit_person (TxStore   *store,
             gpointer   user_data,
             GError   **error)
{
  TxPerson *person = user_data;
  gboolean exists = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (store, "SELECT 1 FROM person WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, person->uuid, -1, SQLITE_TRANSIENT);
  rc = tx_store_step (store, stmt, error);
  exists = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return FALSE;

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
  g_autofree char *now = tx_store_stamp_now (store);
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (store,
                           job->restore
                           ? "UPDATE person SET deleted_at = NULL, updated_at = ?2 WHERE uuid = ?1 AND deleted_at IS NOT NULL RETURNING name"
                           : "UPDATE person SET deleted_at = ?2, updated_at = ?2 WHERE uuid = ?1 AND deleted_at IS NULL RETURNING name",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, job->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    name = g_strdup (tx_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return FALSE;

  if (name == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("No one on the roster has the id %s."), job->uuid);
      return FALSE;
    }

  tx_store_emit_record_changed (store, "person", job->uuid);
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
