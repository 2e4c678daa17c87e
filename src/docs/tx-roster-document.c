/* tx-roster-document.c
 *
 * A list printed for a meeting is not an official document, but follows
 * the same paper, margins and fonts (DESIGN §7).  It is written in
 * Chinese whatever the language of the interface.
 *
 * The clerk chooses its columns (the keys of the roster's CSV) and the
 * paper's orientation: A4 landscape takes them all.  The page says what
 * the list is of — the township, the category, the text searched — so
 * a roster of some never passes for the roster of all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-roster-document"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-doc-format.h"
#include "tx-person.h"
#include "tx-roster.h"
#include "tx-roster-document.h"
#include "tx-vocabulary.h"

static const struct {
  const char    *key;
  const char    *alias;      /* another key, or NULL */
  TxTableColumn  column;
  const char    *names[4];   /* the Chinese names it is also known by */
} roster_columns[TX_N_ROSTER_COLUMNS] = {
  [TX_ROSTER_COLUMN_NAME]         = { "name", NULL,
                                      { "姓名", 0, TX_ALIGN_CENTER, TX_COLUMN_FIT, 16.0, FALSE },
                                      { "姓名", NULL } },
  [TX_ROSTER_COLUMN_GENDER]       = { "gender", NULL,
                                      { "性别", 0, TX_ALIGN_CENTER, TX_COLUMN_FIT, 10.0, FALSE },
                                      { "性别", NULL } },
  [TX_ROSTER_COLUMN_ETHNICITY]    = { "ethnicity", NULL,
                                      { "民族", 0, TX_ALIGN_CENTER, TX_COLUMN_FIT, 12.0, FALSE },
                                      { "民族", NULL } },
  [TX_ROSTER_COLUMN_TOWNSHIP]     = { "township", NULL,
                                      { "乡镇（街道）", 0, TX_ALIGN_START, TX_COLUMN_FIT, 18.0, FALSE },
                                      { "乡镇（街道）", "乡镇(街道)", "乡镇", NULL } },
  [TX_ROSTER_COLUMN_VILLAGE]      = { "village", NULL,
                                      { "村（社区）", 0.6, TX_ALIGN_START, TX_COLUMN_SHARE, 0, FALSE },
                                      { "村（社区）", "村(社区)", "村", NULL } },
  [TX_ROSTER_COLUMN_CATEGORIES]   = { "categories", "category",
                                      { "身份类别", 0.8, TX_ALIGN_START, TX_COLUMN_SHARE, 0, FALSE },
                                      { "身份类别", NULL } },
  [TX_ROSTER_COLUMN_ORGANIZATION] = { "organization", NULL,
                                      { "单位及职务", 1.2, TX_ALIGN_START, TX_COLUMN_SHARE, 0, FALSE },
                                      { "单位及职务", "工作单位", "单位", NULL } },
  [TX_ROSTER_COLUMN_TITLE]        = { "title", NULL,
                                      { "职务", 0.6, TX_ALIGN_START, TX_COLUMN_SHARE, 0, FALSE },
                                      { "职务", NULL } },
  [TX_ROSTER_COLUMN_PHONE]        = { "phone", NULL,
                                      { "联系电话", 0, TX_ALIGN_CENTER, TX_COLUMN_FIT, 22.0, TRUE },
                                      { "联系电话", "电话", NULL } },
  [TX_ROSTER_COLUMN_NOTES]        = { "notes", NULL,
                                      { "备注", 0.8, TX_ALIGN_START, TX_COLUMN_SHARE, 0, FALSE },
                                      { "备注", NULL } },
};

/* What fits on A4 portrait: a phone number and a five-character
 * township name on one line. */
static const TxRosterColumn default_columns[] = {
  TX_ROSTER_COLUMN_NAME,
  TX_ROSTER_COLUMN_GENDER,
  TX_ROSTER_COLUMN_TOWNSHIP,
  TX_ROSTER_COLUMN_CATEGORIES,
  TX_ROSTER_COLUMN_ORGANIZATION,
  TX_ROSTER_COLUMN_PHONE,
};

static const TxTableColumn number_column = { "序号", 0, TX_ALIGN_CENTER, TX_COLUMN_FIT, 10.0, FALSE };

