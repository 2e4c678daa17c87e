/* tx-cli.c — tongxin-cli, the operations of Tongxin for scripts
 *
 * The contract is DESIGN §3: exit 0 on success, 1 when the operation
 * failed (one clear line on stderr, the database unchanged), 2 for a
 * usage error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tongxin-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tx-calendar-export.h"
#include "tx-chart.h"
#include "tx-circular-chart.h"
#include "tx-circular-document.h"
#include "tx-consultation.h"
#include "tx-exchange.h"
#include "tx-ledger.h"
#include "tx-metrics.h"
#include "tx-outcome.h"
#include "tx-records.h"
#include "tx-minutes-document.h"
#include "tx-roster-document.h"
#include "tx-signin-document.h"
#include "tx-roster.h"
#include "tx-roster-export.h"
#include "tx-roster-import.h"
#include "tx-store.h"
#include "tx-vocabulary.h"

#define EXIT_FAILED 1
#define EXIT_USAGE  2

typedef struct {
  char   *db_path;
  GDate   today;
  char  **args;      /* the command and its arguments */
  int     n_args;
} Cli;

typedef int (*CommandFunc) (Cli *cli);

typedef struct {
  const char  *name;        /* "roster list" */
  const char  *synopsis;    /* arguments */
  const char  *summary;     /* N_() */
  gboolean     creates;     /* may create the database */
  CommandFunc  func;
} Command;

static int
fail (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static int
fail (const char *format,
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

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
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

static TxStore *
open_store (Cli      *cli,
            gboolean  create)
{
  g_autoptr(GError) error = NULL;
  TxStore *store;

  if (!create && !g_file_test (cli->db_path, G_FILE_TEST_EXISTS))
    {
      fail (_("There is no database at “%s”. Create it with “tongxin-cli init” or load the sample with “tongxin-cli demo”."),
            cli->db_path);
      return NULL;
    }

  store = tx_store_open (cli->db_path, &error);
  if (store == NULL)
    fail ("%s", error->message);

  return store;
}

static void
print_json (JsonNode *root)
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
static gboolean
township_exists (TxStore    *store,
                 const char *township)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxTownship) found = NULL;

  if (township == NULL)
    return TRUE;

  found = tx_store_find_township (store, township, &error);
  if (found == NULL)
    fail ("%s", error->message);

  return found != NULL;
}

/* Options after the command: --name VALUE or --name=VALUE. */
typedef struct {
  const char  *name;
  char       **value;
  gboolean    *flag;     /* for options without a value */
} CommandOption;

static int
parse_command_options (Cli            *cli,
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
            return usage_error (_("Unexpected argument “%s”."), arg);
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
                return usage_error (_("The option --%s takes no value."), options[o].name);
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
            return usage_error (_("The option --%s needs a value."), options[o].name);
        }

      if (!matched)
        return usage_error (_("Unknown option “%s”."), arg);
    }

  return 0;
}

static gboolean
parse_format (const char *text,
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

static void
print_tsv_row (const char *first,
               ...) G_GNUC_NULL_TERMINATED;

static void
print_tsv_row (const char *first,
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

/* ------------------------------------------------------------------ */

static int
cmd_init (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  gboolean existed;

  if (cli->n_args > 1)
    return usage_error (_("“init” takes no arguments."));

  existed = g_file_test (cli->db_path, G_FILE_TEST_EXISTS);
  store = open_store (cli, TRUE);
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

static int
cmd_demo (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TxImportReport report;

  if (cli->n_args > 1)
    return usage_error (_("“demo” takes no arguments."));

  store = open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_exchange_load_demo (store, &cli->today, &report, &error))
    return fail (_("Could not load the sample data: %s"), error->message);

  print_report (&report);
  return EXIT_SUCCESS;
}

static int
cmd_import (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TxImportReport report;
  TxImportOptions options = { 0, };
  gboolean dry_run = FALSE;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  CommandOption command_options[] = { { "dry-run", NULL, &dry_run } };
  int status;

  status = parse_command_options (cli, 1, command_options, G_N_ELEMENTS (command_options), files);
  if (status != 0)
    return status;
  if (files->len != 1)
    return usage_error (_("“import” needs one exchange file: tongxin-cli import IN.xml"));

  store = open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILED;

  options.dry_run = dry_run;
  if (!tx_exchange_import_file (store, g_ptr_array_index (files, 0), &options, &report, &error))
    return fail (_("Nothing was imported. %s"), error->message);

  print_report (&report);
  return EXIT_SUCCESS;
}

static int
cmd_export (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->n_args != 2)
    return usage_error (_("“export” needs the file to write: tongxin-cli export OUT.xml"));

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_exchange_export (store, cli->args[1], &error))
    return fail ("%s", error->message);

  return EXIT_SUCCESS;
}

static JsonNode *
person_to_json (TxPerson *person)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, tx_person_get_uuid (person));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, tx_person_get_name (person));
  json_builder_set_member_name (builder, "gender");
  json_builder_add_string_value (builder, tx_gender_to_key (tx_person_get_gender (person)));
  json_builder_set_member_name (builder, "ethnicity");
  json_builder_add_string_value (builder, tx_person_get_ethnicity (person));
  json_builder_set_member_name (builder, "township");
  json_builder_add_string_value (builder, tx_person_get_township_name (person));
  json_builder_set_member_name (builder, "village");
  json_builder_add_string_value (builder, tx_person_get_village (person));
  json_builder_set_member_name (builder, "categories");
  json_builder_begin_array (builder);
  for (guint i = 0; i < tx_person_get_n_categories (person); i++)
    json_builder_add_string_value (builder, tx_category_to_key (tx_person_get_category (person, i)));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "organization");
  json_builder_add_string_value (builder, tx_person_get_organization (person));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, tx_person_get_title (person));
  json_builder_set_member_name (builder, "phone");
  json_builder_add_string_value (builder, tx_person_get_phone (person));
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, tx_person_get_notes (person));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static int
cmd_roster_import (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxRosterImport) import = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  gboolean dry_run = FALSE;
  CommandOption options[] = { { "dry-run", NULL, &dry_run } };
  GPtrArray *problems;
  GPtrArray *townships;
  int status;

  status = parse_command_options (cli, 2, options, G_N_ELEMENTS (options), files);
  if (status != 0)
    return status;
  if (files->len != 1)
    return usage_error (_("“roster import” needs one CSV file: tongxin-cli roster import FILE.csv"));

  store = open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILED;

  /* a dry run only reads; otherwise the file is written as it is read,
   * and nothing is when a line has a problem */
  if (dry_run)
    import = tx_roster_import_read (store, g_ptr_array_index (files, 0), &error);
  else
    import = tx_roster_import_run (store, g_ptr_array_index (files, 0), &error);
  if (import == NULL)
    return fail (_("Nothing was imported. %s"), error->message);

  problems = tx_roster_import_get_problems (import);
  townships = tx_roster_import_get_new_townships (import);

  if (problems->len > 0)
    {
      g_autofree char *name = g_path_get_basename (g_ptr_array_index (files, 0));

      fail (g_dngettext (GETTEXT_PACKAGE,
                         "Nothing was imported: %s has %u line with a problem. Correct it and import again.",
                         "Nothing was imported: %s has %u lines with problems. Correct them and import again.",
                         problems->len),
            name, problems->len);
      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *text = tx_import_problem_to_string (g_ptr_array_index (problems, i));
          g_printerr ("  %s\n", text);
        }
      return EXIT_FAILED;
    }

  if (dry_run)
    g_print ("%s\n", _("Dry run: nothing was written. The import would do this:"));
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u person added\n", "%u people added\n",
                        tx_roster_import_get_n_to_add (import)),
           tx_roster_import_get_n_to_add (import));
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u person updated\n", "%u people updated\n",
                        tx_roster_import_get_to_update (import)->len),
           tx_roster_import_get_to_update (import)->len);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u person unchanged\n", "%u people unchanged\n",
                        tx_roster_import_get_n_unchanged (import)),
           tx_roster_import_get_n_unchanged (import));
  for (guint i = 0; i < townships->len; i++)
    g_print (_("New township: %s\n"), (const char *) g_ptr_array_index (townships, i));

  return EXIT_SUCCESS;
}

