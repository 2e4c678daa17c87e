/* tx-signin-document.c
 *
 * The sheet the participants sign on arrival: who was invited, grouped by
 * category ("liaison group + N") or in surname-stroke order, with room to
 * sign by hand and blank rows for those who come without an invitation.
 * Same paper, margins and drawing as the printed roster.
 *
 * On a sheet to sign, the unit and the room to sign matter: 身份类别 and
 * 联系电话 are columns asked for, not printed by default, and the unit
 * gets the width they leave.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-signin-document"

#include "config.h"

#include "tx-collate.h"
#include "tx-doc-format.h"
#include "tx-person.h"
#include "tx-signin-document.h"
#include "tx-vocabulary.h"

/* Room to sign by hand: about 1 cm a row. */
#define SIGNATURE_ROW_HEIGHT 30.0

typedef enum {
  COLUMN_NUMBER,
  COLUMN_NAME,
  COLUMN_CATEGORIES,
  COLUMN_WORK,
  COLUMN_PHONE,
  COLUMN_SIGNATURE,
  N_COLUMNS
} Column;

/* The number and the name as wide as the widest, the phone number never
 * wrapped, the unit what is left. */
static const TxTableColumn all_columns[N_COLUMNS] = {
  [COLUMN_NUMBER]     = { "序号",       0,   TX_ALIGN_CENTER, TX_COLUMN_FIT,   10.0, FALSE },
  [COLUMN_NAME]       = { "姓名",       0,   TX_ALIGN_CENTER, TX_COLUMN_FIT,   18.0, FALSE },
  [COLUMN_CATEGORIES] = { "身份类别",   0.6, TX_ALIGN_START,  TX_COLUMN_SHARE,  0,   FALSE },
  [COLUMN_WORK]       = { "单位及职务", 1.0, TX_ALIGN_START,  TX_COLUMN_SHARE,  0,   FALSE },
  [COLUMN_PHONE]      = { "联系电话",   0,   TX_ALIGN_CENTER, TX_COLUMN_FIT,   22.0, TRUE },
  [COLUMN_SIGNATURE]  = { "签名",       0,   TX_ALIGN_CENTER, TX_COLUMN_FIXED, TX_SIGNIN_SIGNATURE_WIDTH, FALSE },
};

static gboolean
column_shown (Column          column,
              TxSigninColumns shown)
{
  if (column == COLUMN_CATEGORIES)
    return (shown & TX_SIGNIN_COLUMN_CATEGORIES) != 0;
  if (column == COLUMN_PHONE)
    return (shown & TX_SIGNIN_COLUMN_PHONE) != 0;
  return TRUE;
}

static TxPerson *
find_person (GPtrArray  *people,
             const char *uuid)
{
  for (guint i = 0; i < people->len; i++)
    if (g_strcmp0 (tx_person_get_uuid (g_ptr_array_index (people, i)), uuid) == 0)
      return g_ptr_array_index (people, i);

  return NULL;
}

/* A person's group: the first of their categories in the order of
 * "liaison group + N", or after all of them when they have none. */
static guint
group_of (TxParticipant *participant)
{
  guint group = TX_N_CATEGORIES;

  for (guint i = 0; i < participant->categories->len; i++)
    group = MIN (group, (guint) g_array_index (participant->categories, TxCategory, i));

  return group;
}

typedef struct {
  TxParticipant *participant;
  guint          group;
  GBytes        *key;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const Entry *x = a, *y = b;
  gboolean by_strokes = GPOINTER_TO_INT (user_data);

  if (!by_strokes && x->group != y->group)
    return x->group < y->group ? -1 : 1;

  return g_bytes_compare (x->key, y->key);
}

/* The cells of the columns shown, of all of them in @all. */
static void
add_cells (TxTableDocument *doc,
           TxSigninColumns  shown,
           const char      *all[N_COLUMNS],
           gboolean         blank)
{
  const char *cells[N_COLUMNS];
  guint n = 0;

  for (Column c = 0; c < N_COLUMNS; c++)
    if (column_shown (c, shown))
      cells[n++] = all[c];

  if (blank)
    tx_table_document_add_blank_row (doc, cells);
  else
    tx_table_document_add_row (doc, cells);
}