const char *
tx_roster_column_to_key (TxRosterColumn column)
{
  g_return_val_if_fail (column < TX_N_ROSTER_COLUMNS, NULL);

  return roster_columns[column].key;
}

/* The heading of @column on paper, in Chinese. */
const char *
tx_roster_column_get_header (TxRosterColumn column)
{
  g_return_val_if_fail (column < TX_N_ROSTER_COLUMNS, NULL);

  return roster_columns[column].column.header;
}

/**
 * tx_roster_columns_get_default:
 *
 * Returns: the columns a roster prints when none are chosen
 */
const TxRosterColumn *
tx_roster_columns_get_default (guint *n_columns)
{
  *n_columns = G_N_ELEMENTS (default_columns);
  return default_columns;
}

/**
 * tx_roster_columns_list_keys:
 *
 * Returns: (transfer full): "name, gender, …, notes"
 */
char *
tx_roster_columns_list_keys (void)
{
  GString *keys = g_string_new (NULL);

  for (guint i = 0; i < TX_N_ROSTER_COLUMNS; i++)
    g_string_append_printf (keys, "%s%s", i ? ", " : "", roster_columns[i].key);

  return g_string_free (keys, FALSE);
}

static gboolean
column_from_name (const char     *name,
                  TxRosterColumn *column)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < TX_N_ROSTER_COLUMNS; i++)
    {
      if (g_str_equal (lower, roster_columns[i].key) ||
          g_strcmp0 (lower, roster_columns[i].alias) == 0)
        {
          *column = i;
          return TRUE;
        }
      for (guint n = 0; roster_columns[i].names[n] != NULL; n++)
        if (g_str_equal (name, roster_columns[i].names[n]))
          {
            *column = i;
            return TRUE;
          }
    }

  return FALSE;
}

/**
 * tx_roster_columns_parse:
 * @list: keys separated by commas, e.g. "name,gender,phone"; the
 *   Chinese headings (姓名,性别) do as well
 *
 * Returns: (transfer full) (element-type TxRosterColumn): the columns in
 *   their order, or %NULL with @error (G_OPTION_ERROR_BAD_VALUE) naming
 *   the valid keys
 */
GArray *
tx_roster_columns_parse (const char  *list,
                         GError     **error)
{
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (TxRosterColumn));
  /* commas as typed in Chinese too */
  g_auto(GStrv) names = g_regex_split_simple ("[,，、;；\\s]+", list != NULL ? list : "", 0, 0);
  g_autofree char *keys = tx_roster_columns_list_keys ();
  gboolean seen[TX_N_ROSTER_COLUMNS] = { FALSE, };

  for (guint i = 0; names[i] != NULL; i++)
    {
      TxRosterColumn column;

      if (names[i][0] == '\0')
        continue;
      if (!column_from_name (names[i], &column))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: %s is what was typed, then the list of keys */
                       _("Unknown column “%s”. The columns are %s, separated by commas."),
                       names[i], keys);
          return NULL;
        }
      if (seen[column])
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("The column “%s” is named twice: name each column once."), roster_columns[column].key);
          return NULL;
        }
      seen[column] = TRUE;
      g_array_append_val (columns, column);
    }

  if (columns->len == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Name at least one column to print: %s, separated by commas."), keys);
      return NULL;
    }

  return g_steal_pointer (&columns);
}

/* What the list is of, said under the title; NULL for everyone. */
static char *
describe_filter (const TxRosterPrintOptions *options)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (options->township != NULL && options->township[0] != '\0')
    g_ptr_array_add (parts, g_strdup_printf ("乡镇（街道）为%s", options->township));
  if (options->has_category)
    g_ptr_array_add (parts, g_strdup_printf ("身份类别为%s", tx_category_get_chinese (options->category)));
  if (options->search != NULL && options->search[0] != '\0')
    g_ptr_array_add (parts, g_strdup_printf ("检索“%s”", options->search));

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  {
    g_autofree char *joined = g_strjoinv ("；", (char **) parts->pdata);

    return g_strconcat ("筛选条件：", joined, NULL);
  }
}

/* People read from the database this many at a time */
#define PEOPLE_AT_A_TIME 256

/* The rows of a roster: of the people given, or of the people of @ids,
 * read from the database PEOPLE_AT_A_TIME at a time */
