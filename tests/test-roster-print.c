/* test-roster-print.c — the printed roster, read back as a clerk would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sys/wait.h>

#include "tx-documents.h"
#include "tx-exchange.h"
#include "tx-roster-document.h"
#include "tx-roster.h"
#include "tx-store.h"
#include "tx-vocabulary.h"
#include "tx-test-pdf.h"

typedef struct {
  char    *dir;
  TxStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TxDate today = tx_date_new (2026, 11, 27);
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tongxin-print-XXXXXX", NULL);
  path = g_build_filename (f->dir, "tongxin.db", NULL);
  f->store = tx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (f->store, today, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

static void
test_every_name (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  TxDate date = tx_date_new (2026, 11, 27);
  g_autofree char *pdf = g_build_filename (f->dir, "roster.pdf", NULL);
  g_autofree char *all = NULL;
  TxPersonFilter filter = { 0, };
  guint n_pages;

  filter.order = TX_ORDER_STROKES;
  people = tx_roster_query (f->store, &filter, &error);
  g_assert_cmpuint (people->len, >=, 120);

  doc = tx_roster_document_new (people, "福泉市政协", NULL, date, TX_ORDER_STROKES, FALSE);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);

  n_pages = tx_test_pdf_pages (pdf);
  g_assert_cmpuint (n_pages, ==, tx_table_document_get_n_pages (doc));
  g_assert_cmpuint (n_pages, >, 3);

  all = tx_test_pdf_raw_text (pdf, 0);
  g_assert_nonnull (strstr (all, "政协联络组人员名册"));
  g_assert_nonnull (strstr (all, "（按姓氏笔画为序）"));
  g_assert_nonnull (strstr (all, "单位：福泉市政协"));
  g_assert_nonnull (strstr (all, "2026年11月27日"));

  for (guint i = 0; i < people->len; i++)
    {
      TxPerson *person = g_ptr_array_index (people, i);
      const char *phone = tx_person_get_phone (person);
      const char *name_at = strstr (all, tx_person_get_name (person));

      g_autofree char *work = g_strdup_printf ("%s%s", tx_person_get_organization (person),
                                               tx_person_get_title (person));
      g_autofree char *row = NULL;

      /* every name, its row in order, and all of the organisation and
       * title even where they wrap */
      g_autofree char *squeezed = tx_test_squeeze (work);

      row = g_strdup_printf ("%u%s", i + 1, tx_person_get_name (person));
      g_assert_nonnull (name_at);
      g_assert_nonnull (strstr (all, row));
      g_assert_nonnull (strstr (name_at, squeezed));

      /* mobile numbers masked: the middle four digits never printed */
      if (strlen (phone) == 11 && phone[0] == '1')
        {
          g_autofree char *masked = g_strdup_printf ("%.3s****%s", phone, phone + 7);
          g_autofree char *middle = g_strdup_printf ("%.7s", phone);

          g_assert_nonnull (strstr (all, masked));
          g_assert_null (strstr (all, middle));
        }
    }

  /* each page: the header row again, and its page number */
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = tx_test_pdf_raw_text (pdf, page);
      g_autofree char *footer = g_strdup_printf ("第%u页共%u页", page, n_pages);

      g_assert_nonnull (strstr (text, "序号姓名性别乡镇（街道）身份类别单位及职务"));
      g_assert_nonnull (strstr (text, "联系电话"));
      g_assert_nonnull (strstr (text, footer));
    }
}

