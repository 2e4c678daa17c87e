/* tx-work-groups-dialog.c — the city office's work groups (工作组)
 *
 * The city office guides its townships through a few work groups, each
 * with a leader and members.  This lists the groups, adds, edits and
 * deletes them, and says for each township which group guides it (one
 * at most).  Every write goes through tx-work-group.c; the lists follow
 * the store, so what tongxin-cli changes shows here too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-work-groups-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-township-store.h"
#include "tx-work-group.h"
#include "tx-work-groups-dialog.h"

struct _TxWorkGroupsDialog
{
  AdwWindow        parent_instance;

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkListBox      *groups_list;
  GtkListBox      *townships_list;

  /* owned references */
  TxStore         *store;
  GPtrArray       *groups;         /* TxWorkGroup, as listed */

  /* state */
  guint            reload_id;      /* the lists read again once the store is done changing */
  gboolean         updating;       /* showing what is stored */
};

G_DEFINE_FINAL_TYPE (TxWorkGroupsDialog, tx_work_groups_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (TxWorkGroupsDialog *self,
            const char         *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static TxWorkGroup *
find_group (TxWorkGroupsDialog *self,
            const char         *name)
{
  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    if (g_strcmp0 (((TxWorkGroup *) g_ptr_array_index (self->groups, i))->name, name) == 0)
      return g_ptr_array_index (self->groups, i);

  return NULL;
}

/* The groups */

static char *
describe_group (const TxWorkGroup *group)
{
  const char *leader = group->leader != NULL && group->leader[0] != '\0' ? group->leader : NULL;
  const char *members = group->members != NULL && group->members[0] != '\0' ? group->members : NULL;
  g_autofree char *townships = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: a work group's leader */
  g_string_append_printf (text, _("Leader: %s"), leader != NULL ? leader : _("not set"));
  if (members != NULL)
    {
      g_string_append (text, " · ");
      /* Translators: a work group's members, as written */
      g_string_append_printf (text, _("Members: %s"), members);
    }
  g_string_append_c (text, '\n');
  if (group->townships->len == 0)
    g_string_append (text, _("Guides no township yet"));
  else
    {
      g_ptr_array_add (group->townships, NULL);
      townships = g_strjoinv (C_("list separator", ", "), (char **) group->townships->pdata);
      g_ptr_array_set_size (group->townships, group->townships->len - 1);
      /* Translators: the townships a work group guides, listed */
      g_string_append_printf (text, _("Guides %s"), townships);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
create_button (const char *icon_name,
               const char *action_name,
               const char *group_name,
               const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", group_name);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  return button;
}

static GtkWidget *
create_group_row (const TxWorkGroup *group)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = describe_group (group);
  g_autofree char *edit = g_strdup_printf (_("Edit %s"), group->name);
  g_autofree char *delete = g_strdup_printf (_("Delete %s"), group->name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), group->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             create_button ("document-edit-symbolic", "work-groups.edit", group->name, edit));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             create_button ("user-trash-symbolic", "work-groups.delete", group->name, delete));

  return row;
}

/* The townships, each with the group guiding it */

static void
on_township_group_cb (AdwComboRow        *row,
                      GParamSpec         *pspec,
                      TxWorkGroupsDialog *self)
{
  const char *township = g_object_get_data (G_OBJECT (row), "tx-township");
  guint selected = adw_combo_row_get_selected (row);
  const char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;

  /* the first choice is none */
  if (selected > 0 && selected <= self->groups->len)
    name = ((TxWorkGroup *) g_ptr_array_index (self->groups, selected - 1))->name;
  if (!tx_work_group_assign (self->store, township, name, &error))
    show_toast (self, error->message);
}

static GtkWidget *
create_township_row (TxWorkGroupsDialog *self,
                     TxTownship         *township,
                     GtkStringList      *choices,
                     GHashTable         *by_township)
{
  GtkWidget *row = adw_combo_row_new ();
  const char *group = g_hash_table_lookup (by_township, tx_township_get_uuid (township));
  guint selected = 0;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tx_township_get_name (township));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  for (guint i = 0; group != NULL && i < self->groups->len; i++)
    if (g_strcmp0 (((TxWorkGroup *) g_ptr_array_index (self->groups, i))->name, group) == 0)
      selected = i + 1;
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_set_data_full (G_OBJECT (row), "tx-township", g_strdup (tx_township_get_uuid (township)), g_free);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_township_group_cb), self);

  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
