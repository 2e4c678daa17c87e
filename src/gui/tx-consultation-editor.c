/* tx-consultation-editor.c — one consultation: details, the six stages,
 * participants and attendance, the composition check, minutes and the
 * recommendations
 *
 * Two kinds of change live side by side here.  The details, the due
 * dates and the minutes are a form: typed freely, checked as they are
 * typed, and written together by Save.  Marking a stage done, inviting
 * or removing someone, their role and their attendance are kept at once,
 * each through its own call of the core, which applies its rule (the
 * order of the stages).
 *
 * The editor listens to TxStore::changed and reads the consultation
 * again (from an idle, so a click that changed the store has finished
 * with its row first).  The rows are updated where they are, so the
 * scroll position and the focus stay; the form is read again only when
 * the clerk has not changed it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultation-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-consultation-edit.h"
#include "tx-consultation-editor-private.h"
#include "tx-day.h"
#include "tx-minutes-document.h"
#include "tx-participant-picker.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-rules.h"
#include "tx-settings.h"
#include "tx-signin-document.h"
#include "tx-vocabulary.h"
#include "tx-workflow.h"

/* Meetings are held in China: times are kept with this offset. */
#define MEETING_TIME_ZONE "+08:00"

/* The blank rows of a sign-in sheet when the setting is absent, as in
 * tongxin-cli. */
#define DEFAULT_BLANK_ROWS 5

G_DEFINE_FINAL_TYPE (TxConsultationEditor, tx_consultation_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DAY,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void reload                    (TxConsultationEditor *self,
                                       gboolean              refresh_form);

/* Text */

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static char *
dup_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
set_buffer_text (GtkTextBuffer *buffer,
                 const char    *text)
{
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
}

static void
set_editable_text (gpointer    editable,
                   const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text != NULL ? text : "");
}

/* Dates and times */

static TxDate
get_today (TxConsultationEditor *self)
{
  return self->day != NULL ? tx_day_get_today (self->day) : tx_date_today_local ();
}

/* As clerks write dates and times: 2026-12-10 09:00, 2026/12/10 9:00,
 * 2026.12.10 09：00, with full-width digits or a T. */
static char *
normalize_time_text (const char *text)
{
  GString *normal = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xFF1A)                          /* ： */
        c = ':';
      else if (c == '/' || c == '.' || c == 0xFF0D)
        c = '-';
      else if (c == 'T' || c == 't' || c == 0x3000)
        c = ' ';
      else if (c >= 0xFF10 && c <= 0xFF19)      /* ０ to ９ */
        c = '0' + (c - 0xFF10);

      g_string_append_unichar (normal, c);
    }

  return g_strstrip (g_string_free (normal, FALSE));
}

/*
 * parse_meeting_time:
 * @day: (nullable): the day of a time written alone ("11:30"), or %NULL
 *   when a time alone is not allowed
 *
 * Returns: (nullable): the time in China, or %NULL when @text is not one
 */
static GDateTime *
parse_meeting_time (const char *text,
                    GDateTime  *day)
{
  g_autofree char *normal = normalize_time_text (text);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (MEETING_TIME_ZONE);
  int year, month, date, hour, minute;
  char tail;

  if (sscanf (normal, "%4d-%2d-%2d %2d:%2d %c", &year, &month, &date, &hour, &minute, &tail) == 5)
    ;
  else if (day != NULL && strchr (normal, '-') == NULL &&
           sscanf (normal, "%2d:%2d %c", &hour, &minute, &tail) == 2)
    {
      year = g_date_time_get_year (day);
      month = g_date_time_get_month (day);
      date = g_date_time_get_day_of_month (day);
    }
  else
    return NULL;

  if (year < 1900 || year > 9999 || month < 1 || month > 12 || date < 1 || date > 31 ||
      !g_date_valid_dmy ((GDateDay) date, (GDateMonth) month, (GDateYear) year) ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return NULL;

  return g_date_time_new (zone, year, month, date, hour, minute, 0);
}

/* A stored time (ISO 8601) as the form shows it. */
static char *
format_meeting_time (const char *iso8601)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  if (iso8601 == NULL || iso8601[0] == '\0')
    return g_strdup ("");

  parsed = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (parsed == NULL)
    return g_strdup (iso8601);

  zone = g_time_zone_new_identifier (MEETING_TIME_ZONE);
  local = g_date_time_to_timezone (parsed, zone);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
format_iso8601 (GDateTime *date_time)
{
  return g_date_time_format (date_time, "%Y-%m-%dT%H:%M:%S%:z");
}

/* The state of a stage on a given day: a plain function of the data. */
/* Problems and toasts */

static GtkWindow *
get_parent_window (TxConsultationEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A problem stays above the form until it is closed or the next
 * change succeeds. */
static void
show_problem (TxConsultationEditor *self,
              const char           *text)
{
  gtk_label_set_label (self->problem_label, text);
  gtk_info_bar_set_revealed (self->problem_bar, TRUE);
}

void
tx_consultation_editor_hide_problem (TxConsultationEditor *self)
{
  gtk_info_bar_set_revealed (self->problem_bar, FALSE);
}

static void
on_problem_bar_response_cb (GtkInfoBar           *bar,
                            int                   response,
                            TxConsultationEditor *self)
{
  if (response == GTK_RESPONSE_CLOSE)
    tx_consultation_editor_hide_problem (self);
}

/* Reports a failed change: what failed, and the core's message, which
 * says what to do. */
void
tx_consultation_editor_report_failure (TxConsultationEditor *self,
                                       const char           *what,
                                       const GError         *error)
{
  /* Translators: "Could not mark the stage done: <why, and what to do>" */
  g_autofree char *text = g_strdup_printf (_("%s: %s"), what, error->message);

  g_warning ("%s: %s", what, error->message);
  show_problem (self, text);
}

/* Takes @toast.  The window's toast overlay is an ancestor of the editor. */
void
tx_consultation_editor_add_toast (TxConsultationEditor *self,
                                  AdwToast             *toast)
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

AdwToast *
tx_consultation_editor_create_toast (const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  return adw_toast_new (markup);
}

/* The form */

static const char *
get_selected_township (TxConsultationEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->township_row);

  if (self->township_uuids == NULL || selected >= self->township_uuids->len)
    return NULL;

  return g_ptr_array_index (self->township_uuids, selected);
}

/* The speeches as the form holds them, in order. */
static GPtrArray *
read_speeches (TxConsultationEditor *self)
{
  GPtrArray *speeches = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_speech_free);
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->speeches_list, i)) != NULL; i++)
    {
      GtkEditable *speaker = g_object_get_data (G_OBJECT (row), "tx-speaker");
      GtkTextBuffer *summary = g_object_get_data (G_OBJECT (row), "tx-summary");
      g_autofree char *speaker_text = g_strstrip (g_strdup (gtk_editable_get_text (speaker)));
      g_autofree char *summary_text = dup_buffer_text (summary);

      g_ptr_array_add (speeches, tx_speech_new (speaker_text, summary_text));
    }

  return speeches;
}

/* Everything the form holds, to tell whether anything was changed. */
static char *
dup_form_state (TxConsultationEditor *self)
{
  GString *state = g_string_new (NULL);
  AdwEntryRow *rows[] = {
    self->title_row, self->venue_row, self->starts_row, self->ends_row, self->recorder_row,
  };
  GtkTextBuffer *buffers[] = {
    self->research_buffer, self->agenda_buffer, self->consensus_buffer, self->next_steps_buffer,
  };
  g_autoptr(GPtrArray) speeches = read_speeches (self);
  const char *township = get_selected_township (self);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = dup_row_text (rows[i]);

      g_string_append_printf (state, "%s\x1f", text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (buffers); i++)
    {
      g_autofree char *text = dup_buffer_text (buffers[i]);

      g_string_append_printf (state, "%s\x1f", text);
    }
  for (guint i = 0; i < TX_N_STAGES; i++)
    g_string_append_printf (state, "%s\x1f", gtk_editable_get_text (GTK_EDITABLE (self->stage_rows[i].due_entry)));
  for (guint i = 0; i < speeches->len; i++)
    {
      TxSpeech *speech = g_ptr_array_index (speeches, i);

      g_string_append_printf (state, "%s\x1e%s\x1f", speech->speaker, speech->summary);
    }
  g_string_append_printf (state, "%s\x1f%u\x1f%u\x1f%u",
                          township != NULL ? township : "",
                          adw_combo_row_get_selected (self->topic_source_row),
                          adw_combo_row_get_selected (self->orientation_row),
                          adw_combo_row_get_selected (self->platform_row));

  return g_string_free (state, FALSE);
}

