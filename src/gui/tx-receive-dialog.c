/* tx-receive-dialog.c — 接收数据: exchange files from other offices
 *
 * The files chosen are read one after the other without writing
 * anything (a dry run each, tx-exchange-task.c), and each says what it
 * would add, update and delete here, the records changed both here and
 * by its sender (the conflicts, kept both ways when imported), and the
 * townships it names that are held here under another id: taken as
 * those here, or, with the switch, kept apart under another name.  A
 * file that cannot be imported (damaged, for another office) says why.
 * Import then takes each file that can be, one after the other, each
 * whole or not at all, after a backup, with its progress shown.
 *
 * The progress of them all is shown here, in one bar, not in a window
 * of each file's; and the window is told of what was imported once,
 * when the last file is in, not after each file: read again a hundred
 * times, a city's Overview held the window up, again and again (the
 * dialog is modal: nothing behind it can be used meanwhile).  The
 * dialog cannot be closed while files are imported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-receive-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-conflict.h"
#include "tx-exchange-task.h"
#include "tx-progress.h"
#include "tx-receive-dialog.h"
#include "tx-text-rows.h"

/* How often the bar moves */
#define PROGRESS_MS 100

typedef enum {
  FILE_WAITING,       /* to be read */
  FILE_READ,          /* read: can be imported */
  FILE_REFUSED,       /* cannot be imported, as it is */
  FILE_IMPORTED,
  FILE_NOT_IMPORTED,
} FileState;

typedef struct {
  GFile           *file;
  char            *name;
  FileState        state;
  TxImportReport   report;
  GPtrArray       *conflicts;    /* TxConflict */
  GPtrArray       *townships;    /* names */
  char            *error;
  gboolean         keep_apart;
  AdwExpanderRow  *row;
  GPtrArray       *details;      /* the rows inside it */
} Received;

struct _TxReceiveDialog
{
  AdwWindow        parent_instance;

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkListBox      *list;
  GtkWidget       *import_button;
  GtkWidget       *conflicts_button;
  GtkWidget       *close_button;
  GtkProgressBar  *progress_bar;

  /* owned references */
  TxStore         *store;
  TxDay           *day;
  GPtrArray       *files;        /* Received */
  gboolean         busy;         /* a file is read or imported */
  gboolean         importing;    /* the files are imported, one after the other */
  guint            n_listed;     /* the files' rows in the list (show_rows()) */
  TxRowPacer       pacer;        /* puts the files' rows in the list, a few a frame */

  /* how far the reading, or the import, of the files is */
  TxProgress       progress;     /* the file's, written by its worker */
  guint            n_started;    /* the files begun, of */
  guint            n_to_do;      /* the files to read, or to import */
  guint            progress_id;
  gboolean         holding;      /* the window is told of the files imported when the last is in */
};

G_DEFINE_FINAL_TYPE (TxReceiveDialog, tx_receive_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY,
  N_PROPS
};

enum {
  SHOW_CONFLICTS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void next_task (TxReceiveDialog *self);

static void
received_free (Received *received)
{
  g_clear_object (&received->file);
  g_free (received->name);
  g_clear_pointer (&received->conflicts, g_ptr_array_unref);
  g_clear_pointer (&received->townships, g_ptr_array_unref);
  g_free (received->error);
  g_clear_pointer (&received->details, g_ptr_array_unref);
  g_clear_object (&received->row);
  g_free (received);
}

/* What a file does, or would do, here */
static char *
describe_counts (const TxImportReport *report)
{
  /* Translators: what an exchange file does here */
  g_autofree char *counts = g_strdup_printf (_("adds %u, updates %u, deletes %u; %u the same here, %u kept as they are here"),
                                             report->inserted, report->updated, report->deleted,
                                             report->unchanged, report->rejected);

  if (report->conflicts == 0)
    return g_steal_pointer (&counts);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: what a file does, then its conflicts */
                                       "%s; %u conflict",
                                       "%s; %u conflicts", report->conflicts),
                          counts, report->conflicts);
}

