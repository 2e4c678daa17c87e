/* tx-roster-import.c
 *
 * What the offices keep in Excel or WPS arrives here as CSV: UTF-8 with or
 * without a byte order mark, or GB18030 (what both write on Chinese
 * Windows), with Chinese or English headers in any order.  Reading checks
 * every line and writes nothing; applying writes everything in one
 * transaction, or nothing when any line is wrong.  The CSV syntax itself
 * (quotes, commas and line breaks inside fields, CRLF) is libcsv's.
 *
 * A line is checked by the rules of the roster editor, the same
 * function (tx_person_check()), whether the file is only read (a dry
 * run, the import dialog's preview) or read and written at once: what
 * one says would be added, the other adds.
 *
 * A cell that a spreadsheet would take for a formula (beginning with
 * = + - @, a tab or a carriage return) is written by the export with an
 * apostrophe before it, as spreadsheets themselves mark text; so is a
 * cell that begins with an apostrophe.  Here that one apostrophe is
 * taken away again, and only when what follows it is one of those
 * characters: every value comes back as it went out, and 'abc typed in
 * a spreadsheet stays 'abc.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-roster-import"

#include "config.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-backup.h"
#include "tx-collate.h"
#include "tx-records-private.h"
#include "tx-records.h"
#include "tx-roster-bulk.h"
#include "tx-roster-import.h"
#include "tx-roster.h"
#include "tx-rules.h"
#include "tx-settings.h"
#include "tx-vocabulary.h"

typedef enum {
  FIELD_NAME,
  FIELD_GENDER,
  FIELD_ETHNICITY,
  FIELD_TOWNSHIP,
  FIELD_VILLAGE,
  FIELD_CATEGORIES,
  FIELD_ORGANIZATION,
  FIELD_TITLE,
  FIELD_PHONE,
  FIELD_NOTES,
  FIELD_POST_SINCE,
  N_FIELDS,
  FIELD_IGNORED = N_FIELDS,
} Field;

/* Header names as the offices write them; compared without spaces and
 * with full-width brackets folded, English case-insensitively. */
static const char * const field_names[N_FIELDS][8] = {
  [FIELD_NAME]         = { "姓名", "name", "名字", NULL },
  [FIELD_GENDER]       = { "性别", "gender", "sex", NULL },
  [FIELD_ETHNICITY]    = { "民族", "ethnicity", "nationality", NULL },
  [FIELD_TOWNSHIP]     = { "乡镇(街道)", "乡镇", "街道", "乡镇街道", "township", NULL },
  [FIELD_VILLAGE]      = { "村(社区)", "村", "社区", "村社区", "村居", "village", NULL },
  [FIELD_CATEGORIES]   = { "身份类别", "类别", "身份", "人员类别", "categories", "category", NULL },
  [FIELD_ORGANIZATION] = { "工作单位", "单位", "organization", "organisation", NULL },
  [FIELD_TITLE]        = { "职务", "职称", "title", NULL },
  [FIELD_PHONE]        = { "联系电话", "电话", "手机", "手机号码", "phone", "mobile", NULL },
  [FIELD_NOTES]        = { "备注", "notes", "note", NULL },
  [FIELD_POST_SINCE]   = { "任职时间", "任职日期", "任职起始时间", "post since", "post_since", "postsince", NULL },
};

struct _TxRosterImport
{
  char        *display_name;
  const char  *encoding;
  guint        n_rows;
  guint        n_unchanged;
  GPtrArray   *to_add;         /* TxPerson; empty when written as read */
  guint        n_to_add;
  GPtrArray   *to_update;      /* TxPerson, with the uuid of the one here */
  GPtrArray   *new_townships;  /* char *, names */
  GPtrArray   *problems;       /* TxImportProblem */
  guint        n_no_township;  /* lines naming none */
  char        *default_township; /* the name of the one they go to, or NULL */
};

/* A line of the file about someone on the roster already */
typedef struct {
  char     *uuid;            /* of the person stored */
  TxPerson *from_file;       /* the line as a person */
  gboolean  township_given;  /* the line names a township that exists */
} Match;

/* New people on their way from the reading thread to the writing one,
 * with their sort keys when the reader made them.  The keys are made by
 * whichever thread has time: by the reader when the writer has a batch
 * waiting already, by the writer otherwise. */
typedef struct {
  GPtrArray *people;         /* TxPerson */
  GPtrArray *keys;           /* GBytes, two a person (pinyin, strokes), or none */
} Batch;

#define BATCH_SIZE 512

/* While parsing */
typedef struct {
  TxStore        *store;
  TxRosterImport *import;

  /* The current row: its fields one after the other in one buffer, each
   * ending in a NUL, found by their offsets; no allocation a field. */
  GString        *row_text;
  GArray         *row_offsets;   /* gsize */
  const char     *fields[64];    /* into row_text, stripped, once complete */
  guint           n_fields;      /* how many the row has (fields[] keeps 64) */
  gboolean        row_empty;
  guint           row_newlines;  /* line breaks inside its quoted fields */
  int             row_nul;       /* the first field holding a zero byte, or -1 */
  guint           line;          /* the line being fed */

  gboolean        have_header;
  Field           columns[64];
  char           *headers[64];
  guint           n_columns;
  gboolean        has_field[N_FIELDS];

  char           *default_township;   /* uuid, or NULL */
  GHashTable     *townships;          /* name → uuid ("" for new ones) */
  GHashTable     *seen;               /* match key → line */
  GHashTable     *by_phone;           /* "name\x1fdigits" → uuid */
  GHashTable     *by_township;        /* "name\x1ftownship uuid" → uuid */
  GPtrArray      *matches;            /* Match */

  /* when the file is written as it is read (tx_roster_import_run()) */
  GAsyncQueue    *queue;              /* Batch, then the end */
  GAsyncQueue    *written;            /* Batch, back to be freed, then the end */
  Batch          *batch;              /* being filled */
  gboolean        batch_keys;         /* its keys are made here */
  gint            stop;               /* atomic: the writer has failed */
} Reader;

/* What the reader sends last */
static Batch end_of_file;

static void
match_free (Match *match)
{
  g_free (match->uuid);
  g_clear_object (&match->from_file);
  g_free (match);
}

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->people = g_ptr_array_new_full (BATCH_SIZE, g_object_unref);
  batch->keys = g_ptr_array_new_full (2 * BATCH_SIZE, (GDestroyNotify) g_bytes_unref);

  return batch;
}