static void
test_full_phones_and_wrapping (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TxTableDocument) doc = NULL;
  TxDate date = tx_date_new (2027, 3, 1);
  g_autofree char *pdf = g_build_filename (f->dir, "long.pdf", NULL);
  g_autofree char *all = NULL;
  const char *long_org = "黔南布依族苗族自治州福泉市凤山镇双谷村新型农村综合体建设项目临时指挥部综合协调组";

  g_ptr_array_add (people, tx_person_new_with_fields (NULL, "欧阳春花秋月", TX_GENDER_FEMALE, "汉族", NULL, "",
                                                      long_org, "副组长兼联络员", "13885412345", ""));
  g_ptr_array_add (people, tx_person_new_with_fields (NULL, "石磊", TX_GENDER_MALE, "水族", NULL, "",
                                                      "个体户", "", "0854-8221234", ""));

  doc = tx_roster_document_new (people, NULL, "凤山镇", date, TX_ORDER_PINYIN, TRUE);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tx_table_document_get_n_pages (doc), ==, 1);

  all = tx_test_pdf_raw_text (pdf, 0);
  g_assert_nonnull (strstr (all, "凤山镇政协联络组人员名册"));
  g_assert_nonnull (strstr (all, "（按姓名拼音为序）"));
  g_assert_nonnull (strstr (all, "2027年3月1日"));
  g_assert_nonnull (strstr (all, "欧阳春花秋月"));
  g_assert_nonnull (strstr (all, long_org));
  g_assert_nonnull (strstr (all, "副组长兼联络员"));
  /* the setting that shows numbers in full */
  g_assert_nonnull (strstr (all, "13885412345"));
  g_assert_nonnull (strstr (all, "0854-8221234"));
  g_assert_nonnull (strstr (all, "第1页共1页"));
}

/* What an old database may hold: a unit of 3,000 characters, a name
 * behind a bidi override, control characters, a township name of 250.
 * Every row stays in its page, cut with "…" where it must be, and reads
 * in its order. */
static void
test_bad_text (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TxTableDocument) doc = NULL;
  g_autoptr(GString) unit = g_string_new (NULL);
  g_autoptr(GString) township = g_string_new (NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "bad.pdf", NULL);
  g_autofree char *cmd = g_strdup_printf ("pdftotext '%s' -", pdf);
  g_autofree char *out = NULL;
  g_autofree char *drawn = NULL;
  guint n_pages;

  for (guint i = 0; i < 300; i++)
    g_string_append (unit, "福泉市凤山镇农业服务中心");
  for (guint i = 0; i < 50; i++)
    g_string_append (township, "金山街道");

  g_ptr_array_add (people, tx_person_new_with_fields (NULL, "韦丽", TX_GENDER_FEMALE, "布依族", NULL, "",
                                                      unit->str, "科员", "13885412345", ""));
  g_ptr_array_add (people, tx_person_new_with_fields (NULL, "\u202E王德芳", TX_GENDER_FEMALE, "布依族", NULL, "",
                                                      "太极社区", "主任", "18578345868", ""));
  g_ptr_array_add (people, tx_person_new_with_fields (NULL, "石\x01建\x0b军", TX_GENDER_MALE, "苗族", NULL, "",
                                                      "古城\u2067老字号\u2069店", "店主", "15071943825", ""));
  /* typed with an English keyboard: printed with Chinese punctuation */
  g_ptr_array_add (people, tx_person_new_with_fields (NULL, "龚平", TX_GENDER_MALE, "汉族", NULL, "",
                                                      "福泉市\"100%\"合作社(筹)", "社长", "(0854)8221234", ""));

  doc = tx_roster_document_new (people, "福泉市\x07政协", township->str, tx_date_new (2026, 11, 27),
                                TX_ORDER_PINYIN, FALSE);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);

  /* four rows, the long one cut at ten lines: one page */
  n_pages = tx_table_document_get_n_pages (doc);
  g_assert_cmpuint (n_pages, ==, tx_test_pdf_pages (pdf));
  g_assert_cmpuint (n_pages, ==, 1);

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL));
  drawn = tx_test_squeeze (out);
  g_assert_nonnull (strstr (drawn, "政协联络组人员名册"));
  g_assert_nonnull (strstr (drawn, "金山街道金山街道"));
  g_assert_nonnull (strstr (drawn, "单位：福泉市政协"));
  g_assert_nonnull (strstr (drawn, "2王德芳"));
  g_assert_nonnull (strstr (drawn, "3石建军"));
  g_assert_nonnull (strstr (drawn, "古城老字号店"));
  g_assert_nonnull (strstr (drawn, "福泉市“100%”合作社（筹）"));
  g_assert_null (strstr (drawn, "\"100%\""));
  g_assert_nonnull (strstr (drawn, "福泉市凤山镇农业服务中心福泉市凤山镇"));
  g_assert_null (strstr (drawn, "\u202E"));

  tx_test_assert_words_inside (pdf, TX_MARGIN_LEFT, TX_MARGIN_TOP,
                               TX_A4_WIDTH - TX_MARGIN_RIGHT, TX_A4_HEIGHT - 15 * TX_MM);
}