static void
add_person_row (TxTableDocument *doc,
                TxSigninColumns  shown,
                guint            number,
                TxParticipant   *participant,
                TxPerson        *person,
                gboolean         full_phones)
{
  g_autofree char *index = g_strdup_printf ("%u", number);
  g_autoptr(GString) categories = g_string_new (NULL);
  g_autoptr(GString) work = g_string_new (NULL);
  g_autofree char *phone = NULL;
  const char *cells[N_COLUMNS];

  for (guint c = 0; c < participant->categories->len; c++)
    g_string_append_printf (categories, "%s%s", c ? "、" : "",
                            tx_category_get_chinese (g_array_index (participant->categories, TxCategory, c)));

  if (person != NULL)
    {
      g_string_append (work, tx_person_get_organization (person));
      if (tx_person_get_title (person)[0] != '\0')
        g_string_append_printf (work, "%s%s", work->len ? " " : "", tx_person_get_title (person));
      phone = full_phones ? g_strdup (tx_person_get_phone (person))
                          : tx_doc_mask_phone (tx_person_get_phone (person));
    }

  cells[COLUMN_NUMBER] = index;
  cells[COLUMN_NAME] = participant->name;
  cells[COLUMN_CATEGORIES] = categories->str;
  cells[COLUMN_WORK] = work->str;
  cells[COLUMN_PHONE] = phone ? phone : "";
  cells[COLUMN_SIGNATURE] = "";
  add_cells (doc, shown, cells, FALSE);
}

/**
 * tx_signin_document_new:
 * @people: (element-type TxPerson): the participants' roster entries
 * @by_strokes: one list in surname-stroke order instead of groups
 * @blank_rows: empty rows at the end for walk-ins, as many as fit
 *   without a page of their own
 * @full_phones: phone numbers in full rather than 138****5678
 * @shown: the optional columns to print
 */
TxTableDocument *
tx_signin_document_new (TxMeeting       *meeting,
                        GPtrArray       *people,
                        gboolean         by_strokes,
                        guint            blank_rows,
                        gboolean         full_phones,
                        TxSigninColumns  shown)
{
  TxTableColumn columns[N_COLUMNS];
  guint n_columns = 0;
  GPtrArray *participants = tx_meeting_get_participants (meeting);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autofree char *title = g_strdup_printf ("%s签到表", tx_meeting_get_title (meeting));
  const char *host = NULL;
  TxTableDocument *doc;
  guint group = G_MAXUINT;
  guint number = 0;

  for (Column c = 0; c < N_COLUMNS; c++)
    if (column_shown (c, shown))
      columns[n_columns++] = all_columns[c];
  /* with an optional column, the unit keeps room enough */
  if (shown != TX_SIGNIN_COLUMNS_NONE)
    columns[n_columns - 1].width = TX_SIGNIN_SIGNATURE_WIDTH_NARROW;

  doc = tx_table_document_new (title, columns, n_columns);
  tx_table_document_set_min_row_height (doc, SIGNATURE_ROW_HEIGHT);
  if (by_strokes)
    tx_table_document_set_note (doc, "（按姓氏笔画为序）");

  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);
      Entry entry = { participant, group_of (participant), NULL };

      if (participant->role == TX_ROLE_HOST && host == NULL)
        host = participant->name;
      if (!participant->invited)
        continue;

      entry.key = tx_collate_sort_key (participant->name, TX_ORDER_STROKES);
      g_array_append_val (entries, entry);
    }
  g_array_sort_with_data (entries, compare_entries, GINT_TO_POINTER (by_strokes));

  {
    const char *starts = tx_meeting_get_starts (meeting);
    g_autoptr(GDateTime) time = starts ? g_date_time_new_from_iso8601 (starts, NULL) : NULL;
    g_autofree char *date = tx_doc_format_date (starts);
    g_autofree char *when = NULL;
    g_autofree char *line = NULL;

    if (time != NULL)
      when = g_strdup_printf ("%s %02d:%02d", date, g_date_time_get_hour (time), g_date_time_get_minute (time));

    /* an activity may have its day without its time */
    line = g_strdup_printf ("时间：%s", when ? when : date ? date : "");
    tx_table_document_add_line (doc, line);
    g_free (line);
    line = g_strdup_printf ("地点：%s", tx_meeting_get_venue (meeting));
    tx_table_document_add_line (doc, line);
    g_free (line);
    line = g_strdup_printf ("主持人：%s　　应到 %u 人", host ? host : "", entries->len);
    tx_table_document_add_line (doc, line);
  }

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      if (!by_strokes && entry->group != group)
        {
          group = entry->group;
          tx_table_document_add_group (doc, group < TX_N_CATEGORIES
                                            ? tx_category_get_chinese ((TxCategory) group)
                                            : "其他人员");
        }

      add_person_row (doc, shown, ++number, entry->participant,
                      find_person (people, entry->participant->person_uuid), full_phones);
      g_bytes_unref (entry->key);
    }

  if (blank_rows > 0)
    {
      const char *empty[N_COLUMNS] = { "", "", "", "", "", "" };

      if (!by_strokes)
        tx_table_document_add_group (doc, "临时参加人员");
      for (guint i = 0; i < blank_rows; i++)
        {
          g_autofree char *index = g_strdup_printf ("%u", ++number);

          empty[COLUMN_NUMBER] = index;
          add_cells (doc, shown, empty, TRUE);
        }
    }

  return doc;
}
