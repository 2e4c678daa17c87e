/* tx-rules.c — where a stage and a recommendation stand on a day, and
 * what is wrong with a record
 *
 * The ledger, the lists, the editors, the calendar and the documents
 * all ask these functions, so that a stage or a recommendation is late
 * in every view or in none:
 *
 *  - a stage is overdue on a day when its due date is before that day
 *    and it was not done by then;
 *  - feedback is due on the date agreed with the receiving body, or,
 *    when none was agreed, the feedback-days setting after submission;
 *    it is overdue on a day after that date when none was received by
 *    then.
 *
 * The checks of a record say, field by field, what a clerk must put
 * right; the editors show each problem under its field, and saving
 * refuses a record with any.  The writers of the store ask them too
 * (tx_store_write_consultation(), tx_store_write_outcome(),
 * tx_roster_save_person()), so a record the editors refuse comes in by
 * no other way: not by the roster import, not by an exchange file.
 *
 * Every text of a record is checked against one table: how long it may
 * be, whether it may hold line breaks, whether it may be empty; and no
 * text may hold control characters, which cannot be printed and which
 * a spreadsheet or a terminal may act on, nor the characters that turn
 * the direction of the text around (U+202A–U+202E, U+2066–U+2069),
 * which make a name or a phone number read differently from what it
 * holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-records-private.h"
#include "tx-roster-import.h"
#include "tx-rules.h"
#include "tx-store.h"
#include "tx-vocabulary.h"
#include "tx-workflow.h"

/**
 * tx_stage_status_from_dates:
 * @due: when the stage is due, or %TX_DATE_NONE
 * @done: when it was done, or %TX_DATE_NONE
 * @today: the day to judge on
 * @status: (out caller-allocates)
 *
 * The rule itself, for dates an editor holds before they are saved.
 */
void
tx_stage_status_from_dates (TxDate         due,
                            TxDate         done,
                            TxDate         today,
                            TxStageStatus *status)
{
  status->due = due;
  status->done = done != TX_DATE_NONE && done <= today ? done : TX_DATE_NONE;
  status->days = 0;

  if (status->done != TX_DATE_NONE)
    status->state = TX_STAGE_STATE_DONE;
  else if (status->due == TX_DATE_NONE)
    status->state = TX_STAGE_STATE_NO_DUE_DATE;
  else if (status->due > today)
    {
      status->state = TX_STAGE_STATE_UPCOMING;
      status->days = tx_date_days_between (today, status->due);
    }
  else if (status->due == today)
    status->state = TX_STAGE_STATE_DUE_TODAY;
  else
    {
      status->state = TX_STAGE_STATE_OVERDUE;
      status->days = tx_date_days_between (status->due, today);
    }
}

/**
 * tx_stage_get_status:
 * @today: the day to judge on
 * @status: (out caller-allocates)
 */
void
tx_stage_get_status (TxConsultation *consultation,
                     TxStage         stage,
                     TxDate          today,
                     TxStageStatus  *status)
{
  g_return_if_fail (TX_IS_CONSULTATION (consultation));
  g_return_if_fail (stage < TX_N_STAGES);

  tx_stage_status_from_dates (tx_date_from_iso (tx_consultation_get_stage_due (consultation, stage)),
                              tx_date_from_iso (tx_consultation_get_stage_done (consultation, stage)),
                              today, status);
}

/**
 * tx_feedback_status_from_dates:
 * @submitted: when the recommendation was submitted, or %TX_DATE_NONE
 * @due: the due date agreed, or %TX_DATE_NONE for the default
 * @received: when feedback was received, or %TX_DATE_NONE
 * @today: the day to judge on
 * @feedback_days: the feedback-days setting
 * @status: (out caller-allocates)
 *
 * The rule itself, for dates an editor holds before they are saved.
 */
