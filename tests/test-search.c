/* test-search.c — finding and ordering people on the roster
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-collate.h"
#include "tx-paged-list.h"
#include "tx-person-list.h"
#include "tx-records-private.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-settings.h"
#include "tx-store.h"
#include "tx-turns.h"
#include "tx-vocabulary.h"

typedef struct {
  char    *dir;
  TxStore *store;
} Fixture;

typedef struct {
  const char *name;
  const char *organization;
  const char *village;
  const char *township;
  TxCategory  category;
} Someone;

static const Someone people[] = {
  { "王芳",     "福泉市人民医院",       "双谷村",   "凤山镇",   TX_CATEGORY_EXPERT },
  { "王芳芳",   "凤山镇中心学校",       "黄丝村",   "凤山镇",   TX_CATEGORY_RESIDENT },
  { "李王",     "凤山镇人民政府",       "双谷村",   "凤山镇",   TX_CATEGORY_OFFICIAL },
  { "张三丰",   "福泉市第二中学",       "麒麟村",   "仙桥乡",   TX_CATEGORY_CPPCC_MEMBER },
  { "罗文",     "仙桥乡茶叶合作社",     "麒麟村",   "仙桥乡",   TX_CATEGORY_STAKEHOLDER },
  { "丁一",     "退休",                 "小岩村",   "陆坪镇",   TX_CATEGORY_RETIRED_CADRE },
  { "石磊",     "陆坪镇农业服务中心",   "小岩村",   "陆坪镇",   TX_CATEGORY_EXPERT },
  { "刘洋",     "个体户",               "老山寨村", "金山街道", TX_CATEGORY_STAKEHOLDER },
  { "赵敏",     "金山街道办事处",       "",         "金山街道", TX_CATEGORY_LIAISON_OFFICER },
  { "龚平",     "福泉市\"100%\"_合作社", "",        "金山街道", TX_CATEGORY_LOCAL_NOTABLE },
  { "潘玉兰",   "凤山镇双谷村村民委员会", "双谷村", "凤山镇",   TX_CATEGORY_NPC_DEPUTY },
};

static gboolean
add_people (TxStore   *store,
            gpointer   user_data,
            GError   **error)
{
  const char *townships[] = { "凤山镇", "仙桥乡", "陆坪镇", "金山街道" };

  for (guint i = 0; i < G_N_ELEMENTS (townships); i++)
    {
      g_autofree char *uuid = tx_uuid_new ();
      g_autofree char *now = tx_timestamp_now ();
      sqlite3_stmt *stmt = tx_store_prepare (store, "INSERT INTO township (uuid, name, kind, updated_at) VALUES (?, ?, 'town', ?)", error);

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, townships[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
      if (!tx_store_step_done (store, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(TxTownship) township = tx_store_find_township (store, people[i].township, error);
      g_autoptr(TxPerson) person = NULL;

      if (township == NULL)
        return FALSE;

      person = tx_person_new_with_fields (NULL, people[i].name, TX_GENDER_UNKNOWN, "汉族",
                                          tx_township_get_uuid (township), people[i].village,
                                          people[i].organization, "", "", "");
      tx_person_add_category (person, people[i].category);
      if (!tx_roster_save_person (store, person, error))
        return FALSE;
    }

  return TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tongxin-search-XXXXXX", NULL);
  path = g_build_filename (f->dir, "tongxin.db", NULL);
  f->store = tx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_store_write (f->store, add_people, NULL, &error));
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

/* The names found, sorted by the given order, joined by spaces. */
static char *
names_for (Fixture              *f,
           const TxPersonFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = tx_roster_query (f->store, filter, &error);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (names, "%s%s", i ? " " : "", tx_person_get_name (g_ptr_array_index (found, i)));

  return g_strdup (names->str);
}

static char *
search (Fixture    *f,
        const char *text)
{
  TxPersonFilter filter = { (char *) text, };

  filter.order = TX_ORDER_STROKES;
  return names_for (f, &filter);
}

static void
test_short_queries (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *one = search (f, "王");
  g_autofree char *two = search (f, "王芳");
  g_autofree char *surname = search (f, "潘");
  g_autofree char *none = search (f, "欧");

  /* one character: the surname, and a given name containing it */
  g_assert_cmpstr (one, ==, "王芳 王芳芳 李王");
  /* two characters: the most common length of a Chinese name */
  g_assert_cmpstr (two, ==, "王芳 王芳芳");
  g_assert_cmpstr (surname, ==, "潘玉兰");
  g_assert_cmpstr (none, ==, "");
}

