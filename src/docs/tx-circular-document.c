/* tx-circular-document.c
 *
 * The city office's quarterly circular on the townships' consultative
 * work: the colour of each township with the reasons, the ledger chart,
 * the three zeros and suggestions for the next stage.  An official
 * document, in Chinese (GB/T 9704 where it applies).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-circular-document"

#include "config.h"

#include <string.h>

#include "tx-circular-chart.h"
#include "tx-circular-document.h"
#include "tx-doc-format.h"

static const char * const color_words[] = { "绿", "黄", "红" };
static const char * const color_names[] = { "绿色", "黄色", "红色" };
/* The stages as a circular names them: the meeting stage (协商) is the
 * 会议 of a consultation whose title ends in 协商 already. */
static const char * const stage_names[] = { "选题", "调研", "会议", "报送", "反馈", "监督" };

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
    default:
      return g_strdup ("");
    }
}

/* The titles of @hits of @rule, each in quotes (and for a stage, with
 * it), joined by 、 */
static char *
hit_titles (GPtrArray *hits,
            TxRule     rule)
{
  GString *titles = g_string_new (NULL);

  for (guint h = 0; h < hits->len; h++)
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
    }

  return g_string_free (titles, titles->len == 0);
}

static gboolean
has_rule (GPtrArray *hits,
          TxRule     rule)
{
  for (guint h = 0; h < hits->len; h++)
    if (((TxLedgerHit *) g_ptr_array_index (hits, h))->rule == rule)
      return TRUE;

  return FALSE;
}

/**
 * tx_circular_draft_suggestions:
 *
 * Returns: a first draft of the suggestions for the next stage, for the
 *   clerk to edit: one a township with problems, its problems of each
 *   kind in one clause, then one for all
 */
char *
tx_circular_draft_suggestions (TxLedger *ledger)
{
  GString *text = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
      g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *overdue = hit_titles (entry->hits, TX_RULE_STAGE_OVERDUE);
      g_autofree char *waiting = hit_titles (entry->hits, TX_RULE_FEEDBACK_WAITING);
      g_autofree char *joined = NULL;

      if (has_rule (entry->hits, TX_RULE_PLAN_MISSING))
        g_ptr_array_add (clauses, g_strdup ("尽快制定年度协商计划，报市政协备案"));
      if (has_rule (entry->hits, TX_RULE_PLAN_BEHIND))
        /* at the end of the year, the next is a year away */
        g_ptr_array_add (clauses, g_strdup (ledger->quarter == 4
                                            ? "将未完成的协商计划纳入下一年度统筹安排"
                                            : "按年度协商计划组织开展协商活动，补齐计划进度"));
      if (overdue != NULL)
        g_ptr_array_add (clauses, g_strdup_printf ("加快%s工作，尽快补齐进度", overdue));
      if (waiting != NULL)
        g_ptr_array_add (clauses, g_strdup_printf ("跟踪协商建言%s的办理情况，督促承办单位及时反馈", waiting));
      if (clauses->len == 0)
        continue;

      n++;
      g_ptr_array_add (clauses, NULL);
      joined = g_strjoinv ("；", (char **) clauses->pdata);
      g_string_append_printf (text, "%s政协联络组要%s。\n", entry->township_name, joined);
    }

  if (n == 0)
    g_string_append (text, "各乡镇（街道）要保持良好势头，按年度协商计划扎实推进各项工作。\n");
  g_string_append (text, ledger->quarter == 4
                   ? "各乡镇（街道）政协联络组要对照通报问题逐项整改，整改情况于下一年度第一季度初报市政协。\n"
                   : "各乡镇（街道）政协联络组要对照通报问题逐项整改，整改情况于下季度初报市政协。\n");

  return g_string_free (text, FALSE);
}

