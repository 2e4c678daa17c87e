/* tx-conflicts-dialog.c — the conflicts an exchange found, to decide
 *
 * A record changed here and by the office that sent it, since the two
 * last held the same version, keeps both (tx-conflict.c).  The list
 * on the left has every one still to decide; on the right, the two
 * versions side by side, field by field, what differs marked, and the
 * three decisions:
 *
 *  - 保留本方 (Keep Ours): the version here stays;
 *  - 采用对方 (Take Theirs): the other office's replaces it;
 *  - 合并编辑 (Merge and Edit): the version here opens in its editor,
 *    with this window beside it, the conflict still shown, to copy from
 *    theirs; once the editor saves it, the conflict is decided with
 *    that version, the two merged.  Closed without saving, nothing is
 *    decided.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-conflicts-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-conflict.h"
#include "tx-conflicts-dialog.h"

struct _TxConflictsDialog
{
  AdwWindow        parent_instance;

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwLeaflet      *leaflet;
  AdwWindowTitle  *list_title;
  GtkListBox      *list;
  AdwWindowTitle  *detail_title;
  GtkLabel        *explanation;
  GtkGrid         *fields;
  GtkWidget       *edit_button;

  /* owned references */
  TxStore         *store;
  TxDay           *day;
  GPtrArray       *conflicts;   /* TxConflict, as listed */
  TxConflict      *merging;     /* opened to merge and edit, decided when saved */
  gulong           changed_id;
};

G_DEFINE_FINAL_TYPE (TxConflictsDialog, tx_conflicts_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY,
  N_PROPS
};

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_toast (TxConflictsDialog *self,
            const char        *title)
{
  g_autofree char *markup = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static TxConflict *
get_selected (TxConflictsDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  if (index < 0 || self->conflicts == NULL || (guint) index >= self->conflicts->len)
    return NULL;

  return g_ptr_array_index (self->conflicts, index);
}

/* What the conflict is, in a sentence */
static char *
explain (const TxConflict *conflict)
{
  g_autofree char *found = tx_timestamp_format_local (conflict->found_at);

  if (conflict->theirs_deleted)
    /* Translators: a record, the office that sent the file, the file, and when it came */
    return g_strdup_printf (_("%s was changed here, and deleted by %s (in %s, received %s). It is kept here until you decide."),
                            conflict->description, conflict->peer_name, conflict->file, found);
  if (conflict->ours_deleted)
    return g_strdup_printf (_("%s was deleted here, and changed by %s (in %s, received %s). Its version is kept beside it until you decide."),
                            conflict->description, conflict->peer_name, conflict->file, found);

  return g_strdup_printf (_("%s was changed both here and by %s (in %s, received %s). The version here stays until you decide; the other is kept beside it."),
                          conflict->description, conflict->peer_name, conflict->file, found);
}

static GtkWidget *
cell (const char *text,
      gboolean    heading,
      gboolean    differs)
{
  GtkWidget *label = gtk_label_new (text != NULL && text[0] != '\0' ? text : "—");

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else
    {
      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 16);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
    }
  if (differs)
    gtk_widget_add_css_class (label, "warning");

  return label;
}

static void
clear_fields (TxConflictsDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields))) != NULL)
    gtk_grid_remove (self->fields, child);
}

/* The selected conflict, side by side */
static void
show_selected (TxConflictsDialog *self)
{
  TxConflict *conflict = get_selected (self);
  g_autoptr(GPtrArray) compared = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *theirs_heading = NULL;

  clear_fields (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.decide", conflict != NULL);
  if (conflict == NULL)
    return;

  /* what is edited in the window, and still here to edit */
  gtk_widget_set_visible (self->edit_button,
                          !conflict->ours_deleted
                          && g_strv_contains ((const char * const[]) { "person", "consultation", "outcome", "township",
                                                                       "plan", NULL }, conflict->kind));
  adw_window_title_set_title (self->detail_title, conflict->description);
  adw_window_title_set_subtitle (self->detail_title, conflict->peer_name);
  explanation = explain (conflict);
  gtk_label_set_text (self->explanation, explanation);

  compared = tx_conflict_compare (self->store, conflict, &error);
  if (compared == NULL)
    {
      gtk_label_set_text (self->explanation, error->message);
      return;
    }

  /* Translators: the heading of the column of the other office's version */
  theirs_heading = g_strdup_printf (_("Theirs (%s)"), conflict->peer_name);
  gtk_grid_attach (self->fields, cell (_("Field"), TRUE, FALSE), 0, 0, 1, 1);
  gtk_grid_attach (self->fields, cell (_("Ours (this office)"), TRUE, FALSE), 1, 0, 1, 1);
  gtk_grid_attach (self->fields, cell (theirs_heading, TRUE, FALSE), 2, 0, 1, 1);

  for (guint i = 0; i < compared->len; i++)
    {
      TxConflictField *field = g_ptr_array_index (compared, i);
      GtkWidget *label = cell (field->label, TRUE, field->differs);

      /* what differs is said, not only coloured */
      if (field->differs)
        {
          g_autofree char *marked = g_strdup_printf (_("%s (differs)"), field->label);

          gtk_label_set_text (GTK_LABEL (label), marked);
        }
      gtk_grid_attach (self->fields, label, 0, i + 1, 1, 1);
      gtk_grid_attach (self->fields, cell (field->ours, FALSE, field->differs), 1, i + 1, 1, 1);
      gtk_grid_attach (self->fields, cell (field->theirs, FALSE, field->differs), 2, i + 1, 1, 1);
    }
}

static void
on_row_selected_cb (GtkListBox        *list,
                    GtkListBoxRow     *row,
                    TxConflictsDialog *self)
{
  show_selected (self);
  if (row != NULL)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked_cb (GtkButton         *button,
                    TxConflictsDialog *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static GtkWidget *
create_row (const TxConflict *conflict)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *found = tx_timestamp_format_local (conflict->found_at);
  g_autofree char *subtitle = NULL;
  const char *state;

  if (conflict->theirs_deleted)
    state = _("deleted there, changed here");
  else if (conflict->ours_deleted)
    state = _("deleted here, changed there");
  else
    state = _("changed on both sides");

  /* Translators: how the two versions differ, the office that sent it, and when it came */
  subtitle = g_strdup_printf (_("%s · %s · %s"), state, conflict->peer_name, found);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), conflict->description);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  return row;
}

