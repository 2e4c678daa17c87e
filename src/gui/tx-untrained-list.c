/* tx-untrained-list.c — the liaison group leaders and liaison officers
 * in post too long without a training, as the Overview lists them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-activity.h"
#include "tx-untrained-list.h"

/* At most this many of those not trained are listed: the rest are
 * counted */
#define UNTRAINED_LISTED 30

/**
 * tx_untrained_list_fill:
 * @group: the group of @list, hidden while no one is listed
 * @list: the rows of the group's list
 * @untrained: (element-type TxUntrained) (nullable): who to list
 * @days: the days a post may be held without a training
 *
 * Lists those not trained in @list, the first UNTRAINED_LISTED of
 * them, the others counted, and says in @group's description how many
 * there are and after how many days.
 */
void
tx_untrained_list_fill (GtkWidget  *group,
                        TxTextRows *list,
                        GPtrArray  *untrained,
                        int         days)
{
  g_autofree char *description = NULL;
  GPtrArray *rows;
  guint n, i;

  n = untrained != NULL ? untrained->len : 0;
  gtk_widget_set_visible (group, n > 0);

  if (n > 0)
    {
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  /* Translators: how many, then the days a post may be held without a training (a setting) */
                                                  "%u liaison group leader or liaison officer has held the post for more than %d days without a training since taking it up",
                                                  "%u liaison group leaders and liaison officers have held their posts for more than %d days without a training since taking them up",
                                                  n),
                                     n, days);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
    }

  /* the rows there are, changed where they say something else, a
   * few a frame: a city's thirty rows made anew at each save stalled
   * the window */
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_text_row_free);
  for (i = 0; i < n && i < UNTRAINED_LISTED; i++)
    {
      TxUntrained *one = g_ptr_array_index (untrained, i);
      g_autofree char *title = one->township_name != NULL
                               ? g_strdup_printf ("%s · %s", one->name, one->township_name)
                               : g_strdup (one->name);
      g_autofree char *subtitle = tx_untrained_describe (one, days);

      g_ptr_array_add (rows, tx_text_row_new (title, subtitle, FALSE));
    }
  if (n > UNTRAINED_LISTED)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more",
                                                            "And %u more", n - UNTRAINED_LISTED),
                                               n - UNTRAINED_LISTED);

      g_ptr_array_add (rows, tx_text_row_new (more, NULL, FALSE));
    }
  tx_text_rows_show (list, rows);
}
