/* tx-welcome-page.c — what the first run shows
 *
 * Tongxin creates no database behind the clerk's back: the first run
 * asks whether to start with an empty roster or with the sample data,
 * and emits TxWelcomePage::start with the answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-welcome-page.h"

struct _TxWelcomePage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (TxWelcomePage, tx_welcome_page, ADW_TYPE_BIN)

enum {
  START,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
tx_welcome_page_start_empty_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  g_signal_emit (widget, signals[START], 0, FALSE);
}

static void
tx_welcome_page_load_sample_data_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  g_signal_emit (widget, signals[START], 0, TRUE);
}

static void
tx_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TX_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (tx_welcome_page_parent_class)->dispose (object);
}

static void
tx_welcome_page_class_init (TxWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_welcome_page_dispose;

  /**
   * TxWelcomePage::start:
   * @with_sample_data: whether the clerk asked for the sample data
   *
   * The clerk chose how to start: the database should be created now.
   */
  signals[START] =
    g_signal_new ("start",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "welcome.start-empty", NULL,
                                   tx_welcome_page_start_empty_action);
  gtk_widget_class_install_action (widget_class, "welcome.load-sample-data", NULL,
                                   tx_welcome_page_load_sample_data_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-welcome-page.ui");
}

static void
tx_welcome_page_init (TxWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tx_welcome_page_new (void)
{
  return g_object_new (TX_TYPE_WELCOME_PAGE, NULL);
}