static int
parse_person_filter (Cli            *cli,
                     int             first,
                     TxPersonFilter *filter,
                     GPtrArray      *positional,
                     char          **format,
                     TxStore       **store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *category = NULL;
  g_autofree char *order = NULL;
  CommandOption options[] = {
    { "search", &filter->search, NULL },
    { "category", &category, NULL },
    { "township", &filter->township, NULL },
    { "order", &order, NULL },
    { "format", format, NULL },
  };
  int status;

  status = parse_command_options (cli, first, options,
                                  format != NULL ? G_N_ELEMENTS (options) : G_N_ELEMENTS (options) - 1,
                                  positional);
  if (status != 0)
    return status;

  if (format != NULL && *format != NULL)
    {
      gboolean json;

      if (!parse_format (*format, &json))
        return usage_error (_("Unknown format “%s”: use tsv or json."), *format);
    }
  if (category != NULL)
    {
      if (!tx_category_parse (category, &filter->category))
        return usage_error (_("Unknown category “%s”. Use a key such as cppcc_member or a label such as 政协委员."), category);
      filter->has_category = TRUE;
    }
  if (order != NULL && !tx_order_from_key (order, &filter->order))
    return usage_error (_("Unknown order “%s”: use pinyin or strokes."), order);

  *store = open_store (cli, FALSE);
  if (*store == NULL)
    return EXIT_FAILED;

  if (!township_exists (*store, filter->township))
    return EXIT_FAILED;

  return 0;
}

static int
cmd_roster_list (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *format = NULL;
  TxPersonFilter filter = { 0, };
  gboolean json = FALSE;
  int status;

  status = parse_person_filter (cli, 2, &filter, NULL, &format, &store);
  if (status == 0)
    parse_format (format, &json);
  if (status == 0)
    {
      people = tx_roster_query (store, &filter, &error);
      if (people == NULL)
        status = fail ("%s", error->message);
    }
  tx_person_filter_clear (&filter);
  if (status != 0)
    return status;

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (people->len);

      for (guint i = 0; i < people->len; i++)
        json_array_add_element (array, person_to_json (g_ptr_array_index (people, i)));
      json_node_take_array (root, array);
      print_json (root);
    }
  else
    {
      print_tsv_row ("uuid", "name", "gender", "ethnicity", "township", "village", "categories",
                     "organization", "title", "phone", NULL);
      for (guint i = 0; i < people->len; i++)
        {
          TxPerson *person = g_ptr_array_index (people, i);
          g_autoptr(GString) keys = g_string_new (NULL);

          for (guint c = 0; c < tx_person_get_n_categories (person); c++)
            g_string_append_printf (keys, "%s%s", c ? "," : "",
                                    tx_category_to_key (tx_person_get_category (person, c)));

          print_tsv_row (tx_person_get_uuid (person), tx_person_get_name (person),
                         tx_gender_to_key (tx_person_get_gender (person)),
                         tx_person_get_ethnicity (person), tx_person_get_township_name (person),
                         tx_person_get_village (person), keys->str,
                         tx_person_get_organization (person), tx_person_get_title (person),
                         tx_person_get_phone (person), NULL);
        }
    }

  return EXIT_SUCCESS;
}


static int
cmd_roster_export (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  TxPersonFilter filter = { 0, };
  g_autofree char *lower = NULL;
  guint n_people = 0;
  int status;

  status = parse_person_filter (cli, 2, &filter, files, NULL, &store);
  if (status != 0)
    {
      tx_person_filter_clear (&filter);
      return status;
    }
  if (files->len != 1)
    {
      tx_person_filter_clear (&filter);
      return usage_error (_("“roster export” needs the file to write: FILE.csv or FILE.xlsx"));
    }

  lower = g_ascii_strdown (g_ptr_array_index (files, 0), -1);
  if (!g_str_has_suffix (lower, ".csv") && !g_str_has_suffix (lower, ".xlsx"))
    {
      tx_person_filter_clear (&filter);
      return usage_error (_("“%s” must end in .csv or .xlsx."), (const char *) g_ptr_array_index (files, 0));
    }

  if (!tx_roster_export (store, &filter, g_ptr_array_index (files, 0), &n_people, &error))
    {
      tx_person_filter_clear (&filter);
      return fail ("%s", error->message);
    }

  tx_person_filter_clear (&filter);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u person written to %s\n", "%u people written to %s\n", n_people),
           n_people, (const char *) g_ptr_array_index (files, 0));
  return EXIT_SUCCESS;
}

