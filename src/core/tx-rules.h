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
  char *field;     /* "title", "submitted", "supervision-date", … */
  int   index;     /* which one, for the fields of a list; else -1 */
  char *message;   /* translated, says what to do */
} TxProblem;

void        tx_problem_free       (TxProblem   *problem);
GPtrArray  *tx_outcome_check      (TxOutcome   *outcome,
                                   TxDate       today);
GPtrArray  *tx_consultation_check (TxConsultation *consultation,
                                   TxDate       today);
const char *tx_problems_find      (GPtrArray   *problems,
                                   const char  *field,
                                   int          index);
gboolean    tx_problems_to_error  (GPtrArray   *problems,
                                   GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxProblem, tx_problem_free)

G_END_DECLS
