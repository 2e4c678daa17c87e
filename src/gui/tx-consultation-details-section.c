/* tx-consultation-details-section.c — what a consultation is: title,
 * township, where the topic came from and what it is about, where and
 * when it meets, and the notes of the research
 *
 * Meeting times are read as clerks write them: a date in any form
 * tx_date_parse() reads, then the time ("2026/12/18 9：30"); the end may
 * be a time alone, on the day the meeting starts.  They are kept as
 * ISO 8601 in China's time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-consultation-details-section"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-consultation-details-section.h"
#include "tx-consultation-edit.h"
#include "tx-editor.h"
#include "tx-records.h"
#include "tx-rules.h"
#include "tx-vocabulary.h"

/* Meetings are held in China: times are kept with this offset. */
#define MEETING_TIME_ZONE "+08:00"

struct _TxConsultationDetailsSection
{
  GtkBox           parent_instance;

  /* template children */
  AdwEntryRow     *title_row;
  AdwComboRow     *township_row;
  GtkStringList   *township_names;
  AdwComboRow     *topic_source_row;
  GtkStringList   *topic_sources;
  AdwComboRow     *orientation_row;
  GtkStringList   *orientations;
  AdwComboRow     *platform_row;
  GtkStringList   *platforms;
  AdwEntryRow     *venue_row;
  AdwEntryRow     *starts_row;
  GtkImage        *starts_error_icon;
  AdwEntryRow     *ends_row;
  GtkImage        *ends_error_icon;
  GtkLabel        *details_problem_label;
  GtkTextBuffer   *research_buffer;

  /* owned references */
  GPtrArray       *township_uuids;   /* char *, as township_names */

  /* state */
  guint            updating;
};

static void tx_consultation_details_section_iface_init (TxEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxConsultationDetailsSection, tx_consultation_details_section, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (TX_TYPE_EDITOR_SECTION,
                                                      tx_consultation_details_section_iface_init))

/* Meeting times */

/* Full-width digits and signs made ASCII, a T or a wide space made a
 * space: "２０２６/12/10Ｔ9：30" → "2026/12/10 9:30". */
static char *
normalize_time_text (const char *text)
{
  GString *normal = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
      if (c == 'T' || c == 't' || c == 0x3000)
        c = ' ';

      g_string_append_unichar (normal, c);
    }

  return g_strstrip (g_string_free (normal, FALSE));
}

/* The number in @text from @start to @end, all digits. */
static gboolean
read_number (const char *start,
             const char *end,
             guint       max,
             guint64    *value)
{
  g_autofree char *digits = g_strndup (start, end - start);

  return digits[0] != '\0' &&
         g_ascii_string_to_unsigned (digits, 10, 0, max, value, NULL);
}

/*
 * parse_meeting_time:
 * @day: the day of a time written alone ("11:30"), or %TX_DATE_NONE when
 *   a time alone is not allowed
 *
 * Returns: (nullable): the time in China, or %NULL when @text is not one
 */
static GDateTime *
parse_meeting_time (const char *text,
                    TxDate      day)
{
  g_autofree char *normal = normalize_time_text (text);
  g_autofree char *date_text = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  const char *colon = strrchr (normal, ':');
  const char *hour_start;
  guint64 hour, minute;
  TxDate date;

  if (colon == NULL || strlen (colon + 1) != 2 || !read_number (colon + 1, colon + 3, 59, &minute))
    return NULL;

  for (hour_start = colon; hour_start > normal && g_ascii_isdigit (hour_start[-1]); hour_start--)
    ;
  if (colon - hour_start > 2 || !read_number (hour_start, colon, 23, &hour))
    return NULL;

  date_text = g_strstrip (g_strndup (normal, hour_start - normal));
  if (date_text[0] == '\0')
    date = day;
  else if (!tx_date_parse (date_text, &date, NULL))
    return NULL;

  if (date == TX_DATE_NONE)
    return NULL;

  zone = g_time_zone_new_identifier (MEETING_TIME_ZONE);
  return g_date_time_new (zone, tx_date_get_year (date), tx_date_get_month (date), tx_date_get_day (date),
                          (int) hour, (int) minute, 0);
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

/* The form */

static const char *
get_selected_township (TxConsultationDetailsSection *self)
{
  guint selected = adw_combo_row_get_selected (self->township_row);

  if (selected >= self->township_uuids->len)
    return NULL;

  return g_ptr_array_index (self->township_uuids, selected);
}

static void
select_in_combo (AdwComboRow *row,
                 guint        position,
                 guint        n_items)
{
  adw_combo_row_set_selected (row, position < n_items ? position : GTK_INVALID_LIST_POSITION);
}

/* The store's townships; @chosen stays chosen, and a township's only
 * township is the one of a new consultation. */
static void
fill_townships (TxConsultationDetailsSection *self,
                const char                   *chosen)
{
  TxEditor *editor = tx_editor_section_get_editor (TX_EDITOR_SECTION (self));
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = g_strdup (chosen);
  guint position = GTK_INVALID_LIST_POSITION;

  townships = tx_store_list_townships (tx_editor_get_store (editor), &error);
  if (townships == NULL)
    {
      g_warning ("Could not read the townships: %s", error->message);
      return;
    }

  g_ptr_array_set_size (self->township_uuids, 0);
  for (guint i = 0; i < townships->len; i++)
    {
      TxTownship *township = g_ptr_array_index (townships, i);

      if (g_strcmp0 (tx_township_get_uuid (township), keep) == 0)
        position = i;
      g_ptr_array_add (names, (gpointer) tx_township_get_name (township));
      g_ptr_array_add (self->township_uuids, g_strdup (tx_township_get_uuid (township)));
    }
  g_ptr_array_add (names, NULL);

  if (position == GTK_INVALID_LIST_POSITION && keep == NULL && townships->len == 1)
    position = 0;

  gtk_string_list_splice (self->township_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->township_names)),
                          (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->township_row, position);
}

