/* tx-application.c — the Tongxin application
 *
 * One instance at a time.  The application owns the store: it opens the
 * database given with --db, or the default one, when the first window
 * appears.  A database that does not exist yet is created only when the
 * clerk answers the welcome page: with the township set up, from a
 * roster or an exchange file; the sample opens in a file of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "tx-application.h"
#include "tx-backup.h"
#include "tx-editor.h"
#include "tx-exchange.h"
#include "tx-person-editor.h"
#include "tx-settings.h"
#include "tx-tooltips.h"
#include "tx-township-store.h"
#include "tx-window.h"
#include "tx-version.h"

struct _TxApplication
{
  AdwApplication  parent_instance;

  /* owned references */
  TxStore        *store;
  TxDay          *day;

  GSettings      *gsettings;         /* NULL when the schema is not installed */

  /* state */
  int             base_dpi;          /* the desktop's, before the zoom */
  double          text_scale;        /* the zoom, 1.0 for none */
  char           *db_path;
  gboolean        sample;            /* the store is the sample's file */
  guint           backups_running;   /* daily backups in their thread */
};

G_DEFINE_FINAL_TYPE (TxApplication, tx_application, ADW_TYPE_APPLICATION)

/* How long the window's writes wait for another program's. */
#define WINDOW_WAIT_MS 2000

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry main_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database FILE instead of the usual one"), N_("FILE") },
  { NULL }
};

/* The daily backup */

static void
show_toast_in_windows (TxApplication *self,
                       const char    *title)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (TX_IS_WINDOW (l->data))
      tx_window_show_toast (l->data, title);
}

static void
on_daily_backup_taken_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(TxApplication) self = user_data;
  g_autoptr(TxBackup) backup = NULL;
  g_autoptr(GError) error = NULL;

  self->backups_running--;
  backup = tx_backup_take_daily_finish (TX_STORE (object), result, &error);
  if (error != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Today’s backup could not be taken: %s"), error->message);

      g_warning ("%s", error->message);
      show_toast_in_windows (self, title);
    }
  else if (backup != NULL)
    g_debug ("Daily backup taken: %s", backup->path);
}

/* At most once a day, when the database opens and when Tongxin closes:
 * the clerk never has to think of it. */
static void
take_daily_backup (TxApplication *self,
                   gboolean       wait)
{
  g_autoptr(GDateTime) now = NULL;

  /* the sample is not worth one */
  if (self->store == NULL || self->sample || tx_store_is_read_only (self->store))
    return;

  /* one backup at a time: the one running may be the day's */
  while (wait && self->backups_running > 0)
    g_main_context_iteration (NULL, TRUE);

  now = tx_backup_dup_now (tx_day_get_today (tx_application_get_day (self)));
  if (wait)
    {
      g_autoptr(TxBackup) backup = NULL;
      g_autoptr(GError) error = NULL;

      backup = tx_backup_take_daily (self->store, now, &error);
      if (error != NULL)
        g_warning ("Today’s backup could not be taken: %s", error->message);
    }
  else
    {
      self->backups_running++;
      tx_backup_take_daily_async (self->store, now, NULL, on_daily_backup_taken_cb, g_object_ref (self));
    }
}

static void
set_store (TxApplication *self,
           TxStore       *store)
{
  if (!g_set_object (&self->store, store))
    return;

  /* the window does not seem to hang behind another program's write:
   * an editor says so and saves once it is done (tx-editor-elsewhere.c) */
  if (store != NULL)
    tx_store_set_wait (store, WINDOW_WAIT_MS);
  take_daily_backup (self, FALSE);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (TX_IS_WINDOW (l->data))
      tx_window_set_store (l->data, store);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* An existing database opens at once; a new one waits for the welcome page. */
static void
open_database (TxApplication *self,
               TxWindow      *window)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = tx_application_get_db_path (self);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_debug ("No database at %s yet, showing the welcome page", path);
      tx_window_show_welcome (window);
      return;
    }

  store = tx_store_open (path, &error);
  if (store == NULL)
    {
      g_warning ("Could not open %s: %s", path, error->message);
      tx_window_show_error (window, error);
      return;
    }

  set_store (self, store);
}

