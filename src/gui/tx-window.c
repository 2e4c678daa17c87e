/* tx-window.c — the main window
 *
 * Shows one of three things: the welcome page (no database yet), an
 * error (the database could not be opened), or the pages of the open
 * store under a view switcher.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-application.h"
#include "tx-backup-dialog.h"
#include "tx-calendar-page.h"
#include "tx-consultations-page.h"
#include "tx-demo.h"
#include "tx-editor.h"
#include "tx-exchange.h"
#include "tx-import-dialog.h"
#include "tx-outcomes-page.h"
#include "tx-overview-page.h"
#include "tx-person-editor.h"
#include "tx-preferences-window.h"
#include "tx-roster-page.h"
#include "tx-settings.h"
#include "tx-township-store.h"
#include "tx-townships-dialog.h"
#include "tx-trash-dialog.h"
#include "tx-trash.h"
#include "tx-welcome-page.h"
#include "tx-file-toast.h"
#include "tx-window-private.h"
#include "tx-window.h"


/* How often the window looks whether tongxin-cli or another window
 * wrote to the database, besides whenever it is focused. */
#define WATCH_SECONDS 2

G_DEFINE_FINAL_TYPE (TxWindow, tx_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_stack_page (TxWindow   *self,
                 const char *name)
{
  gboolean is_main = g_str_equal (name, "main");

  gtk_stack_set_visible_child_name (self->stack, name);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, is_main);

  /* The welcome and error pages are status pages: no line under the bar. */
  if (is_main)
    gtk_widget_remove_css_class (GTK_WIDGET (self->header_bar), "flat");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->header_bar), "flat");
}


static void
restore_state (TxWindow *self)
{
  g_autofree char *page = NULL;

  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  page = g_settings_get_string (self->settings, "last-page");
  if (adw_view_stack_get_child_by_name (self->view_stack, page) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, page);
}

static void
save_state (TxWindow *self)
{
  const char *page;
  int width;
  int height;

  if (self->settings == NULL)
    return;

  /* The default size is the unmaximized size, whatever the state. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));

  page = adw_view_stack_get_visible_child_name (self->view_stack);
  if (page != NULL)
    g_settings_set_string (self->settings, "last-page", page);
  g_settings_apply (self->settings);
}

/* The welcome page: the application creates the database */

static TxApplication *
get_application (TxWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!TX_IS_APPLICATION (app))
    {
      g_critical ("A database can only be created by the application");
      return NULL;
    }

  return TX_APPLICATION (app);
}

static void
on_welcome_page_create_cb (TxWelcomePage *page,
                           const char    *name,
                           int            kind,
                           const char    *organization,
                           TxWindow      *self)
{
  TxApplication *app = get_application (self);
  g_autoptr(GError) error = NULL;

  if (app == NULL)
    return;

  if (!tx_application_create_township_database (app, name, kind, organization, &error))
    tx_welcome_page_show_problem (page, error->message);
  else
    {
      /* Translators: a township's name */
      g_autofree char *title = g_strdup_printf (_("“%s” is set up. Set its plan for the year under Townships and Plans."),
                                                name);

      tx_window_show_toast (self, title);
    }
}

static void
on_welcome_page_create_city_cb (TxWelcomePage *page,
                                const char    *organization,
                                TxWindow      *self)
{
  TxApplication *app = get_application (self);
  g_autoptr(GError) error = NULL;

  if (app == NULL)
    return;

  if (!tx_application_create_city_database (app, organization, &error))
    tx_welcome_page_show_problem (page, error->message);
  else
    tx_window_show_toast (self, _("The city office is set up. Receive the townships’ data from the main menu."));
}

static void
on_welcome_page_import_roster_cb (TxWelcomePage *page,
                                  GFile         *file,
                                  TxWindow      *self)
{
  TxApplication *app = get_application (self);
  g_autoptr(GError) error = NULL;

  if (app == NULL)
    return;

  if (!tx_application_create_empty_database (app, &error))
    {
      tx_welcome_page_show_problem (page, error->message);
      return;
    }

  /* the import shows what it will do, and asks */
  adw_view_stack_set_visible_child_name (self->view_stack, "roster");
  gtk_window_present (GTK_WINDOW (tx_import_dialog_new (GTK_WINDOW (self), self->store, file)));
}