void
tx_feedback_status_from_dates (TxDate            submitted,
                               TxDate            due,
                               TxDate            received,
                               TxDate            today,
                               int               feedback_days,
                               TxFeedbackStatus *status)
{
  status->submitted = submitted != TX_DATE_NONE && submitted <= today ? submitted : TX_DATE_NONE;
  status->due = due;
  status->due_agreed = due != TX_DATE_NONE;
  if (!status->due_agreed && submitted != TX_DATE_NONE)
    status->due = tx_date_add_days (submitted, feedback_days);
  status->received = received != TX_DATE_NONE && received <= today ? received : TX_DATE_NONE;
  status->days = 0;

  if (status->submitted == TX_DATE_NONE)
    status->state = TX_FEEDBACK_NOT_SUBMITTED;
  else if (status->received != TX_DATE_NONE)
    status->state = TX_FEEDBACK_RECEIVED;
  else if (status->due > today)
    {
      status->state = TX_FEEDBACK_AWAITED;
      status->days = tx_date_days_between (today, status->due);
    }
  else if (status->due == today)
    status->state = TX_FEEDBACK_DUE_TODAY;
  else
    {
      status->state = TX_FEEDBACK_OVERDUE;
      status->days = tx_date_days_between (status->due, today);
    }
}

/**
 * tx_feedback_get_status:
 * @today: the day to judge on
 * @feedback_days: the feedback-days setting, for a recommendation
 *   without an agreed due date
 * @status: (out caller-allocates)
 */
void
tx_feedback_get_status (TxOutcome        *outcome,
                        TxDate            today,
                        int               feedback_days,
                        TxFeedbackStatus *status)
{
  g_return_if_fail (TX_IS_OUTCOME (outcome));

  tx_feedback_status_from_dates (tx_date_from_iso (tx_outcome_get_submitted (outcome)),
                                 tx_date_from_iso (tx_outcome_get_feedback_due (outcome)),
                                 tx_date_from_iso (tx_outcome_get_feedback_received (outcome)),
                                 today, feedback_days, status);
}

/**
 * tx_stage_first_not_done:
 * @done_mask: bit n set when stage n is done
 *
 * Returns: the stage a consultation has reached: the first one not
 *   done, or %TX_STAGE_DONE when all six are
 */
TxStage
tx_stage_first_not_done (guint done_mask)
{
  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    if (!(done_mask & (1u << stage)))
      return (TxStage) stage;

  return TX_STAGE_DONE;
}

/* SQL: tx_current_stage (done) where @done lists the stages done,
 * "0,1,3" (group_concat), or NULL for none */
static void
current_stage_function (sqlite3_context  *context,
                        int               argc,
                        sqlite3_value   **argv)
{
  const char *done = (const char *) sqlite3_value_text (argv[0]);
  guint mask = 0;

  for (const char *p = done; p != NULL && *p; p++)
    if (*p >= '0' && *p < '0' + TX_N_STAGES)
      mask |= 1u << (*p - '0');

  sqlite3_result_int (context, tx_stage_first_not_done (mask));
}

/* SQL: tx_feedback_state (submitted, due, received, today, feedback_days),
 * today as a TxDate; the TxFeedbackState of tx_feedback_status_from_dates() */
static void
feedback_state_function (sqlite3_context  *context,
                         int               argc,
                         sqlite3_value   **argv)
{
  TxFeedbackStatus status;

  tx_feedback_status_from_dates (tx_date_from_iso ((const char *) sqlite3_value_text (argv[0])),
                                 tx_date_from_iso ((const char *) sqlite3_value_text (argv[1])),
                                 tx_date_from_iso ((const char *) sqlite3_value_text (argv[2])),
                                 sqlite3_value_int (argv[3]),
                                 sqlite3_value_int (argv[4]),
                                 &status);
  sqlite3_result_int (context, status.state);
}

/**
 * tx_rules_register_functions:
 *
 * The rules, for SQL that filters lists by them (tx_store_open() calls
 * it): tx_current_stage() and tx_feedback_state().  The same functions
 * as every view asks, not a copy in SQL.
 */
/* tx_not_iso_date (TEXT): 1 when TEXT is not a real day written
 * YYYY-MM-DD (tx_date_is_iso_day ()), NULL for NULL.  The queries that
 * choose rows by comparing days as text let such rows through, for the
 * rules to read as tx_date_from_iso () does. */
