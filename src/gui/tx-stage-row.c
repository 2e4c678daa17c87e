/* tx-stage-row.c — one of the six stages of a consultation: its due
 * date, where it stands today, and "Done Today" or "Undo Done"
 *
 * The due date is part of the form (kept with Save); marking the stage
 * done or not is kept at once, by the section, which hears
 * TxStageRow::mark-done and TxStageRow::mark-not-done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-stage-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-date-picker.h"
#include "tx-editor-section.h"
#include "tx-rules.h"
#include "tx-stage-row.h"
#include "tx-off-reason.h"
#include "tx-vocabulary.h"

struct _TxStageRow
{
  AdwActionRow  parent_instance;

  /* template children */
  GtkImage     *icon;
  GtkEntry     *due_entry;
  GtkButton    *done_button;
  GtkMenuButton *done_day_button;
  GtkPopover   *done_day_popover;
  GtkCalendar  *done_calendar;
  GtkButton    *done_day_confirm;
  GtkButton    *undo_button;

  /* state */
  TxStage       stage;
  TxDate        today;
  char         *due_name;   /* "Due date of Research" */
};

G_DEFINE_FINAL_TYPE (TxStageRow, tx_stage_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_STAGE,
  N_PROPS
};

enum {
  CHANGED,
  MARK_DONE,
  MARK_NOT_DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_due_entry_changed_cb (TxStageRow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_due_entry_activate_cb (TxStageRow *self)
{
  tx_editor_section_save_on_enter (GTK_WIDGET (self));
}

static void
on_done_button_clicked_cb (TxStageRow *self)
{
  g_signal_emit (self, signals[MARK_DONE], 0, (int) self->today);
}

static TxDate
get_calendar_day (TxStageRow *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->done_calendar);

  return tx_date_new (g_date_time_get_year (day), g_date_time_get_month (day), g_date_time_get_day_of_month (day));
}

/* A stage is not done in the future: the button says so. */
static void
on_done_calendar_day_selected_cb (TxStageRow *self)
{
  gboolean future = get_calendar_day (self) > self->today;

  gtk_widget_set_sensitive (GTK_WIDGET (self->done_day_confirm), !future);
  tx_widget_set_tooltip (GTK_WIDGET (self->done_day_confirm),
                               future ? _("A stage cannot be done after today") : NULL);
}

/* The calendar opens on today. */
static void
on_done_day_popover_show_cb (TxStageRow *self)
{
  g_autoptr(GDateTime) today = g_date_time_new_local (tx_date_get_year (self->today), tx_date_get_month (self->today),
                                                      tx_date_get_day (self->today), 0, 0, 0);

  gtk_calendar_select_day (self->done_calendar, today);
  on_done_calendar_day_selected_cb (self);
}

static void
on_done_day_confirm_clicked_cb (TxStageRow *self)
{
  TxDate day = get_calendar_day (self);

  if (day > self->today)
    return;

  gtk_popover_popdown (self->done_day_popover);
  g_signal_emit (self, signals[MARK_DONE], 0, (int) day);
}

static void
on_undo_button_clicked_cb (TxStageRow *self)
{
  g_signal_emit (self, signals[MARK_NOT_DONE], 0);
}

static void
tx_stage_row_constructed (GObject *object)
{
  TxStageRow *self = (TxStageRow *)object;
  g_autofree char *title = NULL;
  g_autofree char *undo_name = NULL;
  g_autofree char *day_name = NULL;

  G_OBJECT_CLASS (tx_stage_row_parent_class)->constructed (object);

  /* Translators: the number of a stage and its name, “2. Research” */
  title = g_strdup_printf (_("%u. %s"), self->stage + 1, tx_stage_get_label (self->stage));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);

  /* Translators: %s is a stage, “Research” */
  self->due_name = g_strdup_printf (_("Due date of %s"), tx_stage_get_label (self->stage));
  gtk_entry_set_icon_tooltip_text (self->due_entry, GTK_ENTRY_ICON_PRIMARY, self->due_name);
  tx_widget_set_tooltip (GTK_WIDGET (self->due_entry), self->due_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->due_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->due_name,
                                  -1);