static void
on_welcome_page_open_exchange_cb (TxWelcomePage *page,
                                  GFile         *file,
                                  TxWindow      *self)
{
  TxApplication *app = get_application (self);
  g_autoptr(GError) error = NULL;
  TxImportReport report = { 0 };
  g_autofree char *summary = NULL;

  if (app == NULL)
    return;

  if (!tx_application_create_from_exchange (app, file, &report, &error))
    {
      /* Translators: %s says why */
      g_autofree char *problem = g_strdup_printf (_("Nothing was imported. %s"), error->message);

      tx_welcome_page_show_problem (page, problem);
      return;
    }

  summary = tx_import_report_to_string (&report);
  tx_window_show_toast (self, summary);
}

static void
on_welcome_page_try_sample_cb (TxWelcomePage *page,
                               TxWindow      *self)
{
  TxApplication *app = get_application (self);
  g_autoptr(GError) error = NULL;

  if (app != NULL && !tx_application_try_sample (app, &error))
    {
      /* Translators: %s says what went wrong */
      g_autofree char *problem = g_strdup_printf (_("Could not load the sample data: %s"), error->message);

      tx_welcome_page_show_problem (page, problem);
    }
}

/* Back from the sample to the clerk's own database. */
static void
leave_sample_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TxApplication *app = get_application (user_data);

  if (app != NULL)
    tx_application_leave_sample (app);
}

/* Closing: nothing typed is lost */

static void
collect_editors (GtkWidget *widget,
                 GPtrArray *editors)
{
  if (TX_IS_EDITOR (widget))
    g_ptr_array_add (editors, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_editors (child, editors);
}

/* The person dialogs over the window. */
static GPtrArray *
get_person_editors (TxWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *editors = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (TX_IS_PERSON_EDITOR (window) && gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        g_ptr_array_add (editors, g_object_ref (window));
    }

  return editors;
}

/* The editor is shown while the clerk is asked about it. */
static void
ask_editor (gpointer          target,
            GtkWindow        *parent,
            TxEditorLeaveFunc callback,
            gpointer          user_data)
{
  TxWindow *self = TX_WINDOW (parent);
  GtkWidget *page = GTK_WIDGET (target);

  while (page != NULL && gtk_widget_get_parent (page) != GTK_WIDGET (self->view_stack))
    page = gtk_widget_get_parent (page);
  if (page != NULL)
    adw_view_stack_set_visible_child (self->view_stack, page);

  tx_editor_ask_to_leave (target, parent, callback, user_data);
}

static void
on_close_answered_cb (gboolean may_leave,
                      gpointer user_data)
{
  g_autoptr(TxWindow) self = user_data;

  /* Saved or given up: nothing is asked again. */
  if (may_leave)
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
tx_window_close_request (GtkWindow *window)
{
  TxWindow *self = TX_WINDOW (window);
  g_autoptr(GPtrArray) person_editors = NULL;

  if (tx_window_has_changes (self))
    {
      tx_window_ask_to_close (self, on_close_answered_cb, g_object_ref (self));
      return TRUE;
    }

  save_state (self);

  /* Its person dialogs go with it: nothing is left in them. */
  person_editors = get_person_editors (self);
  for (guint i = 0; i < person_editors->len; i++)
    gtk_window_destroy (g_ptr_array_index (person_editors, i));

  return GTK_WINDOW_CLASS (tx_window_parent_class)->close_request (window);
}

static void
tx_window_dispose (GObject *object)
{
  TxWindow *self = (TxWindow *)object;

  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_pointer (&self->deleted, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->day);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tx_window_parent_class)->dispose (object);
}

static void
tx_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TxWindow *self = TX_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DAY:
      g_value_set_object (value, self->day);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TxWindow *self = TX_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tx_window_set_store (self, g_value_get_object (value));
      break;

    case PROP_DAY:
      if (g_set_object (&self->day, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* From the Overview to the record behind a colour */
static void
on_overview_page_open_consultation_cb (TxOverviewPage *page,
                                       const char     *uuid,
                                       const char     *place,
                                       TxWindow       *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "consultations");
  tx_consultations_page_select (self->consultations_page, uuid, place);
}

static void
on_overview_page_open_outcome_cb (TxOverviewPage *page,
                                  const char     *uuid,
                                  const char     *consultation_uuid,
                                  const char     *place,
                                  TxWindow       *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "outcomes");
  tx_outcomes_page_select (TX_OUTCOMES_PAGE (self->outcomes_page), uuid, place);
}

/* A township's plan: without one for the year, where it is set
 * (Townships and Plans); behind it, the year plan of the Calendar. */
static void
on_overview_page_open_township_cb (TxOverviewPage *page,
                                   const char     *uuid,
                                   TxWindow       *self)
{
  int year = 0;

  g_object_get (page, "year", &year, NULL);
  if (self->store != NULL && tx_store_get_plan (self->store, uuid, year) < 0)
    {
      TxTownshipsDialog *dialog = tx_townships_dialog_new (GTK_WINDOW (self), self->store, self->day);
      GtkSpinButton *spin;

      tx_townships_dialog_set_year (dialog, year);
      gtk_window_present (GTK_WINDOW (dialog));
      spin = tx_townships_dialog_get_plan_spin (dialog, uuid);
      if (spin != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (spin));
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, "calendar");
  tx_calendar_page_show_year (self->calendar_page, year);
}

static void
on_calendar_page_open_consultation_cb (TxCalendarPage *page,
                                       const char     *uuid,
                                       TxWindow       *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "consultations");
  tx_consultations_page_select (self->consultations_page, uuid, NULL);
}

