/* tx-circular-document.c
 *
 * The city office's quarterly circular on the townships' consultative
 * work: the colour of each township with the reasons, the ledger chart,
 * the three zeros and suggestions for the next stage.  An official
 * document, in Chinese (GB/T 9704 where it applies).
 *
 * A few townships (SMALL_LEDGER) are each a row of its table, with up
 * to three reasons and “等N项” for all of them, and each a suggestion
 * of its own.  A city's circular stays a few pages (MAX_PAGES) however
 * many townships it rates: the chart, compact, comes first; the table
 * lists the townships rated red and yellow, the most reasons first, as
 * many as the pages hold (from an estimate of how the lines fall), the
 * others are named; and the drafted suggestions go by what is to be
 * done, each naming the townships it is for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-circular-document"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tx-circular-chart.h"
#include "tx-circular-document.h"
#include "tx-doc-format.h"
#include "tx-doc-title.h"
#include "tx-work-group.h"

static const char * const color_words[] = { "绿", "黄", "红" };
static const char * const color_names[] = { "绿色", "黄色", "红色" };
/* The stages as a circular names them: the meeting stage (协商) is the
 * 会议 of a consultation whose title ends in 协商 already. */
static const char * const stage_names[] = { "选题", "调研", "会议", "报送", "反馈", "监督" };

/* A ledger of more townships than this is a city's. */
#define SMALL_LEDGER 10

/* The reasons a township's row gives at most, then “等N项”. */
#define MAIN_REASONS 3

/* The titles a suggestion names of a kind, and the townships a city's
 * suggestion names, before “等…”. */
#define NAMED_TITLES 3
#define NAMED_TOWNSHIPS 3

/* The pages a city's circular is written to fit in. */
#define MAX_PAGES 6

/* The columns of the table: of a few townships, and of a city's. */
static const char * const small_header[] = { "序号", "乡镇（街道）", "评定", "计划完成", "主要问题" };
/* 乡镇（街道）, 计划完成 and 已开展2次 on one line each, in 四号 */
static const double small_widths[] = { 1.3, 3.6, 1.7, 2.8, 6.2 };
static const char * const city_header[] = { "序号", "乡镇（街道）", "评定", "主要问题" };
/* a reason with a title of twenty characters and 等N项 in two lines */
static const double city_widths[] = { 1.2, 3.2, 1.3, 9.9 };

static const char *
stage_name (guint stage)
{
  return stage < G_N_ELEMENTS (stage_names) ? stage_names[stage] : "";
}

static char *
percent (double rate)
{
  return rate < 0 ? g_strdup ("—") : g_strdup_printf ("%.0f%%", rate * 100);
}

/* 第一 … 第四季度, as a document writes a quarter */
static const char *
quarter_words (int quarter)
{
  static const char * const words[] = { "一", "二", "三", "四" };

  return quarter >= 1 && quarter <= 4 ? words[quarter - 1] : "";
}

/* The reason behind a colour, as the circular words it. */
char *
tx_circular_reason_text (const TxLedgerHit *hit)
{
  switch (hit->rule)
    {
    case TX_RULE_STAGE_OVERDUE:
      return g_strdup_printf ("“%s”%s环节逾期%d天", hit->title, stage_name (hit->stage), hit->days);
    case TX_RULE_FEEDBACK_WAITING:
      return g_strdup_printf ("协商建言“%s”报送%d天未获反馈", hit->title, hit->days);
    case TX_RULE_PLAN_BEHIND:
      return g_strdup_printf ("协商计划进度落后%d次", hit->days);
    case TX_RULE_PLAN_MISSING:
      return g_strdup ("未制定年度协商计划");
    case TX_RULE_DATA_STALE:
      return g_strdup_printf ("数据已%d天未报送", hit->days);
    case TX_RULE_UNTRAINED:
      return g_strdup_printf ("%d名联络组组长、联络员任职以来未参加业务培训", hit->days);
    default:
      return g_strdup ("");
    }
}

static guint
count_rule (GPtrArray *hits,
            TxRule     rule)
{
  guint n = 0;

  for (guint h = 0; h < hits->len; h++)
    if (((TxLedgerHit *) g_ptr_array_index (hits, h))->rule == rule)
      n++;

  return n;
}

/* The titles of the first NAMED_TITLES of @hits of @rule, each in
 * quotes (and for a stage, with it), joined by 、; @n_hits, how many
 * there are. */
static char *
hit_titles (GPtrArray *hits,
            TxRule     rule,
            guint     *n_hits)
{
  GString *titles = g_string_new (NULL);
  guint named = 0;

  for (guint h = 0; h < hits->len && named < NAMED_TITLES; h++)
    {
      TxLedgerHit *hit = g_ptr_array_index (hits, h);

      if (hit->rule != rule)
        continue;
      /* “甲”“乙” (no 顿号 between quotes), but “甲”调研环节、“乙”会议环节 */
      if (titles->len > 0 && rule == TX_RULE_STAGE_OVERDUE)
        g_string_append (titles, "、");
      g_string_append_printf (titles, "“%s”", hit->title);
      if (rule == TX_RULE_STAGE_OVERDUE)
        g_string_append_printf (titles, "%s环节", stage_name (hit->stage));
      named++;
    }
  *n_hits = count_rule (hits, rule);

  return g_string_free (titles, titles->len == 0);
}