static int
cmd_roster_print (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(TxTableDocument) doc = NULL;
  g_autofree char *organization = NULL;
  g_autofree char *full_setting = NULL;
  g_autofree char *lower = NULL;
  TxPersonFilter filter = { 0, };
  gboolean full_phones;
  int status;

  status = parse_person_filter (cli, 2, &filter, files, NULL, &store);
  if (status == 0 && files->len != 1)
    status = usage_error (_("“roster print” needs the PDF file to write: tongxin-cli roster print OUT.pdf"));
  if (status == 0)
    {
      lower = g_ascii_strdown (g_ptr_array_index (files, 0), -1);
      if (!g_str_has_suffix (lower, ".pdf"))
        status = usage_error (_("“%s” must end in .pdf."), (const char *) g_ptr_array_index (files, 0));
    }
  if (status == 0)
    {
      people = tx_roster_query (store, &filter, &error);
      if (people == NULL)
        status = fail ("%s", error->message);
    }
  if (status != 0)
    {
      tx_person_filter_clear (&filter);
      return status;
    }

  organization = tx_store_get_setting (store, "organization");
  full_setting = tx_store_get_setting (store, "print-full-phones");
  full_phones = g_strcmp0 (full_setting, "true") == 0;

  doc = tx_roster_document_new (people, organization, filter.township, &cli->today,
                                filter.order, full_phones);
  tx_person_filter_clear (&filter);

  if (!tx_table_document_write_pdf (doc, g_ptr_array_index (files, 0), &error))
    return fail ("%s", error->message);

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u page written to %s\n", "%u pages written to %s\n",
                        tx_table_document_get_n_pages (doc)),
           tx_table_document_get_n_pages (doc), (const char *) g_ptr_array_index (files, 0));
  return EXIT_SUCCESS;
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
build_consultation_summary (JsonBuilder    *builder,
                            TxConsultation *consultation)
{
  TxStage current = tx_consultation_get_current_stage (consultation);

  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, tx_consultation_get_uuid (consultation));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, tx_consultation_get_title (consultation));
  json_builder_set_member_name (builder, "township");
  json_builder_add_string_value (builder, tx_consultation_get_township_name (consultation));
  json_builder_set_member_name (builder, "topic_source");
  json_builder_add_string_value (builder, tx_topic_source_to_key (tx_consultation_get_topic_source (consultation)));
  json_builder_set_member_name (builder, "orientation");
  json_builder_add_string_value (builder, tx_orientation_to_key (tx_consultation_get_orientation (consultation)));
  json_builder_set_member_name (builder, "platform");
  json_builder_add_string_value (builder, tx_platform_to_key (tx_consultation_get_platform (consultation)));
  json_builder_set_member_name (builder, "venue");
  json_builder_add_string_value (builder, tx_consultation_get_venue (consultation));
  add_string_or_null (builder, "starts", tx_consultation_get_starts (consultation));
  add_string_or_null (builder, "ends", tx_consultation_get_ends (consultation));
  json_builder_set_member_name (builder, "current_stage");
  json_builder_add_string_value (builder, tx_stage_to_key (current));
}

