/* test-setup.c — setting up a township from an empty database, in the
 * window, in Chinese
 *
 * Runs under a display (Xvfb) in zh_CN.  From an empty database a clerk
 * adds the township, sets its yearly plan, renames and merges
 * townships; what a clerk would check is the row in the database, the
 * colour and reason of the ledger, and the words the forms say.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-setup"

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tx-activity-dialog.h"
#include "tx-activity.h"
#include "tx-circular-dialog-private.h"
#include "tx-circular-dialog.h"
#include "tx-attachment.h"
#include "tx-attachments-section.h"
#include "tx-consultation-details-section.h"
#include "tx-consultation-documents-section.h"
#include "tx-consultation-editor.h"
#include "tx-consultation-participants-section.h"
#include "tx-consultation-store.h"
#include "tx-consultations-page.h"
#include "tx-editor.h"
#include "tx-guide-window.h"
#include "tx-exchange.h"
#include "tx-ledger.h"
#include "tx-participant-picker.h"
#include "tx-person-editor.h"
#include "tx-roster-page.h"
#include "tx-roster.h"
#include "tx-outcome-details-section.h"
#include "tx-outcome-editor.h"
#include "tx-outcome-store.h"
#include "tx-outcomes-page.h"
#include "tx-settings.h"
#include "tx-stage-row.h"
#include "tx-list-page.h"
#include "tx-township-store.h"
#include "tx-townships-dialog.h"
#include "tx-test-gui.h"
#include "tx-test-pdf.h"
#include "tx-trash-dialog.h"
#include "tx-trash.h"
#include "tx-window.h"

#define TODAY "2026-12-02"

typedef struct {
  char      *dir;
  TxStore   *store;
  TxDay     *day;
  GtkWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!tx_test_use_chinese ())
    return;

  fixture->dir = g_dir_make_tmp ("tongxin-test-setup-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "tongxin.db", NULL);
  fixture->store = tx_store_open (path, &error);
  g_assert_no_error (error);
  fixture->day = tx_test_day_new (TODAY);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1366, 768);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tx_test_destroy_windows ();
  tx_test_settle ();
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->day);
  if (fixture->dir != NULL)
    tx_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);

  tx_test_use_english ();
}

/* What the ledger of the quarter says of @name: its colour, and
 * whether a reason is that the plan is missing. */
static TxColor
ledger_color (Fixture    *fixture,
              const char *name,
              gboolean   *plan_missing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxLedger) ledger = tx_ledger_compute (fixture->store, 2026, 4, tx_date_from_iso (TODAY), &error);

  g_assert_no_error (error);
  *plan_missing = FALSE;
  for (guint i = 0; i < ledger->entries->len; i++)
    {
      TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      if (g_strcmp0 (entry->township_name, name) != 0)
        continue;
      for (guint h = 0; h < entry->hits->len; h++)
        if (((TxLedgerHit *) g_ptr_array_index (entry->hits, h))->rule == TX_RULE_PLAN_MISSING)
          *plan_missing = TRUE;
      return entry->color;
    }

  g_error ("No township “%s” in the ledger", name);
}

static TxTownship *
find (Fixture    *fixture,
      const char *name)
{
  return tx_store_find_township (fixture->store, name, NULL);
}

/* The entry, the kind and the problem label of the open name form. */
static AdwMessageDialog *
get_form (GtkEditable **entry,
          GtkDropDown **kind,
          GtkLabel    **problem)
{
  AdwMessageDialog *dialog = tx_test_find_message_dialog ();
  GtkWidget *box;

  g_assert_nonnull (dialog);
  box = adw_message_dialog_get_extra_child (dialog);
  *entry = GTK_EDITABLE (tx_test_get_widget (box, GTK_TYPE_ENTRY));
  if (kind != NULL)
    *kind = tx_test_find_widget (box, GTK_TYPE_DROP_DOWN);
  *problem = GTK_LABEL (gtk_widget_get_last_child (box));

  return dialog;
}

static void
add_township (TxTownshipsDialog *dialog,
              const char        *name,
              TxTownshipKind     kind)
{
  GtkEditable *entry;
  GtkDropDown *kinds;
  GtkLabel *problem;
  AdwMessageDialog *form;

  gtk_widget_activate_action (GTK_WIDGET (dialog), "townships.add", NULL);
  form = get_form (&entry, &kinds, &problem);
  gtk_editable_set_text (entry, name);
  gtk_drop_down_set_selected (kinds, kind);
  tx_test_answer_message_dialog (form, "add");
}

static void
test_townships_and_plans (Fixture       *fixture,
                          gconstpointer  data)
{
  TxTownshipsDialog *dialog;
  AdwMessageDialog *form;
  GtkEditable *entry;
  GtkDropDown *kinds;
  GtkLabel *problem;
  GtkSpinButton *spin;
  g_autoptr(TxTownship) jinshan = NULL;
  g_autoptr(TxTownship) chengguan = NULL;
  g_autoptr(TxTownship) renamed = NULL;
  g_autoptr(GPtrArray) townships = NULL;
  gboolean plan_missing;

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  dialog = tx_townships_dialog_new (fixture->window, fixture->store, fixture->day);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpint (tx_townships_dialog_get_year (dialog), ==, 2026);

  /* empty: the page offers to add one, in Chinese */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (tx_test_get_template_child (dialog, "stack")), ==, "empty");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "乡镇与计划");

  /* a new form is not an error; the button waits for a name */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "townships.add", NULL);
  form = get_form (&entry, &kinds, &problem);
  g_assert_cmpstr (adw_message_dialog_get_heading (form), ==, "添加乡镇(街道)");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (problem)));
  g_assert_false (adw_message_dialog_get_response_enabled (form, "add"));
  gtk_editable_set_text (entry, "金山街道");
  g_assert_true (adw_message_dialog_get_response_enabled (form, "add"));
  gtk_drop_down_set_selected (kinds, TX_TOWNSHIP_KIND_SUBDISTRICT);
  tx_test_answer_message_dialog (form, "add");

  jinshan = find (fixture, "金山街道");
  g_assert_nonnull (jinshan);
  g_assert_cmpint (tx_township_get_kind (jinshan), ==, TX_TOWNSHIP_KIND_SUBDISTRICT);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (tx_test_get_template_child (dialog, "stack")), ==, "list");

  /* no plan yet: the row says so, and so does the ledger (yellow) */
  spin = tx_townships_dialog_get_plan_spin (dialog, tx_township_get_uuid (jinshan));
  g_assert_nonnull (spin);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "");
  g_assert_cmpint (ledger_color (fixture, "金山街道", &plan_missing), ==, TX_COLOR_YELLOW);
  g_assert_true (plan_missing);

  /* a plan typed is the plan */
  gtk_spin_button_set_value (spin, 4);
  g_assert_cmpint (tx_store_get_plan (fixture->store, tx_township_get_uuid (jinshan), 2026), ==, 4);
  /* none held by December of a plan of 4: behind, not missing */
  g_assert_cmpint (ledger_color (fixture, "金山街道", &plan_missing), ==, TX_COLOR_RED);
  g_assert_false (plan_missing);

  /* a taken name is refused while typed, in words */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "townships.add", NULL);
  form = get_form (&entry, &kinds, &problem);
  gtk_editable_set_text (entry, "金山街道");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problem)));
  g_assert_nonnull (strstr (gtk_label_get_text (problem), "金山街道"));
  g_assert_false (adw_message_dialog_get_response_enabled (form, "add"));
  tx_test_answer_message_dialog (form, "cancel");

  /* another, renamed */
  add_township (dialog, "城关", TX_TOWNSHIP_KIND_TOWN);
  chengguan = find (fixture, "城关");
  g_assert_nonnull (chengguan);
  g_assert_true (tx_store_set_plan (fixture->store, "城关", 2026, 2, NULL));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "townships.rename", "s", tx_township_get_uuid (chengguan));
  form = get_form (&entry, NULL, &problem);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "城关");
  g_assert_true (adw_message_dialog_get_response_enabled (form, "rename"));   /* its own name is fine */
  gtk_editable_set_text (entry, "城关镇");
  tx_test_answer_message_dialog (form, "rename");
  renamed = find (fixture, "城关镇");
  g_assert_nonnull (renamed);
  g_assert_cmpstr (tx_township_get_uuid (renamed), ==, tx_township_get_uuid (chengguan));

  /* merged into 金山街道, which takes the name 城关镇: the body says what moves */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "townships.merge", "s", tx_township_get_uuid (chengguan));
  form = tx_test_find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (form), "年度计划 1 个"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (form), "“城关镇”并入“金山街道”"));
  {
    GtkWidget *box = adw_message_dialog_get_extra_child (form);
    GtkWidget *keep_into = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
    GtkWidget *keep_from = gtk_widget_get_next_sibling (keep_into);

    g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (keep_into)), ==, "保留名称“金山街道”");
    gtk_check_button_set_active (GTK_CHECK_BUTTON (keep_from), TRUE);
  }
  tx_test_answer_message_dialog (form, "merge");

  townships = tx_store_list_townships (fixture->store, NULL);
  g_assert_cmpuint (townships->len, ==, 1);
  g_assert_cmpstr (tx_township_get_name (g_ptr_array_index (townships, 0)), ==, "城关镇");
  g_assert_cmpstr (tx_township_get_uuid (g_ptr_array_index (townships, 0)), ==, tx_township_get_uuid (jinshan));
  g_assert_cmpint (tx_store_get_plan (fixture->store, tx_township_get_uuid (jinshan), 2026), ==, 6);

  /* another year: no plan until one is set; 0 typed and Enter is a plan */
  tx_townships_dialog_set_year (dialog, 2027);
  spin = tx_townships_dialog_get_plan_spin (dialog, tx_township_get_uuid (jinshan));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (spin), "0");
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activate");
  g_assert_cmpint (tx_store_get_plan (fixture->store, tx_township_get_uuid (jinshan), 2027), ==, 0);
  g_assert_cmpint (tx_store_get_plan (fixture->store, tx_township_get_uuid (jinshan), 2026), ==, 6);

  tx_test_save_screenshot (dialog, "townships-and-plans");
}