static void
take_form_snapshot (TxConsultationEditor *self)
{
  g_free (self->initial_form);
  self->initial_form = dup_form_state (self);
}

static gboolean
form_has_changes (TxConsultationEditor *self)
{
  g_autofree char *state = NULL;

  if (self->initial_form == NULL)
    return FALSE;

  state = dup_form_state (self);
  return g_strcmp0 (state, self->initial_form) != 0;
}

static gboolean
is_shown (TxConsultationEditor *self)
{
  return self->store != NULL && self->consultation != NULL && (self->is_new || self->uuid != NULL);
}

/* The due date a stage row shows: the one typed when it is a date. */
static const char *
get_shown_due (TxConsultationEditor *self,
               TxStage               stage)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->stage_rows[stage].due_entry));

  if (tx_date_is_valid (typed))
    return typed;
  if (typed[0] == '\0')
    return NULL;

  return self->consultation != NULL ? tx_consultation_get_stage_due (self->consultation, stage) : NULL;
}

static void
update_stage_row (TxConsultationEditor *self,
                  TxStage               stage,
                  TxDate                today)
{
  StageRow *stage_row = &self->stage_rows[stage];
  const char *due = get_shown_due (self, stage);
  const char *done = self->consultation != NULL ? tx_consultation_get_stage_done (self->consultation, stage) : NULL;
  TxStage current = self->consultation != NULL ? tx_consultation_get_current_stage (self->consultation)
                                               : TX_STAGE_SELECTION;
  g_autofree char *subtitle = NULL;
  g_autofree char *text = NULL;
  const char *icon_name = NULL;
  const char *css_class = NULL;
  TxStageStatus status;
  int days;

  /* as the ledger and the calendar judge it, with the due date shown */
  tx_stage_status_from_dates (tx_date_from_iso (due), tx_date_from_iso (done), today, &status);
  if (done != NULL && status.state != TX_STAGE_STATE_DONE)
    status.state = TX_STAGE_STATE_DONE;

  switch (status.state)
    {
    case TX_STAGE_STATE_DONE:
      /* Translators: %s is a date, 2026-05-12 */
      text = g_strdup_printf (_("Done on %s"), done);
      icon_name = "emblem-ok-symbolic";
      css_class = "success";
      break;

    case TX_STAGE_STATE_OVERDUE:
      days = status.days;
      /* Translators: %d is a number of days, %s the due date */
      text = g_strdup_printf (ngettext ("Overdue by %d day (due %s)", "Overdue by %d days (due %s)", days),
                              days, due);
      icon_name = "dialog-warning-symbolic";
      css_class = "error";
      break;

    case TX_STAGE_STATE_UPCOMING:
    case TX_STAGE_STATE_DUE_TODAY:
      days = status.days;
      if (days == 0)
        text = g_strdup (_("Due today"));
      else
        /* Translators: %d is a number of days, %s the due date */
        text = g_strdup_printf (ngettext ("Due in %d day, on %s", "Due in %d days, on %s", days),
                                days, due);
      /* Soon: an alarm; later: an empty box of the checklist. */
      icon_name = days <= 7 ? "alarm-symbolic" : "radio-symbolic";
      css_class = days <= 7 ? "warning" : "dim-label";
      break;

    case TX_STAGE_STATE_NO_DUE_DATE:
    default:
      text = g_strdup (_("No due date"));
      icon_name = "radio-symbolic";
      css_class = "dim-label";
      break;
    }

  if (stage == current && !self->is_new)
    /* Translators: the stage a consultation has reached, then its state */
    subtitle = g_strdup_printf (_("Current stage · %s"), text);
  else
    subtitle = g_steal_pointer (&text);

  adw_action_row_set_subtitle (stage_row->row, subtitle);
  gtk_image_set_from_icon_name (stage_row->icon, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (stage_row->icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (stage_row->icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (stage_row->icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (stage_row->icon), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (stage_row->icon), css_class);
  gtk_widget_set_tooltip_text (GTK_WIDGET (stage_row->icon), subtitle);

  gtk_widget_set_visible (GTK_WIDGET (stage_row->done_button), done == NULL);
  gtk_widget_set_visible (GTK_WIDGET (stage_row->undo_button), done != NULL);
  /* A stage is marked done in the database: a new consultation is saved first. */
  gtk_widget_set_sensitive (GTK_WIDGET (stage_row->done_button), !self->is_new);
  gtk_widget_set_tooltip_text (GTK_WIDGET (stage_row->done_button),
                               self->is_new ? _("Save the new consultation first") : NULL);
}

static void
update_stage_rows (TxConsultationEditor *self)
{
  TxDate today = get_today (self);

  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    update_stage_row (self, stage, today);
}

/* Another day: what is overdue is judged again. */
static void
on_day_changed_cb (TxConsultationEditor *self)
{
  update_stage_rows (self);
}

static void
show_entry_problem (GtkWidget  *widget,
                    GtkImage   *icon,
                    const char *problem)
{
  gboolean wrong = problem != NULL;

  if (wrong)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");

  if (icon != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (icon), wrong);
      gtk_widget_set_tooltip_text (GTK_WIDGET (icon), problem);
    }

  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               wrong ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
show_label_problems (GtkLabel  *label,
                     GPtrArray *problems)
{
  g_autofree char *text = NULL;

  g_ptr_array_add (problems, NULL);
  text = g_strjoinv ("\n", (char **) problems->pdata);
  g_ptr_array_set_size (problems, problems->len - 1);

  gtk_label_set_label (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), problems->len > 0);
}

static void
update_actions (TxConsultationEditor *self)
{
  gboolean shown = is_shown (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultation.save",
                                 shown && self->valid && (self->is_new || form_has_changes (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultation.add-speech", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultation.export-minutes", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultation.print-signin-sheet", shown && !self->is_new);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_participant_button), shown && !self->is_new);
  gtk_widget_set_sensitive (GTK_WIDGET (self->attendance_button), shown && !self->is_new);
}

/* The rules of the form, said where they are broken, as the clerk types. */
static void
update_validation (TxConsultationEditor *self)
{
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = dup_row_text (self->title_row);
  g_autofree char *starts_text = dup_row_text (self->starts_row);
  g_autofree char *ends_text = dup_row_text (self->ends_row);
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  const char *starts_problem = NULL;
  const char *ends_problem = NULL;
  gboolean missing = FALSE;

  if (title[0] == '\0')
    {
      g_ptr_array_add (details, g_strdup (_("Write the title of the consultation.")));
      missing = TRUE;
    }
  if (get_selected_township (self) == NULL)
    {
      g_ptr_array_add (details, g_strdup (_("Choose the township of the consultation.")));
      missing = TRUE;
    }

  if (starts_text[0] != '\0')
    {
      starts = parse_meeting_time (starts_text, NULL);
      if (starts == NULL)
        starts_problem = _("The meeting’s start is not a date and time: write it as 2026-12-10 09:00.");
    }
  if (ends_text[0] != '\0')
    {
      ends = parse_meeting_time (ends_text, starts);
      if (ends == NULL)
        ends_problem = _("The meeting’s end is not a date and time: write it as 2026-12-10 11:30, or only 11:30 on the day it starts.");
      else if (starts_text[0] == '\0')
        ends_problem = _("Write when the meeting starts, too.");
      else if (starts != NULL && g_date_time_compare (ends, starts) < 0)
        ends_problem = _("The meeting ends before it starts: check both times.");
    }
  show_entry_problem (GTK_WIDGET (self->starts_row), self->starts_error_icon, starts_problem);
  show_entry_problem (GTK_WIDGET (self->ends_row), self->ends_error_icon, ends_problem);
  if (starts_problem != NULL)
    g_ptr_array_add (details, g_strdup (starts_problem));
  if (ends_problem != NULL)
    g_ptr_array_add (details, g_strdup (ends_problem));

  /* A new, empty form says what it needs without alarm. */
  if (self->is_new && starts_problem == NULL && ends_problem == NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->details_problem_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->details_problem_label), "error");
  show_label_problems (self->details_problem_label, details);

  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    {
      GtkEntry *entry = self->stage_rows[stage].due_entry;
      const char *due = gtk_editable_get_text (GTK_EDITABLE (entry));
      gboolean wrong = due[0] != '\0' && !tx_date_is_valid (due);

      show_entry_problem (GTK_WIDGET (entry), NULL, NULL);
      if (wrong)
        {
          /* Translators: %s is a stage, “Research” */
          g_autofree char *problem = g_strdup_printf (_("The due date of %s is not a date: write it as 2026-12-10."),
                                                      tx_stage_get_label (stage));

          show_entry_problem (GTK_WIDGET (entry), NULL, problem);
          gtk_widget_set_tooltip_text (GTK_WIDGET (entry), problem);
          g_ptr_array_add (stages, g_steal_pointer (&problem));
        }
      else
        gtk_widget_set_tooltip_text (GTK_WIDGET (entry), g_object_get_data (G_OBJECT (entry), "tx-name"));
    }
  show_label_problems (self->stages_problem_label, stages);

  self->valid = !missing && starts_problem == NULL && ends_problem == NULL && stages->len == 0;

  update_stage_rows (self);
  update_actions (self);
}

/* Writes what the form holds into @consultation; the parts that are
 * not valid stay as they were. */
static void
apply_form (TxConsultationEditor *self,
            TxConsultation       *consultation)
{
  g_autofree char *title = dup_row_text (self->title_row);
  g_autofree char *venue = dup_row_text (self->venue_row);
  g_autofree char *starts_text = dup_row_text (self->starts_row);
  g_autofree char *ends_text = dup_row_text (self->ends_row);
  g_autofree char *research = dup_buffer_text (self->research_buffer);
  g_autofree char *recorder = dup_row_text (self->recorder_row);
  g_autofree char *agenda = dup_buffer_text (self->agenda_buffer);
  g_autofree char *consensus = dup_buffer_text (self->consensus_buffer);
  g_autofree char *next_steps = dup_buffer_text (self->next_steps_buffer);
  g_autoptr(GPtrArray) speeches = read_speeches (self);
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  const char *township = get_selected_township (self);
  guint topic_source = adw_combo_row_get_selected (self->topic_source_row);
  guint orientation = adw_combo_row_get_selected (self->orientation_row);
  guint platform = adw_combo_row_get_selected (self->platform_row);
  gboolean has_minutes;

  tx_consultation_set_title (consultation, title);
  if (township != NULL)
    tx_consultation_set_township (consultation, township);
  tx_consultation_set_topic (consultation,
                             topic_source < tx_topic_source_get_count () ? (TxTopicSource) topic_source
                                                                         : tx_consultation_get_topic_source (consultation),
                             orientation < tx_orientation_get_count () ? (TxOrientation) orientation
                                                                       : tx_consultation_get_orientation (consultation));
  tx_consultation_set_place (consultation,
                             platform < tx_platform_get_count () ? (TxPlatform) platform
                                                                 : tx_consultation_get_platform (consultation),
                             venue);

  starts = starts_text[0] != '\0' ? parse_meeting_time (starts_text, NULL) : NULL;
  ends = ends_text[0] != '\0' ? parse_meeting_time (ends_text, starts) : NULL;
  if ((starts_text[0] == '\0' || starts != NULL) && (ends_text[0] == '\0' || ends != NULL))
    {
      g_autofree char *starts_iso = starts != NULL ? format_iso8601 (starts) : NULL;
      g_autofree char *ends_iso = ends != NULL ? format_iso8601 (ends) : NULL;

      tx_consultation_set_times (consultation, starts_iso, ends_iso);
    }

  tx_consultation_set_research (consultation, research);

  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    {
      const char *due = gtk_editable_get_text (GTK_EDITABLE (self->stage_rows[stage].due_entry));

      if (due[0] == '\0' || tx_date_is_valid (due))
        tx_consultation_set_stage_due (consultation, stage, due);
    }

  /* No minutes row for a consultation whose minutes are all empty. */
  has_minutes = tx_consultation_has_minutes (consultation) ||
                recorder[0] != '\0' || agenda[0] != '\0' || consensus[0] != '\0' ||
                next_steps[0] != '\0' || speeches->len > 0;
  if (has_minutes)
    {
      tx_consultation_set_minutes (consultation, recorder, agenda, consensus, next_steps);
      tx_consultation_clear_speeches (consultation);
      for (guint i = 0; i < speeches->len; i++)
        {
          TxSpeech *speech = g_ptr_array_index (speeches, i);

          if (speech->speaker[0] != '\0' || speech->summary[0] != '\0')
            tx_consultation_add_speech (consultation, speech->speaker, speech->summary);
        }
    }
}

static void
on_form_changed_cb (TxConsultationEditor *self)
{
  if (self->updating > 0)
    return;

  update_validation (self);
}

/* Enter in a row saves, as in any form. */
static void
on_row_entry_activated_cb (TxConsultationEditor *self)
{
  if (self->valid)
    gtk_widget_activate_action (GTK_WIDGET (self), "consultation.save", NULL);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

/* Speeches */

static void rebuild_speeches (TxConsultationEditor *self,
                              GPtrArray            *speeches);

static guint
get_speech_index (GtkWidget *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW);

  return (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
}

static void
move_speech (TxConsultationEditor *self,
             guint                 position,
             int                   offset)
{
  g_autoptr(GPtrArray) speeches = read_speeches (self);
  int other = (int) position + offset;
  GtkListBoxRow *row;
  gpointer moved;

  if (other < 0 || other >= (int) speeches->len)
    return;

  moved = speeches->pdata[position];
  speeches->pdata[position] = speeches->pdata[other];
  speeches->pdata[other] = moved;
  rebuild_speeches (self, speeches);

  /* The cursor follows the speech. */
  row = gtk_list_box_get_row_at_index (self->speeches_list, other);
  if (row != NULL)
    gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), offset < 0 ? "tx-up" : "tx-down"));

  update_validation (self);
}

static void
on_speech_up_button_clicked_cb (GtkButton            *button,
                                TxConsultationEditor *self)
{
  move_speech (self, get_speech_index (GTK_WIDGET (button)), -1);
}

static void
on_speech_down_button_clicked_cb (GtkButton            *button,
                                  TxConsultationEditor *self)
{
  move_speech (self, get_speech_index (GTK_WIDGET (button)), 1);
}

static void
on_speech_remove_button_clicked_cb (GtkButton            *button,
                                    TxConsultationEditor *self)
{
  g_autoptr(GPtrArray) speeches = read_speeches (self);

  g_ptr_array_remove_index (speeches, get_speech_index (GTK_WIDGET (button)));
  rebuild_speeches (self, speeches);
  update_validation (self);
}

GtkWidget *
tx_consultation_editor_create_icon_button (const char *icon_name,
                                           const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  return button;
}

static GtkWidget *
create_speech_row (TxConsultationEditor *self,
                   TxSpeech             *speech,
                   guint                 position,
                   guint                 n_speeches)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *number;
  GtkWidget *speaker = gtk_entry_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *summary = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (summary));
  GtkWidget *up = tx_consultation_editor_create_icon_button ("go-up-symbolic", _("Move Up"));
  GtkWidget *down = tx_consultation_editor_create_icon_button ("go-down-symbolic", _("Move Down"));
  GtkWidget *remove_button = tx_consultation_editor_create_icon_button ("user-trash-symbolic", _("Remove This Speech"));
  g_autofree char *number_text = g_strdup_printf ("%u", position + 1);
  /* Translators: %u is the number of a speech in the minutes */
  g_autofree char *speaker_label = g_strdup_printf (_("Speaker of speech %u"), position + 1);
  /* Translators: %u is the number of a speech in the minutes */
  g_autofree char *summary_label = g_strdup_printf (_("Summary of speech %u"), position + 1);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 8);

  number = gtk_label_new (number_text);
  gtk_widget_add_css_class (number, "dim-label");
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_set_size_request (number, 24, -1);
  gtk_box_append (GTK_BOX (top), number);

  gtk_entry_set_placeholder_text (GTK_ENTRY (speaker), _("Speaker"));
  gtk_editable_set_text (GTK_EDITABLE (speaker), speech->speaker);
  gtk_widget_set_hexpand (speaker, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (speaker),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, speaker_label,
                                  -1);
  g_signal_connect_swapped (speaker, "changed", G_CALLBACK (on_form_changed_cb), self);
  gtk_box_append (GTK_BOX (top), speaker);

  gtk_widget_set_sensitive (up, position > 0);
  gtk_widget_set_sensitive (down, position + 1 < n_speeches);
  g_signal_connect (up, "clicked", G_CALLBACK (on_speech_up_button_clicked_cb), self);
  g_signal_connect (down, "clicked", G_CALLBACK (on_speech_down_button_clicked_cb), self);
  g_signal_connect (remove_button, "clicked", G_CALLBACK (on_speech_remove_button_clicked_cb), self);
  gtk_box_append (GTK_BOX (top), up);
  gtk_box_append (GTK_BOX (top), down);
  gtk_box_append (GTK_BOX (top), remove_button);
  gtk_box_append (GTK_BOX (box), top);

  gtk_text_buffer_set_text (buffer, speech->summary, -1);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (summary), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (summary), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (summary), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (summary), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (summary), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (summary), 10);
  gtk_widget_set_size_request (summary, -1, 48);
  gtk_accessible_update_property (GTK_ACCESSIBLE (summary),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary_label,
                                  -1);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_form_changed_cb), self);
  gtk_frame_set_child (GTK_FRAME (frame), summary);
  gtk_widget_set_margin_start (frame, 30);
  gtk_widget_set_margin_end (frame, 4);
  gtk_box_append (GTK_BOX (box), frame);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "tx-speaker", speaker);
  g_object_set_data (G_OBJECT (row), "tx-summary", buffer);
  g_object_set_data (G_OBJECT (row), "tx-up", up);
  g_object_set_data (G_OBJECT (row), "tx-down", down);

  return row;
}

