/* test-roster-editor.c — the person editor and the roster import, as a clerk uses them
 *
 * Runs under a display (Xvfb).  Each test has its own database, with one
 * township (金山街道) and a few people written with
 * tx_roster_edit_person(), and a window for the editor and the import
 * dialog to belong to.  The tests type into the rows, tick the boxes and
 * press the buttons, then check what the window shows and what the
 * database holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-roster-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "tx-import-dialog.h"
#include "tx-person-editor.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-settings.h"
#include "tx-township-store.h"
#include "tx-test-gui.h"
#include "tx-vocabulary.h"

#define TOWNSHIP_UUID "3c7e1a52-9b0d-4e6f-8a21-5d4c3b2a1f00"
#define TOWNSHIP_NAME "金山街道"

typedef struct {
  char      *dir;
  char      *path;
  TxStore   *store;
  GtkWindow *parent;
} Fixture;

/* The helpers that find what a window shows. */

static gpointer
get_child (gpointer    widget,
           GType       type,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* The rows under @widget, top to bottom. */
static GPtrArray *
get_rows (gpointer widget)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (widget), rows);
  return rows;
}

static AdwPreferencesRow *
find_row (gpointer    widget,
          const char *title)
{
  g_autoptr(GPtrArray) rows = get_rows (widget);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);

  return NULL;
}

