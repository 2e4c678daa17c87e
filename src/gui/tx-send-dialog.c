/* tx-send-dialog.c — 报送数据: an exchange file for the city office
 *
 * One township's records (the township's own, for a township office;
 * any one, or all, for the city), everything or what changed since the
 * last file of that township was written, as a compressed exchange
 * file with a checksum, named so that a clerk tells files apart
 * (township, day, whole or changes).  Below, the files written before,
 * the last first.  The file is written in a thread of its own
 * (tx-exchange-task.c), whole or not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-send-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-exchange-task.h"
#include "tx-file-chooser.h"
#include "tx-file-toast.h"
#include "tx-office.h"
#include "tx-send-dialog.h"
#include "tx-settings.h"
#include "tx-township-model.h"

/* How many of the files written before are listed */
#define SENT_SHOWN 20

struct _TxSendDialog
{
  AdwWindow        parent_instance;

  /* template children */
  AdwToastOverlay *toast_overlay;
  AdwComboRow     *township_row;
  AdwActionRow    *changes_row;
  GtkCheckButton  *everything_check;
  GtkCheckButton  *changes_check;
  GtkWidget       *issue_row;
  GtkCheckButton  *issue_check;
  GtkListBox      *sent_list;

  /* owned references */
  TxStore         *store;
  TxDay           *day;
  TxTownshipModel *townships;
  GPtrArray       *sent;       /* TxSent, the last first */
  gboolean         busy;
};

G_DEFINE_FINAL_TYPE (TxSendDialog, tx_send_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The township chosen: its uuid, or NULL for every one */
static const char *
get_township (TxSendDialog *self)
{
  return tx_township_model_get_uuid (self->townships, adw_combo_row_get_selected (self->township_row));
}

/* The last file written of the township chosen (of every record), or NULL */
static const TxSent *
last_sent (TxSendDialog *self)
{
  const char *township = get_township (self);

  for (guint i = 0; self->sent != NULL && i < self->sent->len; i++)
    {
      const TxSent *sent = g_ptr_array_index (self->sent, i);

      if (g_strcmp0 (sent->township, township) == 0)
        return sent;
    }

  return NULL;
}

/* "What changed since the last file", said with when the last was */
static void
update_changes_row (TxSendDialog *self)
{
  const TxSent *last = last_sent (self);
  g_autofree char *subtitle = NULL;

  if (last != NULL)
    {
      g_autofree char *when = tx_timestamp_format_local (last->written_at);

      /* Translators: when the last file of the township was written, and its name */
      subtitle = g_strdup_printf (_("Since the last file, written %s (%s)."), when, last->file);
    }
  else
    subtitle = g_strdup (_("No file of this township was written yet: everything is sent."));

  adw_action_row_set_subtitle (self->changes_row, subtitle);
}

static GtkWidget *
create_sent_row (const TxSent *sent)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = tx_timestamp_format_local (sent->written_at);
  g_autofree char *since = sent->since != NULL ? tx_timestamp_format_local (sent->since) : NULL;
  g_autofree char *subtitle = NULL;
  const char *township = sent->township_name != NULL ? sent->township_name : _("All townships");

  if (since != NULL)
    /* Translators: when a file was written, of which township, and from when what it holds changed */
    subtitle = g_strdup_printf (_("%s · %s · what changed since %s"), when, township, since);
  else
    /* Translators: when a file was written, and of which township */
    subtitle = g_strdup_printf (_("%s · %s · everything"), when, township);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sent->file);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static void
reload_sent (TxSendDialog *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sent_list))) != NULL)
    gtk_list_box_remove (self->sent_list, child);

  g_clear_pointer (&self->sent, g_ptr_array_unref);
  self->sent = tx_office_list_sent (self->store, SENT_SHOWN, &error);
  if (self->sent == NULL)
    g_warning ("Could not read the files sent: %s", error->message);

  for (guint i = 0; self->sent != NULL && i < self->sent->len; i++)
    gtk_list_box_append (self->sent_list, create_sent_row (g_ptr_array_index (self->sent, i)));

  if (self->sent == NULL || self->sent->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No file was written yet."));
      gtk_list_box_append (self->sent_list, row);
    }

  update_changes_row (self);
}

static void
on_township_selected_cb (AdwComboRow  *row,
                         GParamSpec   *pspec,
                         TxSendDialog *self)
{
  if (self->sent != NULL)
    update_changes_row (self);
}

