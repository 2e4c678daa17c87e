/* test-accessibility.c — every button a screen reader meets has a name
 *
 * Runs under a display (Xvfb), on the sample data around 2026-11-27, in
 * a window of 1366×768: every page, both editors with a record, and the
 * dialogs (person, backups, circular, roster import) are built, and the
 * widget tree of each window is walked.  A button of Tongxin's (not the
 * inside of a GTK or libadwaita widget) must have a name: its text, or
 * an accessible label when it shows only an icon.  Otherwise a screen
 * reader says "button" or the class name; the test lists each such
 * button with the widget it belongs to and its icon.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-accessibility"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "tx-application.h"
#include "tx-backup-dialog.h"
#include "tx-circular-dialog.h"
#include "tx-consultation-editor.h"
#include "tx-exchange.h"
#include "tx-import-dialog.h"
#include "tx-outcome-editor.h"
#include "tx-participant-row.h"
#include "tx-person-editor.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-speech-row.h"
#include "tx-supervision-row.h"
#include "tx-test-gui.h"
#include "tx-window.h"

#define TODAY "2026-11-27"
#define SHUANGGU "双谷村新型农村综合体建设协商"

typedef struct {
  char         *dir;
  TxStore      *store;
  TxDay        *day;
  GApplication *app;
  TxWindow     *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  static guint n_apps;
  g_autofree char *id = g_strdup_printf ("%s.TestA11y%u", APP_ID, ++n_apps);

  fixture->dir = g_dir_make_tmp ("tongxin-test-a11y-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "tongxin.db", NULL);
  fixture->store = tx_store_open (path, &error);
  g_assert_no_error (error);
  tx_exchange_load_demo (fixture->store, tx_date_from_iso (TODAY), NULL, &error);
  g_assert_no_error (error);

  fixture->app = G_APPLICATION (tx_application_new ());
  g_application_set_flags (fixture->app, G_APPLICATION_NON_UNIQUE);
  g_application_set_application_id (fixture->app, id);
  g_application_register (fixture->app, NULL, &error);
  g_assert_no_error (error);

  fixture->day = tx_test_day_new (TODAY);
  fixture->window = tx_window_new (GTK_APPLICATION (fixture->app), fixture->store, fixture->day);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (fixture->window));
  tx_test_settle ();
}

/* The same, with Tongxin in Chinese, as a clerk has it; the test is
 * skipped where zh_CN.UTF-8 is not installed (build-aux/dev installs
 * it). */
static void
fixture_set_up_chinese (Fixture       *fixture,
                        gconstpointer  data)
{
  if (tx_test_use_chinese ())
    fixture_set_up (fixture, data);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tx_test_destroy_windows ();
  tx_test_settle ();

  g_clear_object (&fixture->app);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->day);
  if (fixture->dir != NULL)
    tx_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);

  /* as the other tests run */
  tx_test_use_english ();
}

/* The walk */

/* Widgets of GTK and libadwaita whose inner buttons they name (or not)
 * themselves: what is inside them is not Tongxin's to name. */
static gboolean
is_foreign_composite (GtkWidget *widget)
{
  static const char * const names[] = {
    "GtkWindowControls", "GtkSpinButton", "GtkCalendar", "GtkPasswordEntry",
    "GtkSearchEntry", "AdwEntryRow", "GtkPopoverMenu", "GtkDropDown",
    "GtkMenuButton", "AdwSplitButton", "AdwViewSwitcher", "AdwViewSwitcherBar",
    "AdwViewSwitcherTitle", "GtkShortcutsWindow", "AdwAboutWindow",
    "GtkFileChooserWidget", "GtkScaleButton", "AdwTabBar", "AdwComboRow",
    "GtkEmojiChooser", "AdwMessageDialog",
  };
  const char *type = G_OBJECT_TYPE_NAME (widget);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (type, names[i]))
      return TRUE;
  return FALSE;
}

/* A label inside @widget with text: what GTK names a button by (not
 * what its popover holds). */
static gboolean
has_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_POPOVER (child) && has_text (child))
      return TRUE;

  return FALSE;
}

