/* tx-editor-section.h — one part of an editor's form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tx-date.h"

G_BEGIN_DECLS

#define TX_TYPE_EDITOR_SECTION (tx_editor_section_get_type ())
G_DECLARE_INTERFACE (TxEditorSection, tx_editor_section, TX, EDITOR_SECTION, GtkWidget)

typedef struct _TxEditor TxEditor;

/**
 * TxEditorSectionInterface:
 * @set_record: shows @record (a TxConsultation, a TxOutcome); with
 *   @refill the form is written from it too, else only what is not
 *   typed (states, lists kept at once): the clerk's typing stays
 * @apply: writes what the form holds into @record; typed text that is
 *   not what it should be (a date that is none) adds a TxProblem to
 *   @problems and leaves the record's value as it was
 * @append_state: appends what the form holds, to tell a change
 * @update: the form as a whole makes @record, and @problems are what
 *   is wrong with it (the core's checks and every section's): shows
 *   those of its fields, and what follows from the others
 * @commit: before saving: pending typing counts, problems shown in full
 * @get_title: the title typed, for the section that holds it
 * @find_place: the widget of a place in the record a reason points to
 *   ("stage:N" for stage N, "feedback"), when the section holds it
 *
 * Every member may be %NULL.  A section emits #TxEditorSection::changed
 * when the clerk changes its form, never while set_record() fills it.
 */
struct _TxEditorSectionInterface
{
  GTypeInterface parent_iface;

  void (*set_record)   (TxEditorSection *self,
                        GObject         *record,
                        gboolean         refill);
  void (*apply)        (TxEditorSection *self,
                        GObject         *record,
                        GPtrArray       *problems);
  void (*append_state) (TxEditorSection *self,
                        GString         *state);
  void (*update)       (TxEditorSection *self,
                        GObject         *record,
                        GPtrArray       *problems);
  void (*commit)       (TxEditorSection *self);

  const char *(*get_title) (TxEditorSection *self);
  GtkWidget  *(*find_place) (TxEditorSection *self,
                             const char      *place);
};

void       tx_editor_section_set_record    (TxEditorSection *self,
                                            GObject         *record,
                                            gboolean         refill);
void       tx_editor_section_apply         (TxEditorSection *self,
                                            GObject         *record,
                                            GPtrArray       *problems);
void       tx_editor_section_append_state  (TxEditorSection *self,
                                            GString         *state);
void       tx_editor_section_update        (TxEditorSection *self,
                                            GObject         *record,
                                            GPtrArray       *problems);
void       tx_editor_section_commit        (TxEditorSection *self);
const char *tx_editor_section_get_title    (TxEditorSection *self);
GtkWidget  *tx_editor_section_find_place   (TxEditorSection *self,
                                            const char      *place);
void       tx_editor_section_changed       (TxEditorSection *self);
TxEditor  *tx_editor_section_get_editor    (TxEditorSection *self);

/* What the sections and their rows share: reading and writing fields,
 * saying what is wrong where it is. */
char      *tx_editor_section_dup_text      (gpointer         editable);
void       tx_editor_section_set_text      (gpointer         editable,
                                            const char      *text);
char      *tx_editor_section_dup_buffer_text (GtkTextBuffer *buffer);
void       tx_editor_section_set_buffer_text (GtkTextBuffer *buffer,
                                            const char      *text);
gboolean   tx_editor_section_read_date     (gpointer         editable,
                                            TxDate          *date,
                                            GError         **error);
void       tx_editor_section_append_date_state (GString     *state,
                                            gpointer         editable);
void       tx_editor_section_add_problem   (GPtrArray       *problems,
                                            const char      *field,
                                            int              index,
                                            char            *message);
void       tx_editor_section_show_problem  (GtkWidget       *widget,
                                            GtkImage        *icon,
                                            const char      *problem);
void       tx_editor_section_show_problems (GtkLabel        *label,
                                            GPtrArray       *messages);
void       tx_editor_section_save_on_enter (GtkWidget       *widget);
void       tx_editor_section_remove_all_rows (GtkListBox    *list);

G_END_DECLS
