/* tx-consultation.c — one consultation (协商活动) and its six stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-meeting.h"
#include "tx-records-private.h"
#include "tx-rules.h"
#include "tx-vocabulary.h"

static void tx_consultation_meeting_init (TxMeetingInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxConsultation, tx_consultation, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TX_TYPE_MEETING, tx_consultation_meeting_init))

enum {
  PROP_0,
  PROP_UUID,
  PROP_TITLE,
  PROP_TOWNSHIP_NAME,
  PROP_DATE,
  PROP_STAGE,
  PROP_VENUE,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

TxParticipant *
tx_participant_new (const char *person_uuid,
                    TxRole      role)
{
  TxParticipant *participant = g_new0 (TxParticipant, 1);

  participant->person_uuid = g_strdup (person_uuid);
  participant->categories = g_array_new (FALSE, FALSE, sizeof (TxCategory));
  participant->role = role;
  participant->invited = TRUE;
  participant->attended = -1;

  return participant;
}

void
tx_participant_free (TxParticipant *participant)
{
  if (participant == NULL)
    return;

  g_free (participant->person_uuid);
  g_free (participant->name);
  g_array_unref (participant->categories);
  g_free (participant);
}

TxSpeech *
tx_speech_new (const char *speaker,
               const char *summary)
{
  TxSpeech *speech = g_new0 (TxSpeech, 1);

  speech->speaker = g_strdup (speaker ? speaker : "");
  speech->summary = g_strdup (summary ? summary : "");

  return speech;
}

void
tx_speech_free (TxSpeech *speech)
{
  if (speech == NULL)
    return;

  g_free (speech->speaker);
  g_free (speech->summary);
  g_free (speech);
}

static void
tx_consultation_finalize (GObject *object)
{
  TxConsultation *self = (TxConsultation *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->township_uuid, g_free);
  g_clear_pointer (&self->township_name, g_free);
  g_clear_pointer (&self->venue, g_free);
  g_clear_pointer (&self->starts, g_free);
  g_clear_pointer (&self->ends, g_free);
  g_clear_pointer (&self->research, g_free);
  for (guint i = 0; i < TX_N_STAGES; i++)
    {
      g_clear_pointer (&self->stage_due[i], g_free);
      g_clear_pointer (&self->stage_done[i], g_free);
      g_clear_pointer (&self->stage_note[i], g_free);
    }
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->recorder, g_free);
  g_clear_pointer (&self->agenda, g_free);
  g_clear_pointer (&self->speeches, g_ptr_array_unref);
  g_clear_pointer (&self->consensus, g_free);
  g_clear_pointer (&self->next_steps, g_free);
  g_clear_pointer (&self->outcomes, g_ptr_array_unref);
  g_clear_pointer (&self->updated_at, g_free);

  G_OBJECT_CLASS (tx_consultation_parent_class)->finalize (object);
}

static void
tx_consultation_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TxConsultation *self = TX_CONSULTATION (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_TOWNSHIP_NAME:
      g_value_set_string (value, self->township_name);
      break;

    case PROP_DATE:
      g_value_take_string (value, tx_consultation_dup_date_label (self));
      break;

    case PROP_STAGE:
      g_value_set_string (value, tx_stage_get_label (tx_consultation_get_current_stage (self)));
      break;

    case PROP_VENUE:
      g_value_set_string (value, self->venue);
      break;

    case PROP_UPDATED_AT:
      g_value_set_string (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A consultation is a meeting: its sign-in sheet, its calendar entry */
static void
tx_consultation_meeting_init (TxMeetingInterface *iface)
{
  iface->get_uuid = (gpointer) tx_consultation_get_uuid;
  iface->get_title = (gpointer) tx_consultation_get_title;
  iface->get_township_name = (gpointer) tx_consultation_get_township_name;
  iface->get_venue = (gpointer) tx_consultation_get_venue;
  iface->get_starts = (gpointer) tx_consultation_get_starts;
  iface->get_ends = (gpointer) tx_consultation_get_ends;
  iface->get_participants = (gpointer) tx_consultation_get_participants;
}

