/* tx-consultations-page.c — the consultations (协商活动), by meeting date
 *
 * A township has a handful of consultations a year, so the list is read
 * whole into a GListStore, and read again whenever the store changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-consultations-page.h"
#include "tx-records.h"

struct _TxConsultationsPage
{
  AdwBin          parent_instance;

  /* template children */
  GtkStack       *content_stack;
  GtkNoSelection *selection;
  AdwStatusPage  *error_page;

  /* owned references */
  TxStore        *store;
  GListStore     *consultations;

  /* state */
  gulong          changed_id;
};

G_DEFINE_FINAL_TYPE (TxConsultationsPage, tx_consultations_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (TxConsultationsPage *self,
            const GError        *error)
{
  g_autofree char *markup = g_markup_escape_text (error->message, -1);

  adw_status_page_set_description (self->error_page, markup);
  gtk_stack_set_visible_child_name (self->content_stack, "error");
}

static void
reload (TxConsultationsPage *self)
{
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(GError) error = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->consultations));

  if (self->store != NULL)
    {
      consultations = tx_store_list_consultations (self->store, 0, NULL, &error);
      if (consultations == NULL)
        {
          g_warning ("Could not read the consultations: %s", error->message);
          g_list_store_remove_all (self->consultations);
          show_error (self, error);
          return;
        }
    }

  g_list_store_splice (self->consultations, 0, n_old,
                       consultations != NULL ? consultations->pdata : NULL,
                       consultations != NULL ? consultations->len : 0);

  gtk_stack_set_visible_child_name (self->content_stack,
                                    consultations != NULL && consultations->len > 0 ? "list" : "empty");
}

static void
on_store_changed_cb (TxStore             *store,
                     const char          *kind,
                     TxConsultationsPage *self)
{
  /* A stage, a township's name or the whole database. */
  if (g_strcmp0 (kind, "consultation") == 0 ||
      g_strcmp0 (kind, "township") == 0 ||
      g_strcmp0 (kind, "all") == 0)
    reload (self);
}

static void
tx_consultations_page_dispose (GObject *object)
{
  TxConsultationsPage *self = (TxConsultationsPage *)object;

  /* The stack is the bin's child and a template child: the bin lets go
   * of it first, or gtk_widget_dispose_template() would unparent it
   * behind the bin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_CONSULTATIONS_PAGE);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->consultations);

  G_OBJECT_CLASS (tx_consultations_page_parent_class)->dispose (object);
}

static void
tx_consultations_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TxConsultationsPage *self = TX_CONSULTATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_consultations_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TxConsultationsPage *self = TX_CONSULTATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tx_consultations_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_consultations_page_class_init (TxConsultationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_consultations_page_dispose;
  object_class->get_property = tx_consultations_page_get_property;
  object_class->set_property = tx_consultations_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The cells of the column view look up properties of TxConsultation. */
  g_type_ensure (TX_TYPE_CONSULTATION);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-consultations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TxConsultationsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationsPage, error_page);
}

static void
tx_consultations_page_init (TxConsultationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->consultations = g_list_store_new (TX_TYPE_CONSULTATION);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->consultations));
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

GtkWidget *
tx_consultations_page_new (void)
{
  return g_object_new (TX_TYPE_CONSULTATIONS_PAGE, NULL);
}

TxStore *
tx_consultations_page_get_store (TxConsultationsPage *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATIONS_PAGE (self), NULL);

  return self->store;
}

/**
 * tx_consultations_page_set_store:
 * @store: (nullable): the store whose consultations to show
 */
void
tx_consultations_page_set_store (TxConsultationsPage *self,
                                 TxStore             *store)
{
  g_return_if_fail (TX_IS_CONSULTATIONS_PAGE (self));
  g_return_if_fail (store == NULL || TX_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect_object (store, "changed",
                                                G_CALLBACK (on_store_changed_cb),
                                                self, 0);

  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