/* Quitting: nothing typed is lost */

static void
ask_window (gpointer          target,
            GtkWindow        *parent,
            TxEditorLeaveFunc callback,
            gpointer          user_data)
{
  gtk_window_present (GTK_WINDOW (target));
  tx_window_ask_to_close (target, callback, user_data);
}

/* Closes each of @windows that is still open. */
static void
close_windows (TxApplication *self,
               GPtrArray     *windows)
{
  for (guint i = 0; i < windows->len; i++)
    {
      GtkWindow *window = g_ptr_array_index (windows, i);

      if (g_list_find (gtk_application_get_windows (GTK_APPLICATION (self)), window) != NULL)
        gtk_window_close (window);
    }
}

/* Closing, rather than g_application_quit(), lets each window save
 * its size; the application ends with its last window.
 *
 * The dialogs (person dialogs, the circular) close first, and are let
 * go of before their windows close: a dialog kept alive past its window
 * would, when it is finally freed, let go of a window that no longer
 * exists (gtk_window_set_transient_for() on a finalized window). */
static void
on_quit_answered_cb (gboolean may_leave,
                     gpointer user_data)
{
  g_autoptr(TxApplication) self = user_data;
  g_autoptr(GPtrArray) dialogs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  if (!may_leave)
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    g_ptr_array_add (TX_IS_WINDOW (l->data) ? windows : dialogs, g_object_ref (l->data));

  close_windows (self, dialogs);
  g_clear_pointer (&dialogs, g_ptr_array_unref);
  close_windows (self, windows);
}

/* Asks about what each window holds not saved, and each person dialog
 * of no window, one after the other; nothing closes if the clerk
 * cancels any. */
static void
tx_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  TxApplication *self = user_data;
  TxLeaveQuestions *questions = tx_leave_questions_new ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GtkWindow *window = l->data;

      if (TX_IS_WINDOW (window))
        tx_leave_questions_add (questions, window, NULL, ask_window);
      else if (TX_IS_PERSON_EDITOR (window) && !TX_IS_WINDOW (gtk_window_get_transient_for (window)))
        tx_person_editor_add_leave_question (TX_PERSON_EDITOR (window), questions);
    }

  tx_leave_questions_ask (questions, on_quit_answered_cb, g_object_ref (self));
}

static void
tx_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  TxApplication *self = user_data;

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Tongxin"),
                         "application-icon", APP_ID,
                         "version", tx_version_get_string (),
                         "developer-name", _("The Tongxin developers"),
                         "comments", _("The consultation work of township CPPCC liaison groups: "
                                       "the roster, consultations and their outcomes, kept on "
                                       "this computer without a network."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: your names, one a line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void tx_application_zoom_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data);

static const GActionEntry app_entries[] = {
  { "quit", tx_application_quit_action },
  { "about", tx_application_about_action },
  { "zoom", tx_application_zoom_action, "i" },
};

static int
tx_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  TxApplication *self = TX_APPLICATION (app);
  g_autofree char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    {
      g_autoptr(GError) error = NULL;

      g_free (self->db_path);
      self->db_path = g_canonicalize_filename (db, NULL);

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }

      if (g_application_get_is_remote (app))
        {
          g_autofree char *display = g_filename_display_name (self->db_path);

          /* The running instance keeps its database. */
          g_printerr (_("Tongxin is already running and keeps the database it has open; "
                        "close it first to open “%s”.\n"), display);
        }
    }

  return G_APPLICATION_CLASS (tx_application_parent_class)->handle_local_options (app, options);
}

/**
 * tx_application_create_gsettings:
 *
 * Returns: (transfer full) (nullable): the settings of the application
 *   (window size, text size), or %NULL when the schema is not installed
 *   (a build tree without it)
 */