reload (TxWorkGroupsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GHashTable) by_township = NULL;
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->groups = tx_work_group_list (self->store, &error);
  townships = self->groups != NULL ? tx_store_list_townships (self->store, &error) : NULL;
  by_township = townships != NULL ? tx_work_group_by_township (self->store, &error) : NULL;

  self->updating = TRUE;
  clear_list (self->groups_list);
  clear_list (self->townships_list);
  if (by_township == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The work groups could not be read: %s"), error->message);

      g_clear_pointer (&self->groups, g_ptr_array_unref);
      self->groups = g_ptr_array_new ();
      show_toast (self, text);
      self->updating = FALSE;
      return;
    }

  for (guint i = 0; i < self->groups->len; i++)
    gtk_list_box_append (self->groups_list, create_group_row (g_ptr_array_index (self->groups, i)));

  gtk_string_list_append (choices, _("No work group"));
  for (guint i = 0; i < self->groups->len; i++)
    gtk_string_list_append (choices, ((TxWorkGroup *) g_ptr_array_index (self->groups, i))->name);
  for (guint i = 0; i < townships->len; i++)
    gtk_list_box_append (self->townships_list,
                         create_township_row (self, g_ptr_array_index (townships, i), choices, by_township));
  self->updating = FALSE;
}

static gboolean
reload_cb (gpointer user_data)
{
  TxWorkGroupsDialog *self = user_data;

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

/* Read again once the change is over: the row whose choice wrote it
 * is not replaced while it is telling of it. */
static void
on_store_changed_cb (TxStore            *store,
                     const char         *kind,
                     const char         *uuid,
                     TxWorkGroupsDialog *self)
{
  if (g_strcmp0 (kind, "work-group") != 0 && g_strcmp0 (kind, "township") != 0 && g_strcmp0 (kind, "all") != 0)
    return;

  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_cb, self);
}

/* The form: a group's name (a new one), leader and members */

static GtkEditable *
add_entry_row (GtkListBox *list,
               const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_list_box_append (list, row);

  return GTK_EDITABLE (row);
}

static void
on_form_name_changed_cb (GtkEditable      *name,
                         AdwMessageDialog *form)
{
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (name)));

  adw_message_dialog_set_response_enabled (form, "save", stripped[0] != '\0');
}

static void
on_form_response_cb (AdwMessageDialog   *form,
                     const char         *response,
                     TxWorkGroupsDialog *self)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (form), "tx-name");
  GtkEditable *leader = g_object_get_data (G_OBJECT (form), "tx-leader");
  GtkEditable *members = g_object_get_data (G_OBJECT (form), "tx-members");
  const char *group = g_object_get_data (G_OBJECT (form), "tx-group");
  g_autofree char *stripped_name = NULL;
  g_autofree char *stripped_leader = NULL;
  g_autofree char *stripped_members = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;

  stripped_leader = g_strstrip (g_strdup (gtk_editable_get_text (leader)));
  stripped_members = g_strstrip (g_strdup (gtk_editable_get_text (members)));
  if (group == NULL)
    {
      /* saving a new group under a name taken would change that one */
      stripped_name = g_strstrip (g_strdup (gtk_editable_get_text (name)));
      if (find_group (self, stripped_name) != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("There is already a work group named “%s”: edit it in the list."),
                                                   stripped_name);

          show_toast (self, text);
          return;
        }
    }
  if (!tx_work_group_save (self->store, group != NULL ? group : stripped_name,
                           stripped_leader, stripped_members, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The work group was not saved: %s"), error->message);

      show_toast (self, text);
    }
}