void
tx_consultation_editor_remove_all_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
rebuild_speeches (TxConsultationEditor *self,
                  GPtrArray            *speeches)
{
  self->updating++;
  tx_consultation_editor_remove_all_rows (self->speeches_list);
  for (guint i = 0; i < speeches->len; i++)
    gtk_list_box_append (self->speeches_list,
                         create_speech_row (self, g_ptr_array_index (speeches, i), i, speeches->len));
  self->updating--;
}

/* Filling the form from the consultation */

static void
select_in_combo (AdwComboRow *row,
                 guint        position,
                 guint        n_items)
{
  adw_combo_row_set_selected (row, position < n_items ? position : GTK_INVALID_LIST_POSITION);
}

/* The township row: the store's townships; the chosen one stays chosen. */
static void
fill_townships (TxConsultationEditor *self)
{
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  if (get_selected_township (self) != NULL)
    chosen = g_strdup (get_selected_township (self));
  else if (self->consultation != NULL && tx_consultation_get_township_uuid (self->consultation)[0] != '\0')
    chosen = g_strdup (tx_consultation_get_township_uuid (self->consultation));

  townships = tx_store_list_townships (self->store, &error);
  if (townships == NULL)
    {
      g_warning ("Could not read the townships: %s", error->message);
      return;
    }

  g_ptr_array_set_size (self->township_uuids, 0);
  for (guint i = 0; i < townships->len; i++)
    {
      TxTownship *township = g_ptr_array_index (townships, i);

      if (g_strcmp0 (tx_township_get_uuid (township), chosen) == 0)
        position = i;
      g_ptr_array_add (names, (gpointer) tx_township_get_name (township));
      g_ptr_array_add (self->township_uuids, g_strdup (tx_township_get_uuid (township)));
    }
  g_ptr_array_add (names, NULL);

  /* A township's only township is the one of a new consultation. */
  if (position == GTK_INVALID_LIST_POSITION && chosen == NULL && townships->len == 1)
    position = 0;

  self->updating++;
  gtk_string_list_splice (self->township_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->township_names)),
                          (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->township_row, position);
  self->updating--;
}