static void
clear_details (Received *received)
{
  for (guint i = 0; received->details != NULL && i < received->details->len; i++)
    adw_expander_row_remove (received->row, g_ptr_array_index (received->details, i));
  g_clear_pointer (&received->details, g_ptr_array_unref);
}

static void
add_detail (Received  *received,
            GtkWidget *row)
{
  if (received->details == NULL)
    received->details = g_ptr_array_new ();
  g_ptr_array_add (received->details, row);
  adw_expander_row_add_row (received->row, row);
}

static void
on_keep_apart_cb (GtkSwitch       *toggle,
                  GParamSpec      *pspec,
                  TxReceiveDialog *self)
{
  Received *received = g_object_get_data (G_OBJECT (toggle), "tx-received");

  if (self->busy || self->importing || received->keep_apart == gtk_switch_get_active (toggle))
    return;

  /* read again, to say what it then does */
  received->keep_apart = gtk_switch_get_active (toggle);
  received->state = FILE_WAITING;
  next_task (self);
}

/* The row of a file, as it stands */
static void
update_row (TxReceiveDialog *self,
            Received        *received)
{
  g_autofree char *counts = NULL;
  g_autofree char *subtitle = NULL;

  clear_details (received);
  gtk_widget_remove_css_class (GTK_WIDGET (received->row), "error");

  switch (received->state)
    {
    case FILE_WAITING:
      subtitle = g_strdup (_("Being read…"));
      break;
    case FILE_READ:
      counts = describe_counts (&received->report);
      /* Translators: what a file read would do */
      subtitle = g_strdup_printf (_("Would import: %s"), counts);
      break;
    case FILE_IMPORTED:
      counts = describe_counts (&received->report);
      /* Translators: what a file imported did */
      subtitle = g_strdup_printf (_("Imported: %s"), counts);
      break;
    case FILE_REFUSED:
    case FILE_NOT_IMPORTED:
    default:
      /* Translators: why a file is not imported */
      subtitle = g_strdup_printf (_("Not imported: %s"), received->error);
      gtk_widget_add_css_class (GTK_WIDGET (received->row), "error");
      break;
    }
  adw_expander_row_set_subtitle (received->row, subtitle);

  if (received->state != FILE_READ && received->state != FILE_IMPORTED)
    {
      adw_expander_row_set_enable_expansion (received->row, FALSE);
      return;
    }

  /* inside: the townships of a name here, and each conflict */
  if (received->townships != NULL && received->townships->len > 0)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < received->townships->len; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? "、" : "", (const char *) g_ptr_array_index (received->townships, i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     received->keep_apart ? _("Kept apart under another name")
                                                          : _("Taken as the township of the same name here"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), names->str);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), received->keep_apart);
      gtk_widget_set_sensitive (toggle, received->state == FILE_READ);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Keep apart: another township, under another name"), -1);
      gtk_widget_set_tooltip_text (toggle, _("Keep apart: another township, under another name"));
      g_object_set_data (G_OBJECT (toggle), "tx-received", received);
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_keep_apart_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      add_detail (received, row);
    }
  for (guint i = 0; received->conflicts != NULL && i < received->conflicts->len; i++)
    {
      TxConflict *conflict = g_ptr_array_index (received->conflicts, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), conflict->description);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   conflict->theirs_deleted ? _("Conflict: deleted there, changed here")
                                   : conflict->ours_deleted ? _("Conflict: deleted here, changed there")
                                   : _("Conflict: changed on both sides"));
      add_detail (received, row);
    }

  adw_expander_row_set_enable_expansion (received->row, received->details != NULL);
  if (received->details == NULL)
    return;
  if (received->report.conflicts > 0 || (received->townships != NULL && received->townships->len > 0))
    adw_expander_row_set_expanded (received->row, TRUE);
}

