/* tx-roster-page.c — the roster (人员名册): search, filters, editing,
 * import, export and print
 *
 * The column view shows a TxPersonList, which pages rows from SQLite and
 * does the searching, filtering and ordering in SQL; this page only hands
 * it the filter the bar above the list describes.  Export and print take
 * the same filter, so what is exported or printed is what the page shows.
 *
 * Import, export and print are in tx-roster-page-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-roster-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-after-frame.h"
#include "tx-application.h"
#include "tx-column-state.h"
#include "tx-day.h"
#include "tx-file-toast.h"
#include "tx-out-of-sight.h"
#include "tx-person-editor.h"
#include "tx-person-list.h"
#include "tx-records.h"
#include "tx-roster-page-private.h"
#include "tx-roster-page.h"
#include "tx-settings.h"
#include "tx-text-cell.h"
#include "tx-tooltips.h"
#include "tx-turns.h"
#include "tx-view-rows.h"
#include "tx-vocabulary.h"
#include "tx-window.h"

G_DEFINE_FINAL_TYPE (TxRosterPage, tx_roster_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY,
  PROP_PRINT_FULL_PHONES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Toasts */

GtkWindow *
tx_roster_page_get_window (TxRosterPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Takes @toast.  The window's toast overlay is an ancestor of the page. */
static void
add_toast (TxRosterPage *self,
           AdwToast     *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
tx_roster_page_show_toast (TxRosterPage *self,
            const char   *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  add_toast (self, adw_toast_new (markup));
}

/* Where a file was written: a toast that opens it or its folder. */
void
tx_roster_page_show_file_toast (TxRosterPage *self,
                                const char   *text,
                                GFile        *file)
{
  add_toast (self, tx_file_toast_new (text, file));
}

/* A problem stays until it is dismissed, as in TxWindow. */
void
tx_roster_page_show_problem (TxRosterPage *self,
              const char   *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 0);
  add_toast (self, toast);
}

/* The filter */

/* As the store reads the search: stripped of spaces at both ends. */
static gboolean
is_searching (TxRosterPage *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  return g_strstrip (text)[0] != '\0';
}

static gboolean
is_filtering (TxRosterPage *self)
{
  guint township = gtk_drop_down_get_selected (self->township_drop_down);
  guint category = gtk_drop_down_get_selected (self->category_drop_down);

  return (township != GTK_INVALID_LIST_POSITION && township > 0) ||
         (category != GTK_INVALID_LIST_POSITION && category > 0);
}

/* The whole filter, as the bar above the list shows it. */
void
tx_roster_page_read_filter (TxRosterPage   *self,
             TxPersonFilter *filter)
{
  guint township = gtk_drop_down_get_selected (self->township_drop_down);
  guint category = gtk_drop_down_get_selected (self->category_drop_down);

  memset (filter, 0, sizeof *filter);
  filter->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  if (township != GTK_INVALID_LIST_POSITION && township > 0)
    filter->township = g_strdup (gtk_string_list_get_string (self->townships, township));

  /* The first item is "All categories", then TxCategory in order. */
  if (category != GTK_INVALID_LIST_POSITION && category > 0)
    {
      filter->has_category = TRUE;
      filter->category = (TxCategory) (category - 1);
    }

  filter->order = gtk_drop_down_get_selected (self->order_drop_down) == TX_ORDER_STROKES
                  ? TX_ORDER_STROKES : TX_ORDER_PINYIN;
  filter->sort = self->sort;
  filter->descending = self->descending;
  /* a training is had on its day */
  filter->today = self->day != NULL ? tx_day_get_today (self->day) : TX_DATE_NONE;
}

static void
update_actions (TxRosterPage *self)
{
  gboolean has_store = self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.new", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.edit",
                                 has_store && gtk_single_selection_get_selected_item (self->selection) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.delete",
                                 has_store && gtk_single_selection_get_selected_item (self->selection) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.import", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.export", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.print", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.print-full-phones", has_store);
}

static void
update_state (TxRosterPage *self)
{
  g_autofree char *count = NULL;
  const GError *error = NULL;
  guint n_people = 0;

  if (self->people != NULL)
    {
      n_people = g_list_model_get_n_items (G_LIST_MODEL (self->people));
      error = tx_paged_list_get_error (TX_PAGED_LIST (self->people));
    }

  count = g_strdup_printf (ngettext ("%u person", "%u people", n_people), n_people);
  gtk_label_set_label (self->count_label, count);

  if (error != NULL)
    {
      g_autofree char *markup = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, markup);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
    }
  else if (n_people > 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "list");
    }
  else if (is_searching (self) || is_filtering (self))
    {
      adw_status_page_set_description (self->no_results_page,
                                       is_searching (self)
                                       ? _("No one’s name, organization, village or title contains this text. Try another search.")
                                       : _("No one on the roster matches these filters. Choose another township or category."));
      gtk_stack_set_visible_child_name (self->content_stack, "no-results");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }

  update_actions (self);
}