static void
not_iso_date_function (sqlite3_context  *context,
                       int               argc,
                       sqlite3_value   **argv)
{
  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_int (context, !tx_date_is_iso_day ((const char *) sqlite3_value_text (argv[0])));
}

void
tx_rules_register_functions (sqlite3 *db)
{
  sqlite3_create_function (db, "tx_current_stage", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           current_stage_function, NULL, NULL);
  sqlite3_create_function (db, "tx_feedback_state", 5, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           feedback_state_function, NULL, NULL);
  sqlite3_create_function (db, "tx_not_iso_date", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                           not_iso_date_function, NULL, NULL);
}

void
tx_problem_free (TxProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

static TxProblem *
add_problem (GPtrArray  *problems,
             const char *field,
             int         index,
             char       *message)
{
  TxProblem *problem = g_new0 (TxProblem, 1);

  problem->field = g_strdup (field);
  problem->index = index;
  problem->message = message;
  g_ptr_array_add (problems, problem);

  return problem;
}

/*
 * The most a text holds, in characters.  Generous, so that no real
 * record is ever refused, and bounded, so that a file made to harm
 * (an exchange file whose notes are hundreds of millions of
 * characters) is refused before it fills the database:
 *
 *  - names: Han names have two to four characters; names of other
 *    peoples written in Han characters with the middle dot
 *    (阿卜杜热合曼·买买提明) reach about twenty;
 *  - the name of a unit, a post, a village or a venue: the longest
 *    official names (福泉市人民政府金山街道办事处社会事务办公室) are
 *    under forty;
 *  - titles: a 公文 title rarely passes sixty characters;
 *  - what a clerk writes at length (research, a speech, the
 *    recommendation itself, feedback): a report of twenty-odd pages.
 */
static const TxTextFieldInfo text_fields[TX_N_TEXT_FIELDS] = {
  /* Translators: these begin messages such as "The name is empty", "The notes cannot hold …" */
  [TX_TEXT_PERSON_NAME]        = { "name",             N_("The name"),                     50, FALSE, TRUE },
  [TX_TEXT_ETHNICITY]          = { "ethnicity",        N_("The ethnicity"),                20, FALSE, FALSE },
  [TX_TEXT_VILLAGE]            = { "village",          N_("The village"),                 100, FALSE, FALSE },
  [TX_TEXT_ORGANIZATION]       = { "organization",     N_("The organization"),            100, FALSE, FALSE },
  [TX_TEXT_JOB_TITLE]          = { "title",            N_("The post"),                    100, FALSE, FALSE },
  [TX_TEXT_PHONE]              = { "phone",            N_("The phone number"),             40, FALSE, FALSE },
  [TX_TEXT_PERSON_NOTES]       = { "notes",            N_("The notes"),                  2000, TRUE,  FALSE },
  [TX_TEXT_TOWNSHIP_NAME]      = { "township",         N_("The township’s name"),          50, FALSE, TRUE },
  [TX_TEXT_CONSULTATION_TITLE] = { "title",            N_("The title"),                   200, FALSE, TRUE },
  [TX_TEXT_VENUE]              = { "venue",            N_("The venue"),                   200, FALSE, FALSE },
  [TX_TEXT_RESEARCH]           = { "research",         N_("The research notes"),        50000, TRUE,  FALSE },
  [TX_TEXT_STAGE_REASON]       = { "stage-reason",     N_("The reason a stage was done out of order"), 500, TRUE, FALSE },
  [TX_TEXT_RECORDER]           = { "recorder",         N_("The recorder of the minutes"),  50, FALSE, FALSE },
  [TX_TEXT_AGENDA]             = { "agenda",           N_("The agenda"),                 5000, TRUE,  FALSE },
  [TX_TEXT_SPEAKER]            = { "speaker",          N_("The speaker"),                  50, FALSE, FALSE },
  [TX_TEXT_SPEECH]             = { "speech",           N_("The summary of a speech"),   20000, TRUE,  FALSE },
  [TX_TEXT_CONSENSUS]          = { "consensus",        N_("The consensus"),             20000, TRUE,  FALSE },
  [TX_TEXT_NEXT_STEPS]         = { "next-steps",       N_("The next steps"),            20000, TRUE,  FALSE },
  [TX_TEXT_OUTCOME_TITLE]      = { "title",            N_("The title"),                   200, FALSE, TRUE },
  [TX_TEXT_OUTCOME_CONTENT]    = { "content",          N_("The text of the recommendation"), 50000, TRUE, FALSE },
  [TX_TEXT_SUBMITTED_TO]       = { "submitted-to",     N_("The body it was submitted to"), 100, FALSE, FALSE },
  [TX_TEXT_FEEDBACK]           = { "feedback",         N_("The feedback"),              20000, TRUE,  FALSE },
  [TX_TEXT_SUPERVISOR]         = { "supervision-by",   N_("Who supervised"),              100, FALSE, FALSE },
  [TX_TEXT_SUPERVISION_NOTE]   = { "supervision-note", N_("The supervision record"),     5000, TRUE,  FALSE },
  [TX_TEXT_ACTIVITY_KIND]      = { "kind",             N_("The kind of activity"),         20, FALSE, TRUE },
};

/**
 * tx_text_field_get_info:
 *
 * Returns: (transfer none): what @field holds at most, and how it is
 *   named in messages (translate the label with _())
 */
const TxTextFieldInfo *
tx_text_field_get_info (TxTextField field)
{
  g_return_val_if_fail (field < TX_N_TEXT_FIELDS, &text_fields[0]);

  return &text_fields[field];
}

/* The most characters @field holds, for an editor's entry. */
guint
tx_text_field_get_max_chars (TxTextField field)
{
  return tx_text_field_get_info (field)->max_chars;
}

/* Characters that show nothing: a name of them only is no name. */
static gboolean
is_invisible (gunichar c)
{
  return g_unichar_isspace (c) ||
         (c >= 0x200B && c <= 0x200D) ||   /* zero-width space, non-joiner, joiner */
         c == 0x2060 ||                    /* word joiner */
         c == 0xFEFF;                      /* zero-width no-break space, a stray BOM */
}

/**
 * tx_text_is_blank:
 *
 * Returns: whether @text is %NULL, empty, or only white space (U+3000,
 *   the ideographic space, as well) and zero-width characters: nothing
 *   a clerk could read
 */
gboolean
tx_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!is_invisible (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  return tx_text_is_blank (text);
}

/* The controls of C0 and C1 and DEL; a tab and a line break where a
 * text may have several lines. */
static gboolean
is_control (gunichar c,
            gboolean multiline)
{
  if (multiline && (c == '\n' || c == '\t'))
    return FALSE;

  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/* The embeddings, overrides and isolates of the bidirectional
 * algorithm (a right-to-left mark alone does no harm). */
static gboolean
is_direction_override (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * tx_text_check:
 * @field: which text it is
 * @text: (nullable): the text
 *
 * The rules of every text of a record: not empty when required, no
 * longer than the table says, no control character (a tab or a line
 * break only where a text has several lines) and no character that
 * turns the direction of the text around.
 *
 * Returns: (transfer full) (nullable): what is wrong, translated and
 *   naming the field, or %NULL when nothing is
 */
char *
tx_text_check (TxTextField  field,
               const char  *text)
{
  const TxTextFieldInfo *info = tx_text_field_get_info (field);
  guint length = 0;

  /* the field's name is translated where a fault is told, not for every
   * text checked: an import checks millions */
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    /* Translators: %s is a field, "The name" */
    return g_strdup_printf (_("%s is not readable text: type it again."), _(info->label));

  if (tx_text_is_blank (text))
    {
      if (!info->required)
        return NULL;
      /* Translators: %s is a field, "The name" */
      return g_strdup_printf (_("%s is empty (spaces alone count as empty): write it."), _(info->label));
    }

  for (const char *p = text; *p; )
    {
      gunichar c;

      /* most text of a Chinese office is ASCII and CJK: ASCII as it
       * is, and of the rest (valid UTF-8 by now) only the two- and
       * three-byte forms that can be a control character (U+0080 to
       * U+009F: C2 80 to C2 9F) or a turn of direction (U+202A to
       * U+2069: E2 80 and E2 81) are decoded; a CJK character is
       * counted and stepped over */
      if ((guchar) *p < 0x80)
        c = (guchar) *p++;
      else if ((guchar) *p == 0xC2)
        {
          c = (gunichar) (p[1] & 0x3F) | 0x80;
          p += 2;
        }
      else if ((guchar) *p == 0xE2 && ((guchar) p[1] == 0x80 || (guchar) p[1] == 0x81))
        {
          c = 0x2000 | (gunichar) (p[1] & 0x3F) << 6 | (gunichar) (p[2] & 0x3F);
          p += 3;
        }
      else
        {
          c = 0xFFFD;   /* neither, whatever it is */
          p = g_utf8_next_char (p);
        }

      length++;

      if ((c == '\n' || c == '\r') && !info->multiline)
        /* Translators: %s is a field, "The name" */
        return g_strdup_printf (_("%s cannot hold a line break: write it on one line."), _(info->label));

      if (is_control (c, info->multiline))
        /* Translators: %s is a field, "The notes"; then a character's code, U+0007 */
        return g_strdup_printf (_("%s cannot hold an invisible control character (U+%04X here), which cannot be printed: delete it, or type the text again."),
                                _(info->label), c);

      if (is_direction_override (c))
        /* Translators: %s is a field, "The name"; then a character's code, U+202E */
        return g_strdup_printf (_("%s cannot hold a character that turns the direction of the text around (U+%04X here): it makes the text read differently from what it holds. Delete it, or type the text again."),
                                _(info->label), c);
    }

  if (length > info->max_chars)
    /* Translators: %s is a field, "The notes"; then the most characters it may have, and how many it has */
    return g_strdup_printf (_("%s cannot be longer than %u characters; it has %u. Shorten it."),
                            _(info->label), info->max_chars, length);

  return NULL;
}

/* Adds what tx_text_check() finds in @text, as a problem of @field's
 * key; returns whether it found nothing. */
static gboolean
check_text (GPtrArray   *problems,
            TxTextField  field,
            int          index,
            const char  *text)
{
  char *message = tx_text_check (field, text);

  if (message == NULL)
    return TRUE;

  /* an empty text is missing, not made of wrong characters */
  add_problem (problems, text_fields[field].key, index, message)->text =
    text != NULL && (!g_utf8_validate (text, -1, NULL) || !tx_text_is_blank (text));
  return FALSE;
}

/* A stored date that is none: a record from a file or a script. */
static gboolean
check_stored_date (GPtrArray  *problems,
                   const char *field,
                   int         index,
                   const char *text,
                   const char *what)
{
  if (text == NULL || text[0] == '\0' || tx_date_from_iso (text) != TX_DATE_NONE)
    return TRUE;

  add_problem (problems, field, index,
               /* Translators: the first %s says which date, “the submission date” */
               g_strdup_printf (_("The %s “%s” is not a date: write it as YYYY-MM-DD."), what, text));
  return FALSE;
}

/**
 * tx_outcome_check:
 * @today: the day dates may not come after, or %TX_DATE_NONE not to
 *   look at the calendar (a record read from a file)
 *
 * Returns: (transfer full) (element-type TxProblem): what is wrong with
 *   @outcome, empty when nothing is.  Fields: "title", "consultation",
 *   "content", "submitted-to", "submitted", "feedback-due",
 *   "feedback-received", "feedback", "progress"; "supervision-date",
 *   "supervision-by", "supervision-note" (with the record's index).
 */
GPtrArray *
tx_outcome_check (TxOutcome *outcome,
                  TxDate     today)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_problem_free);
  const char *submitted_text = tx_outcome_get_submitted (outcome);
  const char *due_text = tx_outcome_get_feedback_due (outcome);
  const char *received_text = tx_outcome_get_feedback_received (outcome);
  TxDate submitted, due, received;
  GPtrArray *supervisions;

  g_return_val_if_fail (TX_IS_OUTCOME (outcome), problems);

  if (is_blank (tx_outcome_get_title (outcome)))
    add_problem (problems, "title", -1, g_strdup (_("Write the title of the recommendation.")));
  else
    check_text (problems, TX_TEXT_OUTCOME_TITLE, -1, tx_outcome_get_title (outcome));
  if (is_blank (tx_outcome_get_consultation_uuid (outcome)))
    add_problem (problems, "consultation", -1, g_strdup (_("Choose the consultation it came from.")));

  /* the texts */
  check_text (problems, TX_TEXT_OUTCOME_CONTENT, -1, tx_outcome_get_content (outcome));
  check_text (problems, TX_TEXT_SUBMITTED_TO, -1, tx_outcome_get_submitted_to (outcome));
  check_text (problems, TX_TEXT_FEEDBACK, -1, tx_outcome_get_feedback_text (outcome));

  /* submission */
  if (check_stored_date (problems, "submitted", -1, submitted_text, _("submission date")))
    {
      submitted = tx_date_from_iso (submitted_text);
      if (submitted != TX_DATE_NONE && is_blank (tx_outcome_get_submitted_to (outcome)))
        add_problem (problems, "submitted-to", -1,
                     g_strdup (_("Choose whom it was submitted to: the Party committee, the government or a department.")));
      if (submitted != TX_DATE_NONE && today != TX_DATE_NONE && submitted > today)
        add_problem (problems, "submitted", -1, g_strdup (_("The submission date is after today: check it.")));
    }
  else
    submitted = TX_DATE_NONE;

  /* feedback */
  if (check_stored_date (problems, "feedback-due", -1, due_text, _("feedback due date")))
    {
      due = tx_date_from_iso (due_text);
      if (due != TX_DATE_NONE && submitted != TX_DATE_NONE && due < submitted)
        add_problem (problems, "feedback-due", -1,
                     g_strdup_printf (_("Feedback cannot be due on %s, before the recommendation was submitted on %s: check both dates."),
                                      due_text, submitted_text));
    }

  if (check_stored_date (problems, "feedback-received", -1, received_text, _("feedback date")))
    {
      received = tx_date_from_iso (received_text);
      if (received != TX_DATE_NONE && is_blank (submitted_text))
        add_problem (problems, "feedback-received", -1,
                     g_strdup (_("Feedback was received, so the recommendation was submitted: write when.")));
      else if (received != TX_DATE_NONE && submitted != TX_DATE_NONE && received < submitted)
        add_problem (problems, "feedback-received", -1,
                     g_strdup_printf (_("Feedback received on %s cannot come before the recommendation was submitted on %s: check both dates."),
                                      received_text, submitted_text));
      else if (received != TX_DATE_NONE && today != TX_DATE_NONE && received > today)
        add_problem (problems, "feedback-received", -1,
                     g_strdup (_("The feedback date is after today: check it.")));
    }

  /* implementation */
  if (tx_outcome_get_progress (outcome) > 100 || tx_outcome_get_progress (outcome) < -1)
    add_problem (problems, "progress", -1,
                 g_strdup_printf (_("Progress is a percentage from 0 to 100, not %d."),
                                  tx_outcome_get_progress (outcome)));

  supervisions = tx_outcome_get_supervisions (outcome);
  for (guint i = 0; i < supervisions->len; i++)
    {
      TxSupervision *supervision = g_ptr_array_index (supervisions, i);
      TxDate date;

      check_text (problems, TX_TEXT_SUPERVISOR, i, supervision->by);
      check_text (problems, TX_TEXT_SUPERVISION_NOTE, i, supervision->note);

      if (!check_stored_date (problems, "supervision-date", i, supervision->date, _("supervision date")))
        continue;

      date = tx_date_from_iso (supervision->date);
      if (date != TX_DATE_NONE && today != TX_DATE_NONE && date > today)
        add_problem (problems, "supervision-date", i,
                     /* Translators: %u is the number of the record, from 1 */
                     g_strdup_printf (_("The date of supervision record %u is after today: check it."), i + 1));
    }

  return problems;
}

/**
 * tx_consultation_check:
 * @today: unused for now: no date of a consultation's details may
 *   not be in the future (a meeting is planned ahead)
 *
 * Returns: (transfer full) (element-type TxProblem): what is wrong with
 *   the details, due dates and minutes of @consultation.  Fields:
 *   "title", "township", "starts", "ends", "stage-due" and
 *   "stage-reason" (with the stage), "venue", "research", "recorder",
 *   "agenda", "consensus", "next-steps", "speaker" and "speech" (with
 *   the speech).  Done dates follow their own rule,
 *   tx_consultation_check_stages().
 */
GPtrArray *
tx_consultation_check (TxConsultation *consultation,
                       TxDate          today)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_problem_free);
  const char *starts_text = tx_consultation_get_starts (consultation);
  const char *ends_text = tx_consultation_get_ends (consultation);
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  GPtrArray *speeches;

  g_return_val_if_fail (TX_IS_CONSULTATION (consultation), problems);

  if (is_blank (tx_consultation_get_title (consultation)))
    add_problem (problems, "title", -1, g_strdup (_("Write the title of the consultation.")));
  else
    check_text (problems, TX_TEXT_CONSULTATION_TITLE, -1, tx_consultation_get_title (consultation));
  if (is_blank (tx_consultation_get_township_uuid (consultation)))
    add_problem (problems, "township", -1, g_strdup (_("Choose the township of the consultation.")));

  if (starts_text != NULL && starts_text[0] != '\0')
    {
      starts = g_date_time_new_from_iso8601 (starts_text, NULL);
      if (starts == NULL)
        add_problem (problems, "starts", -1,
                     g_strdup (_("The meeting’s start is not a date and time: write it as 2026-12-10 09:00.")));
    }
  if (ends_text != NULL && ends_text[0] != '\0')
    {
      ends = g_date_time_new_from_iso8601 (ends_text, NULL);
      if (ends == NULL)
        add_problem (problems, "ends", -1,
                     g_strdup (_("The meeting’s end is not a date and time: write it as 2026-12-10 11:30, or only 11:30 on the day it starts.")));
      else if (starts_text == NULL || starts_text[0] == '\0')
        add_problem (problems, "ends", -1, g_strdup (_("Write when the meeting starts, too.")));
      else if (starts != NULL && g_date_time_compare (ends, starts) < 0)
        add_problem (problems, "ends", -1, g_strdup (_("The meeting ends before it starts: check both times.")));
    }

  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    {
      const char *due = tx_consultation_get_stage_due (consultation, stage);

      if (due != NULL && due[0] != '\0' && tx_date_from_iso (due) == TX_DATE_NONE)
        add_problem (problems, "stage-due", stage,
                     g_strdup_printf (_("The due date of %s, “%s”, is not a date: write it as YYYY-MM-DD."),
                                      tx_stage_get_label (stage), due));
      check_text (problems, TX_TEXT_STAGE_REASON, stage, consultation->stage_note[stage]);
    }

  /* the texts */
  check_text (problems, TX_TEXT_VENUE, -1, tx_consultation_get_venue (consultation));
  check_text (problems, TX_TEXT_RESEARCH, -1, tx_consultation_get_research (consultation));
  check_text (problems, TX_TEXT_RECORDER, -1, tx_consultation_get_recorder (consultation));
  check_text (problems, TX_TEXT_AGENDA, -1, tx_consultation_get_agenda (consultation));
  check_text (problems, TX_TEXT_CONSENSUS, -1, tx_consultation_get_consensus (consultation));
  check_text (problems, TX_TEXT_NEXT_STEPS, -1, tx_consultation_get_next_steps (consultation));
  speeches = tx_consultation_get_speeches (consultation);
  for (guint i = 0; i < speeches->len; i++)
    {
      TxSpeech *speech = g_ptr_array_index (speeches, i);

      check_text (problems, TX_TEXT_SPEAKER, i, speech->speaker);
      check_text (problems, TX_TEXT_SPEECH, i, speech->summary);
    }

  return problems;
}