/* The buttons, as the files stand */
static void
update_buttons (TxReceiveDialog *self)
{
  gboolean can_import = FALSE;
  gboolean imported = FALSE;
  guint conflicts = 0;

  for (guint i = 0; i < self->files->len; i++)
    {
      Received *received = g_ptr_array_index (self->files, i);

      can_import = can_import || received->state == FILE_READ;
      imported = imported || received->state == FILE_IMPORTED;
      if (received->state == FILE_IMPORTED)
        conflicts += received->report.conflicts;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receive.import", can_import && !self->busy && !self->importing);
  gtk_widget_set_visible (self->import_button, !imported);
  gtk_widget_set_visible (self->conflicts_button, imported && conflicts > 0);
}

static Received *
find_state (TxReceiveDialog *self,
            FileState        state)
{
  for (guint i = 0; i < self->files->len; i++)
    {
      Received *received = g_ptr_array_index (self->files, i);

      if (received->state == state)
        return received;
    }

  return NULL;
}

/* When every file was imported (or not): what came of it */
static void
tell_imported (TxReceiveDialog *self)
{
  guint imported = 0;
  guint conflicts = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->files->len; i++)
    {
      Received *received = g_ptr_array_index (self->files, i);

      if (received->state == FILE_IMPORTED)
        {
          imported++;
          conflicts += received->report.conflicts;
        }
    }

  if (conflicts > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: how many files were imported (%u), and how many conflicts they brought */
                                         "%u of the files imported, with %u conflict to decide.",
                                         "%u of the files imported, with %u conflicts to decide.", conflicts),
                            imported, conflicts);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file imported.", "%u files imported.", imported),
                            imported);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* The bar: the files done and how far the one begun is */
static gboolean
on_progress_cb (gpointer user_data)
{
  TxReceiveDialog *self = user_data;
  int total = g_atomic_int_get (&self->progress.total);
  int done = g_atomic_int_get (&self->progress.done);
  double file = total > 0 ? CLAMP ((double) done / total, 0, 1) : 0;
  g_autofree char *text = NULL;

  if (self->n_to_do == 0)
    return G_SOURCE_CONTINUE;

  gtk_progress_bar_set_fraction (self->progress_bar, (self->n_started - 1 + file) / self->n_to_do);
  text = g_strdup_printf (self->importing
                          /* Translators: the progress of the files received, "正在导入第 %u 个文件，共 %u 个…" */
                          ? _("Importing file %u of %u…")
                          /* Translators: the progress of the files received, "正在读取第 %u 个文件，共 %u 个…" */
                          : _("Reading file %u of %u…"),
                          self->n_started, self->n_to_do);
  if (g_strcmp0 (gtk_progress_bar_get_text (self->progress_bar), text) != 0)
    {
      gtk_progress_bar_set_text (self->progress_bar, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
    }

  return G_SOURCE_CONTINUE;
}

/* The files to read, or to import, from now: @n of them */
static void
start_progress (TxReceiveDialog *self,
                guint            n)
{
  self->n_started = 0;
  self->n_to_do = n;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), n > 0);
  if (n > 0 && self->progress_id == 0)
    self->progress_id = g_timeout_add (PROGRESS_MS, on_progress_cb, self);
}

static void
stop_progress (TxReceiveDialog *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->n_to_do = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
}

/* The window learns what was imported (every page reads again) */
static void
tell_window (TxReceiveDialog *self)
{
  if (!self->holding || self->store == NULL)
    return;

  self->holding = FALSE;
  tx_store_let_go_other_writers (self->store);
}