static void
apply_filter (TxRosterPage *self)
{
  TxPersonFilter filter;

  if (self->people == NULL)
    return;

  /* Nobody chosen while every row is replaced: the selection would look
   * for its person among all the new rows, reading a city's roster whole
   * at each keystroke. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  tx_roster_page_read_filter (self, &filter);
  tx_person_list_set_filter (self->people, &filter);
  tx_person_filter_clear (&filter);
}

/* The township drop-down: "All townships" and the store's townships.
 * The chosen township stays chosen when the list is read again; when it
 * is gone, the list shows all townships. */
static void
fill_townships (TxRosterPage *self)
{
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = NULL;
  guint selected;
  guint position = 0;

  selected = gtk_drop_down_get_selected (self->township_drop_down);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    chosen = g_strdup (gtk_string_list_get_string (self->townships, selected));

  if (self->store != NULL)
    {
      townships = tx_store_list_townships (self->store, &error);
      if (townships == NULL)
        g_warning ("Could not read the townships: %s", error->message);
    }

  for (guint i = 0; townships != NULL && i < townships->len; i++)
    {
      const char *name = tx_township_get_name (g_ptr_array_index (townships, i));

      if (g_strcmp0 (name, chosen) == 0)
        position = i + 1;
      g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, NULL);

  self->filling_townships++;
  gtk_string_list_splice (self->townships, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->townships)) - 1,
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->township_drop_down, position);
  self->filling_townships--;

  /* The chosen township is gone: show everyone again. */
  if (chosen != NULL && position == 0)
    {
      apply_filter (self);
      update_state (self);
    }
}

static void
read_full_phones (TxRosterPage *self)
{
  gboolean full_phones = self->store != NULL &&
                         tx_settings_get_print_full_phones (tx_store_get_settings (self->store));

  if (full_phones != self->full_phones)
    {
      self->full_phones = full_phones;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRINT_FULL_PHONES]);
    }
}

/* Callbacks of the list and the bar */

static void
on_people_notify_cb (TxPersonList *people,
                             GParamSpec   *pspec,
                             TxRosterPage *self)
{
  update_state (self);
}

/* The people of the filter, in the list. */
static void
show_rows (TxRosterPage *self)
{
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->people));
  tx_view_keep_rows_of (GTK_WIDGET (self->column_view), G_LIST_MODEL (self->people));
}

/* The page is painted: its rows now */
static void
show_rows_cb (GtkWidget *widget)
{
  TxRosterPage *self = TX_ROSTER_PAGE (widget);

  self->rows_after_id = 0;
  if (self->people != NULL)
    show_rows (self);
}

/* @after_frame: the page is being shown the first time; the rows of a
 * hundred thousand people's list, and laying them out, take longer
 * than a frame: the page is painted first, with their count, and the
 * rows just after. */
static void
read_people (TxRosterPage *self,
             gboolean      after_frame)
{
  self->read_pending = FALSE;
  /* read once, with the filter */
  self->people = g_object_new (TX_TYPE_PERSON_LIST, "store", self->store, "item-type", TX_TYPE_PERSON, NULL);
  apply_filter (self);
  g_signal_connect_object (self->people, "notify::n-items",
                           G_CALLBACK (on_people_notify_cb), self, 0);
  g_signal_connect_object (self->people, "notify::error",
                           G_CALLBACK (on_people_notify_cb), self, 0);
  tx_after_frame_cancel (&self->rows_after_id);
  if (after_frame)
    self->rows_after_id = tx_after_frame (GTK_WIDGET (self), show_rows_cb);
  else
    show_rows (self);
}

static void
read_all_turn (gpointer owner)
{
  TxRosterPage *self = owner;

  /* none since (the page is being closed) */
  if (self->store == NULL)
    return;

  fill_townships (self);
  read_full_phones (self);
}

static void
on_store_changed_cb (TxStore      *store,
                     const char   *kind,
                     const char   *uuid,
                     TxRosterPage *self)
{
  /* everything (files received): in a turn of its own (tx-turns.c) */
  if (g_strcmp0 (kind, "all") == 0)
    tx_turns_add (self, read_all_turn);
  if (g_strcmp0 (kind, "township") == 0)
    fill_townships (self);
  if (g_strcmp0 (kind, "setting") == 0)
    read_full_phones (self);
}