static void
tx_consultation_class_init (TxConsultationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[N_PROPS] = {
    NULL, "uuid", "title", "township-name", "date-label", "stage-label", "venue", "updated-at",
  };

  object_class->finalize = tx_consultation_finalize;
  object_class->get_property = tx_consultation_get_property;

  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tx_consultation_init (TxConsultation *self)
{
  self->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_participant_free);
  self->speeches = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_speech_free);
  self->outcomes = g_ptr_array_new_with_free_func (g_object_unref);
}

TxConsultation *
tx_consultation_new (void)
{
  return g_object_new (TX_TYPE_CONSULTATION, NULL);
}

#define STRING_GETTER(field)                                    \
  const char *                                                  \
  tx_consultation_get_##field (TxConsultation *self)            \
  {                                                             \
    g_return_val_if_fail (TX_IS_CONSULTATION (self), NULL);     \
    return self->field ? self->field : "";                      \
  }

STRING_GETTER (uuid)
STRING_GETTER (title)
STRING_GETTER (township_uuid)
STRING_GETTER (township_name)
STRING_GETTER (venue)
STRING_GETTER (research)
STRING_GETTER (recorder)
STRING_GETTER (agenda)
STRING_GETTER (consensus)
STRING_GETTER (next_steps)
STRING_GETTER (updated_at)

#undef STRING_GETTER

/* Meeting times may be absent: NULL, not "". */
const char *
tx_consultation_get_starts (TxConsultation *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION (self), NULL);
  return self->starts;
}

const char *
tx_consultation_get_ends (TxConsultation *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION (self), NULL);
  return self->ends;
}

TxTopicSource
tx_consultation_get_topic_source (TxConsultation *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION (self), 0);
  return self->topic_source;
}

TxOrientation
tx_consultation_get_orientation (TxConsultation *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION (self), 0);
  return self->orientation;
}

TxPlatform
tx_consultation_get_platform (TxConsultation *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION (self), 0);
  return self->platform;
}

const char *
tx_consultation_get_stage_due (TxConsultation *self,
                               TxStage         stage)
{
  g_return_val_if_fail (TX_IS_CONSULTATION (self), NULL);
  g_return_val_if_fail (stage < TX_N_STAGES, NULL);
  return self->stage_due[stage];
}

const char *
tx_consultation_get_stage_done (TxConsultation *self,
                                TxStage         stage)
{
  g_return_val_if_fail (TX_IS_CONSULTATION (self), NULL);
  g_return_val_if_fail (stage < TX_N_STAGES, NULL);
  return self->stage_done[stage];
}

/**
 * tx_consultation_get_stage_note:
 *
 * Returns: (nullable): why @stage was marked done before the stage
 *   before it, or earlier than it (tx_store_set_stage_done()'s reason)
 */
const char *
tx_consultation_get_stage_note (TxConsultation *self,
                                TxStage         stage)
{
  g_return_val_if_fail (TX_IS_CONSULTATION (self), NULL);
  g_return_val_if_fail (stage < TX_N_STAGES, NULL);
  return self->stage_note[stage];
}

/**
 * tx_consultation_get_current_stage:
 *
 * Returns: the first stage not yet done, or %TX_STAGE_DONE
 */
TxStage
tx_consultation_get_current_stage (TxConsultation *self)
{
  guint done = 0;

  g_return_val_if_fail (TX_IS_CONSULTATION (self), TX_STAGE_SELECTION);

  for (guint i = 0; i < TX_N_STAGES; i++)
    if (self->stage_done[i] != NULL)
      done |= 1u << i;

  return tx_stage_first_not_done (done);
}

/**
 * tx_consultation_get_year:
 *
 * Returns: the year of the meeting, or failing that of the earliest due
 *   date (as the lists filter by year, TX_SQL_CONSULTATION_YEAR); 0 when
 *   nothing is dated
 */