static void
batch_free (Batch *batch)
{
  g_ptr_array_unref (batch->people);
  g_ptr_array_unref (batch->keys);
  g_free (batch);
}

/* A batch to fill: one the writer is done with, emptied, when there is
 * one.  The people written are freed by the thread that made them, as
 * they come back, and their memory used again for the next ones,
 * rather than the heap growing a page at a time for the whole file. */
static Batch *
next_batch (Reader *reader)
{
  Batch *batch = g_async_queue_try_pop (reader->written);

  if (batch == NULL)
    return batch_new ();

  g_ptr_array_set_size (batch->people, 0);
  g_ptr_array_set_size (batch->keys, 0);
  return batch;
}

static void
problem_free (TxImportProblem *problem)
{
  g_free (problem->column);
  g_free (problem->reason);
  g_free (problem);
}

static void
add_problem (TxRosterImport *import,
             guint           line,
             const char     *column,
             const char     *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (TxRosterImport *import,
             guint           line,
             const char     *column,
             const char     *format,
             ...)
{
  TxImportProblem *problem = g_new0 (TxImportProblem, 1);
  va_list args;

  problem->line = line;
  problem->column = g_strdup (column);
  va_start (args, format);
  problem->reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (import->problems, problem);
}

/* "乡镇（街道）" and "乡镇 (街道)" → "乡镇(街道)"; English lower case. */
static char *
fold_header (const char *header)
{
  GString *folded = g_string_new (NULL);

  for (const char *p = header; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0xFEFF)
        continue;
      if (c == 0xFF08)
        c = '(';
      else if (c == 0xFF09)
        c = ')';
      g_string_append_unichar (folded, g_unichar_tolower (c));
    }

  return g_string_free (folded, FALSE);
}

static Field
field_for_header (const char *header)
{
  g_autofree char *folded = fold_header (header);

  for (guint f = 0; f < N_FIELDS; f++)
    for (guint i = 0; field_names[f][i] != NULL; i++)
      {
        g_autofree char *known = fold_header (field_names[f][i]);

        if (g_str_equal (folded, known))
          return (Field) f;
      }

  return FIELD_IGNORED;
}

gboolean
tx_phone_is_valid (const char *phone)
{
  g_autofree char *digits = NULL;
  gsize len;

  if (phone == NULL)
    return TRUE;

  for (const char *p = phone; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != ' ' && *p != '-')
      return FALSE;

  digits = tx_phone_digits (phone);
  len = strlen (digits);

  if (len == 0)
    return TRUE;

  /* a mobile: 11 digits beginning with 1 */
  if (digits[0] == '1')
    return len == 11;

  /* a landline with its area code: 0 and 2–3 digits, then 7–8 digits */
  if (digits[0] == '0')
    return len >= 10 && len <= 12;

  return FALSE;
}

char *
tx_phone_digits (const char *phone)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = phone ? phone : ""; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  return g_string_free (digits, FALSE);
}

static gboolean
parse_gender (const char *text,
              TxGender   *gender)
{
  g_autofree char *lower = NULL;

  /* as nearly every file writes it */
  if (g_str_equal (text, "男") || g_str_equal (text, "女"))
    {
      *gender = g_str_equal (text, "男") ? TX_GENDER_MALE : TX_GENDER_FEMALE;
      return TRUE;
    }

  lower = g_utf8_strdown (text, -1);
  if (lower[0] == '\0')
    *gender = TX_GENDER_UNKNOWN;
  else if (g_str_equal (lower, "男") || g_str_equal (lower, "male") || g_str_equal (lower, "m"))
    *gender = TX_GENDER_MALE;
  else if (g_str_equal (lower, "女") || g_str_equal (lower, "female") || g_str_equal (lower, "f"))
    *gender = TX_GENDER_FEMALE;
  else
    return FALSE;

  return TRUE;
}

static TxTownshipKind
guess_township_kind (const char *name)
{
  if (g_str_has_suffix (name, "街道") || g_str_has_suffix (name, "街道办事处"))
    return TX_TOWNSHIP_KIND_SUBDISTRICT;
  if (g_str_has_suffix (name, "乡"))
    return TX_TOWNSHIP_KIND_TOWNSHIP;
  return TX_TOWNSHIP_KIND_TOWN;
}

/* Who is on the roster already, to match by name and phone, or by name
 * and township: read once, so a large file costs no query a line. */
static gboolean
load_existing (Reader  *reader,
               GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (reader->store,
                           "SELECT p.uuid, p.name, p.phone, coalesce (t.uuid, '') FROM person p "
                           "LEFT JOIN township t ON t.id = p.township_id "
                           "WHERE p.deleted_at IS NULL ORDER BY p.id",
                           NULL);
  if (stmt == NULL)
    return FALSE;

  while ((rc = tx_store_step (reader->store, stmt, error)) == SQLITE_ROW)
    {
      const char *uuid = tx_column_text (stmt, 0);
      const char *name = tx_column_text (stmt, 1);
      g_autofree char *digits = tx_phone_digits (tx_column_text (stmt, 2));
      char *by_township = g_strdup_printf ("%s\x1f%s", name, tx_column_text (stmt, 3));

      if (digits[0] != '\0')
        {
          char *by_phone = g_strdup_printf ("%s\x1f%s", name, digits);

          if (!g_hash_table_contains (reader->by_phone, by_phone))
            g_hash_table_insert (reader->by_phone, by_phone, g_strdup (uuid));
          else
            g_free (by_phone);
        }

      if (!g_hash_table_contains (reader->by_township, by_township))
        g_hash_table_insert (reader->by_township, by_township, g_strdup (uuid));
      else
        g_free (by_township);
    }
  sqlite3_reset (stmt);

  return rc != SQLITE_ERROR;
}

/* The uuid of the person already on the roster: same name and phone, or
 * same name and township when there is no phone. */
static const char *
match_existing (Reader     *reader,
                const char *name,
                const char *phone_digits,
                const char *township_uuid)
{
  g_autofree char *key = NULL;
  const char *uuid;

  if (g_hash_table_size (reader->by_township) == 0)
    return NULL;   /* an empty roster */

  if (phone_digits[0] != '\0')
    {
      key = g_strconcat (name, "\x1f", phone_digits, NULL);
      uuid = g_hash_table_lookup (reader->by_phone, key);
    }
  else
    {
      key = g_strconcat (name, "\x1f", township_uuid ? township_uuid : "", NULL);
      uuid = g_hash_table_lookup (reader->by_township, key);
    }

  return uuid;
}