static int
cmd_consultation_list (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) consultations = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *township = NULL;
  g_autofree char *format = NULL;
  CommandOption options[] = {
    { "year", &year_text, NULL },
    { "township", &township, NULL },
    { "format", &format, NULL },
  };
  gboolean json = FALSE;
  guint64 year = 0;
  int status;

  status = parse_command_options (cli, 2, options, G_N_ELEMENTS (options), NULL);
  if (status != 0)
    return status;

  if (!parse_format (format, &json))
    return usage_error (_("Unknown format “%s”: use tsv or json."), format);
  if (year_text != NULL && !g_ascii_string_to_unsigned (year_text, 10, 1900, 2999, &year, NULL))
    return usage_error (_("“%s” is not a year."), year_text);

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!township_exists (store, township))
    return EXIT_FAILED;

  consultations = tx_store_list_consultations (store, (int) year, township, &error);
  if (consultations == NULL)
    return fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < consultations->len; i++)
        {
          json_builder_begin_object (builder);
          build_consultation_summary (builder, g_ptr_array_index (consultations, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else
    {
      print_tsv_row ("uuid", "title", "township", "starts", "current_stage", NULL);
      for (guint i = 0; i < consultations->len; i++)
        {
          TxConsultation *consultation = g_ptr_array_index (consultations, i);
          const char *starts = tx_consultation_get_starts (consultation);

          print_tsv_row (tx_consultation_get_uuid (consultation),
                         tx_consultation_get_title (consultation),
                         tx_consultation_get_township_name (consultation),
                         starts ? starts : "",
                         tx_stage_to_key (tx_consultation_get_current_stage (consultation)), NULL);
        }
    }

  return EXIT_SUCCESS;
}

static void
build_outcome (JsonBuilder *builder,
               TxOutcome   *outcome)
{
  GPtrArray *supervisions = tx_outcome_get_supervisions (outcome);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, tx_outcome_get_uuid (outcome));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, tx_outcome_get_title (outcome));
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, tx_outcome_get_content (outcome));
  json_builder_set_member_name (builder, "submitted_to");
  json_builder_add_string_value (builder, tx_outcome_get_submitted_to (outcome));
  add_string_or_null (builder, "submitted", tx_outcome_get_submitted (outcome));
  json_builder_set_member_name (builder, "feedback");
  if (tx_outcome_has_feedback (outcome))
    {
      json_builder_begin_object (builder);
      add_string_or_null (builder, "due", tx_outcome_get_feedback_due (outcome));
      add_string_or_null (builder, "received", tx_outcome_get_feedback_received (outcome));
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, tx_outcome_get_feedback_text (outcome));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "adoption");
  json_builder_add_string_value (builder, tx_adoption_to_key (tx_outcome_get_adoption (outcome)));
  json_builder_set_member_name (builder, "progress");
  if (tx_outcome_get_progress (outcome) >= 0)
    json_builder_add_int_value (builder, tx_outcome_get_progress (outcome));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "supervision");
  json_builder_begin_array (builder);
  for (guint i = 0; i < supervisions->len; i++)
    {
      TxSupervision *supervision = g_ptr_array_index (supervisions, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "phase");
      json_builder_add_string_value (builder, tx_supervision_phase_to_key (supervision->phase));
      add_string_or_null (builder, "date", supervision->date);
      json_builder_set_member_name (builder, "by");
      json_builder_add_string_value (builder, supervision->by ? supervision->by : "");
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, supervision->note ? supervision->note : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static JsonNode *
consultation_to_json (TxConsultation *consultation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GPtrArray *participants = tx_consultation_get_participants (consultation);
  GPtrArray *speeches = tx_consultation_get_speeches (consultation);
  GPtrArray *outcomes = tx_consultation_get_outcomes (consultation);

  json_builder_begin_object (builder);
  build_consultation_summary (builder, consultation);
  json_builder_set_member_name (builder, "research");
  json_builder_add_string_value (builder, tx_consultation_get_research (consultation));

  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < TX_N_STAGES; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, tx_stage_to_key ((TxStage) i));
      add_string_or_null (builder, "due", tx_consultation_get_stage_due (consultation, i));
      add_string_or_null (builder, "done", tx_consultation_get_stage_done (consultation, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "participants");
  json_builder_begin_array (builder);
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "person");
      json_builder_add_string_value (builder, participant->person_uuid);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, participant->name);
      json_builder_set_member_name (builder, "categories");
      json_builder_begin_array (builder);
      for (guint c = 0; c < participant->categories->len; c++)
        json_builder_add_string_value (builder, tx_category_to_key (g_array_index (participant->categories, TxCategory, c)));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, tx_role_to_key (participant->role));
      json_builder_set_member_name (builder, "invited");
      json_builder_add_boolean_value (builder, participant->invited);
      json_builder_set_member_name (builder, "attended");
      if (participant->attended < 0)
        json_builder_add_null_value (builder);
      else
        json_builder_add_boolean_value (builder, participant->attended == 1);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "minutes");
  if (tx_consultation_has_minutes (consultation))
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "recorder");
      json_builder_add_string_value (builder, tx_consultation_get_recorder (consultation));
      json_builder_set_member_name (builder, "agenda");
      json_builder_add_string_value (builder, tx_consultation_get_agenda (consultation));
      json_builder_set_member_name (builder, "speeches");
      json_builder_begin_array (builder);
      for (guint i = 0; i < speeches->len; i++)
        {
          TxSpeech *speech = g_ptr_array_index (speeches, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "speaker");
          json_builder_add_string_value (builder, speech->speaker);
          json_builder_set_member_name (builder, "summary");
          json_builder_add_string_value (builder, speech->summary);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "consensus");
      json_builder_add_string_value (builder, tx_consultation_get_consensus (consultation));
      json_builder_set_member_name (builder, "next_steps");
      json_builder_add_string_value (builder, tx_consultation_get_next_steps (consultation));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "outcomes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < outcomes->len; i++)
    build_outcome (builder, g_ptr_array_index (outcomes, i));
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_consultation (TxConsultation *consultation)
{
  GPtrArray *participants = tx_consultation_get_participants (consultation);
  GPtrArray *outcomes = tx_consultation_get_outcomes (consultation);
  g_autofree char *date = tx_consultation_dup_date_label (consultation);

  g_print ("%s\n", tx_consultation_get_title (consultation));
  g_print (_("Township: %s\n"), tx_consultation_get_township_name (consultation));
  g_print (_("Topic: %s, %s\n"),
           tx_topic_source_get_label (tx_consultation_get_topic_source (consultation)),
           tx_orientation_get_label (tx_consultation_get_orientation (consultation)));
  g_print (_("Meeting: %s, %s (%s)\n"), date,
           tx_consultation_get_venue (consultation),
           tx_platform_get_label (tx_consultation_get_platform (consultation)));
  g_print (_("Current stage: %s\n"), tx_stage_get_label (tx_consultation_get_current_stage (consultation)));

  g_print ("\n%s\n", _("Stages:"));
  for (guint i = 0; i < TX_N_STAGES; i++)
    {
      const char *due = tx_consultation_get_stage_due (consultation, i);
      const char *done = tx_consultation_get_stage_done (consultation, i);

      g_print ("  %s\t", tx_stage_get_label (i));
      g_print (_("due %s"), due ? due : "—");
      g_print ("\t");
      if (done != NULL)
        g_print (_("done %s"), done);
      else
        g_print ("%s", _("not done"));
      g_print ("\n");
    }

  g_print ("\n%s\n", _("Participants:"));
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);
      const char *attendance = participant->attended < 0 ? "" :
                               participant->attended ? _("present") : _("absent");

      g_print ("  %s\t%s\t%s\n", participant->name, tx_role_get_label (participant->role), attendance);
    }

  g_print ("\n%s\n", _("Recommendations:"));
  for (guint i = 0; i < outcomes->len; i++)
    {
      TxOutcome *outcome = g_ptr_array_index (outcomes, i);

      g_print ("  %s\t%s\n", tx_outcome_get_title (outcome),
               tx_adoption_get_label (tx_outcome_get_adoption (outcome)));
    }
}

static int
cmd_consultation_show (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autofree char *format = NULL;
  CommandOption options[] = { { "format", &format, NULL } };
  gboolean json = FALSE;
  int status;

  status = parse_command_options (cli, 2, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 1)
    return usage_error (_("“consultation show” needs one consultation, by its id or exact title."));
  if (!parse_format (format, &json) && g_strcmp0 (format, "text") != 0)
    return usage_error (_("Unknown format “%s”: use text or json."), format);

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  consultation = tx_store_load_consultation (store, g_ptr_array_index (positional, 0), &error);
  if (consultation == NULL)
    return fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonNode) root = consultation_to_json (consultation);
      print_json (root);
    }
  else
    print_consultation (consultation);

  return EXIT_SUCCESS;
}

static gboolean
setting_is (TxStore    *store,
            const char *key,
            const char *value)
{
  g_autofree char *current = tx_store_get_setting (store, key);

  return g_strcmp0 (current, value) == 0;
}

static int
cmd_signin_sheet (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TxTableDocument) doc = NULL;
  g_autofree char *order = NULL;
  g_autofree char *blank_text = NULL;
  g_autofree char *blank_setting = NULL;
  CommandOption options[] = {
    { "order", &order, NULL },
    { "blank-rows", &blank_text, NULL },
  };
  GPtrArray *participants;
  gboolean by_strokes;
  guint64 blank_rows = 5;
  const char *out;
  int status;

  status = parse_command_options (cli, 1, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 2)
    return usage_error (_("“signin-sheet” needs a consultation and the PDF to write: tongxin-cli signin-sheet CONSULTATION OUT.pdf"));
  out = g_ptr_array_index (positional, 1);
  if (!g_str_has_suffix (out, ".pdf") && !g_str_has_suffix (out, ".PDF"))
    return usage_error (_("“%s” must end in .pdf."), out);
  if (order != NULL && !g_str_equal (order, "category") && !g_str_equal (order, "strokes"))
    return usage_error (_("Unknown order “%s”: use category or strokes."), order);
  if (blank_text != NULL && !g_ascii_string_to_unsigned (blank_text, 10, 0, 100, &blank_rows, NULL))
    return usage_error (_("“%s” is not a number of blank rows (0 to 100)."), blank_text);

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  consultation = tx_store_load_consultation (store, g_ptr_array_index (positional, 0), &error);
  if (consultation == NULL)
    return fail ("%s", error->message);

  participants = tx_consultation_get_participants (consultation);
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);
      TxPerson *person = tx_roster_find_person (store, participant->person_uuid, NULL);

      if (person != NULL)
        g_ptr_array_add (people, person);
    }

  by_strokes = order != NULL ? g_str_equal (order, "strokes") : setting_is (store, "signin-order", "strokes");
  blank_setting = tx_store_get_setting (store, "signin-blank-rows");
  if (blank_text == NULL && blank_setting != NULL)
    g_ascii_string_to_unsigned (blank_setting, 10, 0, 100, &blank_rows, NULL);

  doc = tx_signin_document_new (consultation, people, by_strokes, (guint) blank_rows,
                                setting_is (store, "print-full-phones", "true"));
  if (!tx_table_document_write_pdf (doc, out, &error))
    return fail ("%s", error->message);

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u page written to %s\n", "%u pages written to %s\n",
                        tx_table_document_get_n_pages (doc)),
           tx_table_document_get_n_pages (doc), out);
  return EXIT_SUCCESS;
}