static void
test_long_queries (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *name = search (f, "张三丰");
  g_autofree char *organization = search (f, "人民医院");
  g_autofree char *village = search (f, "老山寨");
  g_autofree char *spaces = search (f, "  王芳芳  ");
  g_autofree char *everyone = search (f, "");
  g_auto(GStrv) all = g_strsplit (everyone, " ", -1);

  g_assert_cmpstr (name, ==, "张三丰");
  g_assert_cmpstr (organization, ==, "王芳");
  g_assert_cmpstr (village, ==, "刘洋");
  g_assert_cmpstr (spaces, ==, "王芳芳");
  g_assert_cmpuint (g_strv_length (all), ==, G_N_ELEMENTS (people));
}

static void
test_literal_queries (Fixture       *f,
                      gconstpointer  data)
{
  /* quotes, percent and underscore are text, not syntax */
  g_autofree char *quoted = search (f, "\"100%\"_");
  g_autofree char *percent = search (f, "100%");
  g_autofree char *underscore = search (f, "%\"_合");
  g_autofree char *fts_syntax = search (f, "AND OR NOT");
  g_autofree char *fts_star = search (f, "人民*");

  g_assert_cmpstr (quoted, ==, "龚平");
  g_assert_cmpstr (percent, ==, "龚平");
  g_assert_cmpstr (underscore, ==, "龚平");
  g_assert_cmpstr (fts_syntax, ==, "");
  g_assert_cmpstr (fts_star, ==, "");
}

/* One or two characters search every field, as a phrase of single
 * characters: a surname, a given name, part of a village or an
 * organisation.  Signs are literal, as in longer queries. */
static void
test_short_queries_everywhere (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *village_part = search (f, "双谷");
  g_autofree char *organization_part = search (f, "医院");
  g_autofree char *percent = search (f, "%");
  g_autofree char *star = search (f, "王*");
  g_autofree char *given = search (f, "芳");
  g_autofree char *not_adjacent = search (f, "王兰");

  g_assert_cmpstr (village_part, ==, "王芳 李王 潘玉兰");
  g_assert_cmpstr (organization_part, ==, "王芳");
  g_assert_cmpstr (percent, ==, "龚平");
  g_assert_cmpstr (star, ==, "");
  g_assert_cmpstr (given, ==, "王芳 王芳芳");
  g_assert_cmpstr (not_adjacent, ==, "");
}

/* What a Chinese input method types: spaces between characters,
 * full-width digits and letters, either case.  An edit moves the words
 * in the index: the old organisation is no longer found, the new one is. */
