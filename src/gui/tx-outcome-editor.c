/* tx-outcome-editor.c — one recommendation (协商建言) and what became of
 * it: submission, feedback, adoption, implementation progress and the
 * supervision records
 *
 * The whole editor is one form: typed freely, checked as it is typed
 * (a row that is wrong turns red and says why, and Save stays
 * insensitive), and written together by Save through
 * tx_store_save_outcome(), whose own checks are shown above the form if
 * they fail.  The feedback due date follows the submission date, 30 days
 * on, until the clerk sets another one.
 *
 * The editor listens to TxStore::changed and reads the recommendation
 * again from an idle; what the clerk has typed and not saved stays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-outcome-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tx-day.h"
#include "tx-outcome-edit.h"
#include "tx-outcome-editor-private.h"
#include "tx-outcome-editor.h"
#include "tx-recommendation-document.h"
#include "tx-records.h"
#include "tx-rules.h"
#include "tx-settings.h"
#include "tx-vocabulary.h"

/* The rows of "Submitted To", top to bottom. */
enum {
  SUBMITTED_TO_PARTY_COMMITTEE,
  SUBMITTED_TO_GOVERNMENT,
  SUBMITTED_TO_DEPARTMENT,
};

struct _TxOutcomeEditor
{
  AdwBin               parent_instance;

  /* template children */
  GtkButton           *back_button;
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  GtkButton           *export_button;
  GtkButton           *save_button;
  GtkInfoBar          *problem_bar;
  GtkLabel            *problem_label;
  GtkStack            *stack;
  AdwStatusPage       *error_page;
  GtkScrolledWindow   *scrolled_window;
  AdwComboRow         *consultation_row;
  GtkStringList       *consultation_names;
  AdwActionRow        *consultation_info_row;
  AdwEntryRow         *title_row;
  GtkLabel            *details_problem_label;
  GtkTextBuffer       *content_buffer;
  AdwComboRow         *submitted_to_row;
  GtkStringList       *submitted_to_names;
  AdwEntryRow         *department_row;
  GtkImage            *department_error_icon;
  AdwEntryRow         *submitted_row;
  GtkImage            *submitted_error_icon;
  GtkLabel            *submission_problem_label;
  AdwEntryRow         *feedback_due_row;
  GtkImage            *feedback_due_error_icon;
  AdwEntryRow         *feedback_received_row;
  GtkImage            *feedback_received_error_icon;
  GtkLabel            *feedback_problem_label;
  GtkWidget           *feedback_status_box;
  GtkImage            *feedback_status_icon;
  GtkLabel            *feedback_status_label;
  GtkTextBuffer       *feedback_buffer;
  AdwComboRow         *adoption_row;
  GtkStringList       *adoptions;
  AdwActionRow        *progress_row;
  GtkSpinButton       *progress_spin;
  AdwPreferencesGroup *supervision_group;
  GtkListBox          *supervision_list;
  GtkLabel            *supervision_problem_label;
  AdwPreferencesGroup *delete_group;
  GtkButton           *delete_button;

  /* made in code */
  GtkStringList       *phases;             /* the labels of TxSupervisionPhase, in order */

  /* owned references */
  TxStore             *store;
  TxOutcome           *outcome;            /* as read; NULL when new or nothing is shown */
  GPtrArray           *consultation_uuids; /* char *, as consultation_names */
  GtkNativeDialog     *file_chooser;       /* the one open, if any */
  AdwToast            *toast;              /* weak: the last one shown, until dismissed */

  /* state */
  char                *uuid;               /* NULL: nothing shown, or new */
  gboolean             is_new;
  TxDay                 *day;
  char                *initial_form;       /* the form as last read or saved */
  gboolean             valid;
  gboolean             title_touched;      /* a new title was typed, and may be shown wrong */
  gboolean             department_touched; /* the department's name was typed */
  gboolean             due_follows;        /* the due date is 30 days after the submission */
  gboolean             progress_known;     /* the progress was recorded, or set here */
  gboolean             show_back_button;
  guint                updating;           /* filling widgets, not the clerk typing */
  guint                reload_id;
};

G_DEFINE_FINAL_TYPE (TxOutcomeEditor, tx_outcome_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_UUID,
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

static void schedule_reload   (TxOutcomeEditor *self);
static void update_validation (TxOutcomeEditor *self);

/* Text */

static char *
dup_row_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
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

/* Dates */

static char *
dup_today (TxOutcomeEditor *self)
{
  return self->day != NULL ? tx_day_dup_iso (self->day) : tx_date_to_iso (tx_date_today_local ());
}

static TxDate
get_today (TxOutcomeEditor *self)
{
  return self->day != NULL ? tx_day_get_today (self->day) : tx_date_today_local ();
}

/* When feedback is due unless another day is agreed: the feedback-days
 * setting after @submitted; NULL when @submitted is not a date. */
static char *
dup_default_due (TxOutcomeEditor *self,
                 const char      *submitted)
{
  TxDate date = tx_date_from_iso (submitted);

  if (date == TX_DATE_NONE || self->store == NULL)
    return NULL;

  return tx_date_to_iso (tx_date_add_days (date, tx_settings_get_feedback_days (tx_store_get_settings (self->store))));
}

/* Problems and toasts */

static GtkWindow *
get_parent_window (TxOutcomeEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A problem stays above the form until it is closed or the next change
 * succeeds. */
static void
show_problem (TxOutcomeEditor *self,
              const char      *text)
{
  gtk_label_set_label (self->problem_label, text);
  gtk_info_bar_set_revealed (self->problem_bar, TRUE);
}

static void
hide_problem (TxOutcomeEditor *self)
{
  gtk_info_bar_set_revealed (self->problem_bar, FALSE);
}

static void
on_problem_bar_response_cb (GtkInfoBar      *bar,
                            int              response,
                            TxOutcomeEditor *self)
{
  if (response == GTK_RESPONSE_CLOSE)
    hide_problem (self);
}

/* What failed, then the core's message, which says what to do. */
static void
report_failure (TxOutcomeEditor *self,
                const char      *what,
                const GError    *error)
{
  /* Translators: "Not saved: <why, and what to do>" */
  g_autofree char *text = g_strdup_printf (_("%s: %s"), what, error->message);

  g_warning ("%s: %s", what, error->message);
  show_problem (self, text);
}

/* Takes @toast.  The window's toast overlay is an ancestor of the editor.
 * The editor's last toast is dismissed first: "saved" is stale once the
 * recommendation is deleted, and libadwaita 1.2 asserts when a toast that
 * a high-priority one put aside comes back before it has finished
 * hiding (an Undo clicked quickly). */
static void
add_toast (TxOutcomeEditor *self,
           AdwToast        *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }

  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_set_weak_pointer (&self->toast, toast);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static AdwToast *
create_toast (const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  return adw_toast_new (markup);
}

/* The form */

static gboolean
is_shown (TxOutcomeEditor *self)
{
  return self->store != NULL && (self->is_new || self->outcome != NULL);
}

/* The consultation a new recommendation belongs to; NULL when none is
 * chosen.  An existing one keeps its own. */
static const char *
get_consultation_uuid (TxOutcomeEditor *self)
{
  guint selected;

  if (!self->is_new)
    return self->outcome != NULL ? tx_outcome_get_consultation_uuid (self->outcome) : NULL;

  selected = adw_combo_row_get_selected (self->consultation_row);
  if (selected >= self->consultation_uuids->len)
    return NULL;

  return g_ptr_array_index (self->consultation_uuids, selected);
}

/* "party_committee", "government", the department's name, or NULL */
static char *
dup_submitted_to (TxOutcomeEditor *self)
{
  switch (adw_combo_row_get_selected (self->submitted_to_row))
    {
    case SUBMITTED_TO_PARTY_COMMITTEE:
      return g_strdup ("party_committee");

    case SUBMITTED_TO_GOVERNMENT:
      return g_strdup ("government");

    case SUBMITTED_TO_DEPARTMENT:
      {
        g_autofree char *name = dup_row_text (self->department_row);

        return name[0] != '\0' ? g_steal_pointer (&name) : NULL;
      }

    default:
      return NULL;
    }
}

static TxAdoption
get_selected_adoption (TxOutcomeEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->adoption_row);

  return selected < tx_adoption_get_count () ? (TxAdoption) selected : TX_ADOPTION_PENDING;
}

static gboolean
is_adopted (TxAdoption adoption)
{
  return adoption == TX_ADOPTION_ADOPTED || adoption == TX_ADOPTION_PARTLY_ADOPTED;
}

/* 0 to 100, or -1 when not known: only an adopted recommendation is
 * carried out. */
static int
get_progress (TxOutcomeEditor *self)
{
  if (!is_adopted (get_selected_adoption (self)) || !self->progress_known)
    return -1;

  return gtk_spin_button_get_value_as_int (self->progress_spin);
}

/* Supervision records: one row each, in the list box, in order */

typedef struct {
  GtkDropDown   *phase;
  GtkEntry      *date;
  GtkEntry      *by;
  GtkTextBuffer *note;
} SupervisionRow;

static SupervisionRow *
get_supervision_row (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "tx-supervision");
}

