/* tx-editor.c — what every editor of a record does
 *
 * An editor shows one record (a consultation, a recommendation) as a
 * form made of sections (TxEditorSection).  The form is typed freely and
 * checked as it is typed: the sections write what they hold into a
 * record, the core says what is wrong with it (tx_consultation_check(),
 * tx_outcome_check()), and each section shows the problems of its
 * fields; Save stays insensitive until there are none.  Save writes the
 * form into the record as stored and hands it to the store.
 *
 * The editor keeps a snapshot of the form as it was read or saved, and
 * says through TxEditor:has-changes when it differs.  It listens to
 * TxStore::changed and reads its record again from an idle (so that a
 * click that changed the store has finished with its row first) when
 * the change concerns it, and when the day changes; what the clerk has
 * typed and not saved stays.  tx_editor_ask_to_leave() is the one
 * question asked before anything typed could be lost.
 *
 * Subclasses say how to read, check and save their records; the
 * template of a subclass puts its buttons in the header
 * (<child type="header">) and its sections in the form
 * (<child type="section">).  The problem bar, the toasts and the file
 * chooser are in tx-editor-messages.c; saving, giving up and the
 * question in tx-editor-leave.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-editor-private.h"
#include "tx-off-reason.h"
#include "tx-rules.h"
#include "tx-trash.h"
#include "tx-window.h"

static void tx_editor_buildable_init (GtkBuildableIface *iface);

G_DEFINE_TYPE_WITH_CODE (TxEditor, tx_editor, ADW_TYPE_BIN,
                         G_ADD_PRIVATE (TxEditor)
                         G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, tx_editor_buildable_init))

enum {
  PROP_0,
  PROP_UUID,
  PROP_DAY,
  PROP_HAS_CHANGES,
  PROP_SHOW_BACK_BUTTON,
  PROP_BACK_ACTION_NAME,
  PROP_SAVE_TOOLTIP,
  PROP_EMPTY_ICON_NAME,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_ERROR_TITLE,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Says that the record was saved, and that a new one has a uuid now. */
void
tx_editor_emit_saved (TxEditor *self,
                      gboolean  uuid_changed)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  if (uuid_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
  g_signal_emit (self, signals[SAVED], 0, priv->uuid);
}
static GtkBuildableIface *parent_buildable_iface;

TxEditorPrivate *
tx_editor_get_private (TxEditor *self)
{
  return tx_editor_get_instance_private (self);
}

#define SECTION(priv, i) (TX_EDITOR_SECTION (g_ptr_array_index ((priv)->sections, (i))))

/* The form */

static gboolean
is_shown (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  return priv->store != NULL && priv->record != NULL && (priv->is_new || priv->uuid != NULL);
}

static char *
dup_form_state (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);
  GString *state = g_string_new (NULL);

  for (guint i = 0; i < priv->sections->len; i++)
    tx_editor_section_append_state (SECTION (priv, i), state);

  return g_string_free (state, FALSE);
}

static void
take_form_snapshot (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_free (priv->initial_form);
  priv->initial_form = dup_form_state (self);
  tx_editor_take_section_states (self);
}

static void
update_has_changes (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);
  gboolean has_changes = FALSE;

  if (is_shown (self) && priv->initial_form != NULL)
    {
      g_autofree char *state = dup_form_state (self);

      has_changes = g_strcmp0 (state, priv->initial_form) != 0;
    }

  if (priv->has_changes == has_changes)
    return;

  priv->has_changes = has_changes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CHANGES]);
}

static void
update_actions (TxEditor *self,
                GObject  *record)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);
  gboolean shown = is_shown (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 shown && priv->valid && (priv->is_new || priv->has_changes));
  /* Nothing to save: no button to wonder at. */
  gtk_widget_set_visible (GTK_WIDGET (priv->save_button), shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", shown && !priv->is_new);

  if (TX_EDITOR_GET_CLASS (self)->update != NULL)
    TX_EDITOR_GET_CLASS (self)->update (self, record);
}

