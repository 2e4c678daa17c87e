/* tx-list-page.c — a page of records: a filtered list beside the
 * editor of the one chosen (the consultations, the recommendations)
 *
 * What the pages share lives here: the store and the day; the year and
 * township filters (“All years”, then the years that have records,
 * newest first, and this year; “All townships”, then the store's); the
 * leaflet that folds the list and the editor into one pane on a narrow
 * window; the selection, which follows the record the editor shows;
 * the question asked before what was typed in the editor is lost; the
 * new day (a year the clerk did not choose follows it).
 *
 * A subclass gives its list (a TxPagedList, filtered in SQL) and sets
 * its filter; its template holds the whole page, with these ids, which
 * tx_list_page_class_setup() binds here: leaflet, list_pane,
 * year_drop_down, township_drop_down, content_stack (pages “list”,
 * “no-results”, “empty”, “error”), records_view (a GtkListView or a
 * GtkColumnView), selection (its GtkSingleSelection), error_page and
 * editor (a TxEditor).  Its own filters are drop-downs and toggle
 * buttons given to tx_list_page_add_filter().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-list-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-editor.h"
#include "tx-list-page-private.h"
#include "tx-out-of-sight.h"
#include "tx-paged-list.h"
#include "tx-turns.h"
#include "tx-view-rows.h"


G_DEFINE_TYPE_WITH_PRIVATE (TxListPage, tx_list_page, ADW_TYPE_BIN)

TxListPagePrivate *
tx_list_page_get_private (TxListPage *self)
{
  return tx_list_page_get_instance_private (self);
}

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The list */

static guint
find_position (TxListPage *self,
               const char *uuid)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);
  guint n_items = priv->list != NULL ? g_list_model_get_n_items (priv->list) : 0;

  /* a city's list is not read whole to find one record */
  if (TX_IS_PAGED_LIST (priv->list))
    return tx_paged_list_find (TX_PAGED_LIST (priv->list), uuid);

  for (guint i = 0; uuid != NULL && i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (priv->list, i);

      if (item != NULL && g_strcmp0 (TX_LIST_PAGE_GET_CLASS (self)->get_item_uuid (self, item), uuid) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static gboolean
shows_list_alone (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  return adw_leaflet_get_folded (priv->leaflet) &&
         adw_leaflet_get_visible_child (priv->leaflet) == priv->list_pane;
}

/* The record the editor shows is chosen in the list when the list has
 * it; folded, with the list alone, nothing is, so that a click on any
 * row (that one too) shows it. */
static void read_store (TxListPage *self);
static void catch_up   (TxListPage *self);

static void
select_shown_record (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);
  guint position = GTK_INVALID_LIST_POSITION;

  if (!shows_list_alone (self))
    position = find_position (self, tx_editor_get_uuid (priv->editor));

  priv->filling++;
  gtk_single_selection_set_selected (priv->selection, position);
  priv->filling--;
}

static void
scroll_to_selected (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  tx_view_scroll_to (priv->records_view, gtk_single_selection_get_selected (priv->selection));
}

static void
update_content (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);
  TxListPageClass *klass = TX_LIST_PAGE_GET_CLASS (self);
  const char *name = "empty";
  const GError *list_error = NULL;

  /* out of sight, what the list says of itself waits until it is shown
   * (the recommendations' three zeros count the whole city) */
  if (priv->list != NULL && tx_widget_is_out_of_sight (GTK_WIDGET (self)))
    {
      priv->stale = TRUE;
      return;
    }

  select_shown_record (self);

  if (TX_IS_PAGED_LIST (priv->list))
    list_error = tx_paged_list_get_error (TX_PAGED_LIST (priv->list));

  if (list_error != NULL)
    {
      g_autofree char *markup = g_markup_escape_text (list_error->message, -1);

      adw_status_page_set_description (priv->error_page, markup);
      name = "error";
    }
  else if (priv->failed)
    name = "error";
  else if (priv->list != NULL && g_list_model_get_n_items (priv->list) > 0)
    name = "list";
  else if (priv->store != NULL && tx_store_has_records (priv->store, klass->record_kind))
    name = "no-results";
  gtk_stack_set_visible_child_name (priv->content_stack, name);

  if (klass->list_changed != NULL)
    klass->list_changed (self);
}