  /* Translators: %s is a stage, “Research” */
  undo_name = g_strdup_printf (_("Mark %s not done"), tx_stage_get_label (self->stage));
  tx_widget_set_tooltip (GTK_WIDGET (self->undo_button), undo_name);

  /* Translators: %s is a stage, “Research” */
  day_name = g_strdup_printf (_("%s done on another day…"), tx_stage_get_label (self->stage));
  tx_widget_set_tooltip (GTK_WIDGET (self->done_day_button), day_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->done_day_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, day_name, -1);
}

static void
tx_stage_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TX_TYPE_STAGE_ROW);

  G_OBJECT_CLASS (tx_stage_row_parent_class)->dispose (object);
}

static void
tx_stage_row_finalize (GObject *object)
{
  TxStageRow *self = (TxStageRow *)object;

  g_free (self->due_name);

  G_OBJECT_CLASS (tx_stage_row_parent_class)->finalize (object);
}

static void
tx_stage_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TxStageRow *self = TX_STAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_int (value, self->stage);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_stage_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TxStageRow *self = TX_STAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      self->stage = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_stage_row_class_init (TxStageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tx_stage_row_constructed;
  object_class->dispose = tx_stage_row_dispose;
  object_class->finalize = tx_stage_row_finalize;
  object_class->get_property = tx_stage_row_get_property;
  object_class->set_property = tx_stage_row_set_property;

  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL,
                      0, TX_N_STAGES - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The due date was typed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * TxStageRow::mark-done:
   * @done: the TxDate it was done on: today, or a day chosen before it
   */
  signals[MARK_DONE] = g_signal_new ("mark-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /* "Undo Done" was clicked. */
  signals[MARK_NOT_DONE] = g_signal_new ("mark-not-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-stage-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TxStageRow, icon);
  gtk_widget_class_bind_template_child (widget_class, TxStageRow, due_entry);
  gtk_widget_class_bind_template_child (widget_class, TxStageRow, done_button);
  gtk_widget_class_bind_template_child (widget_class, TxStageRow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, TxStageRow, done_day_button);
  gtk_widget_class_bind_template_child (widget_class, TxStageRow, done_day_popover);
  gtk_widget_class_bind_template_child (widget_class, TxStageRow, done_calendar);
  gtk_widget_class_bind_template_child (widget_class, TxStageRow, done_day_confirm);
  gtk_widget_class_bind_template_callback (widget_class, on_done_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_day_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_day_confirm_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_due_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_due_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_button_clicked_cb);
}

static void
tx_stage_row_init (TxStageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tx_date_picker_attach_to_entry (self->due_entry);
}

/**
 * tx_stage_row_new:
 * @buttons: the size group of the buttons of all six, so they line up
 */
GtkWidget *
tx_stage_row_new (TxStage       stage,
                  GtkSizeGroup *buttons)
{
  TxStageRow *self = g_object_new (TX_TYPE_STAGE_ROW, "stage", stage, NULL);

  gtk_size_group_add_widget (buttons, GTK_WIDGET (self->done_button));
  gtk_size_group_add_widget (buttons, GTK_WIDGET (self->undo_button));

  return GTK_WIDGET (self);
}

TxStage
tx_stage_row_get_stage (TxStageRow *self)
{
  g_return_val_if_fail (TX_IS_STAGE_ROW (self), TX_STAGE_SELECTION);

  return self->stage;
}

/* The due date, as typed. */
GtkEditable *
tx_stage_row_get_due_entry (TxStageRow *self)
{
  g_return_val_if_fail (TX_IS_STAGE_ROW (self), NULL);

  return GTK_EDITABLE (self->due_entry);
}

static void
set_state_icon (TxStageRow *self,
                const char *icon_name,
                const char *css_class,
                const char *tooltip)
{
  const char *classes[] = { "success", "error", "warning", "dim-label" };

  gtk_image_set_from_icon_name (self->icon, icon_name);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), css_class);
  tx_widget_set_tooltip (GTK_WIDGET (self->icon), tooltip);
}