/* What is wrong with the characters of a text (a control character
 * pasted in, a text too long) may be in a field whose section has no
 * place to say it, the minutes or a supervision record: the first such
 * problem is said above the form, until it is put right. */
static void
show_text_problem (TxEditor  *self,
                   GPtrArray *problems)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);
  const char *message = NULL;

  for (guint i = 0; problems != NULL && message == NULL && i < problems->len; i++)
    {
      TxProblem *problem = g_ptr_array_index (problems, i);

      if (problem->text)
        message = problem->message;
    }

  if (message != NULL && g_strcmp0 (message, priv->text_problem) != 0)
    {
      g_free (priv->text_problem);
      priv->text_problem = g_strdup (message);
      tx_editor_show_problem (self, message);
    }
  else if (message == NULL && priv->text_problem != NULL)
    {
      /* unless something else is said there since */
      if (g_strcmp0 (gtk_label_get_label (priv->problem_label), priv->text_problem) == 0)
        tx_editor_hide_problem (self);
      g_clear_pointer (&priv->text_problem, g_free);
    }
}

/* The rules of the form, said where they are broken, as the clerk
 * types: the sections' own (a date that is none) and the core's. */
void
tx_editor_check_form (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);
  TxEditorClass *klass = TX_EDITOR_GET_CLASS (self);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GObject) record = NULL;

  if (!is_shown (self))
    {
      priv->valid = FALSE;
      update_has_changes (self);
      update_actions (self, NULL);
      return;
    }

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_problem_free);
  record = klass->create_record (self);
  for (guint i = 0; i < priv->sections->len; i++)
    tx_editor_section_apply (SECTION (priv, i), record, problems);

  found = klass->check_record (self, record, tx_editor_get_today (self));
  g_ptr_array_extend_and_steal (problems, g_steal_pointer (&found));

  for (guint i = 0; i < priv->sections->len; i++)
    tx_editor_section_update (SECTION (priv, i), record, problems);
  show_text_problem (self, problems);

  priv->valid = problems->len == 0;
  update_has_changes (self);
  update_actions (self, record);
}

static void
on_section_changed_cb (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  if (priv->updating > 0)
    return;

  tx_editor_check_form (self);
}

/* The header */

static void
set_title_labels (TxEditor   *self,
                  const char *title,
                  const char *subtitle)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  gtk_label_set_label (priv->title_label, title);
  tx_widget_set_tooltip (GTK_WIDGET (priv->title_label), title[0] != '\0' ? title : NULL);
  gtk_label_set_label (priv->subtitle_label, subtitle);
}

/* A string property of a record: "uuid", "title". */
char *
tx_editor_dup_record_string (GObject    *record,
                             const char *property)
{
  char *value = NULL;

  g_object_get (record, property, &value, NULL);
  return value;
}

static void
update_title (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (!is_shown (self))
    set_title_labels (self, "", "");
  else if (priv->is_new)
    set_title_labels (self, _(TX_EDITOR_GET_CLASS (self)->new_title), _("Not saved yet"));
  else
    {
      title = tx_editor_dup_record_string (priv->record, "title");
      subtitle = TX_EDITOR_GET_CLASS (self)->dup_subtitle (self, priv->record);
      set_title_labels (self, title != NULL ? title : "", subtitle != NULL ? subtitle : "");
    }
}

/* Reading the record */

static void
show_error_page (TxEditor     *self,
                 const GError *error)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);
  g_autofree char *markup = NULL;

  /* Deleted, or gone with an import or a restore. */
  if (g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND))
    markup = g_markup_escape_text (_(TX_EDITOR_GET_CLASS (self)->gone), -1);
  else
    markup = g_markup_escape_text (error->message, -1);

  g_debug ("Could not read the %s %s: %s", TX_EDITOR_GET_CLASS (self)->record_kind, priv->uuid, error->message);
  adw_status_page_set_description (priv->error_page, markup);
  gtk_stack_set_visible_child_name (priv->stack, "error");
}