/* Whether a label under @widget that a user can see holds @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;

  return FALSE;
}

/* Picks the item of a combo row that reads @label, as a click would. */
static void
choose (AdwComboRow *row,
        const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }

  g_error ("No “%s” to choose in “%s”", label,
           adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

/* As a click does (gtk_widget_activate() clicks only after a moment). */
static void
click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* Lets the window draw what it was told. */
static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The test data. */

typedef struct {
  const char *name;
  TxGender    gender;
  const char *organization;
  const char *title;
  const char *phone;
  TxCategory  category;
} Someone;

static const Someone people[] = {
  { "陈光荣", TX_GENDER_MALE, "金山街道办事处", "联络员", "13800001111", TX_CATEGORY_LIAISON_OFFICER },
  { "韦美玲", TX_GENDER_FEMALE, "福泉市人民医院", "护士长", "0854-2221234", TX_CATEGORY_CPPCC_MEMBER },
  { "吴正德", TX_GENDER_MALE, "", "退休教师", "", TX_CATEGORY_RETIRED_CADRE },
};

static gboolean
write_township (TxStore  *store,
                gpointer  user_data,
                GError  **error)
{
  g_autofree char *now = tx_timestamp_now ();
  sqlite3_stmt *stmt;

  /* The core has no call to save a township yet: write the row. */
  stmt = tx_store_prepare (store,
                           "INSERT INTO township (uuid, name, kind, updated_at) VALUES (?, ?, 'subdistrict', ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, TOWNSHIP_UUID, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, TOWNSHIP_NAME, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);

  return tx_store_step_done (store, stmt, error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("tongxin-test-roster-editor-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "tongxin.db", NULL);
  fixture->store = tx_store_open (fixture->path, &error);
  g_assert_no_error (error);

  tx_store_write (fixture->store, write_township, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(TxPerson) person = NULL;

      person = tx_person_new_with_fields (NULL, people[i].name, people[i].gender, "汉族",
                                          TOWNSHIP_UUID, "", people[i].organization,
                                          people[i].title, people[i].phone, "");
      tx_person_add_category (person, people[i].category);
      tx_roster_edit_person (fixture->store, person, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (tx_store_count (fixture->store, "person"), ==, G_N_ELEMENTS (people));

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->parent, 800, 600);
  gtk_window_present (fixture->parent);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  g_clear_pointer (&fixture->parent, gtk_window_destroy);
  iterate ();
  g_clear_object (&fixture->store);

  g_unlink (fixture->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static GPtrArray *
query_name (TxStore    *store,
            const char *name)
{
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  everyone = tx_roster_query (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < everyone->len; i++)
    if (g_strcmp0 (tx_person_get_name (g_ptr_array_index (everyone, i)), name) == 0)
      g_ptr_array_add (found, g_object_ref (g_ptr_array_index (everyone, i)));

  return found;
}

/* The editor. */

typedef struct {
  char *uuid;
  char *name;
  guint n_emissions;
} Emitted;

static void
emitted_clear (Emitted *emitted)
{
  g_clear_pointer (&emitted->uuid, g_free);
  g_clear_pointer (&emitted->name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Emitted, emitted_clear)

static void
on_editor_saved_cb (TxPersonEditor *editor,
                    const char     *uuid,
                    Emitted        *emitted)
{
  g_free (emitted->uuid);
  emitted->uuid = g_strdup (uuid);
  emitted->n_emissions++;
}

static void
on_editor_deleted_cb (TxPersonEditor *editor,
                      const char     *uuid,
                      const char     *name,
                      Emitted        *emitted)
{
  g_free (emitted->uuid);
  g_free (emitted->name);
  emitted->uuid = g_strdup (uuid);
  emitted->name = g_strdup (name);
  emitted->n_emissions++;
}

static TxPersonEditor *
open_editor (Fixture  *fixture,
             TxPerson *person,
             Emitted  *emitted)
{
  TxPersonEditor *editor = tx_person_editor_new (fixture->parent, fixture->store, person);

  g_signal_connect (editor, "saved", G_CALLBACK (on_editor_saved_cb), emitted);
  g_signal_connect (editor, "deleted", G_CALLBACK (on_editor_deleted_cb), emitted);
  gtk_window_present (GTK_WINDOW (editor));
  iterate ();

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == fixture->parent);

  return editor;
}

static void
type_into (TxPersonEditor *editor,
           const char     *row_name,
           const char     *text)
{
  gtk_editable_set_text (get_child (editor, TX_TYPE_PERSON_EDITOR, row_name), text);
  iterate ();
}

/* The row of a category, by its label. */
static AdwActionRow *
get_category_row (TxPersonEditor *editor,
                  TxCategory      category)
{
  AdwPreferencesRow *row = find_row (get_child (editor, TX_TYPE_PERSON_EDITOR, "categories_row"),
                                     tx_category_get_label (category));

  g_assert_nonnull (row);
  g_assert_true (GTK_IS_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))));
  return ADW_ACTION_ROW (row);
}

static gboolean
is_ticked (TxPersonEditor *editor,
           TxCategory      category)
{
  AdwActionRow *row = get_category_row (editor, category);

  return gtk_check_button_get_active (GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (row)));
}

/* Ticks the box of a category, by clicking its row. */
static void
tick_category (TxPersonEditor *editor,
               TxCategory      category)
{
  AdwExpanderRow *categories_row = get_child (editor, TX_TYPE_PERSON_EDITOR, "categories_row");
  AdwActionRow *row = get_category_row (editor, category);

  /* The boxes are under the row that sums them up. */
  adw_expander_row_set_expanded (categories_row, TRUE);
  tx_test_wait_until (is_mapped, row, "the categories to show");

  g_assert_false (is_ticked (editor, category));
  adw_action_row_activate (row);
  g_assert_true (is_ticked (editor, category));
}

static const char *
get_categories_summary (TxPersonEditor *editor)
{
  return adw_expander_row_get_subtitle (get_child (editor, TX_TYPE_PERSON_EDITOR, "categories_row"));
}

static gboolean
can_save (TxPersonEditor *editor)
{
  return gtk_widget_is_sensitive (get_child (editor, TX_TYPE_PERSON_EDITOR, "save_button"));
}

/* The problem shown under a row, or NULL when the row is right. */
static const char *
get_row_problem (TxPersonEditor *editor,
                 const char     *row_name,
                 const char     *label_name)
{
  GtkWidget *row = get_child (editor, TX_TYPE_PERSON_EDITOR, row_name);
  GtkWidget *label = get_child (editor, TX_TYPE_PERSON_EDITOR, label_name);
  gboolean shown = gtk_widget_get_mapped (label);

  g_assert_cmpint (gtk_widget_has_css_class (row, "error"), ==, shown);
  return shown ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static void
test_editor_adds_person (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(Emitted) emitted = { NULL, };
  g_autoptr(TxPerson) saved = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  TxPersonEditor *editor;
  const char *problem;

  editor = open_editor (fixture, NULL, &emitted);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  /* A new form: nothing wrong said yet, and nothing to save. */
  g_assert_false (gtk_widget_get_visible (get_child (editor, TX_TYPE_PERSON_EDITOR, "delete_group")));
  g_assert_null (get_row_problem (editor, "name_row", "name_error_label"));
  g_assert_null (get_row_problem (editor, "phone_row", "phone_error_label"));
  g_assert_false (can_save (editor));

  /* The only township is where someone new belongs. */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (get_child (editor, TX_TYPE_PERSON_EDITOR, "township_row"))),
                                               adw_combo_row_get_selected (get_child (editor, TX_TYPE_PERSON_EDITOR, "township_row"))),
                   ==, TOWNSHIP_NAME);

  type_into (editor, "name_row", "杨光辉");
  g_assert_true (can_save (editor));

  /* A phone number too short: Save is insensitive and the row says why. */
  type_into (editor, "phone_row", "12345");
  g_assert_false (can_save (editor));
  problem = get_row_problem (editor, "phone_row", "phone_error_label");
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "11"));
  g_assert_nonnull (strstr (problem, "0854-8221234"));
  g_assert_null (get_row_problem (editor, "name_row", "name_error_label"));

  /* Ctrl+S and Enter do nothing while it is wrong. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_signal_emit_by_name (get_child (editor, TX_TYPE_PERSON_EDITOR, "phone_row"), "entry-activated");
  iterate ();
  g_assert_nonnull (editor);
  g_assert_cmpuint (emitted.n_emissions, ==, 0);

  /* Corrected, with spaces as people write them. */
  type_into (editor, "phone_row", "138 8541 2345");
  g_assert_null (get_row_problem (editor, "phone_row", "phone_error_label"));
  g_assert_true (can_save (editor));
  type_into (editor, "phone_row", "13885412345");
  g_assert_true (can_save (editor));

  choose (get_child (editor, TX_TYPE_PERSON_EDITOR, "gender_row"), tx_gender_get_label (TX_GENDER_MALE));
  type_into (editor, "ethnicity_row", "布依族");
  type_into (editor, "village_row", "金山社区");
  type_into (editor, "organization_row", "金山街道农业服务中心");
  type_into (editor, "title_row", "农艺师");
  g_assert_cmpstr (get_categories_summary (editor), ==, "None ticked");
  tick_category (editor, TX_CATEGORY_CPPCC_MEMBER);
  tick_category (editor, TX_CATEGORY_EXPERT);
  summary = g_strdup_printf ("%s, %s", tx_category_get_label (TX_CATEGORY_CPPCC_MEMBER),
                             tx_category_get_label (TX_CATEGORY_EXPERT));
  g_assert_cmpstr (get_categories_summary (editor), ==, summary);
  gtk_text_buffer_set_text (get_child (editor, TX_TYPE_PERSON_EDITOR, "notes_buffer"), "懂茶叶种植", -1);

  click (get_child (editor, TX_TYPE_PERSON_EDITOR, "save_button"));
  tx_test_wait_until (is_null, &editor, "the editor to close after saving");

  g_assert_cmpuint (emitted.n_emissions, ==, 1);
  g_assert_true (tx_uuid_is_valid (emitted.uuid));
  g_assert_cmpuint (tx_store_count (fixture->store, "person"), ==, G_N_ELEMENTS (people) + 1);

  found = query_name (fixture->store, "杨光辉");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (tx_person_get_uuid (g_ptr_array_index (found, 0)), ==, emitted.uuid);

  saved = tx_roster_find_person (fixture->store, emitted.uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_person_get_name (saved), ==, "杨光辉");
  g_assert_cmpstr (tx_person_get_phone (saved), ==, "13885412345");
  g_assert_cmpint (tx_person_get_gender (saved), ==, TX_GENDER_MALE);
  g_assert_cmpstr (tx_person_get_ethnicity (saved), ==, "布依族");
  g_assert_cmpstr (tx_person_get_township_uuid (saved), ==, TOWNSHIP_UUID);
  g_assert_cmpstr (tx_person_get_village (saved), ==, "金山社区");
  g_assert_cmpstr (tx_person_get_organization (saved), ==, "金山街道农业服务中心");
  g_assert_cmpstr (tx_person_get_title (saved), ==, "农艺师");
  g_assert_cmpstr (tx_person_get_notes (saved), ==, "懂茶叶种植");
  g_assert_cmpuint (tx_person_get_n_categories (saved), ==, 2);
  g_assert_true (tx_person_has_category (saved, TX_CATEGORY_CPPCC_MEMBER));
  g_assert_true (tx_person_has_category (saved, TX_CATEGORY_EXPERT));
}