/* The conflicts still to decide, the one at @select (or the nearest)
 * selected */
static void
reload (TxConflictsDialog *self,
        int                select)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  GtkWidget *child;

  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  self->conflicts = tx_conflict_list (self->store, TRUE, &error);
  if (self->conflicts == NULL)
    {
      show_toast (self, error->message);
      self->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_conflict_free);
    }

  for (guint i = 0; i < self->conflicts->len; i++)
    gtk_list_box_append (self->list, create_row (g_ptr_array_index (self->conflicts, i)));

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to decide", "%u to decide", self->conflicts->len),
                           self->conflicts->len);
  adw_window_title_set_subtitle (self->list_title, count);
  gtk_stack_set_visible_child_name (self->stack, self->conflicts->len > 0 ? "conflicts" : "empty");

  if (self->conflicts->len > 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, CLAMP (select, 0, (int) self->conflicts->len - 1));

      gtk_list_box_select_row (self->list, row);
      /* the list has the focus, not the first value to copy */
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  else
    show_selected (self);
}

/* Whether the store's change of @kind and @uuid is the save of the
 * record being merged: a plan's is its township's */
static gboolean
is_merged_record (TxConflict *merging,
                  const char *kind,
                  const char *uuid)
{
  if (uuid == NULL)
    return FALSE;
  if (g_strcmp0 (merging->kind, "plan") == 0)
    return g_strcmp0 (kind, "township") == 0 && g_str_has_prefix (merging->uuid, uuid) &&
           merging->uuid[strlen (uuid)] == '/';

  return g_strcmp0 (kind, merging->kind) == 0 && g_strcmp0 (uuid, merging->uuid) == 0;
}

static void
on_store_changed_cb (TxStore           *store,
                     const char        *kind,
                     const char        *uuid,
                     TxConflictsDialog *self)
{
  g_autoptr(TxConflict) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->merging == NULL || !is_merged_record (self->merging, kind, uuid))
    return;

  /* the version saved here is the two merged: the conflict is decided
   * with it (once: deciding writes too) */
  merged = g_steal_pointer (&self->merging);
  if (!tx_conflict_resolve (self->store, merged->id, TX_CONFLICT_KEEP_OURS, tx_day_get_today (self->day), &error))
    {
      text = g_strdup_printf (_("The conflict was not decided: %s"), error->message);
      show_toast (self, text);
      return;
    }

  /* Translators: a record whose two versions the clerk merged and saved */
  text = g_strdup_printf (_("%s: the version merged here is saved, and the conflict decided."), merged->description);
  show_toast (self, text);
  reload (self, 0);
}