static char *
township_names (TxStore *store)
{
  g_autoptr(GPtrArray) townships = tx_store_list_townships (store, NULL);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < townships->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? " " : "", tx_township_get_name (g_ptr_array_index (townships, i)));

  return g_string_free (names, FALSE);
}

/* The office's own order: a township moved up in Townships and Plans is
 * listed there everywhere, and the setting says so. */
static void
test_township_order (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *names[] = { "仙桥乡", "金山街道", "凤山镇" };
  g_autoptr(TxTownship) xianqiao = NULL;
  g_autofree char *listed = NULL;
  TxTownshipsDialog *dialog;
  GtkWidget *first_row;

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_unref (tx_store_add_township (fixture->store, names[i], TX_TOWNSHIP_KIND_TOWN, NULL));
  listed = township_names (fixture->store);
  g_assert_cmpstr (listed, ==, "凤山镇 金山街道 仙桥乡");   /* by pinyin */
  g_clear_pointer (&listed, g_free);

  dialog = tx_townships_dialog_new (fixture->window, fixture->store, fixture->day);
  gtk_window_present (GTK_WINDOW (dialog));
  xianqiao = tx_store_find_township (fixture->store, "仙桥乡", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "townships.move", "(si)",
                                             tx_township_get_uuid (xianqiao), -2));

  listed = township_names (fixture->store);
  g_assert_cmpstr (listed, ==, "仙桥乡 凤山镇 金山街道");
  g_assert_cmpint (tx_settings_get_township_order (tx_store_get_settings (fixture->store)), ==,
                   TX_TOWNSHIP_ORDER_CUSTOM);
  first_row = gtk_widget_get_first_child (tx_test_get_template_child (dialog, "townships_list"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_row)), ==, "仙桥乡");
}

/* F1: the guide, in Chinese, offline, naming the thresholds of the
 * database open. */
static void
test_guide (Fixture       *fixture,
            gconstpointer  data)
{
  TxGuideWindow *guide;
  const char *text;

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  g_assert_true (tx_settings_set_text (tx_store_get_settings (fixture->store), "stage-red-days", "10", NULL));
  guide = tx_guide_window_new (fixture->window, fixture->store);
  gtk_window_present (GTK_WINDOW (guide));
  text = tx_guide_window_get_text (guide);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (guide)), ==, "使用指南");
  g_assert_true (g_str_has_prefix (text, "同心使用指南"));
  for (guint i = 0; i < 6; i++)
    {
      static const char * const sections[] = { "一、开始使用", "二、协商的六个环节", "三、红黄绿三色如何判定",
                                                "四、印发季度通报", "五、与市政协交换数据", "六、数据安全" };

      g_assert_nonnull (strstr (text, sections[i]));
    }
  g_assert_nonnull (strstr (text, "逾期超过 10 天：红色"));
  g_assert_nonnull (strstr (text, "报送后 30 天"));
  g_assert_null (strchr (text, '@'));
  tx_test_save_screenshot (guide, "user-guide");
}

/* The circular in Chinese: a draft freezes nothing; issuing asks, with
 * the days left in the quarter, and then freezes the quarter with its
 * 发文字号 in the document. */
static void
test_circular_issue (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *draft_path = NULL;
  g_autofree char *issued_path = NULL;
  g_autoptr(GFile) draft = NULL;
  g_autoptr(GFile) issued = NULL;
  g_autoptr(TxLedger) frozen = NULL;
  TxImportReport report = { 0 };
  TxCircularDialog *dialog;
  AdwMessageDialog *question;

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  g_assert_true (tx_exchange_load_demo (fixture->store, tx_date_from_iso (TODAY), &report, &error));
  g_assert_true (tx_settings_set_text (tx_store_get_settings (fixture->store), "organization",
                                       "政协福泉市委员会", NULL));
  dialog = tx_circular_dialog_new (fixture->window, fixture->store, 2026, 4, fixture->day);
  gtk_window_present (GTK_WINDOW (dialog));

  draft_path = g_build_filename (fixture->dir, "草稿.odt", NULL);
  draft = g_file_new_for_path (draft_path);
  g_assert_true (tx_circular_dialog_export_to_file (dialog, draft, &error));
  g_assert_no_error (error);
  g_assert_false (tx_ledger_is_issued (fixture->store, 2026, 4));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "circular.issue", NULL);
  question = tx_test_find_message_dialog ();
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "印发2026年第4季度通报？");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "还有 29 天"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (question)), "福泉政协〔2026〕12号");
  tx_test_save_screenshot (question, "circular-issue");
  tx_test_answer_message_dialog (question, "cancel");
  g_assert_false (tx_ledger_is_issued (fixture->store, 2026, 4));

  issued_path = g_build_filename (fixture->dir, "通报.odt", NULL);
  issued = g_file_new_for_path (issued_path);
  g_assert_true (tx_circular_dialog_issue_to_file (dialog, issued, "福泉政协〔2026〕12号", &error));
  g_assert_no_error (error);
  frozen = tx_ledger_load_frozen (fixture->store, 2026, 4, NULL, &error);
  g_assert_nonnull (frozen);
  g_assert_cmpstr (frozen->issued_on, ==, TODAY);
  g_assert_cmpstr (frozen->number, ==, "福泉政协〔2026〕12号");
  tx_test_save_screenshot (dialog, "circular-issued");
}

static gboolean
is_deleted (TxStore    *store,
            const char *uuid)
{
  g_autoptr(GPtrArray) items = tx_trash_list (store, NULL);

  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((TxTrashItem *) g_ptr_array_index (items, i))->uuid, uuid) == 0)
      return TRUE;

  return FALSE;
}

