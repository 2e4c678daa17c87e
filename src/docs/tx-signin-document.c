/* tx-signin-document.c
 *
 * The sheet the participants sign on arrival: who was invited, grouped by
 * category ("liaison group + N") or in surname-stroke order, with room to
 * sign by hand and blank rows for those who come without an invitation.
 * Same paper, margins and drawing as the printed roster.
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

static const TxTableColumn columns[] = {
  { "序号",       0.08, TX_ALIGN_CENTER },
  { "姓名",       0.12, TX_ALIGN_CENTER },
  { "身份类别",   0.17, TX_ALIGN_START },
  { "单位及职务", 0.26, TX_ALIGN_START },
  { "联系电话",   0.19, TX_ALIGN_CENTER },
  { "签名",       0.18, TX_ALIGN_CENTER },
};

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

static void
add_person_row (TxTableDocument *doc,
                guint            number,
                TxParticipant   *participant,
                TxPerson        *person,
                gboolean         full_phones)
{
  g_autofree char *index = g_strdup_printf ("%u", number);
  g_autoptr(GString) categories = g_string_new (NULL);
  g_autoptr(GString) work = g_string_new (NULL);
  g_autofree char *phone = NULL;
  const char *cells[G_N_ELEMENTS (columns)];

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

  cells[0] = index;
  cells[1] = participant->name;
  cells[2] = categories->str;
  cells[3] = work->str;
  cells[4] = phone ? phone : "";
  cells[5] = "";
  tx_table_document_add_row (doc, cells);
}

/**
 * tx_signin_document_new:
 * @people: (element-type TxPerson): the participants' roster entries
 * @by_strokes: one list in surname-stroke order instead of groups
 * @blank_rows: empty rows at the end for walk-ins
 */
TxTableDocument *
tx_signin_document_new (TxConsultation *consultation,
                        GPtrArray      *people,
                        gboolean        by_strokes,
                        guint           blank_rows,
                        gboolean        full_phones)
{
  GPtrArray *participants = tx_consultation_get_participants (consultation);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autofree char *title = g_strdup_printf ("%s签到表", tx_consultation_get_title (consultation));
  const char *host = NULL;
  TxTableDocument *doc;
  guint group = G_MAXUINT;
  guint number = 0;

  doc = tx_table_document_new (title, columns, G_N_ELEMENTS (columns));
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
    const char *starts = tx_consultation_get_starts (consultation);
    g_autoptr(GDateTime) time = starts ? g_date_time_new_from_iso8601 (starts, NULL) : NULL;
    g_autofree char *date = tx_doc_format_date (starts);
    g_autofree char *when = NULL;
    g_autofree char *line = NULL;

    if (time != NULL)
      when = g_strdup_printf ("%s %02d:%02d", date, g_date_time_get_hour (time), g_date_time_get_minute (time));

    line = g_strdup_printf ("时间：%s", when ? when : "");
    tx_table_document_add_line (doc, line);
    g_free (line);
    line = g_strdup_printf ("地点：%s", tx_consultation_get_venue (consultation));
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

      add_person_row (doc, ++number, entry->participant,
                      find_person (people, entry->participant->person_uuid), full_phones);
      g_bytes_unref (entry->key);
    }

  if (blank_rows > 0)
    {
      const char *empty[G_N_ELEMENTS (columns)] = { "", "", "", "", "", "" };

      if (!by_strokes)
        tx_table_document_add_group (doc, "临时参加人员");
      for (guint i = 0; i < blank_rows; i++)
        {
          g_autofree char *index = g_strdup_printf ("%u", ++number);

          empty[0] = index;
          tx_table_document_add_row (doc, empty);
        }
    }

  return doc;
}
