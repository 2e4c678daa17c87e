/* tx-ledger.h — the red/yellow/green warning ledger (红黄绿三级预警台账)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation.h"
#include "tx-date.h"
#include "tx-outcome.h"
#include "tx-store.h"
#include "tx-township.h"

G_BEGIN_DECLS

typedef enum {
  TX_RULE_STAGE_OVERDUE,
  TX_RULE_FEEDBACK_WAITING,
  TX_RULE_PLAN_BEHIND,
  TX_RULE_PLAN_MISSING,      /* no plan for the year (always yellow) */
  TX_RULE_DATA_STALE,        /* at the city: the township's last file is old (yellow) */
  TX_RULE_UNTRAINED,         /* at the city, when turned on: leaders or officers
                              * long in post without a training (yellow) */
} TxRule;

/* The thresholds, all settings (DESIGN §1, tx-settings.c). */
typedef struct {
  int stage_red_days;        /* a stage overdue more than this: red (14) */
  int feedback_days;         /* feedback due this long after submission,
                              * unless another due date was agreed (30) */
  int feedback_red_days;     /* feedback overdue more than this: red (30) */
  int plan_yellow_behind;    /* consultations behind the plan: yellow (1) */
  int plan_red_behind;       /* … red (2) */
  int stale_days;            /* at the city, a township's last file older
                              * than this: yellow (30; 0: never) */
  int untrained_days;        /* at the city, when the rule is on: a leader
                              * or officer in post longer than this
                              * without a training: yellow (0: off) */
} TxLedgerRules;

/* One reason behind a colour. */
typedef struct {
  TxRule   rule;
  TxColor  color;
  char    *kind;       /* "consultation", "outcome" or "township" */
  char    *uuid;
  char    *title;
  TxStage  stage;      /* for TX_RULE_STAGE_OVERDUE */
  int      days;       /* overdue; behind for the plan */
  TxDate   due;        /* what was due then, for a stage or feedback */
  char    *consultation_uuid;
  char    *text;       /* translated */
} TxLedgerHit;

typedef struct {
  char      *township_uuid;
  char      *township_name;
  char      *work_group;  /* the city's work group guiding it, or NULL */
  TxColor    color;
  GPtrArray *hits;       /* TxLedgerHit, worst first */
  int        planned;    /* -1 without a plan */
  int        held;
  int        expected;
} TxLedgerEntry;

typedef struct {
  int        year;
  int        quarter;
  TxDate     as_of;      /* today, or the end of the quarter */
  char      *issued_on;  /* YYYY-MM-DD when this is the ledger issued in
                          * the quarter's circular, frozen; NULL when it
                          * was computed from the data as they are */
  char      *number;     /* the circular's 发文字号 when issued, or "" */
  int        version;    /* 1, or more after corrections; 0 unissued */
  GPtrArray *entries;    /* TxLedgerEntry, by township name */
} TxLedger;

void           tx_ledger_rules_init_default (TxLedgerRules       *rules);
void           tx_ledger_rules_load         (TxLedgerRules       *rules,
                                             TxStore             *store);
TxLedger      *tx_ledger_evaluate           (GPtrArray           *townships,
                                             GPtrArray           *consultations,
                                             GPtrArray           *outcomes,
                                             const int           *planned,
                                             const int           *held,
                                             const TxLedgerRules *rules,
                                             int                  year,
                                             int                  quarter,
                                             TxDate               today);
TxLedger      *tx_ledger_compute            (TxStore             *store,
                                             int                  year,
                                             int                  quarter,
                                             TxDate               today,
                                             GError             **error);
TxLedger      *tx_ledger_get                (TxStore             *store,
                                             int                  year,
                                             int                  quarter,
                                             TxDate               today,
                                             GError             **error);
gboolean       tx_ledger_is_issued          (TxStore             *store,
                                             int                  year,
                                             int                  quarter);
TxColor        tx_ledger_consultation_color (TxLedger            *ledger,
                                             const char          *consultation_uuid);
void           tx_ledger_free               (TxLedger            *ledger);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxLedger, tx_ledger_free)

G_END_DECLS

G_BEGIN_DECLS

/* Freezing: a ledger as JSON, and the quarters issued in a circular. */
char          *tx_ledger_to_json            (TxLedger            *ledger);
TxLedger      *tx_ledger_from_json          (const char          *json,
                                             GError             **error);
TxLedger      *tx_ledger_load_frozen        (TxStore             *store,
                                             int                  year,
                                             int                  quarter,
                                             char               **suggestions,
                                             GError             **error);
gboolean       tx_ledger_freeze             (TxStore             *store,
                                             TxLedger            *ledger,
                                             const char          *issued_on,
                                             const char          *organization,
                                             const char          *suggestions,
                                             GError             **error);
gboolean       tx_ledger_issue              (TxStore             *store,
                                             TxLedger            *ledger,
                                             const char          *issued_on,
                                             const char          *number,
                                             const char          *organization,
                                             const char          *suggestions,
                                             gboolean             correction,
                                             GError             **error);

/* A circular issued: one version of a quarter's. */
typedef struct {
  int   year;
  int   quarter;
  int   version;
  char *issued_on;    /* YYYY-MM-DD */
  char *number;       /* 发文字号, or "" */
} TxIssuedCircular;

void           tx_issued_circular_free      (TxIssuedCircular    *circular);
GPtrArray     *tx_ledger_list_issued        (TxStore             *store,
                                             GError             **error);

G_END_DECLS