/* What the Delete key does on the list: the shortcut of the list's own
 * controller, found by its key. */
static void
press_delete_on_list (GtkWidget *list)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list);
  gboolean pressed = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !pressed; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !pressed; k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (trigger, "Delete") == 0)
            pressed = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, list, NULL);
        }
    }

  g_assert_true (pressed);
}

static gboolean
editor_shows (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (tx_editor_get_uuid (args[0]), args[1]) == 0;
}

/* A window at 1366×768 on the Consultations page, with the
 * consultation @uuid in its editor. */
static TxEditor *
show_consultation (Fixture     *fixture,
                   const char  *uuid,
                   TxWindow   **window,
                   GtkWidget  **page)
{
  TxEditor *editor;
  gpointer args[2];

  *window = tx_window_new (NULL, fixture->store, fixture->day);
  gtk_window_set_default_size (GTK_WINDOW (*window), 1366, 768);
  gtk_window_present (GTK_WINDOW (*window));
  gtk_widget_activate_action (GTK_WIDGET (*window), "win.show-page", "s", "consultations");
  *page = tx_test_get_widget (*window, TX_TYPE_CONSULTATIONS_PAGE);
  editor = tx_test_get_widget (*window, TX_TYPE_CONSULTATION_EDITOR);
  tx_list_page_select (TX_LIST_PAGE (*page), uuid);
  args[0] = editor;
  args[1] = (gpointer) uuid;
  tx_test_wait_until (editor_shows, args, "the consultation in its editor");

  return editor;
}


/* A mistaken consultation is deleted from its editor or with the Delete
 * key, and comes back by Undo (Ctrl+Z, after the toast) or from
 * Recently Deleted; the database says each time. */
static void
test_delete_and_restore (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxTownship) township = NULL;
  g_autoptr(TxConsultation) consultation = tx_consultation_new ();
  TxWindow *window;
  GtkWidget *page;
  TxEditor *editor;
  TxTrashDialog *trash;
  GtkWidget *row;
  const char *uuid;
  gpointer args[2];

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  township = tx_store_add_township (fixture->store, "金山街道", TX_TOWNSHIP_KIND_SUBDISTRICT, &error);
  g_assert_no_error (error);
  tx_consultation_set_title (consultation, "误建的协商");
  tx_consultation_set_township (consultation, tx_township_get_uuid (township));
  tx_consultation_set_times (consultation, "2026-12-10T09:00:00+08:00", "2026-12-10T11:30:00+08:00");
  g_assert_true (tx_store_save_consultation (fixture->store, consultation, &error));
  uuid = tx_consultation_get_uuid (consultation);

  editor = show_consultation (fixture, uuid, &window, &page);

  /* the editor's Delete: gone from the list, kept in Recently Deleted */
  g_assert_true (gtk_widget_get_visible (tx_test_get_template_child (editor, "delete_group")));
  g_assert_cmpstr (gtk_button_get_label (tx_test_get_widget (tx_test_get_template_child (editor, "delete_group"),
                                                             GTK_TYPE_BUTTON)), ==, "删除协商活动");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
  g_assert_true (is_deleted (fixture->store, uuid));
  g_assert_null (tx_store_load_consultation (fixture->store, uuid, NULL));

  /* Ctrl+Z: back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_false (is_deleted (fixture->store, uuid));
  tx_test_settle ();

  /* the Delete key on the list, then Recently Deleted */
  tx_list_page_select (TX_LIST_PAGE (page), uuid);
  args[0] = editor;
  args[1] = (gpointer) uuid;
  tx_test_wait_until (editor_shows, args, "the consultation in its editor again");
  press_delete_on_list (tx_test_get_template_child (page, "records_view"));
  g_assert_true (is_deleted (fixture->store, uuid));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.trash", NULL);
  trash = tx_test_get_widget_of_type (TX_TYPE_TRASH_DIALOG);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (tx_test_get_template_child (trash, "stack")), ==, "list");
  row = gtk_widget_get_first_child (tx_test_get_template_child (trash, "list"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "误建的协商");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "协商活动 · 金山街道 · 删除于"));
  tx_test_save_screenshot (trash, "recently-deleted");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trash), "trash.restore", "(ss)", "consultation", uuid));
  g_assert_false (is_deleted (fixture->store, uuid));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (tx_test_get_template_child (trash, "stack")), ==, "empty");

  /* nothing left to undo: said, not done */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL) ||
                 !g_action_get_enabled (g_action_map_lookup_action (G_ACTION_MAP (window), "undo")));
}

static void
find_stage_rows (GtkWidget  *widget,
                 TxStageRow *rows[TX_N_STAGES])
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (TX_IS_STAGE_ROW (child))
        rows[tx_stage_row_get_stage (TX_STAGE_ROW (child))] = TX_STAGE_ROW (child);
      else
        find_stage_rows (child, rows);
    }
}

/* Chooses @day in the calendar of @row's "done on another day" and
 * confirms it, if the button lets the clerk. */
static gboolean
mark_done_on (TxStageRow *row,
              int         year,
              int         month,
              int         day)
{
  GtkWidget *confirm = tx_test_get_template_child (row, "done_day_confirm");

  tx_test_choose_day (tx_test_get_template_child (row, "done_calendar"), year, month, day);
  if (!gtk_widget_get_sensitive (confirm))
    return FALSE;

  g_signal_emit_by_name (confirm, "clicked");
  return TRUE;
}

static char *
stage_done (TxStore    *store,
            const char *uuid,
            TxStage     stage)
{
  g_autoptr(TxConsultation) consultation = tx_store_load_consultation (store, uuid, NULL);

  return g_strdup (tx_consultation_get_stage_done (consultation, stage));
}

/* A stage is marked done on the day it was, chosen in a calendar, never
 * after today; the meeting marked held before the day it was set for
 * is asked about first. */
static void
test_stage_done_on_a_day (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxTownship) township = NULL;
  g_autoptr(TxConsultation) consultation = tx_consultation_new ();
  TxStageRow *rows[TX_N_STAGES] = { NULL, };
  AdwMessageDialog *question;
  TxWindow *window;
  GtkWidget *page;
  TxEditor *editor;
  const char *uuid;
  char *done;

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  township = tx_store_add_township (fixture->store, "金山街道", TX_TOWNSHIP_KIND_SUBDISTRICT, &error);
  tx_consultation_set_title (consultation, "老旧小区改造协商");
  tx_consultation_set_township (consultation, tx_township_get_uuid (township));
  tx_consultation_set_times (consultation, "2026-12-10T09:00:00+08:00", "2026-12-10T11:30:00+08:00");
  g_assert_true (tx_store_save_consultation (fixture->store, consultation, &error));
  uuid = tx_consultation_get_uuid (consultation);

  editor = show_consultation (fixture, uuid, &window, &page);
  find_stage_rows (GTK_WIDGET (editor), rows);
  g_assert_nonnull (rows[TX_STAGE_SELECTION]);

  /* after today: refused, with the reason */
  g_assert_false (mark_done_on (rows[TX_STAGE_SELECTION], 2026, 12, 5));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (tx_test_get_template_child (rows[TX_STAGE_SELECTION], "done_day_confirm")),
                   ==, "阶段完成日期不能晚于今天");

  /* on past days */
  g_assert_true (mark_done_on (rows[TX_STAGE_SELECTION], 2026, 11, 20));
  done = stage_done (fixture->store, uuid, TX_STAGE_SELECTION);
  g_assert_cmpstr (done, ==, "2026-11-20");
  g_free (done);
  tx_test_settle ();
  g_assert_true (mark_done_on (rows[TX_STAGE_RESEARCH], 2026, 11, 25));
  tx_test_settle ();

  /* the meeting, set for 12-10, marked held on 12-01: asked first */
  g_assert_true (mark_done_on (rows[TX_STAGE_MEETING], 2026, 12, 1));
  question = tx_test_find_message_dialog ();
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "会议尚未到期就已召开？");
  done = stage_done (fixture->store, uuid, TX_STAGE_MEETING);
  g_assert_null (done);
  tx_test_answer_message_dialog (question, "done");
  done = stage_done (fixture->store, uuid, TX_STAGE_MEETING);
  g_assert_cmpstr (done, ==, "2026-12-01");
  g_free (done);
}