static void
on_search_entry_search_changed_cb (GtkSearchEntry *entry,
                                   TxRosterPage   *self)
{
  apply_filter (self);
  update_state (self);
}

static void
on_search_entry_stop_search_cb (GtkSearchEntry *entry,
                                TxRosterPage   *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_filter_drop_down_notify_selected_cb (GtkDropDown  *drop_down,
                                        GParamSpec   *pspec,
                                        TxRosterPage *self)
{
  if (self->filling_townships > 0)
    return;

  apply_filter (self);
  update_state (self);
}

static void
on_selection_notify_selected_cb (GtkSingleSelection *selection,
                                 GParamSpec         *pspec,
                                 TxRosterPage       *self)
{
  update_actions (self);
}

/* Double click or Enter on a row */
static void
on_column_view_activate_cb (GtkColumnView *column_view,
                            guint          position,
                            TxRosterPage  *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "roster.edit", NULL);
}

/* The editor */

static void
on_undo_toast_button_clicked_cb (AdwToast     *toast,
                                 TxRosterPage *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (toast), "tx-uuid");
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!tx_roster_restore_person (self->store, uuid, &error))
    {
      g_autofree char *text = NULL;

      g_warning ("Could not restore %s: %s", uuid, error->message);
      /* Translators: %s says why */
      text = g_strdup_printf (_("Could not put the person back on the roster: %s"), error->message);
      tx_roster_page_show_problem (self, text);
    }
}

/* The person is already off the roster: say so, and offer to undo. */
static void
say_deleted (TxRosterPage *self,
             const char   *uuid,
             const char   *name)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;

  /* Translators: %s is a person's name */
  text = g_strdup_printf (_("“%s” was removed from the roster"), name);
  markup = g_markup_escape_text (text, -1);

  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  /* Normal priority: libadwaita 1.2 aborts when the Undo of a toast that
   * pushed another aside is clicked within its animation. */
  g_object_set_data_full (G_OBJECT (toast), "tx-uuid", g_strdup (uuid), g_free);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (on_undo_toast_button_clicked_cb), self, 0);
  add_toast (self, toast);

  /* Ctrl+Z brings them back too, after the toast is gone */
  if (TX_IS_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))))
    tx_window_note_deleted (TX_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), "person", uuid, name);
}

static void
on_person_editor_deleted_cb (TxPersonEditor *editor,
                             const char     *uuid,
                             const char     *name,
                             TxRosterPage   *self)
{
  say_deleted (self, uuid, name);
}

/* The Delete key on the list: the person chosen goes off the roster at
 * once, with Undo (in the toast, Ctrl+Z, or Recently Deleted). */
static void
tx_roster_page_delete_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TxRosterPage *self = TX_ROSTER_PAGE (widget);
  TxPerson *person = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *uuid = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || person == NULL)
    return;

  uuid = g_strdup (tx_person_get_uuid (person));
  name = g_strdup (tx_person_get_name (person));
  if (!tx_roster_delete_person (self->store, uuid, &error))
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (_("Not deleted: %s"), error->message);

      tx_roster_page_show_problem (self, text);
      return;
    }

  say_deleted (self, uuid, name);
}

static gboolean
on_delete_key_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  return gtk_widget_activate_action (GTK_WIDGET (user_data), "roster.delete", NULL);
}

/* A new person may be hidden by the filters: the toast says they are in. */
static void
on_new_person_editor_saved_cb (TxPersonEditor *editor,
                               const char     *uuid,
                               TxRosterPage   *self)
{
  g_autoptr(TxPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->store == NULL)
    return;

  person = tx_roster_find_person (self->store, uuid, &error);
  if (person == NULL)
    {
      g_warning ("Could not read the new person %s: %s", uuid, error->message);
      return;
    }

  /* Translators: %s is a person's name */
  text = g_strdup_printf (_("“%s” was added to the roster"), tx_person_get_name (person));
  tx_roster_page_show_toast (self, text);
}

/* The editor already open on the person @uuid, if any. */
static TxPersonEditor *
find_editor (const char *uuid)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      TxPerson *person;

      if (!TX_IS_PERSON_EDITOR (window))
        continue;

      person = tx_person_editor_get_person (TX_PERSON_EDITOR (window));
      if (person != NULL && g_strcmp0 (tx_person_get_uuid (person), uuid) == 0)
        return TX_PERSON_EDITOR (window);
    }

  return NULL;
}

