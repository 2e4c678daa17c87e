/* tx-participant-picker.c — choosing people of the roster to invite
 *
 * A search entry over a TxPersonList (searching and ordering in SQL,
 * rows paged from SQLite), shown in the popover of "Add From Roster…".
 * Clicking someone emits TxParticipantPicker::person-chosen; the picker
 * stays open, so a clerk can invite several people one after another,
 * and marks those already invited.  A category narrows the list, and
 * "Invite Everyone Listed" invites all of it at once (all the experts
 * of the township, say), up to MAX_AT_ONCE people.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-participant-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-off-reason.h"
#include "tx-participant-picker.h"
#include "tx-person-list.h"
#include "tx-roster.h"
#include "tx-view-rows.h"
#include "tx-vocabulary.h"

struct _TxParticipantPicker
{
  AdwBin          parent_instance;

  /* template children */
  GtkSearchEntry *search_entry;
  GtkCheckButton *township_check;
  GtkDropDown    *category_drop_down;
  GtkButton      *invite_all_button;
  GtkStack       *stack;
  GtkListView    *list_view;
  GtkNoSelection *selection;

  /* owned references */
  TxStore        *store;
  TxPersonList   *people;
  GHashTable     *invited;      /* person uuids */
  GHashTable     *bound_items;  /* GtkListItem, those showing a person */

  /* state */
  char           *township;     /* a township's name, or NULL */
  gboolean        filter_pending;  /* read when the picker is shown */
};

G_DEFINE_FINAL_TYPE (TxParticipantPicker, tx_participant_picker, ADW_TYPE_BIN)

enum {
  PERSON_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "Invite Everyone Listed" invites this many people at most: more is a
 * roster, not a meeting. */
#define MAX_AT_ONCE 200

static void
apply_filter (TxParticipantPicker *self)
{
  TxPersonFilter filter = { 0 };
  guint category = gtk_drop_down_get_selected (self->category_drop_down);

  if (self->people == NULL)
    return;

  self->filter_pending = FALSE;
  filter.search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  if (self->township != NULL && gtk_check_button_get_active (self->township_check))
    filter.township = g_strdup (self->township);
  filter.order = TX_ORDER_PINYIN;
  if (category != GTK_INVALID_LIST_POSITION && category > 0)
    {
      filter.has_category = TRUE;
      filter.category = category - 1;
    }

  tx_person_list_set_filter (self->people, &filter);
  tx_person_filter_clear (&filter);
}

static void
update_stack (TxParticipantPicker *self)
{
  guint n_people = self->people != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->people)) : 0;
  g_autofree char *label = NULL;

  gtk_stack_set_visible_child_name (self->stack, n_people > 0 ? "list" : "empty");

  /* Translators: a button that invites every person of the list shown */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Invite the %u Listed", "Invite All %u Listed", n_people),
                           n_people);
  gtk_button_set_label (self->invite_all_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->invite_all_button), n_people > 0 && n_people <= MAX_AT_ONCE);
  tx_widget_set_tooltip (GTK_WIDGET (self->invite_all_button),
                               n_people > MAX_AT_ONCE ? _("Too many at once: narrow the list by a category, the township or a search first")
                                                      : NULL);
}

/* The row of a list item: the name, what the person is, and a mark
 * when they are invited already. */
static void
update_item (TxParticipantPicker *self,
             GtkListItem         *item)
{
  TxPerson *person = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *invited_box = g_object_get_data (G_OBJECT (box), "tx-invited");
  gboolean invited;

  if (person == NULL)
    return;

  invited = g_hash_table_contains (self->invited, tx_person_get_uuid (person));
  gtk_widget_set_visible (invited_box, invited);
  tx_widget_set_tooltip (box, invited ? _("Already invited to this consultation") : NULL);
}

