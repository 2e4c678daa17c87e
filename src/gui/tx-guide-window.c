/* tx-guide-window.c — the user guide, offline (F1)
 *
 * A short guide shipped inside Tongxin: getting started, the six
 * stages, how each colour of the ledger is decided, issuing the
 * quarterly circular, exchanging files with the city office, and
 * keeping the data safe.  It is written once per language
 * (ui/help/guide-LANG.markup); which one is shown is a translated
 * string, so the guide follows the language of the interface.  The
 * thresholds it names are those of the database open (@key@ in the
 * text), so it never disagrees with the ledger.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-guide-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-guide-window.h"
#include "tx-settings.h"

#define HELP_PATH "/io/github/tongxin/Tongxin/"

struct _TxGuideWindow
{
  AdwWindow  parent_instance;

  /* template children */
  GtkLabel  *text_label;
};

G_DEFINE_FINAL_TYPE (TxGuideWindow, tx_guide_window, ADW_TYPE_WINDOW)

/* The value of a setting for @key, as the guide writes it: the
 * database's, or the default without one. */
static char *
dup_value (TxStore    *store,
           const char *key)
{
  const TxSettingInfo *info = tx_settings_lookup (key);

  if (info == NULL)
    return NULL;
  if (store != NULL)
    return tx_settings_dup_text (tx_store_get_settings (store), key, NULL);

  return g_strdup (info->default_value);
}

/* Replaces each @key@ of @text by the value of that setting. */
static char *
fill_in (const char *text,
         TxStore    *store)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *at = strchr (p, '@');
      const char *end;
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (at == NULL || (end = strchr (at + 1, '@')) == NULL)
        {
          g_string_append (out, p);
          break;
        }

      g_string_append_len (out, p, at - p);
      key = g_strndup (at + 1, end - at - 1);
      value = dup_value (store, key);
      if (value != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (value, -1);

          g_string_append (out, escaped);
        }
      else
        g_string_append_len (out, at, end - at + 1);
      p = end + 1;
    }

  return g_string_free (out, FALSE);
}

static void
tx_guide_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TX_TYPE_GUIDE_WINDOW);

  G_OBJECT_CLASS (tx_guide_window_parent_class)->dispose (object);
}

static void
tx_guide_window_class_init (TxGuideWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_guide_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-guide-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TxGuideWindow, text_label);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tx_guide_window_init (TxGuideWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tx_guide_window_new:
 * @store: (nullable): the database open, whose thresholds the guide
 *   names; %NULL for the defaults
 */
TxGuideWindow *
tx_guide_window_new (GtkWindow *parent,
                     TxStore   *store)
{
  TxGuideWindow *self = g_object_new (TX_TYPE_GUIDE_WINDOW, "transient-for", parent, NULL);
  /* Translators: the file of the user guide in your language, under
   * ui/help/: write the one you add, such as help/guide-zh_CN.markup */
  g_autofree char *path = g_strconcat (HELP_PATH, _("help/guide-C.markup"), NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autofree char *text = NULL;

  if (bytes == NULL)
    bytes = g_resources_lookup_data (HELP_PATH "help/guide-C.markup", 0, NULL);
  g_return_val_if_fail (bytes != NULL, self);

  text = fill_in (g_bytes_get_data (bytes, NULL), store);
  gtk_label_set_markup (self->text_label, text);

  return self;
}

/**
 * tx_guide_window_get_text:
 *
 * Returns: the guide, as a reader sees it (without markup)
 */
const char *
tx_guide_window_get_text (TxGuideWindow *self)
{
  g_return_val_if_fail (TX_IS_GUIDE_WINDOW (self), NULL);

  return gtk_label_get_text (self->text_label);
}
