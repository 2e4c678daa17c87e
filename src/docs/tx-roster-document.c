/* tx-roster-document.c
 *
 * A list printed for a meeting is not an official document, but follows
 * the same paper, margins and fonts (DESIGN §7).  It is written in
 * Chinese whatever the language of the interface.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-roster-document"

#include "config.h"

#include "tx-doc-format.h"
#include "tx-person.h"
#include "tx-roster-document.h"
#include "tx-vocabulary.h"

/* Widths as shares of the 156 mm text block: a phone number (11 digits)
 * and a five-character township name fit on one line. */
static const TxTableColumn columns[] = {
  { "序号",         0.075, TX_ALIGN_CENTER },
  { "姓名",         0.115, TX_ALIGN_CENTER },
  { "性别",         0.075, TX_ALIGN_CENTER },
  { "乡镇(街道)",   0.16,  TX_ALIGN_START },
  { "身份类别",     0.16,  TX_ALIGN_START },
  { "单位及职务",   0.205, TX_ALIGN_START },
  { "联系电话",     0.21,  TX_ALIGN_CENTER },
};

/**
 * tx_roster_document_new:
 * @people: (element-type TxPerson): in the order to print
 * @organization: (nullable): who prints it, e.g. "福泉市政协"
 * @township: (nullable): when the list is of one township
 * @full_phones: print phone numbers in full instead of 138****5678
 */
TxTableDocument *
tx_roster_document_new (GPtrArray  *people,
                        const char *organization,
                        const char *township,
                        TxDate      date,
                        TxOrder     order,
                        gboolean    full_phones)
{
  g_autofree char *title = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *count = NULL;
  TxTableDocument *doc;

  title = g_strdup_printf ("%s政协联络组人员名册", township && township[0] ? township : "");
  doc = tx_table_document_new (title, columns, G_N_ELEMENTS (columns));

  tx_table_document_set_note (doc, order == TX_ORDER_STROKES ? "（按姓氏笔画为序）" : "（按姓名拼音为序）");

  if (organization != NULL && organization[0] != '\0')
    {
      g_autofree char *line = g_strdup_printf ("单位：%s", organization);
      tx_table_document_add_line (doc, line);
    }

  date_text = tx_date_format_chinese (date);
  count = g_strdup_printf ("打印日期：%s　　共 %u 人", date_text, people->len);
  tx_table_document_add_line (doc, count);

  for (guint i = 0; i < people->len; i++)
    {
      TxPerson *person = g_ptr_array_index (people, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *phone = full_phones ? g_strdup (tx_person_get_phone (person))
                                           : tx_doc_mask_phone (tx_person_get_phone (person));
      g_autoptr(GString) categories = g_string_new (NULL);
      g_autoptr(GString) work = g_string_new (tx_person_get_organization (person));
      const char *cells[G_N_ELEMENTS (columns)];

      for (guint c = 0; c < tx_person_get_n_categories (person); c++)
        g_string_append_printf (categories, "%s%s", c ? "、" : "",
                                tx_category_get_chinese (tx_person_get_category (person, c)));

      if (tx_person_get_title (person)[0] != '\0')
        {
          if (work->len > 0)
            g_string_append (work, " ");
          g_string_append (work, tx_person_get_title (person));
        }

      cells[0] = number;
      cells[1] = tx_person_get_name (person);
      cells[2] = tx_gender_get_chinese (tx_person_get_gender (person));
      cells[3] = tx_person_get_township_name (person);
      cells[4] = categories->str;
      cells[5] = work->str;
      cells[6] = phone;
      tx_table_document_add_row (doc, cells);
    }

  return doc;
}