static gboolean
editor_is_new (gpointer data)
{
  return tx_editor_is_new (data) && tx_editor_is_shown (data);
}

/* 添加建言 of a consultation: a new recommendation on the Outcomes page,
 * already of that consultation, saved with it. */
static void
test_add_outcome_from_consultation (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxTownship) township = NULL;
  g_autoptr(TxConsultation) consultation = tx_consultation_new ();
  g_autoptr(GPtrArray) outcomes = NULL;
  TxWindow *window;
  GtkWidget *page;
  TxEditor *editor;
  TxEditor *outcome_editor;
  GtkWidget *details;
  const char *uuid;

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  township = tx_store_add_township (fixture->store, "金山街道", TX_TOWNSHIP_KIND_SUBDISTRICT, &error);
  tx_consultation_set_title (consultation, "老旧小区改造协商");
  tx_consultation_set_township (consultation, tx_township_get_uuid (township));
  g_assert_true (tx_store_save_consultation (fixture->store, consultation, &error));
  uuid = tx_consultation_get_uuid (consultation);

  editor = show_consultation (fixture, uuid, &window, &page);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "consultation.add-outcome", NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (tx_test_get_template_child (window, "view_stack")), ==,
                   "outcomes");
  outcome_editor = tx_test_get_widget (window, TX_TYPE_OUTCOME_EDITOR);
  tx_test_wait_until (editor_is_new, outcome_editor, "a new recommendation");
  details = tx_test_get_widget (outcome_editor, TX_TYPE_OUTCOME_DETAILS_SECTION);
  g_assert_cmpstr (tx_outcome_details_section_get_consultation_uuid (TX_OUTCOME_DETAILS_SECTION (details)), ==, uuid);

  gtk_editable_set_text (tx_test_get_template_child (details, "title_row"), "关于加装电梯的建议");
  g_assert_true (tx_editor_save (outcome_editor, &error));
  g_assert_no_error (error);

  outcomes = tx_store_list_outcomes (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcomes->len, ==, 1);
  g_assert_cmpstr (tx_outcome_get_consultation_uuid (g_ptr_array_index (outcomes, 0)), ==, uuid);
  g_assert_cmpstr (tx_outcome_get_title (g_ptr_array_index (outcomes, 0)), ==, "关于加装电梯的建议");
}

/* Several people at once: the experts of the township, by their
 * category, with one button; those invited already are not invited
 * twice. */
static void
test_invite_category (Fixture       *fixture,
                      gconstpointer  data)
{
  struct { const char *name; TxCategory category; } people[] = {
    { "王建国", TX_CATEGORY_EXPERT }, { "李秀英", TX_CATEGORY_EXPERT },
    { "张德明", TX_CATEGORY_EXPERT }, { "刘桂兰", TX_CATEGORY_RESIDENT },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TxTownship) township = NULL;
  g_autoptr(TxConsultation) consultation = tx_consultation_new ();
  g_autoptr(TxConsultation) saved = NULL;
  TxParticipantPicker *picker;
  TxWindow *window;
  GtkWidget *page, *button;
  TxEditor *editor;
  const char *uuid;

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  township = tx_store_add_township (fixture->store, "金山街道", TX_TOWNSHIP_KIND_SUBDISTRICT, &error);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(TxPerson) person = tx_person_new_with_fields (NULL, people[i].name, TX_GENDER_UNKNOWN, "",
                                                              tx_township_get_uuid (township), "", "", "", "", "");

      tx_person_add_category (person, people[i].category);
      g_assert_true (tx_roster_edit_person (fixture->store, person, &error));
    }
  tx_consultation_set_title (consultation, "老旧小区改造协商");
  tx_consultation_set_township (consultation, tx_township_get_uuid (township));
  g_assert_true (tx_store_save_consultation (fixture->store, consultation, &error));
  uuid = tx_consultation_get_uuid (consultation);

  editor = show_consultation (fixture, uuid, &window, &page);

  picker = tx_test_get_widget (editor, TX_TYPE_PARTICIPANT_PICKER);
  button = tx_test_get_template_child (picker, "invite_all_button");
  /* one of the experts is invited already */
  {
    g_autoptr(GPtrArray) found = NULL;
    TxPersonFilter filter = { 0 };

    filter.search = (char *) "王建国";
    found = tx_roster_query (fixture->store, &filter, &error);
    g_assert_true (tx_store_set_participant (fixture->store, uuid, tx_person_get_uuid (g_ptr_array_index (found, 0)),
                                             TX_ROLE_EXPERT, &error));
  }
  tx_test_settle ();

  gtk_drop_down_set_selected (tx_test_get_template_child (picker, "category_drop_down"), 1 + TX_CATEGORY_EXPERT);
  tx_test_settle ();
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "邀请列表中的 3 人");
  g_signal_emit_by_name (button, "clicked");
  tx_test_settle ();

  saved = tx_store_load_consultation (fixture->store, uuid, &error);
  g_assert_cmpuint (tx_consultation_get_participants (saved)->len, ==, 3);
}

static gboolean
roster_lists (gpointer data)
{
  gpointer *args = data;
  GtkColumnView *view = args[0];

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))) == GPOINTER_TO_UINT (args[1]);
}

/* The check box of @label among the categories of a person editor. */
static GtkCheckButton *
find_category_check (GtkWidget  *widget,
                     const char *label)
{
  if (ADW_IS_ACTION_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), label) == 0
      && GTK_IS_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (widget))))
    return GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_category_check (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* From an empty database, in Chinese: the roster says it is empty and
 * offers 添加人员; the clerk adds one person with a township and a
 * category, and the database holds them as typed. */
static void
test_add_person (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxTownship) township = NULL;
  g_autoptr(GPtrArray) people = NULL;
  GtkWidget *page, *editor;
  GtkStringList *townships;
  TxPerson *person;
  TxWindow *window;
  guint position = GTK_INVALID_LIST_POSITION;

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  township = tx_store_add_township (fixture->store, "金山街道", TX_TOWNSHIP_KIND_SUBDISTRICT, &error);
  window = tx_window_new (NULL, fixture->store, fixture->day);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "roster");
  page = tx_test_get_widget (window, TX_TYPE_ROSTER_PAGE);
  tx_test_settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (tx_test_get_template_child (page, "content_stack")), ==, "empty");

  g_assert_true (gtk_widget_activate_action (page, "roster.new", NULL));
  editor = tx_test_get_widget_of_type (TX_TYPE_PERSON_EDITOR);
  gtk_editable_set_text (tx_test_get_template_child (editor, "name_row"), "欧阳秀兰");
  townships = tx_test_get_template_child (editor, "township_names");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (townships)); i++)
    if (g_str_equal (gtk_string_list_get_string (townships, i), "金山街道"))
      position = i;
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (tx_test_get_template_child (editor, "township_row"), position);
  gtk_check_button_set_active (find_category_check (editor, "政协委员"), TRUE);
  gtk_editable_set_text (tx_test_get_template_child (editor, "organization_row"), "金山街道社区卫生服务中心");
  gtk_editable_set_text (tx_test_get_template_child (editor, "phone_row"), "13985012345");
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  tx_test_settle ();

  people = tx_roster_query (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 1);
  person = g_ptr_array_index (people, 0);
  g_assert_cmpstr (tx_person_get_name (person), ==, "欧阳秀兰");
  g_assert_cmpstr (tx_person_get_township_name (person), ==, "金山街道");
  g_assert_cmpstr (tx_person_get_organization (person), ==, "金山街道社区卫生服务中心");
  g_assert_cmpstr (tx_person_get_phone (person), ==, "13985012345");
  g_assert_true (tx_person_has_category (person, TX_CATEGORY_CPPCC_MEMBER));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (tx_test_get_template_child (page, "content_stack")), ==, "list");
}