static void
test_typed_forms (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *spaced = search (f, "王 芳");
  g_autofree char *full_width = search (f, "１００％");
  g_autofree char *before = NULL;
  g_autofree char *old_words = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *wide_upper = NULL;
  TxPersonFilter filter = { (char *) "罗文", };
  TxPerson *luo;

  g_assert_cmpstr (spaced, ==, "王芳 王芳芳");
  g_assert_cmpstr (full_width, ==, "龚平");

  before = search (f, "茶叶");
  g_assert_cmpstr (before, ==, "罗文");

  found = tx_roster_query (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  luo = g_ptr_array_index (found, 0);
  g_free (luo->organization);
  luo->organization = g_strdup ("Tea Garden 茶园");
  g_assert_true (tx_roster_edit_person (f->store, luo, &error));
  g_assert_no_error (error);

  old_words = search (f, "茶叶");
  lower = search (f, "tea garden");
  wide_upper = search (f, "ＴＥＡ");
  g_assert_cmpstr (old_words, ==, "");
  g_assert_cmpstr (lower, ==, "罗文");
  g_assert_cmpstr (wide_upper, ==, "罗文");
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  TxPersonFilter filter = { 0, };
  g_autofree char *experts = NULL;
  g_autofree char *fengshan = NULL;
  g_autofree char *both = NULL;

  filter.order = TX_ORDER_STROKES;
  filter.has_category = TRUE;
  filter.category = TX_CATEGORY_EXPERT;
  experts = names_for (f, &filter);
  g_assert_cmpstr (experts, ==, "王芳 石磊");

  filter.has_category = FALSE;
  filter.township = (char *) "凤山镇";
  fengshan = names_for (f, &filter);
  g_assert_cmpstr (fengshan, ==, "王芳 王芳芳 李王 潘玉兰");

  filter.search = (char *) "双谷村";
  both = names_for (f, &filter);
  g_assert_cmpstr (both, ==, "王芳 李王 潘玉兰");
}

static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  TxPersonFilter filter = { 0, };
  g_autofree char *strokes = NULL;
  g_autofree char *pinyin = NULL;

  /* 按姓氏笔画为序: 丁2 王4 石5 刘6 李7 张7 罗8 赵9 龚11 潘15; 李 and
   * 张 have the same count, so only their place among the others is
   * asserted */
  filter.order = TX_ORDER_STROKES;
  strokes = names_for (f, &filter);
  g_assert_true (g_str_equal (strokes, "丁一 王芳 王芳芳 石磊 刘洋 李王 张三丰 罗文 赵敏 龚平 潘玉兰") ||
                 g_str_equal (strokes, "丁一 王芳 王芳芳 石磊 刘洋 张三丰 李王 罗文 赵敏 龚平 潘玉兰"));

  /* by pinyin: ding gong li liu luo pan shi wang zhang zhao */
  filter.order = TX_ORDER_PINYIN;
  pinyin = names_for (f, &filter);
  g_assert_cmpstr (pinyin, ==, "丁一 龚平 李王 刘洋 罗文 潘玉兰 石磊 王芳 王芳芳 张三丰 赵敏");
}

/* The names @filter lists, kept until the next call. */
static const char *
sorted_names (Fixture              *f,
              const TxPersonFilter *filter)
{
  static char *names;

  g_free (names);
  names = names_for (f, filter);
  return names;
}

/* Sorted by a column of the roster, as a click on its header does:
 * by pinyin, in the order townships are listed, in the order of the
 * categories; empty values last either way, names breaking ties. */