static gboolean
is_separator (gunichar c,
              gboolean spaces)
{
  return c == 0x3001 || c == ',' || c == 0xFF0C || c == ';' || c == 0xFF1B ||
         c == '/' || c == 0xFF0F || (spaces && g_unichar_isspace (c));
}

static void
split_into (GPtrArray  *labels,
            const char *text,
            gboolean    spaces)
{
  GString *label = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || is_separator (c, spaces))
        {
          g_strstrip (label->str);
          label->len = strlen (label->str);
          if (label->len > 0)
            g_ptr_array_add (labels, g_strdup (label->str));
          g_string_truncate (label, 0);
          if (c == 0)
            break;
        }
      else
        g_string_append_unichar (label, c);
    }

  g_string_free (label, TRUE);
}

/* "政协委员、专业人士" — separated by 、 , ; / or spaces, in half or full
 * width, as the offices write them; a label of several words ("CPPCC
 * member") is kept whole when it is one. */
static char **
split_categories (const char *text)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *labels = g_ptr_array_new ();

  split_into (pieces, text, FALSE);
  for (guint i = 0; i < pieces->len; i++)
    {
      const char *piece = g_ptr_array_index (pieces, i);

      if (tx_category_parse (piece, NULL))
        g_ptr_array_add (labels, g_strdup (piece));
      else
        split_into (labels, piece, TRUE);
    }
  g_ptr_array_add (labels, NULL);

  return (char **) g_ptr_array_free (labels, FALSE);
}

static const char *
column_header (Reader *reader,
               Field   field)
{
  for (guint i = 0; i < reader->n_columns; i++)
    if (reader->columns[i] == field)
      return reader->headers[i];

  return NULL;
}

static void
read_header (Reader *reader)
{
  reader->have_header = TRUE;

  if (reader->row_nul >= 0)
    add_problem (reader->import, reader->line, NULL,
                 _("the header holds a zero byte (NUL), which no text has: the file is damaged, or was not saved as CSV. Save it again from Excel or WPS as “CSV (UTF-8)”."));

  if (reader->n_fields > G_N_ELEMENTS (reader->columns))
    {
      add_problem (reader->import, reader->line, NULL,
                   _("the header has %u columns; a roster has at most %u."),
                   reader->n_fields, (guint) G_N_ELEMENTS (reader->columns));
      return;
    }

  reader->n_columns = reader->n_fields;
  for (guint i = 0; i < reader->n_fields; i++)
    {
      const char *header = reader->fields[i];
      g_autofree char *folded = fold_header (header);
      Field field = field_for_header (header);

      reader->headers[i] = g_strstrip (g_strdup (header));
      reader->columns[i] = field;

      if (folded[0] == '\0')
        continue;   /* an empty column, as spreadsheets leave at the end */

      if (field == FIELD_IGNORED)
        add_problem (reader->import, reader->line, reader->headers[i],
                     _("unknown column. The columns are 姓名, 性别, 民族, 乡镇(街道), 村(社区), 身份类别, 工作单位, 职务, 联系电话, 备注 and 任职时间 (or name, gender, ethnicity, township, village, categories, organization, title, phone, notes, post since)."));
      else if (reader->has_field[field])
        add_problem (reader->import, reader->line, reader->headers[i],
                     _("this column appears twice."));
      else
        reader->has_field[field] = TRUE;
    }

  if (!reader->has_field[FIELD_NAME])
    add_problem (reader->import, reader->line, NULL,
                 _("there is no 姓名 (name) column."));
}

/* The field's value on the current row, stripped; "" when the file has
 * no such column. */
static const char *
value_of (Reader *reader,
          Field   field)
{
  for (guint i = 0; i < reader->n_columns && i < reader->n_fields; i++)
    if (reader->columns[i] == field)
      return reader->fields[i];

  return "";
}

