/* tx-outcome.c — a recommendation (协商建言) and what became of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-outcome"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-records-private.h"
#include "tx-vocabulary.h"

G_DEFINE_FINAL_TYPE (TxOutcome, tx_outcome, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_TITLE,
  PROP_CONSULTATION_TITLE,
  PROP_ADOPTION,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

TxSupervision *
tx_supervision_new (TxSupervisionPhase phase)
{
  TxSupervision *supervision = g_new0 (TxSupervision, 1);

  supervision->phase = phase;

  return supervision;
}

void
tx_supervision_free (TxSupervision *supervision)
{
  if (supervision == NULL)
    return;

  g_free (supervision->date);
  g_free (supervision->by);
  g_free (supervision->note);
  g_free (supervision);
}

static void
tx_outcome_finalize (GObject *object)
{
  TxOutcome *self = (TxOutcome *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->consultation_uuid, g_free);
  g_clear_pointer (&self->consultation_title, g_free);
  g_clear_pointer (&self->township_name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->submitted_to, g_free);
  g_clear_pointer (&self->submitted, g_free);
  g_clear_pointer (&self->feedback_due, g_free);
  g_clear_pointer (&self->feedback_received, g_free);
  g_clear_pointer (&self->feedback_text, g_free);
  g_clear_pointer (&self->supervisions, g_ptr_array_unref);
  g_clear_pointer (&self->updated_at, g_free);

  G_OBJECT_CLASS (tx_outcome_parent_class)->finalize (object);
}

static void
tx_outcome_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TxOutcome *self = TX_OUTCOME (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_CONSULTATION_TITLE:
      g_value_set_string (value, self->consultation_title);
      break;

    case PROP_ADOPTION:
      g_value_set_string (value, tx_adoption_get_label (self->adoption));
      break;

    case PROP_UPDATED_AT:
      g_value_set_string (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_outcome_class_init (TxOutcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[N_PROPS] = {
    NULL, "uuid", "title", "consultation-title", "adoption-label", "updated-at",
  };

  object_class->finalize = tx_outcome_finalize;
  object_class->get_property = tx_outcome_get_property;

  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tx_outcome_init (TxOutcome *self)
{
  self->progress = -1;
  self->supervisions = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_supervision_free);
}

TxOutcome *
tx_outcome_new (void)
{
  return g_object_new (TX_TYPE_OUTCOME, NULL);
}

#define STRING_GETTER(field)                                    \
  const char *                                                  \
  tx_outcome_get_##field (TxOutcome *self)                      \
  {                                                             \
    g_return_val_if_fail (TX_IS_OUTCOME (self), NULL);          \
    return self->field ? self->field : "";                      \
  }

STRING_GETTER (uuid)
STRING_GETTER (consultation_uuid)
STRING_GETTER (consultation_title)
STRING_GETTER (township_name)
STRING_GETTER (title)
STRING_GETTER (content)
STRING_GETTER (submitted_to)
STRING_GETTER (feedback_text)
STRING_GETTER (updated_at)

#undef STRING_GETTER

/* Dates may be absent: NULL, not "". */
const char *
tx_outcome_get_submitted (TxOutcome *self)
{
  g_return_val_if_fail (TX_IS_OUTCOME (self), NULL);
  return self->submitted;
}

gboolean
tx_outcome_has_feedback (TxOutcome *self)
{
  g_return_val_if_fail (TX_IS_OUTCOME (self), FALSE);
  return self->has_feedback;
}

const char *
tx_outcome_get_feedback_due (TxOutcome *self)
{
  g_return_val_if_fail (TX_IS_OUTCOME (self), NULL);
  return self->feedback_due;
}

const char *
tx_outcome_get_feedback_received (TxOutcome *self)
{
  g_return_val_if_fail (TX_IS_OUTCOME (self), NULL);
  return self->feedback_received;
}

TxAdoption
tx_outcome_get_adoption (TxOutcome *self)
{
  g_return_val_if_fail (TX_IS_OUTCOME (self), TX_ADOPTION_PENDING);
  return self->adoption;
}

int
tx_outcome_get_progress (TxOutcome *self)
{
  g_return_val_if_fail (TX_IS_OUTCOME (self), -1);
  return self->progress;
}

GPtrArray *
tx_outcome_get_supervisions (TxOutcome *self)
{
  g_return_val_if_fail (TX_IS_OUTCOME (self), NULL);
  return self->supervisions;
}

/**
 * tx_submitted_to_get_label:
 * @submitted_to: "party_committee", "government" or a department's name
 *
 * Returns: what a person reads
 */
const char *
tx_submitted_to_get_label (const char *submitted_to)
{
  if (g_strcmp0 (submitted_to, "party_committee") == 0)
    return _("Party committee");
  if (g_strcmp0 (submitted_to, "government") == 0)
    return _("Government");
  return submitted_to ? submitted_to : "";
}

/* Changing a recommendation, before saving it (tx-outcome-store.c) */

TxOutcome *
tx_outcome_new_for_consultation (const char *consultation_uuid)
{
  TxOutcome *self = tx_outcome_new ();

  self->consultation_uuid = g_strdup (consultation_uuid);

  return self;
}

void
tx_outcome_set_text (TxOutcome  *self,
                     const char *title,
                     const char *content)
{
  g_return_if_fail (TX_IS_OUTCOME (self));
  tx_record_set_text (&self->title, title);
  tx_record_set_text (&self->content, content);
}

/* @submitted_to: "party_committee", "government" or a department's name */
void
tx_outcome_set_submission (TxOutcome  *self,
                           const char *submitted_to,
                           const char *submitted)
{
  g_return_if_fail (TX_IS_OUTCOME (self));
  tx_record_set_text (&self->submitted_to, submitted_to);
  tx_record_set_text (&self->submitted, submitted);
}

void
tx_outcome_set_feedback (TxOutcome  *self,
                         const char *due,
                         const char *received,
                         const char *text)
{
  g_return_if_fail (TX_IS_OUTCOME (self));
  tx_record_set_text (&self->feedback_due, due);
  tx_record_set_text (&self->feedback_received, received);
  tx_record_set_text (&self->feedback_text, text);
  self->has_feedback = self->feedback_due != NULL || self->feedback_received != NULL ||
                       self->feedback_text != NULL;
}

/* @progress: 0 to 100, or -1 when not known */
void
tx_outcome_set_adoption (TxOutcome  *self,
                         TxAdoption  adoption,
                         int         progress)
{
  g_return_if_fail (TX_IS_OUTCOME (self));
  self->adoption = adoption;
  self->progress = progress;
}

void
tx_outcome_add_supervision (TxOutcome          *self,
                            TxSupervisionPhase  phase,
                            const char         *date,
                            const char         *by,
                            const char         *note)
{
  TxSupervision *supervision;

  g_return_if_fail (TX_IS_OUTCOME (self));

  supervision = tx_supervision_new (phase);
  supervision->date = date != NULL && date[0] != '\0' ? g_strdup (date) : NULL;
  supervision->by = g_strdup (by ? by : "");
  supervision->note = g_strdup (note ? note : "");
  g_ptr_array_add (self->supervisions, supervision);
}

void
tx_outcome_clear_supervisions (TxOutcome *self)
{
  g_return_if_fail (TX_IS_OUTCOME (self));
  g_ptr_array_set_size (self->supervisions, 0);
}