static void
test_sort_columns (Fixture       *f,
                   gconstpointer  data)
{
  TxPersonFilter filter = { 0, };
  g_autoptr(GError) error = NULL;

  /* huang lao qi qi shuang×3 xiao×2, then the two without a village */
  filter.sort = TX_PERSON_SORT_VILLAGE;
  g_assert_cmpstr (sorted_names (f, &filter), ==,
                   "王芳芳 刘洋 罗文 张三丰 李王 潘玉兰 王芳 丁一 石磊 龚平 赵敏");
  filter.descending = TRUE;
  g_assert_cmpstr (sorted_names (f, &filter), ==,
                   "丁一 石磊 李王 潘玉兰 王芳 罗文 张三丰 刘洋 王芳芳 龚平 赵敏");

  /* townships by pinyin (the default): feng jin lu xian */
  filter.sort = TX_PERSON_SORT_TOWNSHIP;
  filter.descending = FALSE;
  g_assert_cmpstr (sorted_names (f, &filter), ==,
                   "李王 潘玉兰 王芳 王芳芳 龚平 刘洋 赵敏 丁一 石磊 罗文 张三丰");

  /* …and by strokes once the setting says so: 凤4 仙5 陆7 金8 */
  g_assert_true (tx_settings_set_text (tx_store_get_settings (f->store), "township-order", "strokes", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sorted_names (f, &filter), ==,
                   "李王 潘玉兰 王芳 王芳芳 罗文 张三丰 丁一 石磊 龚平 刘洋 赵敏");

  /* categories in their order: liaison officer, CPPCC member, deputy,
   * retired cadre, local notable, experts, stakeholders, official,
   * resident */
  filter.sort = TX_PERSON_SORT_CATEGORIES;
  g_assert_cmpstr (sorted_names (f, &filter), ==,
                   "赵敏 张三丰 潘玉兰 丁一 龚平 石磊 王芳 刘洋 罗文 李王 王芳芳");

  /* organizations by pinyin: feng… fu… ge… jin… lu… tui… xian… */
  filter.sort = TX_PERSON_SORT_ORGANIZATION;
  g_assert_cmpstr (sorted_names (f, &filter), ==,
                   "李王 潘玉兰 王芳芳 龚平 张三丰 王芳 刘洋 赵敏 石磊 丁一 罗文");

  /* the name column itself, last to first */
  filter.sort = TX_PERSON_SORT_NAME;
  filter.descending = TRUE;
  filter.order = TX_ORDER_PINYIN;
  g_assert_cmpstr (sorted_names (f, &filter), ==,
                   "赵敏 张三丰 王芳芳 王芳 石磊 潘玉兰 罗文 刘洋 李王 龚平 丁一");
}

/* Strokes as the mainland counts them: 陈 7 before 罗 8, 蒙 13 before
 * 熊 14 (ICU's own stroke order has them the other way round). */
static void
test_mainland_strokes (void)
{
  const char *surnames[] = { "丁", "王", "石", "刘", "陈", "罗", "赵", "龚", "蒙", "熊", "潘" };

  for (guint i = 0; i + 1 < G_N_ELEMENTS (surnames); i++)
    {
      g_test_message ("%s before %s", surnames[i], surnames[i + 1]);
      g_assert_cmpint (tx_collate_compare (surnames[i], surnames[i + 1], TX_ORDER_STROKES), <, 0);
    }

  /* the surname first, then the given name, a shorter name first */
  g_assert_cmpint (tx_collate_compare ("王五", "王二", TX_ORDER_STROKES), >, 0);
  g_assert_cmpint (tx_collate_compare ("王", "王一", TX_ORDER_STROKES), <, 0);
  g_assert_cmpint (tx_collate_compare ("潘一", "丁潘", TX_ORDER_STROKES), >, 0);
  /* names in Latin letters after Chinese ones, not lost */
  g_assert_cmpint (tx_collate_compare ("Wei Lan", "潘", TX_ORDER_STROKES), >, 0);

  /* pinyin: chen luo meng pan xiong */
  g_assert_cmpint (tx_collate_compare ("陈", "罗", TX_ORDER_PINYIN), <, 0);
  g_assert_cmpint (tx_collate_compare ("潘", "熊", TX_ORDER_PINYIN), <, 0);
  g_assert_cmpint (tx_collate_compare ("熊", "蒙", TX_ORDER_PINYIN), >, 0);
}

static gboolean
add_many (TxStore   *store,
          gpointer   user_data,
          GError   **error)
{
  const char *surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
  const char *given = "芳敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂";

  for (guint i = 0; i < GPOINTER_TO_UINT (user_data); i++)
    {
      g_autoptr(TxPerson) person = NULL;
      g_autofree char *name = NULL;
      const char *s = g_utf8_offset_to_pointer (surnames, i % 20);
      const char *g = g_utf8_offset_to_pointer (given, (i / 20) % 20);

      name = g_strdup_printf ("%.*s%.*s%u", (int) (g_utf8_next_char (s) - s), s,
                              (int) (g_utf8_next_char (g) - g), g, i);
      person = tx_person_new_with_fields (NULL, name, TX_GENDER_UNKNOWN, "", NULL, "", "", "", "", "");
      if (!tx_roster_save_person (store, person, error))
        return FALSE;
    }

  return TRUE;
}

static void
test_paged_model (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPersonList) list = NULL;
  g_autoptr(GPtrArray) all = NULL;
  TxPersonFilter filter = { 0, };
  guint n;

  g_assert_true (tx_store_write (f->store, add_many, GUINT_TO_POINTER (750), &error));
  g_assert_no_error (error);

  list = tx_person_list_new (f->store);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 750 + G_N_ELEMENTS (people));

  all = tx_roster_query (f->store, NULL, &error);
  g_assert_cmpuint (all->len, ==, n);

  /* random access, far pages first, gives the same rows as one query */
  for (int i = n - 1; i >= 0; i -= 37)
    {
      g_autoptr(TxPerson) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_nonnull (item);
      g_assert_cmpstr (tx_person_get_uuid (item), ==, tx_person_get_uuid (g_ptr_array_index (all, i)));
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));

  /* a filter shrinks it */
  filter.search = (char *) "王";
  tx_person_list_set_filter (list, &filter);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, (750 + 19) / 20 + 3);   /* every 20th, from 0 */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TxPerson) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_nonnull (strstr (tx_person_get_name (item), "王"));
    }
}

