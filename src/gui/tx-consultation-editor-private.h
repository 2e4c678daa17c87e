/* tx-consultation-editor-private.h — what the parts of the
 * consultation editor share: its fields, and the helpers of each part
 * that the others call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation-editor.h"
#include "tx-participant-picker.h"
#include "tx-records.h"

G_BEGIN_DECLS

typedef struct {
  AdwActionRow *row;
  GtkImage     *icon;
  GtkEntry     *due_entry;
  GtkButton    *done_button;
  GtkButton    *undo_button;
} StageRow;

struct _TxConsultationEditor
{
  AdwBin               parent_instance;

  /* template children */
  GtkButton           *back_button;
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  GtkInfoBar          *problem_bar;
  GtkLabel            *problem_label;
  GtkStack            *stack;
  AdwStatusPage       *error_page;
  GtkScrolledWindow   *scrolled_window;
  AdwEntryRow         *title_row;
  AdwComboRow         *township_row;
  GtkStringList       *township_names;
  AdwComboRow         *topic_source_row;
  GtkStringList       *topic_sources;
  AdwComboRow         *orientation_row;
  GtkStringList       *orientations;
  AdwComboRow         *platform_row;
  GtkStringList       *platforms;
  AdwEntryRow         *venue_row;
  AdwEntryRow         *starts_row;
  GtkImage            *starts_error_icon;
  AdwEntryRow         *ends_row;
  GtkImage            *ends_error_icon;
  GtkLabel            *details_problem_label;
  GtkTextBuffer       *research_buffer;
  AdwPreferencesGroup *stages_group;
  GtkLabel            *stages_problem_label;
  GtkToggleButton     *attendance_button;
  GtkMenuButton       *add_participant_button;
  TxParticipantPicker *picker;
  GtkListBox          *participants_list;
  GtkLabel            *attendance_label;
  GtkListBox          *composition_list;
  AdwActionRow        *composition_row;
  GtkImage            *composition_icon;
  AdwEntryRow         *recorder_row;
  GtkTextBuffer       *agenda_buffer;
  GtkListBox          *speeches_list;
  GtkTextBuffer       *consensus_buffer;
  GtkTextBuffer       *next_steps_buffer;
  GtkListBox          *outcomes_list;

  /* made in code */
  StageRow             stage_rows[TX_N_STAGES];
  GtkStringList       *roles;             /* the labels of TxRole, in order */
  GtkSizeGroup        *stage_buttons;     /* "Done Today" and "Undo Done" */
  GPtrArray           *composition_rows;  /* AdwActionRow, what is missing */

  /* owned references */
  TxStore             *store;
  TxConsultation      *consultation;      /* as read, or the new one */
  GPtrArray           *township_uuids;    /* char *, as township_names */
  GtkNativeDialog     *file_chooser;      /* the one open, if any */
  GtkPrintSettings    *print_settings;    /* those of the last print */

  /* state */
  char                *uuid;              /* NULL: nothing shown, or new */
  gboolean             is_new;
  TxDay               *day;
  char                *initial_form;      /* the form as last read or saved */
  gboolean             valid;
  gboolean             show_back_button;
  guint                updating;          /* filling widgets, not the clerk typing */
  guint                reload_id;
};

/* tx-consultation-editor.c */
void       tx_consultation_editor_report_failure    (TxConsultationEditor *self,
                                                     const char           *what,
                                                     const GError         *error);
void       tx_consultation_editor_add_toast         (TxConsultationEditor *self,
                                                     AdwToast             *toast);
AdwToast  *tx_consultation_editor_create_toast      (const char           *text);
void       tx_consultation_editor_hide_problem      (TxConsultationEditor *self);
void       tx_consultation_editor_remove_all_rows   (GtkListBox           *list);
GtkWidget *tx_consultation_editor_create_icon_button (const char          *icon_name,
                                                     const char           *tooltip);
void       tx_consultation_editor_schedule_reload   (TxConsultationEditor *self);

/* tx-consultation-editor-participants.c: participants, attendance and
 * the composition check */
void       tx_consultation_editor_class_init_participants (GtkWidgetClass       *widget_class);
void       tx_consultation_editor_update_participants     (TxConsultationEditor *self);
void       tx_consultation_editor_update_composition      (TxConsultationEditor *self);

G_END_DECLS