static int
cmd_minutes (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(TxOdtDocument) doc = NULL;
  g_autofree char *lower = NULL;
  const char *out;

  if (cli->n_args != 3)
    return usage_error (_("“minutes” needs a consultation and the ODT to write: tongxin-cli minutes CONSULTATION OUT.odt"));
  out = cli->args[2];
  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, ".odt"))
    return usage_error (_("“%s” must end in .odt."), out);

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  consultation = tx_store_load_consultation (store, cli->args[1], &error);
  if (consultation == NULL)
    return fail ("%s", error->message);

  doc = tx_minutes_document_new (consultation);
  if (!tx_odt_document_save (doc, out, &error))
    return fail ("%s", error->message);

  g_print (_("Minutes written to %s\n"), out);
  return EXIT_SUCCESS;
}

static int
cmd_calendar_export (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autofree char *year_text = NULL;
  g_autofree char *township = NULL;
  CommandOption options[] = {
    { "year", &year_text, NULL },
    { "township", &township, NULL },
  };
  guint64 year = 0;
  guint n_events = 0;
  int status;

  status = parse_command_options (cli, 2, options, G_N_ELEMENTS (options), files);
  if (status != 0)
    return status;
  if (files->len != 1)
    return usage_error (_("“calendar export” needs the file to write: tongxin-cli calendar export OUT.ics"));
  if (!g_str_has_suffix (g_ptr_array_index (files, 0), ".ics"))
    return usage_error (_("“%s” must end in .ics."), (const char *) g_ptr_array_index (files, 0));
  if (year_text != NULL && !g_ascii_string_to_unsigned (year_text, 10, 1900, 2999, &year, NULL))
    return usage_error (_("“%s” is not a year."), year_text);

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!township_exists (store, township))
    return EXIT_FAILED;

  if (!tx_calendar_export (store, (int) year, township, g_ptr_array_index (files, 0), &n_events, &error))
    return fail ("%s", error->message);

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u event written to %s\n", "%u events written to %s\n", n_events),
           n_events, (const char *) g_ptr_array_index (files, 0));
  return EXIT_SUCCESS;
}

static const char * const rule_keys[] = { "stage_overdue", "feedback_waiting", "plan_behind" };

/* --year and --quarter, defaulting to the quarter of --today */
static int
parse_quarter (Cli        *cli,
               const char *year_text,
               const char *quarter_text,
               int        *year,
               int        *quarter)
{
  char today[16];
  guint64 value;

  g_date_strftime (today, sizeof today, "%Y-%m-%d", &cli->today);
  tx_ledger_quarter_of (today, year, quarter);

  if (year_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (year_text, 10, 1900, 2999, &value, NULL))
        return usage_error (_("“%s” is not a year."), year_text);
      *year = (int) value;
      if (quarter_text == NULL)
        *quarter = *year < g_date_get_year (&cli->today) ? 4 : *quarter;
    }
  if (quarter_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (quarter_text, 10, 1, 4, &value, NULL))
        return usage_error (_("“%s” is not a quarter: use 1, 2, 3 or 4."), quarter_text);
      *quarter = (int) value;
    }

  return 0;
}

/* The options of the ledger and the metrics: --year, --quarter,
 * --township, --format. */
typedef struct {
  char     *year_text;
  char     *quarter_text;
  char     *township;
  char     *format;
  gboolean  json;
  int       year;
  int       quarter;
} Period;

