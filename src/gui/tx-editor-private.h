/* tx-editor-private.h — what the parts of TxEditor share: its fields,
 * and the helpers of each part that the others call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-editor.h"

G_BEGIN_DECLS

typedef struct
{
  /* template children */
  GtkButton         *back_button;
  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  GtkBox            *header_box;
  GtkButton         *save_button;
  GtkInfoBar        *problem_bar;
  GtkLabel          *problem_label;
  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  AdwStatusPage     *error_page;
  GtkScrolledWindow *scrolled_window;
  GtkBox            *form_box;

  /* owned references */
  TxStore           *store;
  TxDay             *day;
  GObject           *record;         /* as read, or the new one; NULL: nothing shown */
  GPtrArray         *sections;       /* TxEditorSection, children of form_box */
  GtkNativeDialog   *file_chooser;   /* the one open, if any */
  AdwToast          *toast;          /* weak: the last one shown, until dismissed */

  /* state */
  char              *uuid;           /* NULL: nothing shown, or new */
  gboolean           is_new;
  char              *initial_form;   /* the form as last read or saved */
  gboolean           valid;
  gboolean           has_changes;
  gboolean           show_back_button;
  guint              updating;       /* filling the form, not the clerk typing */
  guint              reload_id;
  gboolean           reload_when_shown; /* changed while out of sight */
  char              *text_problem;   /* what is wrong with a text, said above the form */

  /* saved elsewhere meanwhile (tx-editor-elsewhere.c) */
  GPtrArray         *section_states; /* each section's state as read or saved */
  char              *read_updated_at;/* the record's updated-at then */
  GPtrArray         *clashes;        /* headings of the parts changed here and elsewhere */
  guint              retry_id;       /* saving again once another writer is done */
  gint64             retry_started;

  /* the form shown from nothing: its last sections just after (tx-editor-reveal.c) */
  guint              steps_after_id;
} TxEditorPrivate;

TxEditorPrivate *tx_editor_get_private        (TxEditor *self);
void             tx_editor_check_form         (TxEditor *self);
void             tx_editor_map                (GtkWidget *widget);
void             tx_editor_reload             (TxEditor *self,
                                               gboolean  refill);
void             tx_editor_emit_saved         (TxEditor *self,
                                               gboolean  uuid_changed);

/* tx-editor-elsewhere.c */
void             tx_editor_take_section_states (TxEditor *self);
char            *tx_editor_merge_elsewhere     (TxEditor *self,
                                                GObject  *record);
gboolean         tx_editor_ask_about_elsewhere (TxEditor *self);
gboolean         tx_editor_save_when_free      (TxEditor *self);
void             tx_editor_forget_elsewhere    (TxEditor *self);

/* tx-editor-messages.c */
void             tx_editor_clear_file_chooser (TxEditor *self);

/* tx-editor-reveal.c */
void             tx_editor_show_form          (TxEditor *self);
void             tx_editor_stop_showing_form  (TxEditor *self);

G_END_DECLS