static void
on_form_changed_cb (TxConsultationDetailsSection *self)
{
  if (self->updating > 0)
    return;

  tx_editor_section_changed (TX_EDITOR_SECTION (self));
}

static void
on_entry_activated_cb (TxConsultationDetailsSection *self,
                       GtkWidget                    *row)
{
  tx_editor_section_save_on_enter (GTK_WIDGET (self));
}

/* TxEditorSection */

static void
tx_consultation_details_section_set_record (TxEditorSection *section,
                                            GObject         *record,
                                            gboolean         refill)
{
  TxConsultationDetailsSection *self = TX_CONSULTATION_DETAILS_SECTION (section);
  TxConsultation *consultation = TX_CONSULTATION (record);
  const char *township = tx_consultation_get_township_uuid (consultation);
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;

  self->updating++;

  fill_townships (self, !refill && get_selected_township (self) != NULL ? get_selected_township (self)
                        : township != NULL && township[0] != '\0' ? township : NULL);

  if (refill)
    {
      starts = format_meeting_time (tx_consultation_get_starts (consultation));
      ends = format_meeting_time (tx_consultation_get_ends (consultation));

      tx_editor_section_set_text (self->title_row, tx_consultation_get_title (consultation));
      select_in_combo (self->topic_source_row, tx_consultation_get_topic_source (consultation),
                       tx_topic_source_get_count ());
      select_in_combo (self->orientation_row, tx_consultation_get_orientation (consultation),
                       tx_orientation_get_count ());
      select_in_combo (self->platform_row, tx_consultation_get_platform (consultation),
                       tx_platform_get_count ());
      tx_editor_section_set_text (self->venue_row, tx_consultation_get_venue (consultation));
      tx_editor_section_set_text (self->starts_row, starts);
      tx_editor_section_set_text (self->ends_row, ends);
      tx_editor_section_set_buffer_text (self->research_buffer, tx_consultation_get_research (consultation));
    }

  self->updating--;
}

static void
tx_consultation_details_section_apply (TxEditorSection *section,
                                       GObject         *record,
                                       GPtrArray       *problems)
{
  TxConsultationDetailsSection *self = TX_CONSULTATION_DETAILS_SECTION (section);
  TxConsultation *consultation = TX_CONSULTATION (record);
  g_autofree char *title = tx_editor_section_dup_text (self->title_row);
  g_autofree char *venue = tx_editor_section_dup_text (self->venue_row);
  g_autofree char *starts_text = tx_editor_section_dup_text (self->starts_row);
  g_autofree char *ends_text = tx_editor_section_dup_text (self->ends_row);
  g_autofree char *research = tx_editor_section_dup_buffer_text (self->research_buffer);
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  const char *township = get_selected_township (self);
  guint topic_source = adw_combo_row_get_selected (self->topic_source_row);
  guint orientation = adw_combo_row_get_selected (self->orientation_row);
  guint platform = adw_combo_row_get_selected (self->platform_row);

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
  tx_consultation_set_research (consultation, research);

  if (starts_text[0] != '\0')
    {
      starts = parse_meeting_time (starts_text, TX_DATE_NONE);
      if (starts == NULL)
        tx_editor_section_add_problem (problems, "starts", -1,
                                       g_strdup (_("The meeting’s start is not a date and time: write it as 2026-12-10 09:00.")));
    }
  if (ends_text[0] != '\0')
    {
      TxDate day = TX_DATE_NONE;

      if (starts != NULL)
        day = tx_date_new (g_date_time_get_year (starts), g_date_time_get_month (starts),
                           g_date_time_get_day_of_month (starts));
      ends = parse_meeting_time (ends_text, day);
      if (ends == NULL)
        tx_editor_section_add_problem (problems, "ends", -1,
                                       g_strdup (_("The meeting’s end is not a date and time: write it as 2026-12-10 11:30, or only 11:30 on the day it starts.")));
    }

  /* Both, or neither: the one right is not kept without the other. */
  if ((starts_text[0] == '\0' || starts != NULL) && (ends_text[0] == '\0' || ends != NULL))
    {
      g_autofree char *starts_iso = starts != NULL ? g_date_time_format (starts, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
      g_autofree char *ends_iso = ends != NULL ? g_date_time_format (ends, "%Y-%m-%dT%H:%M:%S%:z") : NULL;

      tx_consultation_set_times (consultation, starts_iso, ends_iso);
    }
}

static void
tx_consultation_details_section_append_state (TxEditorSection *section,
                                              GString         *state)
{
  TxConsultationDetailsSection *self = TX_CONSULTATION_DETAILS_SECTION (section);
  gpointer rows[] = { self->title_row, self->venue_row, self->starts_row, self->ends_row };
  g_autofree char *research = tx_editor_section_dup_buffer_text (self->research_buffer);
  const char *township = get_selected_township (self);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = tx_editor_section_dup_text (rows[i]);

      g_string_append_printf (state, "%s\x1f", text);
    }
  g_string_append_printf (state, "%s\x1f%s\x1f%u\x1f%u\x1f%u",
                          research, township != NULL ? township : "",
                          adw_combo_row_get_selected (self->topic_source_row),
                          adw_combo_row_get_selected (self->orientation_row),
                          adw_combo_row_get_selected (self->platform_row));
}