/* Its text, or an accessible label.  GTK 4.8 makes a button "labelled
 * by" its child whatever it is, an icon too (which a screen reader then
 * reads as "GtkImage"): that relation names nothing by itself, and
 * Tongxin sets it nowhere else. */
static gboolean
has_name (GtkWidget *button)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         has_text (button);
}

/* Where @widget is: the types and ids of its ancestors up to Tongxin's
 * own widget. */
static char *
describe (GtkWidget *widget)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = GTK_IS_BUILDABLE (w) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (w)) : NULL;

      if (text->len > 0)
        g_string_prepend (text, " > ");
      if (id != NULL)
        g_string_prepend (text, id);
      g_string_prepend (text, G_OBJECT_TYPE_NAME (w));
      if (id != NULL)
        g_string_insert (text, strlen (G_OBJECT_TYPE_NAME (w)), "#");
      if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Tx") && w != widget)
        break;
    }

  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (text, " (icon %s)", gtk_button_get_icon_name (GTK_BUTTON (widget)));
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL)
    g_string_append_printf (text, " (icon %s)", gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* GTK's own close button of an info bar, which is always there: the
 * editors hide it (show-close-button is off) and have their own. */
static gboolean
is_hidden_info_bar_close (GtkWidget *widget)
{
  return !gtk_widget_get_visible (widget) &&
         gtk_widget_get_ancestor (widget, GTK_TYPE_INFO_BAR) != NULL &&
         gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) == NULL;
}

static void
walk (GtkWidget *widget,
      GPtrArray *unnamed,
      guint     *n_buttons)
{
  if ((GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) && !is_hidden_info_bar_close (widget))
    {
      (*n_buttons)++;
      if (!has_name (widget))
        g_ptr_array_add (unnamed, describe (widget));
    }

  if (is_foreign_composite (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, unnamed, n_buttons);
}

/* Every button of every open window has a name. */
static void
assert_every_button_named (void)
{
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new_with_free_func (g_free);
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_buttons = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      walk (window, unnamed, &n_buttons);
    }

  g_test_message ("%u buttons, %u without a name", n_buttons, unnamed->len);
  g_test_message ("%u buttons, %u without a name", n_buttons, unnamed->len);
  for (guint i = 0; i < unnamed->len; i++)
    g_test_message ("no name: %s", (const char *) g_ptr_array_index (unnamed, i));

  /* the walk met the buttons a clerk sees: many, in every part */
  g_assert_cmpuint (n_buttons, >, 40);
  if (unnamed->len > 0)
    g_test_fail_printf ("%u of %u buttons have no name a screen reader can say (listed above)",
                        unnamed->len, n_buttons);
}

/* The tests */

static void open_every_dialog (Fixture *fixture);

static void
test_window_and_dialogs (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;

  /* both editors with a record */
  consultation = tx_store_load_consultation (fixture->store, SHUANGGU, &error);
  g_assert_no_error (error);
  tx_editor_set_record (tx_test_get_widget (fixture->window, TX_TYPE_CONSULTATION_EDITOR), fixture->store,
                        tx_consultation_get_uuid (consultation));
  outcomes = tx_store_list_outcomes (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcomes->len, >, 0);
  tx_editor_set_record (tx_test_get_widget (fixture->window, TX_TYPE_OUTCOME_EDITOR), fixture->store,
                        tx_outcome_get_uuid (g_ptr_array_index (outcomes, 0)));

  /* the dialogs */
  open_every_dialog (fixture);

  /* the editors' problem bar, with its own close button */
  tx_editor_show_problem (tx_test_get_widget (fixture->window, TX_TYPE_CONSULTATION_EDITOR),
                          "The meeting cannot end before it starts.");
  adw_view_stack_set_visible_child_name (tx_test_get_widget (fixture->window, ADW_TYPE_VIEW_STACK), "consultations");
  tx_test_settle ();
  tx_test_save_screenshot (fixture->window, "a11y-window");

  assert_every_button_named ();
}

/* Shortcuts: every one a clerk can press is in the shortcuts window */

/* "<Control>s" as GTK writes it, whatever way it was written. */
static char *
normalize_accelerator (const char *accelerator)
{
  guint key = 0;
  GdkModifierType mods = 0;

  if (!gtk_accelerator_parse (accelerator, &key, &mods))
    g_error ("“%s” is not an accelerator", accelerator);
  return gtk_accelerator_name (key, mods);
}