/* The suggestion for one township: its problems of each kind in one
 * clause, the first few of a kind named; %NULL for one without. */
static char *
draft_township (TxLedger      *ledger,
                TxLedgerEntry *entry)
{
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_free);
  guint n_overdue, n_waiting;
  g_autofree char *overdue = hit_titles (entry->hits, TX_RULE_STAGE_OVERDUE, &n_overdue);
  g_autofree char *waiting = hit_titles (entry->hits, TX_RULE_FEEDBACK_WAITING, &n_waiting);
  g_autofree char *joined = NULL;

  if (count_rule (entry->hits, TX_RULE_PLAN_MISSING) > 0)
    g_ptr_array_add (clauses, g_strdup ("尽快制定年度协商计划，报市政协备案"));
  if (count_rule (entry->hits, TX_RULE_DATA_STALE) > 0)
    g_ptr_array_add (clauses, g_strdup ("及时报送协商工作数据"));
  if (count_rule (entry->hits, TX_RULE_UNTRAINED) > 0)
    g_ptr_array_add (clauses, g_strdup ("组织联络组组长、联络员参加业务培训"));
  if (count_rule (entry->hits, TX_RULE_PLAN_BEHIND) > 0)
    /* at the end of the year, the next is a year away */
    g_ptr_array_add (clauses, g_strdup (ledger->quarter == 4
                                        ? "将未完成的协商计划纳入下一年度统筹安排"
                                        : "按年度协商计划组织开展协商活动，补齐计划进度"));
  if (overdue != NULL && n_overdue > NAMED_TITLES)
    g_ptr_array_add (clauses, g_strdup_printf ("加快%s等%u个环节的工作，尽快补齐进度", overdue, n_overdue));
  else if (overdue != NULL)
    g_ptr_array_add (clauses, g_strdup_printf ("加快%s工作，尽快补齐进度", overdue));
  if (waiting != NULL && n_waiting > NAMED_TITLES)
    g_ptr_array_add (clauses, g_strdup_printf ("跟踪协商建言%s等%u条的办理情况，督促承办单位及时反馈",
                                               waiting, n_waiting));
  else if (waiting != NULL)
    g_ptr_array_add (clauses, g_strdup_printf ("跟踪协商建言%s的办理情况，督促承办单位及时反馈", waiting));
  if (clauses->len == 0)
    return NULL;

  g_ptr_array_add (clauses, NULL);
  joined = g_strjoinv ("；", (char **) clauses->pdata);

  return g_strdup_printf ("%s政协联络组要%s。", entry->township_name, joined);
}

/* A township and how many hits of a rule it has. */
typedef struct {
  TxLedgerEntry *entry;
  guint          n_hits;
  guint          index;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->n_hits != y->n_hits)
    return x->n_hits > y->n_hits ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* The townships with hits of @rule, the most first; @n_hits, all of
 * them. */
static GArray *
rank_by_rule (TxLedger *ledger,
              TxRule    rule,
              guint    *n_hits)
{
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));

  *n_hits = 0;
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
      Ranked r = { entry, count_rule (entry->hits, rule), i };

      if (r.n_hits == 0)
        continue;
      *n_hits += r.n_hits;
      g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, compare_ranked);

  return ranked;
}

/* “甲镇、乙乡、丙镇等12个乡镇（街道）”, or the names alone when they
 * are few. */
static char *
name_townships (GArray *ranked)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < ranked->len && i < NAMED_TOWNSHIPS; i++)
    g_string_append_printf (names, "%s%s", i ? "、" : "",
                            g_array_index (ranked, Ranked, i).entry->township_name);
  if (ranked->len > NAMED_TOWNSHIPS)
    g_string_append_printf (names, "等%u个乡镇（街道）", ranked->len);

  return g_string_free (names, FALSE);
}

/* A city's suggestions: one for each thing to be done, naming the
 * townships that are to do it; returns how many. */
static guint
draft_by_action (TxLedger *ledger,
                 GString  *text)
{
  static const TxRule rules[] = {
    TX_RULE_PLAN_MISSING, TX_RULE_PLAN_BEHIND, TX_RULE_STAGE_OVERDUE, TX_RULE_FEEDBACK_WAITING,
    TX_RULE_DATA_STALE, TX_RULE_UNTRAINED,
  };
  guint n = 0;

  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      guint n_hits;
      g_autoptr(GArray) ranked = rank_by_rule (ledger, rules[r], &n_hits);
      g_autofree char *names = NULL;

      if (ranked->len == 0)
        continue;
      names = name_townships (ranked);
      switch (rules[r])
        {
        case TX_RULE_PLAN_MISSING:
          g_string_append_printf (text, "%s政协联络组要尽快制定年度协商计划，报市政协备案。\n", names);
          break;
        case TX_RULE_PLAN_BEHIND:
          g_string_append_printf (text, ledger->quarter == 4
                                        ? "%s政协联络组要将未完成的协商计划纳入下一年度统筹安排。\n"
                                        : "%s政协联络组要按年度协商计划组织开展协商活动，补齐计划进度。\n",
                                  names);
          break;
        case TX_RULE_STAGE_OVERDUE:
          g_string_append_printf (text, "%s政协联络组要加快推进逾期的%u个协商环节，尽快补齐进度。\n",
                                  names, n_hits);
          break;
        case TX_RULE_DATA_STALE:
          g_string_append_printf (text, "%s政协联络组要及时向市政协报送协商工作数据。\n", names);
          break;
        case TX_RULE_UNTRAINED:
          g_string_append_printf (text, "%s政协联络组要组织任职以来未参加培训的联络组组长、联络员参加业务培训。\n", names);
          break;
        case TX_RULE_FEEDBACK_WAITING:
        default:
          g_string_append_printf (text, "%s政协联络组要跟踪逾期未获反馈的%u条协商建言的办理情况，"
                                        "督促承办单位及时反馈。\n", names, n_hits);
          break;
        }
      n++;
    }

  return n;
}