static AdwMessageDialog *
create_form (TxWorkGroupsDialog *self,
             const TxWorkGroup  *group)
{
  AdwMessageDialog *form;
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());
  GtkEditable *name = NULL;
  g_autofree char *heading = NULL;

  if (group == NULL)
    form = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Add a Work Group"),
                                                       _("Its name, such as 第一工作组, its leader, and its members as the office writes them.")));
  else
    {
      heading = g_strdup_printf (_("Edit “%s”"), group->name);
      form = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                         _("Its leader, and its members as the office writes them.")));
      g_object_set_data_full (G_OBJECT (form), "tx-group", g_strdup (group->name), g_free);
    }
  adw_message_dialog_add_responses (form, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (form, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (form, "save");
  adw_message_dialog_set_close_response (form, "cancel");

  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  if (group == NULL)
    {
      name = add_entry_row (list, _("Name"), NULL);
      g_signal_connect (name, "changed", G_CALLBACK (on_form_name_changed_cb), form);
      adw_message_dialog_set_response_enabled (form, "save", FALSE);
    }
  g_object_set_data (G_OBJECT (form), "tx-name", name);
  g_object_set_data (G_OBJECT (form), "tx-leader", add_entry_row (list, _("Leader"), group ? group->leader : NULL));
  g_object_set_data (G_OBJECT (form), "tx-members",
                     add_entry_row (list, _("Members"), group ? group->members : NULL));
  adw_message_dialog_set_extra_child (form, GTK_WIDGET (list));
  g_signal_connect_object (form, "response", G_CALLBACK (on_form_response_cb), self, 0);

  return form;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (create_form (TX_WORK_GROUPS_DIALOG (widget), NULL)));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TxWorkGroupsDialog *self = TX_WORK_GROUPS_DIALOG (widget);
  TxWorkGroup *group = find_group (self, g_variant_get_string (parameter, NULL));

  if (group != NULL)
    gtk_window_present (GTK_WINDOW (create_form (self, group)));
}

static void
on_delete_response_cb (AdwMessageDialog   *question,
                       const char         *response,
                       TxWorkGroupsDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  if (!tx_work_group_delete (self->store, g_object_get_data (G_OBJECT (question), "tx-group"), &error))
    {
      g_autofree char *text = g_strdup_printf (_("The work group was not deleted: %s"), error->message);

      show_toast (self, text);
    }
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TxWorkGroupsDialog *self = TX_WORK_GROUPS_DIALOG (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), name);
  AdwMessageDialog *question;

  question = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                         _("The townships it guides are then in no work group. "
                                                           "Their people, consultations and ledger stay as they are.")));
  adw_message_dialog_add_responses (question, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (question, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (question, "cancel");
  g_object_set_data_full (G_OBJECT (question), "tx-group", g_strdup (name), g_free);
  g_signal_connect_object (question, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (question));
}

static void
tx_work_groups_dialog_constructed (GObject *object)
{
  TxWorkGroupsDialog *self = TX_WORK_GROUPS_DIALOG (object);

  G_OBJECT_CLASS (tx_work_groups_dialog_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  reload (self);
}

static void
tx_work_groups_dialog_dispose (GObject *object)
{
  TxWorkGroupsDialog *self = TX_WORK_GROUPS_DIALOG (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_WORK_GROUPS_DIALOG);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tx_work_groups_dialog_parent_class)->dispose (object);
}

static void
tx_work_groups_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TxWorkGroupsDialog *self = TX_WORK_GROUPS_DIALOG (object);

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
tx_work_groups_dialog_class_init (TxWorkGroupsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tx_work_groups_dialog_constructed;
  object_class->dispose = tx_work_groups_dialog_dispose;
  object_class->set_property = tx_work_groups_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TX_TYPE_STORE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-work-groups-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TxWorkGroupsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TxWorkGroupsDialog, groups_list);
  gtk_widget_class_bind_template_child (widget_class, TxWorkGroupsDialog, townships_list);

  gtk_widget_class_install_action (widget_class, "work-groups.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "work-groups.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "work-groups.delete", "s", delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tx_work_groups_dialog_init (TxWorkGroupsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TxWorkGroupsDialog *
tx_work_groups_dialog_new (GtkWindow *parent,
                           TxStore   *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  return g_object_new (TX_TYPE_WORK_GROUPS_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}
