/* tx-activities-dialog.c — 活动一览: the activities of a year
 *
 * Every training, observation visit, discussion and activity of the
 * office's own kinds of a year, by date: each with its kind, day,
 * organiser and how many were invited and came, opening its dialog
 * (tx-activity-dialog.c) when chosen.  The list follows the store: an
 * activity saved, deleted or brought back is shown so at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-activities-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tx-activities-dialog.h"
#include "tx-activity-dialog.h"
#include "tx-activity.h"

struct _TxActivitiesDialog
{
  AdwWindow        parent_instance;

  GtkSpinButton   *year_spin;
  GtkStack        *stack;
  AdwPreferencesGroup *group;
  GtkListBox      *list;

  TxStore         *store;
  TxDay           *day;
};

G_DEFINE_FINAL_TYPE (TxActivitiesDialog, tx_activities_dialog, ADW_TYPE_WINDOW)

/* "业务培训 · 2026-12-10 09:30 · 市政协 · 12 invited, 10 came" */
static char *
describe (TxActivity *activity)
{
  const char *starts = tx_activity_get_starts (activity);
  g_autofree char *when = strlen (starts) >= 16 ? g_strdup_printf ("%.10s %.5s", starts, starts + 11)
                                                : g_strdup (starts);
  g_autofree char *organiser = tx_activity_dup_organiser (activity);
  guint invited = tx_activity_get_participants (activity)->len;

  /* Translators: an activity's kind, its day (and time), who organises
   * it, then how many were invited and came */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s · %s · %u invited, %u came",
                                       "%s · %s · %s · %u invited, %u came", invited),
                          tx_activity_get_kind_label (activity), when, organiser, invited,
                          tx_activity_count_attended (activity));
}

static void
on_row_activated_cb (GtkListBox         *list,
                     GtkListBoxRow      *row,
                     TxActivitiesDialog *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "tx-uuid");
  TxActivityDialog *dialog;

  dialog = tx_activity_dialog_new (GTK_WINDOW (self), self->store, tx_day_get_today (self->day), uuid);
  if (dialog != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
}

/* The activities of the year chosen, read again */
static void
reload (TxActivitiesDialog *self)
{
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  activities = tx_store_list_activities (self->store, year, NULL, &error);
  if (activities == NULL)
    {
      g_warning ("Could not read the activities of %d: %s", year, error->message);
      activities = g_ptr_array_new ();
    }

  /* Translators: the activities of a year, how many */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u activity in %d", "%u activities in %d",
                                        activities->len),
                           activities->len, year);
  adw_preferences_group_set_title (self->group, title);
  gtk_stack_set_visible_child_name (self->stack, activities->len > 0 ? "list" : "empty");

  for (guint i = 0; i < activities->len; i++)
    {
      TxActivity *activity = g_ptr_array_index (activities, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = describe (activity);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tx_activity_get_title (activity));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "tx-uuid", g_strdup (tx_activity_get_uuid (activity)), g_free);
      gtk_list_box_append (self->list, row);
    }
}

static void
on_store_changed_cb (TxStore            *store,
                     const char         *kind,
                     const char         *uuid,
                     TxActivitiesDialog *self)
{
  if (kind == NULL || g_str_equal (kind, "activity") || g_str_equal (kind, "township") ||
      g_str_equal (kind, "person"))
    reload (self);
}

static void
tx_activities_dialog_dispose (GObject *object)
{
  TxActivitiesDialog *self = TX_ACTIVITIES_DIALOG (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->day);

  G_OBJECT_CLASS (tx_activities_dialog_parent_class)->dispose (object);
}

static void
tx_activities_dialog_class_init (TxActivitiesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_activities_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tx_activities_dialog_init (TxActivitiesDialog *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *year_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *year_label = gtk_label_new_with_mnemonic (_("_Year"));

  gtk_window_set_title (GTK_WINDOW (self), _("Activities"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 560);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->year_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (TX_DATE_FIRST_YEAR, TX_DATE_LAST_YEAR, 1));
  gtk_label_set_mnemonic_widget (GTK_LABEL (year_label), GTK_WIDGET (self->year_spin));
  gtk_box_append (GTK_BOX (year_box), year_label);
  gtk_box_append (GTK_BOX (year_box), GTK_WIDGET (self->year_spin));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), year_box);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->list), "activities-list");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Activities"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_add (self->group, GTK_WIDGET (self->list));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "x-office-calendar-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Activities This Year"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Trainings, observation visits and discussions are added on the calendar, with New Activity."));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, page, "list");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

/**
 * tx_activities_dialog_new:
 * @year: the year shown first
 *
 * Returns: (transfer none): the list over @parent, not yet shown
 */
TxActivitiesDialog *
tx_activities_dialog_new (GtkWindow *parent,
                          TxStore   *store,
                          TxDay     *day,
                          int        year)
{
  TxActivitiesDialog *self = g_object_new (TX_TYPE_ACTIVITIES_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->day = g_object_ref (day);
  gtk_spin_button_set_value (self->year_spin, year);
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (reload), self);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  reload (self);

  return self;
}