/* The title and the header row in the sans face, the names in the
 * serif face: two families, named exactly. */
static void
test_fonts (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TxTableDocument) doc = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "fonts.pdf", NULL);
  g_autofree char *cmd = g_strdup_printf ("pdftohtml -xml -i -stdout '%s'", pdf);
  g_autofree char *xml = NULL;
  g_autofree char *title = NULL;
  g_autofree char *header = NULL;
  g_autofree char *name = NULL;

  g_ptr_array_add (people, tx_person_new_with_fields (NULL, "韦丽", TX_GENDER_FEMALE, "布依族", NULL, "",
                                                      "太极社区", "主任", "18578345868", ""));
  doc = tx_roster_document_new (people, NULL, "凤山镇", tx_date_new (2026, 11, 27), TX_ORDER_PINYIN, FALSE);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);

  g_assert_true (g_spawn_command_line_sync (cmd, &xml, NULL, NULL, NULL));
  title = tx_test_pdf_font_of (xml, "凤山镇政协联络组人员名册");
  header = tx_test_pdf_font_of (xml, "联系电话");
  name = tx_test_pdf_font_of (xml, "韦丽");
  g_assert_nonnull (strstr (title, "NotoSansCJKsc"));
  g_assert_nonnull (strstr (header, "NotoSansCJKsc"));
  g_assert_nonnull (strstr (name, "NotoSerifCJKsc"));
}

/* pdfinfo's "Page size:" line of @pdf */
static char *
pdf_page_size (const char *pdf)
{
  g_autofree char *cmd = g_strdup_printf ("pdfinfo '%s'", pdf);
  g_autofree char *out = NULL;
  const char *size;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL));
  size = strstr (out, "Page size:");
  g_assert_nonnull (size);

  return g_strndup (size, strcspn (size, "\n"));
}

/* A4 landscape with every column, in the order chosen: the header says
 * them all, with 乡镇（街道） and 村（社区） in full-width brackets, and
 * the unit and the title each in their own column. */
static void
test_landscape_columns (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  g_autoptr(GArray) columns = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "landscape.pdf", NULL);
  g_autofree char *size = NULL;
  g_autofree char *all = NULL;
  g_autofree char *first = NULL;
  TxPersonFilter filter = { 0, };
  TxRosterPrintOptions options = { 0, };
  guint n_pages;

  people = tx_roster_query (f->store, &filter, &error);
  g_assert_no_error (error);

  columns = tx_roster_columns_parse ("name,gender,ethnicity,township,village,categories,organization,title,phone,notes", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (columns->len, ==, TX_N_ROSTER_COLUMNS);

  options.date = tx_date_new (2026, 11, 27);
  options.landscape = TRUE;
  options.columns = (const TxRosterColumn *) columns->data;
  options.n_columns = columns->len;
  doc = tx_roster_document_new_full (people, &options);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);

  size = pdf_page_size (pdf);
  g_assert_nonnull (strstr (size, "841.89 x 595.276"));
  n_pages = tx_test_pdf_pages (pdf);
  g_assert_cmpuint (n_pages, ==, tx_table_document_get_n_pages (doc));

  first = tx_test_pdf_raw_text (pdf, 1);
  g_assert_nonnull (strstr (first, "序号姓名性别民族乡镇（街道）村（社区）身份类别工作单位职务联系电话备注"));
  g_assert_null (strstr (first, "乡镇(街道)"));
  for (guint page = 2; page <= n_pages; page++)
    {
      g_autofree char *text = tx_test_pdf_raw_text (pdf, page);
      g_assert_nonnull (strstr (text, "序号姓名性别民族乡镇（街道）村（社区）身份类别工作单位职务联系电话备注"));
    }

  all = tx_test_pdf_raw_text (pdf, 0);
  for (guint i = 0; i < people->len; i++)
    {
      TxPerson *person = g_ptr_array_index (people, i);
      g_autofree char *row = g_strdup_printf ("%u%s%s%s", i + 1, tx_person_get_name (person),
                                              tx_gender_get_chinese (tx_person_get_gender (person)),
                                              tx_person_get_ethnicity (person));

      g_assert_nonnull (strstr (all, row));
    }
}