/**
 * tx_circular_document_new:
 * @total: (nullable): the three zeros of all townships
 * @organization: (nullable): who issues it
 * @issued_on: YYYY-MM-DD
 * @chart_png: (nullable): the ledger chart
 * @parts: the number (发文字号), centred above the title when issued,
 *   and the 版记 at the end
 * @draft: whether this is a draft, not issued
 *
 * A correction (a version after the first) says so
 * under the title, and a draft says it is one.
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
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) shades = g_array_new (FALSE, FALSE, sizeof (int));
  TxOdtDocument *doc = tx_odt_document_new (title);
  guint counts[3] = { 0, };
  const int no_shade = -1;

  if (!draft && parts->number != NULL && parts->number[0] != '\0')
    tx_odt_document_add_number (doc, parts->number);
  tx_odt_document_add_title (doc, title);
  if (draft)
    tx_odt_document_add_centered (doc, "（草稿，未印发）");
  else if (ledger->version > 1)
    tx_odt_document_add_centered (doc, "（更正）");
  tx_odt_document_add_plain (doc, "各乡镇（街道）政协联络组：");

  for (guint i = 0; i < ledger->entries->len; i++)
    counts[((TxLedgerEntry *) g_ptr_array_index (ledger->entries, i))->color]++;

  {
    g_autofree char *intro = g_strdup_printf ("按照基层协商民主工作红黄绿三级预警管理要求，现将%d年第%s季度"
                                              "各乡镇（街道）工作推进情况（截至%s）通报如下：",
                                              ledger->year, quarter_words (ledger->quarter), as_of);
    tx_odt_document_add_paragraphs (doc, intro);
  }

  tx_odt_document_add_heading (doc, "一、总体情况");
  {
    g_autofree char *overall = g_strdup_printf ("本季度参加评定的乡镇（街道）共%u个，其中绿色%u个、黄色%u个、红色%u个。",
                                                ledger->entries->len, counts[0], counts[1], counts[2]);
    tx_odt_document_add_paragraphs (doc, overall);
  }
  if (total != NULL && total->submitted > 0)
    {
      g_autofree char *zeros = NULL;
      g_autofree char *supervision = percent (tx_metrics_supervision_coverage (total));
      g_autofree char *implementation = percent (tx_metrics_implementation_rate (total));
      g_autofree char *feedback = percent (tx_metrics_feedback_rate (total));

      zeros = g_strdup_printf ("本年度已报送协商建言%u条，已反馈%u条，反馈率%s；已采纳（含部分采纳）%u条，"
                               "事前事中事后全程监督%u条，监督覆盖率%s；全面落实%u条，转化落实率%s。",
                               total->submitted, total->answered, feedback, total->adopted,
                               total->supervised, supervision, total->implemented, implementation);
      tx_odt_document_add_paragraphs (doc, zeros);
    }

  tx_odt_document_add_heading (doc, "二、预警评定情况");

  {
    const char *header[] = { "序号", "乡镇（街道）", "评定", "计划完成", "主要问题" };
    /* 乡镇（街道）, 计划完成 and 已开展2次 on one line each, in 四号 */
    const double widths[] = { 1.3, 3.6, 1.7, 2.8, 6.2 };

    for (guint c = 0; c < G_N_ELEMENTS (header); c++)
      {
        g_ptr_array_add (cells, g_strdup (header[c]));
        g_array_append_val (shades, no_shade);
      }

    for (guint i = 0; i < ledger->entries->len; i++)
      {
        TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
        g_autoptr(GString) reasons = g_string_new (NULL);
        int shade = entry->color;

        for (guint h = 0; h < entry->hits->len; h++)
          {
            g_autofree char *reason = tx_circular_reason_text (g_ptr_array_index (entry->hits, h));
            g_string_append_printf (reasons, "%s%s", h ? "；" : "", reason);
          }

        g_ptr_array_add (cells, g_strdup_printf ("%u", i + 1));
        g_ptr_array_add (cells, g_strdup (entry->township_name));
        g_ptr_array_add (cells, g_strdup (color_words[entry->color]));
        g_ptr_array_add (cells, entry->planned > 0
                                ? g_strdup_printf ("计划%d次\n已开展%d次", entry->planned, entry->held)
                                : g_strdup (entry->planned == 0 ? "计划0次" : "无计划"));
        g_ptr_array_add (cells, g_strdup (reasons->len ? reasons->str : "按计划推进"));
        g_array_append_val (shades, no_shade);
        g_array_append_val (shades, no_shade);
        g_array_append_val (shades, shade);
        g_array_append_val (shades, no_shade);
        g_array_append_val (shades, no_shade);
      }

    tx_odt_document_add_grid (doc, G_N_ELEMENTS (widths), widths, (const char * const *) cells->pdata,
                              (const int *) shades->data, cells->len);
  }

  {
    g_autoptr(GString) summary = g_string_new (NULL);

    for (int color = 2; color >= 0; color--)
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

  if (chart_png != NULL)
    {
      double width_cm, height_cm;

      /* at the size its labels were drawn for (10.5 pt and up), in its
       * proportions */
      tx_circular_chart_get_placed_size (chart_png, &width_cm, &height_cm);
      tx_odt_document_add_image (doc, chart_png, width_cm, height_cm);
    }

  tx_odt_document_add_heading (doc, "三、下一阶段工作建议");
  {
    g_auto(GStrv) lines = g_strsplit (suggestions ? suggestions : "", "\n", -1);
    guint n = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_autofree char *line = NULL;

        g_strstrip (lines[i]);
        if (lines[i][0] == '\0')
          continue;
        line = g_strdup_printf ("%u. %s", ++n, lines[i]);
        tx_odt_document_add_paragraphs (doc, line);
      }
  }

  tx_odt_document_add_blank (doc);
  tx_odt_document_add_signature (doc, organization, date);
  tx_odt_document_add_imprint (doc, parts, issued_on);

  return doc;
}
