/* tx-person.c — someone on the roster (人员名册)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-person"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-date.h"
#include "tx-records-private.h"
#include "tx-vocabulary.h"

G_DEFINE_FINAL_TYPE (TxPerson, tx_person, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_NAME,
  PROP_GENDER,
  PROP_ETHNICITY,
  PROP_TOWNSHIP_NAME,
  PROP_VILLAGE,
  PROP_ORGANIZATION,
  PROP_TITLE,
  PROP_PHONE,
  PROP_NOTES,
  PROP_CATEGORIES,
  PROP_LAST_TRAINING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tx_person_finalize (GObject *object)
{
  TxPerson *self = (TxPerson *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->ethnicity, g_free);
  g_clear_pointer (&self->township_uuid, g_free);
  g_clear_pointer (&self->township_name, g_free);
  g_clear_pointer (&self->village, g_free);
  g_clear_pointer (&self->organization, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->categories, g_array_unref);
  g_clear_pointer (&self->post_since, g_free);
  g_clear_pointer (&self->last_training, g_free);
  g_clear_pointer (&self->updated_at, g_free);

  G_OBJECT_CLASS (tx_person_parent_class)->finalize (object);
}

static void
tx_person_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TxPerson *self = TX_PERSON (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_GENDER:
      g_value_set_string (value, tx_gender_get_label (self->gender));
      break;

    case PROP_ETHNICITY:
      g_value_set_string (value, self->ethnicity);
      break;

    case PROP_TOWNSHIP_NAME:
      g_value_set_string (value, self->township_name);
      break;

    case PROP_VILLAGE:
      g_value_set_string (value, self->village);
      break;

    case PROP_ORGANIZATION:
      g_value_set_string (value, self->organization);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_CATEGORIES:
      g_value_take_string (value, tx_person_dup_categories_label (self));
      break;

    case PROP_LAST_TRAINING:
      g_value_set_string (value, self->last_training);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_person_class_init (TxPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[N_PROPS] = {
    NULL, "uuid", "name", "gender", "ethnicity", "township-name", "village",
    "organization", "title", "phone", "notes", "categories", "last-training",
  };

  object_class->finalize = tx_person_finalize;
  object_class->get_property = tx_person_get_property;

  /* All read-only strings: records change through the store.  "gender"
   * and "categories" are the translated labels, for display. */
  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tx_person_init (TxPerson *self)
{
  self->categories = g_array_new (FALSE, FALSE, sizeof (TxCategory));
}

TxPerson *
tx_person_new (void)
{
  return g_object_new (TX_TYPE_PERSON, NULL);
}

#define STRING_GETTER(field)                                    \
  const char *                                                  \
  tx_person_get_##field (TxPerson *self)                        \
  {                                                             \
    g_return_val_if_fail (TX_IS_PERSON (self), NULL);           \
    return self->field ? self->field : "";                      \
  }

STRING_GETTER (uuid)
STRING_GETTER (name)
STRING_GETTER (ethnicity)
STRING_GETTER (township_uuid)
STRING_GETTER (township_name)
STRING_GETTER (village)
STRING_GETTER (organization)
STRING_GETTER (title)
STRING_GETTER (phone)
STRING_GETTER (notes)
STRING_GETTER (post_since)
STRING_GETTER (updated_at)

#undef STRING_GETTER

/**
 * tx_person_set_post_since:
 * @day: the day a liaison group leader or liaison officer took up the
 *   post, or %TX_DATE_NONE when not known
 */
void
tx_person_set_post_since (TxPerson *self,
                          TxDate    day)
{
  g_return_if_fail (TX_IS_PERSON (self));

  g_free (self->post_since);
  self->post_since = day != TX_DATE_NONE ? tx_date_to_iso (day) : g_strdup ("");
}

/* The day of the last training the person was at, as the roster read
 * it (up to its day), or %NULL */
const char *
tx_person_get_last_training (TxPerson *self)
{
  g_return_val_if_fail (TX_IS_PERSON (self), NULL);
  return self->last_training;
}

/* The day the post was taken up, or %TX_DATE_NONE */
TxDate
tx_person_get_post_since_date (TxPerson *self)
{
  g_return_val_if_fail (TX_IS_PERSON (self), TX_DATE_NONE);

  return self->post_since != NULL && self->post_since[0] != '\0'
         ? tx_date_from_iso (self->post_since) : TX_DATE_NONE;
}

/* Whether the person holds a post whose holder is to be trained: a
 * liaison group leader or a liaison officer */
gboolean
tx_person_holds_post (TxPerson *self)
{
  return tx_person_has_category (self, TX_CATEGORY_LIAISON_LEADER) ||
         tx_person_has_category (self, TX_CATEGORY_LIAISON_OFFICER);
}

TxGender
tx_person_get_gender (TxPerson *self)
{
  g_return_val_if_fail (TX_IS_PERSON (self), TX_GENDER_UNKNOWN);
  return self->gender;
}

guint
tx_person_get_n_categories (TxPerson *self)
{
  g_return_val_if_fail (TX_IS_PERSON (self), 0);
  return self->categories->len;
}

TxCategory
tx_person_get_category (TxPerson *self,
                        guint     index)
{
  g_return_val_if_fail (TX_IS_PERSON (self), 0);
  g_return_val_if_fail (index < self->categories->len, 0);
  return g_array_index (self->categories, TxCategory, index);
}

gboolean
tx_person_has_category (TxPerson   *self,
                        TxCategory  category)
{
  g_return_val_if_fail (TX_IS_PERSON (self), FALSE);

  for (guint i = 0; i < self->categories->len; i++)
    if (g_array_index (self->categories, TxCategory, i) == category)
      return TRUE;

  return FALSE;
}

void
tx_person_add_category (TxPerson   *self,
                        TxCategory  category)
{
  g_return_if_fail (TX_IS_PERSON (self));

  if (!tx_person_has_category (self, category))
    g_array_append_val (self->categories, category);
}

/**
 * tx_person_dup_categories_label:
 *
 * Returns: the categories' labels joined by the list separator of the
 *   interface language:
 *   "政协委员、专业人士" in Chinese.
 */
char *
tx_person_dup_categories_label (TxPerson *self)
{
  GString *label = g_string_new (NULL);

  g_return_val_if_fail (TX_IS_PERSON (self), NULL);

  for (guint i = 0; i < self->categories->len; i++)
    {
      if (i > 0)
        g_string_append (label, C_("list of categories", ", "));
      g_string_append (label, tx_category_get_label (g_array_index (self->categories, TxCategory, i)));
    }

  return g_string_free (label, FALSE);
}