static void
fill_form (TxConsultationEditor *self)
{
  TxConsultation *consultation = self->consultation;
  g_autofree char *starts = format_meeting_time (tx_consultation_get_starts (consultation));
  g_autofree char *ends = format_meeting_time (tx_consultation_get_ends (consultation));
  g_autoptr(GPtrArray) speeches = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_speech_free);
  GPtrArray *stored_speeches = tx_consultation_get_speeches (consultation);
  guint township = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < self->township_uuids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->township_uuids, i),
                   tx_consultation_get_township_uuid (consultation)) == 0)
      township = i;
  if (self->is_new && township == GTK_INVALID_LIST_POSITION && self->township_uuids->len == 1)
    township = 0;

  for (guint i = 0; i < stored_speeches->len; i++)
    {
      TxSpeech *speech = g_ptr_array_index (stored_speeches, i);

      g_ptr_array_add (speeches, tx_speech_new (speech->speaker, speech->summary));
    }

  self->updating++;

  set_editable_text (self->title_row, tx_consultation_get_title (consultation));
  adw_combo_row_set_selected (self->township_row, township);
  select_in_combo (self->topic_source_row, tx_consultation_get_topic_source (consultation),
                   tx_topic_source_get_count ());
  select_in_combo (self->orientation_row, tx_consultation_get_orientation (consultation),
                   tx_orientation_get_count ());
  select_in_combo (self->platform_row, tx_consultation_get_platform (consultation),
                   tx_platform_get_count ());
  set_editable_text (self->venue_row, tx_consultation_get_venue (consultation));
  set_editable_text (self->starts_row, starts);
  set_editable_text (self->ends_row, ends);
  set_buffer_text (self->research_buffer, tx_consultation_get_research (consultation));

  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    set_editable_text (self->stage_rows[stage].due_entry,
                       tx_consultation_get_stage_due (consultation, stage));

  set_editable_text (self->recorder_row, tx_consultation_get_recorder (consultation));
  set_buffer_text (self->agenda_buffer, tx_consultation_get_agenda (consultation));
  set_buffer_text (self->consensus_buffer, tx_consultation_get_consensus (consultation));
  set_buffer_text (self->next_steps_buffer, tx_consultation_get_next_steps (consultation));
  rebuild_speeches (self, speeches);

  self->updating--;

  take_form_snapshot (self);
}

/* The recommendations, read-only */

static void
update_outcomes (TxConsultationEditor *self)
{
  GPtrArray *outcomes = self->consultation != NULL ? tx_consultation_get_outcomes (self->consultation) : NULL;

  tx_consultation_editor_remove_all_rows (self->outcomes_list);
  for (guint i = 0; outcomes != NULL && i < outcomes->len; i++)
    {
      TxOutcome *outcome = g_ptr_array_index (outcomes, i);
      g_autofree char *title = g_markup_escape_text (tx_outcome_get_title (outcome), -1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *adoption = gtk_label_new (tx_adoption_get_label (tx_outcome_get_adoption (outcome)));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (adoption, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), adoption);
      gtk_list_box_append (self->outcomes_list, row);
    }
}

static void
set_title_labels (TxConsultationEditor *self,
                  const char           *title,
                  const char           *subtitle)
{
  gtk_label_set_label (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), title[0] != '\0' ? title : NULL);
  gtk_label_set_label (self->subtitle_label, subtitle);
}

static void
update_title (TxConsultationEditor *self)
{
  g_autofree char *subtitle = NULL;

  if (!is_shown (self))
    {
      set_title_labels (self, "", "");
      return;
    }

  if (self->is_new)
    {
      set_title_labels (self, _("New Consultation"), _("Not saved yet"));
      return;
    }

  /* Translators: a consultation's township, then the stage it has reached */
  subtitle = g_strdup_printf (_("%s · %s"),
                              tx_consultation_get_township_name (self->consultation),
                              tx_stage_get_label (tx_consultation_get_current_stage (self->consultation)));
  set_title_labels (self, tx_consultation_get_title (self->consultation), subtitle);
}

/* Reading the consultation */