static void
open_editor (TxRosterPage *self,
             TxPerson     *person)
{
  TxPersonEditor *editor = NULL;

  /* One editor a person. */
  if (person != NULL)
    editor = find_editor (tx_person_get_uuid (person));
  if (editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (editor));
      return;
    }

  editor = tx_person_editor_new (tx_roster_page_get_window (self), self->store, person);
  if (person == NULL)
    g_signal_connect_object (editor, "saved",
                             G_CALLBACK (on_new_person_editor_saved_cb), self, 0);
  g_signal_connect_object (editor, "deleted",
                           G_CALLBACK (on_person_editor_deleted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Actions */

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
tx_roster_page_new_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TxRosterPage *self = TX_ROSTER_PAGE (widget);

  if (self->store != NULL)
    open_editor (self, NULL);
}

/* The selected person, read again from the store: the editor gets a
 * copy of its own, not the row the list shows. */
static void
tx_roster_page_edit_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  TxRosterPage *self = TX_ROSTER_PAGE (widget);
  TxPerson *selected = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(TxPerson) person = NULL;
  g_autoptr(GError) error = NULL;

  if (selected == NULL || self->store == NULL)
    return;

  person = tx_roster_find_person (self->store, tx_person_get_uuid (selected), &error);
  if (person == NULL)
    {
      g_autofree char *text = NULL;

      g_warning ("Could not read %s: %s", tx_person_get_uuid (selected), error->message);
      /* Translators: %s says why */
      text = g_strdup_printf (_("Could not open this person: %s"), error->message);
      tx_roster_page_show_problem (self, text);
      return;
    }

  open_editor (self, person);
}

/* GtkWidget, GObject */

/* The page's shortcuts (Ctrl+N, Ctrl+P…) and typing to search work when
 * the focus is in the page; when the page is shown with the focus
 * elsewhere (on the view switcher, or nowhere yet), it takes it. */
