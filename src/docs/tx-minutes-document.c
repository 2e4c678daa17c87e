/* tx-minutes-document.c
 *
 * The minutes go to the Party committee and the government, so they are
 * laid out as an official document (GB/T 9704 where it applies) and
 * written in Chinese whatever the language of the interface.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-minutes-document"

#include "config.h"

#include "tx-collate.h"
#include "tx-doc-format.h"
#include "tx-minutes-document.h"
#include "tx-outcome.h"
#include "tx-vocabulary.h"

static const char * const numbers[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };

static const char *
topic_source_chinese (TxTopicSource source)
{
  static const char * const names[] = { "党委定题", "政府交题", "政协选题", "群众点题" };

  return source < G_N_ELEMENTS (names) ? names[source] : "";
}

static const char *
platform_chinese (TxPlatform platform)
{
  return platform == TX_PLATFORM_VIRTUAL ? "网络平台" : "实体平台";
}

/**
 * tx_minutes_meeting_held:
 *
 * Returns: whether the meeting took place: its stage (协商) is done.
 *   Minutes of a meeting not held carry no date: the day planned is not
 *   the day it met.
 */
gboolean
tx_minutes_meeting_held (TxConsultation *consultation)
{
  return tx_consultation_get_stage_done (consultation, TX_STAGE_MEETING) != NULL;
}

/* "2026年6月25日 14:30—17:30", once the meeting was held */
static char *
meeting_time (TxConsultation *consultation)
{
  const char *starts = tx_consultation_get_starts (consultation);
  const char *ends = tx_consultation_get_ends (consultation);
  g_autoptr(GDateTime) from = starts ? g_date_time_new_from_iso8601 (starts, NULL) : NULL;
  g_autoptr(GDateTime) to = ends ? g_date_time_new_from_iso8601 (ends, NULL) : NULL;
  g_autofree char *date = tx_doc_format_date (starts);

  if (from == NULL || !tx_minutes_meeting_held (consultation))
    return g_strdup ("");
  if (to == NULL)
    return g_strdup_printf ("%s %02d:%02d", date, g_date_time_get_hour (from), g_date_time_get_minute (from));

  return g_strdup_printf ("%s %02d:%02d—%02d:%02d", date,
                          g_date_time_get_hour (from), g_date_time_get_minute (from),
                          g_date_time_get_hour (to), g_date_time_get_minute (to));
}

/* Those who sit in (列席): officials of departments and observers */
static gboolean
sits_in (TxParticipant *participant)
{
  return participant->role == TX_ROLE_OFFICIAL || participant->role == TX_ROLE_OBSERVER;
}

static int
compare_listed (gconstpointer a,
                gconstpointer b)
{
  TxParticipant *x = *(TxParticipant **) a, *y = *(TxParticipant **) b;

  if (x->role != y->role)
    return x->role < y->role ? -1 : 1;

  return tx_collate_compare (x->name, y->name, TX_ORDER_STROKES);
}

/* "石启明、王红、…": those whose attendance is @attended (for those who
 * came, those who sit in or the others), in the order offices list
 * people: by their role at the meeting (the host first), then by
 * surname strokes (按姓氏笔画为序). */
static char *
names_listed (GPtrArray *participants,
              int        attended,
              gboolean   sitting_in)
{
  g_autoptr(GPtrArray) listed = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);

      if (participant->attended == attended && (attended != 1 || sits_in (participant) == sitting_in))
        g_ptr_array_add (listed, participant);
    }
  g_ptr_array_sort (listed, compare_listed);

  for (guint i = 0; i < listed->len; i++)
    g_string_append_printf (text, "%s%s", i ? "、" : "", ((TxParticipant *) g_ptr_array_index (listed, i))->name);

  return g_string_free (text, FALSE);
}

static const char *
host_of (GPtrArray *participants)
{
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);

      if (participant->role == TX_ROLE_HOST)
        return participant->name;
    }

  return "";
}