typedef struct {
  GPtrArray      *people;       /* TxPerson: all given, or those read, from first on */
  guint           first;
  TxStore        *store;
  GArray         *ids;          /* gint64, or NULL */
  TxDate          today;
  TxRosterColumn  chosen[TX_N_ROSTER_COLUMNS];
  guint           n_chosen;
  gboolean        title_apart;  /* the title in a column of its own */
  gboolean        full_phones;
} RosterRows;

static void
roster_rows_free (RosterRows *rows)
{
  g_clear_pointer (&rows->people, g_ptr_array_unref);
  g_clear_object (&rows->store);
  g_clear_pointer (&rows->ids, g_array_unref);
  g_free (rows);
}

static TxPerson *
roster_person (RosterRows  *rows,
               guint        index,
               GError     **error)
{
  guint n;

  if (rows->ids == NULL || (index >= rows->first && index - rows->first < rows->people->len))
    return g_ptr_array_index (rows->people, index - rows->first);

  n = MIN (PEOPLE_AT_A_TIME, rows->ids->len - index);
  g_clear_pointer (&rows->people, g_ptr_array_unref);
  rows->first = index;
  rows->people = tx_roster_load_people (rows->store, rows->today, &g_array_index (rows->ids, gint64, index), n, error);
  if (rows->people != NULL && rows->people->len != n)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                           /* Translators: why a printed roster was not written; it follows
                            * "Could not write “名册.pdf”: " */
                           _("someone on the roster was deleted while it was printed; print it again"));
      g_clear_pointer (&rows->people, g_ptr_array_unref);
    }
  if (rows->people == NULL)
    {
      rows->people = g_ptr_array_new ();
      return NULL;
    }

  return g_ptr_array_index (rows->people, 0);
}

static gboolean
roster_row (guint      index,
            char     **cells,
            gpointer   user_data,
            GError   **error)
{
  RosterRows *rows = user_data;
  TxPerson *person = roster_person (rows, index, error);
  g_autoptr(GString) categories = NULL;
  g_autoptr(GString) work = NULL;

  if (person == NULL)
    return FALSE;

  categories = g_string_new (NULL);
  for (guint c = 0; c < tx_person_get_n_categories (person); c++)
    g_string_append_printf (categories, "%s%s", c ? "、" : "",
                            tx_category_get_chinese (tx_person_get_category (person, c)));

  work = g_string_new (tx_person_get_organization (person));
  if (!rows->title_apart && tx_person_get_title (person)[0] != '\0')
    {
      if (work->len > 0)
        g_string_append (work, " ");
      g_string_append (work, tx_person_get_title (person));
    }

  cells[0] = g_strdup_printf ("%u", index + 1);
  for (guint c = 0; c < rows->n_chosen; c++)
    {
      const char *text = "";

      switch (rows->chosen[c])
        {
        case TX_ROSTER_COLUMN_NAME:         text = tx_person_get_name (person); break;
        case TX_ROSTER_COLUMN_GENDER:       text = tx_gender_get_chinese (tx_person_get_gender (person)); break;
        case TX_ROSTER_COLUMN_ETHNICITY:    text = tx_person_get_ethnicity (person); break;
        case TX_ROSTER_COLUMN_TOWNSHIP:     text = tx_person_get_township_name (person); break;
        case TX_ROSTER_COLUMN_VILLAGE:      text = tx_person_get_village (person); break;
        case TX_ROSTER_COLUMN_CATEGORIES:   text = categories->str; break;
        case TX_ROSTER_COLUMN_ORGANIZATION: text = work->str; break;
        case TX_ROSTER_COLUMN_TITLE:        text = tx_person_get_title (person); break;
        case TX_ROSTER_COLUMN_PHONE:
          cells[c + 1] = rows->full_phones ? g_strdup (tx_person_get_phone (person))
                                           : tx_doc_mask_phone (tx_person_get_phone (person));
          continue;
        case TX_ROSTER_COLUMN_NOTES:        text = tx_person_get_notes (person); break;
        default:                            break;
        }
      cells[c + 1] = g_strdup (text != NULL ? text : "");
    }

  return TRUE;
}

