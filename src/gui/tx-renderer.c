/* tx-renderer.c — how the window is drawn on a PC without a graphics
 * card
 *
 * GTK draws with OpenGL.  Where the PC has no graphics card that Mesa
 * can drive (many office PCs, and virtual machines), OpenGL runs in
 * software (llvmpipe), and a window repaints several times slower
 * than with GTK's cairo renderer, which draws in software anyway, and
 * takes more memory.  Unless told otherwise, Tongxin then asks GTK for
 * cairo, and GDK for no OpenGL at all.  The preference "renderer"
 * (Preferences, This Computer) overrides the guess; GSK_RENDERER in the
 * environment overrides both.  GTK reads the choice once, when it opens
 * the display: it is made before the application starts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tongxin"

#include "config.h"

#include <string.h>

#include "tx-renderer.h"

/**
 * tx_renderer_choose:
 * @setting: (nullable): the preference: "automatic", "gl" or "cairo"
 * @has_gpu: whether the PC has a graphics card OpenGL can use
 *
 * Returns: (nullable): the GSK renderer to ask for, or %NULL for GTK's
 *   own choice (OpenGL)
 */
const char *
tx_renderer_choose (const char *setting,
                    gboolean    has_gpu)
{
  if (g_strcmp0 (setting, "cairo") == 0)
    return "cairo";
  if (g_strcmp0 (setting, "gl") == 0)
    return NULL;

  return has_gpu ? NULL : "cairo";
}

/**
 * tx_renderer_has_gpu:
 * @dri_dir: (nullable): where the kernel lists the graphics devices,
 *   %NULL for /dev/dri
 *
 * Whether a graphics card has a render node (renderD128, …): without
 * one, Mesa's OpenGL runs in software.
 */
gboolean
tx_renderer_has_gpu (const char *dri_dir)
{
  g_autoptr(GDir) dir = g_dir_open (dri_dir != NULL ? dri_dir : "/dev/dri", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;

  return FALSE;
}

/**
 * tx_renderer_apply:
 * @settings: (nullable): the application's settings, %NULL when the
 *   schema is not installed (automatic)
 *
 * Sets GSK_RENDERER for GTK, unless the environment has it.
 */
void
tx_renderer_apply (GSettings *settings)
{
  g_autofree char *setting = NULL;
  const char *renderer;

  if (g_getenv ("GSK_RENDERER") != NULL)
    return;

  if (settings != NULL)
    setting = g_settings_get_string (settings, "renderer");
  renderer = tx_renderer_choose (setting, tx_renderer_has_gpu (NULL));
  g_debug ("Renderer: %s (preference %s)", renderer != NULL ? renderer : "GTK's own", setting);
  if (renderer == NULL)
    return;

  g_setenv ("GSK_RENDERER", renderer, FALSE);

  /* Drawn with cairo, the window needs no OpenGL at all: GDK would
   * still load Mesa when it opens the display, which takes some 60 MB
   * and a tenth of the start.  GTK 4.8 says so with a GDK_DEBUG flag. */
  {
    const char *debug = g_getenv ("GDK_DEBUG");

    if (debug == NULL || debug[0] == '\0')
      g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
    else if (strstr (debug, "gl-disable") == NULL)
      {
        g_autofree char *more = g_strconcat (debug, ",gl-disable", NULL);

        g_setenv ("GDK_DEBUG", more, TRUE);
      }
  }
}
