/* tx-township.c — a township, town or subdistrict (乡镇/街道)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-township"

#include "config.h"

#include "tx-records-private.h"
#include "tx-vocabulary.h"

G_DEFINE_FINAL_TYPE (TxTownship, tx_township, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_NAME,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tx_township_finalize (GObject *object)
{
  TxTownship *self = (TxTownship *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->updated_at, g_free);

  G_OBJECT_CLASS (tx_township_parent_class)->finalize (object);
}

static void
tx_township_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TxTownship *self = TX_TOWNSHIP (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_KIND:
      g_value_set_string (value, tx_township_kind_to_key (self->kind));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_township_class_init (TxTownshipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tx_township_finalize;
  object_class->get_property = tx_township_get_property;

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tx_township_init (TxTownship *self)
{
}

TxTownship *
tx_township_new (const char     *uuid,
                 const char     *name,
                 TxTownshipKind  kind)
{
  TxTownship *self = g_object_new (TX_TYPE_TOWNSHIP, NULL);

  self->uuid = g_strdup (uuid);
  self->name = g_strdup (name);
  self->kind = kind;

  return self;
}

const char *
tx_township_get_uuid (TxTownship *self)
{
  g_return_val_if_fail (TX_IS_TOWNSHIP (self), NULL);
  return self->uuid;
}

const char *
tx_township_get_name (TxTownship *self)
{
  g_return_val_if_fail (TX_IS_TOWNSHIP (self), NULL);
  return self->name;
}

TxTownshipKind
tx_township_get_kind (TxTownship *self)
{
  g_return_val_if_fail (TX_IS_TOWNSHIP (self), 0);
  return self->kind;
}

const char *
tx_township_get_updated_at (TxTownship *self)
{
  g_return_val_if_fail (TX_IS_TOWNSHIP (self), NULL);
  return self->updated_at;
}
