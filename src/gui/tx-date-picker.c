/* tx-date-picker.c — a calendar for a typed date field
 *
 * A date field takes what a clerk types (tx_date_parse()); beside it, a
 * button with a calendar picks a day with the mouse (linked to a GtkEntry,
 * among the suffixes of an AdwEntryRow).  The calendar opens on the day the field holds (or on
 * the month GtkCalendar shows by itself when it holds none); choosing a
 * day writes it into the field as the store keeps it (2026-12-10), which
 * the editor then reads like anything typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-date-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-date.h"
#include "tx-date-picker.h"

#define CALENDAR_KEY "tx-date-picker-calendar"

static void
on_day_selected_cb (GtkCalendar *calendar,
                    GtkEditable *editable)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  char iso[11];

  tx_date_write_iso (tx_date_new (g_date_time_get_year (day), g_date_time_get_month (day),
                                  g_date_time_get_day_of_month (day)), iso);
  gtk_editable_set_text (editable, iso);
  gtk_editable_set_position (editable, -1);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* A calendar that writes into @editable. */
static GtkWidget *
new_calendar (GtkEditable *editable)
{
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a Date"), -1);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (on_day_selected_cb), editable, 0);
  g_object_set_data (G_OBJECT (editable), CALENDAR_KEY, calendar);
  return calendar;
}

/* The calendar on the day @editable holds, if it holds one. */
static void
show_typed_day (GtkEditable *editable,
                GtkCalendar *calendar)
{
  TxDate date;

  if (tx_date_parse (gtk_editable_get_text (editable), &date, NULL))
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (tx_date_get_year (date), tx_date_get_month (date),
                                                         tx_date_get_day (date), 0, 0, 0);

      g_signal_handlers_block_by_func (calendar, on_day_selected_cb, editable);
      gtk_calendar_select_day (calendar, day);
      g_signal_handlers_unblock_by_func (calendar, on_day_selected_cb, editable);
    }
}

/* The button with the calendar, for any date field */

static void
on_popover_show_cb (GtkPopover  *popover,
                    GtkEditable *editable)
{
  show_typed_day (editable, g_object_get_data (G_OBJECT (editable), CALENDAR_KEY));
}

static GtkWidget *
new_button (GtkEditable *editable)
{
  GtkWidget *button;
  GtkWidget *popover;

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), new_calendar (editable));
  g_signal_connect_object (popover, "show", G_CALLBACK (on_popover_show_cb), editable, 0);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a Date"), -1);
  g_object_set_data (G_OBJECT (editable), "tx-date-picker-button", button);

  return button;
}

/**
 * tx_date_picker_attach_to_entry:
 * @entry: a date field in a box
 *
 * Puts a button with a calendar right after @entry, linked to it, which
 * writes the day chosen.
 */
void
tx_date_picker_attach_to_entry (GtkEntry *entry)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (entry));
  GtkWidget *box;

  g_return_if_fail (GTK_IS_ENTRY (entry));
  g_return_if_fail (GTK_IS_BOX (parent));

  /* the entry and its button as one field */
  g_object_ref (entry);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, gtk_widget_get_valign (GTK_WIDGET (entry)));
  gtk_box_insert_child_after (GTK_BOX (parent), box, GTK_WIDGET (entry));
  gtk_box_remove (GTK_BOX (parent), GTK_WIDGET (entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (entry));
  gtk_box_append (GTK_BOX (box), new_button (GTK_EDITABLE (entry)));
  g_object_unref (entry);
}

/**
 * tx_date_picker_add_to_row:
 * @row: a date field
 *
 * Adds a button to @row that opens a calendar writing the day chosen.
 *
 * Returns: (transfer none): the button
 */
GtkWidget *
tx_date_picker_add_to_row (AdwEntryRow *row)
{
  GtkWidget *button;

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);

  button = new_button (GTK_EDITABLE (row));
  gtk_widget_add_css_class (button, "flat");
  adw_entry_row_add_suffix (row, button);

  return button;
}

/**
 * tx_date_picker_popup:
 * @editable: a date field given a calendar by this module
 *
 * Opens its calendar on the day it holds, as a click on its button does.
 *
 * Returns: (transfer none): the calendar
 */
GtkCalendar *
tx_date_picker_popup (GtkEditable *editable)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (editable), "tx-date-picker-button");

  g_return_val_if_fail (button != NULL, NULL);

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  return g_object_get_data (G_OBJECT (editable), CALENDAR_KEY);
}