static void
add_accelerators (GHashTable *set,
                  const char *list,
                  const char *source)
{
  g_auto(GStrv) parts = g_strsplit_set (list, " |", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      {
        g_autofree char *accelerator = normalize_accelerator (parts[i]);

        /* where it was met first */
        if (!g_hash_table_contains (set, accelerator))
          g_hash_table_insert (set, g_steal_pointer (&accelerator), g_strdup (source));
      }
}

/* The shortcuts of Tongxin's widgets (their classes' key bindings). */
static void
collect_widget_shortcuts (GtkWidget  *widget,
                          GHashTable *set)
{
  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Tx"))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
              g_autofree char *trigger = NULL;

              /* a label's underlined letter is shown where it is; what
               * GTK's own classes bind (focus moves, the inspector) are
               * signals, Tongxin's bindings name actions */
              if (GTK_IS_MNEMONIC_TRIGGER (gtk_shortcut_get_trigger (shortcut)) ||
                  !GTK_IS_NAMED_ACTION (gtk_shortcut_get_action (shortcut)))
                continue;
              trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
              add_accelerators (set, trigger, G_OBJECT_TYPE_NAME (widget));
            }
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widget_shortcuts (child, set);
}

/* What the shortcuts window lists: its accelerators, and the
 * application's for the actions it names. */
static void
collect_listed (GtkWidget      *widget,
                GtkApplication *app,
                GHashTable     *set)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      g_object_get (widget, "accelerator", &accelerator, "action-name", &action, NULL);
      if (accelerator != NULL)
        add_accelerators (set, accelerator, "listed");
      if (action != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);

          for (guint i = 0; accels[i] != NULL; i++)
            add_accelerators (set, accels[i], "listed");
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_listed (child, app, set);
}

static void
open_every_dialog (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *csv = g_build_filename (g_getenv ("TONGXIN_TEST_DATA"), "roster-utf8-bom.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  TxPersonFilter filter = { 0 };

  people = tx_roster_query (fixture->store, &filter, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (tx_person_editor_new (GTK_WINDOW (fixture->window), fixture->store,
                                                        g_ptr_array_index (people, 0))));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.backups", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.preferences", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.townships", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.trash", NULL);
  gtk_window_present (GTK_WINDOW (tx_circular_dialog_new (GTK_WINDOW (fixture->window), fixture->store,
                                                          2026, 3, fixture->day)));
  gtk_window_present (GTK_WINDOW (tx_import_dialog_new (GTK_WINDOW (fixture->window), fixture->store, file)));
  tx_test_settle ();
}

static void
test_shortcuts_listed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GHashTable) pressable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) actions = NULL;
  GtkApplication *app = GTK_APPLICATION (fixture->app);
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkShortcutsWindow *overlay;
  GHashTableIter iter;
  gpointer key, value;
  guint missing = 0;

  open_every_dialog (fixture);

  /* what a clerk can press: the application's accelerators … */
  actions = gtk_application_list_action_descriptions (app);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        add_accelerators (pressable, accels[j], actions[i]);
    }

  /* … and the key bindings of every page, editor and dialog */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      collect_widget_shortcuts (window, pressable);
    }
  g_assert_cmpuint (g_hash_table_size (pressable), >, 10);

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window));
  g_assert_nonnull (overlay);
  collect_listed (GTK_WIDGET (overlay), app, listed);

  g_hash_table_iter_init (&iter, pressable);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (listed, key))
      {
        g_test_message ("not in the shortcuts window: %s (%s)", (const char *) key, (const char *) value);
        missing++;
      }
  if (missing > 0)
    g_test_fail_printf ("%u shortcuts are not in the shortcuts window (listed above)", missing);
}

/* Mnemonics: no two underlined letters a clerk sees at once are the
 * same (Alt+S would only move between them) */

