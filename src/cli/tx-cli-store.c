/* tx-cli-store.c — tongxin-cli's commands on the database as a whole:
 * init, demo, backup, restore, check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-backup.h"
#include "tx-cli-private.h"
#include "tx-demo.h"
#include "tx-exchange.h"
#include "tx-records.h"
#include "tx-store.h"

int
tx_cli_cmd_init (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  gboolean existed;

  if (cli->n_args > 1)
    return tx_cli_usage_error (_("“init” takes no arguments."));

  existed = g_file_test (cli->db_path, G_FILE_TEST_EXISTS);
  store = tx_cli_open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILED;

  if (existed)
    g_print (_("The database %s is ready (schema %d).\n"), cli->db_path, tx_store_get_schema_version (store));
  else
    g_print (_("Created the database %s.\n"), cli->db_path);

  return EXIT_SUCCESS;
}

static void
print_report (const TxImportReport *report)
{
  g_autofree char *summary = tx_import_report_to_string (report);

  g_print ("%s\n", summary);
}

int
tx_cli_cmd_demo (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  TxImportReport report;
  gboolean remove = FALSE;
  CommandOption command_options[] = { { "remove", NULL, &remove } };
  int status;

  status = tx_cli_parse_command_options (cli, 1, command_options, G_N_ELEMENTS (command_options), rest);
  if (status != 0)
    return status;
  if (rest->len > 0)
    return tx_cli_usage_error (_("“demo” takes no arguments: tongxin-cli demo [--remove]"));

  store = tx_cli_open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILED;

  if (remove)
    {
      TxDemoRemoval removal;
      g_autofree char *summary = NULL;

      if (!tx_demo_remove (store, cli->today, &removal, &error))
        return tx_cli_fail (_("The sample data were not removed: %s"), error->message);

      summary = tx_demo_removal_to_string (&removal);
      g_print ("%s\n", summary);
      return EXIT_SUCCESS;
    }

  if (!tx_exchange_load_demo (store, cli->today, &report, &error))
    return tx_cli_fail (_("Could not load the sample data: %s"), error->message);

  print_report (&report);
  return EXIT_SUCCESS;
}

/* The backups beside the database, newest first: when, why, how large. */
static int
list_backups (Cli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *folder = tx_backup_dup_folder (cli->db_path);

  backups = tx_backup_list (cli->db_path, &error);
  if (backups == NULL)
    return tx_cli_fail ("%s", error->message);

  if (backups->len == 0)
    {
      g_print (_("There are no backups of %s yet (they are kept in %s).\n"), cli->db_path, folder);
      return EXIT_SUCCESS;
    }

  tx_cli_print_tsv_row ("taken", "kind", "size", "path", NULL);
  for (guint i = 0; i < backups->len; i++)
    {
      TxBackup *backup = g_ptr_array_index (backups, i);
      g_autofree char *taken = g_date_time_format (backup->taken, "%Y-%m-%d %H:%M:%S");
      g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) backup->size);

      tx_cli_print_tsv_row (taken, tx_backup_kind_to_key (backup->kind), size, backup->path, NULL);
    }

  return EXIT_SUCCESS;
}

int
tx_cli_cmd_backup (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->n_args == 2 && g_str_equal (cli->args[1], "list"))
    return list_backups (cli);

  if (cli->n_args != 2)
    return tx_cli_usage_error (_("“backup” needs the file to write: tongxin-cli backup OUT.db (or “backup list”)"));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_backup_write (store, cli->args[1], &error))
    return tx_cli_fail ("%s", error->message);

  g_print (_("Backup written to %s\n"), cli->args[1]);
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_restore (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(TxBackup) replaced = NULL;

  if (cli->n_args != 2)
    return tx_cli_usage_error (_("“restore” needs the backup to read: tongxin-cli restore IN.db"));

  store = tx_cli_open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILED;

  now = tx_backup_dup_now (cli->today);
  if (!tx_backup_restore (store, cli->args[1], now, &replaced, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (_("Restored from %s; the data it replaced are kept in %s\n"), cli->args[1], replaced->path);
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_check (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  if (cli->n_args != 1)
    return tx_cli_usage_error (_("“check” takes no arguments."));

  /* a check changes nothing: it neither creates, nor updates, nor writes */
  store = tx_store_open_full (cli->db_path, TX_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return tx_cli_fail ("%s", error->message);

  problems = tx_store_check (store, &error);
  if (problems == NULL)
    return tx_cli_fail ("%s", error->message);

  if (problems->len > 0)
    {
      tx_cli_fail (g_dngettext (GETTEXT_PACKAGE, "The database has %u problem. Restore a backup, or ask for help.",
                                "The database has %u problems. Restore a backup, or ask for help.", problems->len),
                   problems->len);
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("  %s\n", (const char *) g_ptr_array_index (problems, i));
      return EXIT_FAILED;
    }

  g_print (_("The database %s is sound: %u townships, %u people, %u consultations, %u recommendations.\n"),
           cli->db_path, tx_store_count (store, "township"), tx_store_count (store, "person"),
           tx_store_count (store, "consultation"), tx_store_count (store, "outcome"));
  return EXIT_SUCCESS;
}