static void
test_editor_needs_name (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(Emitted) emitted = { NULL, };
  TxPersonEditor *editor;
  const char *problem;

  editor = open_editor (fixture, NULL, &emitted);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  type_into (editor, "phone_row", "13885412345");
  g_assert_false (can_save (editor));

  /* Typed, then taken away: now the row says what is missing. */
  type_into (editor, "name_row", "杨");
  g_assert_null (get_row_problem (editor, "name_row", "name_error_label"));
  type_into (editor, "name_row", "   ");
  problem = get_row_problem (editor, "name_row", "name_error_label");
  g_assert_nonnull (problem);
  g_assert_cmpstr (problem, !=, "");
  g_assert_false (can_save (editor));

  g_signal_emit_by_name (get_child (editor, TX_TYPE_PERSON_EDITOR, "name_row"), "entry-activated");
  iterate ();
  g_assert_nonnull (editor);
  g_assert_cmpuint (emitted.n_emissions, ==, 0);
  g_assert_cmpuint (tx_store_count (fixture->store, "person"), ==, G_N_ELEMENTS (people));

  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_null (editor);
}

/* Escape with something typed asks first (Save, Discard or Cancel);
 * discarding saves nothing. */
static void
test_editor_asks_before_discarding (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_auto(Emitted) emitted = { NULL, };
  TxPersonEditor *editor;
  AdwMessageDialog *dialog;

  /* Nothing typed: Escape closes. */
  editor = open_editor (fixture, NULL, &emitted);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  tx_test_wait_until (is_null, &editor, "the editor to close");
  g_assert_null (tx_test_find_message_dialog ());

  editor = open_editor (fixture, NULL, &emitted);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  type_into (editor, "name_row", "杨光辉");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  iterate ();

  dialog = tx_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (editor));

  /* The question of every editor: save, discard or cancel. */
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));

  /* Keep editing, then give up. */
  tx_test_answer_message_dialog (dialog, "cancel");
  iterate ();
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (get_child (editor, TX_TYPE_PERSON_EDITOR, "name_row")), ==, "杨光辉");

  gtk_window_close (GTK_WINDOW (editor));
  iterate ();
  dialog = tx_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  tx_test_answer_message_dialog (dialog, "discard");
  tx_test_wait_until (is_null, &editor, "the editor to close after discarding");

  g_assert_cmpuint (emitted.n_emissions, ==, 0);
  g_assert_cmpuint (tx_store_count (fixture->store, "person"), ==, G_N_ELEMENTS (people));
}