static GPtrArray *
get_supervision_rows (TxOutcomeEditor *self)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->supervision_list, i)) != NULL; i++)
    g_ptr_array_add (rows, get_supervision_row (row));

  return rows;
}

/* The records as the form holds them, the empty ones left out. */
static GPtrArray *
read_supervisions (TxOutcomeEditor *self)
{
  g_autoptr(GPtrArray) rows = get_supervision_rows (self);
  GPtrArray *supervisions = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_supervision_free);

  for (guint i = 0; i < rows->len; i++)
    {
      SupervisionRow *row = g_ptr_array_index (rows, i);
      guint phase = gtk_drop_down_get_selected (row->phase);
      g_autofree char *date = dup_row_text (row->date);
      g_autofree char *by = dup_row_text (row->by);
      g_autofree char *note = dup_buffer_text (row->note);
      TxSupervision *supervision;

      if (date[0] == '\0' && by[0] == '\0' && note[0] == '\0')
        continue;

      supervision = tx_supervision_new (phase < tx_supervision_phase_get_count ()
                                        ? (TxSupervisionPhase) phase : TX_SUPERVISION_BEFORE);
      supervision->date = date[0] != '\0' ? g_steal_pointer (&date) : NULL;
      supervision->by = g_steal_pointer (&by);
      supervision->note = g_steal_pointer (&note);
      g_ptr_array_add (supervisions, supervision);
    }

  return supervisions;
}

/* Everything the form holds, to tell whether anything was changed. */
static char *
dup_form_state (TxOutcomeEditor *self)
{
  GString *state = g_string_new (NULL);
  g_autofree char *title = dup_row_text (self->title_row);
  g_autofree char *content = dup_buffer_text (self->content_buffer);
  g_autofree char *submitted_to = dup_submitted_to (self);
  g_autofree char *department = dup_row_text (self->department_row);
  g_autofree char *submitted = dup_row_text (self->submitted_row);
  g_autofree char *due = dup_row_text (self->feedback_due_row);
  g_autofree char *received = dup_row_text (self->feedback_received_row);
  g_autofree char *feedback = dup_buffer_text (self->feedback_buffer);
  g_autoptr(GPtrArray) supervisions = read_supervisions (self);
  const char *consultation = get_consultation_uuid (self);

  g_string_append_printf (state, "%s\x1f%s\x1f%s\x1f%u\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f%d\x1f",
                          consultation != NULL ? consultation : "",
                          title, content,
                          adw_combo_row_get_selected (self->submitted_to_row),
                          submitted_to != NULL ? submitted_to : department,
                          submitted, due, received, feedback,
                          get_selected_adoption (self), get_progress (self));

  for (guint i = 0; i < supervisions->len; i++)
    {
      TxSupervision *supervision = g_ptr_array_index (supervisions, i);

      g_string_append_printf (state, "%d\x1e%s\x1e%s\x1e%s\x1f",
                              supervision->phase,
                              supervision->date != NULL ? supervision->date : "",
                              supervision->by, supervision->note);
    }

  return g_string_free (state, FALSE);
}

static void
take_form_snapshot (TxOutcomeEditor *self)
{
  g_free (self->initial_form);
  self->initial_form = dup_form_state (self);
}

static gboolean
form_has_changes (TxOutcomeEditor *self)
{
  g_autofree char *state = NULL;

  if (!is_shown (self) || self->initial_form == NULL)
    return FALSE;

  state = dup_form_state (self);
  return g_strcmp0 (state, self->initial_form) != 0;
}

/* Checking the form */

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