static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *by_key)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint key = gtk_label_get_mnemonic_keyval (GTK_LABEL (widget));

      if (key != GDK_KEY_VoidSymbol)
        {
          GPtrArray *labels = g_hash_table_lookup (by_key, GUINT_TO_POINTER (gdk_keyval_to_lower (key)));

          if (labels == NULL)
            {
              labels = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (by_key, GUINT_TO_POINTER (gdk_keyval_to_lower (key)), labels);
            }
          /* one command shown in two places (a header that changes
           * with the width) is no clash */
          if (!g_ptr_array_find_with_equal_func (labels, gtk_label_get_label (GTK_LABEL (widget)), g_str_equal, NULL))
            g_ptr_array_add (labels, g_strdup (gtk_label_get_label (GTK_LABEL (widget))));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, by_key);
}

/* The number of letters two labels shown in @window share. */
static guint
count_mnemonic_clashes (GtkWidget  *window,
                        const char *where)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;
  guint clashes = 0;

  collect_mnemonics (window, by_key);
  g_hash_table_iter_init (&iter, by_key);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *labels = value;

      if (labels->len > 1)
        {
          g_autoptr(GString) text = g_string_new (NULL);

          for (guint i = 0; i < labels->len; i++)
            g_string_append_printf (text, "%s“%s”", i > 0 ? ", " : "", (const char *) g_ptr_array_index (labels, i));
          g_test_message ("%s: Alt+%s is %s", where, gdk_keyval_name (GPOINTER_TO_UINT (key)), text->str);
          clashes++;
        }
    }

  return clashes;
}

static void
test_mnemonics (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const pages[] = { "overview", "calendar", "consultations", "roster", "outcomes" };
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  AdwViewStack *stack;
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint clashes = 0;

  if (fixture->window == NULL)
    return;   /* skipped in set-up */
  stack = tx_test_get_widget (fixture->window, ADW_TYPE_VIEW_STACK);

  consultation = tx_store_load_consultation (fixture->store, SHUANGGU, &error);
  g_assert_no_error (error);
  outcomes = tx_store_list_outcomes (fixture->store, NULL, &error);
  g_assert_no_error (error);

  /* each page of the window as it is shown, the editors with a record */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      adw_view_stack_set_visible_child_name (stack, pages[i]);
      tx_test_settle ();
      if (g_str_equal (pages[i], "consultations"))
        tx_editor_set_record (tx_test_get_widget (fixture->window, TX_TYPE_CONSULTATION_EDITOR), fixture->store,
                              tx_consultation_get_uuid (consultation));
      else if (g_str_equal (pages[i], "outcomes"))
        tx_editor_set_record (tx_test_get_widget (fixture->window, TX_TYPE_OUTCOME_EDITOR), fixture->store,
                              tx_outcome_get_uuid (g_ptr_array_index (outcomes, 0)));
      tx_test_settle ();
      clashes += count_mnemonic_clashes (GTK_WIDGET (fixture->window), pages[i]);
    }

  /* each dialog */
  open_every_dialog (fixture);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WIDGET (fixture->window))
        clashes += count_mnemonic_clashes (window, G_OBJECT_TYPE_NAME (window));
    }

  if (clashes > 0)
    g_test_fail_printf ("%u letters are underlined twice where a clerk sees them together (listed above)", clashes);
}

/* Tab from the speaker of a speech goes to what was said, not to the
 * row's buttons between them. */
static void
test_tab_speaker_to_speech (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = tx_speech_row_new ("王秀英", "建议分批推进。");
  GtkWidget *speaker = tx_test_get_template_child (row, "speaker_entry");
  GtkWidget *summary = tx_test_get_template_child (row, "summary_view");
  g_autoptr(GListModel) controllers = NULL;
  gboolean handled = FALSE;

  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  tx_test_settle ();
  gtk_widget_grab_focus (speaker);

  /* the key Tab, as it reaches the speaker's field */
  controllers = gtk_widget_observe_controllers (speaker);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && !handled)
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Tab, 0, 0, &handled);
    }
  g_assert_true (handled);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), summary) ||
                 gtk_window_get_focus (GTK_WINDOW (window)) == summary);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The buttons of the rows an editor makes many of say what they do
 * where the pointer rests, as a row shown and as a row not shown yet. */