/**
 * tx_stage_row_show:
 * @due: the due date shown: the one typed when it is a date
 * @done: (nullable): the day it was done, YYYY-MM-DD
 * @current: whether it is the stage the consultation has reached
 * @can_mark: whether it can be marked done: a new consultation is
 *   saved first
 * @today: the day to judge on
 *
 * Says where the stage stands, as the ledger and the calendar judge it.
 */
void
tx_stage_row_show (TxStageRow *self,
                   TxDate      due,
                   const char *done,
                   gboolean    current,
                   gboolean    can_mark,
                   TxDate      today)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *text = NULL;
  TxStageStatus status;
  char due_text[11];

  g_return_if_fail (TX_IS_STAGE_ROW (self));

  tx_stage_status_from_dates (due, tx_date_from_iso (done), today, &status);
  if (done != NULL && status.state != TX_STAGE_STATE_DONE)
    status.state = TX_STAGE_STATE_DONE;
  tx_date_write_iso (due, due_text);

  switch (status.state)
    {
    case TX_STAGE_STATE_DONE:
      /* Translators: %s is a date, 2026-05-12 */
      text = g_strdup_printf (_("Done on %s"), done);
      break;

    case TX_STAGE_STATE_OVERDUE:
      /* Translators: %d is a number of days, %s the due date */
      text = g_strdup_printf (ngettext ("Overdue by %d day (due %s)", "Overdue by %d days (due %s)", status.days),
                              status.days, due_text);
      break;

    case TX_STAGE_STATE_UPCOMING:
    case TX_STAGE_STATE_DUE_TODAY:
      if (status.days == 0)
        text = g_strdup (_("Due today"));
      else
        /* Translators: %d is a number of days, %s the due date */
        text = g_strdup_printf (ngettext ("Due in %d day, on %s", "Due in %d days, on %s", status.days),
                                status.days, due_text);
      break;

    case TX_STAGE_STATE_NO_DUE_DATE:
    default:
      text = g_strdup (_("No due date"));
      break;
    }

  if (current)
    /* Translators: the stage a consultation has reached, then its state */
    subtitle = g_strdup_printf (_("Current stage · %s"), text);
  else
    subtitle = g_steal_pointer (&text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  if (status.state == TX_STAGE_STATE_DONE)
    set_state_icon (self, "emblem-ok-symbolic", "success", subtitle);
  else if (status.state == TX_STAGE_STATE_OVERDUE)
    set_state_icon (self, "dialog-warning-symbolic", "error", subtitle);
  else if (status.state == TX_STAGE_STATE_NO_DUE_DATE)
    set_state_icon (self, "radio-symbolic", "dim-label", subtitle);
  else if (status.days <= 7)
    /* Soon: an alarm; later: an empty box of the checklist. */
    set_state_icon (self, "alarm-symbolic", "warning", subtitle);
  else
    set_state_icon (self, "radio-symbolic", "dim-label", subtitle);

  self->today = today;
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), done == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->done_day_button), done == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), done != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->done_button), can_mark);
  gtk_widget_set_sensitive (GTK_WIDGET (self->done_day_button), can_mark);
  tx_widget_set_off_reason (GTK_WIDGET (self->done_button),
                            can_mark ? NULL : _("Save the new consultation first"));
  tx_widget_set_off_reason (GTK_WIDGET (self->done_day_button),
                            can_mark ? NULL : _("Save the new consultation first"));
}

/**
 * tx_stage_row_show_problem:
 * @problem: (nullable): what is wrong with the due date typed
 */
void
tx_stage_row_show_problem (TxStageRow *self,
                           const char *problem)
{
  g_return_if_fail (TX_IS_STAGE_ROW (self));

  tx_editor_section_show_problem (GTK_WIDGET (self->due_entry), NULL, problem);
  tx_widget_set_tooltip (GTK_WIDGET (self->due_entry), problem != NULL ? problem : self->due_name);
}