static TxPerson *
find_by_name (TxStore    *store,
              const char *name)
{
  g_autoptr(GPtrArray) found = query_name (store, name);

  g_assert_cmpuint (found->len, ==, 1);
  return g_object_ref (g_ptr_array_index (found, 0));
}

static void
test_editor_edits_person (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(Emitted) emitted = { NULL, };
  g_autoptr(TxPerson) person = find_by_name (fixture->store, "韦美玲");
  g_autoptr(TxPerson) saved = NULL;
  g_autoptr(GError) error = NULL;
  TxPersonEditor *editor;

  editor = open_editor (fixture, person, &emitted);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  /* The form shows the person as saved. */
  g_assert_cmpstr (gtk_editable_get_text (get_child (editor, TX_TYPE_PERSON_EDITOR, "name_row")), ==, "韦美玲");
  g_assert_cmpstr (gtk_editable_get_text (get_child (editor, TX_TYPE_PERSON_EDITOR, "phone_row")), ==, "0854-2221234");
  g_assert_cmpstr (gtk_editable_get_text (get_child (editor, TX_TYPE_PERSON_EDITOR, "title_row")), ==, "护士长");
  g_assert_true (is_ticked (editor, TX_CATEGORY_CPPCC_MEMBER));
  g_assert_false (is_ticked (editor, TX_CATEGORY_STAKEHOLDER));
  g_assert_cmpstr (get_categories_summary (editor), ==, tx_category_get_label (TX_CATEGORY_CPPCC_MEMBER));
  g_assert_true (gtk_widget_get_mapped (get_child (editor, TX_TYPE_PERSON_EDITOR, "delete_button")));
  g_assert_true (can_save (editor));

  type_into (editor, "title_row", "副院长");
  tick_category (editor, TX_CATEGORY_STAKEHOLDER);

  /* Ctrl+S */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tx_test_wait_until (is_null, &editor, "the editor to close after saving");

  g_assert_cmpstr (emitted.uuid, ==, tx_person_get_uuid (person));
  g_assert_cmpuint (tx_store_count (fixture->store, "person"), ==, G_N_ELEMENTS (people));
  saved = tx_roster_find_person (fixture->store, emitted.uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_person_get_title (saved), ==, "副院长");
  g_assert_cmpstr (tx_person_get_phone (saved), ==, "0854-2221234");
  g_assert_cmpint (tx_person_get_gender (saved), ==, TX_GENDER_FEMALE);
  /* The category the person had stays first. */
  g_assert_cmpuint (tx_person_get_n_categories (saved), ==, 2);
  g_assert_cmpint (tx_person_get_category (saved, 0), ==, TX_CATEGORY_CPPCC_MEMBER);
  g_assert_cmpint (tx_person_get_category (saved, 1), ==, TX_CATEGORY_STAKEHOLDER);
}

/* Saves @person again from another connection, as an import or
 * tongxin-cli would, with @phone or @organization changed. */
static void
save_elsewhere (Fixture    *fixture,
                const char *uuid,
                const char *phone,
                const char *organization)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) other = tx_store_open (fixture->path, &error);
  g_autoptr(TxPerson) stored = NULL;
  g_autoptr(TxPerson) changed = NULL;

  g_assert_no_error (error);
  stored = tx_roster_find_person (other, uuid, &error);
  g_assert_no_error (error);
  changed = tx_person_new_with_fields (uuid, tx_person_get_name (stored), tx_person_get_gender (stored),
                                       tx_person_get_ethnicity (stored), tx_person_get_township_uuid (stored),
                                       tx_person_get_village (stored),
                                       organization != NULL ? organization : tx_person_get_organization (stored),
                                       tx_person_get_title (stored),
                                       phone != NULL ? phone : tx_person_get_phone (stored),
                                       tx_person_get_notes (stored));
  for (guint i = 0; i < tx_person_get_n_categories (stored); i++)
    tx_person_add_category (changed, tx_person_get_category (stored, i));
  g_usleep (2000);   /* a later updated_at, to the millisecond */
  g_assert_true (tx_roster_edit_person (other, changed, &error));
  g_assert_no_error (error);
}

static gboolean
question_shown (gpointer data)
{
  return tx_test_find_message_dialog () != NULL;
}

/* A person saved elsewhere while the dialog is open: Save asks; "Show
 * the Other Version" shows it, "Keep Mine" saves the dialog's. */