/* Portrait, and only the columns chosen, in their order. */
static void
test_chosen_columns (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  g_autoptr(GArray) columns = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "chosen.pdf", NULL);
  g_autofree char *size = NULL;
  g_autofree char *all = NULL;
  TxPersonFilter filter = { 0, };
  TxRosterPrintOptions options = { 0, };

  people = tx_roster_query (f->store, &filter, &error);
  g_assert_no_error (error);

  /* Chinese headings and commas do as well */
  columns = tx_roster_columns_parse ("phone，姓名、organization", &error);
  g_assert_no_error (error);

  options.date = tx_date_new (2026, 11, 27);
  options.full_phones = TRUE;
  options.columns = (const TxRosterColumn *) columns->data;
  options.n_columns = columns->len;
  doc = tx_roster_document_new_full (people, &options);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);

  size = pdf_page_size (pdf);
  g_assert_nonnull (strstr (size, "595.276 x 841.89"));

  all = tx_test_pdf_raw_text (pdf, 0);
  g_assert_nonnull (strstr (all, "序号联系电话姓名单位及职务"));
  g_assert_null (strstr (all, "性别"));
  g_assert_null (strstr (all, "身份类别"));
  for (guint i = 0; i < people->len; i++)
    {
      TxPerson *person = g_ptr_array_index (people, i);
      g_autofree char *row = g_strdup_printf ("%u%s%s", i + 1, tx_person_get_phone (person), tx_person_get_name (person));
      g_autofree char *squeezed = tx_test_squeeze (row);

      if (strstr (all, squeezed) == NULL)
        g_error ("row “%s” is not in the roster", squeezed);
    }
}

/* A bad column names itself and every valid key. */
static void
test_bad_columns (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) columns = NULL;
  g_autofree char *keys = tx_roster_columns_list_keys ();

  columns = tx_roster_columns_parse ("name,mobile", &error);
  g_assert_null (columns);
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "“mobile”"));
  for (guint i = 0; i < TX_N_ROSTER_COLUMNS; i++)
    g_assert_nonnull (strstr (error->message, tx_roster_column_to_key (i)));
  g_assert_nonnull (strstr (error->message, keys));
  g_clear_error (&error);

  columns = tx_roster_columns_parse ("name,phone,name", &error);
  g_assert_null (columns);
  g_assert_nonnull (strstr (error->message, "“name”"));
  g_clear_error (&error);

  columns = tx_roster_columns_parse (" , ", &error);
  g_assert_null (columns);
  g_assert_nonnull (strstr (error->message, keys));
}

/* The page says what the list is of: the township in its title, and
 * the township, the category and the text searched under it. */
static void
test_filter_stated (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "filtered.pdf", NULL);
  g_autofree char *all = NULL;
  g_autofree char *everyone = NULL;
  TxPersonFilter filter = { 0, };
  TxRosterPrintOptions options = { 0, };

  filter.township = g_strdup ("凤山镇");
  filter.has_category = TRUE;
  filter.category = TX_CATEGORY_CPPCC_MEMBER;
  filter.search = g_strdup ("福泉");
  people = tx_roster_query (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, >, 0);

  options.date = tx_date_new (2026, 11, 27);
  options.township = filter.township;
  options.has_category = TRUE;
  options.category = filter.category;
  options.search = filter.search;
  doc = tx_roster_document_new_full (people, &options);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);

  all = tx_test_pdf_raw_text (pdf, 0);
  g_assert_nonnull (strstr (all, "凤山镇政协联络组人员名册"));
  g_assert_nonnull (strstr (all, "筛选条件：乡镇（街道）为凤山镇；身份类别为政协委员；检索“福泉”"));
  for (guint i = 0; i < people->len; i++)
    g_assert_nonnull (strstr (all, tx_person_get_name (g_ptr_array_index (people, i))));
  tx_person_filter_clear (&filter);

  /* everyone: no filter to state */
  g_clear_pointer (&doc, tx_table_document_free);
  g_clear_pointer (&people, g_ptr_array_unref);
  people = tx_roster_query (f->store, &filter, &error);
  doc = tx_roster_document_new (people, NULL, NULL, tx_date_new (2026, 11, 27), TX_ORDER_PINYIN, FALSE);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  everyone = tx_test_pdf_raw_text (pdf, 1);
  g_assert_null (strstr (everyone, "筛选条件"));
}