/* Everything an import can change, to tell an update from no change. */
static char *
person_signature (TxPerson *person)
{
  GString *signature = g_string_new (NULL);

  g_string_append_printf (signature, "%d\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f",
                          person->gender, person->ethnicity ? person->ethnicity : "",
                          person->post_since ? person->post_since : "",
                          person->village ? person->village : "",
                          person->organization ? person->organization : "",
                          person->title ? person->title : "",
                          person->phone ? person->phone : "",
                          person->notes ? person->notes : "",
                          person->township_uuid ? person->township_uuid : "");
  for (guint i = 0; i < person->categories->len; i++)
    g_string_append_printf (signature, "%d,", g_array_index (person->categories, TxCategory, i));

  return g_string_free (signature, FALSE);
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* A new person: on the list to add or, when the file is written as it
 * is read, on the way to the writer. */
static void
add_new_person (Reader   *reader,
                TxPerson *person)
{
  reader->import->n_to_add++;

  /* Read to be written at once, the people are not kept in the import:
   * they go to the writer in batches, which come back to be freed. */
  if (reader->queue == NULL)
    {
      g_ptr_array_add (reader->import->to_add, person);
      return;
    }

  /* a file with a problem is written by no one */
  if (reader->import->problems->len > 0 || g_atomic_int_get (&reader->stop))
    {
      g_object_unref (person);
      return;
    }

  if (reader->batch == NULL)
    {
      reader->batch = next_batch (reader);
      reader->batch_keys = g_async_queue_length (reader->queue) > 0;
    }
  if (reader->batch_keys)
    {
      GBytes *pinyin, *strokes;

      tx_collate_sort_keys (person->name, &pinyin, &strokes);
      g_ptr_array_add (reader->batch->keys, pinyin);
      g_ptr_array_add (reader->batch->keys, strokes);
    }
  g_ptr_array_add (reader->batch->people, person);
  if (reader->batch->people->len == BATCH_SIZE)
    g_async_queue_push (reader->queue, g_steal_pointer (&reader->batch));
}

/* A field of the roster editor's checks, as a column of the file. */
static Field
field_for_problem (const char *key)
{
  static const struct {
    const char *key;
    Field       field;
  } fields[] = {
    { "name", FIELD_NAME },
    { "ethnicity", FIELD_ETHNICITY },
    { "village", FIELD_VILLAGE },
    { "organization", FIELD_ORGANIZATION },
    { "title", FIELD_TITLE },
    { "phone", FIELD_PHONE },
    { "notes", FIELD_NOTES },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (key, fields[i].key) == 0)
      return fields[i].field;

  return FIELD_IGNORED;
}

static void
read_person (Reader *reader,
             guint   line)
{
  TxRosterImport *import = reader->import;
  const char *values[N_FIELDS] = { NULL, };
  g_autoptr(TxPerson) person = NULL;
  g_autoptr(GArray) categories = g_array_new (FALSE, FALSE, sizeof (TxCategory));
  g_autoptr(GPtrArray) person_problems = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *match_key = NULL;
  g_autofree char *township_problem = NULL;
  const char *township_uuid = NULL;
  const char *existing = NULL;
  guint problems_before = import->problems->len;
  TxGender gender = TX_GENDER_UNKNOWN;
  TxDate post_since = TX_DATE_NONE;

  if (reader->row_empty)
    return;

  import->n_rows++;

  if (reader->n_fields > reader->n_columns)
    {
      add_problem (import, line, NULL,
                   _("this line has %u fields but the header has %u columns; a comma inside a field needs quotes around the field."),
                   reader->n_fields, reader->n_columns);
      return;
    }

  /* what follows a zero byte would be lost without a word */
  if (reader->row_nul >= 0)
    {
      add_problem (import, line,
                   (guint) reader->row_nul < reader->n_columns ? reader->headers[reader->row_nul] : NULL,
                   _("the cell holds a zero byte (NUL), which no text has: the file is damaged, or was not saved as CSV. Save it again from Excel or WPS as “CSV (UTF-8)”."));
      return;
    }

  for (guint f = 0; f < N_FIELDS; f++)
    values[f] = value_of (reader, f);

  if (!parse_gender (values[FIELD_GENDER], &gender))
    add_problem (import, line, column_header (reader, FIELD_GENDER),
                 _("“%s” is not a gender: write 男 or 女, or leave it empty."), values[FIELD_GENDER]);

  if (values[FIELD_POST_SINCE][0] != '\0' && !tx_date_parse (values[FIELD_POST_SINCE], &post_since, NULL))
    add_problem (import, line, column_header (reader, FIELD_POST_SINCE),
                 _("“%s” is not a date: write the day the post was taken up as 2025-03-01, or leave it empty."),
                 values[FIELD_POST_SINCE]);

  if (values[FIELD_CATEGORIES][0] != '\0')
    {
      TxCategory one;

      /* one category, as most lines have */
      if (tx_category_parse (values[FIELD_CATEGORIES], &one))
        g_array_append_val (categories, one);
      else
        {
          g_auto(GStrv) labels = split_categories (values[FIELD_CATEGORIES]);

          for (guint i = 0; labels[i] != NULL; i++)
            {
              TxCategory category;

              if (labels[i][0] == '\0')
                continue;
              if (tx_category_parse (labels[i], &category))
                g_array_append_val (categories, category);
              else
                add_problem (import, line, column_header (reader, FIELD_CATEGORIES),
                             _("“%s” is not a category. The categories are 联络组组长, 联络员, 政协委员, 人大代表, 党代表, 老党员, 老干部, 乡贤, 专业人士, 利益相关方, 部门干部 and 群众代表."),
                             labels[i]);
            }
        }
    }

  /* a township is named here, and created by its name */
  if (values[FIELD_TOWNSHIP][0] != '\0')
    township_problem = tx_text_check (TX_TEXT_TOWNSHIP_NAME, values[FIELD_TOWNSHIP]);
  if (township_problem != NULL)
    add_problem (import, line, column_header (reader, FIELD_TOWNSHIP), "%s", township_problem);
  else if (values[FIELD_TOWNSHIP][0] != '\0')
    {
      const char *known = g_hash_table_lookup (reader->townships, values[FIELD_TOWNSHIP]);

      if (known == NULL)
        {
          g_hash_table_insert (reader->townships, g_strdup (values[FIELD_TOWNSHIP]), g_strdup (""));
          g_ptr_array_add (import->new_townships, g_strdup (values[FIELD_TOWNSHIP]));
        }
      else if (known[0] != '\0')
        township_uuid = known;
    }
  else
    {
      township_uuid = reader->default_township;
      import->n_no_township++;
    }

  person = tx_person_new_with_fields (NULL, values[FIELD_NAME], gender,
                                      values[FIELD_ETHNICITY], township_uuid,
                                      values[FIELD_VILLAGE], values[FIELD_ORGANIZATION],
                                      values[FIELD_TITLE], values[FIELD_PHONE],
                                      values[FIELD_NOTES]);
  for (guint i = 0; i < categories->len; i++)
    tx_person_add_category (person, g_array_index (categories, TxCategory, i));
  tx_person_set_post_since (person, post_since);

  /* the editor's rules, said at the column they are about */
  person_problems = tx_person_check (person);
  for (guint i = 0; i < person_problems->len; i++)
    {
      TxProblem *problem = g_ptr_array_index (person_problems, i);

      add_problem (import, line, column_header (reader, field_for_problem (problem->field)),
                   "%s", problem->message);
    }

  if (import->problems->len > problems_before)
    return;

  digits = tx_phone_digits (values[FIELD_PHONE]);
  match_key = g_strconcat (values[FIELD_NAME], "\x1f", digits, "\x1f",
                           digits[0] ? "" : values[FIELD_TOWNSHIP], NULL);
  if (g_hash_table_contains (reader->seen, match_key))
    {
      add_problem (import, line, column_header (reader, FIELD_NAME),
                   _("%s is already on line %u of this file (same name and phone, or same name and township)."),
                   values[FIELD_NAME], GPOINTER_TO_UINT (g_hash_table_lookup (reader->seen, match_key)));
      return;
    }
  g_hash_table_insert (reader->seen, g_steal_pointer (&match_key), GUINT_TO_POINTER (line));

  /* someone in a township that does not exist yet is new, unless the
   * phone number says otherwise */
  if (digits[0] != '\0' || township_uuid != NULL || values[FIELD_TOWNSHIP][0] == '\0')
    existing = match_existing (reader, values[FIELD_NAME], digits, township_uuid);

  if (existing != NULL)
    {
      Match *match = g_new0 (Match, 1);

      match->uuid = g_strdup (existing);
      match->from_file = g_steal_pointer (&person);
      match->township_given = township_uuid != NULL && values[FIELD_TOWNSHIP][0] != '\0';
      g_ptr_array_add (reader->matches, match);
      return;
    }

  /* a new township is known by its name until it is created */
  if (township_uuid == NULL && values[FIELD_TOWNSHIP][0] != '\0')
    set_string (&person->township_name, values[FIELD_TOWNSHIP]);
  add_new_person (reader, g_steal_pointer (&person));
}

/* The people of the file who are on the roster already: what the file
 * says is laid over what is stored, and those it changes are updates.
 * Done once the whole file is read, by the thread that owns the store. */
static void
resolve_matches (TxStore        *store,
                 TxRosterImport *import,
                 GPtrArray      *matches)
{
  for (guint i = 0; i < matches->len; i++)
    {
      Match *match = g_ptr_array_index (matches, i);
      TxPerson *from_file = match->from_file;
      g_autoptr(TxPerson) person = tx_roster_find_person (store, match->uuid, NULL);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      if (person == NULL)
        continue;

      before = person_signature (person);

      /* An update changes what the file gives, and keeps the rest: an
       * empty cell or a missing column never erases what is stored. */
      if (from_file->gender != TX_GENDER_UNKNOWN)
        person->gender = from_file->gender;
      if (from_file->ethnicity[0] != '\0')
        set_string (&person->ethnicity, from_file->ethnicity);
      if (from_file->village[0] != '\0')
        set_string (&person->village, from_file->village);
      if (from_file->organization[0] != '\0')
        set_string (&person->organization, from_file->organization);
      if (from_file->title[0] != '\0')
        set_string (&person->title, from_file->title);
      if (from_file->phone[0] != '\0')
        set_string (&person->phone, from_file->phone);
      if (from_file->notes[0] != '\0')
        set_string (&person->notes, from_file->notes);
      if (from_file->post_since[0] != '\0')
        set_string (&person->post_since, from_file->post_since);
      if (match->township_given)
        set_string (&person->township_uuid, from_file->township_uuid);
      if (from_file->categories->len > 0)
        {
          g_array_set_size (person->categories, 0);
          for (guint c = 0; c < from_file->categories->len; c++)
            tx_person_add_category (person, g_array_index (from_file->categories, TxCategory, c));
        }

      after = person_signature (person);
      if (g_str_equal (before, after))
        {
          import->n_unchanged++;
          continue;
        }

      g_clear_pointer (&person->updated_at, g_free);
      g_ptr_array_add (import->to_update, g_steal_pointer (&person));
    }
}

static void
on_field_cb (void   *text,
             size_t  length,
             void   *user_data)
{
  Reader *reader = user_data;
  const char *field = text ? text : "";

  for (size_t i = 0; i < length; i++)
    if (field[i] == '\n')
      reader->row_newlines++;

  /* a zero byte would end the field here, and what follows it would be
   * lost without a word: the row is refused */
  if (reader->row_nul < 0 && length > 0 && memchr (field, '\0', length) != NULL)
    reader->row_nul = reader->row_offsets->len;

  g_array_append_val (reader->row_offsets, reader->row_text->len);
  if (length == 0 || memchr (field, '\r', length) == NULL)
    g_string_append_len (reader->row_text, field, length);
  else
    {
      /* a line break inside a cell, as Windows writes it, is one */
      for (size_t i = 0; i < length; i++)
        if (field[i] != '\r' || i + 1 == length || field[i + 1] != '\n')
          g_string_append_c (reader->row_text, field[i]);
    }
  g_string_append_c (reader->row_text, '\0');
}

/* A cell as the export wrote it: one apostrophe before a value a
 * spreadsheet would take for a formula, or before one that begins with
 * an apostrophe, is taken away (see the top of this file). */
static char *
unquote_formula (char *cell)
{
  if (cell[0] == '\'' && cell[1] != '\0' && strchr ("=+-@\t\r'", cell[1]) != NULL)
    return cell + 1;

  return cell;
}

static void
on_row_cb (int   terminator,
           void *user_data)
{
  Reader *reader = user_data;
  guint line = reader->line > reader->row_newlines ? reader->line - reader->row_newlines : 1;

  /* more fields than a header may have are reported, not read */
  reader->n_fields = reader->row_offsets->len;
  reader->row_empty = TRUE;
  for (guint i = 0; i < reader->n_fields; i++)
    {
      char *field = unquote_formula (g_strstrip (reader->row_text->str + g_array_index (reader->row_offsets, gsize, i)));

      if (field[0] != '\0')
        reader->row_empty = FALSE;
      if (i < G_N_ELEMENTS (reader->fields))
        reader->fields[i] = field;
    }

  if (!reader->have_header)
    read_header (reader);
  else
    read_person (reader, line);

  g_string_truncate (reader->row_text, 0);
  g_array_set_size (reader->row_offsets, 0);
  reader->n_fields = 0;
  reader->row_newlines = 0;
  reader->row_nul = -1;
}

static gboolean
load_townships (Reader  *reader,
                GError **error)
{
  g_autoptr(GPtrArray) townships = tx_store_list_townships (reader->store, error);
  const char *default_uuid = tx_settings_get_default_township (tx_store_get_settings (reader->store));

  for (guint i = 0; townships != NULL && i < townships->len; i++)
    {
      TxTownship *township = g_ptr_array_index (townships, i);

      g_hash_table_insert (reader->townships,
                           g_strdup (tx_township_get_name (township)),
                           g_strdup (tx_township_get_uuid (township)));
      if (g_strcmp0 (default_uuid, tx_township_get_uuid (township)) == 0)
        {
          reader->default_township = g_strdup (default_uuid);
          reader->import->default_township = g_strdup (tx_township_get_name (township));
        }
    }

  /* With one township only, that one is the default. */
  if (reader->default_township == NULL && townships != NULL && townships->len == 1)
    {
      reader->default_township = g_strdup (tx_township_get_uuid (g_ptr_array_index (townships, 0)));
      reader->import->default_township = g_strdup (tx_township_get_name (g_ptr_array_index (townships, 0)));
    }

  return townships != NULL;
}

static TxRosterImport *
import_new (const char *display_name)
{
  TxRosterImport *import = g_new0 (TxRosterImport, 1);

  import->display_name = g_strdup (display_name);
  import->to_add = g_ptr_array_new_with_free_func (g_object_unref);
  import->to_update = g_ptr_array_new_with_free_func (g_object_unref);
  import->new_townships = g_ptr_array_new_with_free_func (g_free);
  import->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);

  return import;
}

