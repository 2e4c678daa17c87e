/* tx-rules.h — where a stage and a recommendation stand on a day, and
 * what is wrong with a record: one answer for every view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "tx-consultation.h"
#include "tx-date.h"
#include "tx-outcome.h"
#include "tx-person.h"

G_BEGIN_DECLS

/* Where a stage stands on a day. */
typedef enum {
  TX_STAGE_STATE_NO_DUE_DATE,   /* not done, and no due date set */
  TX_STAGE_STATE_DONE,          /* done on or before the day */
  TX_STAGE_STATE_UPCOMING,      /* due after the day */
  TX_STAGE_STATE_DUE_TODAY,
  TX_STAGE_STATE_OVERDUE,       /* due before the day, not done by it */
} TxStageState;

typedef struct {
  TxStageState state;
  TxDate       due;
  TxDate       done;    /* TX_DATE_NONE when not done by the day */
  int          days;    /* OVERDUE: days past due; UPCOMING: days left */
} TxStageStatus;

/* Where the feedback on a recommendation stands on a day. */
typedef enum {
  TX_FEEDBACK_NOT_SUBMITTED,    /* not submitted by the day: nothing awaited */
  TX_FEEDBACK_RECEIVED,         /* received on or before the day */
  TX_FEEDBACK_AWAITED,          /* due after the day */
  TX_FEEDBACK_DUE_TODAY,
  TX_FEEDBACK_OVERDUE,          /* due before the day, not received by it */
} TxFeedbackState;

typedef struct {
  TxFeedbackState state;
  TxDate          submitted;
  TxDate          due;          /* the agreed due date, or submitted + feedback days */
  gboolean        due_agreed;   /* @due was set on the record, not the default */
  TxDate          received;     /* TX_DATE_NONE when not received by the day */
  int             days;         /* OVERDUE: days past due; AWAITED: days left */
} TxFeedbackStatus;

void tx_stage_status_from_dates    (TxDate            due,
                                    TxDate            done,
                                    TxDate            today,
                                    TxStageStatus    *status);
void tx_feedback_status_from_dates (TxDate            submitted,
                                    TxDate            due,
                                    TxDate            received,
                                    TxDate            today,
                                    int               feedback_days,
                                    TxFeedbackStatus *status);
TxStage tx_stage_first_not_done (guint done_mask);
void tx_rules_register_functions   (sqlite3          *db);
void tx_stage_get_status    (TxConsultation   *consultation,
                             TxStage           stage,
                             TxDate            today,
                             TxStageStatus    *status);
void tx_feedback_get_status (TxOutcome        *outcome,
                             TxDate            today,
                             int               feedback_days,
                             TxFeedbackStatus *status);

/* One thing wrong with a record, for the field it is about: the
 * editors put it under that field, saving refuses it. */
typedef struct {
  char     *field;     /* "title", "submitted", "supervision-date", … */
  int       index;     /* which one, for the fields of a list; else -1 */
  char     *message;   /* translated, says what to do */
  gboolean  text;      /* about the characters of a text: too long, a
                        * control character (tx_text_check()) */
} TxProblem;

/* The text fields of the records.  Every way in (the editors, the
 * roster import, the exchange import, tongxin-cli) checks a text
 * against the one table of tx_text_field_get_info(). */
typedef enum {
  TX_TEXT_PERSON_NAME,
  TX_TEXT_ETHNICITY,
  TX_TEXT_VILLAGE,
  TX_TEXT_ORGANIZATION,
  TX_TEXT_JOB_TITLE,
  TX_TEXT_PHONE,
  TX_TEXT_PERSON_NOTES,
  TX_TEXT_TOWNSHIP_NAME,
  TX_TEXT_CONSULTATION_TITLE,
  TX_TEXT_VENUE,
  TX_TEXT_RESEARCH,
  TX_TEXT_STAGE_REASON,
  TX_TEXT_RECORDER,
  TX_TEXT_AGENDA,
  TX_TEXT_SPEAKER,
  TX_TEXT_SPEECH,
  TX_TEXT_CONSENSUS,
  TX_TEXT_NEXT_STEPS,
  TX_TEXT_OUTCOME_TITLE,
  TX_TEXT_OUTCOME_CONTENT,
  TX_TEXT_SUBMITTED_TO,
  TX_TEXT_FEEDBACK,
  TX_TEXT_SUPERVISOR,
  TX_TEXT_SUPERVISION_NOTE,
  TX_TEXT_ACTIVITY_KIND,
  TX_N_TEXT_FIELDS
} TxTextField;

typedef struct {
  const char *key;         /* the field of its TxProblem: "name", "venue", … */
  const char *label;       /* untranslated (N_()), as a message starts: "The name" */
  guint       max_chars;   /* the most characters it holds (not bytes) */
  gboolean    multiline;   /* may hold line breaks and tabs */
  gboolean    required;    /* may not be empty */
} TxTextFieldInfo;

const TxTextFieldInfo *tx_text_field_get_info (TxTextField  field);
guint       tx_text_field_get_max_chars (TxTextField  field);
gboolean    tx_text_is_blank      (const char  *text);
char       *tx_text_check         (TxTextField  field,
                                   const char  *text);

void        tx_problem_free       (TxProblem   *problem);
GPtrArray  *tx_person_check       (TxPerson    *person);
GPtrArray  *tx_outcome_check      (TxOutcome   *outcome,
                                   TxDate       today);
GPtrArray  *tx_consultation_check (TxConsultation *consultation,
                                   TxDate       today);
GPtrArray  *tx_consultation_check_stages (TxConsultation *consultation,
                                          TxDate          today);
const char *tx_problems_find      (GPtrArray   *problems,
                                   const char  *field,
                                   int          index);
gboolean    tx_problems_to_error  (GPtrArray   *problems,
                                   GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxProblem, tx_problem_free)

G_END_DECLS