/* The roster of @rows, as it prints: its columns, title and lines */
static TxTableDocument *
new_roster (RosterRows                 *rows,
            guint                       n_people,
            const TxRosterPrintOptions *options)
{
  const TxRosterColumn *chosen = options->columns;
  guint n_chosen = options->n_columns;
  g_autofree TxTableColumn *columns = NULL;
  g_autofree char *title = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *count = NULL;
  TxTableDocument *doc;

  if (chosen == NULL || n_chosen == 0)
    chosen = tx_roster_columns_get_default (&n_chosen);
  n_chosen = MIN (n_chosen, TX_N_ROSTER_COLUMNS);

  rows->n_chosen = n_chosen;
  rows->full_phones = options->full_phones;
  for (guint c = 0; c < n_chosen; c++)
    {
      rows->chosen[c] = chosen[c];
      rows->title_apart |= chosen[c] == TX_ROSTER_COLUMN_TITLE;
    }

  columns = g_new0 (TxTableColumn, n_chosen + 1);
  columns[0] = number_column;
  for (guint c = 0; c < n_chosen; c++)
    {
      columns[c + 1] = roster_columns[chosen[c]].column;
      /* the title in a column of its own: the unit alone here */
      if (chosen[c] == TX_ROSTER_COLUMN_ORGANIZATION && rows->title_apart)
        columns[c + 1].header = "工作单位";
    }

  title = g_strdup_printf ("%s政协联络组人员名册",
                           options->township != NULL && options->township[0] ? options->township : "");
  doc = tx_table_document_new (title, columns, n_chosen + 1);
  tx_table_document_set_landscape (doc, options->landscape);

  filter = describe_filter (options);
  tx_table_document_set_subtitle (doc, filter);
  tx_table_document_set_note (doc, options->order == TX_ORDER_STROKES ? "（按姓氏笔画为序）" : "（按姓名拼音为序）");

  if (options->organization != NULL && options->organization[0] != '\0')
    {
      g_autofree char *line = g_strdup_printf ("单位：%s", options->organization);
      tx_table_document_add_line (doc, line);
    }

  date_text = tx_date_format_chinese (options->date);
  count = g_strdup_printf ("打印日期：%s　　共 %u 人", date_text, n_people);
  tx_table_document_add_line (doc, count);

  tx_table_document_set_rows (doc, n_people, roster_row, rows, (GDestroyNotify) roster_rows_free);

  return doc;
}

/**
 * tx_roster_document_new_full:
 * @people: (element-type TxPerson): in the order to print
 * @options: what the list is of, and how it prints
 */
TxTableDocument *
tx_roster_document_new_full (GPtrArray                  *people,
                             const TxRosterPrintOptions *options)
{
  RosterRows *rows = g_new0 (RosterRows, 1);

  rows->people = g_ptr_array_ref (people);

  return new_roster (rows, people->len, options);
}

/**
 * tx_roster_document_new_for_ids:
 * @ids: (element-type gint64): of the people, in the order to print
 *   (tx_roster_query_ids())
 * @options: what the list is of, and how it prints
 *
 * The roster of a city: the people are read from @store a few hundred
 * at a time as the pages are laid out and drawn, never all held.  Read
 * it within one read of the store (tx_store_read()), with @ids, so that
 * every page shows the same roster.
 */
TxTableDocument *
tx_roster_document_new_for_ids (TxStore                    *store,
                                GArray                     *ids,
                                const TxRosterPrintOptions *options)
{
  RosterRows *rows = g_new0 (RosterRows, 1);

  rows->people = g_ptr_array_new ();
  rows->store = g_object_ref (store);
  rows->ids = g_array_ref (ids);
  rows->today = options->date;

  return new_roster (rows, ids->len, options);
}

/**
 * tx_roster_document_new:
 * @people: (element-type TxPerson): in the order to print
 * @organization: (nullable): who prints it, e.g. "福泉市政协"
 * @township: (nullable): when the list is of one township
 * @full_phones: print phone numbers in full instead of 138****5678
 *
 * The roster with the default columns, on A4 portrait.
 */
TxTableDocument *
tx_roster_document_new (GPtrArray  *people,
                        const char *organization,
                        const char *township,
                        TxDate      date,
                        TxOrder     order,
                        gboolean    full_phones)
{
  TxRosterPrintOptions options = { 0, };

  options.organization = organization;
  options.township = township;
  options.date = date;
  options.order = order;
  options.full_phones = full_phones;

  return tx_roster_document_new_full (people, &options);
}