/* UTF-16, as Excel's "Unicode text" is: a byte order mark, or zero
 * bytes beside the commas and the Latin letters of the header, all on
 * odd bytes or all on even ones (a stray zero byte in UTF-8 is said at
 * its line instead). */
static gboolean
looks_like_utf16 (const char *data,
                  gsize       length)
{
  gsize n = MIN (length, 200);
  guint zeros[2] = { 0, 0 };

  if (length >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    return TRUE;

  for (gsize i = 0; i < n; i++)
    if (data[i] == '\0')
      zeros[i % 2]++;

  return (zeros[0] >= 2 && zeros[1] == 0) || (zeros[1] >= 2 && zeros[0] == 0);
}

/* UTF-8, but for zero bytes, which the lines that hold them are
 * refused for (g_utf8_validate_len() refuses the whole file). */
static gboolean
is_utf8_with_zeros (const char *data,
                    gsize       length)
{
  const char *end = data + length;

  for (const char *p = data; p < end; )
    {
      const char *zero = memchr (p, '\0', end - p);
      const char *stop = zero != NULL ? zero : end;

      if (!g_utf8_validate_len (p, stop - p, NULL))
        return FALSE;
      p = stop + 1;
    }

  return TRUE;
}

/* The text of the file as UTF-8, without a byte order mark: UTF-8 with
 * a BOM, UTF-8, or else GB18030. */
static gboolean
decode (TxRosterImport  *import,
        GBytes          *bytes,
        const char     **text,
        gsize           *size,
        char           **converted,
        GError         **error)
{
  const char *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);
  if (data == NULL)
    data = "";

  if (looks_like_utf16 (data, length))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is saved as “Unicode text” (UTF-16), which Tongxin does not read. Save it from Excel or WPS as “CSV (UTF-8)” or “CSV (逗号分隔)” and try again."),
                   import->display_name);
      return FALSE;
    }

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
      import->encoding = "UTF-8 (BOM)";
    }

  if (is_utf8_with_zeros (data, length))
    {
      if (import->encoding == NULL)
        import->encoding = "UTF-8";
      *text = data;
      *size = length;
      return TRUE;
    }

  *converted = import->encoding == NULL ? g_convert (data, length, "UTF-8", "GB18030", NULL, size, NULL) : NULL;
  if (*converted == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is neither UTF-8 nor GB18030 text. Save it from Excel or WPS as “CSV (UTF-8)” or “CSV (逗号分隔)” and try again."),
                   import->display_name);
      return FALSE;
    }

  *text = *converted;
  import->encoding = "GB18030";
  return TRUE;
}