static void
reload (TxConsultationEditor *self,
        gboolean              refresh_form)
{
  gboolean keep_form;

  g_clear_handle_id (&self->reload_id, g_source_remove);

  if (self->store == NULL || (!self->is_new && self->uuid == NULL))
    {
      g_clear_object (&self->consultation);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_title (self);
      update_actions (self);
      return;
    }

  /* Typed and not saved: the clerk's text stays. */
  keep_form = !refresh_form && form_has_changes (self);

  if (!self->is_new)
    {
      g_autoptr(TxConsultation) consultation = NULL;
      g_autoptr(GError) error = NULL;

      consultation = tx_store_load_consultation (self->store, self->uuid, &error);
      if (consultation == NULL)
        {
          g_autofree char *markup = NULL;

          /* Deleted, or gone with an import or a restore. */
          if (g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND))
            markup = g_markup_escape_text (_("This consultation is no longer in the database. Choose another one in the list."), -1);
          else
            markup = g_markup_escape_text (error->message, -1);

          g_debug ("Could not read the consultation %s: %s", self->uuid, error->message);
          g_clear_object (&self->consultation);
          adw_status_page_set_description (self->error_page, markup);
          gtk_stack_set_visible_child_name (self->stack, "error");
          update_title (self);
          update_actions (self);
          return;
        }
      g_set_object (&self->consultation, consultation);
    }

  fill_townships (self);
  if (!keep_form)
    fill_form (self);

  tx_participant_picker_set_township (self->picker, tx_consultation_get_township_name (self->consultation));
  tx_consultation_editor_update_participants (self);
  tx_consultation_editor_update_composition (self);
  update_outcomes (self);
  update_title (self);
  update_validation (self);

  gtk_stack_set_visible_child_name (self->stack, "form");
}

static gboolean
on_reload_idle_cb (gpointer user_data)
{
  TxConsultationEditor *self = user_data;

  self->reload_id = 0;
  reload (self, FALSE);

  return G_SOURCE_REMOVE;
}

void
tx_consultation_editor_schedule_reload (TxConsultationEditor *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, on_reload_idle_cb, self, NULL);
}

static void
on_store_changed_cb (TxStore              *store,
                     const char           *kind,
                     const char           *uuid,
                     TxConsultationEditor *self)
{
  /* A stage or a participant; a person's name; a recommendation; a
   * township's name; the whole database. */
  if (g_strcmp0 (kind, "consultation") == 0 ||
      g_strcmp0 (kind, "person") == 0 ||
      g_strcmp0 (kind, "outcome") == 0 ||
      g_strcmp0 (kind, "township") == 0 ||
      g_strcmp0 (kind, "all") == 0)
    tx_consultation_editor_schedule_reload (self);
}

/* Stages */

static void mark_stage_done (TxConsultationEditor *self,
                             TxStage               stage,
                             const char           *reason);

static void
on_reason_entry_changed_cb (GtkEditable      *entry,
                            AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "done", reason[0] != '\0');
}

static void
on_reason_dialog_response_cb (AdwMessageDialog     *dialog,
                              const char           *response,
                              TxConsultationEditor *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "tx-entry");
  TxStage stage = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "tx-stage"));
  const char *uuid = g_object_get_data (G_OBJECT (dialog), "tx-consultation");
  g_autofree char *reason = NULL;

  if (g_strcmp0 (response, "done") != 0 || g_strcmp0 (uuid, self->uuid) != 0)
    return;

  reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (reason[0] != '\0')
    mark_stage_done (self, stage, reason);
}

/* The order of the stages was not kept: say why, and let the clerk give
 * a reason to mark the stage done all the same. */
static void
ask_for_reason (TxConsultationEditor *self,
                TxStage               stage,
                const char           *message)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_autofree char *body = NULL;

  body = g_strdup_printf ("%s\n\n%s", message,
                          _("To mark it done all the same, write the reason; it is kept with the stage."));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_parent_window (self),
                                                       _("Stages Out of Order"), body));

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, entry);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "done", _("_Mark Done"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "done", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "done", FALSE);
  adw_message_dialog_set_default_response (dialog, "done");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data (G_OBJECT (dialog), "tx-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "tx-stage", GINT_TO_POINTER (stage));
  g_object_set_data_full (G_OBJECT (dialog), "tx-consultation", g_strdup (self->uuid), g_free);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_entry_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reason_dialog_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
mark_stage_done (TxConsultationEditor *self,
                 TxStage               stage,
                 const char           *reason)
{
  TxDate today = get_today (self);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->uuid == NULL)
    return;

  if (!tx_store_set_stage_done (self->store, self->uuid, stage, today, reason, today, &error))
    {
      if (reason == NULL &&
          (g_error_matches (error, TX_WORKFLOW_ERROR, TX_WORKFLOW_ERROR_OUT_OF_ORDER) ||
           g_error_matches (error, TX_WORKFLOW_ERROR, TX_WORKFLOW_ERROR_BEFORE_PREVIOUS)))
        {
          g_debug ("%s not done: %s", tx_stage_to_key (stage), error->message);
          ask_for_reason (self, stage, error->message);
          return;
        }

      tx_consultation_editor_report_failure (self, _("Could not mark the stage done"), error);
      return;
    }

  tx_consultation_editor_hide_problem (self);
}

static void
on_done_button_clicked_cb (GtkButton            *button,
                           TxConsultationEditor *self)
{
  mark_stage_done (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "tx-stage")), NULL);
}

static void
on_undo_done_toast_button_clicked_cb (AdwToast             *toast,
                                      TxConsultationEditor *self)
{
  const char *consultation = g_object_get_data (G_OBJECT (toast), "tx-consultation");
  const char *done = g_object_get_data (G_OBJECT (toast), "tx-done");
  TxStage stage = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "tx-stage"));
  TxDate today = get_today (self);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  /* As it was: the stage before it may have been undone since, hence a reason. */
  if (!tx_store_set_stage_done (self->store, consultation, stage, tx_date_from_iso (done), NULL, today, &error))
    {
      g_clear_error (&error);
      if (!tx_store_set_stage_done (self->store, consultation, stage, tx_date_from_iso (done),
                                    _("Marked done again after an undo"), today, &error))
        tx_consultation_editor_report_failure (self, _("Could not mark the stage done again"), error);
    }
}

static void
on_undo_button_clicked_cb (GtkButton            *button,
                           TxConsultationEditor *self)
{
  TxStage stage = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "tx-stage"));
  g_autofree char *done = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (self->store == NULL || self->uuid == NULL || self->consultation == NULL)
    return;

  done = g_strdup (tx_consultation_get_stage_done (self->consultation, stage));
  if (!tx_store_set_stage_done (self->store, self->uuid, stage, TX_DATE_NONE, NULL, get_today (self), &error))
    {
      tx_consultation_editor_report_failure (self, _("Could not mark the stage not done"), error);
      return;
    }
  tx_consultation_editor_hide_problem (self);

  /* Translators: %s is a stage, “Research” */
  text = g_strdup_printf (_("%s is marked not done"), tx_stage_get_label (stage));
  toast = tx_consultation_editor_create_toast (text);
  if (done != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "tx-consultation", g_strdup (self->uuid), g_free);
      g_object_set_data_full (G_OBJECT (toast), "tx-done", g_steal_pointer (&done), g_free);
      g_object_set_data (G_OBJECT (toast), "tx-stage", GINT_TO_POINTER (stage));
      g_signal_connect_object (toast, "button-clicked",
                               G_CALLBACK (on_undo_done_toast_button_clicked_cb), self, 0);
    }
  tx_consultation_editor_add_toast (self, toast);
}

