/* main.c — the entry point of the Tongxin application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tongxin"

#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>

#include "tx-application.h"
#include "tx-renderer.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TxApplication) app = NULL;

  /* Past the file size limit (ulimit -f), the kernel kills a process
   * that writes with SIGXFSZ: the window would vanish mid-export.
   * Ignored, the write fails with EFBIG, and the clerk is told. */
  signal (SIGXFSZ, SIG_IGN);

  /* TONGXIN_LOCALEDIR: the translations of an uninstalled build */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TONGXIN_LOCALEDIR") ? g_getenv ("TONGXIN_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* before GTK makes a window */
  {
    g_autoptr(GSettings) settings = tx_application_create_gsettings ();

    tx_renderer_apply (settings);
  }

  app = tx_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