static void
test_editor_saved_elsewhere (Fixture       *fixture,
                             gconstpointer  data)
{
  g_auto(Emitted) emitted = { NULL, };
  g_autoptr(TxPerson) person = find_by_name (fixture->store, "韦美玲");
  g_autoptr(TxPerson) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (tx_person_get_uuid (person));
  TxPersonEditor *editor;
  AdwMessageDialog *question;

  editor = open_editor (fixture, person, &emitted);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  type_into (editor, "title_row", "副院长");
  save_elsewhere (fixture, uuid, "0854-2229999", NULL);

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tx_test_wait_until (question_shown, NULL, "the question");
  question = tx_test_find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Saved Elsewhere Meanwhile");
  tx_test_answer_message_dialog (question, "theirs");
  iterate ();

  /* the other version, in the form; nothing saved from here */
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (get_child (editor, TX_TYPE_PERSON_EDITOR, "phone_row")), ==, "0854-2229999");
  g_assert_cmpstr (gtk_editable_get_text (get_child (editor, TX_TYPE_PERSON_EDITOR, "title_row")), ==, "护士长");
  g_assert_false (tx_person_editor_has_changes (editor));

  /* typed again, saved elsewhere again, and "Keep Mine" */
  type_into (editor, "title_row", "副院长");
  save_elsewhere (fixture, uuid, NULL, "别处改的单位");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tx_test_wait_until (question_shown, NULL, "the question");
  tx_test_answer_message_dialog (tx_test_find_message_dialog (), "mine");
  tx_test_wait_until (is_null, &editor, "the editor to close after saving");

  saved = tx_roster_find_person (fixture->store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_person_get_title (saved), ==, "副院长");
  g_assert_cmpstr (tx_person_get_phone (saved), ==, "0854-2229999");
  g_assert_cmpstr (tx_person_get_organization (saved), ==, "福泉市人民医院");
}

static void
test_editor_deletes_person (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(Emitted) emitted = { NULL, };
  g_autoptr(TxPerson) person = find_by_name (fixture->store, "陈光荣");
  g_autoptr(GPtrArray) gone = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  TxPersonEditor *editor;

  editor = open_editor (fixture, person, &emitted);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  click (get_child (editor, TX_TYPE_PERSON_EDITOR, "delete_button"));
  tx_test_wait_until (is_null, &editor, "the editor to close after deleting");

  g_assert_cmpuint (emitted.n_emissions, ==, 1);
  g_assert_cmpstr (emitted.uuid, ==, tx_person_get_uuid (person));
  g_assert_cmpstr (emitted.name, ==, "陈光荣");

  gone = query_name (fixture->store, "陈光荣");
  g_assert_cmpuint (gone->len, ==, 0);
  g_assert_cmpuint (tx_store_count (fixture->store, "person"), ==, G_N_ELEMENTS (people) - 1);

  /* What the roster page's Undo does. */
  tx_roster_restore_person (fixture->store, emitted.uuid, &error);
  g_assert_no_error (error);
  back = query_name (fixture->store, "陈光荣");
  g_assert_cmpuint (back->len, ==, 1);
  g_assert_cmpstr (tx_person_get_phone (g_ptr_array_index (back, 0)), ==, "13800001111");
}

/* The import dialog. */

static GFile *
get_fixture_file (const char *name)
{
  const char *dir = g_getenv ("TONGXIN_TEST_DATA");
  g_autofree char *path = NULL;

  if (dir != NULL)
    path = g_build_filename (dir, name, NULL);
  else
    path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return g_file_new_for_path (path);
}

static gboolean
shows_preview (gpointer data)
{
  TxImportDialog *dialog = *(TxImportDialog **) data;
  GtkStack *stack = get_child (dialog, TX_TYPE_IMPORT_DIALOG, "stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "preview") == 0 &&
         gtk_widget_get_mapped (gtk_stack_get_visible_child (stack));
}

static TxImportDialog *
open_import (Fixture    *fixture,
             const char *name)
{
  g_autoptr(GFile) file = get_fixture_file (name);
  TxImportDialog *dialog = tx_import_dialog_new (fixture->parent, fixture->store, file);

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  tx_test_wait_until (shows_preview, &dialog, "the import preview");
  iterate ();

  return dialog;
}

static gboolean
can_import (TxImportDialog *dialog)
{
  return gtk_widget_is_sensitive (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "import_button"));
}

static const char *
get_label (TxImportDialog *dialog,
           const char     *name)
{
  return gtk_label_get_label (get_child (dialog, TX_TYPE_IMPORT_DIALOG, name));
}

/* A roster with no 乡镇 column: the preview says where its people go,
 * and where that is set. */
static void
test_import_default_township (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(TxTownship) other = NULL;
  g_autoptr(GError) error = NULL;
  TxImportDialog *dialog;
  AdwActionRow *row;

  /* one township: it is the default */
  dialog = open_import (fixture, "roster-no-township.csv");
  row = get_child (dialog, TX_TYPE_IMPORT_DIALOG, "no_township_row");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_cmpstr (get_label (dialog, "no_township_count_label"), ==, "2");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "They go to " TOWNSHIP_NAME ", the default township"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* two, none chosen: said, with what to do */
  other = tx_store_add_township (fixture->store, "仙桥乡", TX_TOWNSHIP_KIND_TOWNSHIP, &error);
  g_assert_no_error (error);
  dialog = open_import (fixture, "roster-no-township.csv");
  row = get_child (dialog, TX_TYPE_IMPORT_DIALOG, "no_township_row");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "No default township is set"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Preferences"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* chosen in Preferences */
  g_assert_true (tx_settings_set_text (tx_store_get_settings (fixture->store), "default-township", "仙桥乡", &error));
  dialog = open_import (fixture, "roster-no-township.csv");
  row = get_child (dialog, TX_TYPE_IMPORT_DIALOG, "no_township_row");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "They go to 仙桥乡"));
}