/* Takes @problems' strings to the label, one a line. */
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
update_actions (TxOutcomeEditor *self)
{
  gboolean shown = is_shown (self);
  g_autofree char *title = dup_row_text (self->title_row);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outcome.save",
                                 shown && self->valid && (self->is_new || form_has_changes (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outcome.delete", shown && !self->is_new);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outcome.export",
                                 shown && title[0] != '\0' && get_consultation_uuid (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outcome.add-supervision", shown);

  /* Nothing to save or export: no buttons to wonder at. */
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), shown);
}

static void
set_feedback_status (TxOutcomeEditor *self,
                     const char      *icon_name,
                     gboolean         alarming,
                     const char      *text)
{
  gtk_widget_set_visible (self->feedback_status_box, text != NULL);
  if (text == NULL)
    return;

  gtk_image_set_from_icon_name (self->feedback_status_icon, icon_name);
  gtk_label_set_label (self->feedback_status_label, text);

  if (alarming)
    {
      gtk_widget_add_css_class (self->feedback_status_box, "error");
      gtk_widget_remove_css_class (self->feedback_status_box, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (self->feedback_status_box, "error");
      gtk_widget_add_css_class (self->feedback_status_box, "dim-label");
    }
}

/* Where the feedback stands, in words, as of today: on time, awaited,
 * or overdue (DESIGN §1, the first of the three zeros). */
static void
update_feedback_status (TxOutcomeEditor *self,
                        const char      *submitted,
                        const char      *due,
                        const char      *received)
{
  g_autoptr(TxOutcome) outcome = tx_outcome_new_for_consultation (NULL);
  g_autofree char *text = NULL;
  TxFeedbackStatus status;
  char due_text[11];
  int days;

  if (!tx_date_is_valid (submitted) || (due[0] != '\0' && !tx_date_is_valid (due)) ||
      (received[0] != '\0' && !tx_date_is_valid (received)) || self->store == NULL)
    {
      set_feedback_status (self, NULL, FALSE, NULL);
      return;
    }

  /* as the ledger and the list judge it */
  tx_outcome_set_submission (outcome, "government", submitted);
  tx_outcome_set_feedback (outcome, due, received, NULL);
  tx_feedback_get_status (outcome, get_today (self),
                          tx_settings_get_feedback_days (tx_store_get_settings (self->store)), &status);
  tx_date_write_iso (status.due, due_text);

  if (received[0] != '\0')
    {
      TxDate received_date = tx_date_from_iso (received);

      days = tx_date_days_between (status.due, received_date);
      if (days <= 0)
        text = g_strdup_printf (ngettext ("Answered %d day after submission, in time.",
                                          "Answered %d days after submission, in time.",
                                          tx_date_days_between (status.submitted, received_date)),
                                tx_date_days_between (status.submitted, received_date));
      else
        text = g_strdup_printf (ngettext ("Answered %d day after it was due.",
                                          "Answered %d days after it was due.", days),
                                days);
      set_feedback_status (self, "emblem-ok-symbolic", FALSE, text);
      return;
    }

  if (status.state == TX_FEEDBACK_OVERDUE)
    {
      /* Translators: %d is a number of days, %s the date feedback was due */
      text = g_strdup_printf (ngettext ("Feedback overdue by %d day: it was due on %s, and none has been received.",
                                        "Feedback overdue by %d days: it was due on %s, and none has been received.",
                                        status.days),
                              status.days, due_text);
      set_feedback_status (self, "dialog-warning-symbolic", TRUE, text);
    }
  else if (status.state == TX_FEEDBACK_DUE_TODAY)
    set_feedback_status (self, "alarm-symbolic", FALSE, _("Awaiting feedback: it is due today."));
  else if (status.state == TX_FEEDBACK_AWAITED)
    {
      /* Translators: %d is a number of days, %s the date feedback is due */
      text = g_strdup_printf (ngettext ("Awaiting feedback: due in %d day, on %s.",
                                        "Awaiting feedback: due in %d days, on %s.", status.days),
                              status.days, due_text);
      set_feedback_status (self, "alarm-symbolic", FALSE, text);
    }
  else
    set_feedback_status (self, NULL, FALSE, NULL);
}

/* The second and third zeros: supervised before, during and after;
 * carried out in full. */
static void
update_implementation (TxOutcomeEditor *self)
{
  TxAdoption adoption = get_selected_adoption (self);
  g_autoptr(GPtrArray) supervisions = read_supervisions (self);
  g_autoptr(GString) missing = g_string_new (NULL);
  gboolean phases[3] = { FALSE, FALSE, FALSE };
  const char *subtitle;

  gtk_widget_set_sensitive (GTK_WIDGET (self->progress_row), is_adopted (adoption));
  if (!is_adopted (adoption))
    subtitle = _("Only an adopted recommendation is carried out");
  else if (!self->progress_known)
    subtitle = _("Not recorded yet");
  else if (gtk_spin_button_get_value_as_int (self->progress_spin) >= 100)
    subtitle = _("Carried out in full");
  else
    subtitle = _("How much of it has been carried out");
  adw_action_row_set_subtitle (self->progress_row, subtitle);

  for (guint i = 0; i < supervisions->len; i++)
    phases[((TxSupervision *) g_ptr_array_index (supervisions, i))->phase] = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    if (!phases[i])
      {
        if (missing->len > 0)
          g_string_append (missing, C_("list separator", ", "));
        g_string_append (missing, tx_supervision_phase_get_label ((TxSupervisionPhase) i));
      }

  if (!is_adopted (adoption))
    adw_preferences_group_set_description (self->supervision_group,
                                           _("An adopted recommendation is supervised before, during and after it is carried out, with the public."));
  else if (missing->len == 0)
    adw_preferences_group_set_description (self->supervision_group,
                                           _("Supervised before, during and after: nothing is missing."));
  else
    {
      /* Translators: %s lists supervision phases: “During, After” */
      g_autofree char *text = g_strdup_printf (_("Not yet supervised: %s. An adopted recommendation is supervised before, during and after."),
                                               missing->str);

      adw_preferences_group_set_description (self->supervision_group, text);
    }
}

/* The rules of the form, said where they are broken, as the clerk types. */
static void
update_validation (TxOutcomeEditor *self)
{
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) submission = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) feedback = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) supervision = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = get_supervision_rows (self);
  g_autofree char *title = dup_row_text (self->title_row);
  g_autofree char *department = dup_row_text (self->department_row);
  g_autofree char *submitted = dup_row_text (self->submitted_row);
  g_autofree char *due = dup_row_text (self->feedback_due_row);
  g_autofree char *received = dup_row_text (self->feedback_received_row);
  g_autofree char *today = dup_today (self);
  guint submitted_to = adw_combo_row_get_selected (self->submitted_to_row);
  const char *department_problem = NULL;
  const char *submitted_problem = NULL;
  const char *due_problem = NULL;
  const char *received_problem = NULL;
  gboolean submitted_ok = tx_date_is_valid (submitted);
  gboolean missing = FALSE;
  gboolean wrong = FALSE;

  /* What it is, and where it came from */
  if (title[0] == '\0')
    {
      g_ptr_array_add (details, g_strdup (_("Write the title of the recommendation.")));
      missing = TRUE;
    }
  if (self->is_new && get_consultation_uuid (self) == NULL)
    {
      g_ptr_array_add (details, g_strdup (_("Choose the consultation it came from.")));
      missing = TRUE;
    }
  /* A new, empty form says what it needs without alarm. */
  if (title[0] == '\0' && (!self->is_new || self->title_touched))
    gtk_widget_add_css_class (GTK_WIDGET (self->details_problem_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->details_problem_label), "error");
  show_entry_problem (GTK_WIDGET (self->title_row), NULL,
                      title[0] == '\0' && (!self->is_new || self->title_touched)
                      ? _("Write the title of the recommendation.") : NULL);
  show_label_problems (self->details_problem_label, details);

  /* Submission */
  gtk_widget_set_visible (GTK_WIDGET (self->department_row), submitted_to == SUBMITTED_TO_DEPARTMENT);
  if (submitted_to == SUBMITTED_TO_DEPARTMENT && department[0] == '\0')
    {
      /* Said at once, shown in red once typed and taken away. */
      g_ptr_array_add (submission, g_strdup (_("Write the name of the department it was submitted to.")));
      missing = TRUE;
      if (self->department_touched)
        department_problem = _("Write the name of the department it was submitted to.");
    }
  if (submitted[0] != '\0' && !submitted_ok)
    submitted_problem = _("The submission date is not a date: write it as YYYY-MM-DD, for example 2026-11-27.");
  else if (submitted_ok && submitted_to > SUBMITTED_TO_DEPARTMENT)
    submitted_problem = _("Choose whom it was submitted to: the Party committee, the government or a department.");
  else if (submitted_ok && g_strcmp0 (submitted, today) > 0)
    submitted_problem = _("The submission date is after today: check it.");
  show_entry_problem (GTK_WIDGET (self->department_row), self->department_error_icon, department_problem);
  show_entry_problem (GTK_WIDGET (self->submitted_row), self->submitted_error_icon, submitted_problem);
  if (submitted_problem != NULL)
    g_ptr_array_add (submission, g_strdup (submitted_problem));
  if (department_problem != NULL || submitted_problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->submission_problem_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->submission_problem_label), "error");
  show_label_problems (self->submission_problem_label, submission);

  /* Feedback */
  if (due[0] != '\0' && !tx_date_is_valid (due))
    due_problem = _("The feedback due date is not a date: write it as YYYY-MM-DD, for example 2026-12-27.");
  else if (due[0] != '\0' && submitted_ok && g_strcmp0 (due, submitted) < 0)
    due_problem = _("Feedback cannot be due before the recommendation was submitted: check both dates.");
  if (received[0] != '\0' && !tx_date_is_valid (received))
    received_problem = _("The feedback date is not a date: write it as YYYY-MM-DD, for example 2026-11-20.");
  else if (received[0] != '\0' && submitted[0] == '\0')
    received_problem = _("Feedback was received, so the recommendation was submitted: write when.");
  else if (received[0] != '\0' && submitted_ok && g_strcmp0 (received, submitted) < 0)
    received_problem = _("Feedback cannot come before the recommendation was submitted: check both dates.");
  else if (received[0] != '\0' && g_strcmp0 (received, today) > 0)
    received_problem = _("The feedback date is after today: check it.");
  show_entry_problem (GTK_WIDGET (self->feedback_due_row), self->feedback_due_error_icon, due_problem);
  show_entry_problem (GTK_WIDGET (self->feedback_received_row), self->feedback_received_error_icon, received_problem);
  if (due_problem != NULL)
    g_ptr_array_add (feedback, g_strdup (due_problem));
  if (received_problem != NULL)
    g_ptr_array_add (feedback, g_strdup (received_problem));
  show_label_problems (self->feedback_problem_label, feedback);
  update_feedback_status (self, submitted, due, received);

  /* Supervision */
  for (guint i = 0; i < rows->len; i++)
    {
      SupervisionRow *row = g_ptr_array_index (rows, i);
      g_autofree char *date = dup_row_text (row->date);
      g_autofree char *problem = NULL;

      if (date[0] != '\0' && !tx_date_is_valid (date))
        /* Translators: %u is the number of the record, from 1 */
        problem = g_strdup_printf (_("The date of supervision record %u is not a date: write it as YYYY-MM-DD, for example 2026-11-27."),
                                   i + 1);
      else if (date[0] != '\0' && g_strcmp0 (date, today) > 0)
        /* Translators: %u is the number of the record, from 1 */
        problem = g_strdup_printf (_("The date of supervision record %u is after today: check it."), i + 1);

      show_entry_problem (GTK_WIDGET (row->date), NULL, problem);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row->date), problem != NULL ? problem : _("Date of the supervision"));
      if (problem != NULL)
        g_ptr_array_add (supervision, g_steal_pointer (&problem));
    }
  show_label_problems (self->supervision_problem_label, supervision);
  update_implementation (self);

  wrong = department_problem != NULL || submitted_problem != NULL ||
          due_problem != NULL || received_problem != NULL || supervision->len > 0;
  self->valid = !missing && !wrong;

  update_actions (self);
}