static void
create_stage_rows (TxConsultationEditor *self)
{
  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    {
      StageRow *stage_row = &self->stage_rows[stage];
      /* Translators: %s is a stage, “Research” */
      g_autofree char *due_name = g_strdup_printf (_("Due date of %s"), tx_stage_get_label (stage));
      /* Translators: %s is a stage, “Research” */
      g_autofree char *undo_name = g_strdup_printf (_("Mark %s not done"), tx_stage_get_label (stage));
      g_autofree char *title = NULL;

      /* Translators: the number of a stage and its name, “2. Research” */
      title = g_strdup_printf (_("%u. %s"), stage + 1, tx_stage_get_label (stage));
      stage_row->row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (stage_row->row), title);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (stage_row->row), FALSE);

      stage_row->icon = GTK_IMAGE (gtk_image_new_from_icon_name ("radio-symbolic"));
      gtk_widget_set_valign (GTK_WIDGET (stage_row->icon), GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (stage_row->row, GTK_WIDGET (stage_row->icon));

      /* The due date: a calendar in the entry says what it is, and its
       * tooltip says it in words; the row's subtitle tells the days. */
      stage_row->due_entry = GTK_ENTRY (gtk_entry_new ());
      gtk_editable_set_width_chars (GTK_EDITABLE (stage_row->due_entry), 10);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (stage_row->due_entry), 10);
      gtk_entry_set_placeholder_text (stage_row->due_entry, _("YYYY-MM-DD"));
      gtk_entry_set_icon_from_icon_name (stage_row->due_entry, GTK_ENTRY_ICON_PRIMARY, "x-office-calendar-symbolic");
      gtk_entry_set_icon_tooltip_text (stage_row->due_entry, GTK_ENTRY_ICON_PRIMARY, due_name);
      gtk_widget_set_valign (GTK_WIDGET (stage_row->due_entry), GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (stage_row->due_entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, due_name,
                                      -1);
      g_object_set_data_full (G_OBJECT (stage_row->due_entry), "tx-name", g_strdup (due_name), g_free);
      g_signal_connect_swapped (stage_row->due_entry, "changed", G_CALLBACK (on_form_changed_cb), self);
      g_signal_connect_swapped (stage_row->due_entry, "activate", G_CALLBACK (on_row_entry_activated_cb), self);
      adw_action_row_add_suffix (stage_row->row, GTK_WIDGET (stage_row->due_entry));

      /* Six of each: no mnemonics; one width, so they line up. */
      stage_row->done_button = GTK_BUTTON (gtk_button_new_with_label (_("Done Today")));
      gtk_size_group_add_widget (self->stage_buttons, GTK_WIDGET (stage_row->done_button));
      gtk_widget_set_valign (GTK_WIDGET (stage_row->done_button), GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (stage_row->done_button), "tx-stage", GINT_TO_POINTER (stage));
      g_signal_connect (stage_row->done_button, "clicked", G_CALLBACK (on_done_button_clicked_cb), self);
      adw_action_row_add_suffix (stage_row->row, GTK_WIDGET (stage_row->done_button));

      stage_row->undo_button = GTK_BUTTON (gtk_button_new_with_label (_("Undo Done")));
      gtk_widget_set_valign (GTK_WIDGET (stage_row->undo_button), GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (GTK_WIDGET (stage_row->undo_button), "flat");
      gtk_size_group_add_widget (self->stage_buttons, GTK_WIDGET (stage_row->undo_button));
      gtk_widget_set_tooltip_text (GTK_WIDGET (stage_row->undo_button), undo_name);
      g_object_set_data (G_OBJECT (stage_row->undo_button), "tx-stage", GINT_TO_POINTER (stage));
      g_signal_connect (stage_row->undo_button, "clicked", G_CALLBACK (on_undo_button_clicked_cb), self);
      adw_action_row_add_suffix (stage_row->row, GTK_WIDGET (stage_row->undo_button));

      adw_preferences_group_add (self->stages_group, GTK_WIDGET (stage_row->row));
    }
}

/* Documents */

/* The consultation as stored, with what the form holds: documents show
 * what the clerk sees, saved or not. */
static TxConsultation *
dup_consultation_for_documents (TxConsultationEditor  *self,
                                GError               **error)
{
  TxConsultation *consultation;

  if (self->is_new || self->uuid == NULL)
    consultation = tx_consultation_new ();
  else
    consultation = tx_store_load_consultation (self->store, self->uuid, error);

  if (consultation != NULL)
    apply_form (self, consultation);

  return consultation;
}

/* The name of a document: the title, then what it is; no slashes. */
static char *
dup_document_name (TxConsultationEditor *self,
                   const char           *what,
                   const char           *suffix)
{
  g_autofree char *title = dup_row_text (self->title_row);

  g_strdelimit (title, "/\\", '-');
  return g_strconcat (title, what, suffix, NULL);
}

static void
set_file_chooser (TxConsultationEditor *self,
                  GtkFileChooserNative *chooser)
{
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
}

static void
on_minutes_chooser_response_cb (GtkNativeDialog      *chooser,
                                int                   response,
                                TxConsultationEditor *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL && is_shown (self))
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *lower = g_utf8_strdown (basename, -1);
      g_autoptr(GError) error = NULL;

      /* WPS and LibreOffice know the file by its name. */
      if (!g_str_has_suffix (lower, ".odt"))
        {
          g_autofree char *with_suffix = g_strconcat (basename, ".odt", NULL);
          g_autoptr(GFile) parent = g_file_get_parent (file);
          GFile *child = g_file_get_child (parent, with_suffix);

          g_object_unref (file);
          file = child;
        }

      if (tx_consultation_editor_export_minutes (self, file, &error))
        {
          g_autofree char *path = g_file_get_path (file);
          /* Translators: %s is the path of the file written */
          g_autofree char *text = g_strdup_printf (_("Minutes exported to “%s”"), path);

          tx_consultation_editor_hide_problem (self);
          tx_consultation_editor_add_toast (self, tx_consultation_editor_create_toast (text));
        }
      else
        tx_consultation_editor_report_failure (self, _("Could not export the minutes"), error);
    }

  if (self->file_chooser == chooser)
    set_file_chooser (self, NULL);
}

typedef struct {
  TxStore         *store;
  TxConsultation  *consultation;
  GPtrArray       *people;        /* TxPerson */
  gboolean         by_strokes;
  guint            blank_rows;
  gboolean         full_phones;
  TxTableDocument *doc;
  GtkCheckButton  *strokes_check; /* in the print dialog's tab */
} SigninJob;

static void
signin_job_free (SigninJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->consultation);
  g_clear_pointer (&job->people, g_ptr_array_unref);
  g_clear_pointer (&job->doc, tx_table_document_free);
  g_clear_object (&job->strokes_check);
  g_free (job);
}

/* The order of the sheet, in a tab of the print dialog: by category
 * ("liaison group + N") or by surname strokes (按姓氏笔画为序). */
static GObject *
on_signin_create_custom_widget_cb (GtkPrintOperation *operation,
                                   SigninJob         *job)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Order of the names"));
  GtkWidget *by_category = gtk_check_button_new_with_mnemonic (_("By _category: the liaison group first, then the others of “liaison group + N”"));
  GtkWidget *by_strokes = gtk_check_button_new_with_mnemonic (_("By surname _strokes"));

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  gtk_check_button_set_group (GTK_CHECK_BUTTON (by_strokes), GTK_CHECK_BUTTON (by_category));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (job->by_strokes ? by_strokes : by_category), TRUE);
  gtk_box_append (GTK_BOX (box), by_category);
  gtk_box_append (GTK_BOX (box), by_strokes);

  g_set_object (&job->strokes_check, GTK_CHECK_BUTTON (by_strokes));

  return G_OBJECT (box);
}

/* Before "begin-print": the choice is kept for the next sheet, and for
 * tongxin-cli's. */
static void
on_signin_custom_widget_apply_cb (GtkPrintOperation *operation,
                                  GtkWidget         *widget,
                                  SigninJob         *job)
{
  g_autoptr(GError) error = NULL;

  if (job->strokes_check == NULL)
    return;

  job->by_strokes = gtk_check_button_get_active (job->strokes_check);
  if (!tx_store_set_setting (job->store, "signin-order", job->by_strokes ? "strokes" : "category", &error))
    g_warning ("Could not keep the order of the sign-in sheet: %s", error->message);
}

static void
on_signin_begin_print_cb (GtkPrintOperation *operation,
                          GtkPrintContext   *context,
                          SigninJob         *job)
{
  g_clear_pointer (&job->doc, tx_table_document_free);
  job->doc = tx_signin_document_new (job->consultation, job->people, job->by_strokes,
                                     job->blank_rows, job->full_phones);
  /* Full page, in points: the paper itself, margins drawn by the document. */
  gtk_print_operation_set_n_pages (operation,
                                   tx_table_document_paginate (job->doc,
                                                               gtk_print_context_get_width (context),
                                                               gtk_print_context_get_height (context)));
}

static void
on_signin_draw_page_cb (GtkPrintOperation *operation,
                        GtkPrintContext   *context,
                        int                page_nr,
                        SigninJob         *job)
{
  tx_table_document_draw_page (job->doc, gtk_print_context_get_cairo_context (context), page_nr);
}