/* The filters */

static void
on_filter_changed_cb (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  if (priv->filling == 0)
    tx_list_page_refilter (self);
}

/* Chosen by the clerk, the year no longer follows the day. */
static void
on_year_changed_cb (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  if (priv->filling > 0)
    return;

  priv->year_touched = TRUE;
  tx_list_page_refilter (self);
}

/* The editor */

typedef struct {
  GWeakRef  page;
  char     *uuid;
  char     *place;   /* in the record, to show (tx_editor_reveal()) */
} Leaving;

/* Shows the editor, and the record it shows chosen in the list: the
 * filters are cleared when they hide it. */
static void
reveal_shown_record (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);
  const char *uuid = tx_editor_get_uuid (priv->editor);

  adw_leaflet_set_visible_child (priv->leaflet, GTK_WIDGET (priv->editor));
  if (uuid != NULL && find_position (self, uuid) == GTK_INVALID_LIST_POSITION)
    {
      tx_list_page_clear_filters (self);
      tx_list_page_refilter (self);
    }
  select_shown_record (self);
  scroll_to_selected (self);
}

static void
on_editor_left_cb (gboolean may_leave,
                   gpointer user_data)
{
  Leaving *leaving = user_data;
  g_autoptr(TxListPage) self = g_weak_ref_get (&leaving->page);

  if (self != NULL && may_leave)
    {
      TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

      tx_editor_set_record (priv->editor, priv->store, leaving->uuid);
      reveal_shown_record (self);
      if (leaving->place != NULL)
        tx_editor_reveal (priv->editor, leaving->place);
    }
  else if (self != NULL)
    select_shown_record (self);

  g_weak_ref_clear (&leaving->page);
  g_free (leaving->uuid);
  g_free (leaving->place);
  g_free (leaving);
}

/* Shows @uuid, or a new record for %NULL, once what was typed in the
 * editor is saved or given up (the editor asks). */
static void
open_record_at (TxListPage *self,
                const char *uuid,
                const char *place)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  Leaving *leaving;

  if (priv->store == NULL)
    return;

  /* The list shows what the editor shows while the clerk answers. */
  select_shown_record (self);

  leaving = g_new0 (Leaving, 1);
  g_weak_ref_init (&leaving->page, self);
  leaving->uuid = g_strdup (uuid);
  leaving->place = g_strdup (place);
  tx_editor_ask_to_leave (priv->editor, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                          on_editor_left_cb, leaving);
}

static void
open_record (TxListPage *self,
             const char *uuid)
{
  open_record_at (self, uuid, NULL);
}

/* The record of a row, in the editor: already there, it is shown. */
static void
show_item (TxListPage *self,
           gpointer    item)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);
  g_autofree char *uuid = g_strdup (TX_LIST_PAGE_GET_CLASS (self)->get_item_uuid (self, item));

  if (g_strcmp0 (uuid, tx_editor_get_uuid (priv->editor)) == 0)
    adw_leaflet_set_visible_child (priv->leaflet, GTK_WIDGET (priv->editor));
  else
    open_record (self, uuid);
}

/* Callbacks */

static void
on_selection_notify_selected_cb (GtkSingleSelection *selection,
                                 GParamSpec         *pspec,
                                 TxListPage         *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);
  gpointer item = gtk_single_selection_get_selected_item (selection);

  if (priv->filling == 0 && item != NULL)
    show_item (self, item);
}

/* Double click or Enter: the editor, also when the row was chosen already. */
static void
on_records_view_activate_cb (GtkWidget  *records_view,
                             guint       position,
                             TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (priv->selection), position);

  if (item != NULL)
    show_item (self, item);
}