GSettings *
tx_application_create_gsettings (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("The schema %s is not installed; the window and text sizes are not kept", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* The size of the interface text: Ctrl+plus, Ctrl+minus, Ctrl+0 */

#define TEXT_SCALE_MIN  0.8
#define TEXT_SCALE_MAX  2.0
#define TEXT_SCALE_STEP 0.1

static void
apply_text_scale (TxApplication *self)
{
  GtkSettings *settings = gtk_settings_get_default ();

  if (settings != NULL)
    g_object_set (settings, "gtk-xft-dpi", (int) (self->base_dpi * self->text_scale + 0.5), NULL);
}

/**
 * tx_application_set_text_scale:
 * @scale: 1.0 for the desktop's size; 0.8 to 2.0
 *
 * Makes the interface text larger or smaller, at once and the next
 * time Tongxin starts too.
 */
void
tx_application_set_text_scale (TxApplication *self,
                               double         scale)
{
  g_return_if_fail (TX_IS_APPLICATION (self));

  /* in steps of a tenth, so that going up and down comes back */
  scale = CLAMP (round (scale * 10) / 10, TEXT_SCALE_MIN, TEXT_SCALE_MAX);
  self->text_scale = scale;
  apply_text_scale (self);
  if (self->gsettings != NULL)
    g_settings_set_double (self->gsettings, "text-scale", scale);
}

double
tx_application_get_text_scale (TxApplication *self)
{
  g_return_val_if_fail (TX_IS_APPLICATION (self), 1.0);

  return self->text_scale;
}

static void
tx_application_zoom_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  TxApplication *self = user_data;
  int step = g_variant_get_int32 (parameter);

  tx_application_set_text_scale (self, step == 0 ? 1.0 : self->text_scale + step * TEXT_SCALE_STEP);
}

static void
tx_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *guide_accels[] = { "F1", NULL };

  static const char *zoom_in_accels[] = { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL };
  static const char *zoom_out_accels[] = { "<Control>minus", "<Control>KP_Subtract", NULL };
  static const char *zoom_reset_accels[] = { "<Control>0", "<Control>KP_0", NULL };
  TxApplication *self = TX_APPLICATION (app);
  GtkSettings *settings;

  G_APPLICATION_CLASS (tx_application_parent_class)->startup (app);
  tx_tooltips_init ();

  /* every window shows the application's icon: on X11 (the office
   * systems' desktops) the taskbar reads it from the window */
  gtk_window_set_default_icon_name (APP_ID);

  /* the text as large as it was left */
  settings = gtk_settings_get_default ();
  if (settings != NULL)
    g_object_get (settings, "gtk-xft-dpi", &self->base_dpi, NULL);
  if (self->base_dpi <= 0)
    self->base_dpi = 96 * 1024;
  self->gsettings = tx_application_create_gsettings ();
  self->text_scale = self->gsettings != NULL ? g_settings_get_double (self->gsettings, "text-scale") : 1.0;
  if (self->text_scale != 1.0)
    apply_text_scale (self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.zoom(1)", zoom_in_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.zoom(-1)", zoom_out_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.zoom(0)", zoom_reset_accels);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries,
                                   G_N_ELEMENTS (app_entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.guide", guide_accels);

  /* Alt+1 … Alt+5: the pages, in the order of the switcher */
  for (guint i = 0; i < G_N_ELEMENTS (tx_window_pages); i++)
    {
      g_autofree char *action = g_strdup_printf ("win.show-page('%s')", tx_window_pages[i]);
      g_autofree char *accel = g_strdup_printf ("<Alt>%u", i + 1);
      const char *accels[] = { accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (app), action, accels);
    }
}

/* TONGXIN_BENCH_FIRST_FRAME: the benchmarks' measure of the start.
 * When the window's first frame is drawn, print how long the process
 * has run (from the kernel's start time, so loading the libraries
 * counts) and its resident memory, and quit. */
static gint64
process_age_ms (void)
{
  g_autofree char *stat = NULL;
  g_autofree char *uptime = NULL;
  const char *fields;
  guint64 start_ticks = 0;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      !g_file_get_contents ("/proc/uptime", &uptime, NULL, NULL))
    return -1;
  /* the fields after the command's name, in parentheses that may hold
   * anything: starttime is the 22nd field, the 20th after them */
  fields = strrchr (stat, ')');
  if (fields == NULL)
    return -1;
  fields += 2;
  for (int i = 0; i < 19 && fields != NULL; i++)
    {
      fields = strchr (fields, ' ');
      if (fields != NULL)
        fields++;
    }
  if (fields == NULL)
    return -1;
  start_ticks = g_ascii_strtoull (fields, NULL, 10);

  return (gint64) (g_ascii_strtod (uptime, NULL) * 1000) - (gint64) (start_ticks * 1000 / sysconf (_SC_CLK_TCK));
}

static char *
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return g_strdup ("?");

  return g_strstrip (g_strndup (line + strlen ("VmRSS:"), strcspn (line, "\n") - strlen ("VmRSS:")));
}