static void
tx_window_class_init (TxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tx_window_dispose;
  object_class->get_property = tx_window_get_property;
  object_class->set_property = tx_window_set_property;

  window_class->close_request = tx_window_close_request;

  /**
   * TxWindow:store: (nullable)
   *
   * The open store; the pages show it.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxWindow:day:
   *
   * The day the pages work with: the application's, which follows the
   * clock, or a fixed one in tests.
   */
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL,
                         TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TX_TYPE_CALENDAR_PAGE);
  g_type_ensure (TX_TYPE_CONSULTATIONS_PAGE);
  g_type_ensure (TX_TYPE_OUTCOMES_PAGE);
  g_type_ensure (TX_TYPE_OVERVIEW_PAGE);
  g_type_ensure (TX_TYPE_ROSTER_PAGE);
  g_type_ensure (TX_TYPE_WELCOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TxWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, consultations_page);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, outcomes_page);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, roster_page);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, calendar_page);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, sample_revealer);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_page_open_consultation_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_overview_page_open_consultation_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_overview_page_open_outcome_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_overview_page_open_township_cb);
  /* On the window, not an accelerator of the application: a text field
   * that has the focus undoes its own typing first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_page_create_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_page_create_city_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_page_import_roster_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_page_open_exchange_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_page_try_sample_cb);
}

/* Writes by others */

static gboolean
on_watch_cb (gpointer user_data)
{
  TxWindow *self = user_data;

  if (self->store != NULL)
    tx_store_check_other_writers (self->store);

  return G_SOURCE_CONTINUE;
}

static void
on_is_active_changed_cb (TxWindow   *self,
                         GParamSpec *pspec)
{
  if (self->store != NULL && gtk_window_is_active (GTK_WINDOW (self)))
    tx_store_check_other_writers (self->store);
}

/* A page by its name (tx_window_pages): Alt+1 … Alt+5. */
static void
show_page_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  TxWindow *self = user_data;
  const char *page = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, page) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, page);
}

