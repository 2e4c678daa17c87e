/* crash-save.c — saves one consultation again and again, as the editor
 * does, until it is killed
 *
 *   crash-save DATABASE CONSULTATION
 *
 * Each save writes the round's number into the title, the venue and the
 * minutes' consensus, and moves every stage's due date: a save that
 * counts is all of them at once, never some.  The number of each save
 * committed is printed, so the crash test knows how far it got.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "tx-records.h"
#include "tx-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autofree char *which = NULL;

  if (argc != 3)
    {
      g_printerr ("usage: crash-save DATABASE CONSULTATION\n");
      return 2;
    }

  which = g_strdup (argv[2]);
  store = tx_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint round = 1; ; round++)
    {
      g_autoptr(TxConsultation) consultation = tx_store_load_consultation (store, which, &error);
      g_autofree char *title = g_strdup_printf ("第%u次保存的协商", round);
      g_autofree char *venue = g_strdup_printf ("议事室%u", round);
      g_autofree char *consensus = g_strdup_printf ("共识%u", round);

      if (consultation == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      tx_consultation_set_title (consultation, title);
      tx_consultation_set_place (consultation, TX_PLATFORM_PHYSICAL, venue);
      tx_consultation_set_minutes (consultation, "记录人", "议程", consensus, "下一步");
      for (TxStage stage = TX_STAGE_SELECTION; stage <= TX_STAGE_SUPERVISION; stage++)
        {
          g_autofree char *due = tx_date_to_iso (tx_date_add_days (tx_date_new (2027, 1, 1), round % 300 + stage));

          tx_consultation_set_stage_due (consultation, stage, due);
        }

      if (!tx_store_save_consultation (store, consultation, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      g_print ("%u\n", round);
      fflush (stdout);

      /* the next load by the uuid: the title changed */
      g_free (which);
      which = g_strdup (tx_consultation_get_uuid (consultation));
    }
}
