/* tx-recommendation-document.c
 *
 * The recommendation as it goes to the Party committee, the government or
 * a department: an official document in Chinese, in the layout of the
 * minutes (GB/T 9704 where it applies).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-recommendation-document"

#include "config.h"

#include <string.h>

#include "tx-doc-format.h"
#include "tx-minutes-document.h"
#include "tx-recommendation-document.h"

/* "中共凤山镇委员会：", "凤山镇人民政府：", or the department */
static char *
addressee (TxOutcome      *outcome,
           TxConsultation *consultation)
{
  const char *to = tx_outcome_get_submitted_to (outcome);
  const char *township = tx_consultation_get_township_name (consultation);

  if (g_strcmp0 (to, "party_committee") == 0)
    {
      if (g_str_has_suffix (township, "街道"))
        return g_strdup_printf ("中共%s工作委员会：", township);
      return g_strdup_printf ("中共%s委员会：", township);
    }
  if (g_strcmp0 (to, "government") == 0)
    {
      if (g_str_has_suffix (township, "街道"))
        return g_strdup_printf ("%s办事处：", township);
      return g_strdup_printf ("%s人民政府：", township);
    }
  if (to != NULL && to[0] != '\0')
    return g_strdup_printf ("%s：", to);

  return NULL;
}

/* What the consultation was about, to be quoted: its title without the
 * closing 协商, in Chinese punctuation, quotes inside it made single
 * (‘整酒风’ inside “…”). */
static char *
topic_of (TxConsultation *consultation)
{
  g_autofree char *title = tx_doc_chinese_punctuation (tx_consultation_get_title (consultation));
  GString *topic = g_string_new (NULL);
  gsize length = strlen (title);

  if (g_str_has_suffix (title, "协商") && length > strlen ("协商") * 2)
    length -= strlen ("协商");
  for (const char *p = title; p < title + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x201C)
        c = 0x2018;
      else if (c == 0x201D)
        c = 0x2019;
      g_string_append_unichar (topic, c);
    }

  return g_string_free (topic, FALSE);
}

/**
 * tx_recommendation_document_new:
 * @consultation: the consultation it came from
 * @date: (nullable): YYYY-MM-DD; the submission date when %NULL
 * @parts: its number (发文字号), centred above the title, and the 版记
 */
TxOdtDocument *
tx_recommendation_document_new (TxOutcome          *outcome,
                                TxConsultation     *consultation,
                                const char         *date,
                                const TxIssueParts *parts)
{
  const char *dated = date ? date : tx_outcome_get_submitted (outcome);
  TxOdtDocument *doc = tx_odt_document_new (tx_outcome_get_title (outcome));
  g_autofree char *to = addressee (outcome, consultation);
  g_autofree char *issuer = g_strdup_printf ("%s政协联络组", tx_consultation_get_township_name (consultation));
  g_autofree char *when = tx_doc_format_date (dated);
  g_autofree char *meeting = tx_doc_format_date (tx_consultation_get_starts (consultation));
  g_autofree char *background = NULL;
  g_autofree char *topic = NULL;

  if (parts->number != NULL && parts->number[0] != '\0')
    tx_odt_document_add_number (doc, parts->number);
  tx_odt_document_add_title (doc, tx_outcome_get_title (outcome));
  if (to != NULL)
    tx_odt_document_add_plain (doc, to);

  /* "…于2026年3月23日召开专题协商会，围绕“…”开展协商，形成建议如下：" */
  topic = topic_of (consultation);
  background = meeting[0] != '\0' && tx_minutes_meeting_held (consultation)
    ? g_strdup_printf ("%s于%s召开专题协商会，围绕“%s”开展协商，形成建议如下：", issuer, meeting, topic)
    : g_strdup_printf ("%s围绕“%s”开展协商，形成建议如下：", issuer, topic);
  tx_odt_document_add_paragraphs (doc, background);
  tx_odt_document_add_paragraphs (doc, tx_outcome_get_content (outcome));
  tx_odt_document_add_paragraphs (doc, "以上建议，请予研究采纳。");

  tx_odt_document_add_blank (doc);
  tx_odt_document_add_signature (doc, issuer, when);
  tx_odt_document_add_imprint (doc, parts, dated);

  return doc;
}