static void
period_clear (Period *period)
{
  g_clear_pointer (&period->year_text, g_free);
  g_clear_pointer (&period->quarter_text, g_free);
  g_clear_pointer (&period->township, g_free);
  g_clear_pointer (&period->format, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Period, period_clear)

static int
parse_period (Cli    *cli,
              Period *period)
{
  CommandOption options[] = {
    { "year", &period->year_text, NULL },
    { "quarter", &period->quarter_text, NULL },
    { "township", &period->township, NULL },
    { "format", &period->format, NULL },
  };
  int status;

  status = parse_command_options (cli, 1, options, G_N_ELEMENTS (options), NULL);
  if (status == 0 && !parse_format (period->format, &period->json))
    status = usage_error (_("Unknown format “%s”: use tsv or json."), period->format);
  if (status == 0)
    status = parse_quarter (cli, period->year_text, period->quarter_text, &period->year, &period->quarter);

  return status;
}

static int
cmd_ledger (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  g_autofree char *issued_on = NULL;
  g_auto(Period) period = { 0, };
  const char *township;
  char today[16];
  gboolean json;
  int year, quarter;
  int status;

  status = parse_period (cli, &period);
  if (status != 0)
    return status;
  township = period.township;
  json = period.json;
  year = period.year;
  quarter = period.quarter;

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!township_exists (store, township))
    return EXIT_FAILED;

  g_date_strftime (today, sizeof today, "%Y-%m-%d", &cli->today);
  /* a quarter issued in a circular keeps the ledger it was issued with */
  ledger = tx_ledger_load_frozen (store, year, quarter, &issued_on, NULL, &error);
  if (ledger == NULL && error == NULL)
    ledger = tx_ledger_compute (store, year, quarter, today, &error);
  if (ledger == NULL)
    return fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < ledger->entries->len; i++)
        {
          TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

          if (township != NULL && !g_str_equal (township, entry->township_name) &&
              !g_str_equal (township, entry->township_uuid))
            continue;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, entry->township_name);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, entry->township_uuid);
          json_builder_set_member_name (builder, "year");
          json_builder_add_int_value (builder, ledger->year);
          json_builder_set_member_name (builder, "quarter");
          json_builder_add_int_value (builder, ledger->quarter);
          json_builder_set_member_name (builder, "as_of");
          json_builder_add_string_value (builder, ledger->as_of);
          json_builder_set_member_name (builder, "issued");
          if (issued_on != NULL)
            json_builder_add_string_value (builder, issued_on);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "color");
          json_builder_add_string_value (builder, tx_color_to_key (entry->color));
          json_builder_set_member_name (builder, "planned");
          if (entry->planned >= 0)
            json_builder_add_int_value (builder, entry->planned);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "held");
          json_builder_add_int_value (builder, entry->held);
          json_builder_set_member_name (builder, "expected");
          json_builder_add_int_value (builder, entry->expected);
          json_builder_set_member_name (builder, "reasons");
          json_builder_begin_array (builder);
          for (guint h = 0; h < entry->hits->len; h++)
            {
              TxLedgerHit *hit = g_ptr_array_index (entry->hits, h);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "rule");
              json_builder_add_string_value (builder, rule_keys[hit->rule]);
              json_builder_set_member_name (builder, "color");
              json_builder_add_string_value (builder, tx_color_to_key (hit->color));
              json_builder_set_member_name (builder, "kind");
              json_builder_add_string_value (builder, hit->kind);
              json_builder_set_member_name (builder, "uuid");
              json_builder_add_string_value (builder, hit->uuid);
              json_builder_set_member_name (builder, "title");
              json_builder_add_string_value (builder, hit->title);
              if (hit->rule == TX_RULE_STAGE_OVERDUE)
                {
                  json_builder_set_member_name (builder, "stage");
                  json_builder_add_string_value (builder, tx_stage_to_key (hit->stage));
                }
              if (hit->consultation_uuid != NULL)
                {
                  json_builder_set_member_name (builder, "consultation");
                  json_builder_add_string_value (builder, hit->consultation_uuid);
                }
              json_builder_set_member_name (builder, hit->rule == TX_RULE_PLAN_BEHIND ? "behind" : "days");
              json_builder_add_int_value (builder, hit->days);
              json_builder_set_member_name (builder, "text");
              json_builder_add_string_value (builder, hit->text);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else
    {
      print_tsv_row ("township", "color", "reasons", NULL);
      for (guint i = 0; i < ledger->entries->len; i++)
        {
          TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);
          g_autoptr(GString) reasons = g_string_new (NULL);

          if (township != NULL && !g_str_equal (township, entry->township_name) &&
              !g_str_equal (township, entry->township_uuid))
            continue;

          for (guint h = 0; h < entry->hits->len; h++)
            g_string_append_printf (reasons, "%s%s", h ? " " : "",
                                    ((TxLedgerHit *) g_ptr_array_index (entry->hits, h))->text);
          print_tsv_row (entry->township_name, tx_color_to_key (entry->color), reasons->str, NULL);
        }
    }

  return EXIT_SUCCESS;
}

static void
add_rate (JsonBuilder *builder,
          const char  *name,
          double       value)
{
  json_builder_set_member_name (builder, name);
  if (value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
build_metrics (JsonBuilder     *builder,
               const TxMetrics *metrics)
{
  json_builder_begin_object (builder);
  if (metrics->township_name != NULL)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, metrics->township_name);
    }
  json_builder_set_member_name (builder, "submitted");
  json_builder_add_int_value (builder, metrics->submitted);
  json_builder_set_member_name (builder, "feedback_received");
  json_builder_add_int_value (builder, metrics->answered);
  add_rate (builder, "feedback_rate", tx_metrics_feedback_rate (metrics));
  json_builder_set_member_name (builder, "adopted");
  json_builder_add_int_value (builder, metrics->adopted);
  json_builder_set_member_name (builder, "supervised_all_phases");
  json_builder_add_int_value (builder, metrics->supervised);
  add_rate (builder, "supervision_coverage", tx_metrics_supervision_coverage (metrics));
  json_builder_set_member_name (builder, "implemented");
  json_builder_add_int_value (builder, metrics->implemented);
  add_rate (builder, "implementation_rate", tx_metrics_implementation_rate (metrics));
  json_builder_end_object (builder);
}

static char *
format_rate (double value)
{
  return value < 0 ? g_strdup ("—") : g_strdup_printf ("%.0f%%", value * 100);
}

static void
print_metrics_row (const char      *name,
                   const TxMetrics *metrics)
{
  g_autofree char *feedback = format_rate (tx_metrics_feedback_rate (metrics));
  g_autofree char *supervision = format_rate (tx_metrics_supervision_coverage (metrics));
  g_autofree char *implementation = format_rate (tx_metrics_implementation_rate (metrics));
  g_autofree char *submitted = g_strdup_printf ("%u", metrics->submitted);
  g_autofree char *answered = g_strdup_printf ("%u", metrics->answered);
  g_autofree char *adopted = g_strdup_printf ("%u", metrics->adopted);
  g_autofree char *supervised = g_strdup_printf ("%u", metrics->supervised);
  g_autofree char *implemented = g_strdup_printf ("%u", metrics->implemented);

  print_tsv_row (name, submitted, answered, feedback, adopted, supervised, supervision,
                 implemented, implementation, NULL);
}

static int
cmd_metrics (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(TxMetrics) total = NULL;
  g_auto(Period) period = { 0, };
  const char *township;
  char today[16];
  gboolean json;
  int year, quarter;
  int status;

  status = parse_period (cli, &period);
  if (status != 0)
    return status;
  township = period.township;
  json = period.json;
  year = period.year;
  quarter = period.quarter;
  /* without --quarter, the whole year */
  if (period.quarter_text == NULL)
    quarter = 0;

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!township_exists (store, township))
    return EXIT_FAILED;

  g_date_strftime (today, sizeof today, "%Y-%m-%d", &cli->today);
  metrics = tx_metrics_compute (store, year, quarter, today, &total, &error);
  if (metrics == NULL)
    return fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, year);
      json_builder_set_member_name (builder, "quarter");
      if (quarter > 0)
        json_builder_add_int_value (builder, quarter);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "townships");
      json_builder_begin_array (builder);
      for (guint i = 0; i < metrics->len; i++)
        {
          TxMetrics *m = g_ptr_array_index (metrics, i);

          if (township == NULL || g_str_equal (township, m->township_name) || g_str_equal (township, m->township_uuid))
            build_metrics (builder, m);
        }
      json_builder_end_array (builder);
      if (township == NULL)
        {
          json_builder_set_member_name (builder, "total");
          build_metrics (builder, total);
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else
    {
      print_tsv_row ("township", "submitted", "feedback_received", "feedback_rate", "adopted",
                     "supervised_all_phases", "supervision_coverage", "implemented", "implementation_rate", NULL);
      for (guint i = 0; i < metrics->len; i++)
        {
          TxMetrics *m = g_ptr_array_index (metrics, i);

          if (township == NULL || g_str_equal (township, m->township_name) || g_str_equal (township, m->township_uuid))
            print_metrics_row (m->township_name, m);
        }
      if (township == NULL)
        print_metrics_row (_("all"), total);
    }

  return EXIT_SUCCESS;
}