/* Reads what the file is checked against: the townships and the people
 * on the roster.  The only part of reading that uses the store; when
 * the store cannot be read, nothing is imported. */
static gboolean
reader_init (Reader          *reader,
             TxStore         *store,
             TxRosterImport  *import,
             GError         **error)
{
  reader->store = store;
  reader->import = import;
  reader->row_text = g_string_sized_new (1024);
  reader->row_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  reader->row_nul = -1;
  reader->townships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  reader->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader->by_phone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  reader->by_township = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  reader->matches = g_ptr_array_new_with_free_func ((GDestroyNotify) match_free);
  return load_townships (reader, error) && load_existing (reader, error);
}

static void
reader_clear (Reader *reader)
{
  for (guint i = 0; i < reader->n_columns; i++)
    g_free (reader->headers[i]);
  g_string_free (reader->row_text, TRUE);
  g_array_unref (reader->row_offsets);
  g_hash_table_unref (reader->townships);
  g_clear_pointer (&reader->seen, g_hash_table_unref);
  g_clear_pointer (&reader->by_phone, g_hash_table_unref);
  g_clear_pointer (&reader->by_township, g_hash_table_unref);
  g_ptr_array_unref (reader->matches);
  g_clear_pointer (&reader->batch, batch_free);
  g_free (reader->default_township);
}

/* Parses and checks every line; touches no store. */
static void
reader_parse (Reader     *reader,
              const char *text,
              gsize       size)
{
  TxRosterImport *import = reader->import;
  struct csv_parser parser;

  csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  /* libcsv grows a field's buffer by this much at a time (128 bytes by
   * default): a field of megabytes would be copied over and over */
  csv_set_blk_size (&parser, 256 * 1024);

  /* Fed line by line, so every row knows the line it ends on. */
  for (const char *p = text, *end = text + size; p < end; )
    {
      const char *nl = memchr (p, '\n', end - p);
      size_t length = nl ? (size_t) (nl - p + 1) : (size_t) (end - p);

      reader->line++;
      if (csv_parse (&parser, p, length, on_field_cb, on_row_cb, reader) != length)
        {
          g_debug ("libcsv: %s", csv_strerror (csv_error (&parser)));
          add_problem (import, reader->line, NULL,
                       _("the quotation marks on this line do not match: a field that starts with a quotation mark must end with one, and a quotation mark inside it is written twice."));
          break;
        }
      p += length;
    }

  if (csv_fini (&parser, on_field_cb, on_row_cb, reader) != 0)
    add_problem (import, reader->line, NULL,
                 _("the file ends inside a quoted field: a quotation mark is not closed."));
  csv_free (&parser);

  if (!reader->have_header)
    add_problem (import, 1, NULL, _("the file is empty: it needs a header line such as 姓名,性别,联系电话."));
}

/**
 * tx_roster_import_read_bytes:
 *
 * Reads and checks a CSV roster.  Nothing is written.  Fails only when
 * the file cannot be understood at all; lines with faults are listed by
 * tx_roster_import_get_problems().
 */
TxRosterImport *
tx_roster_import_read_bytes (TxStore     *store,
                             GBytes      *bytes,
                             const char  *display_name,
                             GError     **error)
{
  g_autoptr(TxRosterImport) import = import_new (display_name);
  g_autofree char *converted = NULL;
  Reader reader = { 0, };
  const char *text;
  gsize size;

  if (!decode (import, bytes, &text, &size, &converted, error))
    return NULL;

  if (!reader_init (&reader, store, import, error))
    {
      reader_clear (&reader);
      return NULL;
    }
  reader_parse (&reader, text, size);
  resolve_matches (store, import, reader.matches);
  reader_clear (&reader);

  return g_steal_pointer (&import);
}

static GBytes *
load_file (const char  *path,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Could not read “%s”: %s"), path, local_error->message);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

TxRosterImport *
tx_roster_import_read (TxStore     *store,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GBytes) bytes = load_file (path, error);
  g_autofree char *basename = g_path_get_basename (path);

  if (bytes == NULL)
    return NULL;

  return tx_roster_import_read_bytes (store, bytes, basename, error);
}

static gboolean
create_township (TxStore     *store,
                 const char  *name,
                 char       **uuid,
                 GError     **error)
{
  g_autoptr(TxTownship) township = NULL;

  *uuid = tx_uuid_new ();
  township = tx_township_new (*uuid, name, guess_township_kind (name));

  return tx_store_write_township (store, township, NULL, error) &&
         tx_store_audit (store, "insert", "township", *uuid, name, error);
}