static void
on_first_frame_cb (GdkFrameClock *clock,
                   GtkWindow     *window)
{
  g_autofree char *rss = resident_kb ();

  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, window);
  g_print ("first-frame-ms %" G_GINT64_FORMAT " VmRSS %s\n", process_age_ms (), rss);
  g_application_quit (g_application_get_default ());
}

static void
on_bench_window_realize_cb (GtkWidget *window)
{
  g_signal_connect_after (gtk_widget_get_frame_clock (window), "after-paint",
                          G_CALLBACK (on_first_frame_cb), window);
}

static void
tx_application_activate (GApplication *app)
{
  TxApplication *self = TX_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      window = GTK_WINDOW (tx_window_new (GTK_APPLICATION (self), self->store,
                                          tx_application_get_day (self)));
      if (g_getenv ("TONGXIN_BENCH_FIRST_FRAME") != NULL)
        g_signal_connect (window, "realize", G_CALLBACK (on_bench_window_realize_cb), NULL);
      if (self->store == NULL)
        open_database (self, TX_WINDOW (window));
    }

  gtk_window_present (window);
}

static void
tx_application_shutdown (GApplication *app)
{
  take_daily_backup (TX_APPLICATION (app), TRUE);

  G_APPLICATION_CLASS (tx_application_parent_class)->shutdown (app);
}

static void
tx_application_finalize (GObject *object)
{
  TxApplication *self = (TxApplication *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->day);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_object (&self->gsettings);

  G_OBJECT_CLASS (tx_application_parent_class)->finalize (object);
}