/* The roster of many more people than a print holds at a time: read a
 * few hundred at a time from the database, it prints as the people
 * held all at once do, page for page; the CLI's way (one read of the
 * database) gives the same pages. */
static void
test_read_a_few_at_a_time (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(TxTableDocument) held = NULL;
  g_autoptr(TxTableDocument) read = NULL;
  g_autofree char *held_pdf = g_build_filename (f->dir, "held.pdf", NULL);
  g_autofree char *read_pdf = g_build_filename (f->dir, "read.pdf", NULL);
  g_autofree char *cli_pdf = g_build_filename (f->dir, "cli.pdf", NULL);
  g_autofree char *held_text = NULL;
  g_autofree char *read_text = NULL;
  g_autofree char *cli_text = NULL;
  g_autofree char *count = NULL;
  TxRosterPrintOptions options = { 0, };
  TxPersonFilter filter = { 0, };
  guint n_people;
  guint n_pages;

  /* 900 more, some with a unit long enough to take lines */
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (f->store),
                                 "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 900) "
                                 "INSERT INTO person (uuid, name, organization, phone, updated_at, sort_pinyin, sort_strokes) "
                                 "SELECT printf ('00000000-0000-4000-8000-%012d', i), '测试' || i, "
                                 "       CASE WHEN i % 7 = 0 THEN '福泉市道路运输服务中心第' || i || '工程队综合办公室' ELSE '' END, "
                                 "       printf ('1380000%04d', i), '2026-11-27T00:00:00.000Z', "
                                 "       tx_pinyin_key ('测试' || i), tx_strokes_key ('测试' || i) FROM n",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  options.organization = "福泉市政协";
  options.date = tx_date_new (2026, 11, 27);
  options.order = TX_ORDER_PINYIN;
  people = tx_roster_query (f->store, &filter, &error);
  g_assert_no_error (error);
  n_people = people->len;
  g_assert_cmpuint (n_people, >, 1000);
  ids = tx_roster_query_ids (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n_people);

  held = tx_roster_document_new_full (people, &options);
  g_assert_true (tx_table_document_write_pdf (held, held_pdf, &error));
  g_assert_no_error (error);
  read = tx_roster_document_new_for_ids (f->store, ids, &options);
  g_assert_true (tx_table_document_write_pdf (read, read_pdf, &error));
  g_assert_no_error (error);

  n_pages = tx_test_pdf_pages (held_pdf);
  g_assert_cmpuint (n_pages, >, 30);
  g_assert_cmpuint (tx_test_pdf_pages (read_pdf), ==, n_pages);
  g_assert_cmpuint (tx_table_document_get_n_pages (read), ==, n_pages);
  held_text = tx_test_pdf_text (held_pdf, TRUE);
  read_text = tx_test_pdf_text (read_pdf, TRUE);
  g_assert_cmpstr (read_text, ==, held_text);
  count = g_strdup_printf ("共 %u 人", n_people);
  g_assert_nonnull (strstr (read_text, count));
  g_assert_nonnull (strstr (read_text, "测试900"));
  {
    g_autofree char *plain = tx_test_pdf_text (read_pdf, FALSE);
    g_autofree char *squeezed = tx_test_squeeze (plain);

    /* a long unit over lines */
    g_assert_nonnull (strstr (squeezed, "福泉市道路运输服务中心第700工程队综合办公室"));
  }

  /* the CLI's way: the settings' issuing body, none here */
  g_assert_cmpuint (tx_documents_write_roster (f->store, &filter, NULL, options.date, cli_pdf, &error), ==, n_pages);
  g_assert_no_error (error);
  cli_text = tx_test_pdf_text (cli_pdf, TRUE);
  g_assert_nonnull (strstr (cli_text, count));
  g_assert_nonnull (strstr (cli_text, "测试900"));
}