/* Another record, nothing after a deletion, or one back after an undo. */
static void
on_editor_notify_uuid_cb (TxEditor   *editor,
                          GParamSpec *pspec,
                          TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  select_shown_record (self);

  if (tx_editor_get_uuid (editor) == NULL && !tx_editor_is_new (editor) &&
      adw_leaflet_get_folded (priv->leaflet))
    adw_leaflet_set_visible_child (priv->leaflet, priv->list_pane);
}

static void
on_leaflet_notify_folded_cb (AdwLeaflet *leaflet,
                             GParamSpec *pspec,
                             TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  /* Folded with nothing to edit: the list. */
  if (adw_leaflet_get_folded (leaflet) &&
      tx_editor_get_uuid (priv->editor) == NULL && !tx_editor_is_new (priv->editor))
    adw_leaflet_set_visible_child (leaflet, priv->list_pane);

  select_shown_record (self);
}

/* Another day: a year the clerk did not choose follows it; what is
 * overdue, and the colours of the quarter, are judged again. */
static void
on_day_changed_cb (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  if (!priv->year_touched)
    priv->year_chosen = FALSE;
  tx_list_page_fill_years (self);
  tx_list_page_refilter (self);
}

/* What @kind changed, read again ("all": everything).  Out of sight,
 * the page is read in full when shown. */
static void
read_again (TxListPage *self,
            const char *kind)
{
  TxListPageClass *klass = TX_LIST_PAGE_GET_CLASS (self);
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);
  gboolean all = g_strcmp0 (kind, "all") == 0;
  gboolean changed = FALSE;

  if (priv->read_pending || priv->stale)
    return;
  if (tx_widget_is_out_of_sight (GTK_WIDGET (self)))
    {
      priv->stale = TRUE;
      return;
    }

  /* A township's name; the years of the records (a recommendation not
   * submitted counts in its consultation's); the whole database. */
  if (all || g_strcmp0 (kind, "township") == 0)
    changed |= tx_list_page_fill_townships (self);
  if (all || g_strcmp0 (kind, klass->record_kind) == 0 || g_strcmp0 (kind, "consultation") == 0)
    changed |= tx_list_page_fill_years (self);

  if (changed || (klass->is_filter_affected != NULL && klass->is_filter_affected (self, kind)))
    tx_list_page_refilter (self);
}

static void
read_all_turn (gpointer owner)
{
  TxListPage *self = owner;
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  /* none since (the page is being closed) */
  if (priv->store != NULL)
    read_again (self, "all");
}

static void
on_store_changed_cb (TxStore    *store,
                     const char *kind,
                     const char *uuid,
                     TxListPage *self)
{
  /* everything: in a turn of the main loop of its own (tx-turns.c), as
   * every view of the window reads itself again */
  if (g_strcmp0 (kind, "all") == 0)
    tx_turns_add (self, read_all_turn);
  else
    read_again (self, kind);
}

/* Actions */

static void
tx_list_page_new_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  open_record (TX_LIST_PAGE (widget), NULL);
}

static void
tx_list_page_show_list_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (TX_LIST_PAGE (widget));

  adw_leaflet_set_visible_child (priv->leaflet, priv->list_pane);
}

/* GObject */

/* Delete on the list deletes the record chosen (shown in the editor),
 * as its Delete button does, with the same Undo. */
static gboolean
on_delete_key_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (TX_LIST_PAGE (user_data));

  return gtk_widget_activate_action (GTK_WIDGET (priv->editor), "editor.delete", NULL);
}