/**
 * tx_circular_draft_suggestions:
 *
 * Returns: a first draft of the suggestions for the next stage, for the
 *   clerk to edit: for a few townships, one a township with problems,
 *   its problems of each kind in one clause; for a city, one a kind of
 *   problem, naming the townships that have it; then one for all
 */
char *
tx_circular_draft_suggestions (TxLedger *ledger)
{
  GString *text = g_string_new (NULL);
  guint n = 0;

  if (ledger->entries->len > SMALL_LEDGER)
    n = draft_by_action (ledger, text);
  else
    for (guint i = 0; i < ledger->entries->len; i++)
      {
        g_autofree char *line = draft_township (ledger, g_ptr_array_index (ledger->entries, i));

        if (line == NULL)
          continue;
        n++;
        g_string_append_printf (text, "%s\n", line);
      }

  if (n == 0)
    g_string_append (text, "各乡镇（街道）要保持良好势头，按年度协商计划扎实推进各项工作。\n");
  g_string_append (text, ledger->quarter == 4
                   ? "各乡镇（街道）政协联络组要对照通报问题逐项整改，整改情况于下一年度第一季度初报市政协。\n"
                   : "各乡镇（街道）政协联络组要对照通报问题逐项整改，整改情况于下季度初报市政协。\n");

  return g_string_free (text, FALSE);
}

/* The main reasons of @entry, in the order of the ledger (the worst
 * first): chosen the worst of each kind first, at most MAIN_REASONS of
 * them and no wider than @max_width characters (the first whatever
 * its width), joined by “；”, then “等N项”, N all its reasons, when
 * some are left out. */
static char *
main_reasons (TxLedgerEntry *entry,
              double         max_width)
{
  guint n_hits = entry->hits->len;
  g_autofree gboolean *chosen = g_new0 (gboolean, n_hits);
  g_autofree gboolean *first = g_new0 (gboolean, n_hits);
  g_autofree guint *order = g_new (guint, n_hits);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  gboolean seen[TX_RULE_UNTRAINED + 1] = { FALSE, };
  guint n_order = 0, n_chosen = 0;
  double width = 0;
  GString *text = g_string_new (NULL);

  for (guint h = 0; h < n_hits; h++)
    {
      TxLedgerHit *hit = g_ptr_array_index (entry->hits, h);

      g_ptr_array_add (reasons, tx_circular_reason_text (hit));
      if (hit->rule <= TX_RULE_UNTRAINED && !seen[hit->rule])
        {
          seen[hit->rule] = first[h] = TRUE;
          order[n_order++] = h;
        }
    }
  for (guint h = 0; h < n_hits; h++)
    if (!first[h])
      order[n_order++] = h;

  for (guint i = 0; i < n_order && n_chosen < MAIN_REASONS; i++)
    {
      double more = tx_doc_text_width (g_ptr_array_index (reasons, order[i])) + (n_chosen > 0 ? 1 : 0);
      /* room for 等N项 unless all are said */
      double rest = n_chosen + 1 < n_hits ? 4 : 0;

      if (n_chosen > 0 && width + more + rest > max_width)
        break;
      chosen[order[i]] = TRUE;
      width += more;
      n_chosen++;
    }

  for (guint h = 0; h < n_hits; h++)
    if (chosen[h])
      g_string_append_printf (text, "%s%s", text->len ? "；" : "", (char *) g_ptr_array_index (reasons, h));
  if (n_chosen < n_hits)
    g_string_append_printf (text, "等%u项", n_hits);

  return g_string_free (text, FALSE);
}

/* A first estimate of where the circular's lines fall, page after page,
 * from the sizes tx-odt-document.c sets them at (GB/T 9704): enough to
 * choose how much of a city's ledger its circular can list.  In mm. */
#define BLOCK_MM 225.0                  /* the text block: 22 lines of body text */
#define PT_MM (25.4 / 72)
#define BODY_LINE_MM (28.9 * PT_MM)     /* 3号 on its fixed line */
#define BODY_CHARS 28.0
/* and, as the estimate counts them, one less: a line may end early,
 * before a mark it cannot start the next with or a number kept whole */