/* Writes what the form holds into @outcome; the dates that are not
 * dates are left out, for a document of a form not yet right. */
static void
apply_form (TxOutcomeEditor *self,
            TxOutcome       *outcome)
{
  g_autofree char *title = dup_row_text (self->title_row);
  g_autofree char *content = dup_buffer_text (self->content_buffer);
  g_autofree char *submitted_to = dup_submitted_to (self);
  g_autofree char *submitted = dup_row_text (self->submitted_row);
  g_autofree char *due = dup_row_text (self->feedback_due_row);
  g_autofree char *received = dup_row_text (self->feedback_received_row);
  g_autofree char *feedback = dup_buffer_text (self->feedback_buffer);
  g_autoptr(GPtrArray) supervisions = read_supervisions (self);

  tx_outcome_set_text (outcome, title, content);
  tx_outcome_set_submission (outcome, submitted_to,
                             tx_date_is_valid (submitted) ? submitted : NULL);
  /* Not submitted: no due date of its own, unless the clerk set one. */
  if (submitted[0] == '\0' && self->due_follows)
    due[0] = '\0';
  tx_outcome_set_feedback (outcome,
                           tx_date_is_valid (due) ? due : NULL,
                           tx_date_is_valid (received) ? received : NULL,
                           feedback);
  tx_outcome_set_adoption (outcome, get_selected_adoption (self), get_progress (self));

  tx_outcome_clear_supervisions (outcome);
  for (guint i = 0; i < supervisions->len; i++)
    {
      TxSupervision *supervision = g_ptr_array_index (supervisions, i);

      tx_outcome_add_supervision (outcome, supervision->phase,
                                  tx_date_is_valid (supervision->date) ? supervision->date : NULL,
                                  supervision->by, supervision->note);
    }
}

/* Callbacks of the form */

static void
on_form_changed_cb (TxOutcomeEditor *self)
{
  if (self->updating > 0)
    return;

  update_validation (self);
}

static void
on_title_row_changed_cb (TxOutcomeEditor *self)
{
  if (self->updating > 0)
    return;

  self->title_touched = TRUE;
  update_validation (self);
}

/* The due date follows, 30 days on, unless the clerk set another.  It
 * stays while the submission date is being typed (emptied first, then
 * half a date), and goes with it only when saved without one. */
static void
on_submitted_row_changed_cb (TxOutcomeEditor *self)
{
  g_autofree char *submitted = NULL;
  g_autofree char *due = NULL;

  if (self->updating > 0)
    return;

  submitted = dup_row_text (self->submitted_row);
  if (self->due_follows && tx_date_is_valid (submitted))
    {
      due = dup_default_due (self, submitted);
      self->updating++;
      set_editable_text (self->feedback_due_row, due);
      self->updating--;
    }

  update_validation (self);
}

static void
on_feedback_due_row_changed_cb (TxOutcomeEditor *self)
{
  g_autofree char *due = NULL;

  if (self->updating > 0)
    return;

  /* Emptied, it follows the submission again from its next change. */
  due = dup_row_text (self->feedback_due_row);
  self->due_follows = due[0] == '\0';
  update_validation (self);
}

static void
on_department_row_changed_cb (TxOutcomeEditor *self)
{
  if (self->updating > 0)
    return;

  self->department_touched = TRUE;
  update_validation (self);
}

static void
on_submitted_to_row_notify_selected_cb (TxOutcomeEditor *self)
{
  if (self->updating > 0)
    return;

  update_validation (self);
  if (adw_combo_row_get_selected (self->submitted_to_row) == SUBMITTED_TO_DEPARTMENT)
    gtk_widget_grab_focus (GTK_WIDGET (self->department_row));
}

static void
on_progress_spin_value_changed_cb (TxOutcomeEditor *self)
{
  if (self->updating > 0)
    return;

  self->progress_known = TRUE;
  update_validation (self);
}