static void
tx_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TxApplication *self = TX_APPLICATION (object);

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
tx_application_class_init (TxApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = tx_application_finalize;
  object_class->get_property = tx_application_get_property;

  app_class->handle_local_options = tx_application_handle_local_options;
  app_class->startup = tx_application_startup;
  app_class->activate = tx_application_activate;
  app_class->shutdown = tx_application_shutdown;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TX_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tx_application_init (TxApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
}

TxApplication *
tx_application_new (void)
{
  return g_object_new (TX_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/tongxin/Tongxin",
                       NULL);
}

/**
 * tx_application_get_store:
 *
 * Returns: (transfer none) (nullable): the open store, or %NULL before
 *   the database is opened or created
 */
TxStore *
tx_application_get_store (TxApplication *self)
{
  g_return_val_if_fail (TX_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * tx_application_get_day:
 *
 * Returns: (transfer none): the day the windows work with: one that
 *   follows the clock, unless tx_application_set_day() gave another
 */
TxDay *
tx_application_get_day (TxApplication *self)
{
  g_return_val_if_fail (TX_IS_APPLICATION (self), NULL);

  if (self->day == NULL)
    self->day = tx_day_new ();

  return self->day;
}

/**
 * tx_application_set_day:
 * @day: the day to work with, such as a fixed one in tests
 *
 * Only before the first window is made.
 */
void
tx_application_set_day (TxApplication *self,
                        TxDay         *day)
{
  g_return_if_fail (TX_IS_APPLICATION (self));
  g_return_if_fail (TX_IS_DAY (day));
  g_return_if_fail (gtk_application_get_windows (GTK_APPLICATION (self)) == NULL);

  g_set_object (&self->day, day);
}

/**
 * tx_application_get_db_path:
 *
 * Returns: the database file given with --db, or the default one
 */
const char *
tx_application_get_db_path (TxApplication *self)
{
  g_return_val_if_fail (TX_IS_APPLICATION (self), NULL);

  if (self->db_path == NULL)
    self->db_path = tx_store_get_default_path ();

  return self->db_path;
}

/* Removes a database just created, and what SQLite wrote beside it:
 * a first start that failed half-way leaves nothing behind. */
static void
remove_new_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

/* Creates the database of the welcome page: nothing may be there yet. */
static TxStore *
create_new_database (TxApplication  *self,
                     GError        **error)
{
  const char *path = tx_application_get_db_path (self);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("There is already a database at %s."), path);
      return NULL;
    }

  return tx_store_open (path, error);
}

static gboolean
set_up_township (TxStore         *store,
                 const char      *name,
                 TxTownshipKind   kind,
                 const char      *organization,
                 GError         **error)
{
  TxSettings *settings = tx_store_get_settings (store);
  g_autoptr(TxTownship) township = tx_store_add_township (store, name, kind, error);

  if (township == NULL)
    return FALSE;

  /* a roster line without a township is of this one */
  return tx_settings_set_text (settings, "default-township", tx_township_get_uuid (township), error) &&
         tx_settings_set_text (settings, "organization", organization != NULL ? organization : "", error);
}

/**
 * tx_application_create_township_database:
 * @name: the township's name
 * @kind: its kind
 * @organization: (nullable): the issuing body printed on documents
 *
 * Creates the clerk's database with its township (also the default
 * township) and issuing body, and shows it.  All or nothing: when any
 * of it fails, no database is left behind and @error says why.
 */
gboolean
tx_application_create_township_database (TxApplication   *self,
                                         const char      *name,
                                         TxTownshipKind   kind,
                                         const char      *organization,
                                         GError         **error)
{
  g_autoptr(TxStore) store = NULL;

  g_return_val_if_fail (TX_IS_APPLICATION (self), FALSE);

  store = create_new_database (self, error);
  if (store == NULL)
    return FALSE;

  if (!set_up_township (store, name, kind, organization, error))
    {
      g_clear_object (&store);
      remove_new_database (tx_application_get_db_path (self));
      return FALSE;
    }

  self->sample = FALSE;
  set_store (self, store);
  return TRUE;
}

/**
 * tx_application_create_city_database:
 * @organization: the issuing body, or ""
 *
 * Creates the city office's database, with no township yet (they come
 * with the files the townships send), and shows it.
 */
gboolean
tx_application_create_city_database (TxApplication  *self,
                                     const char     *organization,
                                     GError        **error)
{
  g_autoptr(TxStore) store = NULL;
  TxSettings *settings;

  g_return_val_if_fail (TX_IS_APPLICATION (self), FALSE);

  store = create_new_database (self, error);
  if (store == NULL)
    return FALSE;

  settings = tx_store_get_settings (store);
  if (!tx_settings_set_text (settings, "office-kind", "city", error) ||
      (organization[0] != '\0' && !tx_settings_set_text (settings, "organization", organization, error)))
    {
      g_clear_object (&store);
      remove_new_database (tx_application_get_db_path (self));
      return FALSE;
    }

  self->sample = FALSE;
  set_store (self, store);
  return TRUE;
}

/**
 * tx_application_create_empty_database:
 *
 * Creates the clerk's database, empty, and shows it: the first step of
 * starting from a roster, whose import then asks.
 */
gboolean
tx_application_create_empty_database (TxApplication  *self,
                                      GError        **error)
{
  g_autoptr(TxStore) store = NULL;

  g_return_val_if_fail (TX_IS_APPLICATION (self), FALSE);

  store = create_new_database (self, error);
  if (store == NULL)
    return FALSE;

  self->sample = FALSE;
  set_store (self, store);
  return TRUE;
}

/**
 * tx_application_create_from_exchange:
 * @file: an exchange file
 * @report: (out caller-allocates): what was imported
 *
 * Creates the clerk's database from an exchange file and shows it.  All
 * or nothing: a file that cannot be imported leaves no database.
 */
gboolean
tx_application_create_from_exchange (TxApplication   *self,
                                     GFile           *file,
                                     TxImportReport  *report,
                                     GError         **error)
{
  g_autoptr(TxStore) store = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *display_name = g_file_get_basename (file);
  TxImportOptions options = { 0, FALSE, display_name, tx_day_get_today (tx_application_get_day (self)) };

  g_return_val_if_fail (TX_IS_APPLICATION (self), FALSE);

  store = create_new_database (self, error);
  if (store == NULL)
    return FALSE;

  if (path == NULL || !tx_exchange_import_file (store, path, &options, report, error))
    {
      if (path == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("“%s” is not a file on this computer."), display_name);
      g_clear_object (&store);
      remove_new_database (tx_application_get_db_path (self));
      return FALSE;
    }

  self->sample = FALSE;
  set_store (self, store);
  return TRUE;
}

/**
 * tx_application_get_sample_path:
 *
 * Returns: (transfer full): the file the sample opens in, beside the
 *   clerk's database and never that one
 */
char *
tx_application_get_sample_path (TxApplication *self)
{
  const char *path = tx_application_get_db_path (self);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  stem = g_str_has_suffix (base, ".db") ? g_strndup (base, strlen (base) - 3) : g_strdup (base);
  name = g_strconcat (stem, "-sample.db", NULL);

  return g_build_filename (dir, name, NULL);
}

/**
 * tx_application_try_sample:
 *
 * Opens the sample in its own file (tx_application_get_sample_path()),
 * dated around today, and shows it with a notice that it is the sample.
 * The clerk's database is not touched.
 */
gboolean
tx_application_try_sample (TxApplication  *self,
                           GError        **error)
{
  g_autofree char *path = NULL;
  g_autoptr(TxStore) store = NULL;
  TxImportReport report = { 0 };

  g_return_val_if_fail (TX_IS_APPLICATION (self), FALSE);

  path = tx_application_get_sample_path (self);
  store = tx_store_open (path, error);
  if (store == NULL)
    return FALSE;

  if (!tx_exchange_load_demo (store, tx_day_get_today (tx_application_get_day (self)), &report, error))
    return FALSE;

  self->sample = TRUE;
  set_store (self, store);
  return TRUE;
}

/**
 * tx_application_is_sample:
 *
 * Returns: whether the database shown is the sample's own file
 */
gboolean
tx_application_is_sample (TxApplication *self)
{
  g_return_val_if_fail (TX_IS_APPLICATION (self), FALSE);

  return self->store != NULL && self->sample;
}

/**
 * tx_application_leave_sample:
 *
 * Closes the sample and goes back to the clerk's own database: the
 * welcome page when there is none yet.
 */
void
tx_application_leave_sample (TxApplication *self)
{
  g_return_if_fail (TX_IS_APPLICATION (self));

  if (!tx_application_is_sample (self))
    return;

  self->sample = FALSE;
  set_store (self, NULL);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (TX_IS_WINDOW (l->data))
      {
        open_database (self, l->data);
        break;
      }
}