static int
cmd_chart (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxChartData) data = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autofree char *year_text = NULL;
  g_autofree char *lower = NULL;
  CommandOption options[] = { { "year", &year_text, NULL } };
  TxChartKind kind;
  char today[16];
  guint64 year;
  const char *out;
  int status;

  status = parse_command_options (cli, 1, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 2)
    return usage_error (_("“chart” needs a chart and the file to write: tongxin-cli chart ledger|plan|stages|adoption OUT.png"));
  if (!tx_chart_kind_from_name (g_ptr_array_index (positional, 0), &kind))
    return usage_error (_("Unknown chart “%s”: use ledger, plan, stages or adoption."),
                        (const char *) g_ptr_array_index (positional, 0));
  out = g_ptr_array_index (positional, 1);
  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg") && !g_str_has_suffix (lower, ".pdf"))
    return usage_error (_("“%s” must end in .png, .svg or .pdf."), out);
  year = g_date_get_year (&cli->today);
  if (year_text != NULL && !g_ascii_string_to_unsigned (year_text, 10, 1900, 2999, &year, NULL))
    return usage_error (_("“%s” is not a year."), year_text);

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  g_date_strftime (today, sizeof today, "%Y-%m-%d", &cli->today);
  data = tx_chart_data_from_store (store, kind, (int) year, today, &error);
  if (data == NULL || !tx_chart_write (data, out, &error))
    return fail ("%s", error->message);

  g_print (_("Chart written to %s\n"), out);
  return EXIT_SUCCESS;
}

static int
cmd_circular (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(TxMetrics) total = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(TxOdtDocument) doc = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *quarter_text = NULL;
  g_autofree char *suggestions_file = NULL;
  g_autofree char *suggestions = NULL;
  g_autofree char *issued_on = NULL;
  g_autofree char *organization = NULL;
  g_autofree char *lower = NULL;
  CommandOption options[] = {
    { "year", &year_text, NULL },
    { "quarter", &quarter_text, NULL },
    { "suggestions", &suggestions_file, NULL },
  };
  char today[16];
  const char *out;
  int year, quarter;
  int status;

  status = parse_command_options (cli, 1, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (year_text == NULL || quarter_text == NULL || positional->len != 1)
    return usage_error (_("“circular” needs the year, the quarter and the ODT to write: tongxin-cli circular --year Y --quarter Q OUT.odt"));
  status = parse_quarter (cli, year_text, quarter_text, &year, &quarter);
  if (status != 0)
    return status;
  out = g_ptr_array_index (positional, 0);
  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, ".odt"))
    return usage_error (_("“%s” must end in .odt."), out);
  if (suggestions_file != NULL && !g_file_get_contents (suggestions_file, &suggestions, NULL, &error))
    return fail (_("Could not read “%s”: %s"), suggestions_file, error->message);

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  g_date_strftime (today, sizeof today, "%Y-%m-%d", &cli->today);
  organization = tx_store_get_setting (store, "organization");

  /* issued once: the ledger is frozen as it was then */
  {
    g_autofree char *frozen_suggestions = NULL;

    ledger = tx_ledger_load_frozen (store, year, quarter, &issued_on, &frozen_suggestions, &error);
    if (ledger == NULL && error != NULL)
      return fail ("%s", error->message);
    if (ledger == NULL)
      {
        ledger = tx_ledger_compute (store, year, quarter, today, &error);
        if (ledger == NULL)
          return fail ("%s", error->message);
        issued_on = g_strdup (today);
      }
    if (suggestions == NULL)
      suggestions = frozen_suggestions != NULL && frozen_suggestions[0] != '\0'
                    ? g_steal_pointer (&frozen_suggestions)
                    : tx_circular_draft_suggestions (ledger);
  }

  if (!tx_ledger_freeze (store, ledger, issued_on, organization, suggestions, &error))
    return fail ("%s", error->message);

  metrics = tx_metrics_compute (store, year, 0, ledger->as_of, &total, &error);
  if (metrics == NULL)
    return fail ("%s", error->message);

  /* the chart of the year, this quarter as issued, later ones empty */
  png = tx_circular_chart_png (store, ledger, &error);
  if (png == NULL)
    return fail ("%s", error->message);

  doc = tx_circular_document_new (ledger, total, organization, issued_on, suggestions, png);
  if (!tx_odt_document_save (doc, out, &error))
    return fail ("%s", error->message);

  g_print (_("Circular written to %s\n"), out);
  return EXIT_SUCCESS;
}

static int
cmd_backup (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->n_args != 2)
    return usage_error (_("“backup” needs the file to write: tongxin-cli backup OUT.db"));

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_store_backup (store, cli->args[1], &error))
    return fail ("%s", error->message);

  g_print (_("Backup written to %s\n"), cli->args[1]);
  return EXIT_SUCCESS;
}

static int
cmd_restore (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->n_args != 2)
    return usage_error (_("“restore” needs the backup to read: tongxin-cli restore IN.db"));

  store = open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_store_restore (store, cli->args[1], &error))
    return fail ("%s", error->message);

  g_print (_("Restored from %s; the data it replaced are in %s.before-restore\n"), cli->args[1], cli->db_path);
  return EXIT_SUCCESS;
}

