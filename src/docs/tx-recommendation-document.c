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

#include "tx-doc-format.h"
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

/**
 * tx_recommendation_document_new:
 * @consultation: the consultation it came from
 * @date: (nullable): YYYY-MM-DD; the submission date when %NULL
 */
TxOdtDocument *
tx_recommendation_document_new (TxOutcome      *outcome,
                                TxConsultation *consultation,
                                const char     *date)
{
  TxOdtDocument *doc = tx_odt_document_new (tx_outcome_get_title (outcome));
  g_autofree char *to = addressee (outcome, consultation);
  g_autofree char *issuer = g_strdup_printf ("%s政协联络组", tx_consultation_get_township_name (consultation));
  g_autofree char *when = tx_doc_format_date (date ? date : tx_outcome_get_submitted (outcome));
  g_autofree char *meeting = tx_doc_format_date (tx_consultation_get_starts (consultation));
  g_autofree char *background = NULL;

  tx_odt_document_add_title (doc, tx_outcome_get_title (outcome));
  if (to != NULL)
    tx_odt_document_add_plain (doc, to);

  background = meeting[0] != '\0'
    ? g_strdup_printf ("%s于%s召开“%s”，围绕议题深入协商，形成建议如下。", issuer, meeting,
                       tx_consultation_get_title (consultation))
    : g_strdup_printf ("%s围绕“%s”开展协商，形成建议如下。", issuer, tx_consultation_get_title (consultation));
  tx_odt_document_add_paragraphs (doc, background);
  tx_odt_document_add_paragraphs (doc, tx_outcome_get_content (outcome));
  tx_odt_document_add_paragraphs (doc, "以上建议，请予研究采纳。");

  tx_odt_document_add_blank (doc);
  tx_odt_document_add_right (doc, issuer);
  if (when[0] != '\0')
    tx_odt_document_add_right (doc, when);

  return doc;
}