static void
on_signin_done_cb (GtkPrintOperation       *operation,
                   GtkPrintOperationResult  result,
                   TxConsultationEditor    *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));

  /* GTK 4.8 complains when asked for an error there is not. */
  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;

  gtk_print_operation_get_error (operation, &error);
  if (error != NULL)
    tx_consultation_editor_report_failure (self, _("Could not print the sign-in sheet"), error);
}

static gboolean
setting_is (TxStore    *store,
            const char *key,
            const char *value)
{
  g_autofree char *current = tx_store_get_setting (store, key);

  return g_strcmp0 (current, value) == 0;
}

/* Actions */

static void
tx_consultation_editor_save_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  tx_consultation_editor_save (TX_CONSULTATION_EDITOR (widget));
}

static void
tx_consultation_editor_add_speech_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  TxConsultationEditor *self = TX_CONSULTATION_EDITOR (widget);
  g_autoptr(GPtrArray) speeches = read_speeches (self);
  GtkListBoxRow *row;

  g_ptr_array_add (speeches, tx_speech_new ("", ""));
  rebuild_speeches (self, speeches);
  update_validation (self);

  row = gtk_list_box_get_row_at_index (self->speeches_list, speeches->len - 1);
  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "tx-speaker"));
}

static void
tx_consultation_editor_export_minutes_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter)
{
  TxConsultationEditor *self = TX_CONSULTATION_EDITOR (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (!is_shown (self))
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Minutes"), get_parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("OpenDocument Text (.odt)"));
  gtk_file_filter_add_suffix (filter, "odt");
  gtk_file_filter_add_mime_type (filter, "application/vnd.oasis.opendocument.text");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  /* Documents are in Chinese whatever the interface (DESIGN §3). */
  name = dup_document_name (self, "会议纪要", ".odt");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (on_minutes_chooser_response_cb), self);
  set_file_chooser (self, chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
tx_consultation_editor_print_signin_sheet_action (GtkWidget  *widget,
                                                  const char *action_name,
                                                  GVariant   *parameter)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  operation = tx_consultation_editor_print_signin_sheet (TX_CONSULTATION_EDITOR (widget), NULL);
}

/* GObject */

static void
tx_consultation_editor_dispose (GObject *object)
{
  TxConsultationEditor *self = (TxConsultationEditor *)object;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  set_file_chooser (self, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_clear_object (&self->store);

  /* The box is the bin's child and holds template children: the bin lets
   * go of it first, as TxConsultationsPage does. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_CONSULTATION_EDITOR);

  g_clear_object (&self->consultation);
  g_clear_object (&self->roles);
  g_clear_object (&self->stage_buttons);
  g_clear_object (&self->print_settings);
  g_clear_pointer (&self->township_uuids, g_ptr_array_unref);
  g_clear_pointer (&self->composition_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tx_consultation_editor_parent_class)->dispose (object);
}

static void
tx_consultation_editor_finalize (GObject *object)
{
  TxConsultationEditor *self = (TxConsultationEditor *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_object (&self->day);
  g_clear_pointer (&self->initial_form, g_free);

  G_OBJECT_CLASS (tx_consultation_editor_parent_class)->finalize (object);
}

static void
tx_consultation_editor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TxConsultationEditor *self = TX_CONSULTATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DAY:
      g_value_set_object (value, self->day);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_consultation_editor_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TxConsultationEditor *self = TX_CONSULTATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DAY:
      tx_consultation_editor_set_day (self, g_value_get_object (value));
      break;

    case PROP_SHOW_BACK_BUTTON:
      tx_consultation_editor_set_show_back_button (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_consultation_editor_class_init (TxConsultationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_consultation_editor_dispose;
  object_class->finalize = tx_consultation_editor_finalize;
  object_class->get_property = tx_consultation_editor_get_property;
  object_class->set_property = tx_consultation_editor_set_property;

  /**
   * TxConsultationEditor:today: (nullable)
   *
   * The day stages are marked done on and compared with their due
   * dates, YYYY-MM-DD; %NULL for the real date.  Tests set it.
   */
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL,
                         TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxConsultationEditor:show-back-button:
   *
   * Whether to show a button back to the list: when the list and the
   * editor are folded into one pane.
   */
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TxConsultationEditor::saved:
   * @uuid: the consultation's uuid (a new one has one now)
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "consultation.save", NULL,
                                   tx_consultation_editor_save_action);
  gtk_widget_class_install_action (widget_class, "consultation.add-speech", NULL,
                                   tx_consultation_editor_add_speech_action);
  gtk_widget_class_install_action (widget_class, "consultation.export-minutes", NULL,
                                   tx_consultation_editor_export_minutes_action);
  gtk_widget_class_install_action (widget_class, "consultation.print-signin-sheet", NULL,
                                   tx_consultation_editor_print_signin_sheet_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "consultation.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "consultation.print-signin-sheet", NULL);

  g_type_ensure (TX_TYPE_PARTICIPANT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-consultation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, problem_bar);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, error_page);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, township_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, township_names);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, topic_source_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, topic_sources);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, orientations);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, platform_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, platforms);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, venue_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, starts_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, starts_error_icon);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, ends_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, ends_error_icon);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, details_problem_label);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, research_buffer);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, stages_group);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, stages_problem_label);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, attendance_button);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, add_participant_button);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, picker);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, participants_list);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, attendance_label);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, composition_list);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, composition_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, composition_icon);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, recorder_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, agenda_buffer);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, speeches_list);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, consensus_buffer);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, next_steps_buffer);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationEditor, outcomes_list);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_bar_response_cb);
  tx_consultation_editor_class_init_participants (widget_class);
}

static void
tx_consultation_editor_init (TxConsultationEditor *self)
{
  self->township_uuids = g_ptr_array_new_with_free_func (g_free);
  self->composition_rows = g_ptr_array_new ();
  self->roles = gtk_string_list_new (NULL);
  self->stage_buttons = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  for (guint i = 0; i < tx_role_get_count (); i++)
    gtk_string_list_append (self->roles, tx_role_get_label ((TxRole) i));

  gtk_widget_init_template (GTK_WIDGET (self));

  /* In the order of the enumerations. */
  self->updating++;
  for (guint i = 0; i < tx_topic_source_get_count (); i++)
    gtk_string_list_append (self->topic_sources, tx_topic_source_get_label ((TxTopicSource) i));
  for (guint i = 0; i < tx_orientation_get_count (); i++)
    gtk_string_list_append (self->orientations, tx_orientation_get_label ((TxOrientation) i));
  for (guint i = 0; i < tx_platform_get_count (); i++)
    gtk_string_list_append (self->platforms, tx_platform_get_label ((TxPlatform) i));
  create_stage_rows (self);
  self->updating--;
  reload (self, TRUE);
}

/* Public API */

GtkWidget *
tx_consultation_editor_new (void)
{
  return g_object_new (TX_TYPE_CONSULTATION_EDITOR, NULL);
}

/**
 * tx_consultation_editor_set_consultation:
 * @store: (nullable): the store
 * @uuid: (nullable): the consultation to show, or %NULL for a new one
 *   (nothing is shown when @store is %NULL)
 *
 * Shows a consultation from the top of the form.  What was typed and not
 * saved is dropped: ask tx_consultation_editor_has_changes() first.
 */
void
tx_consultation_editor_set_consultation (TxConsultationEditor *self,
                                         TxStore              *store,
                                         const char           *uuid)
{
  g_return_if_fail (TX_IS_CONSULTATION_EDITOR (self));
  g_return_if_fail (store == NULL || TX_IS_STORE (store));

  if (self->store != store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
      g_set_object (&self->store, store);
      if (store != NULL)
        g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
      tx_participant_picker_set_store (self->picker, store);
    }

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  self->is_new = store != NULL && uuid == NULL;
  g_clear_object (&self->consultation);
  if (self->is_new)
    self->consultation = tx_consultation_new ();
  g_clear_pointer (&self->initial_form, g_free);

  /* The township row is chosen again for the next consultation. */
  self->updating++;
  adw_combo_row_set_selected (self->township_row, GTK_INVALID_LIST_POSITION);
  gtk_toggle_button_set_active (self->attendance_button, FALSE);
  self->updating--;

  tx_consultation_editor_hide_problem (self);
  reload (self, TRUE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  if (self->is_new)
    gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

/* The uuid of the consultation shown; %NULL for none, or a new one. */
const char *
tx_consultation_editor_get_uuid (TxConsultationEditor *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION_EDITOR (self), NULL);

  return self->uuid;
}

gboolean
tx_consultation_editor_is_new (TxConsultationEditor *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION_EDITOR (self), FALSE);

  return self->is_new;
}