static int
cmd_check (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  if (cli->n_args != 1)
    return usage_error (_("“check” takes no arguments."));

  store = open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  problems = tx_store_check (store, &error);
  if (problems == NULL)
    return fail ("%s", error->message);

  if (problems->len > 0)
    {
      fail (g_dngettext (GETTEXT_PACKAGE, "The database has %u problem. Restore a backup, or ask for help.",
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

static const Command commands[] = {
  { "init", "", N_("create the database if absent"), TRUE, cmd_init },
  { "demo", "", N_("add the sample data, with dates moved to today"), TRUE, cmd_demo },
  { "roster list", "[--search TEXT] [--category KEY] [--township NAME] [--order pinyin|strokes] [--format tsv|json]",
    N_("list the people of the roster"), FALSE, cmd_roster_list },
  { "roster import", "FILE.csv [--dry-run]",
    N_("add or update people from a CSV file (UTF-8 or GB18030; all or nothing)"), TRUE, cmd_roster_import },
  { "roster export", "FILE.csv|FILE.xlsx [--search TEXT] [--category KEY] [--township NAME] [--order pinyin|strokes]",
    N_("write the roster as a spreadsheet that the import reads back"), FALSE, cmd_roster_export },
  { "roster print", "OUT.pdf [--search TEXT] [--category KEY] [--township NAME] [--order pinyin|strokes]",
    N_("print the roster to a PDF file (A4, phone numbers masked)"), FALSE, cmd_roster_print },
  { "consultation list", "[--year Y] [--township NAME] [--format tsv|json]",
    N_("list the consultations"), FALSE, cmd_consultation_list },
  { "consultation show", "CONSULTATION [--format json]",
    N_("show a consultation: stages, participants and outcomes"), FALSE, cmd_consultation_show },
  { "calendar export", "OUT.ics [--year Y] [--township NAME]",
    N_("write meetings and stage deadlines as a calendar file (Asia/Shanghai time)"), FALSE, cmd_calendar_export },
  { "signin-sheet", "CONSULTATION OUT.pdf [--order category|strokes] [--blank-rows N]",
    N_("print the sign-in sheet of a meeting to a PDF file"), FALSE, cmd_signin_sheet },
  { "minutes", "CONSULTATION OUT.odt",
    N_("write the minutes of a meeting as an ODT document (LibreOffice, WPS)"), FALSE, cmd_minutes },
  { "ledger", "[--year Y --quarter Q] [--township NAME] [--format tsv|json]",
    N_("the red/yellow/green warning ledger, with the reasons behind every colour"), FALSE, cmd_ledger },
  { "metrics", "[--year Y] [--quarter Q] [--township NAME] [--format tsv|json]",
    N_("the three zeros: feedback rate, supervision coverage, implementation rate"), FALSE, cmd_metrics },
  { "circular", "--year Y --quarter Q OUT.odt [--suggestions FILE]",
    N_("write the quarterly circular as an ODT document; issuing it freezes that quarter's ledger"), FALSE, cmd_circular },
  { "chart", "ledger|plan|stages|adoption OUT.png|OUT.svg|OUT.pdf [--year Y]",
    N_("draw a chart of the dashboard to a file"), FALSE, cmd_chart },
  { "export", "OUT.xml", N_("write everything as an exchange file"), FALSE, cmd_export },
  { "backup", "OUT.db", N_("copy the whole database to a file"), FALSE, cmd_backup },
  { "restore", "IN.db", N_("replace the database with a backup (the data replaced are kept aside)"), TRUE, cmd_restore },
  { "check", "", N_("check that the database is sound"), FALSE, cmd_check },
  { "import", "IN.xml [--dry-run]", N_("merge an exchange file (all or nothing)"), TRUE, cmd_import },
};

static void
print_help (void)
{
  g_print ("%s\n", _("Usage: tongxin-cli [--db FILE] [--today YYYY-MM-DD] COMMAND [ARGS]"));
  g_print ("\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *head = g_strdup_printf ("%s %s", commands[i].name, commands[i].synopsis);

      g_print ("  %s\n      %s\n", g_strstrip (head), _(commands[i].summary));
    }
  g_print ("\n%s\n", _("Options:"));
  g_print ("  --db FILE            %s\n", _("the database (default: ~/.local/share/tongxin/tongxin.db)"));
  g_print ("  --today YYYY-MM-DD   %s\n", _("the date to work with (default: today)"));
  g_print ("\n%s\n", _("Exit status: 0 success, 1 the operation failed, 2 usage error."));
}

static const Command *
find_command (Cli *cli)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(GStrv) words = g_strsplit (commands[i].name, " ", -1);
      guint n_words = g_strv_length (words);
      gboolean match = (guint) cli->n_args >= n_words;

      for (guint w = 0; match && w < n_words; w++)
        match = g_str_equal (words[w], cli->args[w]);

      if (match)
        return &commands[i];
    }

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autofree char *db = NULL;
  g_autofree char *today = NULL;
  const Command *command;
  Cli cli = { 0, };

  setlocale (LC_ALL, "");
  /* TONGXIN_LOCALEDIR: the translations of an uninstalled build */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TONGXIN_LOCALEDIR") ? g_getenv ("TONGXIN_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The global options may come before or after the command. */
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "help"))
        {
          print_help ();
          return EXIT_SUCCESS;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("tongxin-cli %s\n", PACKAGE_VERSION);
          return EXIT_SUCCESS;
        }
      else if (g_str_equal (arg, "--db") || g_str_equal (arg, "--today"))
        {
          if (i + 1 >= argc)
            return usage_error (_("The option %s needs a value."), arg);
          g_free (arg[2] == 'd' ? db : today);
          if (arg[2] == 'd')
            db = g_strdup (argv[++i]);
          else
            today = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--db="))
        {
          g_free (db);
          db = g_strdup (arg + 5);
        }
      else if (g_str_has_prefix (arg, "--today="))
        {
          g_free (today);
          today = g_strdup (arg + 8);
        }
      else
        g_ptr_array_add (rest, argv[i]);
    }

  if (rest->len == 0)
    {
      print_help ();
      return EXIT_USAGE;
    }

  g_date_clear (&cli.today, 1);
  if (today != NULL)
    {
      int y, m, d;

      if (!tx_date_is_valid (today) || sscanf (today, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return usage_error (_("“%s” is not a date: write it as YYYY-MM-DD, e.g. 2026-11-27."), today);
      g_date_set_dmy (&cli.today, d, m, y);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&cli.today, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
    }

  if (db != NULL && db[0] == '\0')
    return usage_error (_("The option --db needs a file name."));

  cli.db_path = db != NULL ? g_strdup (db) : tx_store_get_default_path ();
  cli.args = (char **) rest->pdata;
  cli.n_args = rest->len;

  command = find_command (&cli);
  if (command == NULL)
    {
      int status = usage_error (_("Unknown command “%s”."), cli.args[0]);
      g_free (cli.db_path);
      return status;
    }

  {
    int status = command->func (&cli);

    g_free (cli.db_path);
    return status;
  }
}