static void
section (TxOdtDocument *doc,
         guint         *number,
         const char    *title,
         const char    *text)
{
  g_autofree char *heading = g_strdup_printf ("%s、%s", numbers[(*number)++ % G_N_ELEMENTS (numbers)], title);

  tx_odt_document_add_heading (doc, heading);
  tx_odt_document_add_paragraphs (doc, text != NULL && text[0] != '\0' ? text : "无。");
}

/**
 * tx_minutes_document_new:
 * @consultation: loaded with its participants, minutes and outcomes
 */
TxOdtDocument *
tx_minutes_document_new (TxConsultation *consultation)
{
  GPtrArray *participants = tx_consultation_get_participants (consultation);
  GPtrArray *speeches = tx_consultation_get_speeches (consultation);
  GPtrArray *outcomes = tx_consultation_get_outcomes (consultation);
  g_autofree char *title = g_strdup_printf ("%s会议纪要", tx_consultation_get_title (consultation));
  g_autofree char *time = meeting_time (consultation);
  g_autofree char *present = NULL;
  g_autofree char *absent = NULL;
  g_autofree char *sitting_in = NULL;
  g_autofree char *invited = NULL;
  g_autoptr(GString) speech_text = g_string_new (NULL);
  g_autoptr(GString) consensus = g_string_new (tx_consultation_get_consensus (consultation));
  TxOdtDocument *doc = tx_odt_document_new (title);
  guint number = 0;

  tx_odt_document_add_title (doc, title);

  {
    const char *cells[] = {
      "时间", time,
      "地点", tx_consultation_get_venue (consultation),
      "主持人", host_of (participants),
      "记录人", tx_consultation_get_recorder (consultation),
      "议题来源", topic_source_chinese (tx_consultation_get_topic_source (consultation)),
      "协商平台", platform_chinese (tx_consultation_get_platform (consultation)),
    };
    const double widths[] = { 3.0, 12.6 };

    tx_odt_document_add_table (doc, 2, widths, cells, G_N_ELEMENTS (cells));
  }

  present = names_listed (participants, 1, FALSE);
  sitting_in = names_listed (participants, 1, TRUE);
  absent = names_listed (participants, 0, FALSE);
  invited = names_listed (participants, -1, FALSE);

  /* as a 纪要 lists them (GB/T 9704 §10.3): who came, who sent word
   * they could not, who sat in; a list with no one is left out; those
   * whose attendance was not recorded, as invited */
  if (present[0] != '\0')
    tx_odt_document_add_labelled (doc, "出席", present);
  if (absent[0] != '\0')
    tx_odt_document_add_labelled (doc, "请假", absent);
  if (sitting_in[0] != '\0')
    tx_odt_document_add_labelled (doc, "列席", sitting_in);
  if (invited[0] != '\0')
    tx_odt_document_add_labelled (doc, "应邀", invited);

  section (doc, &number, "协商议题", tx_consultation_get_agenda (consultation));
  section (doc, &number, "调研情况", tx_consultation_get_research (consultation));

  for (guint i = 0; i < speeches->len; i++)
    {
      TxSpeech *speech = g_ptr_array_index (speeches, i);
      g_autofree char *one_line = g_strdelimit (g_strdup (speech->summary), "\n", ' ');

      g_string_append_printf (speech_text, "%s：%s\n", speech->speaker, one_line);
    }
  section (doc, &number, "发言摘要", speech_text->str);

  if (outcomes->len > 0)
    {
      g_string_append (consensus, "\n形成协商建言如下：");
      for (guint i = 0; i < outcomes->len; i++)
        g_string_append_printf (consensus, "\n%u. %s", i + 1, tx_outcome_get_title (g_ptr_array_index (outcomes, i)));
    }
  section (doc, &number, "协商共识与建议", consensus->str);
  section (doc, &number, "下一步工作", tx_consultation_get_next_steps (consultation));

  /* who issues it, and when */
  {
    g_autofree char *issuer = g_strdup_printf ("%s政协联络组", tx_consultation_get_township_name (consultation));
    g_autofree char *date = tx_doc_format_date (tx_consultation_get_starts (consultation));

    tx_odt_document_add_blank (doc);
    tx_odt_document_add_signature (doc, issuer, date);
  }

  return doc;
}