/* Enter in a row saves, as in any form. */
static void
on_row_entry_activated_cb (TxOutcomeEditor *self)
{
  if (self->valid)
    gtk_widget_activate_action (GTK_WIDGET (self), "outcome.save", NULL);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

/* Supervision rows */

static void
on_supervision_remove_button_clicked_cb (GtkButton       *button,
                                         TxOutcomeEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  gtk_list_box_remove (self->supervision_list, row);
  update_validation (self);
}

static GtkWidget *
create_supervision_row (TxOutcomeEditor    *self,
                        TxSupervisionPhase  phase,
                        const char         *date,
                        const char         *by,
                        const char         *note)
{
  SupervisionRow *data = g_new0 (SupervisionRow, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *note_view = gtk_text_view_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *by_label;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 8);

  data->phase = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->phases)), NULL));
  gtk_drop_down_set_selected (data->phase, phase);
  gtk_widget_set_valign (GTK_WIDGET (data->phase), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (data->phase), _("Phase of the supervision"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->phase),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Phase of the supervision"),
                                  -1);
  g_signal_connect_swapped (data->phase, "notify::selected", G_CALLBACK (on_form_changed_cb), self);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (data->phase));

  data->date = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_width_chars (GTK_EDITABLE (data->date), 10);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (data->date), 10);
  gtk_entry_set_placeholder_text (data->date, _("YYYY-MM-DD"));
  gtk_entry_set_icon_from_icon_name (data->date, GTK_ENTRY_ICON_PRIMARY, "x-office-calendar-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->date),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Date of the supervision"),
                                  -1);
  set_editable_text (data->date, date);
  g_signal_connect_swapped (data->date, "changed", G_CALLBACK (on_form_changed_cb), self);
  g_signal_connect_swapped (data->date, "activate", G_CALLBACK (on_row_entry_activated_cb), self);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (data->date));

  by_label = gtk_label_new (_("By whom"));
  gtk_widget_add_css_class (by_label, "dim-label");
  gtk_widget_set_margin_start (by_label, 6);
  gtk_box_append (GTK_BOX (line), by_label);

  data->by = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (data->by), TRUE);
  gtk_entry_set_placeholder_text (data->by, _("By whom"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (data->by), _("Who supervised: the liaison group, deputies, residents"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->by),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("By whom"),
                                  -1);
  set_editable_text (data->by, by);
  g_signal_connect_swapped (data->by, "changed", G_CALLBACK (on_form_changed_cb), self);
  g_signal_connect_swapped (data->by, "activate", G_CALLBACK (on_row_entry_activated_cb), self);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (data->by));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove This Record"));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_supervision_remove_button_clicked_cb), self);
  gtk_box_append (GTK_BOX (line), remove);
  gtk_box_append (GTK_BOX (box), line);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (note_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (note_view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (note_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (note_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (note_view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (note_view), 8);
  gtk_widget_set_size_request (note_view, -1, 48);
  gtk_widget_set_tooltip_text (note_view, _("What was found, and what was done about it"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (note_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note of the supervision"),
                                  -1);
  data->note = gtk_text_view_get_buffer (GTK_TEXT_VIEW (note_view));
  set_buffer_text (data->note, note);
  g_signal_connect_swapped (data->note, "changed", G_CALLBACK (on_form_changed_cb), self);
  gtk_frame_set_child (GTK_FRAME (frame), note_view);
  gtk_box_append (GTK_BOX (box), frame);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "tx-supervision", data, g_free);

  return row;
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* Filling the form */

static void
select_submitted_to (TxOutcomeEditor *self,
                     const char      *submitted_to)
{
  if (g_strcmp0 (submitted_to, "party_committee") == 0)
    adw_combo_row_set_selected (self->submitted_to_row, SUBMITTED_TO_PARTY_COMMITTEE);
  else if (g_strcmp0 (submitted_to, "government") == 0)
    adw_combo_row_set_selected (self->submitted_to_row, SUBMITTED_TO_GOVERNMENT);
  else if (submitted_to != NULL && submitted_to[0] != '\0')
    {
      adw_combo_row_set_selected (self->submitted_to_row, SUBMITTED_TO_DEPARTMENT);
      set_editable_text (self->department_row, submitted_to);
    }
  else
    adw_combo_row_set_selected (self->submitted_to_row, GTK_INVALID_LIST_POSITION);
}

/* Every consultation, for a new recommendation: "title (township)" */
static void
fill_consultations (TxOutcomeEditor *self)
{
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = g_strdup (get_consultation_uuid (self));
  guint position = GTK_INVALID_LIST_POSITION;

  consultations = tx_store_list_consultations (self->store, 0, NULL, &error);
  if (consultations == NULL)
    {
      g_warning ("Could not read the consultations: %s", error->message);
      return;
    }

  g_ptr_array_set_size (self->consultation_uuids, 0);
  for (guint i = 0; i < consultations->len; i++)
    {
      TxConsultation *consultation = g_ptr_array_index (consultations, i);

      if (g_strcmp0 (tx_consultation_get_uuid (consultation), chosen) == 0)
        position = i;
      g_ptr_array_add (self->consultation_uuids, g_strdup (tx_consultation_get_uuid (consultation)));
      /* Translators: a consultation's title, then its township */
      g_ptr_array_add (names, g_strdup_printf (_("%s (%s)"),
                                               tx_consultation_get_title (consultation),
                                               tx_consultation_get_township_name (consultation)));
    }
  g_ptr_array_add (names, NULL);

  self->updating++;
  gtk_string_list_splice (self->consultation_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->consultation_names)),
                          (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->consultation_row, position);
  self->updating--;
}

static void
fill_form (TxOutcomeEditor *self)
{
  TxOutcome *outcome = self->outcome;
  GPtrArray *supervisions = outcome != NULL ? tx_outcome_get_supervisions (outcome) : NULL;
  const char *submitted = outcome != NULL ? tx_outcome_get_submitted (outcome) : NULL;
  const char *due = outcome != NULL ? tx_outcome_get_feedback_due (outcome) : NULL;
  g_autofree char *default_due = dup_default_due (self, submitted);
  int progress = outcome != NULL ? tx_outcome_get_progress (outcome) : -1;

  self->updating++;

  set_editable_text (self->title_row, outcome != NULL ? tx_outcome_get_title (outcome) : NULL);
  set_buffer_text (self->content_buffer, outcome != NULL ? tx_outcome_get_content (outcome) : NULL);
  set_editable_text (self->department_row, NULL);
  select_submitted_to (self, outcome != NULL ? tx_outcome_get_submitted_to (outcome) : NULL);
  set_editable_text (self->submitted_row, submitted);

  /* The due date the core would set is shown, and follows the
   * submission date while it is that one. */
  self->due_follows = due == NULL || g_strcmp0 (due, default_due) == 0;
  set_editable_text (self->feedback_due_row, due != NULL ? due : default_due);
  set_editable_text (self->feedback_received_row, outcome != NULL ? tx_outcome_get_feedback_received (outcome) : NULL);
  set_buffer_text (self->feedback_buffer, outcome != NULL ? tx_outcome_get_feedback_text (outcome) : NULL);

  adw_combo_row_set_selected (self->adoption_row,
                              outcome != NULL ? tx_outcome_get_adoption (outcome) : TX_ADOPTION_PENDING);
  self->progress_known = progress >= 0;
  gtk_spin_button_set_value (self->progress_spin, MAX (progress, 0));

  remove_all_rows (self->supervision_list);
  for (guint i = 0; supervisions != NULL && i < supervisions->len; i++)
    {
      TxSupervision *supervision = g_ptr_array_index (supervisions, i);

      gtk_list_box_append (self->supervision_list,
                           create_supervision_row (self, supervision->phase, supervision->date,
                                                   supervision->by, supervision->note));
    }

  self->updating--;

  self->title_touched = FALSE;
  self->department_touched = FALSE;
  take_form_snapshot (self);
}

static void
set_title_labels (TxOutcomeEditor *self,
                  const char      *title,
                  const char      *subtitle)
{
  gtk_label_set_label (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), title[0] != '\0' ? title : NULL);
  gtk_label_set_label (self->subtitle_label, subtitle);
}

static void
update_title (TxOutcomeEditor *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *consultation = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->consultation_row), self->is_new);
  gtk_widget_set_visible (GTK_WIDGET (self->consultation_info_row), !self->is_new);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), is_shown (self) && !self->is_new);

  if (!is_shown (self))
    {
      set_title_labels (self, "", "");
      return;
    }

  if (self->is_new)
    {
      set_title_labels (self, _("New Recommendation"), _("Not saved yet"));
      return;
    }

  /* Translators: a consultation's title, then its township */
  consultation = g_strdup_printf (_("%s (%s)"),
                                  tx_outcome_get_consultation_title (self->outcome),
                                  tx_outcome_get_township_name (self->outcome));
  adw_action_row_set_subtitle (self->consultation_info_row, consultation);

  /* Translators: a recommendation's township, then how far it was adopted */
  subtitle = g_strdup_printf (_("%s · %s"),
                              tx_outcome_get_township_name (self->outcome),
                              tx_adoption_get_label (tx_outcome_get_adoption (self->outcome)));
  set_title_labels (self, tx_outcome_get_title (self->outcome), subtitle);
}