/* A person chosen in the roster and the Delete key: off the roster at
 * once, in Recently Deleted, and back with Ctrl+Z. */
static void
test_delete_person (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *names[] = { "王建国", "李秀英" };
  g_autoptr(GError) error = NULL;
  g_autoptr(TxTownship) township = NULL;
  g_autofree char *uuid = NULL;
  GtkColumnView *view;
  GtkSingleSelection *selection;
  TxPerson *chosen;
  TxWindow *window;
  gpointer args[2];

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  township = tx_store_add_township (fixture->store, "金山街道", TX_TOWNSHIP_KIND_SUBDISTRICT, &error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(TxPerson) person = tx_person_new_with_fields (NULL, names[i], TX_GENDER_UNKNOWN, "",
                                                              tx_township_get_uuid (township), "", "", "", "", "");

      g_assert_true (tx_roster_edit_person (fixture->store, person, &error));
    }

  window = tx_window_new (NULL, fixture->store, fixture->day);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "roster");
  view = tx_test_get_widget (tx_test_get_widget (window, TX_TYPE_ROSTER_PAGE), GTK_TYPE_COLUMN_VIEW);
  args[0] = view;
  args[1] = GUINT_TO_POINTER (2);
  tx_test_wait_until (roster_lists, args, "both people");

  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));
  gtk_single_selection_set_selected (selection, 0);
  chosen = gtk_single_selection_get_selected_item (selection);
  uuid = g_strdup (tx_person_get_uuid (chosen));
  press_delete_on_list (GTK_WIDGET (view));

  g_assert_true (is_deleted (fixture->store, uuid));
  args[1] = GUINT_TO_POINTER (1);
  tx_test_wait_until (roster_lists, args, "one person left");

  /* Ctrl+Z: back on the roster */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_false (is_deleted (fixture->store, uuid));
  args[1] = GUINT_TO_POINTER (2);
  tx_test_wait_until (roster_lists, args, "both people again");
}

/* The due-date field of @stage in @editor. */
static GtkEditable *
get_due_entry (TxEditor *editor,
               TxStage   stage)
{
  TxStageRow *rows[TX_N_STAGES] = { NULL, };

  find_stage_rows (GTK_WIDGET (editor), rows);
  g_assert_nonnull (rows[stage]);
  return GTK_EDITABLE (tx_stage_row_get_due_entry (rows[stage]));
}

/* From an empty database, in Chinese: a new consultation whose dates
 * are typed the ways clerks type them (2026/11/20, 2026.11.30,
 * 2026年12月10日, 20261215, 2027-1-5) and one chosen in the calendar
 * beside its field; saved, each is the day meant. */
static void
test_new_consultation_dates (Fixture       *fixture,
                             gconstpointer  data)
{
  static const struct {
    TxStage     stage;
    const char *typed;
    const char *kept;
  } dues[] = {
    { TX_STAGE_SELECTION, "2026/11/20", "2026-11-20" },
    { TX_STAGE_RESEARCH, "2026.11.30", "2026-11-30" },
    { TX_STAGE_MEETING, "2026年12月10日", "2026-12-10" },
    { TX_STAGE_SUBMISSION, "20261215", "2026-12-15" },
    { TX_STAGE_FEEDBACK, "2027-1-5", "2027-01-05" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TxTownship) township = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  TxConsultation *consultation;
  TxWindow *window;
  GtkWidget *page, *details, *popover;
  GtkStringList *townships;
  GtkMenuButton *button;
  GtkEditable *supervision;
  TxEditor *editor;
  guint position = GTK_INVALID_LIST_POSITION;

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  township = tx_store_add_township (fixture->store, "金山街道", TX_TOWNSHIP_KIND_SUBDISTRICT, &error);
  g_assert_no_error (error);

  window = tx_window_new (NULL, fixture->store, fixture->day);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "consultations");
  page = tx_test_get_widget (window, TX_TYPE_CONSULTATIONS_PAGE);
  editor = tx_test_get_widget (window, TX_TYPE_CONSULTATION_EDITOR);
  g_assert_true (gtk_widget_activate_action (page, "consultations.new", NULL));
  tx_test_wait_until (editor_is_new, editor, "a new consultation");

  details = tx_test_get_widget (editor, TX_TYPE_CONSULTATION_DETAILS_SECTION);
  gtk_editable_set_text (tx_test_get_template_child (details, "title_row"), "老旧小区加装电梯协商");
  townships = tx_test_get_template_child (details, "township_names");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (townships)); i++)
    if (g_str_equal (gtk_string_list_get_string (townships, i), "金山街道"))
      position = i;
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (tx_test_get_template_child (details, "township_row"), position);

  for (guint i = 0; i < G_N_ELEMENTS (dues); i++)
    gtk_editable_set_text (get_due_entry (editor, dues[i].stage), dues[i].typed);

  /* 监督: the calendar beside the field, a day chosen there */
  supervision = get_due_entry (editor, TX_STAGE_SUPERVISION);
  button = tx_test_get_widget (gtk_widget_get_parent (GTK_WIDGET (supervision)), GTK_TYPE_MENU_BUTTON);
  gtk_menu_button_popup (button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_visible (popover));
  tx_test_choose_day (tx_test_get_widget (popover, GTK_TYPE_CALENDAR), 2027, 3, 31);
  g_assert_cmpstr (gtk_editable_get_text (supervision), ==, "2027-03-31");
  g_assert_false (gtk_widget_get_visible (popover));

  g_assert_true (tx_editor_can_save (editor));
  g_assert_true (tx_editor_save (editor, &error));
  g_assert_no_error (error);

  /* the database holds each day as meant */
  saved = tx_store_list_consultations (fixture->store, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 1);
  consultation = g_ptr_array_index (saved, 0);
  g_assert_cmpstr (tx_consultation_get_title (consultation), ==, "老旧小区加装电梯协商");
  g_assert_cmpstr (tx_consultation_get_township_name (consultation), ==, "金山街道");
  for (guint i = 0; i < G_N_ELEMENTS (dues); i++)
    g_assert_cmpstr (tx_consultation_get_stage_due (consultation, dues[i].stage), ==, dues[i].kept);
  g_assert_cmpstr (tx_consultation_get_stage_due (consultation, TX_STAGE_SUPERVISION), ==, "2027-03-31");
}

/* Where @native's surface lies on the X screen, as the clerk sees it. */
static void
get_screen_rect (GtkNative    *native,
                 GdkRectangle *rect)
{
  GdkSurface *surface = gtk_native_get_surface (native);
  GdkDisplay *display = gdk_surface_get_display (surface);
  Display *xdisplay = gdk_x11_display_get_xdisplay (display);
  Window child;
  int x = 0, y = 0;

  XTranslateCoordinates (xdisplay, gdk_x11_surface_get_xid (surface), DefaultRootWindow (xdisplay),
                         0, 0, &x, &y, &child);
  rect->x = x;
  rect->y = y;
  rect->width = gdk_surface_get_width (surface);
  rect->height = gdk_surface_get_height (surface);
}