typedef struct {
  guint position;
  guint removed;
  guint added;
  guint count;
  guint n_items;       /* as the views know it */
  guint all_removed;   /* since last cleared */
  guint all_added;
} Emitted;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Emitted    *emitted)
{
  /* what the views are told adds up to the list as it is, each time */
  g_assert_cmpuint (position + removed, <=, emitted->n_items);
  emitted->n_items = emitted->n_items - removed + added;
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, emitted->n_items);

  emitted->position = position;
  emitted->removed = removed;
  emitted->added = added;
  emitted->all_removed += removed;
  emitted->all_added += added;
  emitted->count++;
}

/* What a view sees when the list's rows are replaced: the new ones
 * first, before the old; then, at "replacing", the old ones still
 * there right after the new (a view moved to the new ones keeps its
 * rows for them); then the old ones gone. */
typedef struct {
  Emitted    emitted;
  guint      n_old;
  guint      n_new;
  guint      replacing;      /* times told */
  char      *first_new;      /* the uuids at "replacing" */
  char      *first_old;
} Replaced;

static void
on_replacing_cb (GListModel *model,
                 guint       position,
                 guint       n_new,
                 Replaced   *replaced)
{
  g_autoptr(TxPerson) first_new = g_list_model_get_item (model, position);
  g_autoptr(TxPerson) first_old = g_list_model_get_item (model, position + n_new);

  /* the new rows came, and only they */
  g_assert_cmpuint (replaced->emitted.count, ==, 1);
  g_assert_cmpuint (replaced->emitted.position, ==, 0);
  g_assert_cmpuint (replaced->emitted.removed, ==, 0);
  g_assert_cmpuint (replaced->emitted.added, ==, n_new);
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, replaced->n_old + n_new);

  replaced->n_new = n_new;
  replaced->replacing++;
  g_free (replaced->first_new);
  g_free (replaced->first_old);
  replaced->first_new = g_strdup (tx_person_get_uuid (first_new));
  replaced->first_old = g_strdup (tx_person_get_uuid (first_old));
}

static void
replace_rows (TxPersonList   *list,
              const char     *search,
              GPtrArray      *old_rows,
              GPtrArray      *new_rows)
{
  TxPersonFilter filter = { 0, };
  Replaced replaced = { 0, };
  gulong changed_id, replacing_id;

  replaced.n_old = g_list_model_get_n_items (G_LIST_MODEL (list));
  replaced.emitted.n_items = replaced.n_old;
  g_assert_cmpuint (replaced.n_old, ==, old_rows->len);
  changed_id = g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &replaced.emitted);
  replacing_id = g_signal_connect (list, "replacing", G_CALLBACK (on_replacing_cb), &replaced);

  filter.search = (char *) search;
  tx_person_list_set_filter (list, &filter);

  g_assert_cmpuint (replaced.replacing, ==, 1);
  g_assert_cmpuint (replaced.n_new, ==, new_rows->len);
  g_assert_cmpstr (replaced.first_new, ==, tx_person_get_uuid (g_ptr_array_index (new_rows, 0)));
  g_assert_cmpstr (replaced.first_old, ==, tx_person_get_uuid (g_ptr_array_index (old_rows, 0)));
  /* then the old rows went, and nothing else was told */
  g_assert_cmpuint (replaced.emitted.count, ==, 2);
  g_assert_cmpuint (replaced.emitted.position, ==, new_rows->len);
  g_assert_cmpuint (replaced.emitted.removed, ==, old_rows->len);
  g_assert_cmpuint (replaced.emitted.added, ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, new_rows->len);
  for (guint i = 0; i < new_rows->len; i++)
    {
      g_autoptr(TxPerson) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpstr (tx_person_get_uuid (item), ==, tx_person_get_uuid (g_ptr_array_index (new_rows, i)));
    }

  g_signal_handler_disconnect (list, changed_id);
  g_signal_handler_disconnect (list, replacing_id);
  g_free (replaced.first_new);
  g_free (replaced.first_old);
}

/* A search typed, then emptied: the rows are replaced in two steps. */
static void
test_paged_model_replaced (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPersonList) list = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) found = NULL;
  TxPersonFilter filter = { 0, };

  g_assert_true (tx_store_write (f->store, add_many, GUINT_TO_POINTER (750), &error));
  g_assert_no_error (error);
  list = tx_person_list_new (f->store);
  tx_paged_list_set_new_rows_first (TX_PAGED_LIST (list), TRUE);

  all = tx_roster_query (f->store, NULL, &error);
  g_assert_no_error (error);
  filter.search = (char *) "王";
  found = tx_roster_query (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >, 1);
  g_assert_cmpuint (found->len, <, all->len);

  replace_rows (list, "王", all, found);
  replace_rows (list, NULL, found, all);
}