/* Reading the recommendation */

static void
reload (TxOutcomeEditor *self,
        gboolean         refresh_form)
{
  gboolean keep_form;

  g_clear_handle_id (&self->reload_id, g_source_remove);

  if (self->store == NULL || (!self->is_new && self->uuid == NULL))
    {
      g_clear_object (&self->outcome);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_title (self);
      update_actions (self);
      return;
    }

  /* Typed and not saved: the clerk's text stays. */
  keep_form = !refresh_form && form_has_changes (self);

  if (!self->is_new)
    {
      g_autoptr(TxOutcome) outcome = NULL;
      g_autoptr(GError) error = NULL;

      outcome = tx_store_load_outcome (self->store, self->uuid, &error);
      if (outcome == NULL)
        {
          g_autofree char *markup = g_markup_escape_text (error->message, -1);

          g_debug ("Could not read the recommendation %s: %s", self->uuid, error->message);
          g_clear_object (&self->outcome);
          adw_status_page_set_description (self->error_page, markup);
          gtk_stack_set_visible_child_name (self->stack, "error");
          update_title (self);
          update_actions (self);
          return;
        }
      g_set_object (&self->outcome, outcome);
    }
  else
    fill_consultations (self);

  if (!keep_form)
    fill_form (self);

  update_title (self);
  update_validation (self);

  gtk_stack_set_visible_child_name (self->stack, "form");
}

static gboolean
on_reload_idle_cb (gpointer user_data)
{
  TxOutcomeEditor *self = user_data;

  self->reload_id = 0;
  reload (self, FALSE);

  return G_SOURCE_REMOVE;
}

static void
schedule_reload (TxOutcomeEditor *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, on_reload_idle_cb, self, NULL);
}

static void
on_store_changed_cb (TxStore         *store,
                     const char      *kind,
                     const char      *uuid,
                     TxOutcomeEditor *self)
{
  /* A recommendation; a consultation's title or a township's name; the
   * whole database. */
  if (g_strcmp0 (kind, "outcome") == 0 ||
      g_strcmp0 (kind, "consultation") == 0 ||
      g_strcmp0 (kind, "township") == 0 ||
      g_strcmp0 (kind, "all") == 0)
    schedule_reload (self);
}

/* Shows @uuid, a new recommendation (@is_new), or nothing. */
static void
show_outcome (TxOutcomeEditor *self,
              const char      *uuid,
              gboolean         is_new)
{
  gboolean notify = g_strcmp0 (self->uuid, uuid) != 0;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  self->is_new = self->store != NULL && is_new;
  g_clear_object (&self->outcome);
  g_clear_pointer (&self->initial_form, g_free);

  /* The consultation is chosen again for the next new one. */
  self->updating++;
  adw_combo_row_set_selected (self->consultation_row, GTK_INVALID_LIST_POSITION);
  self->updating--;

  hide_problem (self);
  reload (self, TRUE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  if (self->is_new)
    gtk_widget_grab_focus (GTK_WIDGET (self->consultation_row));

  if (notify)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

/* Delete and Undo */

static void
on_undo_delete_toast_button_clicked_cb (AdwToast        *toast,
                                        TxOutcomeEditor *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (toast), "tx-uuid");
  TxStore *store = g_object_get_data (G_OBJECT (toast), "tx-store");
  g_autoptr(GError) error = NULL;

  if (!tx_store_delete_outcome (store, uuid, TRUE, &error))
    {
      report_failure (self, _("Could not bring the recommendation back"), error);
      return;
    }

  /* Back where it was, unless the clerk has gone on to another. */
  if (store == self->store && !form_has_changes (self))
    show_outcome (self, uuid, FALSE);
}

/* Documents */

/* The recommendation as stored, with what the form holds: the document
 * shows what the clerk sees, saved or not. */
static TxOutcome *
dup_outcome_for_documents (TxOutcomeEditor  *self,
                           GError          **error)
{
  TxOutcome *outcome;

  if (self->is_new)
    outcome = tx_outcome_new_for_consultation (get_consultation_uuid (self));
  else
    outcome = tx_store_load_outcome (self->store, self->uuid, error);

  if (outcome != NULL)
    apply_form (self, outcome);

  return outcome;
}

/* The file's name: the title; no slashes. */
static char *
dup_document_name (TxOutcomeEditor *self)
{
  g_autofree char *title = dup_row_text (self->title_row);

  g_strdelimit (title, "/\\:", '-');
  return g_strconcat (title, ".odt", NULL);
}

static void
set_file_chooser (TxOutcomeEditor      *self,
                  GtkFileChooserNative *chooser)
{
  if (self->file_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->file_chooser, self);
      if (gtk_native_dialog_get_visible (self->file_chooser))
        gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }

  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               TxOutcomeEditor *self)
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

          g_clear_object (&file);
          file = g_file_get_child (parent, with_suffix);
        }

      if (tx_outcome_editor_export_to_file (self, file, &error))
        {
          g_autofree char *path = g_file_get_path (file);
          /* Translators: %s is the path of the file written */
          g_autofree char *text = g_strdup_printf (_("Recommendation exported to “%s”"), path);

          hide_problem (self);
          add_toast (self, create_toast (text));
        }
      else
        report_failure (self, _("Could not export the recommendation"), error);
    }

  if (self->file_chooser == chooser)
    set_file_chooser (self, NULL);
}