static const GActionEntry win_entries[] = {
  { "backups", tx_window_backups_action },
  { "preferences", tx_window_preferences_action },
  { "townships", tx_window_townships_action },
  { "work-groups", tx_window_work_groups_action },
  { "leave-sample", leave_sample_action },
  { "remove-sample", tx_window_remove_sample_action },
  { "undo", tx_window_undo_action },
  { "import-roster", tx_window_import_roster_action },
  { "import-exchange", tx_window_import_exchange_action },
  { "export-exchange", tx_window_export_exchange_action },
  { "year-archive", tx_window_year_archive_action },
  { "conflicts", tx_window_conflicts_action },
  { "check", tx_window_check_action },
  { "guide", tx_window_guide_action },
  { "trash", tx_window_trash_action },
  { "show-page", show_page_action, "s" },
};

/* The pages of the main view, in the order of the switcher. */
const char * const tx_window_pages[5] = { "overview", "calendar", "consultations", "roster", "outcomes" };

/* Tongxin's additions to Adwaita, once for each display.  The window
 * brings them itself, so it looks the same in the tests. */
static void
ensure_style (TxWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "tx-window-style") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/tongxin/Tongxin/tx-window.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "tx-window-style",
                          g_steal_pointer (&provider), g_object_unref);
}

static void
tx_window_init (TxWindow *self)
{
  ensure_style (self);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->deleted = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries, G_N_ELEMENTS (win_entries), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "undo")), FALSE);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_changed_cb), NULL);
  tx_window_set_store_actions_enabled (self, FALSE);

  self->settings = tx_application_create_gsettings ();
  restore_state (self);
}

/**
 * tx_window_new:
 * @application: (nullable): the application, or %NULL (in tests)
 * @store: (nullable): the store to show, or %NULL to show it later
 * @day: the day the pages work with
 */
TxWindow *
tx_window_new (GtkApplication *application,
               TxStore        *store,
               TxDay          *day)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || TX_IS_STORE (store), NULL);
  g_return_val_if_fail (TX_IS_DAY (day), NULL);

  return g_object_new (TX_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "day", day,
                       NULL);
}

TxDay *
tx_window_get_day (TxWindow *self)
{
  g_return_val_if_fail (TX_IS_WINDOW (self), NULL);

  return self->day;
}

TxStore *
tx_window_get_store (TxWindow *self)
{
  g_return_val_if_fail (TX_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * tx_window_set_store:
 * @store: (nullable): the store
 *
 * Shows the pages of @store, or the welcome page for %NULL.
 */
void
tx_window_set_store (TxWindow *self,
                     TxStore  *store)
{
  g_return_if_fail (TX_IS_WINDOW (self));
  g_return_if_fail (store == NULL || TX_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      /* what was deleted in another database is not undone in this one */
      g_ptr_array_set_size (self->deleted, 0);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "undo")), FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }

  /* the office a database is may be changed in Preferences */
  if (store != NULL)
    g_signal_connect_object (tx_store_get_settings (store), "notify::office-kind",
                             G_CALLBACK (tx_window_update_office_actions), self, G_CONNECT_SWAPPED);

  /* what tongxin-cli or another window writes shows here too */
  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (store != NULL)
    self->watch_id = g_timeout_add_seconds (WATCH_SECONDS, on_watch_cb, self);

  gtk_revealer_set_reveal_child (self->read_only_revealer, store != NULL && tx_store_is_read_only (store));
  gtk_revealer_set_reveal_child (self->sample_revealer,
                                 store != NULL && TX_IS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))) &&
                                 tx_application_is_sample (TX_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)))));
  tx_window_set_store_actions_enabled (self, store != NULL);
  show_stack_page (self, store != NULL ? "main" : "welcome");
}

void
tx_window_show_welcome (TxWindow *self)
{
  g_return_if_fail (TX_IS_WINDOW (self));

  show_stack_page (self, "welcome");
}