/* Reads the record again.  @refill: the form too, else only when the
 * clerk has not changed it. */
void
tx_editor_reload (TxEditor *self,
                  gboolean  refill)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);
  gboolean keep_form;

  g_clear_handle_id (&priv->reload_id, g_source_remove);
  priv->reload_when_shown = FALSE;

  if (priv->store == NULL || (!priv->is_new && priv->uuid == NULL))
    {
      g_clear_object (&priv->record);
      gtk_stack_set_visible_child_name (priv->stack, "empty");
      update_title (self);
      tx_editor_check_form (self);
      return;
    }

  /* Typed and not saved: the clerk's text stays. */
  keep_form = !refill && priv->has_changes;

  if (!priv->is_new)
    {
      g_autoptr(GObject) record = NULL;
      g_autoptr(GError) error = NULL;

      record = TX_EDITOR_GET_CLASS (self)->load_record (self, priv->uuid, &error);
      if (record == NULL)
        {
          g_clear_object (&priv->record);
          show_error_page (self, error);
          update_title (self);
          tx_editor_check_form (self);
          return;
        }
      g_set_object (&priv->record, record);
    }
  else if (priv->record == NULL)
    priv->record = TX_EDITOR_GET_CLASS (self)->create_record (self);

  priv->updating++;
  if (keep_form && !priv->is_new)
    {
      /* saved elsewhere meanwhile: what the clerk did not change shows it */
      g_free (priv->initial_form);
      priv->initial_form = tx_editor_merge_elsewhere (self, priv->record);
    }
  else
    for (guint i = 0; i < priv->sections->len; i++)
      tx_editor_section_set_record (SECTION (priv, i), priv->record, !keep_form);
  priv->updating--;

  if (!keep_form)
    take_form_snapshot (self);

  update_title (self);
  tx_editor_check_form (self);
  tx_editor_show_form (self);
}

static gboolean
is_affected_by (TxEditor   *self,
                const char *kind,
                const char *uuid)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);
  TxEditorClass *klass = TX_EDITOR_GET_CLASS (self);

  if (g_strcmp0 (kind, "all") == 0)
    return TRUE;
  if (klass->is_affected_by != NULL)
    return klass->is_affected_by (self, kind, uuid);

  return g_strcmp0 (kind, klass->record_kind) == 0 && (uuid == NULL || g_strcmp0 (uuid, priv->uuid) == 0);
}

static void
on_store_changed_cb (TxStore    *store,
                     const char *kind,
                     const char *uuid,
                     TxEditor   *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  /* Also a record that could not be read: it may be back. */
  if ((priv->is_new || priv->uuid != NULL) && is_affected_by (self, kind, uuid))
    tx_editor_schedule_reload (self);
}

/* Another day: what is late, and what is after today, judged again. */
static void
on_day_changed_cb (TxEditor *self)
{
  if (is_shown (self))
    tx_editor_reload (self, FALSE);
}

/* Shows @uuid, a new record (@is_new), or nothing, from the top. */
static void
show_record (TxEditor   *self,
             const char *uuid,
             gboolean    is_new)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);
  gboolean notify = g_strcmp0 (priv->uuid, uuid) != 0;

  g_free (priv->uuid);
  priv->uuid = g_strdup (uuid);
  priv->is_new = priv->store != NULL && is_new;
  g_clear_object (&priv->record);
  g_clear_pointer (&priv->initial_form, g_free);
  tx_editor_forget_elsewhere (self);

  tx_editor_hide_problem (self);
  tx_editor_reload (self, TRUE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (priv->scrolled_window), 0);

  if (priv->is_new && priv->sections->len > 0)
    gtk_widget_grab_focus (GTK_WIDGET (SECTION (priv, 0)));

  if (notify)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

/* Callbacks */

static void
on_problem_bar_response_cb (GtkInfoBar *bar,
                            int         response,
                            TxEditor   *self)
{
  if (response == GTK_RESPONSE_CLOSE)
    tx_editor_hide_problem (self);
}

