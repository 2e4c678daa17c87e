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
#include "tx-store.h"
#include "tx-township.h"

G_BEGIN_DECLS

/* Keeps a copy of @value in *@field, or NULL for NULL and "". */
static inline void
tx_record_set_text (char       **field,
                    const char  *value)
{
  /* copied first: @value may be the field's own text */
  char *copy = value != NULL && value[0] != '\0' ? g_strdup (value) : NULL;

  g_free (*field);
  *field = copy;
}

struct _TxTownship
{
  GObject         parent_instance;

  char           *uuid;
  char           *name;
  TxTownshipKind  kind;
  char           *updated_at;
};

/* SQL: the day (YYYY-MM-DD) of the last training the person of id
 * @person was present at, on or before @day (SQL expressions), or NULL:
 * what "last training" means for the roster, the untrained and the CLI */
#define TX_SQL_LAST_TRAINING(person, day) \
  "(SELECT max (substr (a.starts_at, 1, 10)) FROM activity_participant ap " \
  " JOIN activity a ON a.id = ap.activity_id " \
  " WHERE ap.person_id = " person " AND ap.attended = 1 AND a.kind = 'training' " \
  "   AND a.deleted_at IS NULL AND substr (a.starts_at, 1, 10) <= " day ")"

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
  char      *post_since;   /* YYYY-MM-DD the post was taken up, or "" */
  char      *last_training; /* YYYY-MM-DD of the last training attended, or NULL (as read) */
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
  char           *stage_note[TX_N_STAGES];  /* why it was done out of order, or NULL */
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

/* What tx_store_write_consultation() and tx_store_write_outcome() write. */
typedef enum {
  TX_WRITE_DETAILS      = 1 << 0,   /* the record's own row */
  TX_WRITE_DUE_DATES    = 1 << 1,
  TX_WRITE_DONE_DATES   = 1 << 2,
  TX_WRITE_PARTICIPANTS = 1 << 3,
  TX_WRITE_MINUTES      = 1 << 4,   /* with the speeches */
  TX_WRITE_AS_RECEIVED  = 1 << 8,   /* from another office: keep its updated_at */
} TxWriteFlags;

#define TX_WRITE_WHOLE (TX_WRITE_DETAILS | TX_WRITE_DUE_DATES | TX_WRITE_DONE_DATES | \
                        TX_WRITE_PARTICIPANTS | TX_WRITE_MINUTES)

gboolean tx_store_write_consultation (TxStore         *store,
                                      TxConsultation  *consultation,
                                      TxWriteFlags     flags,
                                      GError         **error);
gboolean tx_store_write_township     (TxStore         *store,
                                      TxTownship      *township,
                                      const char      *updated_at,
                                      GError         **error);
gboolean tx_store_write_plan         (TxStore         *store,
                                      const char      *township_uuid,
                                      int              year,
                                      int              consultations,
                                      const char      *updated_at,
                                      GError         **error);
gboolean tx_store_write_outcome      (TxStore         *store,
                                      TxOutcome       *outcome,
                                      TxWriteFlags     flags,
                                      GError         **error);

/* A consultation's year in SQL (c the consultation): that of its meeting,
 * or of its earliest due date, as tx_consultation_get_year () says. */
#define TX_SQL_CONSULTATION_YEAR \
  "CAST (coalesce (substr (c.starts_at, 1, 4), " \
  "  (SELECT substr (min (due), 1, 4) FROM stage WHERE consultation_id = c.id)) AS INTEGER)"

/* Whether a date column is not a real day written YYYY-MM-DD, as
 * Tongxin writes dates: a query that chooses rows by comparing dates as
 * text lets such a row through, for the rules to read as
 * tx_date_from_iso () does. */
#define TX_SQL_NOT_ISO_DATE(column) \
  "tx_not_iso_date (" column ")"

/* Whether a date column may not be a real day written YYYY-MM-DD: true
 * whenever TX_SQL_NOT_ISO_DATE is, NULL for NULL; in SQLite's own
 * functions, so that partial indexes use it (the *_odd_dates indexes of
 * sql/0021-odd-dates-by-date.sql, whose WHERE it is written as, word
 * for word).  date (…, '+0 days') writes the day a date names, which
 * is the date itself only for a real day; the year 0 it also takes. */
#define TX_SQL_ODD_DATE(column) \
  "(date (" column ", '+0 days') IS NOT " column " OR " column " < '0001')"

/* A recommendation's year in SQL (o the recommendation, c its
 * consultation): that of its submission, or of its consultation. */
#define TX_SQL_OUTCOME_YEAR \
  "coalesce (CAST (substr (o.submitted_on, 1, 4) AS INTEGER), " TX_SQL_CONSULTATION_YEAR ")"

G_END_DECLS
