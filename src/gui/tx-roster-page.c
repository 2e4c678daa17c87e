/* tx-roster-page.c — the roster (人员名册), searchable
 *
 * The column view shows a TxPersonList, which pages rows from SQLite and
 * does the searching and ordering in SQL; this page only hands it the
 * search text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-roster-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-person-list.h"
#include "tx-roster-page.h"

struct _TxRosterPage
{
  AdwBin          parent_instance;

  /* template children */
  GtkSearchEntry *search_entry;
  GtkLabel       *count_label;
  GtkStack       *content_stack;
  GtkNoSelection *selection;

  /* owned references */
  TxStore        *store;
  TxPersonList   *people;
};

G_DEFINE_FINAL_TYPE (TxRosterPage, tx_roster_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* As the store reads the search: stripped of spaces at both ends. */
static gboolean
is_searching (TxRosterPage *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  return g_strstrip (text)[0] != '\0';
}

static void
update_state (TxRosterPage *self)
{
  g_autofree char *count = NULL;
  guint n_people = 0;

  if (self->people != NULL)
    n_people = g_list_model_get_n_items (G_LIST_MODEL (self->people));

  count = g_strdup_printf (ngettext ("%u person", "%u people", n_people), n_people);
  gtk_label_set_label (self->count_label, count);

  if (n_people > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "list");
  else if (is_searching (self))
    gtk_stack_set_visible_child_name (self->content_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

static void
apply_search (TxRosterPage *self)
{
  TxPersonFilter filter = { 0 };

  if (self->people == NULL)
    return;

  /* Keep whatever else the list filters on; change the search only. */
  tx_person_filter_copy (&filter, tx_person_list_get_filter (self->people));
  g_free (filter.search);
  filter.search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  tx_person_list_set_filter (self->people, &filter);
  tx_person_filter_clear (&filter);
}

static void
on_people_notify_n_items_cb (TxPersonList *people,
                             GParamSpec   *pspec,
                             TxRosterPage *self)
{
  update_state (self);
}

static void
on_search_entry_search_changed_cb (GtkSearchEntry *entry,
                                   TxRosterPage   *self)
{
  apply_search (self);
  update_state (self);
}

static void
on_search_entry_stop_search_cb (GtkSearchEntry *entry,
                                TxRosterPage   *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
tx_roster_page_search_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TxRosterPage *self = TX_ROSTER_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
tx_roster_page_dispose (GObject *object)
{
  TxRosterPage *self = (TxRosterPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_ROSTER_PAGE);
  g_clear_object (&self->people);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tx_roster_page_parent_class)->dispose (object);
}

static void
tx_roster_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TxRosterPage *self = TX_ROSTER_PAGE (object);

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
tx_roster_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TxRosterPage *self = TX_ROSTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tx_roster_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_roster_page_class_init (TxRosterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_roster_page_dispose;
  object_class->get_property = tx_roster_page_get_property;
  object_class->set_property = tx_roster_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "roster.search", NULL,
                                   tx_roster_page_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "roster.search", NULL);

  /* The cells of the column view look up properties of TxPerson. */
  g_type_ensure (TX_TYPE_PERSON);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-roster-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
}

static void
tx_roster_page_init (TxRosterPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Typing anywhere on the page searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  update_state (self);
}

GtkWidget *
tx_roster_page_new (void)
{
  return g_object_new (TX_TYPE_ROSTER_PAGE, NULL);
}

TxStore *
tx_roster_page_get_store (TxRosterPage *self)
{
  g_return_val_if_fail (TX_IS_ROSTER_PAGE (self), NULL);

  return self->store;
}

/**
 * tx_roster_page_set_store:
 * @store: (nullable): the store whose roster to show
 */
void
tx_roster_page_set_store (TxRosterPage *self,
                          TxStore      *store)
{
  g_autoptr(TxPersonList) old_people = NULL;

  g_return_if_fail (TX_IS_ROSTER_PAGE (self));
  g_return_if_fail (store == NULL || TX_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  old_people = g_steal_pointer (&self->people);
  if (old_people != NULL)
    g_signal_handlers_disconnect_by_func (old_people, on_people_notify_n_items_cb, self);

  if (store != NULL)
    {
      self->people = tx_person_list_new (store);
      if (is_searching (self))
        apply_search (self);
      g_signal_connect_object (self->people, "notify::n-items",
                               G_CALLBACK (on_people_notify_n_items_cb), self, 0);
    }

  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->people));
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