static gboolean
has_size (gpointer data)
{
  return gtk_widget_get_height (data) > 0;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* The roster picker on a 1366×768 screen, with a roster longer than it
 * shows: wherever the form was scrolled, what is seen of it lies whole
 * on the screen. */
static void
test_picker_fits (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxTownship) township = NULL;
  g_autoptr(TxConsultation) consultation = tx_consultation_new ();
  GtkWidget *page, *section, *popover, *scroller;
  GtkMenuButton *button;
  GdkRectangle screen = { 0, 0, 1366, 768 };
  TxWindow *window;
  TxEditor *editor;

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  township = tx_store_add_township (fixture->store, "金山街道", TX_TOWNSHIP_KIND_SUBDISTRICT, &error);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("居民%02u", i);
      g_autoptr(TxPerson) person = tx_person_new_with_fields (NULL, name, TX_GENDER_UNKNOWN, "",
                                                              tx_township_get_uuid (township), "", "", "", "", "");

      tx_person_add_category (person, TX_CATEGORY_RESIDENT);
      g_assert_true (tx_roster_edit_person (fixture->store, person, &error));
    }
  tx_consultation_set_title (consultation, "老旧小区改造协商");
  tx_consultation_set_township (consultation, tx_township_get_uuid (township));
  g_assert_true (tx_store_save_consultation (fixture->store, consultation, &error));
  editor = show_consultation (fixture, tx_consultation_get_uuid (consultation), &window, &page);

  section = tx_test_get_widget (editor, TX_TYPE_CONSULTATION_PARTICIPANTS_SECTION);
  button = tx_test_get_template_child (section, "add_participant_button");
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_SCROLLED_WINDOW);

  for (guint i = 0; i < 2; i++)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      graphene_point_t point;
      GdkRectangle rect;

      /* the form scrolled with the button near the top, then near the
       * bottom of the window (opening the picker focuses the button, and
       * the form scrolls it into sight as it likes) */
      tx_test_wait_until (has_size, button, "the form to be laid out");
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (button), scroller, &GRAPHENE_POINT_INIT (0, 0), &point));
      point.y += gtk_adjustment_get_value (adjustment);
      gtk_adjustment_set_value (adjustment,
                                i == 0 ? point.y - 40 : point.y - gtk_widget_get_height (scroller) + 60);
      tx_test_settle ();
      tx_test_wait_until (has_size, button, "the form to be laid out");
      gtk_menu_button_popup (button);
      tx_test_wait_until (is_mapped, popover, "the roster picker");
      tx_test_settle ();
      tx_test_save_screenshot (window, i == 0 ? "picker-high" : "picker-low");

      /* what is seen of it: the picker, within the popover's shadow */
      {
        GdkRectangle surface;
        graphene_rect_t seen;
        double dx, dy;

        get_screen_rect (GTK_NATIVE (popover), &surface);
        gtk_native_get_surface_transform (GTK_NATIVE (popover), &dx, &dy);
        g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (tx_test_get_widget (popover, TX_TYPE_PARTICIPANT_PICKER)),
                                                  popover, &seen));
        rect.x = surface.x + (int) (dx + seen.origin.x);
        rect.y = surface.y + (int) (dy + seen.origin.y);
        rect.width = (int) seen.size.width;
        rect.height = (int) seen.size.height;
      }
      {
        graphene_point_t at;

        g_assert_true (gtk_widget_compute_point (GTK_WIDGET (button), GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &at));
        g_test_message ("button at %.0f,%.0f; picker at %d,%d, %d×%d", at.x, at.y,
                        rect.x, rect.y, rect.width, rect.height);
      }
      g_assert_cmpint (rect.y, >=, screen.y);
      g_assert_cmpint (rect.y + rect.height, <=, screen.y + screen.height);
      g_assert_cmpint (rect.x, >=, screen.x);
      g_assert_cmpint (rect.x + rect.width, <=, screen.x + screen.width);
      gtk_menu_button_popdown (button);
      tx_test_settle ();
    }
}

/* What the desktop opens files and folders with, here: a script that
 * writes down each URI it is given (opened_log). */
static char *opener_dir;
static char *opened_log;

static void
set_up_opener (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *script_text = NULL;
  g_autofree char *applications = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *desktop_text = NULL;
  g_autofree char *config = NULL;
  g_autofree char *mimeapps = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *cache_home = NULL;

  opener_dir = g_dir_make_tmp ("tongxin-test-opener-XXXXXX", &error);
  g_assert_no_error (error);
  opened_log = g_build_filename (opener_dir, "opened.log", NULL);
  script = g_build_filename (opener_dir, "opener.sh", NULL);
  script_text = g_strdup_printf ("#!/bin/sh\necho \"$1\" >> '%s'\n", opened_log);
  g_assert_true (g_file_set_contents (script, script_text, -1, &error));
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);

  applications = g_build_filename (opener_dir, "data", "applications", NULL);
  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  desktop = g_build_filename (applications, "tx-test-opener.desktop", NULL);
  desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Opener\nExec=%s %%u\n"
                                  "MimeType=application/vnd.oasis.opendocument.text;inode/directory;image/png;\n",
                                  script);
  g_assert_true (g_file_set_contents (desktop, desktop_text, -1, &error));

  config = g_build_filename (opener_dir, "config", NULL);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  mimeapps = g_build_filename (config, "mimeapps.list", NULL);
  g_assert_true (g_file_set_contents (mimeapps,
                                      "[Default Applications]\n"
                                      "application/vnd.oasis.opendocument.text=tx-test-opener.desktop\n"
                                      "inode/directory=tx-test-opener.desktop\n"
                                      "image/png=tx-test-opener.desktop\n", -1, &error));

  data_home = g_build_filename (opener_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  /* the copies of attachments opened go here, not to the home's cache */
  cache_home = g_build_filename (opener_dir, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
}

/* Whether the opener was given @data, a whole line of its log. */
static gboolean
was_opened (gpointer data)
{
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (opened_log, &log, NULL, NULL))
    return FALSE;
  lines = g_strsplit (log, "\n", -1);
  return g_strv_contains ((const char * const *) lines, data);
}

/* The label under @widget whose words contain @text, or NULL. */
static GtkWidget *
find_label_saying (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_saying (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The button whose words contain @text, or NULL. */
static GtkWidget *
find_button_saying (GtkWidget  *widget,
                    const char *text)
{
  GtkWidget *label = find_label_saying (widget, text);

  return label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON) : NULL;
}

static gboolean
toast_gone (gpointer window)
{
  return find_label_saying (window, "打开所在文件夹") == NULL;
}

/* The minutes exported: the toast says where, 打开 opens the file in
 * the desktop's program for it, 打开所在文件夹 its folder. */
static void
test_export_toast (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxTownship) township = NULL;
  g_autoptr(TxConsultation) consultation = tx_consultation_new ();
  g_autofree char *chosen_path = NULL;
  g_autofree char *odt_path = NULL;
  g_autoptr(GFile) chosen = NULL;
  GtkWidget *page, *section, *open, *open_folder;
  TxWindow *window;
  TxEditor *editor;

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  township = tx_store_add_township (fixture->store, "金山街道", TX_TOWNSHIP_KIND_SUBDISTRICT, &error);
  tx_consultation_set_title (consultation, "老旧小区改造协商");
  tx_consultation_set_township (consultation, tx_township_get_uuid (township));
  g_assert_true (tx_store_save_consultation (fixture->store, consultation, &error));
  editor = show_consultation (fixture, tx_consultation_get_uuid (consultation), &window, &page);

  /* the clerk typed a name without .odt */
  chosen_path = g_build_filename (fixture->dir, "老旧小区改造协商会议纪要", NULL);
  chosen = g_file_new_for_path (chosen_path);
  section = tx_test_get_widget (editor, TX_TYPE_CONSULTATION_DOCUMENTS_SECTION);
  tx_consultation_documents_section_write_minutes_to (TX_CONSULTATION_DOCUMENTS_SECTION (section), chosen);
  odt_path = g_strconcat (chosen_path, ".odt", NULL);
  g_assert_true (g_file_test (odt_path, G_FILE_TEST_IS_REGULAR));
  tx_test_settle ();

  tx_test_save_screenshot (window, "export-toast");

  /* the toast says where the file went */
  g_assert_nonnull (find_label_saying (GTK_WIDGET (window), "老旧小区改造协商会议纪要.odt"));
  open = find_button_saying (GTK_WIDGET (window), "打开(O)");
  open_folder = find_button_saying (GTK_WIDGET (window), "打开所在文件夹");
  g_assert_nonnull (open);
  g_assert_nonnull (open_folder);

  /* the opener is given a local file's path */
  tx_test_wait_toast_shown ();
  g_signal_emit_by_name (open, "clicked");
  tx_test_wait_until (was_opened, odt_path, "the minutes to be opened");

  /* that click dismissed the toast, and its buttons go with it: the
   * folder from the toast of the next export */
  tx_test_wait_until (toast_gone, window, "the toast to go");
  tx_consultation_documents_section_write_minutes_to (TX_CONSULTATION_DOCUMENTS_SECTION (section), chosen);
  tx_test_settle ();
  open_folder = find_button_saying (GTK_WIDGET (window), "打开所在文件夹");
  g_assert_nonnull (open_folder);
  tx_test_wait_toast_shown ();
  g_signal_emit_by_name (open_folder, "clicked");
  tx_test_wait_until (was_opened, fixture->dir, "their folder to be opened");
}