static void
update_bound_items (TxParticipantPicker *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    update_item (self, item);
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     TxParticipantPicker      *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);
  GtkWidget *invited_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), details);
  gtk_box_append (GTK_BOX (box), texts);

  /* An icon and a word: not colour alone. */
  gtk_box_append (GTK_BOX (invited_box), gtk_image_new_from_icon_name ("object-select-symbolic"));
  gtk_box_append (GTK_BOX (invited_box), gtk_label_new (_("Invited")));
  gtk_widget_add_css_class (invited_box, "dim-label");
  gtk_widget_set_valign (invited_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), invited_box);

  g_object_set_data (G_OBJECT (box), "tx-name", name);
  g_object_set_data (G_OBJECT (box), "tx-details", details);
  g_object_set_data (G_OBJECT (box), "tx-invited", invited_box);
  gtk_list_item_set_child (item, box);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    TxParticipantPicker      *self)
{
  TxPerson *person = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *categories = NULL;
  g_autofree char *details = NULL;
  const char *township;
  const char *organization;

  if (person == NULL)
    {
      g_ptr_array_unref (parts);
      return;
    }

  categories = tx_person_dup_categories_label (person);
  township = tx_person_get_township_name (person);
  organization = tx_person_get_organization (person);
  if (categories != NULL && categories[0] != '\0')
    g_ptr_array_add (parts, g_strdup (categories));
  if (township != NULL && township[0] != '\0')
    g_ptr_array_add (parts, g_strdup (township));
  if (organization != NULL && organization[0] != '\0')
    g_ptr_array_add (parts, g_strdup (organization));
  g_ptr_array_add (parts, NULL);
  details = g_strjoinv (" · ", (char **) parts->pdata);
  g_ptr_array_unref (parts);

  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "tx-name"), tx_person_get_name (person));
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "tx-details"), details);

  g_hash_table_add (self->bound_items, item);
  update_item (self, item);
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      TxParticipantPicker      *self)
{
  g_hash_table_remove (self->bound_items, item);
}

static void
on_list_view_activate_cb (GtkListView         *list_view,
                          guint                position,
                          TxParticipantPicker *self)
{
  g_autoptr(TxPerson) person = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (person == NULL)
    return;

  if (g_hash_table_contains (self->invited, tx_person_get_uuid (person)))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  g_signal_emit (self, signals[PERSON_CHOSEN], 0, person);
}

static void
on_category_drop_down_notify_selected_cb (GtkDropDown         *drop_down,
                                          GParamSpec          *pspec,
                                          TxParticipantPicker *self)
{
  apply_filter (self);
  update_stack (self);
}

/* Everyone the list shows, not invited yet, at once. */
static void
on_invite_all_button_clicked_cb (GtkButton           *button,
                                 TxParticipantPicker *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);

  if (n == 0 || n > MAX_AT_ONCE)
    return;

  /* read first: each invitation may change the list */
  for (guint i = 0; i < n; i++)
    {
      TxPerson *person = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (person != NULL && !g_hash_table_contains (self->invited, tx_person_get_uuid (person)))
        g_ptr_array_add (people, person);
      else
        g_clear_object (&person);
    }

  for (guint i = 0; i < people->len; i++)
    g_signal_emit (self, signals[PERSON_CHOSEN], 0, g_ptr_array_index (people, i));
}

static void
on_search_entry_search_changed_cb (GtkSearchEntry      *entry,
                                   TxParticipantPicker *self)
{
  apply_filter (self);
  update_stack (self);
}

/* Enter chooses the first person found. */
static void
on_search_entry_activate_cb (GtkSearchEntry      *entry,
                             TxParticipantPicker *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    on_list_view_activate_cb (NULL, 0, self);
}

static void
on_township_check_toggled_cb (GtkCheckButton      *check,
                              TxParticipantPicker *self)
{
  apply_filter (self);
  update_stack (self);
}

static void
on_people_notify_n_items_cb (TxPersonList        *people,
                             GParamSpec          *pspec,
                             TxParticipantPicker *self)
{
  update_stack (self);
}

static void
tx_participant_picker_map (GtkWidget *widget)
{
  TxParticipantPicker *self = TX_PARTICIPANT_PICKER (widget);

  GTK_WIDGET_CLASS (tx_participant_picker_parent_class)->map (widget);

  if (self->filter_pending)
    {
      apply_filter (self);
      update_stack (self);
    }
}

static void
tx_participant_picker_dispose (GObject *object)
{
  TxParticipantPicker *self = (TxParticipantPicker *)object;

  tx_participant_picker_set_store (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_PARTICIPANT_PICKER);
  g_clear_pointer (&self->invited, g_hash_table_unref);
  g_clear_pointer (&self->bound_items, g_hash_table_unref);

  G_OBJECT_CLASS (tx_participant_picker_parent_class)->dispose (object);
}

static void
tx_participant_picker_finalize (GObject *object)
{
  TxParticipantPicker *self = (TxParticipantPicker *)object;

  g_clear_pointer (&self->township, g_free);

  G_OBJECT_CLASS (tx_participant_picker_parent_class)->finalize (object);
}