/* Actions */

static void
tx_outcome_editor_save_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  tx_outcome_editor_save (TX_OUTCOME_EDITOR (widget));
}

static void
tx_outcome_editor_delete_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  TxOutcomeEditor *self = TX_OUTCOME_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (!is_shown (self) || self->is_new)
    return;

  uuid = g_strdup (self->uuid);
  if (!tx_store_delete_outcome (self->store, uuid, FALSE, &error))
    {
      report_failure (self, _("Not deleted"), error);
      return;
    }

  /* Translators: %s is a recommendation's title */
  text = g_strdup_printf (_("“%s” was deleted"), tx_outcome_get_title (self->outcome));
  toast = create_toast (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "tx-uuid", g_strdup (uuid), g_free);
  g_object_set_data_full (G_OBJECT (toast), "tx-store", g_object_ref (self->store), g_object_unref);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (on_undo_delete_toast_button_clicked_cb), self, 0);

  show_outcome (self, NULL, FALSE);
  add_toast (self, toast);
}

static void
tx_outcome_editor_export_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  TxOutcomeEditor *self = TX_OUTCOME_EDITOR (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (!is_shown (self))
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Recommendation"), get_parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("OpenDocument Text (.odt)"));
  gtk_file_filter_add_suffix (filter, "odt");
  gtk_file_filter_add_mime_type (filter, "application/vnd.oasis.opendocument.text");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  name = dup_document_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self);
  set_file_chooser (self, chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A new record, of the first phase not yet recorded. */
static void
tx_outcome_editor_add_supervision_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  TxOutcomeEditor *self = TX_OUTCOME_EDITOR (widget);
  g_autoptr(GPtrArray) rows = get_supervision_rows (self);
  gboolean phases[3] = { FALSE, FALSE, FALSE };
  TxSupervisionPhase phase = TX_SUPERVISION_AFTER;
  GtkWidget *row;

  if (!is_shown (self))
    return;

  for (guint i = 0; i < rows->len; i++)
    {
      guint selected = gtk_drop_down_get_selected (((SupervisionRow *) g_ptr_array_index (rows, i))->phase);

      if (selected < G_N_ELEMENTS (phases))
        phases[selected] = TRUE;
    }
  for (guint i = G_N_ELEMENTS (phases); i > 0; i--)
    if (!phases[i - 1])
      phase = (TxSupervisionPhase) (i - 1);

  row = create_supervision_row (self, phase, NULL, NULL, NULL);
  gtk_list_box_append (self->supervision_list, row);
  update_validation (self);

  gtk_widget_grab_focus (GTK_WIDGET (get_supervision_row (GTK_LIST_BOX_ROW (row))->date));
}

/* GObject */

static void
tx_outcome_editor_dispose (GObject *object)
{
  TxOutcomeEditor *self = (TxOutcomeEditor *)object;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  set_file_chooser (self, NULL);
  g_clear_weak_pointer (&self->toast);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_clear_object (&self->store);

  /* The box is the bin's child and holds template children: the bin lets
   * go of it first, as TxConsultationEditor does. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_OUTCOME_EDITOR);

  g_clear_object (&self->outcome);
  g_clear_object (&self->phases);
  g_clear_pointer (&self->consultation_uuids, g_ptr_array_unref);

  G_OBJECT_CLASS (tx_outcome_editor_parent_class)->dispose (object);
}

static void
tx_outcome_editor_finalize (GObject *object)
{
  TxOutcomeEditor *self = (TxOutcomeEditor *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_object (&self->day);
  g_clear_pointer (&self->initial_form, g_free);

  G_OBJECT_CLASS (tx_outcome_editor_parent_class)->finalize (object);
}

static void
tx_outcome_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TxOutcomeEditor *self = TX_OUTCOME_EDITOR (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

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
tx_outcome_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TxOutcomeEditor *self = TX_OUTCOME_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DAY:
      tx_outcome_editor_set_day (self, g_value_get_object (value));
      break;

    case PROP_SHOW_BACK_BUTTON:
      tx_outcome_editor_set_show_back_button (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_outcome_editor_class_init (TxOutcomeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_outcome_editor_dispose;
  object_class->finalize = tx_outcome_editor_finalize;
  object_class->get_property = tx_outcome_editor_get_property;
  object_class->set_property = tx_outcome_editor_set_property;

  /**
   * TxOutcomeEditor:uuid: (nullable)
   *
   * The recommendation shown; %NULL for none, or a new one not yet saved.
   */
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxOutcomeEditor:today: (nullable)
   *
   * The day feedback is overdue by, and the date of a document not yet
   * submitted, YYYY-MM-DD; %NULL for the real date.  Tests set it.
   */
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL,
                         TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TxOutcomeEditor:show-back-button:
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
   * TxOutcomeEditor::saved:
   * @uuid: the recommendation's uuid (a new one has one now)
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "outcome.save", NULL,
                                   tx_outcome_editor_save_action);
  gtk_widget_class_install_action (widget_class, "outcome.delete", NULL,
                                   tx_outcome_editor_delete_action);
  gtk_widget_class_install_action (widget_class, "outcome.export", NULL,
                                   tx_outcome_editor_export_action);
  gtk_widget_class_install_action (widget_class, "outcome.add-supervision", NULL,
                                   tx_outcome_editor_add_supervision_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "outcome.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "outcome.export", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-outcome-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, export_button);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, problem_bar);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, error_page);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, consultation_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, consultation_names);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, consultation_info_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, details_problem_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, content_buffer);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, submitted_to_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, submitted_to_names);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, department_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, department_error_icon);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, submitted_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, submitted_error_icon);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, submission_problem_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, feedback_due_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, feedback_due_error_icon);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, feedback_received_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, feedback_received_error_icon);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, feedback_problem_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, feedback_status_box);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, feedback_status_icon);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, feedback_status_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, feedback_buffer);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, adoption_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, adoptions);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, progress_row);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, progress_spin);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, supervision_group);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, supervision_list);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, supervision_problem_label);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, delete_group);
  gtk_widget_class_bind_template_child (widget_class, TxOutcomeEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_submitted_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_feedback_due_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_department_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_submitted_to_row_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_progress_spin_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_bar_response_cb);
}

static void
tx_outcome_editor_init (TxOutcomeEditor *self)
{
  self->consultation_uuids = g_ptr_array_new_with_free_func (g_free);
  self->phases = gtk_string_list_new (NULL);
  for (guint i = 0; i < tx_supervision_phase_get_count (); i++)
    gtk_string_list_append (self->phases, tx_supervision_phase_get_label ((TxSupervisionPhase) i));

  self->updating++;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* In the order of SUBMITTED_TO_* and TxAdoption. */
  gtk_string_list_append (self->submitted_to_names, tx_submitted_to_get_label ("party_committee"));
  gtk_string_list_append (self->submitted_to_names, tx_submitted_to_get_label ("government"));
  gtk_string_list_append (self->submitted_to_names, _("A Department"));
  adw_combo_row_set_selected (self->submitted_to_row, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < tx_adoption_get_count (); i++)
    gtk_string_list_append (self->adoptions, tx_adoption_get_label ((TxAdoption) i));
  self->updating--;

  reload (self, TRUE);
}