/* 导出档案: the dossier of the consultation as saved, where the clerk
 * chose (.pdf added), said in a toast; a new consultation has none
 * until it is saved, and its button says so. */
static void
test_export_dossier (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxTownship) township = NULL;
  g_autoptr(TxConsultation) consultation = tx_consultation_new ();
  g_autofree char *chosen_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *cover = NULL;
  g_autoptr(GFile) chosen = NULL;
  GtkWidget *page, *section, *button;
  TxWindow *window;
  TxEditor *editor;

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  township = tx_store_add_township (fixture->store, "金山街道", TX_TOWNSHIP_KIND_SUBDISTRICT, &error);
  tx_consultation_set_title (consultation, "老旧小区改造协商");
  tx_consultation_set_township (consultation, tx_township_get_uuid (township));
  g_assert_true (tx_store_save_consultation (fixture->store, consultation, &error));
  editor = show_consultation (fixture, tx_consultation_get_uuid (consultation), &window, &page);

  button = find_button_saying (GTK_WIDGET (editor), "导出档案");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));

  chosen_path = g_build_filename (fixture->dir, "老旧小区改造协商档案", NULL);
  chosen = g_file_new_for_path (chosen_path);
  section = tx_test_get_widget (editor, TX_TYPE_CONSULTATION_DOCUMENTS_SECTION);
  tx_consultation_documents_section_write_archive_to (TX_CONSULTATION_DOCUMENTS_SECTION (section), chosen);
  pdf_path = g_strconcat (chosen_path, ".pdf", NULL);
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));
  cover = tx_test_pdf_raw_text (pdf_path, 1);
  g_assert_nonnull (strstr (cover, "协商活动档案"));
  g_assert_nonnull (strstr (cover, "题名：老旧小区改造协商"));
  g_assert_nonnull (strstr (cover, "乡镇（街道）：金山街道"));
  tx_test_settle ();
  tx_test_save_screenshot (window, "export-dossier");
  tx_test_save_screenshot (section, "export-dossier-row");
  g_assert_nonnull (find_label_saying (GTK_WIDGET (window), "老旧小区改造协商档案.pdf"));
  g_assert_nonnull (find_button_saying (GTK_WIDGET (window), "打开所在文件夹"));
}

static guint
count_thumbnails (GtkWidget *widget)
{
  guint n = GTK_IS_PICTURE (widget) && gtk_picture_get_paintable (GTK_PICTURE (widget)) != NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_thumbnails (child);
  return n;
}

/* the photo's and the scan's first page */
static gboolean
has_thumbnails (gpointer section)
{
  return count_thumbnails (section) == 2;
}

/* A scan of one page, as a PDF */
static void
write_scan (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 420, 595);
  cairo_t *cr = cairo_create (surface);

  cairo_set_line_width (cr, 2);
  for (int row = 0; row < 12; row++)
    {
      cairo_rectangle (cr, 40, 80 + row * 36, 340, 36);
      cairo_stroke (cr);
    }
  cairo_move_to (cr, 150, 60);
  cairo_set_font_size (cr, 24);
  cairo_show_text (cr, "Sign-in sheet");
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* The attachments of a consultation in its editor: files added at
 * once (a photo as 现场照片, anything else as 其他; one that cannot be
 * kept said in a toast, the others kept), the photo shown small, a
 * caption and a kind changed, one deleted and brought back by 撤销,
 * one opened in the desktop's viewer from a copy */
static void
test_attachments (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxTownship) township = NULL;
  g_autoptr(TxConsultation) consultation = tx_consultation_new ();
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autoptr(GPtrArray) kept = NULL;
  g_autofree char *photo = g_build_filename (fixture->dir, "会场.png", NULL);
  g_autofree char *scan = g_build_filename (fixture->dir, "签到表.pdf", NULL);
  g_autofree char *text = g_build_filename (fixture->dir, "说明.txt", NULL);
  g_autofree char *copy = NULL;
  GSList *files = NULL;
  GtkWidget *page, *section, *undo;
  TxAttachmentsSection *attachments;
  TxAttachment *first;
  TxWindow *window;
  TxEditor *editor;
  const char *uuid;

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  township = tx_store_add_township (fixture->store, "金山街道", TX_TOWNSHIP_KIND_SUBDISTRICT, &error);
  tx_consultation_set_title (consultation, "老旧小区改造协商");
  tx_consultation_set_township (consultation, tx_township_get_uuid (township));
  g_assert_true (tx_store_save_consultation (fixture->store, consultation, &error));
  uuid = tx_consultation_get_uuid (consultation);
  editor = show_consultation (fixture, uuid, &window, &page);
  section = tx_test_get_widget (editor, TX_TYPE_ATTACHMENTS_SECTION);
  attachments = TX_ATTACHMENTS_SECTION (section);
  g_assert_cmpuint (tx_attachments_section_get_n_shown (attachments), ==, 0);

  gdk_pixbuf_fill (pixbuf, 0x3a6ea5ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, photo, "png", &error, NULL));
  write_scan (scan);
  g_assert_true (g_file_set_contents (text, "不是附件", -1, &error));
  files = g_slist_append (files, g_file_new_for_path (photo));
  files = g_slist_append (files, g_file_new_for_path (scan));
  files = g_slist_append (files, g_file_new_for_path (text));
  g_assert_cmpuint (tx_attachments_section_add_files (attachments, files), ==, 2);
  g_slist_free_full (files, g_object_unref);
  g_assert_cmpuint (tx_attachments_section_get_n_shown (attachments), ==, 2);
  tx_test_settle ();
  g_assert_nonnull (find_label_saying (GTK_WIDGET (window), "“说明.txt”"));

  kept = tx_attachment_list (fixture->store, "consultation", uuid, &error);
  g_assert_cmpuint (kept->len, ==, 2);
  first = g_ptr_array_index (kept, 0);
  g_assert_cmpstr (first->file_name, ==, "会场.png");
  g_assert_cmpint (first->kind, ==, TX_ATTACHMENT_PHOTO);
  g_assert_cmpint (((TxAttachment *) g_ptr_array_index (kept, 1))->kind, ==, TX_ATTACHMENT_OTHER);
  copy = g_build_filename (g_get_user_cache_dir (), "tongxin", "attachments", first->uuid, "会场.png", NULL);

  /* the scan told as the signed sign-in sheet */
  g_assert_true (tx_attachments_section_edit (attachments, 1, "  签字签到表 ", TX_ATTACHMENT_SIGNIN_SCAN));
  g_clear_pointer (&kept, g_ptr_array_unref);
  kept = tx_attachment_list (fixture->store, "consultation", uuid, &error);
  g_assert_cmpstr (((TxAttachment *) g_ptr_array_index (kept, 1))->caption, ==, "签字签到表");
  g_assert_cmpint (((TxAttachment *) g_ptr_array_index (kept, 1))->kind, ==, TX_ATTACHMENT_SIGNIN_SCAN);

  tx_test_wait_until (has_thumbnails, section, "the photo's and the scan's thumbnails");
  tx_test_settle ();
  tx_test_save_screenshot (section, "attachments");

  /* deleted, and brought back */
  g_assert_true (tx_attachments_section_delete (attachments, 0));
  g_assert_cmpuint (tx_attachments_section_get_n_shown (attachments), ==, 1);
  g_clear_pointer (&kept, g_ptr_array_unref);
  kept = tx_attachment_list (fixture->store, "consultation", uuid, &error);
  g_assert_cmpuint (kept->len, ==, 1);
  tx_test_settle ();
  /* the toast that says so, and its 撤销 */
  undo = find_label_saying (GTK_WIDGET (window), "“会场.png”");
  while (undo != NULL && g_strcmp0 (G_OBJECT_TYPE_NAME (undo), "AdwToastWidget") != 0)
    undo = gtk_widget_get_parent (undo);
  g_assert_nonnull (undo);
  undo = find_button_saying (undo, "撤销");
  g_assert_nonnull (undo);
  tx_test_wait_toast_shown ();
  g_signal_emit_by_name (undo, "clicked");
  tx_test_settle ();
  g_assert_cmpuint (tx_attachments_section_get_n_shown (attachments), ==, 2);
  g_clear_pointer (&kept, g_ptr_array_unref);
  kept = tx_attachment_list (fixture->store, "consultation", uuid, &error);
  g_assert_cmpuint (kept->len, ==, 2);
  g_assert_cmpstr (((TxAttachment *) g_ptr_array_index (kept, 0))->file_name, ==, "会场.png");

  /* opened from a copy of its own */
  g_assert_true (tx_attachments_section_open (attachments, 0));
  tx_test_wait_until (was_opened, copy, "the photo to be opened");
}