#define CHARS_SHORT 1.0
#define TITLE_LINE_MM (35 * PT_MM)      /* 2号 */
#define TITLE_CHARS 20.0
#define CELL_LINE_MM (22 * PT_MM)       /* 4号 in a table */
#define CELL_CHAR_CM (13.75 * PT_MM / 10)
#define CELL_PADDING_CM 0.2
#define ROW_EXTRA_MM 2.4                /* a row's padding over and under, its rule */
#define TABLE_AFTER_MM 4.0
#define IMPRINT_CHARS 30.0              /* 4号 across the 版记, one character in each side */

typedef struct {
  guint  page;      /* from 1 */
  double used;      /* of it */
} Flow;

/* @n lines @line_mm high each, on as many pages as they take. */
static void
flow_lines (Flow   *flow,
            guint   n,
            double  line_mm)
{
  for (guint i = 0; i < n; i++)
    {
      if (flow->used + line_mm > BLOCK_MM)
        {
          flow->page++;
          flow->used = 0;
        }
      flow->used += line_mm;
    }
}

/* @mm kept together (a picture, a table's row), on the next page when
 * the rest of this one is too short, under @header_mm (a table's header
 * rows, repeated). */
static void
flow_block (Flow   *flow,
            double  mm,
            double  header_mm)
{
  if (flow->used > 0 && flow->used + mm > BLOCK_MM)
    {
      flow->page++;
      flow->used = header_mm;
    }
  flow->used += mm;
}

/* A heading, kept with the line after it. */
static void
flow_heading (Flow *flow)
{
  flow_block (flow, 2 * BODY_LINE_MM, 0);
  flow->used -= BODY_LINE_MM;
}

/* The lines @text takes at @chars characters a line, the first @indent in. */
static guint
count_lines (const char *text,
             double      chars,
             double      indent)
{
  return MAX (1, (guint) ceil ((tx_doc_text_width (text) + indent) / chars - 1e-6));
}

/* Body text, 3号, a paragraph a line of @text; @indent characters in. */
static void
flow_paragraphs (Flow       *flow,
                 const char *text,
                 double      indent)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        flow_lines (flow, count_lines (lines[i], BODY_CHARS - CHARS_SHORT, indent), BODY_LINE_MM);
    }
}

/* How tall a table's row of @cells is, in columns @widths_cm wide. */
static double
row_height (const char * const *cells,
            const double       *widths_cm,
            guint               n_columns)
{
  guint most = 1;

  for (guint c = 0; c < n_columns; c++)
    {
      double chars = MAX (1, floor ((widths_cm[c] - CELL_PADDING_CM) / CELL_CHAR_CM) - CHARS_SHORT);
      g_auto(GStrv) lines = g_strsplit (cells[c], "\n", -1);
      guint n = 0;

      for (guint l = 0; lines[l] != NULL; l++)
        n += count_lines (lines[l], chars, 0);
      most = MAX (most, n);
    }

  return most * CELL_LINE_MM + ROW_EXTRA_MM;
}

/* What the circular of a city lists of its red and yellow townships. */
typedef struct {
  GPtrArray *problems;       /* TxLedgerEntry: red, then yellow, the most reasons first */
  guint      n_listed;       /* the first of them, each a row with its reasons */
  double     reasons_width;  /* in characters, the most a row's reasons take */
} CityTable;

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const TxLedgerEntry *x = *(TxLedgerEntry * const *) a;
  const TxLedgerEntry *y = *(TxLedgerEntry * const *) b;

  if (x->color != y->color)
    return x->color > y->color ? -1 : 1;
  if (x->hits->len != y->hits->len)
    return x->hits->len > y->hits->len ? -1 : 1;
  return 0;
}

/* The townships rated red or yellow, in the order the table lists them. */
static GPtrArray *
list_problems (TxLedger *ledger)
{
  GPtrArray *problems = g_ptr_array_new ();

  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      if (entry->color != TX_COLOR_GREEN)
        g_ptr_array_add (problems, entry);
    }
  /* stable (g_qsort_with_data()): in the order of the ledger among equals */
  g_ptr_array_sort (problems, compare_problems);

  return problems;
}

/* The cells of a city's row @index (from 0) of @entry. */
static void
city_row (const CityTable *table,
          guint            index,
          char           **cells)
{
  TxLedgerEntry *entry = g_ptr_array_index (table->problems, index);

  cells[0] = g_strdup_printf ("%u", index + 1);
  cells[1] = g_strdup (entry->township_name);
  cells[2] = g_strdup (color_words[entry->color]);
  cells[3] = main_reasons (entry, table->reasons_width);
}

/* What a city's circular says before its chart and its table. */
static char *
city_intro (const CityTable *table)
{
  if (table->problems->len == 0)
    return g_strdup ("各乡镇（街道）各季度评定情况见下图。");
  if (table->n_listed < table->problems->len)
    return g_strdup_printf ("各乡镇（街道）各季度评定情况见下图。评定为红色、黄色的%u个乡镇（街道）中，"
                            "问题较多的%u个及其主要问题见图后表格，其余的列于表后。",
                            table->problems->len, table->n_listed);
  return g_strdup ("各乡镇（街道）各季度评定情况见下图。评定为红色、黄色的乡镇（街道）及其主要问题见图后表格，"
                   "问题较多的在前。");
}

