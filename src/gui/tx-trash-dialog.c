/* tx-trash-dialog.c — Recently Deleted (回收站)
 *
 * Lists the people, consultations and recommendations deleted, the
 * latest first (tx-trash.c), each with what it is, where it belongs and
 * when it was deleted, and a button that brings it back.  The list
 * follows the store: what is deleted or restored elsewhere shows here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-trash-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-trash-dialog.h"
#include "tx-trash.h"

struct _TxTrashDialog
{
  AdwWindow        parent_instance;

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list;

  /* owned references */
  TxStore         *store;
};

G_DEFINE_FINAL_TYPE (TxTrashDialog, tx_trash_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (TxTrashDialog *self,
            const char    *title)
{
  g_autofree char *markup = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkWidget *
create_row (TxTrashItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Restore"));
  g_autofree char *when = tx_timestamp_format_local (item->deleted_at);
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;

  /* Translators: what a deleted record is, where it belongs (its
   * township, or its consultation) and when it was deleted */
  subtitle = g_strdup_printf (_("%s · %s · deleted %s"), tx_trash_kind_get_label (item->kind),
                              item->detail[0] != '\0' ? item->detail : "—", when);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: for a screen reader: the button that restores %s */
  name = g_strdup_printf (_("Restore %s"), item->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "trash.restore");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", item->kind, item->uuid);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
reload (TxTrashDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = tx_trash_list (self->store, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (items == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < items->len; i++)
    gtk_list_box_append (self->list, create_row (g_ptr_array_index (items, i)));
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
}

static void
on_store_changed_cb (TxStore       *store,
                     const char    *kind,
                     const char    *uuid,
                     TxTrashDialog *self)
{
  reload (self);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TxTrashDialog *self = TX_TRASH_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  const char *kind, *uuid;

  g_variant_get (parameter, "(&s&s)", &kind, &uuid);
  if (!tx_trash_set_deleted (self->store, kind, uuid, FALSE, &error))
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (_("Not restored: %s"), error->message);

      show_toast (self, text);
      return;
    }

  show_toast (self, _("Restored: it is back in its list."));
}

static void
tx_trash_dialog_constructed (GObject *object)
{
  TxTrashDialog *self = TX_TRASH_DIALOG (object);

  G_OBJECT_CLASS (tx_trash_dialog_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  reload (self);
}

static void
tx_trash_dialog_dispose (GObject *object)
{
  TxTrashDialog *self = TX_TRASH_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_TRASH_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tx_trash_dialog_parent_class)->dispose (object);
}

static void
tx_trash_dialog_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TxTrashDialog *self = TX_TRASH_DIALOG (object);

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
tx_trash_dialog_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TxTrashDialog *self = TX_TRASH_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_trash_dialog_class_init (TxTrashDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tx_trash_dialog_constructed;
  object_class->dispose = tx_trash_dialog_dispose;
  object_class->get_property = tx_trash_dialog_get_property;
  object_class->set_property = tx_trash_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-trash-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TxTrashDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TxTrashDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TxTrashDialog, list);

  gtk_widget_class_install_action (widget_class, "trash.restore", "(ss)", restore_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tx_trash_dialog_init (TxTrashDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TxTrashDialog *
tx_trash_dialog_new (GtkWindow *parent,
                     TxStore   *store)
{
  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  return g_object_new (TX_TYPE_TRASH_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}