static gboolean
no_activity_dialog (gpointer data)
{
  GList *windows = gtk_window_list_toplevels ();
  gboolean none = TRUE;

  for (GList *l = windows; l != NULL; l = l->next)
    if (TX_IS_ACTIVITY_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      none = FALSE;
  g_list_free (windows);

  return none;
}

/* An activity deleted from its dialog is in Recently Deleted, and comes
 * back by Undo (the toast's 撤销, or Ctrl+Z) with its participants; and
 * again from Recently Deleted */
static void
test_delete_activity (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxActivity) training = tx_activity_new (TX_ACTIVITY_TRAINING, "误建的培训", "2026-12-10");
  g_autoptr(TxActivity) back = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(TxPerson) person = tx_person_new_with_fields (NULL, "韦德", TX_GENDER_MALE, "布依族", NULL, "", "",
                                                          "联络员", "", "");
  TxActivityDialog *dialog;
  TxTrashDialog *trash;
  TxWindow *window;
  GtkWidget *row;
  const char *uuid = tx_activity_get_uuid (training);

  if (fixture->store == NULL)
    return;   /* skipped in set-up */

  g_assert_true (tx_roster_edit_person (fixture->store, person, &error));
  g_assert_no_error (error);
  tx_activity_set_attendance (training, tx_person_get_uuid (person), 1);
  g_assert_true (tx_store_save_activity (fixture->store, training, &error));
  g_assert_no_error (error);

  window = tx_window_new (NULL, fixture->store, fixture->day);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  dialog = tx_activity_dialog_new (GTK_WINDOW (window), fixture->store, tx_date_from_iso (TODAY), uuid);
  gtk_window_present (GTK_WINDOW (dialog));
  tx_test_settle ();
  tx_test_answer_message_dialog (tx_activity_dialog_ask_to_delete (dialog), "delete");
  tx_test_wait_until (no_activity_dialog, NULL, "the dialog to close");
  g_assert_null (tx_store_load_activity (fixture->store, uuid, NULL));

  deleted = tx_trash_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deleted->len, ==, 1);
  g_assert_cmpstr (((TxTrashItem *) g_ptr_array_index (deleted, 0))->kind, ==, "activity");
  g_assert_cmpstr (((TxTrashItem *) g_ptr_array_index (deleted, 0))->detail, ==, "市政协");

  /* 撤销: back, with who came */
  tx_test_wait_toast_shown ();
  tx_test_save_screenshot (window, "activity-deleted-toast");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  back = tx_store_load_activity (fixture->store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tx_activity_get_participants (back)->len, ==, 1);
  g_assert_cmpint (((TxParticipant *) g_ptr_array_index (tx_activity_get_participants (back), 0))->attended, ==, 1);

  /* deleted again, and brought back from Recently Deleted */
  g_assert_true (tx_store_delete_activity (fixture->store, uuid, &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.trash", NULL);
  trash = tx_test_get_widget_of_type (TX_TYPE_TRASH_DIALOG);
  row = gtk_widget_get_first_child (tx_test_get_template_child (trash, "list"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "误建的培训");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "活动 · 市政协 · 删除于"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trash), "trash.restore", "(ss)", "activity", uuid));
  g_clear_object (&back);
  back = tx_store_load_activity (fixture->store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (tx_test_get_template_child (trash, "stack")), ==, "empty");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  set_up_opener ();
  gtk_test_init (&argc, &argv, NULL);
  tx_test_init_gui ();

  g_test_add ("/gui/setup/new-consultation-dates", Fixture, NULL,
              fixture_set_up, test_new_consultation_dates, fixture_tear_down);
  g_test_add ("/gui/setup/picker-fits", Fixture, NULL,
              fixture_set_up, test_picker_fits, fixture_tear_down);
  g_test_add ("/gui/setup/add-person", Fixture, NULL,
              fixture_set_up, test_add_person, fixture_tear_down);
  g_test_add ("/gui/setup/delete-person", Fixture, NULL,
              fixture_set_up, test_delete_person, fixture_tear_down);
  g_test_add ("/gui/setup/attachments", Fixture, NULL,
              fixture_set_up, test_attachments, fixture_tear_down);
  g_test_add ("/gui/setup/export-dossier", Fixture, NULL,
              fixture_set_up, test_export_dossier, fixture_tear_down);
  g_test_add ("/gui/setup/export-toast", Fixture, NULL,
              fixture_set_up, test_export_toast, fixture_tear_down);
  g_test_add ("/gui/setup/townships-and-plans", Fixture, NULL,
              fixture_set_up, test_townships_and_plans, fixture_tear_down);
  g_test_add ("/gui/setup/circular-issue", Fixture, NULL,
              fixture_set_up, test_circular_issue, fixture_tear_down);
  g_test_add ("/gui/setup/invite-category", Fixture, NULL,
              fixture_set_up, test_invite_category, fixture_tear_down);
  g_test_add ("/gui/setup/guide", Fixture, NULL,
              fixture_set_up, test_guide, fixture_tear_down);
  g_test_add ("/gui/setup/township-order", Fixture, NULL,
              fixture_set_up, test_township_order, fixture_tear_down);
  g_test_add ("/gui/setup/stage-done-on-a-day", Fixture, NULL,
              fixture_set_up, test_stage_done_on_a_day, fixture_tear_down);
  g_test_add ("/gui/setup/add-outcome-from-consultation", Fixture, NULL,
              fixture_set_up, test_add_outcome_from_consultation, fixture_tear_down);
  g_test_add ("/gui/setup/delete-activity", Fixture, NULL,
              fixture_set_up, test_delete_activity, fixture_tear_down);
  g_test_add ("/gui/setup/delete-and-restore", Fixture, NULL,
              fixture_set_up, test_delete_and_restore, fixture_tear_down);

  status = g_test_run ();
  tx_test_remove_dir (opener_dir);
  g_free (opener_dir);
  g_free (opened_log);
  return status;
}