/* The townships a city's circular names, after its table: those of the
 * red and yellow not in it, and the green, by colour, in the order of
 * the ledger. */
static char *
city_named (TxLedger        *ledger,
            const CityTable *table)
{
  g_autoptr(GHashTable) listed = g_hash_table_new (NULL, NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < table->n_listed; i++)
    g_hash_table_add (listed, g_ptr_array_index (table->problems, i));

  for (int color = TX_COLOR_RED; color >= TX_COLOR_GREEN; color--)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      guint n = 0;

      for (guint i = 0; i < ledger->entries->len; i++)
        {
          TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

          if ((int) entry->color != color || g_hash_table_contains (listed, entry))
            continue;
          g_string_append_printf (names, "%s%s", names->len ? "、" : "", entry->township_name);
          n++;
        }
      if (n == 0)
        continue;
      if (color == TX_COLOR_GREEN)
        g_string_append_printf (text, "评定为绿色的%u个：%s。\n", n, names->str);
      else
        g_string_append_printf (text, "%s评定为%s的%u个：%s。\n", table->n_listed > 0 ? "其余" : "",
                                color_names[color], n, names->str);
    }

  return g_string_free (text, FALSE);
}

/* How the suggestions are set: numbered, a paragraph a line. */
static char *
number_suggestions (const char *suggestions)
{
  g_auto(GStrv) lines = g_strsplit (suggestions ? suggestions : "", "\n", -1);
  GString *text = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        g_string_append_printf (text, "%u. %s\n", ++n, lines[i]);
    }

  return g_string_free (text, FALSE);
}

/* The pictures of a circular's chart (tx_circular_chart_split()). */
typedef struct {
  GPtrArray *pngs;       /* GBytes */
  GArray    *heights;    /* double: each as placed, in cm */
} ChartParts;

/* What comes after the beginning (@head) of a city's circular, to its
 * end: how many pages it all takes, estimated. */
static guint
estimate_city_pages (const Flow         *head,
                     TxLedger           *ledger,
                     const CityTable    *table,
                     const ChartParts   *chart,
                     const char         *numbered,
                     const TxIssueParts *parts)
{
  Flow flow = *head;
  g_autofree char *intro = city_intro (table);
  g_autofree char *named = city_named (ledger, table);

  /* 二、, and what it says of the chart and the table */
  flow_heading (&flow);
  flow_paragraphs (&flow, intro, 2);
  for (guint i = 0; i < chart->heights->len; i++)
    flow_block (&flow, g_array_index (chart->heights, double, i) * 10 + 1, 0);

  if (table->n_listed > 0)
    {
      double header = row_height (city_header, city_widths, G_N_ELEMENTS (city_widths));

      flow_block (&flow, header, 0);
      for (guint i = 0; i < table->n_listed; i++)
        {
          char *cells[G_N_ELEMENTS (city_header)];

          city_row (table, i, cells);
          flow_block (&flow, row_height ((const char * const *) cells, city_widths, G_N_ELEMENTS (cells)), header);
          for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
            g_free (cells[c]);
        }
      flow_block (&flow, TABLE_AFTER_MM, 0);
    }
  flow_paragraphs (&flow, named, 2);

  /* 三、 and the suggestions */
  flow_heading (&flow);
  flow_paragraphs (&flow, numbered, 2);

  /* a blank line, the issuing body kept with its date, the 版记 at the
   * foot of the last page */
  flow_lines (&flow, 1, BODY_LINE_MM);
  flow_block (&flow, 2 * BODY_LINE_MM, 0);
  if ((parts->copy_to != NULL && parts->copy_to[0] != '\0') || (parts->printer != NULL && parts->printer[0] != '\0'))
    {
      double copy_lines = parts->copy_to != NULL && parts->copy_to[0] != '\0'
                          ? count_lines (parts->copy_to, IMPRINT_CHARS, 3) : 0;

      flow_block (&flow, (copy_lines + 1) * CELL_LINE_MM + 4, 0);
    }
  /* and a line to spare, for what the estimate misses */
  flow_lines (&flow, 1, BODY_LINE_MM);

  return flow.page;
}

/* The most townships @table can list, at least one, when the circular
 * is to stay within MAX_PAGES. */
static guint
most_rows (const Flow         *head,
           TxLedger           *ledger,
           CityTable          *table,
           const ChartParts   *chart,
           const char         *numbered,
           const TxIssueParts *parts)
{
  for (table->n_listed = table->problems->len; table->n_listed > 1; table->n_listed--)
    if (estimate_city_pages (head, ledger, table, chart, numbered, parts) <= MAX_PAGES)
      break;

  return table->n_listed;
}

/* How many of a city's red and yellow townships its table lists, and
 * with how many reasons: as many as the circular holds with what three
 * lines of reasons take; or, when that leaves some out and two lines
 * leave out fewer, with two. */
static void
choose_city_table (const Flow         *head,
                   TxLedger           *ledger,
                   CityTable          *table,
                   const ChartParts   *chart,
                   const char         *numbered,
                   const TxIssueParts *parts)
{
  double chars = floor ((city_widths[3] - CELL_PADDING_CM) / CELL_CHAR_CM) - CHARS_SHORT;
  guint three, two;

  table->reasons_width = 3 * chars;
  three = most_rows (head, ledger, table, chart, numbered, parts);
  if (three >= table->problems->len)
    return;

  table->reasons_width = 2 * chars;
  two = most_rows (head, ledger, table, chart, numbered, parts);
  if (two > three)
    return;

  table->reasons_width = 3 * chars;
  table->n_listed = three;
}

