/* tx-cli-util.c — what every command of tongxin-cli uses: the messages
 * of failure and misuse, opening the store, the options after the
 * command, and printing JSON and TSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tx-cli-private.h"
#include "tx-records.h"

int
tx_cli_fail (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("tongxin-cli: %s\n", message);

  return EXIT_FAILED;
}

int
tx_cli_usage_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("tongxin-cli: %s\n", message);
  g_printerr (_("Run “tongxin-cli --help” to see the commands.\n"));

  return EXIT_USAGE;
}

/* How long a command waits for another program's write to finish. */
#define CLI_WAIT_MS (10 * 60 * 1000)

static void
on_store_waiting_cb (TxStore *store,
                     gpointer user_data)
{
  static gboolean said;

  if (!said)
    g_printerr ("%s\n", _("tongxin-cli: another program is writing to the database; waiting for it to finish…"));
  said = TRUE;
}

TxStore *
tx_cli_open_store (Cli      *cli,
                   gboolean  create)
{
  g_autoptr(GError) error = NULL;
  TxStore *store;

  if (!create && !g_file_test (cli->db_path, G_FILE_TEST_EXISTS))
    {
      tx_cli_fail (_("There is no database at “%s”. Create it with “tongxin-cli init” or load the sample with “tongxin-cli demo”."),
                   cli->db_path);
      return NULL;
    }

  store = tx_store_open (cli->db_path, &error);
  if (store == NULL)
    {
      tx_cli_fail ("%s", error->message);
      return NULL;
    }

  /* a script waits for an import running beside it, and says so */
  tx_store_set_wait (store, CLI_WAIT_MS);
  g_signal_connect (store, "waiting", G_CALLBACK (on_store_waiting_cb), NULL);

  return store;
}

void
tx_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  g_print ("%s\n", text);
}

/* A --township that names no township is an error the clerk can fix. */
gboolean
tx_cli_township_exists (TxStore    *store,
                        const char *township)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxTownship) found = NULL;

  if (township == NULL)
    return TRUE;

  found = tx_store_find_township (store, township, &error);
  if (found == NULL)
    tx_cli_fail ("%s", error->message);

  return found != NULL;
}

int
tx_cli_parse_command_options (Cli            *cli,
                              int             first,
                              CommandOption  *options,
                              guint           n_options,
                              GPtrArray      *positional)
{
  for (int i = first; i < cli->n_args; i++)
    {
      const char *arg = cli->args[i];
      gboolean matched = FALSE;

      if (!g_str_has_prefix (arg, "--"))
        {
          if (positional == NULL)
            return tx_cli_usage_error (_("Unexpected argument “%s”."), arg);
          g_ptr_array_add (positional, (gpointer) arg);
          continue;
        }

      for (guint o = 0; o < n_options && !matched; o++)
        {
          gsize len = strlen (options[o].name);

          if (strncmp (arg + 2, options[o].name, len) != 0 ||
              (arg[2 + len] != '\0' && arg[2 + len] != '='))
            continue;

          matched = TRUE;

          if (options[o].flag != NULL)
            {
              if (arg[2 + len] == '=')
                return tx_cli_usage_error (_("The option --%s takes no value."), options[o].name);
              *options[o].flag = TRUE;
            }
          else if (arg[2 + len] == '=')
            {
              g_free (*options[o].value);
              *options[o].value = g_strdup (arg + 3 + len);
            }
          else if (i + 1 < cli->n_args)
            {
              g_free (*options[o].value);
              *options[o].value = g_strdup (cli->args[++i]);
            }
          else
            return tx_cli_usage_error (_("The option --%s needs a value."), options[o].name);
        }

      if (!matched)
        return tx_cli_usage_error (_("Unknown option “%s”."), arg);
    }

  return 0;
}

gboolean
tx_cli_parse_format (const char *text,
                     gboolean   *json)
{
  if (text == NULL || g_str_equal (text, "tsv"))
    *json = FALSE;
  else if (g_str_equal (text, "json"))
    *json = TRUE;
  else
    return FALSE;

  return TRUE;
}

/*
 * The options of a command that lists and takes nothing but
 * [--format tsv|json] after its words (@first of them), such as
 * "peers" or "config list": *@json set; 0, or the usage error's status.
 */
int
tx_cli_parse_list_format (Cli      *cli,
                          int       first,
                          gboolean *json)
{
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autofree char *format = NULL;
  g_autofree char *command = first > 1 ? g_strdup_printf ("%s %s", cli->args[0], cli->args[1]) : g_strdup (cli->args[0]);
  CommandOption options[] = { { "format", &format, NULL } };
  int status;

  *json = FALSE;
  status = tx_cli_parse_command_options (cli, first, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 0)
    /* Translators: %s is a command, such as “peers” or “config list” */
    return tx_cli_usage_error (_("“%s” takes no arguments."), command);
  if (!tx_cli_parse_format (format, json))
    return tx_cli_usage_error (_("Unknown format “%s”: use tsv or json."), format);

  return 0;
}

/*
 * A year given to a command (--year): one a clerk's dates may have
 * (TX_DATE_FIRST_YEAR to TX_DATE_LAST_YEAR), as everywhere else.  @year
 * is left as it is when @text is NULL.  0, or the usage error's status.
 */
int
tx_cli_parse_year (const char *text,
                   int        *year)
{
  guint64 value;

  if (text == NULL)
    return 0;
  if (!g_ascii_string_to_unsigned (text, 10, TX_DATE_FIRST_YEAR, TX_DATE_LAST_YEAR, &value, NULL))
    return tx_cli_usage_error (_("“%s” is not a year."), text);

  *year = (int) value;
  return 0;
}

/* Tabs and line breaks inside a TSV field become spaces. */
static char *
tsv_field (const char *text)
{
  char *copy = g_strdup (text ? text : "");

  for (char *p = copy; *p; p++)
    if (*p == '\t' || *p == '\n' || *p == '\r')
      *p = ' ';

  return copy;
}

void
tx_cli_print_tsv_row (const char *first,
                      ...)
{
  g_autoptr(GString) line = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *field = first; field != NULL; field = va_arg (args, const char *))
    {
      g_autofree char *clean = tsv_field (field);

      if (line->len > 0 || field != first)
        g_string_append_c (line, '\t');
      g_string_append (line, clean);
    }
  va_end (args);

  g_print ("%s\n", line->str);
}