static void
on_task_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TxReceiveDialog *self = TX_RECEIVE_DIALOG (source);
  Received *received = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->busy = FALSE;
  g_clear_pointer (&received->conflicts, g_ptr_array_unref);
  g_clear_pointer (&received->townships, g_ptr_array_unref);
  g_clear_pointer (&received->error, g_free);
  ok = tx_exchange_task_finish_full (result, &received->report, &received->conflicts, &received->townships, &error);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      tell_window (self);
      return;
    }

  if (self->importing)
    received->state = ok ? FILE_IMPORTED : FILE_NOT_IMPORTED;
  else
    received->state = ok ? FILE_READ : FILE_REFUSED;
  if (!ok)
    received->error = g_strdup (error->message);

  update_row (self, received);
  next_task (self);
}

/* The next file to read, or to import; or, when none is, the buttons */
static void
next_task (TxReceiveDialog *self)
{
  Received *received;
  TxExchangeTaskOptions options = { 0, };

  if (self->busy)
    return;

  received = find_state (self, FILE_WAITING);
  if (received == NULL && self->importing)
    {
      received = find_state (self, FILE_READ);
      if (received == NULL)
        {
          self->importing = FALSE;
          tell_window (self);
          tell_imported (self);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.close", TRUE);
          gtk_window_set_deletable (GTK_WINDOW (self), TRUE);
        }
    }

  if (received == NULL)
    {
      stop_progress (self);
      update_buttons (self);
      return;
    }

  self->busy = TRUE;
  /* a file read again (kept apart): a bar of its own */
  if (self->n_started >= self->n_to_do)
    start_progress (self, 1);
  self->n_started++;
  update_buttons (self);
  if (!self->importing)
    update_row (self, received);
  options.keep_townships_apart = received->keep_apart;
  /* the first file imported backs the database up, for them all */
  options.backed_up = self->importing && find_state (self, FILE_IMPORTED) != NULL;
  options.progress = &self->progress;
  tx_exchange_task_run_with (GTK_WINDOW (self), self->store,
                             self->importing ? TX_EXCHANGE_TASK_IMPORT : TX_EXCHANGE_TASK_PREVIEW,
                             received->file, tx_day_get_today (self->day), &options, on_task_done_cb, received);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TxReceiveDialog *self = TX_RECEIVE_DIALOG (widget);

  guint n = 0;

  if (self->busy || self->importing)
    return;

  for (guint i = 0; i < self->files->len; i++)
    n += ((Received *) g_ptr_array_index (self->files, i))->state == FILE_READ;
  self->importing = TRUE;
  /* each file is imported whole: not to be left half-way through them */
  gtk_widget_action_set_enabled (widget, "window.close", FALSE);
  gtk_window_set_deletable (GTK_WINDOW (widget), FALSE);
  start_progress (self, n);
  tx_store_hold_other_writers (self->store);
  self->holding = TRUE;
  next_task (self);
}

static void
conflicts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_signal_emit (widget, signals[SHOW_CONFLICTS], 0);
}

static void
tx_receive_dialog_dispose (GObject *object)
{
  TxReceiveDialog *self = TX_RECEIVE_DIALOG (object);

  tx_row_pacer_stop (&self->pacer);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  tell_window (self);
  g_clear_object (&self->store);
  g_clear_object (&self->day);

  G_OBJECT_CLASS (tx_receive_dialog_parent_class)->dispose (object);
}

static void
tx_receive_dialog_finalize (GObject *object)
{
  TxReceiveDialog *self = TX_RECEIVE_DIALOG (object);

  /* kept until here: a task that was running holds the dialog, and
   * tells its file when it ends */
  g_clear_pointer (&self->files, g_ptr_array_unref);

  G_OBJECT_CLASS (tx_receive_dialog_parent_class)->finalize (object);
}

static void
tx_receive_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TxReceiveDialog *self = TX_RECEIVE_DIALOG (object);

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
tx_receive_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TxReceiveDialog *self = TX_RECEIVE_DIALOG (object);

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

static void     tx_receive_dialog_map (GtkWidget *widget);
static gboolean show_rows             (gpointer   data,
                                       gboolean   all);