/* The table of a few townships: each with its colour, its plan and its
 * reasons; then the townships of each colour named. */
static void
add_small_assessment (TxOdtDocument *doc,
                      TxLedger      *ledger)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) shades = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GString) summary = g_string_new (NULL);
  const int no_shade = -1;

  for (guint c = 0; c < G_N_ELEMENTS (small_header); c++)
    {
      g_ptr_array_add (cells, g_strdup (small_header[c]));
      g_array_append_val (shades, no_shade);
    }

  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
      int shade = entry->color;

      g_ptr_array_add (cells, g_strdup_printf ("%u", i + 1));
      g_ptr_array_add (cells, g_strdup (entry->township_name));
      g_ptr_array_add (cells, g_strdup (color_words[entry->color]));
      g_ptr_array_add (cells, entry->planned > 0
                              ? g_strdup_printf ("计划%d次\n已开展%d次", entry->planned, entry->held)
                              : g_strdup (entry->planned == 0 ? "计划0次" : "无计划"));
      g_ptr_array_add (cells, entry->hits->len > 0 ? main_reasons (entry, G_MAXDOUBLE) : g_strdup ("按计划推进"));
      g_array_append_val (shades, no_shade);
      g_array_append_val (shades, no_shade);
      g_array_append_val (shades, shade);
      g_array_append_val (shades, no_shade);
      g_array_append_val (shades, no_shade);
    }

  tx_odt_document_add_grid (doc, G_N_ELEMENTS (small_widths), small_widths, (const char * const *) cells->pdata,
                            (const int *) shades->data, cells->len);

  for (int color = TX_COLOR_RED; color >= TX_COLOR_GREEN; color--)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < ledger->entries->len; i++)
        {
          TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

          if ((int) entry->color == color)
            g_string_append_printf (names, "%s%s", names->len ? "、" : "", entry->township_name);
        }
      if (names->len > 0)
        g_string_append_printf (summary, "评定为%s的：%s。\n", color_names[color], names->str);
    }
  tx_odt_document_add_paragraphs (doc, summary->str);
}

/* The table of a city: its red and yellow townships as @table chose,
 * each with its colour and its main reasons; then the others named. */
static void
add_city_assessment (TxOdtDocument   *doc,
                     TxLedger        *ledger,
                     const CityTable *table)
{
  g_autofree char *named = city_named (ledger, table);

  if (table->n_listed > 0)
    {
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) shades = g_array_new (FALSE, FALSE, sizeof (int));
      const int no_shade = -1;

      for (guint c = 0; c < G_N_ELEMENTS (city_header); c++)
        {
          g_ptr_array_add (cells, g_strdup (city_header[c]));
          g_array_append_val (shades, no_shade);
        }
      for (guint i = 0; i < table->n_listed; i++)
        {
          TxLedgerEntry *entry = g_ptr_array_index (table->problems, i);
          char *row[G_N_ELEMENTS (city_header)];
          int shade = entry->color;

          city_row (table, i, row);
          for (guint c = 0; c < G_N_ELEMENTS (row); c++)
            {
              int cell_shade = c == 2 ? shade : no_shade;

              g_ptr_array_add (cells, row[c]);
              g_array_append_val (shades, cell_shade);
            }
        }
      tx_odt_document_add_grid (doc, G_N_ELEMENTS (city_widths), city_widths, (const char * const *) cells->pdata,
                                (const int *) shades->data, cells->len);
    }

  tx_odt_document_add_paragraphs (doc, named);
}

static void
add_chart (TxOdtDocument    *doc,
           const ChartParts *chart)
{
  for (guint i = 0; i < chart->pngs->len; i++)
    {
      double width_cm, height_cm;

      /* at the size its labels were drawn for, in its proportions */
      tx_circular_chart_get_placed_size (g_ptr_array_index (chart->pngs, i), &width_cm, &height_cm);
      tx_odt_document_add_image (doc, g_ptr_array_index (chart->pngs, i), width_cm, height_cm);
    }
}

/* The townships by the work group guiding them, when the city has
 * work groups: how many each guides, by colour, red first; NULL
 * when no township is in one. */