static void
tx_participant_picker_class_init (TxParticipantPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_participant_picker_dispose;
  widget_class->map = tx_participant_picker_map;
  object_class->finalize = tx_participant_picker_finalize;

  /**
   * TxParticipantPicker::person-chosen:
   * @person: someone of the roster, not invited yet
   */
  signals[PERSON_CHOSEN] =
    g_signal_new ("person-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TX_TYPE_PERSON);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-participant-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, TxParticipantPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TxParticipantPicker, township_check);
  gtk_widget_class_bind_template_child (widget_class, TxParticipantPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, TxParticipantPicker, selection);
  gtk_widget_class_bind_template_child (widget_class, TxParticipantPicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, TxParticipantPicker, category_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TxParticipantPicker, invite_all_button);
  gtk_widget_class_bind_template_callback (widget_class, on_category_drop_down_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_invite_all_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_township_check_toggled_cb);
}

static void
tx_participant_picker_init (TxParticipantPicker *self)
{
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);

  self->invited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bound_items = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Translators: the first choice of the category drop-down */
  gtk_string_list_append (categories, _("All categories"));
  for (guint c = 0; c < tx_category_get_count (); c++)
    gtk_string_list_append (categories, tx_category_get_label (c));
  gtk_drop_down_set_model (self->category_drop_down, G_LIST_MODEL (categories));

  update_stack (self);
}

GtkWidget *
tx_participant_picker_new (void)
{
  return g_object_new (TX_TYPE_PARTICIPANT_PICKER, NULL);
}

/**
 * tx_participant_picker_set_store:
 * @store: (nullable): the store whose roster to search
 */
void
tx_participant_picker_set_store (TxParticipantPicker *self,
                                 TxStore             *store)
{
  g_return_if_fail (TX_IS_PARTICIPANT_PICKER (self));
  g_return_if_fail (store == NULL || TX_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->people != NULL)
    g_signal_handlers_disconnect_by_func (self->people, on_people_notify_n_items_cb, self);
  g_clear_object (&self->people);
  g_set_object (&self->store, store);

  /* the roster is searched when the picker is shown */
  if (store != NULL)
    {
      self->people = g_object_new (TX_TYPE_PERSON_LIST, "store", store, "item-type", TX_TYPE_PERSON, NULL);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        apply_filter (self);
      else
        self->filter_pending = TRUE;
      g_signal_connect_object (self->people, "notify::n-items",
                               G_CALLBACK (on_people_notify_n_items_cb), self, 0);
      if (self->list_view != NULL)
        tx_view_keep_rows_of (GTK_WIDGET (self->list_view), G_LIST_MODEL (self->people));
    }

  /* The template is gone in dispose. */
  if (self->selection != NULL)
    {
      gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->people));
      update_stack (self);
    }
}

/**
 * tx_participant_picker_set_township:
 * @township_name: (nullable): the township of the consultation
 *
 * Offers to list only the people of @township_name, and does so at
 * first: most of those invited live where the consultation is held.
 */
void
tx_participant_picker_set_township (TxParticipantPicker *self,
                                    const char          *township_name)
{
  g_autofree char *label = NULL;

  g_return_if_fail (TX_IS_PARTICIPANT_PICKER (self));

  if (township_name != NULL && township_name[0] == '\0')
    township_name = NULL;

  if (g_strcmp0 (self->township, township_name) == 0)
    return;

  g_free (self->township);
  self->township = g_strdup (township_name);

  if (township_name != NULL)
    {
      /* Translators: %s is a township's name */
      label = g_strdup_printf (_("Only people of %s"), township_name);
      gtk_check_button_set_label (self->township_check, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->township_check), township_name != NULL);

  g_signal_handlers_block_by_func (self->township_check, on_township_check_toggled_cb, self);
  gtk_check_button_set_active (self->township_check, township_name != NULL);
  g_signal_handlers_unblock_by_func (self->township_check, on_township_check_toggled_cb, self);

  /* in its popover, not shown: the people are read when it is (a
   * consultation chosen in a city's list would read a township's roster
   * for nothing) */
  self->filter_pending = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->filter_pending)
    return;

  apply_filter (self);
  update_stack (self);
}

/**
 * tx_participant_picker_set_invited:
 * @person_uuids: (nullable) (array zero-terminated=1): who is invited already
 */
void
tx_participant_picker_set_invited (TxParticipantPicker *self,
                                   const char * const  *person_uuids)
{
  g_return_if_fail (TX_IS_PARTICIPANT_PICKER (self));

  g_hash_table_remove_all (self->invited);
  for (guint i = 0; person_uuids != NULL && person_uuids[i] != NULL; i++)
    g_hash_table_add (self->invited, g_strdup (person_uuids[i]));

  update_bound_items (self);
}

/* Empties the search and puts the cursor in it, for the next person. */
void
tx_participant_picker_reset (TxParticipantPicker *self)
{
  g_return_if_fail (TX_IS_PARTICIPANT_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