static void
tx_list_page_constructed (GObject *object)
{
  TxListPage *self = (TxListPage *)object;
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  G_OBJECT_CLASS (tx_list_page_parent_class)->constructed (object);

  /* The subclass's template is built by now. */
  g_return_if_fail (TX_IS_EDITOR (priv->editor));

  priv->filling++;
  gtk_drop_down_set_model (priv->year_drop_down, G_LIST_MODEL (priv->year_labels));
  gtk_drop_down_set_model (priv->township_drop_down, G_LIST_MODEL (priv->townships));
  priv->filling--;
  g_signal_connect_object (priv->year_drop_down, "notify::selected",
                           G_CALLBACK (on_year_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (priv->township_drop_down, "notify::selected",
                           G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (priv->selection, "notify::selected",
                           G_CALLBACK (on_selection_notify_selected_cb), self, 0);
  g_signal_connect_object (priv->records_view, "activate",
                           G_CALLBACK (on_records_view_activate_cb), self, 0);
  g_signal_connect_object (priv->leaflet, "notify::folded",
                           G_CALLBACK (on_leaflet_notify_folded_cb), self, 0);
  /* Back to the list by the button or by a swipe. */
  g_signal_connect_object (priv->leaflet, "notify::visible-child",
                           G_CALLBACK (select_shown_record), self, G_CONNECT_SWAPPED);
  /* A new record may be hidden by the filters: it is shown anyway. */
  g_signal_connect_object (priv->editor, "saved",
                           G_CALLBACK (reveal_shown_record), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (priv->editor, "notify::uuid",
                           G_CALLBACK (on_editor_notify_uuid_cb), self, 0);

  g_object_bind_property (self, "day", priv->editor, "day", G_BINDING_SYNC_CREATE);
  g_object_bind_property (priv->leaflet, "folded", priv->editor, "show-back-button", G_BINDING_SYNC_CREATE);

  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                            gtk_callback_action_new (on_delete_key_cb, self, NULL)));
    gtk_widget_add_controller (priv->records_view, shortcuts);
  }

  tx_list_page_fill_years (self);
  update_content (self);
}

static void
tx_list_page_dispose (GObject *object)
{
  TxListPage *self = (TxListPage *)object;
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  if (priv->store != NULL)
    g_clear_signal_handler (&priv->store_changed_id, priv->store);
  g_clear_object (&priv->store);
  if (priv->list != NULL)
    g_clear_signal_handler (&priv->list_changed_id, priv->list);
  g_clear_object (&priv->list);

  /* The leaflet is the bin's child and a template child: the bin lets
   * go of it first, or gtk_widget_dispose_template() would unparent it
   * behind the bin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  g_clear_object (&priv->year_labels);
  g_clear_object (&priv->townships);

  G_OBJECT_CLASS (tx_list_page_parent_class)->dispose (object);
}

static void
tx_list_page_finalize (GObject *object)
{
  TxListPage *self = (TxListPage *)object;
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  g_clear_object (&priv->day);
  g_clear_pointer (&priv->years, g_array_unref);
  g_clear_pointer (&priv->filters, g_ptr_array_unref);

  G_OBJECT_CLASS (tx_list_page_parent_class)->finalize (object);
}

static void
tx_list_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TxListPage *self = TX_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, tx_list_page_get_store (self));
      break;

    case PROP_DAY:
      g_value_set_object (value, tx_list_page_get_day (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_list_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TxListPage *self = TX_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tx_list_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_DAY:
      tx_list_page_set_day (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Out of sight, the list does not read its ids again at each change:
 * the page catches up when shown. */
static void
watch_list (TxListPage *self,
            gboolean    watching)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  if (TX_IS_PAGED_LIST (priv->list))
    tx_paged_list_set_watching (TX_PAGED_LIST (priv->list), watching);
}

static void
tx_list_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tx_list_page_parent_class)->map (widget);

  watch_list (TX_LIST_PAGE (widget), TRUE);
  catch_up (TX_LIST_PAGE (widget));
}

static void
tx_list_page_unmap (GtkWidget *widget)
{
  watch_list (TX_LIST_PAGE (widget), FALSE);

  GTK_WIDGET_CLASS (tx_list_page_parent_class)->unmap (widget);
}