int
tx_consultation_get_year (TxConsultation *self)
{
  TxDate earliest = TX_DATE_NONE;

  g_return_val_if_fail (TX_IS_CONSULTATION (self), 0);

  if (self->starts != NULL)
    return atoi (self->starts);

  for (guint i = 0; i < TX_N_STAGES; i++)
    {
      TxDate due = tx_date_from_iso (self->stage_due[i]);

      if (due != TX_DATE_NONE && (earliest == TX_DATE_NONE || due < earliest))
        earliest = due;
    }

  return tx_date_get_year (earliest);
}

/**
 * tx_consultation_dup_date_label:
 *
 * Returns: the meeting's date and time as a person reads it, or "" when
 *   no meeting is set
 */
char *
tx_consultation_dup_date_label (TxConsultation *self)
{
  g_autoptr(GDateTime) starts = NULL;

  g_return_val_if_fail (TX_IS_CONSULTATION (self), NULL);

  if (self->starts == NULL || (starts = g_date_time_new_from_iso8601 (self->starts, NULL)) == NULL)
    return g_strdup ("");

  /* Translators: a meeting's date and time, strftime format */
  return g_date_time_format (starts, _("%Y-%m-%d %H:%M"));
}

GPtrArray *
tx_consultation_get_participants (TxConsultation *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION (self), NULL);
  return self->participants;
}

gboolean
tx_consultation_has_minutes (TxConsultation *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION (self), FALSE);
  return self->has_minutes;
}

GPtrArray *
tx_consultation_get_speeches (TxConsultation *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION (self), NULL);
  return self->speeches;
}

GPtrArray *
tx_consultation_get_outcomes (TxConsultation *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION (self), NULL);
  return self->outcomes;
}

/* Changing a consultation, before saving it (tx-consultation-store.c) */

void
tx_consultation_set_title (TxConsultation *self,
                           const char     *title)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  tx_record_set_text (&self->title, title);
}

void
tx_consultation_set_township (TxConsultation *self,
                              const char     *township_uuid)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  tx_record_set_text (&self->township_uuid, township_uuid);
}

void
tx_consultation_set_topic (TxConsultation *self,
                           TxTopicSource   source,
                           TxOrientation   orientation)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  self->topic_source = source;
  self->orientation = orientation;
}

void
tx_consultation_set_place (TxConsultation *self,
                           TxPlatform      platform,
                           const char     *venue)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  self->platform = platform;
  tx_record_set_text (&self->venue, venue);
}

/* @starts and @ends: ISO 8601 with an offset, or NULL */
void
tx_consultation_set_times (TxConsultation *self,
                           const char     *starts,
                           const char     *ends)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  tx_record_set_text (&self->starts, starts);
  tx_record_set_text (&self->ends, ends);
}

void
tx_consultation_set_research (TxConsultation *self,
                              const char     *research)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  tx_record_set_text (&self->research, research);
}

void
tx_consultation_set_stage_due (TxConsultation *self,
                               TxStage         stage,
                               const char     *due)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  g_return_if_fail (stage < TX_N_STAGES);
  tx_record_set_text (&self->stage_due[stage], due);
}

void
tx_consultation_set_minutes (TxConsultation *self,
                             const char     *recorder,
                             const char     *agenda,
                             const char     *consensus,
                             const char     *next_steps)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  self->has_minutes = TRUE;
  tx_record_set_text (&self->recorder, recorder);
  tx_record_set_text (&self->agenda, agenda);
  tx_record_set_text (&self->consensus, consensus);
  tx_record_set_text (&self->next_steps, next_steps);
}

void
tx_consultation_add_speech (TxConsultation *self,
                            const char     *speaker,
                            const char     *summary)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  self->has_minutes = TRUE;
  g_ptr_array_add (self->speeches, tx_speech_new (speaker, summary));
}

void
tx_consultation_clear_speeches (TxConsultation *self)
{
  g_return_if_fail (TX_IS_CONSULTATION (self));
  g_ptr_array_set_size (self->speeches, 0);
}