static void
tx_receive_dialog_class_init (TxReceiveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_receive_dialog_dispose;
  object_class->finalize = tx_receive_dialog_finalize;
  object_class->get_property = tx_receive_dialog_get_property;
  object_class->set_property = tx_receive_dialog_set_property;
  widget_class->map = tx_receive_dialog_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL, TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TxReceiveDialog::show-conflicts:
   *
   * The files imported brought conflicts, and the clerk asks to decide them.
   */
  signals[SHOW_CONFLICTS] =
    g_signal_new ("show-conflicts", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-receive-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TxReceiveDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TxReceiveDialog, list);
  gtk_widget_class_bind_template_child (widget_class, TxReceiveDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TxReceiveDialog, conflicts_button);
  gtk_widget_class_bind_template_child (widget_class, TxReceiveDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TxReceiveDialog, close_button);

  gtk_widget_class_install_action (widget_class, "receive.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "receive.conflicts", NULL, conflicts_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tx_receive_dialog_init (TxReceiveDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tx_row_pacer_init (&self->pacer, GTK_WIDGET (self->list), show_rows, self);
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) received_free);
}

/* The files' rows, in the list: as many as the frame allows
 * (tx_text_rows_frame_allows()), or all (@all).  A city's hundred rows
 * laid out at once stalled the window.  Whether rows are left. */
static gboolean
show_rows (gpointer data,
           gboolean all)
{
  TxReceiveDialog *self = data;

  for (; self->n_listed < self->files->len; self->n_listed++)
    {
      Received *received = g_ptr_array_index (self->files, self->n_listed);
      const char *subtitle = adw_expander_row_get_subtitle (received->row);

      if (!all && !tx_text_rows_frame_allows (GTK_WIDGET (self->list), 1 + tx_text_rows_count_lines (subtitle)))
        break;
      gtk_list_box_append (self->list, GTK_WIDGET (received->row));
    }

  return self->n_listed < self->files->len;
}

/* On screen: the rows, a few a frame */
static void
tx_receive_dialog_map (GtkWidget *widget)
{
  TxReceiveDialog *self = TX_RECEIVE_DIALOG (widget);

  GTK_WIDGET_CLASS (tx_receive_dialog_parent_class)->map (widget);
  if (self->n_listed < self->files->len)
    tx_row_pacer_start (&self->pacer);
}

/**
 * tx_receive_dialog_new:
 * @files: (element-type GFile): the exchange files chosen
 * @day: the day of the import
 *
 * Returns: (transfer floating): a dialog that reads @files at once, and
 *   imports them when asked
 */
TxReceiveDialog *
tx_receive_dialog_new (GtkWindow *parent,
                       TxStore   *store,
                       TxDay     *day,
                       GPtrArray *files)
{
  TxReceiveDialog *self = g_object_new (TX_TYPE_RECEIVE_DIALOG,
                                        "transient-for", parent,
                                        "store", store,
                                        "day", day,
                                        NULL);

  for (guint i = 0; i < files->len; i++)
    {
      Received *received = g_new0 (Received, 1);

      received->file = g_object_ref (g_ptr_array_index (files, i));
      received->name = g_file_get_basename (received->file);
      /* kept until it is in the list */
      received->row = g_object_ref_sink (ADW_EXPANDER_ROW (adw_expander_row_new ()));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (received->row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (received->row), received->name);
      g_ptr_array_add (self->files, received);
      update_row (self, received);
    }
  /* the rows are listed when the dialog is shown (map) */
  start_progress (self, files->len);
  next_task (self);

  return self;
}

/**
 * tx_receive_dialog_is_busy:
 *
 * Returns: whether a file is being read or imported
 */
gboolean
tx_receive_dialog_is_busy (TxReceiveDialog *self)
{
  g_return_val_if_fail (TX_IS_RECEIVE_DIALOG (self), FALSE);

  return self->busy || self->importing;
}
