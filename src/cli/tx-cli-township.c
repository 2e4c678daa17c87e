/* tx-cli-township.c — tongxin-cli's townships: list, rename, merge, and
 * the yearly plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-cli-private.h"
#include "tx-office.h"
#include "tx-township-store.h"
#include "tx-vocabulary.h"
#include "tx-work-group.h"

/* township list [--year Y] [--format tsv|json]: each township, its kind
 * and its plan of the year */
int
tx_cli_cmd_township_list (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autofree char *format = NULL;
  g_autofree char *year_text = NULL;
  CommandOption options[] = {
    { "format", &format, NULL },
    { "year", &year_text, NULL },
  };
  gboolean json = FALSE;
  int year = tx_date_get_year (cli->today);
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 0)
    return tx_cli_usage_error (_("“township list” takes no arguments."));
  if (format != NULL && !tx_cli_parse_format (format, &json))
    return tx_cli_usage_error (_("Unknown format “%s”: use tsv or json."), format);
  status = tx_cli_parse_year (year_text, &year);
  if (status != 0)
    return status;

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  townships = tx_store_list_townships (store, &error);
  if (townships == NULL)
    return tx_cli_fail ("%s", error->message);
  /* how recent the data of each are: its last file received, in the
   * same order */
  receipts = tx_office_list_receipts (store, &error);
  if (receipts == NULL || receipts->len != townships->len)
    return tx_cli_fail ("%s", error != NULL ? error->message : "");

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < townships->len; i++)
        {
          TxTownship *township = g_ptr_array_index (townships, i);
          TxReceipt *receipt = g_ptr_array_index (receipts, i);
          int planned = tx_store_get_plan (store, tx_township_get_uuid (township), (int) year);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, tx_township_get_uuid (township));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, tx_township_get_name (township));
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, tx_township_kind_to_key (tx_township_get_kind (township)));
          json_builder_set_member_name (builder, "year");
          json_builder_add_int_value (builder, (gint64) year);
          json_builder_set_member_name (builder, "planned");
          if (planned >= 0)
            json_builder_add_int_value (builder, planned);
          else
            json_builder_add_null_value (builder);
          /* its last file received from another office: when, as of
           * when, whole or the changes since the one before */
          json_builder_set_member_name (builder, "received");
          if (receipt->received_at != NULL)
            json_builder_add_string_value (builder, receipt->received_at);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "data_as_of");
          if (receipt->exported != NULL)
            json_builder_add_string_value (builder, receipt->exported);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "complete");
          if (receipt->received_at != NULL)
            json_builder_add_boolean_value (builder, receipt->complete);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      tx_cli_print_json (root);
    }
  else
    {
      tx_cli_print_tsv_row ("name", "kind", "planned", "uuid", "received", "data_as_of", "complete", NULL);
      for (guint i = 0; i < townships->len; i++)
        {
          TxTownship *township = g_ptr_array_index (townships, i);
          TxReceipt *receipt = g_ptr_array_index (receipts, i);
          int planned = tx_store_get_plan (store, tx_township_get_uuid (township), (int) year);
          g_autofree char *planned_text = planned >= 0 ? g_strdup_printf ("%d", planned) : g_strdup ("");

          tx_cli_print_tsv_row (tx_township_get_name (township),
                                tx_township_kind_to_key (tx_township_get_kind (township)),
                                planned_text, tx_township_get_uuid (township),
                                receipt->received_at != NULL ? receipt->received_at : "",
                                receipt->exported != NULL ? receipt->exported : "",
                                receipt->received_at == NULL ? "" : receipt->complete ? "true" : "false", NULL);
        }
    }

  return EXIT_SUCCESS;
}

/* township rename OLD NEW */
int
tx_cli_cmd_township_rename (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->n_args != 4)
    return tx_cli_usage_error (_("“township rename” needs the township and its new name: tongxin-cli township rename OLD NEW"));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_store_rename_township (store, cli->args[2], cli->args[3], &error))
    return tx_cli_fail ("%s", error->message);

  /* Translators: a township's old name and its new one */
  g_print (_("“%s” is now called “%s”\n"), cli->args[2], g_strstrip (cli->args[3]));
  return EXIT_SUCCESS;
}

/* township merge FROM INTO */
int
tx_cli_cmd_township_merge (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->n_args != 4)
    return tx_cli_usage_error (_("“township merge” needs the township merged away and the one it goes into: tongxin-cli township merge FROM INTO"));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_store_merge_townships (store, cli->args[2], cli->args[3], &error))
    return tx_cli_fail ("%s", error->message);

  /* Translators: two townships */
  g_print (_("“%s” merged into “%s”: its people, consultations and plans are now those of “%s”\n"),
           cli->args[2], cli->args[3], cli->args[3]);
  return EXIT_SUCCESS;
}

