/* tx-version.c — the version of this build
 *
 * The project's version, and for a build made from a git checkout (a
 * development build) the revision it was made from: "0.1.0 (git
 * 1a2b3c4d5e6f)".  A release built from its sources is its version
 * alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tx-build.h"
#include "tx-version.h"

const char *
tx_version_get_string (void)
{
  static gsize version;

  if (g_once_init_enter (&version))
    g_once_init_leave (&version, (gsize) (TX_BUILD_REVISION[0] != '\0'
                                          ? g_strdup_printf ("%s (git %s)", PACKAGE_VERSION, TX_BUILD_REVISION)
                                          : g_strdup (PACKAGE_VERSION)));

  return (const char *) version;
}