static void
tx_consultation_details_section_update (TxEditorSection *section,
                                        GObject         *record,
                                        GPtrArray       *problems)
{
  TxConsultationDetailsSection *self = TX_CONSULTATION_DETAILS_SECTION (section);
  TxEditor *editor = tx_editor_section_get_editor (section);
  const char *fields[] = { "title", "township", "starts", "ends" };
  const char *starts_problem = tx_problems_find (problems, "starts", -1);
  const char *ends_problem = tx_problems_find (problems, "ends", -1);
  g_autoptr(GPtrArray) messages = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *problem = tx_problems_find (problems, fields[i], -1);

      if (problem != NULL)
        g_ptr_array_add (messages, (gpointer) problem);
    }

  tx_editor_section_show_problem (GTK_WIDGET (self->starts_row), self->starts_error_icon, starts_problem);
  tx_editor_section_show_problem (GTK_WIDGET (self->ends_row), self->ends_error_icon, ends_problem);

  /* A new, empty form says what it needs without alarm. */
  if (editor != NULL && tx_editor_is_new (editor) && starts_problem == NULL && ends_problem == NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->details_problem_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->details_problem_label), "error");
  tx_editor_section_show_problems (self->details_problem_label, messages);
}

static const char *
tx_consultation_details_section_get_typed_title (TxEditorSection *section)
{
  return gtk_editable_get_text (GTK_EDITABLE (TX_CONSULTATION_DETAILS_SECTION (section)->title_row));
}

static void
tx_consultation_details_section_iface_init (TxEditorSectionInterface *iface)
{
  iface->get_title = tx_consultation_details_section_get_typed_title;
  iface->set_record = tx_consultation_details_section_set_record;
  iface->apply = tx_consultation_details_section_apply;
  iface->append_state = tx_consultation_details_section_append_state;
  iface->update = tx_consultation_details_section_update;
}

/* GtkWidget, GObject */

static gboolean
tx_consultation_details_section_grab_focus (GtkWidget *widget)
{
  TxConsultationDetailsSection *self = TX_CONSULTATION_DETAILS_SECTION (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
tx_consultation_details_section_dispose (GObject *object)
{
  TxConsultationDetailsSection *self = (TxConsultationDetailsSection *)object;

  self->updating++;
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_CONSULTATION_DETAILS_SECTION);
  g_clear_pointer (&self->township_uuids, g_ptr_array_unref);

  G_OBJECT_CLASS (tx_consultation_details_section_parent_class)->dispose (object);
}

static void
tx_consultation_details_section_class_init (TxConsultationDetailsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_consultation_details_section_dispose;
  widget_class->grab_focus = tx_consultation_details_section_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-consultation-details-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, title_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, township_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, township_names);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, topic_source_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, topic_sources);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, orientations);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, platform_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, platforms);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, venue_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, starts_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, starts_error_icon);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, ends_row);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, ends_error_icon);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, details_problem_label);
  gtk_widget_class_bind_template_child (widget_class, TxConsultationDetailsSection, research_buffer);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
}

static void
tx_consultation_details_section_init (TxConsultationDetailsSection *self)
{
  self->township_uuids = g_ptr_array_new_with_free_func (g_free);

  self->updating++;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* In the order of the enumerations. */
  for (guint i = 0; i < tx_topic_source_get_count (); i++)
    gtk_string_list_append (self->topic_sources, tx_topic_source_get_label ((TxTopicSource) i));
  for (guint i = 0; i < tx_orientation_get_count (); i++)
    gtk_string_list_append (self->orientations, tx_orientation_get_label ((TxOrientation) i));
  for (guint i = 0; i < tx_platform_get_count (); i++)
    gtk_string_list_append (self->platforms, tx_platform_get_label ((TxPlatform) i));
  adw_combo_row_set_selected (self->township_row, GTK_INVALID_LIST_POSITION);
  self->updating--;
}
