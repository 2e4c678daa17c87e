/* tx-file-toast.c — the toast after a file is written
 *
 * Every export says where the file went and offers what a clerk does
 * next: 打开 (the file, in the desktop's program for it: WPS or
 * LibreOffice for a document) and 打开所在文件夹 (the folder, with the
 * file chosen when the file manager can, to copy it to a USB stick or
 * attach it to a mail).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-file-toast"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-file-toast.h"

#define TOAST_SECONDS 10

static GtkWindow *
get_window (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * tx_file_toast_open:
 * @widget: (nullable): a widget of the window asking
 * @file: the file
 *
 * Opens @file in the desktop's program for it.
 */
void
tx_file_toast_open (GtkWidget *widget,
                    GFile     *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (get_window (widget), uri, GDK_CURRENT_TIME);
}

typedef struct {
  GWeakRef  widget;
  GFile    *file;
} ShowFolder;

static void
show_folder_free (ShowFolder *data)
{
  g_weak_ref_clear (&data->widget);
  g_clear_object (&data->file);
  g_free (data);
}

static void
open_parent (ShowFolder *data)
{
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&data->widget);
  g_autoptr(GFile) folder = g_file_get_parent (data->file);
  g_autofree char *uri = folder != NULL ? g_file_get_uri (folder) : NULL;

  if (uri != NULL)
    gtk_show_uri (get_window (widget), uri, GDK_CURRENT_TIME);
}

/* Without a file manager that shows a file, the folder is opened. */
static void
on_show_items_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ShowFolder *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  if (reply == NULL)
    {
      g_debug ("No file manager shows the file (%s): opening its folder", error->message);
      open_parent (data);
    }

  show_folder_free (data);
}

/**
 * tx_file_toast_open_folder:
 * @widget: (nullable): a widget of the window asking
 * @file: the file
 *
 * Opens the folder @file is in, with @file chosen when the desktop's
 * file manager can do that (org.freedesktop.FileManager1).
 */
void
tx_file_toast_open_folder (GtkWidget *widget,
                           GFile     *file)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *uri = g_file_get_uri (file);
  const char *uris[] = { uri, NULL };
  ShowFolder *data = g_new0 (ShowFolder, 1);

  g_weak_ref_init (&data->widget, widget);
  data->file = g_object_ref (file);

  if (bus == NULL)
    {
      open_parent (data);
      show_folder_free (data);
      return;
    }

  /* no activation: a file manager already running, or the folder */
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, 2000, NULL,
                          on_show_items_cb, data);
}

static void
on_open_clicked_cb (AdwToast  *toast,
                    GtkWidget *anchor)
{
  tx_file_toast_open (anchor, g_object_get_data (G_OBJECT (toast), "tx-file"));
}

static void
on_folder_clicked_cb (GtkButton *button,
                      AdwToast  *toast)
{
  tx_file_toast_open_folder (GTK_WIDGET (button), g_object_get_data (G_OBJECT (toast), "tx-file"));
  adw_toast_dismiss (toast);
}

/**
 * tx_file_toast_new:
 * @text: what was written, and where
 * @file: the file written
 *
 * Returns: (transfer full): a toast saying @text, with 打开 and
 *   打开所在文件夹
 */
AdwToast *
tx_file_toast_new (const char *text,
                   GFile      *file)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (markup);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *folder = gtk_button_new_with_mnemonic (_("Open Containing _Folder"));

  g_object_set_data_full (G_OBJECT (toast), "tx-file", g_object_ref (file), g_object_unref);

  /* the words, then the folder; the toast's own button opens the file */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (folder, "flat");
  gtk_widget_set_valign (folder, GTK_ALIGN_CENTER);
  g_signal_connect_object (folder, "clicked", G_CALLBACK (on_folder_clicked_cb), toast, 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), folder);
  adw_toast_set_custom_title (toast, box);

  adw_toast_set_button_label (toast, _("_Open"));
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_open_clicked_cb), folder);
  adw_toast_set_timeout (toast, TOAST_SECONDS);

  return toast;
}