static void
tx_editor_save_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  tx_editor_save (TX_EDITOR (widget), NULL);
}

/* GtkBuildable: <child type="header">, <child type="section">,
 * <child type="form"> */

static void
tx_editor_buildable_add_child (GtkBuildable *buildable,
                               GtkBuilder   *builder,
                               GObject      *child,
                               const char   *type)
{
  TxEditor *self = TX_EDITOR (buildable);
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  if (g_strcmp0 (type, "header") == 0 && GTK_IS_WIDGET (child))
    gtk_box_append (priv->header_box, GTK_WIDGET (child));
  else if ((g_strcmp0 (type, "section") == 0 || g_strcmp0 (type, "form") == 0) && GTK_IS_WIDGET (child))
    {
      gtk_box_append (priv->form_box, GTK_WIDGET (child));
      if (TX_IS_EDITOR_SECTION (child))
        {
          g_ptr_array_add (priv->sections, child);
          g_signal_connect_object (child, "changed", G_CALLBACK (on_section_changed_cb),
                                   self, G_CONNECT_SWAPPED);
        }
    }
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
tx_editor_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = tx_editor_buildable_add_child;
}

/* GObject */

static void
tx_editor_dispose (GObject *object)
{
  TxEditor *self = (TxEditor *)object;
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  /* Nothing the sections say while they go is a change. */
  priv->updating++;

  g_clear_handle_id (&priv->reload_id, g_source_remove);
  g_clear_handle_id (&priv->retry_id, g_source_remove);
  tx_editor_stop_showing_form (self);
  tx_editor_clear_file_chooser (self);
  g_clear_weak_pointer (&priv->toast);
  if (priv->store != NULL)
    g_signal_handlers_disconnect_by_func (priv->store, on_store_changed_cb, self);
  g_clear_object (&priv->store);
  if (priv->day != NULL)
    g_signal_handlers_disconnect_by_func (priv->day, on_day_changed_cb, self);
  g_clear_object (&priv->day);

  /* The box is the bin's child and holds the template's children: the
   * bin lets go of it first.  GTK 4.8 tears down the template of the
   * instance's own class whatever type it is asked for, so a subclass
   * tears down its own, and the children of this one go with the
   * editor, when it is finalized. */
  g_ptr_array_set_size (priv->sections, 0);
  adw_bin_set_child (ADW_BIN (self), NULL);
  if (G_OBJECT_TYPE (self) == TX_TYPE_EDITOR)
    gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_EDITOR);
  g_clear_object (&priv->record);

  G_OBJECT_CLASS (tx_editor_parent_class)->dispose (object);
}

static void
tx_editor_finalize (GObject *object)
{
  TxEditor *self = (TxEditor *)object;
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_clear_pointer (&priv->sections, g_ptr_array_unref);
  g_clear_pointer (&priv->uuid, g_free);
  g_clear_pointer (&priv->text_problem, g_free);
  g_clear_pointer (&priv->initial_form, g_free);
  g_clear_pointer (&priv->section_states, g_ptr_array_unref);
  g_clear_pointer (&priv->clashes, g_ptr_array_unref);
  g_clear_pointer (&priv->read_updated_at, g_free);

  G_OBJECT_CLASS (tx_editor_parent_class)->finalize (object);
}