/**
 * tx_window_show_error:
 * @error: why the database could not be opened or created
 *
 * Replaces the pages with a status page saying what went wrong.
 */
void
tx_window_show_error (TxWindow     *self,
                      const GError *error)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (TX_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  markup = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->error_page, markup);
  show_stack_page (self, "error");
}

/**
 * tx_window_show_toast:
 * @title: a short message, plain text
 *
 * Shows @title in a toast over the window's content until it is
 * dismissed: the toasts of this window report problems, which should
 * not vanish before they are read.
 */
void
tx_window_show_toast (TxWindow   *self,
                      const char *title)
{
  g_autofree char *markup = NULL;
  AdwToast *toast;

  g_return_if_fail (TX_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  markup = g_markup_escape_text (title, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * tx_window_show_file_toast:
 * @title: where a file was written, plain text
 * @file: the file, which the toast opens, or its folder
 */
void
tx_window_show_file_toast (TxWindow   *self,
                           const char *title,
                           GFile      *file)
{
  g_return_if_fail (TX_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  adw_toast_overlay_add_toast (self->toast_overlay, tx_file_toast_new (title, file));
}

/**
 * tx_window_has_changes:
 *
 * Returns: whether an editor of the window, or a person dialog over
 *   it, holds something not saved
 */
gboolean
tx_window_has_changes (TxWindow *self)
{
  g_autoptr(GPtrArray) editors = g_ptr_array_new ();
  g_autoptr(GPtrArray) person_editors = NULL;

  g_return_val_if_fail (TX_IS_WINDOW (self), FALSE);

  collect_editors (GTK_WIDGET (self), editors);
  for (guint i = 0; i < editors->len; i++)
    if (tx_editor_has_changes (g_ptr_array_index (editors, i)))
      return TRUE;

  person_editors = get_person_editors (self);
  for (guint i = 0; i < person_editors->len; i++)
    if (tx_person_editor_has_changes (g_ptr_array_index (person_editors, i)))
      return TRUE;

  return FALSE;
}

/**
 * tx_window_ask_to_close:
 * @callback: told once whether the window may close: every change
 *   saved or given up; %FALSE at the first Cancel, or a save that
 *   failed (the reason is shown where it was typed)
 *
 * Asks, one after the other, about each editor of the window and each
 * person dialog over it that holds something not saved (see
 * tx_editor_ask_to_leave()).  It closes nothing itself.
 */
void
tx_window_ask_to_close (TxWindow          *self,
                        TxEditorLeaveFunc  callback,
                        gpointer           user_data)
{
  TxLeaveQuestions *questions = tx_leave_questions_new ();
  g_autoptr(GPtrArray) editors = g_ptr_array_new ();
  g_autoptr(GPtrArray) person_editors = NULL;

  g_return_if_fail (TX_IS_WINDOW (self));
  g_return_if_fail (callback != NULL);

  collect_editors (GTK_WIDGET (self), editors);
  for (guint i = 0; i < editors->len; i++)
    if (tx_editor_has_changes (g_ptr_array_index (editors, i)))
      tx_leave_questions_add (questions, g_ptr_array_index (editors, i), GTK_WINDOW (self), ask_editor);

  person_editors = get_person_editors (self);
  for (guint i = 0; i < person_editors->len; i++)
    if (tx_person_editor_has_changes (g_ptr_array_index (person_editors, i)))
      tx_person_editor_add_leave_question (g_ptr_array_index (person_editors, i), questions);

  tx_leave_questions_ask (questions, callback, user_data);
}

/**
 * tx_window_add_outcome:
 * @consultation_uuid: the consultation the recommendation comes from
 *
 * Shows the Outcomes page with a new recommendation of the
 * consultation: 添加建言 of the consultation editor.
 */
void
tx_window_add_outcome (TxWindow   *self,
                       const char *consultation_uuid)
{
  g_return_if_fail (TX_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "outcomes");
  tx_outcomes_page_new_for_consultation (TX_OUTCOMES_PAGE (self->outcomes_page), consultation_uuid);
}