/* Gives @person the uuid of the new township they are in, creating it
 * the first time.  @created maps the names of new townships to uuids. */
static gboolean
place_in_new_township (TxStore     *store,
                       GHashTable  *created,
                       TxPerson    *person,
                       GError     **error)
{
  const char *uuid;

  if (person->township_uuid != NULL || person->township_name == NULL)
    return TRUE;

  uuid = g_hash_table_lookup (created, person->township_name);
  if (uuid == NULL)
    {
      char *new_uuid = NULL;

      if (!create_township (store, person->township_name, &new_uuid, error))
        return FALSE;
      g_hash_table_insert (created, g_strdup (person->township_name), new_uuid);
      uuid = new_uuid;
    }

  person->township_uuid = g_strdup (uuid);
  return TRUE;
}

/* The new townships no one added is in (those named by updates only). */
static gboolean
create_other_townships (TxStore         *store,
                        TxRosterImport  *import,
                        GHashTable      *created,
                        GError         **error)
{
  for (guint i = 0; i < import->new_townships->len; i++)
    {
      const char *name = g_ptr_array_index (import->new_townships, i);
      char *uuid = NULL;

      if (g_hash_table_contains (created, name))
        continue;
      if (!create_township (store, name, &uuid, error))
        return FALSE;
      g_hash_table_insert (created, g_strdup (name), uuid);
    }

  return TRUE;
}

static gboolean
save_updates (TxStore           *store,
              TxRosterImport    *import,
              GHashTable        *created,
              TxImportProgress   progress,
              gpointer           user_data,
              GError           **error)
{
  guint total = import->n_to_add + import->to_update->len;

  for (guint i = 0; i < import->to_update->len; i++)
    {
      TxPerson *person = g_ptr_array_index (import->to_update, i);

      if (!place_in_new_township (store, created, person, error))
        return FALSE;
      g_clear_pointer (&person->updated_at, g_free);
      if (!tx_roster_save_person (store, person, error))
        return FALSE;

      if (progress != NULL && ((i + 1) % 500 == 0 || i + 1 == import->to_update->len))
        progress (import->n_to_add + i + 1, total, user_data);
    }

  return TRUE;
}

static gboolean
audit_import (TxStore         *store,
              TxRosterImport  *import,
              GError         **error)
{
  g_autofree char *summary = g_strdup_printf ("%s: %u added, %u updated, %u new townships",
                                              import->display_name, import->n_to_add,
                                              import->to_update->len, import->new_townships->len);

  return tx_store_audit (store, "import", "person", NULL, summary, error);
}

static void
set_problems_error (TxRosterImport  *import,
                    GError         **error)
{
  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "%s has %u line with a problem; nothing was imported.",
                            "%s has %u lines with problems; nothing was imported.",
                            import->problems->len),
               import->display_name, import->problems->len);
}

typedef struct {
  TxRosterImport   *import;
  TxImportProgress  progress;
  gpointer          user_data;
} ApplyJob;

static gboolean
apply_import (TxStore   *store,
              gpointer   user_data,
              GError   **error)
{
  ApplyJob *job = user_data;
  TxRosterImport *import = job->import;
  g_autoptr(GHashTable) created = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < import->to_add->len; i++)
    {
      TxPerson *person = g_ptr_array_index (import->to_add, i);

      if (!place_in_new_township (store, created, person, error))
        return FALSE;
      g_clear_pointer (&person->updated_at, g_free);
    }

  return create_other_townships (store, import, created, error) &&
         tx_roster_add_people (store, import->to_add, job->progress, job->user_data, error) &&
         save_updates (store, import, created, job->progress, job->user_data, error) &&
         audit_import (store, import, error);
}

/**
 * tx_roster_import_apply:
 * @progress: (nullable): told every few hundred people
 *
 * Writes the whole import in one transaction.  Refuses an import with
 * any problem: a file with one bad line changes nothing.
 */
gboolean
tx_roster_import_apply (TxStore           *store,
                        TxRosterImport    *import,
                        TxImportProgress   progress,
                        gpointer           user_data,
                        GError           **error)
{
  ApplyJob job = { import, progress, user_data };
  TxBackup *undecided = NULL;
  gboolean written;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (import != NULL, FALSE);

  if (import->problems->len > 0)
    {
      set_problems_error (import, error);
      return FALSE;
    }

  if (!tx_backup_take_before_change (store, TX_BACKUP_BEFORE_IMPORT, TX_DATE_NONE, &undecided, error))
    return FALSE;

  written = tx_store_write (store, apply_import, &job, error);
  tx_backup_settle (store, undecided, written);

  return written;
}

/* Reading and writing at once: a thread reads the file while the one
 * that owns the store writes the new people it has read, batch by batch,
 * in one transaction that is undone when any line has a problem. */
typedef struct {
  TxRosterImport *import;
  const char     *text;
  gsize           size;
} RunJob;

typedef struct {
  Reader     *reader;
  const char *text;
  gsize       size;
} ReadJob;

static gpointer
read_in_thread (gpointer data)
{
  ReadJob *job = data;
  Reader *reader = job->reader;

  Batch *written;

  reader_parse (reader, job->text, job->size);

  if (reader->batch != NULL)
    g_async_queue_push (reader->queue, g_steal_pointer (&reader->batch));
  g_async_queue_push (reader->queue, &end_of_file);

  /* While the writer finishes, what reading needed is let go of here,
   * and the last people written. */
  g_clear_pointer (&reader->seen, g_hash_table_unref);
  g_clear_pointer (&reader->by_phone, g_hash_table_unref);
  g_clear_pointer (&reader->by_township, g_hash_table_unref);
  while ((written = g_async_queue_pop (reader->written)) != &end_of_file)
    batch_free (written);

  return NULL;
}

static gboolean
write_batch (TxStore       *store,
             TxRosterBulk  *bulk,
             GHashTable    *created,
             Batch         *batch,
             GError       **error)
{
  for (guint i = 0; i < batch->people->len; i++)
    {
      TxPerson *person = g_ptr_array_index (batch->people, i);
      g_autoptr(GBytes) pinyin = NULL;
      g_autoptr(GBytes) strokes = NULL;

      if (batch->keys->len > 2 * i)
        {
          pinyin = g_bytes_ref (g_ptr_array_index (batch->keys, 2 * i));
          strokes = g_bytes_ref (g_ptr_array_index (batch->keys, 2 * i + 1));
        }
      else
        tx_collate_sort_keys (person->name, &pinyin, &strokes);
      g_clear_pointer (&person->updated_at, g_free);
      if (!place_in_new_township (store, created, person, error) ||
          !tx_roster_bulk_add (bulk, person, pinyin, strokes, error))
        return FALSE;
    }

  return TRUE;
}