static void
tx_editor_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TxEditor *self = TX_EDITOR (object);
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, priv->uuid);
      break;

    case PROP_DAY:
      g_value_set_object (value, priv->day);
      break;

    case PROP_HAS_CHANGES:
      g_value_set_boolean (value, priv->has_changes);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, priv->show_back_button);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_editor_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TxEditor *self = TX_EDITOR (object);
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_DAY:
      tx_editor_set_day (self, g_value_get_object (value));
      break;

    case PROP_SHOW_BACK_BUTTON:
      tx_editor_set_show_back_button (self, g_value_get_boolean (value));
      break;

    case PROP_BACK_ACTION_NAME:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (priv->back_button), g_value_get_string (value));
      break;

    case PROP_SAVE_TOOLTIP:
      gtk_widget_set_tooltip_text (GTK_WIDGET (priv->save_button), g_value_get_string (value));
      break;

    case PROP_EMPTY_ICON_NAME:
      adw_status_page_set_icon_name (priv->empty_page, g_value_get_string (value));
      break;

    case PROP_EMPTY_TITLE:
      adw_status_page_set_title (priv->empty_page, g_value_get_string (value));
      break;

    case PROP_EMPTY_DESCRIPTION:
      adw_status_page_set_description (priv->empty_page, g_value_get_string (value));
      break;

    case PROP_ERROR_TITLE:
      adw_status_page_set_title (priv->error_page, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Delete, with Undo in the toast, in the window (Ctrl+Z) and in
 * Recently Deleted: the record is only marked deleted (tx-trash.c). */

static void
on_undo_delete_clicked_cb (AdwToast *toast,
                           TxEditor *self)
{
  const char *kind = g_object_get_data (G_OBJECT (toast), "tx-kind");
  const char *uuid = g_object_get_data (G_OBJECT (toast), "tx-uuid");
  TxStore *store = g_object_get_data (G_OBJECT (toast), "tx-store");
  g_autoptr(GError) error = NULL;

  if (!tx_trash_set_deleted (store, kind, uuid, FALSE, &error))
    {
      tx_editor_report_failure (self, _("Could not bring it back"), error);
      return;
    }

  /* Back where it was, unless the clerk has gone on to another. */
  if (store == tx_editor_get_store (self) && !tx_editor_has_changes (self))
    tx_editor_set_record (self, store, uuid);
}

static void
tx_editor_delete_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TxEditor *self = TX_EDITOR (widget);
  const char *kind = TX_EDITOR_GET_CLASS (self)->record_kind;
  TxStore *store = tx_editor_get_store (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  GtkRoot *root;
  AdwToast *toast;

  if (!tx_editor_is_shown (self) || tx_editor_is_new (self))
    return;

  uuid = g_strdup (tx_editor_get_uuid (self));
  title = tx_editor_dup_record_string (tx_editor_get_record (self), "title");
  if (!tx_trash_set_deleted (store, kind, uuid, TRUE, &error))
    {
      tx_editor_report_failure (self, _("Not deleted"), error);
      return;
    }

  /* Translators: %s is a record's title */
  text = g_strdup_printf (_("“%s” was deleted"), title != NULL ? title : "");
  markup = g_markup_escape_text (text, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "tx-kind", g_strdup (kind), g_free);
  g_object_set_data_full (G_OBJECT (toast), "tx-uuid", g_strdup (uuid), g_free);
  g_object_set_data_full (G_OBJECT (toast), "tx-store", g_object_ref (store), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_delete_clicked_cb), self, 0);

  /* Ctrl+Z brings it back too, after the toast is gone */
  root = gtk_widget_get_root (widget);
  if (TX_IS_WINDOW (root))
    tx_window_note_deleted (TX_WINDOW (root), kind, uuid, title);

  tx_editor_show_nothing (self);
  tx_editor_add_toast (self, toast);
}

