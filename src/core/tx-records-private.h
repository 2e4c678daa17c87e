/* tx-records-private.h — the record structs, for src/core only
 *
 * The store and the exchange code fill records directly; everything
 * outside src/core reads them through getters and properties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation.h"
#include "tx-outcome.h"
#include "tx-person.h"
#include "tx-township.h"

G_BEGIN_DECLS

struct _TxTownship
{
  GObject         parent_instance;

  char           *uuid;
  char           *name;
  TxTownshipKind  kind;
  char           *updated_at;
};

struct _TxPerson
{
  GObject    parent_instance;

  char      *uuid;
  char      *name;
  TxGender   gender;
  char      *ethnicity;
  char      *township_uuid;
  char      *township_name;
  char      *village;
  char      *organization;
  char      *title;
  char      *phone;
  char      *notes;
  GArray    *categories;   /* of TxCategory, in the order given */
  char      *updated_at;
};

struct _TxConsultation
{
  GObject         parent_instance;

  char           *uuid;
  char           *title;
  char           *township_uuid;
  char           *township_name;
  TxTopicSource   topic_source;
  TxOrientation   orientation;
  TxPlatform      platform;
  char           *venue;
  char           *starts;        /* ISO 8601 with offset, or NULL */
  char           *ends;
  char           *research;
  char           *stage_due[TX_N_STAGES];   /* YYYY-MM-DD or NULL */
  char           *stage_done[TX_N_STAGES];
  GPtrArray      *participants;  /* TxParticipant */
  gboolean        has_minutes;
  char           *recorder;
  char           *agenda;
  GPtrArray      *speeches;      /* TxSpeech */
  char           *consensus;
  char           *next_steps;
  GPtrArray      *outcomes;      /* TxOutcome, loaded on demand */
  char           *updated_at;
};

struct _TxOutcome
{
  GObject      parent_instance;

  char        *uuid;
  char        *consultation_uuid;
  char        *consultation_title;
  char        *township_name;
  char        *title;
  char        *content;
  char        *submitted_to;
  char        *submitted;
  gboolean     has_feedback;
  char        *feedback_due;
  char        *feedback_received;
  char        *feedback_text;
  TxAdoption   adoption;
  int          progress;         /* -1 when not set */
  GPtrArray   *supervisions;     /* TxSupervision */
  char        *updated_at;
};

G_END_DECLS