static char *
by_work_group (TxLedger *ledger)
{
  g_autoptr(GPtrArray) tallies = tx_work_group_tally (ledger);
  g_autoptr(GString) text = NULL;

  if (tallies->len == 0)
    return NULL;

  text = g_string_new ("分工作组看，");
  for (guint t = 0; t < tallies->len; t++)
    {
      TxWorkGroupTally *tally = g_ptr_array_index (tallies, t);
      const char *sep = "";

      if (t > 0)
        g_string_append (text, "；");
      if (tally->name != NULL)
        g_string_append_printf (text, "%s联系%u个（", tally->name, tally->entries->len);
      else
        g_string_append_printf (text, "未分工作组的%u个（", tally->entries->len);
      for (int color = TX_COLOR_RED; color >= TX_COLOR_GREEN; color--)
        if (tally->counts[color] > 0)
          {
            g_string_append_printf (text, "%s%s%u个", sep, color_names[color], tally->counts[color]);
            sep = "、";
          }
      g_string_append (text, "）");
    }
  g_string_append (text, "。");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The townships by work group, a row for each, the townships in no
 * group last: in a few townships' circular a column for each colour
 * naming them; in a city's, one column naming the red and yellow ones
 * and counting the green, so that a group of dozens takes a few lines.
 * @head learns the rows' heights, for the page estimate. */
static const char * const group_header[] = { "工作组", "红色", "黄色", "绿色" };
static const double group_widths[] = { 3.0, 4.2, 4.2, 4.2 };
static const char * const city_group_header[] = { "工作组", "评定情况" };
static const double city_group_widths[] = { 3.0, 12.6 };

static char *
group_names (TxWorkGroupTally *tally,
             int               color)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < tally->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (tally->entries, i);

      if ((int) entry->color == color)
        g_string_append_printf (names, "%s%s", names->len ? "、" : "", entry->township_name);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
add_work_group_table (TxOdtDocument *doc,
                      Flow          *head,
                      GPtrArray     *tallies,
                      gboolean       city)
{
  const char * const *header_cells = city ? city_group_header : group_header;
  const double *widths = city ? city_group_widths : group_widths;
  guint n_columns = city ? G_N_ELEMENTS (city_group_widths) : G_N_ELEMENTS (group_widths);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) shades = g_array_new (FALSE, FALSE, sizeof (int));
  const int no_shade = -1;
  double header;

  for (guint c = 0; c < n_columns; c++)
    {
      int shade = c == 0 || city ? no_shade : TX_COLOR_RED - (int) (c - 1);

      g_ptr_array_add (cells, g_strdup (header_cells[c]));
      g_array_append_val (shades, shade);
    }
  header = row_height (header_cells, widths, n_columns);
  flow_block (head, header, 0);

  for (guint t = 0; t < tallies->len; t++)
    {
      TxWorkGroupTally *tally = g_ptr_array_index (tallies, t);
      guint first = cells->len;

      g_ptr_array_add (cells, tally->name != NULL ? g_strdup_printf ("%s\n（联系%u个）", tally->name, tally->entries->len)
                                                  : g_strdup_printf ("未分工作组\n（%u个）", tally->entries->len));
      if (city)
        {
          g_autoptr(GString) rated = g_string_new (NULL);

          for (int color = TX_COLOR_RED; color >= TX_COLOR_GREEN; color--)
            {
              g_autofree char *names = color != TX_COLOR_GREEN ? group_names (tally, color) : NULL;

              if (tally->counts[color] == 0)
                continue;
              g_string_append_printf (rated, "%s%s%u个", rated->len ? "\n" : "", color_names[color],
                                      tally->counts[color]);
              if (names != NULL)
                g_string_append_printf (rated, "：%s", names);
            }
          g_ptr_array_add (cells, g_string_free (g_steal_pointer (&rated), FALSE));
        }
      else
        for (int color = TX_COLOR_RED; color >= TX_COLOR_GREEN; color--)
          {
            char *names = group_names (tally, color);

            if (names[0] == '\0')
              {
                g_free (names);
                names = g_strdup ("—");
              }
            g_ptr_array_add (cells, names);
          }
      for (guint c = 0; c < n_columns; c++)
        g_array_append_val (shades, no_shade);
      flow_block (head, row_height ((const char * const *) cells->pdata + first, widths, n_columns), header);
    }
  head->used += TABLE_AFTER_MM;

  tx_odt_document_add_grid (doc, n_columns, widths, (const char * const *) cells->pdata,
                            (const int *) shades->data, cells->len);
}

/**
 * tx_circular_document_new:
 * @total: (nullable): the three zeros of all townships
 * @organization: (nullable): who issues it
 * @issued_on: YYYY-MM-DD
 * @chart_png: (nullable): the ledger chart, from tx_circular_chart_render()
 * @parts: the number (发文字号), centred above the title when issued,
 *   and the 版记 at the end
 * @draft: whether this is a draft, not issued
 *
 * A correction (a version after the first) says so
 * under the title, and a draft says it is one.  A city's (more than
 * SMALL_LEDGER townships) is written to stay within MAX_PAGES pages.
 */