static void
tx_roster_page_map (GtkWidget *widget)
{
  TxRosterPage *self = TX_ROSTER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  GTK_WIDGET_CLASS (tx_roster_page_parent_class)->map (widget);

  if (self->read_pending)
    {
      read_people (self, TRUE);
      update_state (self);
    }

  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
tx_roster_page_dispose (GObject *object)
{
  TxRosterPage *self = (TxRosterPage *)object;

  tx_roster_page_close_file_chooser (self);
  tx_roster_page_set_store (self, NULL);
  tx_after_frame_cancel (&self->rows_after_id);

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_ROSTER_PAGE);
  g_clear_object (&self->townships);
  g_clear_object (&self->print_settings);
  g_clear_object (&self->settings);
  g_clear_object (&self->day);

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

    case PROP_DAY:
      g_value_set_object (value, self->day);
      break;

    case PROP_PRINT_FULL_PHONES:
      g_value_set_boolean (value, self->full_phones);
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

    case PROP_DAY:
      if (g_set_object (&self->day, g_value_get_object (value)))
        {
          apply_filter (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_PRINT_FULL_PHONES:
      tx_roster_page_set_print_full_phones (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The columns of the list, and what they show of each record */
static const TxTextColumn columns[] = {
  { "name_column", "name", 8, 12 },
  { "gender_column", "gender", 2, 7 },
  { "township_name_column", "township-name", 6, 10 },
  { "categories_column", "categories", 10, 22 },
  { "organization_column", "organization", 12, 28 },
  { "title_column", "title", 8, 16 },
  { "phone_column", "phone", 13, 13 },
  { "village_column", "village", 6, 12 },
  { "last_training_column", "last-training", 10, 10 },
};

static void
tx_roster_page_class_init (TxRosterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_roster_page_dispose;
  object_class->get_property = tx_roster_page_get_property;
  object_class->set_property = tx_roster_page_set_property;

  widget_class->map = tx_roster_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxRosterPage:day: (nullable)
   *
   * The day printed rosters are dated.
   */
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL,
                         TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxRosterPage:print-full-phones:
   *
   * Whether printed rosters show phone numbers in full rather than as
   * 138****5678: the store's "print-full-phones" setting, which
   * tongxin-cli reads too.
   */
  properties[PROP_PRINT_FULL_PHONES] =
    g_param_spec_boolean ("print-full-phones", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "roster.search", NULL,
                                   tx_roster_page_search_action);
  gtk_widget_class_install_action (widget_class, "roster.new", NULL,
                                   tx_roster_page_new_action);
  gtk_widget_class_install_action (widget_class, "roster.edit", NULL,
                                   tx_roster_page_edit_action);
  gtk_widget_class_install_action (widget_class, "roster.delete", NULL,
                                   tx_roster_page_delete_action);
  gtk_widget_class_install_property_action (widget_class, "roster.print-full-phones",
                                            "print-full-phones");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "roster.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "roster.new", NULL);

  tx_roster_page_class_init_actions (widget_class);

  g_type_ensure (TX_TYPE_PERSON);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-roster-page.ui");
  tx_text_cell_bind_columns (widget_class, columns, G_N_ELEMENTS (columns));
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, township_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, category_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, order_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, selection);
  gtk_widget_class_bind_template_child (widget_class, TxRosterPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_drop_down_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
}

static const char * const column_ids[TX_N_PERSON_SORTS + 1] = {
  "name", "gender", "township", "categories", "organization", "title", "phone", "village", "last-training", NULL
};

/* A click on a column's header: the database sorts, by that column. */
static void
on_columns_sorted (int       column,
                   gboolean  descending,
                   gpointer  user_data)
{
  TxRosterPage *self = user_data;

  self->sort = column >= 0 ? (TxPersonSort) column : TX_PERSON_SORT_NAME;
  self->descending = column >= 0 && descending;
  apply_filter (self);
}

static void
tx_roster_page_init (TxRosterPage *self)
{
  g_autoptr(GtkStringList) categories = NULL;
  g_autoptr(GtkStringList) orders = NULL;

  /* The models are set before the template's signal handlers can run. */
  self->townships = gtk_string_list_new (NULL);
  gtk_string_list_append (self->townships, _("All townships"));

  categories = gtk_string_list_new (NULL);
  gtk_string_list_append (categories, _("All categories"));
  for (guint i = 0; i < tx_category_get_count (); i++)
    gtk_string_list_append (categories, tx_category_get_label ((TxCategory) i));

  /* In the order of TxOrder. */
  orders = gtk_string_list_new (NULL);
  gtk_string_list_append (orders, tx_order_get_label (TX_ORDER_PINYIN));
  gtk_string_list_append (orders, tx_order_get_label (TX_ORDER_STROKES));

  gtk_widget_init_template (GTK_WIDGET (self));
  tx_text_cell_set_up_columns (GTK_WIDGET (self), TX_TYPE_ROSTER_PAGE, columns, G_N_ELEMENTS (columns));

  self->filling_townships++;
  gtk_drop_down_set_model (self->township_drop_down, G_LIST_MODEL (self->townships));
  gtk_drop_down_set_model (self->category_drop_down, G_LIST_MODEL (categories));
  gtk_drop_down_set_model (self->order_drop_down, G_LIST_MODEL (orders));
  self->filling_townships--;

  /* Typing anywhere on the page searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  /* Delete on the list takes the person chosen off the roster */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                            gtk_callback_action_new (on_delete_key_cb, self, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);
  }

  /* The columns as the clerk left them; in the order of TxPersonSort. */
  self->settings = tx_application_create_gsettings ();
  tx_tooltips_for_cells (GTK_WIDGET (self->column_view));
  tx_column_state_attach (self->column_view, self->settings, "roster", column_ids,
                          on_columns_sorted, self);

  update_state (self);
}

/* Public API */

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

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_set_object (&self->store, store);

  old_people = g_steal_pointer (&self->people);
  if (old_people != NULL)
    g_signal_handlers_disconnect_by_func (old_people, on_people_notify_cb, self);

  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
      fill_townships (self);
      read_full_phones (self);
    }

  /* The template is gone in dispose. */
  if (self->selection != NULL)
    {
      tx_after_frame_cancel (&self->rows_after_id);
      gtk_single_selection_set_model (self->selection, NULL);
      /* out of sight, the roster is read when shown */
      self->read_pending = store != NULL && tx_widget_is_out_of_sight (GTK_WIDGET (self));
      if (store != NULL && !self->read_pending)
        read_people (self, FALSE);
      update_state (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
tx_roster_page_get_print_full_phones (TxRosterPage *self)
{
  g_return_val_if_fail (TX_IS_ROSTER_PAGE (self), FALSE);

  return self->full_phones;
}

/**
 * tx_roster_page_set_print_full_phones:
 * @full_phones: whether printed rosters show phone numbers in full
 *
 * Keeps the choice in the store, for the next print and for tongxin-cli.
 */
void
tx_roster_page_set_print_full_phones (TxRosterPage *self,
                                      gboolean      full_phones)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TX_IS_ROSTER_PAGE (self));

  full_phones = !!full_phones;
  if (self->store == NULL || full_phones == self->full_phones)
    return;

  if (!tx_settings_set_text (tx_store_get_settings (self->store), "print-full-phones",
                             full_phones ? "true" : "false", &error))
    {
      g_warning ("Could not keep the choice of full phone numbers: %s", error->message);
      return;
    }

  /* The store's "changed" signal has told us already; in case it did not: */
  read_full_phones (self);
}