/* Someone gone from the database between the list and its pages: no
 * file, an earlier one kept, and the clerk told to print again. */
static void
test_read_fails (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "名册.pdf", NULL);
  g_autofree char *kept = NULL;
  TxRosterPrintOptions options = { 0, };
  TxPersonFilter filter = { 0, };
  gint64 gone = G_GINT64_CONSTANT (999999);

  options.date = tx_date_new (2026, 11, 27);
  ids = tx_roster_query_ids (f->store, &filter, &error);
  g_assert_no_error (error);
  g_array_insert_val (ids, 100, gone);
  g_assert_true (g_file_set_contents (pdf, "earlier", -1, NULL));

  doc = tx_roster_document_new_for_ids (f->store, ids, &options);
  g_assert_false (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, pdf));
  g_assert_nonnull (strstr (error->message, "deleted while it was printed"));
  g_assert_nonnull (strstr (error->message, "Nothing was written"));
  g_assert_true (g_file_get_contents (pdf, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "earlier");
}

/* A table whose rows are asked for, and whose last pass (drawing) finds
 * one it cannot have: the pages laid out, nothing written. */
typedef struct {
  guint n_asked;
  guint fail_after;
} CountedRows;

static gboolean
counted_row (guint      index,
             char     **cells,
             gpointer   user_data,
             GError   **error)
{
  CountedRows *rows = user_data;

  if (++rows->n_asked > rows->fail_after)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_IO, "the disk could not be read");
      return FALSE;
    }
  cells[0] = g_strdup_printf ("%u", index + 1);
  cells[1] = g_strdup_printf ("第%u行", index + 1);

  return TRUE;
}

