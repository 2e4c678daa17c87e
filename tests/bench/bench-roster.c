/* bench-roster.c — search and import on a roster of 100,000 people
 *
 * Not a test: run with `meson test --benchmark -C _build` (or directly).
 * Prints median and 99th percentile of a roster search as the Roster
 * page does it (the page keys, then the first page of rows), and the
 * time to import a 100,000-row CSV as `tongxin-cli roster import` does
 * against `sqlite3 .import` of the same file, each into a new file, five
 * times in turn, comparing the medians (on a shared machine single runs
 * vary by a tenth).  Exits non-zero when a target is missed: search
 * median ≤ 5 ms, 99th percentile ≤ 20 ms; import at most 4 × sqlite3.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "tx-person-list.h"
#include "tx-roster-import.h"
#include "tx-roster.h"
#include "tx-store.h"

#define N_PEOPLE 100000

static const char *surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
  "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "韦", "蒙", "龙", "石", "潘",
  "欧阳", "丁", "龚", "莫", "岑", "卢", "邓", "冯", "曾", "彭",
};

static const char *given[] = {
  "芳", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
  "秀英", "霞", "平", "刚", "桂英", "建华", "国强", "德胜", "文", "春梅", "玉兰", "光明",
  "志勇", "海燕", "红", "永", "金花", "正", "开云", "兴", "贵", "昌", "福", "顺", "忠",
};

static const char *townships[] = {
  "金山街道", "马场坪街道", "凤山镇", "陆坪镇", "龙昌镇", "牛场镇", "道坪镇", "仙桥乡",
};

static const char *organizations[] = {
  "村民委员会", "中心学校", "卫生院", "农业服务中心", "茶叶专业合作社", "个体户",
  "退休", "人民政府", "社区居民委员会", "供电所", "派出所", "刺梨种植合作社",
};

static const char *villages[] = {
  "双谷村", "黄丝村", "小岩村", "麒麟村", "老山寨村", "江边寨", "岔河村", "冷水村",
  "太极社区", "城西社区", "金鸡村", "新民村",
};

static const char *categories[] = {
  "政协委员", "人大代表", "党代表", "老党员", "老干部", "乡贤", "专业人士", "利益相关方",
  "部门干部", "群众代表",
};

static char *
write_csv (const char *dir)
{
  g_autoptr(GString) csv = g_string_new ("姓名,性别,乡镇(街道),村(社区),身份类别,工作单位,职务,联系电话\n");
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  char *path = g_build_filename (dir, "roster-100k.csv", NULL);

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      const char *township = townships[g_rand_int_range (rand, 0, G_N_ELEMENTS (townships))];

      g_string_append_printf (csv, "%s%s%s,%s,%s,%s,%s,%s%s,%s,1%02u%08u\n",
                              surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))],
                              given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))],
                              g_rand_boolean (rand) ? given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))] : "",
                              g_rand_boolean (rand) ? "男" : "女",
                              township,
                              villages[g_rand_int_range (rand, 0, G_N_ELEMENTS (villages))],
                              categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))],
                              township,
                              organizations[g_rand_int_range (rand, 0, G_N_ELEMENTS (organizations))],
                              g_rand_boolean (rand) ? "主任" : "",
                              30 + g_rand_int_range (rand, 0, 60), i);
    }

  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  return path;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

#define IMPORT_RUNS 5

static double
sqlite_import_seconds (const char *dir,
                       const char *csv,
                       guint       run)
{
  g_autofree char *name = g_strdup_printf ("plain-%u.db", run);
  g_autofree char *db = g_build_filename (dir, name, NULL);
  g_autofree char *cmd = g_strdup_printf ("sqlite3 '%s' -cmd '.mode csv' '.import %s people'", db, csv);
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);

  return (g_get_monotonic_time () - start) / 1e6;
}

/* An import as `tongxin-cli roster import` does it, into a new file;
 * the store is left open in @store. */
static double
tongxin_import_seconds (const char  *dir,
                        const char  *csv,
                        guint        run,
                        TxStore    **store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxRosterImport) import = NULL;
  g_autofree char *name = g_strdup_printf ("tongxin-%u.db", run);
  g_autofree char *db = g_build_filename (dir, name, NULL);
  gint64 start;
  double seconds;

  *store = tx_store_open (db, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  import = tx_roster_import_run (*store, csv, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;

  g_assert_no_error (error);
  g_assert_cmpuint (tx_roster_import_get_problems (import)->len, ==, 0);
  g_assert_cmpuint (tx_roster_import_get_n_to_add (import), ==, N_PEOPLE);

  return seconds;
}

static double
median_of (double *values,
           guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("tongxin-bench-XXXXXX", NULL);
  g_autofree char *csv = write_csv (dir);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxPersonList) list = NULL;
  double imports[IMPORT_RUNS], sqlites[IMPORT_RUNS];
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  const char *queries[] = {
    "王", "欧", "韦", "芳", "李芳", "王建华", "欧阳", "双谷村", "卫生院", "凤山镇", "合作社",
    "张", "陈秀英", "刘", "彭开云", "蒙", "中心学校", "罗", "金鸡", "江边寨", "龙", "潘玉兰",
  };
  double import_seconds, sqlite_seconds, median, p99;
  gint64 start;
  gboolean ok = TRUE;

  /* the import, in turn with sqlite3's */
  for (guint run = 0; run < IMPORT_RUNS; run++)
    {
      g_clear_object (&store);
      imports[run] = tongxin_import_seconds (dir, csv, run, &store);
      sqlites[run] = sqlite_import_seconds (dir, csv, run);
      g_print ("  import %u: %.2f s; sqlite3 .import: %.2f s\n", run + 1, imports[run], sqlites[run]);
    }
  import_seconds = median_of (imports, IMPORT_RUNS);
  sqlite_seconds = median_of (sqlites, IMPORT_RUNS);

  g_print ("import of %u rows: %.2f s; sqlite3 .import: %.2f s (medians of %u); ratio %.1f (target ≤ 4)\n",
           N_PEOPLE, import_seconds, sqlite_seconds, IMPORT_RUNS, import_seconds / sqlite_seconds);
  if (import_seconds > 4 * sqlite_seconds)
    ok = FALSE;

  /* the search, as the Roster page does it */
  list = tx_person_list_new (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_PEOPLE);

  for (guint round = 0; round < 10; round++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        TxPersonFilter filter = { (char *) queries[q], };
        g_autoptr(GObject) first = NULL;
        double ms;

        filter.order = round % 2 ? TX_ORDER_STROKES : TX_ORDER_PINYIN;
        start = g_get_monotonic_time ();
        tx_person_list_set_filter (list, &filter);
        first = g_list_model_get_item (G_LIST_MODEL (list), 0);
        ms = (g_get_monotonic_time () - start) / 1e3;
        g_array_append_val (times, ms);

        if (round == 0)
          g_print ("  %-8s %6u found  %7.2f ms\n", queries[q],
                   g_list_model_get_n_items (G_LIST_MODEL (list)), ms);
      }

  g_array_sort (times, compare_doubles);
  median = g_array_index (times, double, times->len / 2);
  p99 = g_array_index (times, double, (guint) (times->len * 0.99));
  g_print ("search: %u queries, median %.2f ms (target ≤ 5), 99th percentile %.2f ms (target ≤ 20)\n",
           times->len, median, p99);
  if (median > 5 || p99 > 20)
    ok = FALSE;

  g_clear_object (&list);
  g_clear_object (&store);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);

  g_print ("%s\n", ok ? "targets met" : "TARGETS MISSED");
  return ok ? 0 : 1;
}
