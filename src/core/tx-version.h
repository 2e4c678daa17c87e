/* tx-version.h — the version of this build, as tongxin-cli --version and
 * the About window say it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *tx_version_get_string (void);

G_END_DECLS