static void
tx_list_page_class_init (TxListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tx_list_page_constructed;
  object_class->dispose = tx_list_page_dispose;
  object_class->finalize = tx_list_page_finalize;
  object_class->get_property = tx_list_page_get_property;
  object_class->set_property = tx_list_page_set_property;

  widget_class->map = tx_list_page_map;
  widget_class->unmap = tx_list_page_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxListPage:day: (nullable)
   *
   * The day the page works with: the year shown at first, what is
   * overdue, the quarter of the colours; the editor's day too.  %NULL
   * for the real date; tests give a fixed one.
   */
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL,
                         TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tx_list_page_init (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);
  int all = 0;

  priv->year_labels = gtk_string_list_new (NULL);
  gtk_string_list_append (priv->year_labels, _("All years"));
  priv->years = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_val (priv->years, all);
  priv->townships = tx_township_model_new (_("All townships"));
  priv->filters = g_ptr_array_new ();
}

/* For the subclasses */

/**
 * tx_list_page_class_setup:
 * @widget_class: the class of a subclass
 * @resource: its template, which holds the children the page binds (see
 *   the top of this file)
 * @action_prefix: the group of its actions: @action_prefix.new (Ctrl+N)
 *   shows a new record in the editor, @action_prefix.show-list the list
 *   (the editor's back button)
 */
void
tx_list_page_class_setup (GtkWidgetClass *widget_class,
                          const char     *resource,
                          const char     *action_prefix)
{
  g_autofree char *new_name = g_strconcat (action_prefix, ".new", NULL);
  g_autofree char *show_list_name = g_strconcat (action_prefix, ".show-list", NULL);

  g_return_if_fail (g_type_is_a (G_TYPE_FROM_CLASS (widget_class), TX_TYPE_LIST_PAGE));

  gtk_widget_class_set_template_from_resource (widget_class, resource);
  gtk_widget_class_bind_template_child_private (widget_class, TxListPage, leaflet);
  gtk_widget_class_bind_template_child_private (widget_class, TxListPage, list_pane);
  gtk_widget_class_bind_template_child_private (widget_class, TxListPage, year_drop_down);
  gtk_widget_class_bind_template_child_private (widget_class, TxListPage, township_drop_down);
  gtk_widget_class_bind_template_child_private (widget_class, TxListPage, content_stack);
  gtk_widget_class_bind_template_child_private (widget_class, TxListPage, records_view);
  gtk_widget_class_bind_template_child_private (widget_class, TxListPage, selection);
  gtk_widget_class_bind_template_child_private (widget_class, TxListPage, error_page);
  gtk_widget_class_bind_template_child_private (widget_class, TxListPage, editor);

  gtk_widget_class_install_action (widget_class, g_intern_string (new_name), NULL,
                                   tx_list_page_new_action);
  gtk_widget_class_install_action (widget_class, g_intern_string (show_list_name), NULL,
                                   tx_list_page_show_list_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       g_intern_string (new_name), NULL);
}

/**
 * tx_list_page_add_filter:
 * @widget: a GtkDropDown (its first item: no filter) or a
 *   GtkToggleButton (off: no filter) of the subclass
 *
 * The list is filtered again when @widget changes, and @widget is set
 * back to no filter when a record the filters hide is shown.
 */
