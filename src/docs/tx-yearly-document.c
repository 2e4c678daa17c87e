/* tx-yearly-document.c — the year's figures (年度工作统计) as an ODT
 * document and an XLSX sheet
 *
 * To paste into the year's work summary: four tables, a row a township
 * and the total last (合计): the consultations held, the people present
 * by category, the recommendations and the three zeros, the trainings
 * and other activities.  The sheet has every column in one row, for
 * sums and charts of its own.  In Chinese, as every document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-yearly-document"

#include "config.h"

#include "tx-roster-export.h"
#include "tx-vocabulary.h"
#include "tx-yearly-document.h"

/* The width of the text, cm (GB/T 9704: 156 mm) */
#define TEXT_WIDTH 15.6

static const char * const source_names[4] = { "党委定题", "政府交题", "政协选题", "群众点题" };
static const char * const orientation_names[2] = { "发展取向", "民生导向" };
static const char * const adoption_names[4] = { "待反馈", "已采纳", "部分采纳", "未采纳" };

static const char *
name_of (const TxYearlyRow *row)
{
  return row->township != NULL ? row->township : "合计";
}

static char *
count (guint value)
{
  return g_strdup_printf ("%u", value);
}

static char *
percent (double value)
{
  return value < 0 ? g_strdup ("—") : g_strdup_printf ("%.0f%%", value * 100);
}

/* A table of @n_columns: the township, then what @cell_of gives each
 * row, the header first */
typedef char *(*CellFunc) (const TxYearlyRow *row, guint column);

static void
add_table (TxOdtDocument       *doc,
           GPtrArray           *rows,
           guint                n_columns,
           const char * const  *header,
           CellFunc             cell_of)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *widths = g_new (double, n_columns);
  double first = n_columns > 8 ? 2.6 : 3.2;

  widths[0] = first;
  for (guint c = 1; c < n_columns; c++)
    widths[c] = (TEXT_WIDTH - first) / (n_columns - 1);

  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (cells, g_strdup (header[c]));
  for (guint r = 0; r < rows->len; r++)
    {
      const TxYearlyRow *row = g_ptr_array_index (rows, r);

      g_ptr_array_add (cells, g_strdup (name_of (row)));
      for (guint c = 1; c < n_columns; c++)
        g_ptr_array_add (cells, cell_of (row, c));
    }

  tx_odt_document_add_grid (doc, n_columns, widths, (const char * const *) cells->pdata, NULL, cells->len);
}

static char *
consultation_cell (const TxYearlyRow *row,
                   guint              column)
{
  if (column == 1)
    return count (row->consultations);
  if (column < 6)
    return count (row->by_source[column - 2]);
  return count (row->by_orientation[column - 6]);
}

/* The categories in two tables of six and seven columns */
static const TxCategory first_categories[] = {
  TX_CATEGORY_LIAISON_LEADER, TX_CATEGORY_LIAISON_OFFICER, TX_CATEGORY_CPPCC_MEMBER,
  TX_CATEGORY_NPC_DEPUTY, TX_CATEGORY_PARTY_DEPUTY, TX_CATEGORY_VETERAN_PARTY_MEMBER,
};
static const TxCategory second_categories[] = {
  TX_CATEGORY_RETIRED_CADRE, TX_CATEGORY_LOCAL_NOTABLE, TX_CATEGORY_EXPERT,
  TX_CATEGORY_STAKEHOLDER, TX_CATEGORY_OFFICIAL, TX_CATEGORY_RESIDENT,
};

static char *
first_people_cell (const TxYearlyRow *row,
                   guint              column)
{
  if (column == 1)
    return count (row->participants);
  return count (row->by_category[first_categories[column - 2]]);
}

static char *
second_people_cell (const TxYearlyRow *row,
                    guint              column)
{
  return count (row->by_category[second_categories[column - 1]]);
}

static char *
outcome_cell (const TxYearlyRow *row,
              guint              column)
{
  static const TxAdoption order[] = {
    TX_ADOPTION_ADOPTED, TX_ADOPTION_PARTLY_ADOPTED, TX_ADOPTION_NOT_ADOPTED, TX_ADOPTION_PENDING,
  };

  switch (column)
    {
    case 1:
      return count (row->outcomes);
    case 2: case 3: case 4: case 5:
      return count (row->by_adoption[order[column - 2]]);
    case 6:
      return percent (row->feedback_rate);
    case 7:
      return percent (row->supervision_coverage);
    default:
      return percent (row->implementation_rate);
    }
}

static char *
activity_cell (const TxYearlyRow *row,
               guint              column)
{
  switch (column)
    {
    case 1:
      return count (row->trainings);
    case 2:
      return count (row->trained);
    case 3:
      return count (row->observations);
    case 4:
      return count (row->exchanges);
    default:
      return count (row->other_activities);
    }
}

/**
 * tx_yearly_document_new:
 * @rows: (element-type TxYearlyRow): of tx_yearly_statistics_compute()
 * @today: the day the figures are counted to
 */