TxOdtDocument *
tx_circular_document_new (TxLedger        *ledger,
                          const TxMetrics *total,
                          const char      *organization,
                          const char      *issued_on,
                          const char      *suggestions,
                          GBytes          *chart_png,
                          const TxIssueParts *parts,
                          gboolean         draft)
{
  g_autofree char *title = g_strdup_printf ("%s关于%d年第%s季度基层协商民主工作推进情况的通报",
                                            organization ? organization : "", ledger->year,
                                            quarter_words (ledger->quarter));
  g_autofree char *as_of = tx_date_format_chinese (ledger->as_of);
  g_autofree char *date = tx_doc_format_date (issued_on);
  g_autofree char *intro = NULL;
  g_autofree char *overall = NULL;
  g_autofree char *groups = NULL;
  g_autofree char *zeros = NULL;
  g_autofree char *numbered = number_suggestions (suggestions);
  g_auto(GStrv) title_lines = tx_doc_title_lines (title, TITLE_CHARS);
  g_autoptr(GPtrArray) chart_pngs = chart_png != NULL ? tx_circular_chart_split (chart_png)
                                                      : g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GArray) chart_heights = g_array_new (FALSE, FALSE, sizeof (double));
  ChartParts chart = { chart_pngs, chart_heights };
  gboolean city = ledger->entries->len > SMALL_LEDGER;
  TxOdtDocument *doc = tx_odt_document_new (title);
  Flow head = { 1, 0 };
  guint counts[3] = { 0, };

  for (guint i = 0; i < chart_pngs->len; i++)
    {
      double width_cm, height_cm;

      tx_circular_chart_get_placed_size (g_ptr_array_index (chart_pngs, i), &width_cm, &height_cm);
      g_array_append_val (chart_heights, height_cm);
    }

  if (!draft && parts->number != NULL && parts->number[0] != '\0')
    {
      tx_odt_document_add_number (doc, parts->number);
      flow_lines (&head, 2, BODY_LINE_MM);
    }
  tx_odt_document_add_title (doc, title);
  flow_lines (&head, g_strv_length (title_lines), TITLE_LINE_MM);
  flow_lines (&head, 1, BODY_LINE_MM);
  if (draft)
    tx_odt_document_add_centered (doc, "（草稿，未印发）");
  else if (ledger->version > 1)
    tx_odt_document_add_centered (doc, "（更正）");
  if (draft || ledger->version > 1)
    flow_lines (&head, 1, BODY_LINE_MM);
  tx_odt_document_add_plain (doc, "各乡镇（街道）政协联络组：");
  flow_lines (&head, 1, BODY_LINE_MM);

  for (guint i = 0; i < ledger->entries->len; i++)
    counts[((TxLedgerEntry *) g_ptr_array_index (ledger->entries, i))->color]++;

  intro = g_strdup_printf ("按照基层协商民主工作红黄绿三级预警管理要求，现将%d年第%s季度"
                           "各乡镇（街道）工作推进情况（截至%s）通报如下：",
                           ledger->year, quarter_words (ledger->quarter), as_of);
  tx_odt_document_add_paragraphs (doc, intro);
  flow_paragraphs (&head, intro, 2);

  tx_odt_document_add_heading (doc, "一、总体情况");
  flow_lines (&head, 1, BODY_LINE_MM);
  overall = g_strdup_printf ("本季度参加评定的乡镇（街道）共%u个，其中绿色%u个、黄色%u个、红色%u个。",
                             ledger->entries->len, counts[0], counts[1], counts[2]);
  tx_odt_document_add_paragraphs (doc, overall);
  flow_paragraphs (&head, overall, 2);
  groups = by_work_group (ledger);
  if (groups != NULL)
    {
      g_autoptr(GPtrArray) tallies = tx_work_group_tally (ledger);

      tx_odt_document_add_paragraphs (doc, groups);
      flow_paragraphs (&head, groups, 2);
      add_work_group_table (doc, &head, tallies, city);
    }
  if (total != NULL && total->submitted > 0)
    {
      g_autofree char *supervision = percent (tx_metrics_supervision_coverage (total));
      g_autofree char *implementation = percent (tx_metrics_implementation_rate (total));
      g_autofree char *feedback = percent (tx_metrics_feedback_rate (total));

      zeros = g_strdup_printf ("本年度已报送协商建言%u条，已反馈%u条，反馈率%s；已采纳（含部分采纳）%u条，"
                               "事前事中事后全程监督%u条，监督覆盖率%s；全面落实%u条，转化落实率%s。",
                               total->submitted, total->answered, feedback, total->adopted,
                               total->supervised, supervision, total->implemented, implementation);
      tx_odt_document_add_paragraphs (doc, zeros);
      flow_paragraphs (&head, zeros, 2);
    }

  tx_odt_document_add_heading (doc, "二、预警评定情况");
  if (city)
    {
      g_autoptr(GPtrArray) problems = list_problems (ledger);
      CityTable table = { problems, 0, 0 };
      g_autofree char *city_text = NULL;

      choose_city_table (&head, ledger, &table, &chart, numbered, parts);
      g_debug ("A city's circular: %u of %u townships in the table, %.0f characters of reasons a row, "
               "about %u pages", table.n_listed, problems->len, table.reasons_width,
               estimate_city_pages (&head, ledger, &table, &chart, numbered, parts));
      /* the whole city at a glance first, then the townships behind */
      city_text = city_intro (&table);
      tx_odt_document_add_paragraphs (doc, city_text);
      add_chart (doc, &chart);
      add_city_assessment (doc, ledger, &table);
    }
  else
    {
      add_small_assessment (doc, ledger);
      add_chart (doc, &chart);
    }

  tx_odt_document_add_heading (doc, "三、下一阶段工作建议");
  tx_odt_document_add_paragraphs (doc, numbered);

  tx_odt_document_add_blank (doc);
  tx_odt_document_add_signature (doc, organization, date);
  tx_odt_document_add_imprint (doc, parts, issued_on);

  return doc;
}