static void
test_import_lists_problems (Fixture       *fixture,
                            gconstpointer  data)
{
  TxImportDialog *dialog = open_import (fixture, "roster-bad-rows.csv");
  g_autoptr(GPtrArray) rows = NULL;
  AdwPreferencesRow *file_row = get_child (dialog, TX_TYPE_IMPORT_DIALOG, "file_row");
  gboolean line_3 = FALSE;

  g_assert_cmpstr (adw_preferences_row_get_title (file_row), ==, "roster-bad-rows.csv");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (file_row)), "UTF-8"));

  /* Nothing can be imported, and the dialog says what to correct. */
  g_assert_false (can_import (dialog));
  g_assert_true (gtk_widget_get_mapped (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "problems_list")));
  g_assert_false (gtk_widget_get_mapped (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "counts_group")));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Nothing will be imported"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "4 Lines Must Be Corrected"));

  rows = get_rows (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "problems_list"));
  g_assert_cmpuint (rows->len, ==, 4);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *text = adw_preferences_row_get_title (g_ptr_array_index (rows, i));

      g_test_message ("%s", text);
      g_assert_true (gtk_widget_get_mapped (g_ptr_array_index (rows, i)));
      if (g_str_has_prefix (text, "line 3"))
        line_3 = TRUE;
    }
  g_assert_true (line_3);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, 1)), "line 4, column “联系电话”"));

  /* Enter or a stray action imports nothing either. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  iterate ();
  g_assert_cmpuint (tx_store_count (fixture->store, "person"), ==, G_N_ELEMENTS (people));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

typedef struct {
  guint     n_emissions;
  guint     added;
  guint     updated;
  gboolean  person_changed;
  gboolean  township_changed;
  GPtrArray *progress;   /* the texts of the progress bar */
} Imported;

static void
on_dialog_imported_cb (TxImportDialog *dialog,
                       guint           added,
                       guint           updated,
                       Imported       *imported)
{
  imported->n_emissions++;
  imported->added = added;
  imported->updated = updated;
}

static void
on_store_changed_cb (TxStore    *store,
                     const char *kind,
                     const char *uuid,
                     Imported   *imported)
{
  if (g_strcmp0 (kind, "person") == 0)
    imported->person_changed = TRUE;
  if (g_strcmp0 (kind, "township") == 0)
    imported->township_changed = TRUE;
}

static void
on_progress_bar_notify_text_cb (GtkProgressBar *bar,
                                GParamSpec     *pspec,
                                Imported       *imported)
{
  const char *text = gtk_progress_bar_get_text (bar);

  if (text != NULL && (imported->progress->len == 0 ||
                       g_strcmp0 (g_ptr_array_index (imported->progress, imported->progress->len - 1), text) != 0))
    g_ptr_array_add (imported->progress, g_strdup (text));
}

static gboolean
was_imported (gpointer data)
{
  return ((Imported *) data)->n_emissions > 0;
}