/* Whether the form holds something not saved. */
gboolean
tx_consultation_editor_has_changes (TxConsultationEditor *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION_EDITOR (self), FALSE);

  if (!is_shown (self))
    return FALSE;

  return form_has_changes (self);
}

/* The title typed, or the one stored. */
const char *
tx_consultation_editor_get_title (TxConsultationEditor *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION_EDITOR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->title_row));
}

/**
 * tx_consultation_editor_save:
 *
 * Saves the details, the due dates and the minutes the form holds, as
 * consultation.save does.  A problem is shown above the form.
 *
 * Returns: whether it was saved
 */
gboolean
tx_consultation_editor_save (TxConsultationEditor *self)
{
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (TX_IS_CONSULTATION_EDITOR (self), FALSE);

  if (!is_shown (self))
    return FALSE;

  update_validation (self);
  if (!self->valid)
    {
      show_problem (self, _("Not saved: the form has mistakes, shown in red, or lacks a title or a township."));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  if (self->is_new)
    consultation = g_object_ref (self->consultation);
  else
    consultation = tx_store_load_consultation (self->store, self->uuid, &error);

  if (consultation != NULL)
    apply_form (self, consultation);
  if (consultation == NULL || !tx_store_save_consultation (self->store, consultation, &error))
    {
      tx_consultation_editor_report_failure (self, _("Not saved"), error);
      return FALSE;
    }

  g_free (self->uuid);
  self->uuid = g_strdup (tx_consultation_get_uuid (consultation));
  self->is_new = FALSE;
  tx_consultation_editor_hide_problem (self);
  reload (self, TRUE);

  /* Translators: %s is a consultation's title */
  text = g_strdup_printf (_("“%s” saved"), tx_consultation_get_title (consultation));
  tx_consultation_editor_add_toast (self, tx_consultation_editor_create_toast (text));

  g_signal_emit (self, signals[SAVED], 0, self->uuid);

  return TRUE;
}

TxDay *
tx_consultation_editor_get_day (TxConsultationEditor *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION_EDITOR (self), NULL);

  return self->day;
}

/**
 * tx_consultation_editor_set_day:
 * @day: (nullable): the day to work with
 */
void
tx_consultation_editor_set_day (TxConsultationEditor *self,
                                TxDay *day)
{
  g_return_if_fail (TX_IS_CONSULTATION_EDITOR (self));
  g_return_if_fail (day == NULL || TX_IS_DAY (day));

  if (self->day == day)
    return;

  if (self->day != NULL)
    g_signal_handlers_disconnect_by_func (self->day, on_day_changed_cb, self);
  g_set_object (&self->day, day);
  if (day != NULL)
    g_signal_connect_object (day, "changed", G_CALLBACK (on_day_changed_cb), self, G_CONNECT_SWAPPED);
  update_stage_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

gboolean
tx_consultation_editor_get_show_back_button (TxConsultationEditor *self)
{
  g_return_val_if_fail (TX_IS_CONSULTATION_EDITOR (self), FALSE);

  return self->show_back_button;
}

void
tx_consultation_editor_set_show_back_button (TxConsultationEditor *self,
                                             gboolean              show_back_button)
{
  g_return_if_fail (TX_IS_CONSULTATION_EDITOR (self));

  show_back_button = !!show_back_button;
  if (self->show_back_button == show_back_button)
    return;

  self->show_back_button = show_back_button;
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back_button);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}

/**
 * tx_consultation_editor_export_minutes:
 * @file: an .odt file, replaced if it exists
 *
 * Writes the minutes as the form holds them, saved or not: what
 * consultation.export-minutes does once the file is chosen.
 */
gboolean
tx_consultation_editor_export_minutes (TxConsultationEditor  *self,
                                       GFile                 *file,
                                       GError               **error)
{
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(TxOdtDocument) doc = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (TX_IS_CONSULTATION_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (is_shown (self), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a file on this computer. Choose a folder on this computer."), uri);
      return FALSE;
    }

  consultation = dup_consultation_for_documents (self, error);
  if (consultation == NULL)
    return FALSE;

  doc = tx_minutes_document_new (consultation);
  return tx_odt_document_save (doc, path, error);
}

/**
 * tx_consultation_editor_print_signin_sheet:
 * @export_file: (nullable): a PDF to write without a dialog, or %NULL
 *   for the print dialog
 *
 * Prints the sign-in sheet of the participants on A4, grouped by
 * category or in surname-stroke order as the "signin-order" setting
 * says: what consultation.print-signin-sheet does.
 *
 * Returns: (transfer full) (nullable): the print operation, running or
 *   finished; %NULL when nothing could be printed
 */
GtkPrintOperation *
tx_consultation_editor_print_signin_sheet (TxConsultationEditor *self,
                                           GFile                *export_file)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *blank_rows = NULL;
  g_autofree char *job_name = NULL;
  GtkPrintOperationAction action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;
  GtkPrintOperationResult result;
  GPtrArray *participants;
  SigninJob *job;
  guint64 n_blank_rows = DEFAULT_BLANK_ROWS;

  g_return_val_if_fail (TX_IS_CONSULTATION_EDITOR (self), NULL);
  g_return_val_if_fail (export_file == NULL || G_IS_FILE (export_file), NULL);

  if (!is_shown (self) || self->is_new)
    return NULL;

  job = g_new0 (SigninJob, 1);
  job->store = g_object_ref (self->store);
  job->consultation = dup_consultation_for_documents (self, &error);
  if (job->consultation == NULL)
    {
      tx_consultation_editor_report_failure (self, _("Could not print the sign-in sheet"), error);
      signin_job_free (job);
      return NULL;
    }

  job->people = g_ptr_array_new_with_free_func (g_object_unref);
  participants = tx_consultation_get_participants (job->consultation);
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);
      TxPerson *person = tx_roster_find_person (self->store, participant->person_uuid, NULL);

      if (person != NULL)
        g_ptr_array_add (job->people, person);
    }

  /* The settings tongxin-cli reads too. */
  job->by_strokes = setting_is (self->store, "signin-order", "strokes");
  job->full_phones = setting_is (self->store, "print-full-phones", "true");
  blank_rows = tx_store_get_setting (self->store, "signin-blank-rows");
  if (blank_rows != NULL)
    g_ascii_string_to_unsigned (blank_rows, 10, 0, 100, &n_blank_rows, NULL);
  job->blank_rows = (guint) n_blank_rows;

  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "tx-signin-job", job, (GDestroyNotify) signin_job_free);

  /* Documents are in Chinese whatever the interface (DESIGN §3). */
  job_name = dup_document_name (self, "签到表", "");
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_custom_tab_label (operation, _("Sign-In Sheet"));
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, export_file == NULL);
  gtk_print_operation_set_show_progress (operation, export_file == NULL);

  page_setup = gtk_page_setup_new ();
  paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (page_setup, paper);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, page_setup);

  settings = self->print_settings != NULL ? gtk_print_settings_copy (self->print_settings)
                                          : gtk_print_settings_new ();
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, job_name);
  gtk_print_operation_set_print_settings (operation, settings);

  g_signal_connect (operation, "begin-print", G_CALLBACK (on_signin_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_signin_draw_page_cb), job);
  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (on_signin_create_custom_widget_cb), job);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (on_signin_custom_widget_apply_cb), job);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_signin_done_cb), self, 0);

  if (export_file != NULL)
    {
      g_autofree char *path = g_file_get_path (export_file);

      gtk_print_operation_set_export_filename (operation, path);
      action = GTK_PRINT_OPERATION_ACTION_EXPORT;
    }

  result = gtk_print_operation_run (operation, action, get_parent_window (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    tx_consultation_editor_report_failure (self, _("Could not print the sign-in sheet"), error);

  return g_steal_pointer (&operation);
}
