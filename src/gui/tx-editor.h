/* tx-editor.h — what every editor of a record does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-day.h"
#include "tx-editor-section.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_EDITOR (tx_editor_get_type ())
G_DECLARE_DERIVABLE_TYPE (TxEditor, tx_editor, TX, EDITOR, AdwBin)

/**
 * TxEditorLeaveFunc:
 * @may_leave: whether the caller may go on: nothing typed is lost
 *   (saved, given up, or nothing was typed)
 */
typedef void (*TxEditorLeaveFunc) (gboolean may_leave,
                                   gpointer user_data);

typedef gboolean (*TxEditorSaveFunc)    (gpointer target);
typedef void     (*TxEditorDiscardFunc) (gpointer target);

/**
 * TxEditorFileFunc:
 * @file: the file chosen to write a document of the record shown
 *
 * Returns: (transfer full) (nullable): what to say once it is written,
 *   or %NULL with @error
 */
typedef char *(*TxEditorFileFunc) (GFile     *file,
                                   gpointer   user_data,
                                   GError   **error);

/**
 * TxEditorClass:
 * @record_kind: the kind of TxStore::changed the records are
 * @new_title: N_(): the title of a new record, “New Consultation”
 * @new_unsaved: N_(): what is said of a new record not saved
 * @invalid: N_(): why Save refuses a form with mistakes
 * @gone: N_(): what is said of a record no longer in the database
 * @load_record: reads the record @uuid from the store
 * @create_record: a record holding only what the form does not: a new
 *   one, or the identity of the one shown (the form is applied to it)
 * @check_record: what is wrong with a record (tx_outcome_check()…)
 * @save_record: writes the record
 * @dup_subtitle: what is said under the record's title, above the form
 * @is_affected_by: whether a TxStore::changed concerns the record shown
 * @update: after every change: the record the form makes, %NULL when
 *   nothing is shown; for the subclass's actions
 *
 * Records are GObjects with "uuid" and "title" properties.
 */
struct _TxEditorClass
{
  AdwBinClass parent_class;

  const char *record_kind;
  const char *new_title;
  const char *new_unsaved;
  const char *invalid;
  const char *gone;

  GObject    *(*load_record)     (TxEditor    *self,
                                  const char  *uuid,
                                  GError     **error);
  GObject    *(*create_record)   (TxEditor    *self);
  GPtrArray  *(*check_record)    (TxEditor    *self,
                                  GObject     *record,
                                  TxDate       today);
  gboolean    (*save_record)     (TxEditor    *self,
                                  GObject     *record,
                                  GError     **error);
  char       *(*dup_subtitle)    (TxEditor    *self,
                                  GObject     *record);
  gboolean    (*is_affected_by)  (TxEditor    *self,
                                  const char  *kind,
                                  const char  *uuid);
  void        (*update)          (TxEditor    *self,
                                  GObject     *record);
};

/* For the pages and the window */
void        tx_editor_set_record          (TxEditor          *self,
                                           TxStore           *store,
                                           const char        *uuid);
void        tx_editor_show_nothing        (TxEditor          *self);
TxStore    *tx_editor_get_store           (TxEditor          *self);
TxDay      *tx_editor_get_day             (TxEditor          *self);
void        tx_editor_set_day             (TxEditor          *self,
                                           TxDay             *day);
const char *tx_editor_get_uuid            (TxEditor          *self);
gboolean    tx_editor_is_new              (TxEditor          *self);
gboolean    tx_editor_is_shown            (TxEditor          *self);
gboolean    tx_editor_has_changes         (TxEditor          *self);
gboolean    tx_editor_is_valid            (TxEditor          *self);
gboolean    tx_editor_can_save            (TxEditor          *self);
const char *tx_editor_get_title           (TxEditor          *self);
gboolean    tx_editor_reveal              (TxEditor          *self,
                                           const char        *place);
gboolean    tx_editor_save                (TxEditor          *self,
                                           GError           **error);
void        tx_editor_discard             (TxEditor          *self);
void        tx_editor_ask_to_leave        (TxEditor          *self,
                                           GtkWindow         *parent,
                                           TxEditorLeaveFunc  callback,
                                           gpointer           user_data);
gboolean    tx_editor_get_show_back_button (TxEditor         *self);
void        tx_editor_set_show_back_button (TxEditor         *self,
                                           gboolean           show_back_button);

/* For the subclasses and their sections */
GObject    *tx_editor_get_record          (TxEditor          *self);
char       *tx_editor_dup_record_string   (GObject           *record,
                                           const char        *property);
GObject    *tx_editor_dup_record_with_form (TxEditor         *self,
                                           GError           **error);
TxDate      tx_editor_get_today           (TxEditor          *self);
GtkWindow  *tx_editor_get_window          (TxEditor          *self);
void        tx_editor_schedule_reload     (TxEditor          *self);
void        tx_editor_show_problem        (TxEditor          *self,
                                           const char        *text);
void        tx_editor_report_failure      (TxEditor          *self,
                                           const char        *what,
                                           const GError      *error);
void        tx_editor_hide_problem        (TxEditor          *self);
void        tx_editor_add_toast           (TxEditor          *self,
                                           AdwToast          *toast);
void        tx_editor_show_toast          (TxEditor          *self,
                                           const char        *text);
void        tx_editor_choose_file         (TxEditor          *self,
                                           const char        *title,
                                           const char        *filter_name,
                                           const char        *suffix,
                                           const char        *mime_type,
                                           const char        *name,
                                           const char        *failure,
                                           TxEditorFileFunc   callback,
                                           gpointer           user_data);
void        tx_editor_write_chosen_file   (TxEditor          *self,
                                           GFile             *file,
                                           const char        *suffix,
                                           const char        *failure,
                                           TxEditorFileFunc   callback,
                                           gpointer           user_data);
char       *tx_editor_dup_file_path       (GFile             *file,
                                           GError           **error);

void        tx_ask_to_save_changes        (GtkWindow          *parent,
                                           const char         *body,
                                           gpointer            target,
                                           TxEditorSaveFunc    save,
                                           TxEditorDiscardFunc discard,
                                           TxEditorLeaveFunc   callback,
                                           gpointer            user_data);

/* Asking, one after the other, before leaving several things */
typedef void (*TxEditorAskFunc) (gpointer          target,
                                 GtkWindow        *parent,
                                 TxEditorLeaveFunc callback,
                                 gpointer          user_data);

typedef struct _TxLeaveQuestions TxLeaveQuestions;

TxLeaveQuestions *tx_leave_questions_new  (void);
void              tx_leave_questions_add  (TxLeaveQuestions  *questions,
                                           gpointer           target,
                                           GtkWindow         *parent,
                                           TxEditorAskFunc    ask);
void              tx_leave_questions_ask  (TxLeaveQuestions  *questions,
                                           TxEditorLeaveFunc  callback,
                                           gpointer           user_data);

G_END_DECLS