void
tx_list_page_add_filter (TxListPage *self,
                         GtkWidget  *widget)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  g_return_if_fail (TX_IS_LIST_PAGE (self));
  g_return_if_fail (GTK_IS_DROP_DOWN (widget) || GTK_IS_TOGGLE_BUTTON (widget));

  g_ptr_array_add (priv->filters, widget);
  g_signal_connect_object (widget, GTK_IS_DROP_DOWN (widget) ? "notify::selected" : "toggled",
                           G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * tx_list_page_refilter:
 *
 * Applies the filters again (TxListPageClass.apply_filter).
 */
void
tx_list_page_refilter (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  g_return_if_fail (TX_IS_LIST_PAGE (self));

  /* the filters are applied when the records are read */
  if (priv->read_pending)
    {
      if (!tx_widget_is_out_of_sight (GTK_WIDGET (self)))
        read_store (self);
      return;
    }

  /* Nothing chosen while every row is replaced: the selection would
   * look for its record among all the new rows, reading a city's list
   * whole.  update_content () chooses the record again. */
  priv->filling++;
  gtk_single_selection_set_selected (priv->selection, GTK_INVALID_LIST_POSITION);
  priv->filling--;

  /* The list says it changed, and update_content () follows; the same
   * filter again over a list that did not change says nothing. */
  if (priv->list != NULL)
    {
      guint changes = priv->list_changes;

      TX_LIST_PAGE_GET_CLASS (self)->apply_filter (self);
      if (priv->list_changes == changes)
        update_content (self);
    }
  else
    update_content (self);
}

/**
 * tx_list_page_get_list:
 *
 * Returns: (transfer none) (nullable): the list of TxListPageClass.create_list,
 *   %NULL without a store
 */
GListModel *
tx_list_page_get_list (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  g_return_val_if_fail (TX_IS_LIST_PAGE (self), NULL);

  catch_up (self);

  return priv->list;
}

/**
 * tx_list_page_get_year:
 *
 * Returns: the year chosen, 0 for every year
 */
int
tx_list_page_get_year (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);
  guint selected;

  g_return_val_if_fail (TX_IS_LIST_PAGE (self), 0);

  selected = gtk_drop_down_get_selected (priv->year_drop_down);
  if (selected >= priv->years->len)
    return 0;

  return g_array_index (priv->years, int, selected);
}

/**
 * tx_list_page_get_township:
 *
 * Returns: (nullable): the uuid of the township chosen, %NULL for every
 *   township
 */
const char *
tx_list_page_get_township (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  g_return_val_if_fail (TX_IS_LIST_PAGE (self), NULL);

  return tx_township_model_get_uuid (priv->townships, gtk_drop_down_get_selected (priv->township_drop_down));
}

/**
 * tx_list_page_get_township_name:
 *
 * Returns: (nullable): the name of the township chosen, %NULL for every
 *   township
 */
const char *
tx_list_page_get_township_name (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  g_return_val_if_fail (TX_IS_LIST_PAGE (self), NULL);

  return tx_township_model_get_name (priv->townships, gtk_drop_down_get_selected (priv->township_drop_down));
}

/**
 * tx_list_page_get_today:
 *
 * Returns: the day's date, or the real one without a day
 */
TxDate
tx_list_page_get_today (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  g_return_val_if_fail (TX_IS_LIST_PAGE (self), TX_DATE_NONE);

  return priv->day != NULL ? tx_day_get_today (priv->day) : tx_date_today_local ();
}

/* For the window */

TxStore *
tx_list_page_get_store (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  g_return_val_if_fail (TX_IS_LIST_PAGE (self), NULL);

  return priv->store;
}

static void
on_list_items_changed_cb (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  priv->list_changes++;
  update_content (self);
}

/* The list of the store's records, the filters' choices, the records
 * of the filters: all that the page shows of the store. */
static void
read_store (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  priv->read_pending = FALSE;
  priv->stale = FALSE;

  /* The selection hears of the list's changes before the page does. */
  if (priv->list != NULL)
    g_clear_signal_handler (&priv->list_changed_id, priv->list);
  g_clear_object (&priv->list);
  if (priv->store != NULL)
    priv->list = TX_LIST_PAGE_GET_CLASS (self)->create_list (self, priv->store);
  priv->filling++;
  gtk_single_selection_set_model (priv->selection, priv->list);
  priv->filling--;
  if (priv->list != NULL)
    tx_view_keep_rows_of (priv->records_view, priv->list);
  if (priv->list != NULL)
    priv->list_changed_id = g_signal_connect_object (priv->list, "items-changed",
                                                     G_CALLBACK (on_list_items_changed_cb), self,
                                                     G_CONNECT_SWAPPED);

  tx_list_page_fill_townships (self);
  tx_list_page_fill_years (self);
  tx_list_page_refilter (self);
}