static void
start_import (TxImportDialog *dialog,
              TxStore        *store,
              Imported       *imported)
{
  imported->progress = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_dialog_imported_cb), imported);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), imported);
  g_signal_connect (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "progress_bar"), "notify::text",
                    G_CALLBACK (on_progress_bar_notify_text_cb), imported);

  click (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "import_button"));

  /* Importing: the buttons wait, the window answers. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "stack")), ==, "importing");
  g_assert_false (can_import (dialog));
  g_assert_false (gtk_widget_is_sensitive (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "cancel_button")));
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
imported_finish (Imported *imported,
                 TxStore  *store)
{
  g_signal_handlers_disconnect_by_data (store, imported);
  g_clear_pointer (&imported->progress, g_ptr_array_unref);
}

static void
test_import_gb18030 (Fixture       *fixture,
                     gconstpointer  data)
{
  TxImportDialog *dialog = open_import (fixture, "roster-gb18030-crlf.csv");
  AdwActionRow *townships_row = get_child (dialog, TX_TYPE_IMPORT_DIALOG, "townships_row");
  AdwActionRow *file_row = get_child (dialog, TX_TYPE_IMPORT_DIALOG, "file_row");
  g_autoptr(GPtrArray) added_rows = NULL;
  g_autoptr(GPtrArray) chahe_people = NULL;
  g_autoptr(TxTownship) chahe = NULL;
  g_autoptr(TxTownship) fengshan = NULL;
  g_autoptr(GError) error = NULL;
  TxPersonFilter filter = { 0 };
  Imported imported = { 0 };
  guint n_before = tx_store_count (fixture->store, "person");
  AdwPreferencesRow *row;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  g_assert_nonnull (strstr (adw_action_row_get_subtitle (file_row), "GB18030"));

  /* The preview: 5 to add, 2 new townships, and the people by name. */
  g_assert_null (tx_store_find_township (fixture->store, "岔河镇", NULL));
  g_assert_cmpstr (get_label (dialog, "add_count_label"), ==, "5");
  g_assert_cmpstr (get_label (dialog, "update_count_label"), ==, "0");
  g_assert_cmpstr (get_label (dialog, "unchanged_count_label"), ==, "0");
  g_assert_cmpstr (get_label (dialog, "townships_count_label"), ==, "2");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (townships_row)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (townships_row), "凤山镇"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (townships_row), "岔河镇"));
  g_assert_false (gtk_widget_get_mapped (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "problems_group")));

  added_rows = get_rows (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "add_list"));
  g_assert_cmpuint (added_rows->len, ==, 5);
  row = find_row (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "add_list"), "石开云");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "岔河镇"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            tx_category_get_label (TX_CATEGORY_VETERAN_PARTY_MEMBER)));
  /* No township in the file: the default one, the only one here. */
  row = find_row (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "add_list"), "丁敏");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), TOWNSHIP_NAME));

  g_assert_true (can_import (dialog));
  g_assert_cmpstr (gtk_button_get_label (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "import_button")),
                   ==, "_Import 5 People");
  /* Reading wrote nothing. */
  g_assert_cmpuint (tx_store_count (fixture->store, "person"), ==, n_before);

  start_import (dialog, fixture->store, &imported);
  g_assert_nonnull (dialog);   /* not closed while importing */
  tx_test_wait_until (was_imported, &imported, "the import");
  tx_test_wait_until (is_null, &dialog, "the dialog to close after importing");

  g_assert_cmpuint (imported.n_emissions, ==, 1);
  g_assert_cmpuint (imported.added, ==, 5);
  g_assert_cmpuint (imported.updated, ==, 0);
  g_assert_true (imported.person_changed);
  g_assert_true (imported.township_changed);
  g_assert_cmpuint (imported.progress->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (imported.progress, 0), ==, "Imported 0 of 5");

  g_assert_cmpuint (tx_store_count (fixture->store, "person"), ==, n_before + 5);
  chahe = tx_store_find_township (fixture->store, "岔河镇", &error);
  g_assert_no_error (error);
  g_assert_nonnull (chahe);
  fengshan = tx_store_find_township (fixture->store, "凤山镇", &error);
  g_assert_no_error (error);
  g_assert_nonnull (fengshan);

  filter.township = (char *) "岔河镇";
  chahe_people = tx_roster_query (fixture->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chahe_people->len, ==, 1);
  g_assert_cmpstr (tx_person_get_name (g_ptr_array_index (chahe_people, 0)), ==, "石开云");

  imported_finish (&imported, fixture->store);
}

/* A bigger file: the progress bar counts, from the worker thread. */
static void
test_import_progress (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "large.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) csv = g_string_new ("姓名,性别,乡镇(街道),身份类别,联系电话\n");
  g_autoptr(GError) error = NULL;
  Imported imported = { 0 };
  TxImportDialog *dialog;
  guint n_before = tx_store_count (fixture->store, "person");
  gboolean counted = FALSE;
  const guint n = 2500;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "测试%u,%s,凤山镇,群众代表,139%08u\n", i, i % 2 ? "男" : "女", i);
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);

  dialog = tx_import_dialog_new (fixture->parent, fixture->store, file);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  tx_test_wait_until (shows_preview, &dialog, "the import preview");

  g_assert_cmpstr (get_label (dialog, "add_count_label"), ==, "2500");
  /* The preview lists the first people, and says how many more. */
  g_assert_nonnull (find_row (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "add_list"), "测试0"));
  g_assert_nonnull (find_row (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "add_list"), "And 2450 more people"));

  start_import (dialog, fixture->store, &imported);
  tx_test_wait_until (was_imported, &imported, "the import");
  tx_test_wait_until (is_null, &dialog, "the dialog to close after importing");

  for (guint i = 0; i < imported.progress->len; i++)
    {
      g_test_message ("progress: %s", (char *) g_ptr_array_index (imported.progress, i));
      if (g_str_equal (g_ptr_array_index (imported.progress, i), "Imported 1000 of 2500"))
        counted = TRUE;
    }
  g_assert_true (counted);
  g_assert_cmpuint (imported.added, ==, n);
  g_assert_cmpuint (tx_store_count (fixture->store, "person"), ==, n_before + n);

  imported_finish (&imported, fixture->store);
}

/* A file that changed between the preview and the import: the import
 * reads it again, refuses it, says so, and the roster is unchanged. */
static void
test_import_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "changing.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Imported imported = { 0 };
  TxImportDialog *dialog;
  guint n_before = tx_store_count (fixture->store, "person");

  g_file_set_contents (path, "姓名,联系电话\n蒙小川,13985401111\n", -1, &error);
  g_assert_no_error (error);

  dialog = tx_import_dialog_new (fixture->parent, fixture->store, file);
  gtk_window_present (GTK_WINDOW (dialog));
  tx_test_wait_until (shows_preview, &dialog, "the import preview");
  g_assert_true (can_import (dialog));

  g_file_set_contents (path, "姓名,联系电话\n蒙小川,12345\n", -1, &error);
  g_assert_no_error (error);

  imported.progress = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_dialog_imported_cb), &imported);
  click (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "import_button"));
  tx_test_wait_until (shows_preview, &dialog, "the preview again, after the failure");
  iterate ();

  g_assert_cmpuint (imported.n_emissions, ==, 0);
  g_assert_true (shows_text (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "toast_overlay"), "Nothing was imported"));
  g_assert_true (can_import (dialog));
  g_assert_true (gtk_widget_is_sensitive (get_child (dialog, TX_TYPE_IMPORT_DIALOG, "cancel_button")));
  g_assert_cmpuint (tx_store_count (fixture->store, "person"), ==, n_before);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_pointer (&imported.progress, g_ptr_array_unref);
  g_unlink (path);
}