/**
 * tx_consultation_check_stages:
 * @today: the day no stage is done after, or %TX_DATE_NONE not to look
 *   at the calendar
 *
 * The rule of tx_stage_check_done() for every stage @consultation has
 * done, as a record from a file or a script brings them all at once: in
 * order, each on or after the one before, unless the record gives the
 * reason it was not (tx_store_set_stage_done()'s reason).
 *
 * Returns: (transfer full) (element-type TxProblem): fields
 *   "stage-done" with the stage
 */
GPtrArray *
tx_consultation_check_stages (TxConsultation *consultation,
                              TxDate          today)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_problem_free);

  g_return_val_if_fail (TX_IS_CONSULTATION (consultation), problems);

  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    {
      const char *done_text = tx_consultation_get_stage_done (consultation, stage);
      g_autoptr(GError) error = NULL;
      TxDate done;

      if (done_text == NULL || done_text[0] == '\0')
        continue;

      done = tx_date_from_iso (done_text);
      if (done == TX_DATE_NONE)
        {
          add_problem (problems, "stage-done", stage,
                       g_strdup_printf (_("The day %s was done, “%s”, is not a date: write it as YYYY-MM-DD."),
                                        tx_stage_get_label (stage), done_text));
          continue;
        }

      if (!tx_stage_check_done (consultation, stage, done, consultation->stage_note[stage], today, &error))
        add_problem (problems, "stage-done", stage, g_strdup (error->message));
    }

  return problems;
}