static void
test_row_fails_while_drawn (Fixture       *f,
                            gconstpointer  data)
{
  static const TxTableColumn columns[] = {
    { "序号", 0, TX_ALIGN_CENTER, TX_COLUMN_FIT, 10.0, FALSE },
    { "内容", 1, TX_ALIGN_START, TX_COLUMN_SHARE, 0, FALSE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "table.pdf", NULL);
  g_autofree char *text = NULL;
  CountedRows rows = { 0, G_MAXUINT };
  guint n_asked;

  /* asked for once to fit the columns, once to lay out the pages, once
   * to draw them */
  doc = tx_table_document_new ("表", columns, G_N_ELEMENTS (columns));
  tx_table_document_set_rows (doc, 2000, counted_row, &rows, NULL);
  g_assert_true (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);
  text = tx_test_pdf_text (pdf, FALSE);
  g_assert_nonnull (strstr (text, "第2000行"));
  g_assert_cmpuint (rows.n_asked, >=, 3 * 2000);
  n_asked = rows.n_asked;
  g_clear_pointer (&doc, tx_table_document_free);

  /* the same, failing well within the last pass */
  g_assert_true (g_file_set_contents (pdf, "earlier", -1, NULL));
  g_clear_pointer (&text, g_free);
  rows.n_asked = 0;
  rows.fail_after = n_asked - 1000;
  doc = tx_table_document_new ("表", columns, G_N_ELEMENTS (columns));
  tx_table_document_set_rows (doc, 2000, counted_row, &rows, NULL);
  g_assert_false (tx_table_document_write_pdf (doc, pdf, &error));
  g_assert_nonnull (strstr (error->message, "the disk could not be read"));
  g_assert_nonnull (strstr (error->message, "Nothing was written"));
  g_assert_true (g_file_get_contents (pdf, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "earlier");
}

/* What tongxin-cli prints, and its exit status. */
static int
run_cli (Fixture     *f,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (f->dir, "tongxin.db", NULL);
  g_autofree char *out = NULL;
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TONGXIN_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, db);
  g_ptr_array_add (argv, (gpointer) "--today");
  g_ptr_array_add (argv, (gpointer) "2026-11-27");
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, err, &status, &error));
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* tongxin-cli roster print: --landscape, --orientation, --columns, and
 * a clear word, exit status 2 and no file for a bad one. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "名册.pdf", NULL);
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;

  if (g_getenv ("TONGXIN_CLI") == NULL)
    {
      g_test_skip ("TONGXIN_CLI is not set");
      return;
    }
  g_clear_object (&f->store);

  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (f, &err, "roster", "print", pdf, "--landscape", "--township", "凤山镇",
                              "--columns", "name,village,organization,title,phone", NULL), ==, 0);
    size = pdf_page_size (pdf);
    g_assert_nonnull (strstr (size, "841.89 x 595.276"));
    text = tx_test_pdf_raw_text (pdf, 1);
    g_assert_nonnull (strstr (text, "凤山镇政协联络组人员名册"));
    g_assert_nonnull (strstr (text, "筛选条件：乡镇（街道）为凤山镇"));
    g_assert_nonnull (strstr (text, "序号姓名村（社区）工作单位职务联系电话"));
    g_clear_pointer (&size, g_free);
    g_clear_pointer (&text, g_free);
  }

  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (f, &err, "roster", "print", pdf, "--orientation", "portrait",
                              "--category", "cppcc_member", "--search", "福泉", NULL), ==, 0);
    size = pdf_page_size (pdf);
    g_assert_nonnull (strstr (size, "595.276 x 841.89"));
    text = tx_test_pdf_raw_text (pdf, 1);
    g_assert_nonnull (strstr (text, "筛选条件：身份类别为政协委员；检索“福泉”"));
    g_assert_nonnull (strstr (text, "序号姓名性别乡镇（街道）身份类别单位及职务联系电话"));
  }

  g_assert_cmpint (g_unlink (pdf), ==, 0);
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (f, &err, "roster", "print", pdf, "--columns", "name,mobile", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "mobile"));
    g_assert_nonnull (strstr (err, "name, gender, ethnicity, township, village, categories, organization, title, phone, notes"));
  }
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (f, &err, "roster", "print", pdf, "--orientation", "sideways", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "sideways"));
    g_assert_nonnull (strstr (err, "portrait or landscape"));
  }
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (f, &err, "roster", "print", pdf, "--landscape", "--orientation", "portrait", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "--landscape"));
  }
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  /* messages in UTF-8 */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/roster-print/every-name", Fixture, NULL, fixture_set_up, test_every_name, fixture_tear_down);
  g_test_add ("/roster-print/full-phones-and-wrapping", Fixture, NULL, fixture_set_up, test_full_phones_and_wrapping, fixture_tear_down);
  g_test_add ("/roster-print/bad-text", Fixture, NULL, fixture_set_up, test_bad_text, fixture_tear_down);
  g_test_add ("/roster-print/landscape-columns", Fixture, NULL, fixture_set_up, test_landscape_columns, fixture_tear_down);
  g_test_add ("/roster-print/chosen-columns", Fixture, NULL, fixture_set_up, test_chosen_columns, fixture_tear_down);
  g_test_add ("/roster-print/bad-columns", Fixture, NULL, fixture_set_up, test_bad_columns, fixture_tear_down);
  g_test_add ("/roster-print/filter-stated", Fixture, NULL, fixture_set_up, test_filter_stated, fixture_tear_down);
  g_test_add ("/roster-print/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/roster-print/read-a-few-at-a-time", Fixture, NULL, fixture_set_up, test_read_a_few_at_a_time,
              fixture_tear_down);
  g_test_add ("/roster-print/read-fails", Fixture, NULL, fixture_set_up, test_read_fails, fixture_tear_down);
  g_test_add ("/roster-print/row-fails-while-drawn", Fixture, NULL, fixture_set_up, test_row_fails_while_drawn,
              fixture_tear_down);
  g_test_add ("/roster-print/fonts", Fixture, NULL, fixture_set_up, test_fonts, fixture_tear_down);

  return g_test_run ();
}