TxOdtDocument *
tx_yearly_document_new (GPtrArray *rows,
                        int        year,
                        TxDate     today)
{
  const TxYearlyRow *first = rows->len > 0 ? g_ptr_array_index (rows, 0) : NULL;
  gboolean one = rows->len == 1 && first->township != NULL;
  g_autofree char *title = g_strdup_printf ("%s%d年度协商工作统计", one ? first->township : "", year);
  g_autofree char *date = tx_date_format_chinese (today);
  g_autofree char *as_of = g_strdup_printf ("（统计截至%s）", date);
  TxOdtDocument *doc = tx_odt_document_new (title);
  const char *consultation_header[8] = { "乡镇（街道）", "协商次数" };
  const char *first_people_header[8] = { "乡镇（街道）", "参加人数" };
  const char *second_people_header[7] = { "乡镇（街道）" };
  static const char * const outcome_header[9] = {
    "乡镇（街道）", "建言数", "已采纳", "部分采纳", "未采纳", "待反馈", "反馈率", "监督覆盖率", "落实率",
  };
  static const char * const activity_header[6] = {
    "乡镇（街道）", "业务培训（次）", "培训人数", "观摩学习（次）", "座谈交流（次）", "其他活动（次）",
  };

  for (guint i = 0; i < 4; i++)
    consultation_header[2 + i] = source_names[i];
  for (guint i = 0; i < 2; i++)
    consultation_header[6 + i] = orientation_names[i];
  for (guint i = 0; i < G_N_ELEMENTS (first_categories); i++)
    first_people_header[2 + i] = tx_category_get_chinese (first_categories[i]);
  for (guint i = 0; i < G_N_ELEMENTS (second_categories); i++)
    second_people_header[1 + i] = tx_category_get_chinese (second_categories[i]);

  tx_odt_document_add_title (doc, title);
  tx_odt_document_add_centered (doc, as_of);

  tx_odt_document_add_heading (doc, "一、协商活动");
  tx_odt_document_add_plain (doc, "本年度召开协商会议的次数，按选题来源和取向分列。");
  add_table (doc, rows, 8, consultation_header, consultation_cell);

  tx_odt_document_add_heading (doc, "二、参加人员");
  tx_odt_document_add_plain (doc, "出席协商会议的人数（同一人多次参加计一人），按身份类别分列；一人有多个身份的，各类分别计入。");
  add_table (doc, rows, 8, first_people_header, first_people_cell);
  tx_odt_document_add_blank (doc);
  add_table (doc, rows, 7, second_people_header, second_people_cell);

  tx_odt_document_add_heading (doc, "三、协商建言和“三零”");
  tx_odt_document_add_plain (doc, "本年度协商形成的协商建言及其采纳情况；反馈率、监督覆盖率、落实率即“三零”。");
  add_table (doc, rows, 9, (const char * const *) outcome_header, outcome_cell);

  tx_odt_document_add_heading (doc, "四、业务培训和交流");
  tx_odt_document_add_plain (doc, "本年度举办或参加的业务培训、观摩学习、座谈交流和其他活动；培训人数为出席业务培训的人数（同一人计一人）。");
  add_table (doc, rows, 6, (const char * const *) activity_header, activity_cell);

  return doc;
}

/**
 * tx_yearly_document_write_xlsx:
 * @rows: (element-type TxYearlyRow): of tx_yearly_statistics_compute()
 *
 * Writes every figure of a township in one row of one sheet.
 */
gboolean
tx_yearly_document_write_xlsx (GPtrArray   *rows,
                               int          year,
                               const char  *path,
                               GError     **error)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *sheet = g_strdup_printf ("%d年度工作统计", year);
  static const CellFunc tables[] = { consultation_cell, first_people_cell, second_people_cell, outcome_cell, activity_cell };
  static const guint columns[] = { 8, 8, 7, 9, 6 };
  const char *names[40];
  guint n = 0;
  double width;

  names[n++] = "乡镇（街道）";
  names[n++] = "协商次数";
  for (guint i = 0; i < 4; i++)
    names[n++] = source_names[i];
  for (guint i = 0; i < 2; i++)
    names[n++] = orientation_names[i];
  names[n++] = "参加人数";
  for (guint i = 0; i < G_N_ELEMENTS (first_categories); i++)
    names[n++] = tx_category_get_chinese (first_categories[i]);
  for (guint i = 0; i < G_N_ELEMENTS (second_categories); i++)
    names[n++] = tx_category_get_chinese (second_categories[i]);
  names[n++] = "建言数";
  names[n++] = adoption_names[1];
  names[n++] = adoption_names[2];
  names[n++] = adoption_names[3];
  names[n++] = adoption_names[0];
  names[n++] = "反馈率";
  names[n++] = "监督覆盖率";
  names[n++] = "落实率";
  names[n++] = "业务培训（次）";
  names[n++] = "培训人数";
  names[n++] = "观摩学习（次）";
  names[n++] = "座谈交流（次）";
  names[n++] = "其他活动（次）";

  for (guint c = 0; c < n; c++)
    {
      g_ptr_array_add (header, g_strdup (names[c]));
      width = c == 0 ? 16 : 10;
      g_array_append_val (widths, width);
    }

  for (guint r = 0; r < rows->len; r++)
    {
      const TxYearlyRow *row = g_ptr_array_index (rows, r);

      g_ptr_array_add (cells, g_strdup (name_of (row)));
      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        for (guint c = 1; c < columns[t]; c++)
          g_ptr_array_add (cells, tables[t] (row, c));
    }
  g_assert (cells->len == rows->len * n);

  return tx_xlsx_write_table (path, sheet, n, (const char * const *) header->pdata, (const double *) widths->data,
                              (const char * const *) cells->pdata, cells->len, error);
}