static void
tx_editor_class_init (TxEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_editor_dispose;
  object_class->finalize = tx_editor_finalize;
  object_class->get_property = tx_editor_get_property;
  object_class->set_property = tx_editor_set_property;
  widget_class->map = tx_editor_map;

  /**
   * TxEditor:uuid: (nullable)
   *
   * The record shown; %NULL for none, or a new one not yet saved.
   */
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxEditor:day: (nullable)
   *
   * The day the form is judged on (what is late, what is after today),
   * and stages are marked done on; tests give a fixed one.
   */
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL,
                         TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxEditor:has-changes:
   *
   * Whether the form holds something not saved.
   */
  properties[PROP_HAS_CHANGES] =
    g_param_spec_boolean ("has-changes", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxEditor:show-back-button:
   *
   * Whether to show a button back to the list: when the list and the
   * editor are folded into one pane.
   */
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxEditor:back-action-name:
   *
   * The action of the back button, provided by the page that holds the
   * editor.
   */
  properties[PROP_BACK_ACTION_NAME] =
    g_param_spec_string ("back-action-name", NULL, NULL,
                         NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_SAVE_TOOLTIP] =
    g_param_spec_string ("save-tooltip", NULL, NULL,
                         NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);

  /* What the editor shows when no record is chosen, or it cannot be read. */
  properties[PROP_EMPTY_ICON_NAME] =
    g_param_spec_string ("empty-icon-name", NULL, NULL,
                         NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_TITLE] =
    g_param_spec_string ("empty-title", NULL, NULL,
                         NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_DESCRIPTION] =
    g_param_spec_string ("empty-description", NULL, NULL,
                         NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_TITLE] =
    g_param_spec_string ("error-title", NULL, NULL,
                         NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TxEditor::saved:
   * @uuid: the record's uuid (a new one has one now)
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, tx_editor_save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, tx_editor_delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-editor.ui");
  gtk_widget_class_bind_template_child_private (widget_class, TxEditor, back_button);
  gtk_widget_class_bind_template_child_private (widget_class, TxEditor, title_label);
  gtk_widget_class_bind_template_child_private (widget_class, TxEditor, subtitle_label);
  gtk_widget_class_bind_template_child_private (widget_class, TxEditor, header_box);
  gtk_widget_class_bind_template_child_private (widget_class, TxEditor, save_button);
  gtk_widget_class_bind_template_child_private (widget_class, TxEditor, problem_bar);
  gtk_widget_class_bind_template_child_private (widget_class, TxEditor, problem_label);
  gtk_widget_class_bind_template_child_private (widget_class, TxEditor, stack);
  gtk_widget_class_bind_template_child_private (widget_class, TxEditor, empty_page);
  gtk_widget_class_bind_template_child_private (widget_class, TxEditor, error_page);
  gtk_widget_class_bind_template_child_private (widget_class, TxEditor, scrolled_window);
  gtk_widget_class_bind_template_child_private (widget_class, TxEditor, form_box);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_bar_response_cb);
}

static void
tx_editor_init (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  priv->sections = g_ptr_array_new ();
  priv->section_states = g_ptr_array_new_with_free_func (g_free);
  priv->clashes = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

/* Public API */

/**
 * tx_editor_set_record:
 * @store: (nullable): the store
 * @uuid: (nullable): the record to show, or %NULL for a new one
 *   (nothing is shown when @store is %NULL)
 *
 * Shows a record from the top of the form.  What was typed and not
 * saved is dropped: ask with tx_editor_ask_to_leave() first.
 */
void
tx_editor_set_record (TxEditor   *self,
                      TxStore    *store,
                      const char *uuid)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_return_if_fail (TX_IS_EDITOR (self));
  g_return_if_fail (store == NULL || TX_IS_STORE (store));

  if (priv->store != store)
    {
      if (priv->store != NULL)
        g_signal_handlers_disconnect_by_func (priv->store, on_store_changed_cb, self);
      g_set_object (&priv->store, store);
      if (store != NULL)
        g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
    }

  show_record (self, uuid, uuid == NULL);
}

/* Shows nothing: what tx_editor_set_record() shows without a store. */
void
tx_editor_show_nothing (TxEditor *self)
{
  g_return_if_fail (TX_IS_EDITOR (self));

  show_record (self, NULL, FALSE);
}

TxStore *
tx_editor_get_store (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_return_val_if_fail (TX_IS_EDITOR (self), NULL);

  return priv->store;
}

TxDay *
tx_editor_get_day (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_return_val_if_fail (TX_IS_EDITOR (self), NULL);

  return priv->day;
}

/**
 * tx_editor_set_day:
 * @day: (nullable): the day to work with
 */
void
tx_editor_set_day (TxEditor *self,
                   TxDay    *day)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_return_if_fail (TX_IS_EDITOR (self));
  g_return_if_fail (day == NULL || TX_IS_DAY (day));

  if (!tx_day_watch (&priv->day, day, G_CALLBACK (on_day_changed_cb), self))
    return;

  on_day_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

/* The uuid of the record shown; %NULL for none, or a new one. */
const char *
tx_editor_get_uuid (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_return_val_if_fail (TX_IS_EDITOR (self), NULL);

  return priv->uuid;
}

gboolean
tx_editor_is_new (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_return_val_if_fail (TX_IS_EDITOR (self), FALSE);

  return priv->is_new;
}

/* Whether a record, or a new one, is shown in the form. */
gboolean
tx_editor_is_shown (TxEditor *self)
{
  g_return_val_if_fail (TX_IS_EDITOR (self), FALSE);

  return is_shown (self);
}

/* Whether the form holds something not saved. */
gboolean
tx_editor_has_changes (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_return_val_if_fail (TX_IS_EDITOR (self), FALSE);

  return is_shown (self) && priv->has_changes;
}

/* Whether the form keeps every rule. */
gboolean
tx_editor_is_valid (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_return_val_if_fail (TX_IS_EDITOR (self), FALSE);

  return is_shown (self) && priv->valid;
}

/* Whether Save would save: a valid form, new or changed. */
gboolean
tx_editor_can_save (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_return_val_if_fail (TX_IS_EDITOR (self), FALSE);

  return is_shown (self) && priv->valid && (priv->is_new || priv->has_changes);
}

/* The title typed, or "". */
const char *
tx_editor_get_title (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_return_val_if_fail (TX_IS_EDITOR (self), NULL);

  for (guint i = 0; i < priv->sections->len; i++)
    {
      const char *title = tx_editor_section_get_title (SECTION (priv, i));

      if (title != NULL)
        return title;
    }

  return "";
}

gboolean
tx_editor_get_show_back_button (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_return_val_if_fail (TX_IS_EDITOR (self), FALSE);

  return priv->show_back_button;
}

void
tx_editor_set_show_back_button (TxEditor *self,
                                gboolean  show_back_button)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_return_if_fail (TX_IS_EDITOR (self));

  show_back_button = !!show_back_button;
  if (priv->show_back_button == show_back_button)
    return;

  priv->show_back_button = show_back_button;
  gtk_widget_set_visible (GTK_WIDGET (priv->back_button), show_back_button);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}