static guint
count_lines (const char *text,
             gsize       size)
{
  guint n = 0;

  for (const char *p = text, *end = text + size; (p = memchr (p, '\n', end - p)) != NULL; p++)
    n++;

  return n;
}

static gboolean
run_import (TxStore   *store,
            gpointer   user_data,
            GError   **error)
{
  RunJob *job = user_data;
  TxRosterImport *import = job->import;
  g_autoptr(GHashTable) created = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(TxRosterBulk) bulk = NULL;
  Reader reader = { 0, };
  ReadJob read_job = { &reader, job->text, job->size };
  GThread *thread;
  Batch *batch;
  gboolean ok = TRUE;

  if (!reader_init (&reader, store, import, error))
    {
      reader_clear (&reader);
      return FALSE;
    }
  reader.queue = g_async_queue_new ();
  reader.written = g_async_queue_new ();

  bulk = tx_roster_bulk_new (store, count_lines (job->text, job->size), error);
  if (bulk == NULL)
    {
      g_async_queue_unref (reader.queue);
      g_async_queue_unref (reader.written);
      reader_clear (&reader);
      return FALSE;
    }

  thread = g_thread_new ("tx-import-reader", read_in_thread, &read_job);

  while ((batch = g_async_queue_pop (reader.queue)) != &end_of_file)
    {
      if (ok && !write_batch (store, bulk, created, batch, error))
        {
          ok = FALSE;
          g_atomic_int_set (&reader.stop, TRUE);
        }
      g_async_queue_push (reader.written, batch);
    }
  g_async_queue_push (reader.written, &end_of_file);

  if (ok && import->problems->len > 0)
    {
      set_problems_error (import, error);
      ok = FALSE;
    }

  if (ok)
    {
      resolve_matches (store, import, reader.matches);
      ok = tx_roster_bulk_finish (bulk, error) &&
           create_other_townships (store, import, created, error) &&
           save_updates (store, import, created, NULL, NULL, error) &&
           audit_import (store, import, error);
    }

  g_thread_join (thread);
  g_async_queue_unref (reader.queue);
  g_async_queue_unref (reader.written);
  reader_clear (&reader);

  return ok;
}

/**
 * tx_roster_import_run:
 *
 * Reads, checks and writes a CSV roster at once, as the command line
 * does: one thread reads while another writes, in one transaction.
 *
 * Returns: (transfer full) (nullable): what was imported; when a line
 *   has a problem, nothing is written and the problems are listed by
 *   tx_roster_import_get_problems().  %NULL with @error set when the
 *   file cannot be read or written.
 */
TxRosterImport *
tx_roster_import_run (TxStore     *store,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TxRosterImport) import = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *converted = NULL;
  RunJob job = { NULL, };
  TxBackup *undecided = NULL;
  gboolean written;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  bytes = load_file (path, error);
  if (bytes == NULL)
    return NULL;

  import = import_new (basename);
  if (!decode (import, bytes, &job.text, &job.size, &converted, error))
    return NULL;

  /* what was there is kept first: the file is read as it is written */
  if (!tx_backup_take_before_change (store, TX_BACKUP_BEFORE_IMPORT, TX_DATE_NONE, &undecided, error))
    return NULL;

  /* a first roster is written with a rollback journal: its pages are new */
  job.import = import;
  written = tx_store_has_records (store, "person") ? tx_store_write (store, run_import, &job, &local_error)
                                                   : tx_store_write_filling (store, run_import, &job, &local_error);
  /* a file refused leaves no backup */
  tx_backup_settle (store, undecided, written && import->problems->len == 0);
  if (!written && import->problems->len == 0)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&import);
}

void
tx_roster_import_free (TxRosterImport *import)
{
  if (import == NULL)
    return;

  g_free (import->display_name);
  g_ptr_array_unref (import->to_add);
  g_ptr_array_unref (import->to_update);
  g_ptr_array_unref (import->new_townships);
  g_ptr_array_unref (import->problems);
  g_free (import->default_township);
  g_free (import);
}

/**
 * tx_roster_import_get_n_without_township:
 *
 * Returns: how many lines name no township (no 乡镇 column, or an
 *   empty one): they go to tx_roster_import_get_default_township()
 */
guint
tx_roster_import_get_n_without_township (TxRosterImport *import)
{
  return import->n_no_township;
}

/**
 * tx_roster_import_get_default_township:
 *
 * Returns: (nullable): the name of the township the lines without one
 *   go to (the setting default-township, or the only township), or
 *   %NULL: they stay without one
 */
const char *
tx_roster_import_get_default_township (TxRosterImport *import)
{
  return import->default_township;
}

const char *
tx_roster_import_get_encoding (TxRosterImport *import)
{
  return import->encoding;
}

guint
tx_roster_import_get_n_rows (TxRosterImport *import)
{
  return import->n_rows;
}

guint
tx_roster_import_get_n_unchanged (TxRosterImport *import)
{
  return import->n_unchanged;
}

/**
 * tx_roster_import_get_to_add:
 *
 * Returns: (element-type TxPerson): the people to add, as read; empty
 *   after tx_roster_import_run(), which keeps none
 */
GPtrArray *
tx_roster_import_get_to_add (TxRosterImport *import)
{
  return import->to_add;
}

/* How many people the file adds (or, with problems, would add). */
guint
tx_roster_import_get_n_to_add (TxRosterImport *import)
{
  return import->n_to_add;
}

GPtrArray *
tx_roster_import_get_to_update (TxRosterImport *import)
{
  return import->to_update;
}

GPtrArray *
tx_roster_import_get_new_townships (TxRosterImport *import)
{
  return import->new_townships;
}

GPtrArray *
tx_roster_import_get_problems (TxRosterImport *import)
{
  return import->problems;
}

/**
 * tx_import_problem_to_string:
 *
 * Returns: "line 3, column 联系电话: …"
 */
char *
tx_import_problem_to_string (const TxImportProblem *problem)
{
  if (problem->column != NULL && problem->column[0] != '\0')
    return g_strdup_printf (_("line %u, column “%s”: %s"), problem->line, problem->column, problem->reason);

  return g_strdup_printf (_("line %u: %s"), problem->line, problem->reason);
}