static void
test_import_unreadable (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "missing.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TxImportDialog *dialog = tx_import_dialog_new (fixture->parent, fixture->store, file);
  GtkStack *stack = get_child (dialog, TX_TYPE_IMPORT_DIALOG, "stack");

  gtk_window_present (GTK_WINDOW (dialog));
  while (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "reading") == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "failed");
  g_assert_true (shows_text (GTK_WIDGET (dialog), "missing.csv"));
  g_assert_false (can_import (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
}


/* A liaison officer's day of taking up the post: asked for only when
 * the person holds such a post, a day that is none refused with the
 * reason, and a day saved as the roster keeps it; the last training
 * shown, none yet */
static void
test_editor_post_since (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(Emitted) emitted = { NULL, };
  g_autoptr(TxPerson) person = find_by_name (fixture->store, "韦美玲");
  g_autoptr(TxPerson) saved = NULL;
  g_autoptr(GError) error = NULL;
  TxPersonEditor *editor;
  GtkWidget *since_row, *training_row;

  editor = open_editor (fixture, person, &emitted);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  since_row = get_child (editor, TX_TYPE_PERSON_EDITOR, "post_since_row");
  training_row = get_child (editor, TX_TYPE_PERSON_EDITOR, "last_training_row");
  g_assert_false (gtk_widget_get_visible (since_row));
  g_assert_false (gtk_widget_get_visible (training_row));

  tick_category (editor, TX_CATEGORY_LIAISON_OFFICER);
  g_assert_true (gtk_widget_get_visible (since_row));
  g_assert_true (gtk_widget_get_visible (training_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (training_row)), ==, "None yet");

  /* no such day: not saved, and the editor says why */
  type_into (editor, "post_since_row", "2026-02-30");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  iterate ();
  g_assert_nonnull (editor);
  saved = tx_roster_find_person (fixture->store, tx_person_get_uuid (person), &error);
  g_assert_no_error (error);
  g_assert_false (tx_person_holds_post (saved));
  g_clear_object (&saved);

  type_into (editor, "post_since_row", "2026/3/1");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tx_test_wait_until (is_null, &editor, "the editor to close after saving");
  saved = tx_roster_find_person (fixture->store, tx_person_get_uuid (person), &error);
  g_assert_no_error (error);
  g_assert_true (tx_person_holds_post (saved));
  g_assert_cmpstr (tx_person_get_post_since (saved), ==, "2026-03-01");

  /* opened again: the day as saved */
  editor = open_editor (fixture, saved, &emitted);
  g_assert_cmpstr (gtk_editable_get_text (get_child (editor, TX_TYPE_PERSON_EDITOR, "post_since_row")), ==,
                   "2026-03-01");
  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tx_test_init_gui ();

  g_test_add ("/gui/person-editor/add", Fixture, NULL,
              fixture_set_up, test_editor_adds_person, fixture_tear_down);
  g_test_add ("/gui/person-editor/needs-name", Fixture, NULL,
              fixture_set_up, test_editor_needs_name, fixture_tear_down);
  g_test_add ("/gui/person-editor/discard", Fixture, NULL,
              fixture_set_up, test_editor_asks_before_discarding, fixture_tear_down);
  g_test_add ("/gui/person-editor/edit", Fixture, NULL,
              fixture_set_up, test_editor_edits_person, fixture_tear_down);
  g_test_add ("/gui/person-editor/post-since", Fixture, NULL,
              fixture_set_up, test_editor_post_since, fixture_tear_down);
  g_test_add ("/gui/person-editor/saved-elsewhere", Fixture, NULL,
              fixture_set_up, test_editor_saved_elsewhere, fixture_tear_down);
  g_test_add ("/gui/person-editor/delete", Fixture, NULL,
              fixture_set_up, test_editor_deletes_person, fixture_tear_down);
  g_test_add ("/gui/import-dialog/default-township", Fixture, NULL,
              fixture_set_up, test_import_default_township, fixture_tear_down);
  g_test_add ("/gui/import-dialog/problems", Fixture, NULL,
              fixture_set_up, test_import_lists_problems, fixture_tear_down);
  g_test_add ("/gui/import-dialog/gb18030", Fixture, NULL,
              fixture_set_up, test_import_gb18030, fixture_tear_down);
  g_test_add ("/gui/import-dialog/progress", Fixture, NULL,
              fixture_set_up, test_import_progress, fixture_tear_down);
  g_test_add ("/gui/import-dialog/failure", Fixture, NULL,
              fixture_set_up, test_import_failure, fixture_tear_down);
  g_test_add ("/gui/import-dialog/unreadable", Fixture, NULL,
              fixture_set_up, test_import_unreadable, fixture_tear_down);

  return g_test_run ();
}