static gboolean
save_person (TxStore   *store,
             gpointer   person,
             GError   **error)
{
  return tx_roster_save_person (store, person, error);
}

/* @person as it is, with another name and organization */
static TxPerson *
person_changed (TxPerson   *person,
                const char *name,
                const char *organization)
{
  return tx_person_new_with_fields (tx_person_get_uuid (person), name, tx_person_get_gender (person),
                                    tx_person_get_ethnicity (person), tx_person_get_township_uuid (person),
                                    tx_person_get_village (person), organization,
                                    tx_person_get_title (person), tx_person_get_phone (person),
                                    tx_person_get_notes (person));
}

/* A person saved: the views hear of the rows that changed, not of
 * every row (a city's roster would be read again whole to find the row
 * chosen); and the rows read after are the roster as it is. */
/* Until nothing is left to do: the pieces of work of tx-turns.c */
static void
run_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_paged_model_saved (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPersonList) list = NULL;
  g_autoptr(TxPerson) middle = NULL;
  g_autoptr(TxPerson) changed = NULL;
  g_autoptr(TxPerson) moved = NULL;
  g_autoptr(GPtrArray) all = NULL;
  Emitted emitted = { 0, };
  guint n;

  g_assert_true (tx_store_write (f->store, add_many, GUINT_TO_POINTER (750), &error));
  g_assert_no_error (error);
  list = tx_person_list_new (f->store);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  emitted.n_items = n;
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &emitted);

  /* where they were: their row alone, as it is now */
  middle = g_list_model_get_item (G_LIST_MODEL (list), 300);
  changed = person_changed (middle, tx_person_get_name (middle), "新的工作单位");
  g_assert_true (tx_store_write (f->store, save_person, changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (emitted.count, ==, 1);
  g_assert_cmpuint (emitted.position, ==, 300);
  g_assert_cmpuint (emitted.removed, ==, 1);
  g_assert_cmpuint (emitted.added, ==, 1);
  {
    g_autoptr(TxPerson) row = g_list_model_get_item (G_LIST_MODEL (list), 300);

    g_assert_cmpstr (tx_person_get_uuid (row), ==, tx_person_get_uuid (middle));
    g_assert_cmpstr (tx_person_get_organization (row), ==, "新的工作单位");
  }

  /* renamed to the front: the rows from there to where they were */
  moved = person_changed (middle, "阿一", "新的工作单位");
  g_assert_true (tx_store_write (f->store, save_person, moved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (emitted.count, ==, 2);
  g_assert_cmpuint (emitted.removed, ==, emitted.added);
  g_assert_cmpuint (emitted.position + emitted.removed, ==, 301);
  g_assert_cmpuint (emitted.removed, <, n);
  all = tx_roster_query (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TxPerson) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpstr (tx_person_get_uuid (row), ==, tx_person_get_uuid (g_ptr_array_index (all, i)));
    }

  /* a list nobody sees does not read its ids at each change */
  {
    g_autoptr(TxPerson) again = person_changed (middle, "阿二", "新的工作单位");
    guint before = emitted.count;

    tx_paged_list_set_watching (TX_PAGED_LIST (list), FALSE);
    g_assert_true (tx_store_write (f->store, save_person, again, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (emitted.count, ==, before);
    tx_paged_list_set_watching (TX_PAGED_LIST (list), TRUE);
    tx_paged_list_reload (TX_PAGED_LIST (list));
    g_assert_cmpuint (emitted.count, >, before);
  }

  /* another program wrote, the same people in the same order: the
   * views hear of the rows they were given, a page at a time, and read
   * them as they are now; of the others, nothing (they read them anew
   * when they come to them) */
  {
    g_autoptr(TxPerson) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(TxPerson) later = g_list_model_get_item (G_LIST_MODEL (list), 250);
    g_autoptr(TxPerson) later_now = NULL;
    g_autofree char *sql = g_strdup_printf ("UPDATE person SET organization = '别的单位' WHERE uuid = '%s'",
                                            tx_person_get_uuid (later));

    g_assert_cmpint (sqlite3_exec (tx_store_get_db (f->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
    emitted.count = emitted.all_removed = emitted.all_added = 0;
    tx_store_emit_changed (f->store, "all");
    /* told in a turn of the main loop of its own */
    g_assert_cmpuint (emitted.count, ==, 0);
    g_assert_true (tx_turns_pending ());
    run_main_loop ();
    g_assert_cmpuint (emitted.count, ==, 2);
    g_assert_cmpuint (emitted.all_removed, ==, 200);
    g_assert_cmpuint (emitted.all_added, ==, 200);
    g_assert_cmpuint (emitted.position, ==, 200);
    g_assert_cmpuint (emitted.removed, ==, 100);
    g_assert_cmpuint (emitted.added, ==, 100);
    later_now = g_list_model_get_item (G_LIST_MODEL (list), 250);
    g_assert_cmpstr (tx_person_get_uuid (later_now), ==, tx_person_get_uuid (later));
    g_assert_cmpstr (tx_person_get_organization (later_now), ==, "别的单位");
  }

  /* another program added someone: every row, the old ones gone first,
   * then the new ones come (a view told both at once would read every
   * row to find the ones it showed) */
  tx_paged_list_set_watching (TX_PAGED_LIST (list), FALSE);
  g_assert_true (tx_store_write (f->store, add_many, GUINT_TO_POINTER (1), &error));
  g_assert_no_error (error);
  tx_paged_list_set_watching (TX_PAGED_LIST (list), TRUE);
  emitted.count = emitted.all_removed = emitted.all_added = 0;
  tx_store_emit_changed (f->store, "all");
  run_main_loop ();
  g_assert_cmpuint (emitted.count, ==, 2);
  g_assert_cmpuint (emitted.all_removed, ==, n);
  g_assert_cmpuint (emitted.all_added, ==, n + 1);
  g_assert_cmpuint (emitted.position, ==, 0);
  g_assert_cmpuint (emitted.removed, ==, 0);
  g_assert_cmpuint (emitted.added, ==, n + 1);

  /* a list made unread (a search box not opened yet) does not read the
   * roster when it changes, only when first asked */
  {
    g_autoptr(TxPersonList) unread = g_object_new (TX_TYPE_PERSON_LIST, "store", f->store,
                                                   "item-type", TX_TYPE_PERSON, NULL);
    g_autoptr(TxPerson) again = person_changed (middle, "阿三", "新的工作单位");
    Emitted heard = { 0, };

    g_signal_connect (unread, "items-changed", G_CALLBACK (on_items_changed_cb), &heard);
    g_assert_true (tx_store_write (f->store, save_person, again, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (heard.count, ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (unread)), ==, 0);
    tx_paged_list_reload (TX_PAGED_LIST (unread));
    g_assert_cmpuint (heard.count, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (unread)), ==, n + 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/search/short", Fixture, NULL, fixture_set_up, test_short_queries, fixture_tear_down);
  g_test_add ("/search/long", Fixture, NULL, fixture_set_up, test_long_queries, fixture_tear_down);
  g_test_add ("/search/literal", Fixture, NULL, fixture_set_up, test_literal_queries, fixture_tear_down);
  g_test_add ("/search/short-everywhere", Fixture, NULL, fixture_set_up, test_short_queries_everywhere, fixture_tear_down);
  g_test_add ("/search/typed-forms", Fixture, NULL, fixture_set_up, test_typed_forms, fixture_tear_down);
  g_test_add ("/search/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/search/order", Fixture, NULL, fixture_set_up, test_order, fixture_tear_down);
  g_test_add ("/search/sort-columns", Fixture, NULL, fixture_set_up, test_sort_columns, fixture_tear_down);
  g_test_add_func ("/search/mainland-strokes", test_mainland_strokes);
  g_test_add ("/search/paged-model", Fixture, NULL, fixture_set_up, test_paged_model, fixture_tear_down);
  g_test_add ("/search/paged-model/replaced", Fixture, NULL, fixture_set_up, test_paged_model_replaced, fixture_tear_down);
  g_test_add ("/search/paged-model/saved", Fixture, NULL, fixture_set_up, test_paged_model_saved, fixture_tear_down);

  return g_test_run ();
}