/* 下发 goes to every township: no township to choose */
static void
on_issue_toggled_cb (GtkCheckButton *check,
                     TxSendDialog   *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->township_row), !gtk_check_button_get_active (check));
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  TxSendDialog *self = TX_SEND_DIALOG (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *text = NULL;

  self->busy = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "send.choose", TRUE);
  if (!tx_exchange_task_finish (result, NULL, &error))
    {
      if (gtk_widget_in_destruction (GTK_WIDGET (self)))
        return;
      /* Translators: %s says why */
      text = g_strdup_printf (_("The file was not written: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  /* Translators: %s is the path of the file written */
  text = g_strdup_printf (_("Written as “%s”: send it to the city office."), path);
  adw_toast_overlay_add_toast (self->toast_overlay, tx_file_toast_new (text, file));
  reload_sent (self);
}

/**
 * tx_send_dialog_send_to:
 * @file: where to write
 *
 * Writes what the dialog says to @file, in a thread of its own.
 */
void
tx_send_dialog_send_to (TxSendDialog *self,
                        GFile        *file)
{
  TxExchangeTaskOptions options = { 0, };

  g_return_if_fail (TX_IS_SEND_DIALOG (self));

  if (self->busy)
    return;

  options.issue = gtk_check_button_get_active (self->issue_check);
  options.township = options.issue ? NULL : get_township (self);
  options.since_last = gtk_check_button_get_active (self->changes_check);
  self->busy = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "send.choose", FALSE);
  tx_exchange_task_run_with (GTK_WINDOW (self), self->store, TX_EXCHANGE_TASK_EXPORT, file,
                             tx_day_get_today (self->day), &options, on_written_cb, g_object_ref (file));
}

/**
 * tx_send_dialog_suggest_name:
 *
 * Returns: (transfer full): the name the file is offered under
 */
char *
tx_send_dialog_suggest_name (TxSendDialog *self)
{
  guint position;

  g_return_val_if_fail (TX_IS_SEND_DIALOG (self), NULL);

  if (gtk_check_button_get_active (self->issue_check))
    return tx_office_suggest_file_name (NULL, tx_day_get_today (self->day), TX_SENT_ISSUE);

  position = adw_combo_row_get_selected (self->township_row);
  return tx_office_suggest_file_name (get_township (self) != NULL ? tx_township_model_get_name (self->townships, position) : NULL,
                                      tx_day_get_today (self->day),
                                      gtk_check_button_get_active (self->changes_check) && last_sent (self) != NULL
                                      ? TX_SENT_CHANGES : TX_SENT_EVERYTHING);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        TxSendDialog    *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file != NULL)
    tx_send_dialog_send_to (self, file);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TxSendDialog *self = TX_SEND_DIALOG (widget);
  g_autofree char *name = tx_send_dialog_suggest_name (self);
  GtkFileChooserNative *chooser;

  chooser = tx_file_chooser_new_save (GTK_WINDOW (self), _("Write the File to Send"), NULL, name,
                                      _("Tongxin exchange files"), "xml.gz", NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
tx_send_dialog_constructed (GObject *object)
{
  TxSendDialog *self = TX_SEND_DIALOG (object);
  g_autoptr(GError) error = NULL;
  gboolean city = g_strcmp0 (tx_settings_get_office_kind (tx_store_get_settings (self->store)), "city") == 0;
  guint n;

  G_OBJECT_CLASS (tx_send_dialog_parent_class)->constructed (object);

  if (!tx_township_model_fill (self->townships, self->store, &error))
    g_warning ("Could not read the townships: %s", error->message);
  adw_combo_row_set_model (self->township_row, G_LIST_MODEL (self->townships));

  /* a township's office sends its township; the city, all of them,
   * or what it issues */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->townships));
  adw_combo_row_set_selected (self->township_row, !city && n == 2 ? 1 : 0);
  gtk_widget_set_visible (self->issue_row, city);

  reload_sent (self);
}

static void
tx_send_dialog_dispose (GObject *object)
{
  TxSendDialog *self = TX_SEND_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->day);
  g_clear_object (&self->townships);
  g_clear_pointer (&self->sent, g_ptr_array_unref);

  G_OBJECT_CLASS (tx_send_dialog_parent_class)->dispose (object);
}

static void
tx_send_dialog_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TxSendDialog *self = TX_SEND_DIALOG (object);

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
tx_send_dialog_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TxSendDialog *self = TX_SEND_DIALOG (object);

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
tx_send_dialog_class_init (TxSendDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tx_send_dialog_constructed;
  object_class->dispose = tx_send_dialog_dispose;
  object_class->get_property = tx_send_dialog_get_property;
  object_class->set_property = tx_send_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL, TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-send-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TxSendDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TxSendDialog, township_row);
  gtk_widget_class_bind_template_child (widget_class, TxSendDialog, changes_row);
  gtk_widget_class_bind_template_child (widget_class, TxSendDialog, everything_check);
  gtk_widget_class_bind_template_child (widget_class, TxSendDialog, changes_check);
  gtk_widget_class_bind_template_child (widget_class, TxSendDialog, sent_list);
  gtk_widget_class_bind_template_child (widget_class, TxSendDialog, issue_row);
  gtk_widget_class_bind_template_child (widget_class, TxSendDialog, issue_check);
  gtk_widget_class_bind_template_callback (widget_class, on_township_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_issue_toggled_cb);

  gtk_widget_class_install_action (widget_class, "send.choose", NULL, choose_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tx_send_dialog_init (TxSendDialog *self)
{
  self->townships = tx_township_model_new (_("All townships"));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tx_send_dialog_new:
 * @day: the day the file is written on
 *
 * Returns: (transfer floating): the dialog that writes a file to send
 */
TxSendDialog *
tx_send_dialog_new (GtkWindow *parent,
                    TxStore   *store,
                    TxDay     *day)
{
  return g_object_new (TX_TYPE_SEND_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "day", day,
                       NULL);
}

/**
 * tx_send_dialog_set_changes_only:
 *
 * Chooses between everything and what changed since the last file.
 */
void
tx_send_dialog_set_changes_only (TxSendDialog *self,
                                 gboolean      changes_only)
{
  g_return_if_fail (TX_IS_SEND_DIALOG (self));

  gtk_check_button_set_active (changes_only ? self->changes_check : self->everything_check, TRUE);
}

/**
 * tx_send_dialog_set_issue:
 *
 * Chooses what the city sends its townships (下发), at the city office.
 */
void
tx_send_dialog_set_issue (TxSendDialog *self)
{
  g_return_if_fail (TX_IS_SEND_DIALOG (self));

  if (gtk_widget_get_visible (self->issue_row))
    gtk_check_button_set_active (self->issue_check, TRUE);
}

/**
 * tx_send_dialog_is_busy:
 *
 * Returns: whether the file is being written
 */
gboolean
tx_send_dialog_is_busy (TxSendDialog *self)
{
  g_return_val_if_fail (TX_IS_SEND_DIALOG (self), FALSE);

  return self->busy;
}