static void
test_row_tooltips (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *speech = tx_speech_row_new ("王秀英", "建议分批推进。");
  g_autoptr(TxParticipant) participant = tx_participant_new ("6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a", TX_ROLE_DEPUTY);
  GtkWidget *someone = g_object_ref_sink (tx_participant_row_new (participant));
  static const struct {
    const char *child;
    const char *tooltip;
  } speech_buttons[] = {
    { "up_button", "Move Up" },
    { "down_button", "Move Down" },
    { "remove_button", "Remove This Speech" },
  };

  static const struct {
    const char *child;
    const char *tooltip;
  } supervision_parts[] = {
    { "phase_drop_down", "Phase of the supervision" },
    { "date_entry", "Date of the supervision" },
    { "by_entry", "Who supervised: the liaison group, deputies, residents" },
    { "remove_button", "Remove This Record" },
    { "note_view", "What was found, and what was done about it" },
  };
  GtkWidget *supervision = tx_supervision_row_new (TX_SUPERVISION_DURING, "2026-10-12", "联络组", "已现场查看。");

  gtk_list_box_append (GTK_LIST_BOX (list), speech);
  gtk_list_box_append (GTK_LIST_BOX (list), supervision);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  tx_test_settle ();

  for (guint i = 0; i < G_N_ELEMENTS (speech_buttons); i++)
    {
      GtkWidget *button = tx_test_get_template_child (speech, speech_buttons[i].child);

      g_assert_true (gtk_widget_get_mapped (button));
      g_assert_true (gtk_widget_get_visible (button));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, speech_buttons[i].tooltip);
    }

  for (guint i = 0; i < G_N_ELEMENTS (supervision_parts); i++)
    {
      GtkWidget *part = tx_test_get_template_child (supervision, supervision_parts[i].child);

      g_assert_true (gtk_widget_get_mapped (part));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (part), ==, supervision_parts[i].tooltip);
    }

  g_assert_cmpstr (gtk_widget_get_tooltip_text (tx_test_get_template_child (someone, "role_button")), ==,
                   "Role at the consultation");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (tx_test_get_template_child (someone, "remove_button")), ==,
                   "Remove From the Participants");
  g_assert_true (gtk_widget_get_visible (tx_test_get_template_child (someone, "remove_button")));

  g_object_unref (someone);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Alt+1 … Alt+5 show the pages in the order of the switcher. */
static void
test_alt_number_pages (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const order[] = { "overview", "calendar", "consultations", "roster", "outcomes" };
  AdwViewStack *stack = tx_test_get_widget (fixture->window, ADW_TYPE_VIEW_STACK);
  GtkApplication *app = GTK_APPLICATION (fixture->app);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autofree char *action = g_strdup_printf ("win.show-page('%s')", order[i]);
      g_autofree char *expected = g_strdup_printf ("<Alt>%u", i + 1);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);

      g_assert_cmpuint (g_strv_length (accels), ==, 1);
      g_assert_cmpstr (accels[0], ==, expected);

      /* from another page */
      adw_view_stack_set_visible_child_name (stack, i == 0 ? "outcomes" : "overview");
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", order[i]);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, order[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tx_test_init_gui ();

  g_test_add ("/gui/accessibility/buttons-named", Fixture, NULL,
              fixture_set_up, test_window_and_dialogs, fixture_tear_down);
  g_test_add ("/gui/accessibility/shortcuts-listed", Fixture, NULL,
              fixture_set_up, test_shortcuts_listed, fixture_tear_down);
  g_test_add ("/gui/accessibility/alt-number-pages", Fixture, NULL,
              fixture_set_up, test_alt_number_pages, fixture_tear_down);
  g_test_add ("/gui/accessibility/tab-speaker-to-speech", Fixture, NULL,
              fixture_set_up, test_tab_speaker_to_speech, fixture_tear_down);
  g_test_add ("/gui/accessibility/row-tooltips", Fixture, NULL,
              fixture_set_up, test_row_tooltips, fixture_tear_down);
  g_test_add ("/gui/accessibility/mnemonics", Fixture, NULL,
              fixture_set_up, test_mnemonics, fixture_tear_down);
  g_test_add ("/gui/accessibility/mnemonics/zh_CN", Fixture, NULL,
              fixture_set_up_chinese, test_mnemonics, fixture_tear_down);

  return g_test_run ();
}