/* township plan NAME YEAR N */
int
tx_cli_cmd_township_plan (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint64 planned;
  int year = 0;
  int status;

  if (cli->n_args != 5)
    return tx_cli_usage_error (_("“township plan” needs the township, the year and how many consultations it plans: tongxin-cli township plan NAME YEAR N"));
  status = tx_cli_parse_year (cli->args[3], &year);
  if (status != 0)
    return status;
  if (!g_ascii_string_to_unsigned (cli->args[4], 10, 0, 100, &planned, NULL))
    return tx_cli_usage_error (_("“%s” is not a number of consultations (0 to 100)."), cli->args[4]);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_store_set_plan (store, cli->args[2], (int) year, (int) planned, &error))
    return tx_cli_fail ("%s", error->message);

  /* Translators: a township, a year, a number of consultations */
  g_print (_("%s plans %u consultations in %u\n"), cli->args[2], (guint) planned, (guint) year);
  return EXIT_SUCCESS;
}

/* workgroup list [--format tsv|json] */
int
tx_cli_cmd_workgroup_list (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  gboolean json = FALSE;
  int status;

  status = tx_cli_parse_list_format (cli, 2, &json);
  if (status != 0)
    return status;

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  groups = tx_work_group_list (store, &error);
  if (groups == NULL)
    return tx_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < groups->len; i++)
        {
          TxWorkGroup *group = g_ptr_array_index (groups, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, group->name);
          json_builder_set_member_name (builder, "leader");
          json_builder_add_string_value (builder, group->leader);
          json_builder_set_member_name (builder, "members");
          json_builder_add_string_value (builder, group->members);
          json_builder_set_member_name (builder, "townships");
          json_builder_begin_array (builder);
          for (guint t = 0; t < group->townships->len; t++)
            json_builder_add_string_value (builder, g_ptr_array_index (group->townships, t));
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, group->uuid);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      tx_cli_print_json (root);
      return EXIT_SUCCESS;
    }

  tx_cli_print_tsv_row ("name", "leader", "members", "townships", NULL);
  for (guint i = 0; i < groups->len; i++)
    {
      TxWorkGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *townships = NULL;

      g_ptr_array_add (group->townships, NULL);
      townships = g_strjoinv ("、", (char **) group->townships->pdata);
      tx_cli_print_tsv_row (group->name, group->leader, group->members, townships, NULL);
    }

  return EXIT_SUCCESS;
}

/* workgroup add NAME [--leader NAME] [--members TEXT] */
int
tx_cli_cmd_workgroup_add (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autofree char *leader = NULL;
  g_autofree char *members = NULL;
  CommandOption options[] = { { "leader", &leader, NULL }, { "members", &members, NULL } };
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 1)
    return tx_cli_usage_error (_("“workgroup add” needs the group's name: tongxin-cli workgroup add NAME [--leader NAME] [--members TEXT]"));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_work_group_save (store, g_ptr_array_index (positional, 0), leader, members, &error))
    return tx_cli_fail (_("The work group was not saved: %s"), error->message);

  g_print (_("Saved the work group %s.\n"), (const char *) g_ptr_array_index (positional, 0));
  return EXIT_SUCCESS;
}

/* workgroup assign TOWNSHIP GROUP | workgroup assign TOWNSHIP --none */
int
tx_cli_cmd_workgroup_assign (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  gboolean none = FALSE;
  CommandOption options[] = { { "none", NULL, &none } };
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != (none ? 1 : 2))
    return tx_cli_usage_error (_("“workgroup assign” needs a township and a work group: tongxin-cli workgroup assign TOWNSHIP GROUP (or --none)"));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_work_group_assign (store, g_ptr_array_index (positional, 0),
                             none ? NULL : g_ptr_array_index (positional, 1), &error))
    return tx_cli_fail (_("The township was not moved: %s"), error->message);

  return EXIT_SUCCESS;
}

/* workgroup delete NAME */
int
tx_cli_cmd_workgroup_delete (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->n_args != 3)
    return tx_cli_usage_error (_("“workgroup delete” needs the group's name: tongxin-cli workgroup delete NAME"));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_work_group_delete (store, cli->args[2], &error))
    return tx_cli_fail (_("The work group was not removed: %s"), error->message);

  return EXIT_SUCCESS;
}