/**
 * tx_person_check:
 *
 * The rules a person on the roster follows: a name, a phone number
 * that is a mobile (11 digits beginning with 1) or a landline with its
 * area code, or none, and texts that tx_text_check() finds nothing
 * wrong with.
 *
 * Returns: (transfer full) (element-type TxProblem): fields "name",
 *   "ethnicity", "village", "organization", "title", "phone", "notes"
 */
GPtrArray *
tx_person_check (TxPerson *person)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_problem_free);
  const char *phone = tx_person_get_phone (person);

  g_return_val_if_fail (TX_IS_PERSON (person), problems);

  check_text (problems, TX_TEXT_PERSON_NAME, -1, tx_person_get_name (person));
  check_text (problems, TX_TEXT_ETHNICITY, -1, tx_person_get_ethnicity (person));
  check_text (problems, TX_TEXT_VILLAGE, -1, tx_person_get_village (person));
  check_text (problems, TX_TEXT_ORGANIZATION, -1, tx_person_get_organization (person));
  check_text (problems, TX_TEXT_JOB_TITLE, -1, tx_person_get_title (person));
  if (check_text (problems, TX_TEXT_PHONE, -1, phone) && !tx_phone_is_valid (phone))
    add_problem (problems, "phone", -1,
                 g_strdup_printf (_("“%s” is not a phone number: write an 11-digit mobile number beginning with 1, or a landline with its area code such as 0854-8221234."),
                                  phone));
  check_text (problems, TX_TEXT_PERSON_NOTES, -1, tx_person_get_notes (person));

  return problems;
}

/**
 * tx_problems_find:
 * @index: which one, or -1
 *
 * Returns: (nullable): the message of the first problem with @field
 */
const char *
tx_problems_find (GPtrArray  *problems,
                  const char *field,
                  int         index)
{
  for (guint i = 0; i < problems->len; i++)
    {
      TxProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->field, field) == 0 && problem->index == index)
        return problem->message;
    }

  return NULL;
}

/**
 * tx_problems_to_error:
 *
 * Returns: %TRUE when there are no problems; else %FALSE with @error
 *   saying the first (TX_STORE_ERROR_INVALID)
 */
gboolean
tx_problems_to_error (GPtrArray  *problems,
                      GError    **error)
{
  TxProblem *first;

  if (problems->len == 0)
    return TRUE;

  first = g_ptr_array_index (problems, 0);
  g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID, first->message);
  return FALSE;
}