/* For the subclasses and their sections */

/**
 * tx_editor_get_record:
 *
 * Returns: (transfer none) (nullable): the record as read (or the new
 *   one), without what the form holds
 */
GObject *
tx_editor_get_record (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_return_val_if_fail (TX_IS_EDITOR (self), NULL);

  return priv->record;
}

/**
 * tx_editor_dup_record_with_form:
 *
 * The record as stored, with what the form holds: what Save writes,
 * and what documents show, saved or not.  Typed text that is not right
 * leaves the stored value.
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with @error
 */
GObject *
tx_editor_dup_record_with_form (TxEditor  *self,
                                GError   **error)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);
  g_autoptr(GPtrArray) problems = NULL;
  GObject *record;

  g_return_val_if_fail (TX_IS_EDITOR (self), NULL);
  g_return_val_if_fail (is_shown (self), NULL);

  if (priv->is_new || priv->uuid == NULL)
    record = TX_EDITOR_GET_CLASS (self)->create_record (self);
  else
    record = TX_EDITOR_GET_CLASS (self)->load_record (self, priv->uuid, error);

  if (record == NULL)
    return NULL;

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_problem_free);
  for (guint i = 0; i < priv->sections->len; i++)
    tx_editor_section_apply (SECTION (priv, i), record, problems);

  return record;
}

TxDate
tx_editor_get_today (TxEditor *self)
{
  TxEditorPrivate *priv = tx_editor_get_instance_private (self);

  g_return_val_if_fail (TX_IS_EDITOR (self), TX_DATE_NONE);

  return priv->day != NULL ? tx_day_get_today (priv->day) : tx_date_today_local ();
}