/* Another day: dates after today are checked again. */
static void
on_day_changed_cb (TxOutcomeEditor *self)
{
  update_validation (self);
}

/* Public API */

GtkWidget *
tx_outcome_editor_new (void)
{
  return g_object_new (TX_TYPE_OUTCOME_EDITOR, NULL);
}

/**
 * tx_outcome_editor_set_outcome:
 * @store: (nullable): the store
 * @uuid: (nullable): the recommendation to show, or %NULL for a new one
 *   (nothing is shown when @store is %NULL)
 *
 * Shows a recommendation from the top of the form.  What was typed and
 * not saved is dropped: ask tx_outcome_editor_has_changes() first.
 */
void
tx_outcome_editor_set_outcome (TxOutcomeEditor *self,
                               TxStore         *store,
                               const char      *uuid)
{
  g_return_if_fail (TX_IS_OUTCOME_EDITOR (self));
  g_return_if_fail (store == NULL || TX_IS_STORE (store));

  if (self->store != store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
      g_set_object (&self->store, store);
      if (store != NULL)
        g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
    }

  show_outcome (self, uuid, uuid == NULL);
}

/* The uuid of the recommendation shown; %NULL for none, or a new one. */
const char *
tx_outcome_editor_get_uuid (TxOutcomeEditor *self)
{
  g_return_val_if_fail (TX_IS_OUTCOME_EDITOR (self), NULL);

  return self->uuid;
}

gboolean
tx_outcome_editor_is_new (TxOutcomeEditor *self)
{
  g_return_val_if_fail (TX_IS_OUTCOME_EDITOR (self), FALSE);

  return self->is_new;
}

/* Whether the form holds something not saved. */
gboolean
tx_outcome_editor_has_changes (TxOutcomeEditor *self)
{
  g_return_val_if_fail (TX_IS_OUTCOME_EDITOR (self), FALSE);

  return form_has_changes (self);
}

/* The title typed, or the one stored. */
const char *
tx_outcome_editor_get_title (TxOutcomeEditor *self)
{
  g_return_val_if_fail (TX_IS_OUTCOME_EDITOR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->title_row));
}

/**
 * tx_outcome_editor_save:
 *
 * Saves what the form holds, as outcome.save does.  A problem is shown
 * above the form.
 *
 * Returns: whether it was saved
 */
gboolean
tx_outcome_editor_save (TxOutcomeEditor *self)
{
  g_autoptr(TxOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean changed;

  g_return_val_if_fail (TX_IS_OUTCOME_EDITOR (self), FALSE);

  if (!is_shown (self))
    return FALSE;

  /* A number typed in the spin button counts before it is left. */
  gtk_spin_button_update (self->progress_spin);
  self->title_touched = TRUE;
  self->department_touched = TRUE;
  update_validation (self);
  if (!self->valid)
    {
      show_problem (self, _("Not saved: the form has mistakes, shown in red, or lacks a title or a consultation."));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  if (self->is_new)
    outcome = tx_outcome_new_for_consultation (get_consultation_uuid (self));
  else
    outcome = tx_store_load_outcome (self->store, self->uuid, &error);

  if (outcome != NULL)
    apply_form (self, outcome);
  if (outcome == NULL || !tx_store_save_outcome (self->store, outcome, &error))
    {
      report_failure (self, _("Not saved"), error);
      return FALSE;
    }

  /* Read again where it is: the form stays scrolled where it was. */
  hide_problem (self);
  changed = g_strcmp0 (self->uuid, tx_outcome_get_uuid (outcome)) != 0;
  g_free (self->uuid);
  self->uuid = g_strdup (tx_outcome_get_uuid (outcome));
  self->is_new = FALSE;
  g_clear_object (&self->outcome);
  reload (self, TRUE);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);

  /* Translators: %s is a recommendation's title */
  text = g_strdup_printf (_("“%s” saved"), tx_outcome_get_title (outcome));
  add_toast (self, create_toast (text));

  g_signal_emit (self, signals[SAVED], 0, self->uuid);

  return TRUE;
}

TxDay *
tx_outcome_editor_get_day (TxOutcomeEditor *self)
{
  g_return_val_if_fail (TX_IS_OUTCOME_EDITOR (self), NULL);

  return self->day;
}

/**
 * tx_outcome_editor_set_day:
 * @day: (nullable): the day to work with
 */
void
tx_outcome_editor_set_day (TxOutcomeEditor *self,
                           TxDay *day)
{
  g_return_if_fail (TX_IS_OUTCOME_EDITOR (self));
  g_return_if_fail (day == NULL || TX_IS_DAY (day));

  if (self->day == day)
    return;

  if (self->day != NULL)
    g_signal_handlers_disconnect_by_func (self->day, on_day_changed_cb, self);
  g_set_object (&self->day, day);
  if (day != NULL)
    g_signal_connect_object (day, "changed", G_CALLBACK (on_day_changed_cb), self, G_CONNECT_SWAPPED);
  update_validation (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

gboolean
tx_outcome_editor_get_show_back_button (TxOutcomeEditor *self)
{
  g_return_val_if_fail (TX_IS_OUTCOME_EDITOR (self), FALSE);

  return self->show_back_button;
}

void
tx_outcome_editor_set_show_back_button (TxOutcomeEditor *self,
                                        gboolean         show_back_button)
{
  g_return_if_fail (TX_IS_OUTCOME_EDITOR (self));

  show_back_button = !!show_back_button;
  if (self->show_back_button == show_back_button)
    return;

  self->show_back_button = show_back_button;
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back_button);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}

/**
 * tx_outcome_editor_export_to_file:
 * @file: an .odt file, replaced if it exists
 *
 * Writes the recommendation as the form holds it, saved or not, as a
 * formal 协商建言 (in Chinese, dated the day it was submitted, or today
 * when it has not been): what outcome.export does once the file is
 * chosen.
 */
gboolean
tx_outcome_editor_export_to_file (TxOutcomeEditor  *self,
                                  GFile            *file,
                                  GError          **error)
{
  g_autoptr(TxOutcome) outcome = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(TxOdtDocument) doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *today = NULL;
  const char *consultation_uuid;

  g_return_val_if_fail (TX_IS_OUTCOME_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (is_shown (self), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a file on this computer. Choose a folder on this computer."), uri);
      return FALSE;
    }

  consultation_uuid = get_consultation_uuid (self);
  if (consultation_uuid == NULL)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("Choose the consultation it came from first: the document names it."));
      return FALSE;
    }

  outcome = dup_outcome_for_documents (self, error);
  if (outcome == NULL)
    return FALSE;
  consultation = tx_store_load_consultation (self->store, consultation_uuid, error);
  if (consultation == NULL)
    return FALSE;

  today = dup_today (self);
  doc = tx_recommendation_document_new (outcome, consultation,
                                        tx_outcome_get_submitted (outcome) != NULL ? NULL : today);
  return tx_odt_document_save (doc, path, error);
}