static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TxConflictsDialog *self = TX_CONFLICTS_DIALOG (widget);
  TxConflict *conflict = get_selected (self);
  const char *decision = g_variant_get_string (parameter, NULL);
  g_autoptr(TxConflict) decided = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TxConflictChoice choice;
  int index;

  if (conflict == NULL)
    return;

  /* merged: ours opens to edit, theirs stays shown here; decided when
   * the editor saves (on_store_changed_cb()) */
  if (g_strcmp0 (decision, "edit") == 0)
    {
      g_clear_pointer (&self->merging, tx_conflict_free);
      self->merging = tx_conflict_copy (conflict);
      show_toast (self, _("Copy what to keep of theirs into the editor, and save: the conflict is then decided with the version saved."));
      g_signal_emit (self, signals[OPEN_RECORD], 0, conflict->kind, conflict->uuid);
      return;
    }

  g_clear_pointer (&self->merging, tx_conflict_free);
  index = gtk_list_box_row_get_index (gtk_list_box_get_selected_row (self->list));
  decided = tx_conflict_copy (conflict);
  choice = g_strcmp0 (decision, "theirs") == 0 ? TX_CONFLICT_TAKE_THEIRS : TX_CONFLICT_KEEP_OURS;
  if (!tx_conflict_resolve (self->store, decided->id, choice, tx_day_get_today (self->day), &error))
    {
      /* Translators: %s says why */
      text = g_strdup_printf (_("The conflict was not decided: %s"), error->message);
      show_toast (self, text);
      return;
    }

  if (choice == TX_CONFLICT_TAKE_THEIRS)
    /* Translators: a record, and the office whose version it now has */
    text = g_strdup_printf (_("%s now has the version of %s."), decided->description, decided->peer_name);
  else
    text = g_strdup_printf (_("%s keeps the version here."), decided->description);
  show_toast (self, text);

  reload (self, index);
}

static void
tx_conflicts_dialog_constructed (GObject *object)
{
  TxConflictsDialog *self = TX_CONFLICTS_DIALOG (object);

  G_OBJECT_CLASS (tx_conflicts_dialog_parent_class)->constructed (object);

  self->changed_id = g_signal_connect (self->store, "changed", G_CALLBACK (on_store_changed_cb), self);
  reload (self, 0);
}

static void
tx_conflicts_dialog_dispose (GObject *object)
{
  TxConflictsDialog *self = TX_CONFLICTS_DIALOG (object);

  /* the rows of a list going away are unselected: nothing to show then */
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, on_row_selected_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_CONFLICTS_DIALOG);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_pointer (&self->merging, tx_conflict_free);
  g_clear_object (&self->store);
  g_clear_object (&self->day);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);

  G_OBJECT_CLASS (tx_conflicts_dialog_parent_class)->dispose (object);
}

static void
tx_conflicts_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TxConflictsDialog *self = TX_CONFLICTS_DIALOG (object);

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
tx_conflicts_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TxConflictsDialog *self = TX_CONFLICTS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_DAY:
      self->day = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_conflicts_dialog_class_init (TxConflictsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tx_conflicts_dialog_constructed;
  object_class->dispose = tx_conflicts_dialog_dispose;
  object_class->get_property = tx_conflicts_dialog_get_property;
  object_class->set_property = tx_conflicts_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL, TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TxConflictsDialog::open-record:
   * @kind: "person", "consultation", "outcome", "township" or "plan"
   * @uuid: the record's (a plan's "township/year")
   *
   * Merge and Edit: the version here is to be edited, the conflict
   * decided once it is saved.
   */
  signals[OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-conflicts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TxConflictsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TxConflictsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TxConflictsDialog, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TxConflictsDialog, edit_button);
  gtk_widget_class_bind_template_child (widget_class, TxConflictsDialog, list_title);
  gtk_widget_class_bind_template_child (widget_class, TxConflictsDialog, list);
  gtk_widget_class_bind_template_child (widget_class, TxConflictsDialog, detail_title);
  gtk_widget_class_bind_template_child (widget_class, TxConflictsDialog, explanation);
  gtk_widget_class_bind_template_child (widget_class, TxConflictsDialog, fields);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "conflicts.decide", "s", decide_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tx_conflicts_dialog_init (TxConflictsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tx_conflicts_dialog_new:
 * @day: the day the decisions are made on
 *
 * Returns: (transfer floating): the conflicts of @store still to decide
 */
TxConflictsDialog *
tx_conflicts_dialog_new (GtkWindow *parent,
                         TxStore   *store,
                         TxDay     *day)
{
  return g_object_new (TX_TYPE_CONFLICTS_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "day", day,
                       NULL);
}

/**
 * tx_conflicts_dialog_select:
 * @id: a conflict's
 *
 * Shows the conflict @id, if it is still to decide.
 *
 * Returns: whether it is
 */
gboolean
tx_conflicts_dialog_select (TxConflictsDialog *self,
                            gint64             id)
{
  g_return_val_if_fail (TX_IS_CONFLICTS_DIALOG (self), FALSE);

  for (guint i = 0; i < self->conflicts->len; i++)
    if (((TxConflict *) g_ptr_array_index (self->conflicts, i))->id == id)
      {
        gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, i));
        return TRUE;
      }

  return FALSE;
}

/**
 * tx_conflicts_dialog_get_n_open:
 *
 * Returns: how many conflicts are listed, still to decide
 */
guint
tx_conflicts_dialog_get_n_open (TxConflictsDialog *self)
{
  g_return_val_if_fail (TX_IS_CONFLICTS_DIALOG (self), 0);

  return self->conflicts->len;
}
