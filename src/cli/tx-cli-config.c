/* tx-cli-config.c — tongxin-cli's settings: config list, get and set
 *
 * The keys and their checks are those of TxSettings (tx-settings.c),
 * the same the window's preferences use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-cli-private.h"
#include "tx-settings.h"

/* What a setting means; for a choice, the words `config set` takes. */
static char *
describe (const TxSettingInfo *info)
{
  g_autofree char *choices = NULL;

  if (info->kind != TX_SETTING_CHOICE)
    return g_strdup (_(info->summary));

  choices = g_strjoinv ("|", (char **) info->choices);
  return g_strdup_printf ("%s (%s)", _(info->summary), choices);
}

/* config list [--format tsv|json]: every setting, its value and what it
 * means */
int
tx_cli_cmd_config_list (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  const TxSettingInfo *infos;
  TxSettings *settings;
  gboolean json = FALSE;
  guint n_infos;
  int status;

  status = tx_cli_parse_list_format (cli, 2, &json);
  if (status != 0)
    return status;

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  settings = tx_store_get_settings (store);
  infos = tx_settings_get_infos (&n_infos);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n_infos; i++)
        {
          g_autofree char *value = tx_settings_dup_text (settings, infos[i].key, NULL);
          g_autofree char *summary = describe (&infos[i]);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "key");
          json_builder_add_string_value (builder, infos[i].key);
          json_builder_set_member_name (builder, "value");
          json_builder_add_string_value (builder, value);
          json_builder_set_member_name (builder, "default");
          json_builder_add_string_value (builder, infos[i].default_value);
          json_builder_set_member_name (builder, "summary");
          json_builder_add_string_value (builder, summary);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      tx_cli_print_json (root);
    }
  else
    {
      tx_cli_print_tsv_row ("key", "value", "summary", NULL);
      for (guint i = 0; i < n_infos; i++)
        {
          g_autofree char *value = tx_settings_dup_text (settings, infos[i].key, NULL);
          g_autofree char *summary = describe (&infos[i]);

          tx_cli_print_tsv_row (infos[i].key, value, summary, NULL);
        }
    }

  return EXIT_SUCCESS;
}

/* config get KEY: the value alone, as a script reads it */
int
tx_cli_cmd_config_get (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (cli->n_args != 3)
    return tx_cli_usage_error (_("“config get” needs the key of a setting: tongxin-cli config get KEY"));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  value = tx_settings_dup_text (tx_store_get_settings (store), cli->args[2], &error);
  if (value == NULL)
    return tx_cli_fail ("%s", error->message);

  g_print ("%s\n", value);
  return EXIT_SUCCESS;
}

/* config set KEY VALUE: checked, then kept; nothing changes when refused */
int
tx_cli_cmd_config_set (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  TxSettings *settings;

  if (cli->n_args != 4)
    return tx_cli_usage_error (_("“config set” needs the key of a setting and its value: tongxin-cli config set KEY VALUE"));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  settings = tx_store_get_settings (store);
  if (!tx_settings_set_text (settings, cli->args[2], cli->args[3], &error))
    return tx_cli_fail ("%s", error->message);

  value = tx_settings_dup_text (settings, cli->args[2], NULL);
  /* Translators: a setting and its new value */
  g_print (_("%s is now “%s”\n"), cli->args[2], value);
  return EXIT_SUCCESS;
}