/* What the page has not read yet, read now: it is shown, or asked for
 * its list or a record. */
static void
catch_up (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  if (priv->read_pending)
    read_store (self);
  else if (priv->stale)
    {
      priv->stale = FALSE;
      tx_list_page_fill_townships (self);
      tx_list_page_fill_years (self);
      tx_list_page_refilter (self);
    }
}

/**
 * tx_list_page_set_store:
 * @store: (nullable): the store whose records to show
 *
 * Another database: this year again, every record, nothing in the
 * editor.
 */
void
tx_list_page_set_store (TxListPage *self,
                        TxStore    *store)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  g_return_if_fail (TX_IS_LIST_PAGE (self));
  g_return_if_fail (store == NULL || TX_IS_STORE (store));

  if (priv->store == store)
    return;

  if (priv->store != NULL)
    g_clear_signal_handler (&priv->store_changed_id, priv->store);
  g_set_object (&priv->store, store);
  if (store != NULL)
    priv->store_changed_id = g_signal_connect_object (store, "changed",
                                                      G_CALLBACK (on_store_changed_cb), self, 0);

  priv->year_chosen = FALSE;
  priv->year_touched = FALSE;
  tx_list_page_clear_filters (self);
  tx_editor_set_record (priv->editor, NULL, NULL);
  adw_leaflet_set_visible_child (priv->leaflet, priv->list_pane);

  if (priv->list != NULL)
    g_clear_signal_handler (&priv->list_changed_id, priv->list);
  g_clear_object (&priv->list);
  gtk_single_selection_set_model (priv->selection, NULL);

  /* a page out of sight reads its records when it is shown */
  priv->read_pending = store != NULL;
  priv->stale = FALSE;
  if (store == NULL || !tx_widget_is_out_of_sight (GTK_WIDGET (self)))
    read_store (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

TxDay *
tx_list_page_get_day (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  g_return_val_if_fail (TX_IS_LIST_PAGE (self), NULL);

  return priv->day;
}

/**
 * tx_list_page_set_day:
 * @day: (nullable): the day the page works with
 */
void
tx_list_page_set_day (TxListPage *self,
                      TxDay      *day)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  g_return_if_fail (TX_IS_LIST_PAGE (self));
  g_return_if_fail (day == NULL || TX_IS_DAY (day));

  if (!tx_day_watch (&priv->day, day, G_CALLBACK (on_day_changed_cb), self))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
  on_day_changed_cb (self);
}

/**
 * tx_list_page_select:
 * @uuid: a record of the page
 *
 * Shows it in the editor and chooses it in the list, clearing the
 * filters when they hide it (a link from the Overview, the Calendar).
 * What was typed in the editor is not lost: the clerk is asked first.
 */
void
tx_list_page_select (TxListPage *self,
                     const char *uuid)
{
  tx_list_page_select_at (self, uuid, NULL);
}

/**
 * tx_list_page_select_at:
 * @place: (nullable): a place in the record (see tx_editor_reveal())
 *
 * As tx_list_page_select(), and then shows @place in the editor: the
 * stage or the field a reason of the Overview is about.
 */
void
tx_list_page_select_at (TxListPage *self,
                        const char *uuid,
                        const char *place)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  g_return_if_fail (TX_IS_LIST_PAGE (self));
  g_return_if_fail (uuid != NULL);

  catch_up (self);

  if (g_strcmp0 (uuid, tx_editor_get_uuid (priv->editor)) == 0)
    {
      reveal_shown_record (self);
      if (place != NULL)
        tx_editor_reveal (priv->editor, place);
    }
  else
    open_record_at (self, uuid, place);
}

/**
 * tx_list_page_get_editor:
 *
 * Returns: (transfer none): the editor beside the list
 */
TxEditor *
tx_list_page_get_editor (TxListPage *self)
{
  TxListPagePrivate *priv = tx_list_page_get_instance_private (self);

  g_return_val_if_fail (TX_IS_LIST_PAGE (self), NULL);

  return priv->editor;
}
