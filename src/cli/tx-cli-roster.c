/* tx-cli-roster.c — tongxin-cli's roster commands: roster import,
 * list, export and print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-cli-private.h"
#include "tx-documents.h"
#include "tx-roster-document.h"
#include "tx-activity.h"
#include "tx-roster-export.h"
#include "tx-roster-import.h"
#include "tx-roster.h"
#include "tx-vocabulary.h"

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
  json_builder_set_member_name (builder, "post_since");
  if (tx_person_get_post_since (person)[0] != '\0')
    json_builder_add_string_value (builder, tx_person_get_post_since (person));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "last_training");
  if (tx_person_get_last_training (person) != NULL)
    json_builder_add_string_value (builder, tx_person_get_last_training (person));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

int
tx_cli_cmd_roster_import (Cli *cli)
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

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), files);
  if (status != 0)
    return status;
  if (files->len != 1)
    return tx_cli_usage_error (_("“roster import” needs one CSV file: tongxin-cli roster import FILE.csv"));

  store = tx_cli_open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILED;

  /* a dry run only reads; otherwise the file is written as it is read,
   * and nothing is when a line has a problem */
  if (dry_run)
    import = tx_roster_import_read (store, g_ptr_array_index (files, 0), &error);
  else
    import = tx_roster_import_run (store, g_ptr_array_index (files, 0), &error);
  if (import == NULL)
    return tx_cli_fail (_("Nothing was imported. %s"), error->message);

  problems = tx_roster_import_get_problems (import);
  townships = tx_roster_import_get_new_townships (import);

  if (problems->len > 0)
    {
      g_autofree char *name = g_path_get_basename (g_ptr_array_index (files, 0));

      tx_cli_fail (g_dngettext (GETTEXT_PACKAGE,
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

/* The filter of the roster commands, and @extra options of one of
 * them; the store is opened only when they are right, and not at all
 * without @store. */
static int
parse_person_filter_with (Cli                 *cli,
                          int                  first,
                          TxPersonFilter      *filter,
                          GPtrArray           *positional,
                          char               **format,
                          const CommandOption *extra,
                          guint                n_extra,
                          TxStore            **store)
{
  g_autofree char *category = NULL;
  g_autofree char *order = NULL;
  CommandOption common[] = {
    { "search", &filter->search, NULL },
    { "category", &category, NULL },
    { "township", &filter->township, NULL },
    { "order", &order, NULL },
    { "format", format, NULL },
  };
  g_autoptr(GArray) options = g_array_new (FALSE, FALSE, sizeof (CommandOption));
  int status;

  g_array_append_vals (options, common, format != NULL ? G_N_ELEMENTS (common) : G_N_ELEMENTS (common) - 1);
  g_array_append_vals (options, extra, n_extra);
  status = tx_cli_parse_command_options (cli, first, (CommandOption *) options->data, options->len, positional);
  if (status != 0)
    return status;

  if (format != NULL && *format != NULL)
    {
      gboolean json;

      if (!tx_cli_parse_format (*format, &json))
        return tx_cli_usage_error (_("Unknown format “%s”: use tsv or json."), *format);
    }
  if (category != NULL)
    {
      if (!tx_category_parse (category, &filter->category))
        return tx_cli_usage_error (_("Unknown category “%s”. Use a key such as cppcc_member or a label such as 政协委员."), category);
      filter->has_category = TRUE;
    }
  if (order != NULL && !tx_order_from_key (order, &filter->order))
    return tx_cli_usage_error (_("Unknown order “%s”: use pinyin or strokes."), order);

  if (store == NULL)
    return 0;

  *store = tx_cli_open_store (cli, FALSE);
  if (*store == NULL)
    return EXIT_FAILED;

  if (!tx_cli_township_exists (*store, filter->township))
    return EXIT_FAILED;

  return 0;
}

static int
parse_person_filter (Cli            *cli,
                     int             first,
                     TxPersonFilter *filter,
                     GPtrArray      *positional,
                     char          **format,
                     TxStore       **store)
{
  return parse_person_filter_with (cli, first, filter, positional, format, NULL, 0, store);
}

int
tx_cli_cmd_roster_list (Cli *cli)
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
    tx_cli_parse_format (format, &json);
  if (status == 0)
    {
      /* trainings are had on their day */
      filter.today = cli->today;
      people = tx_roster_query (store, &filter, &error);
      if (people == NULL)
        status = tx_cli_fail ("%s", error->message);
    }
  tx_person_filter_clear (&filter);
  if (status != 0)
    return status;

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array;

      array = json_array_sized_new (people->len);
      for (guint i = 0; i < people->len; i++)
        {
          TxPerson *person = g_ptr_array_index (people, i);

          json_array_add_element (array, person_to_json (person));
        }
      json_node_take_array (root, array);
      tx_cli_print_json (root);
    }
  else
    {
      tx_cli_print_tsv_row ("uuid", "name", "gender", "ethnicity", "township", "village", "categories",
                            "organization", "title", "phone", NULL);
      for (guint i = 0; i < people->len; i++)
        {
          TxPerson *person = g_ptr_array_index (people, i);
          g_autoptr(GString) keys = g_string_new (NULL);

          for (guint c = 0; c < tx_person_get_n_categories (person); c++)
            g_string_append_printf (keys, "%s%s", c ? "," : "",
                                    tx_category_to_key (tx_person_get_category (person, c)));

          tx_cli_print_tsv_row (tx_person_get_uuid (person), tx_person_get_name (person),
                                tx_gender_to_key (tx_person_get_gender (person)),
                                tx_person_get_ethnicity (person), tx_person_get_township_name (person),
                                tx_person_get_village (person), keys->str,
                                tx_person_get_organization (person), tx_person_get_title (person),
                                tx_person_get_phone (person), NULL);
        }
    }

  return EXIT_SUCCESS;
}

int
tx_cli_cmd_roster_export (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  TxPersonFilter filter = { 0, };
  TxRosterExportReport report = { 0, 0 };
  g_autofree char *lower = NULL;
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
      return tx_cli_usage_error (_("“roster export” needs the file to write: FILE.csv or FILE.xlsx"));
    }

  lower = g_ascii_strdown (g_ptr_array_index (files, 0), -1);
  if (!g_str_has_suffix (lower, ".csv") && !g_str_has_suffix (lower, ".xlsx"))
    {
      tx_person_filter_clear (&filter);
      return tx_cli_usage_error (_("“%s” must end in .csv or .xlsx."), (const char *) g_ptr_array_index (files, 0));
    }

  if (!tx_roster_export_report (store, &filter, g_ptr_array_index (files, 0), &report, &error))
    {
      tx_person_filter_clear (&filter);
      return tx_cli_fail ("%s", error->message);
    }

  tx_person_filter_clear (&filter);
  /* written, but not all of it as it is: said, never silent */
  if (report.n_cut > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "tongxin-cli: warning: %u cell was longer than Excel allows (32,767 characters); it was cut and ends in “%s”.\n",
                             "tongxin-cli: warning: %u cells were longer than Excel allows (32,767 characters); they were cut and end in “%s”.\n",
                             report.n_cut),
                report.n_cut, tx_roster_export_get_cut_mark ());
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u person written to %s\n", "%u people written to %s\n", report.n_people),
           report.n_people, (const char *) g_ptr_array_index (files, 0));
  return EXIT_SUCCESS;
}

/* --columns, --landscape and --orientation of roster print, checked
 * before anything is read. */
static int
parse_print_layout (const char           *columns_text,
                    gboolean              landscape,
                    const char           *orientation,
                    GArray              **columns,
                    TxRosterPrintOptions *layout)
{
  g_autoptr(GError) error = NULL;

  if (orientation != NULL && !g_str_equal (orientation, "portrait") && !g_str_equal (orientation, "landscape"))
    return tx_cli_usage_error (_("Unknown orientation “%s”: use portrait or landscape."), orientation);
  if (orientation != NULL && landscape && g_str_equal (orientation, "portrait"))
    return tx_cli_usage_error (_("--landscape and --orientation portrait contradict each other: give one of them."));
  layout->landscape = landscape || (orientation != NULL && g_str_equal (orientation, "landscape"));

  if (columns_text != NULL)
    {
      *columns = tx_roster_columns_parse (columns_text, &error);
      if (*columns == NULL)
        return tx_cli_usage_error ("%s", error->message);
      layout->columns = (const TxRosterColumn *) (*columns)->data;
      layout->n_columns = (*columns)->len;
    }

  return 0;
}

int
tx_cli_cmd_roster_print (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GArray) columns = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *columns_text = NULL;
  g_autofree char *orientation = NULL;
  gboolean landscape = FALSE;
  guint n_pages = 0;
  const CommandOption extra[] = {
    { "columns", &columns_text, NULL },
    { "orientation", &orientation, NULL },
    { "landscape", NULL, &landscape },
  };
  TxRosterPrintOptions layout = { 0, };
  TxPersonFilter filter = { 0, };
  int status;

  status = parse_person_filter_with (cli, 2, &filter, files, NULL, extra, G_N_ELEMENTS (extra), NULL);
  if (status == 0 && files->len != 1)
    status = tx_cli_usage_error (_("“roster print” needs the PDF file to write: tongxin-cli roster print OUT.pdf"));
  if (status == 0)
    {
      lower = g_ascii_strdown (g_ptr_array_index (files, 0), -1);
      if (!g_str_has_suffix (lower, ".pdf"))
        status = tx_cli_usage_error (_("“%s” must end in .pdf."), (const char *) g_ptr_array_index (files, 0));
    }
  if (status == 0)
    status = parse_print_layout (columns_text, landscape, orientation, &columns, &layout);
  if (status == 0)
    {
      store = tx_cli_open_store (cli, FALSE);
      if (store == NULL)
        status = EXIT_FAILED;
      else if (!tx_cli_township_exists (store, filter.township))
        status = EXIT_FAILED;
    }
  if (status == 0)
    {
      n_pages = tx_documents_write_roster (store, &filter, &layout, cli->today, g_ptr_array_index (files, 0), &error);
      if (n_pages == 0)
        status = tx_cli_fail ("%s", error->message);
    }
  tx_person_filter_clear (&filter);
  if (status != 0)
    return status;

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u page written to %s\n", "%u pages written to %s\n", n_pages),
           n_pages, (const char *) g_ptr_array_index (files, 0));
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_roster_untrained (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) untrained = NULL;
  g_autofree char *days_text = NULL, *township = NULL, *format = NULL;
  CommandOption options[] = {
    { "days", &days_text, NULL },
    { "township", &township, NULL },
    { "format", &format, NULL },
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean json = FALSE;
  guint64 days = 0;
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), NULL);
  if (status != 0)
    return status;
  if (!tx_cli_parse_format (format, &json))
    return tx_cli_usage_error (_("Unknown format “%s”: use tsv or json."), format);
  if (days_text != NULL && !g_ascii_string_to_unsigned (days_text, 10, 1, 3650, &days, NULL))
    return tx_cli_usage_error (_("“%s” is not a number of days from 1 to 3650."), days_text);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  if (!tx_cli_township_exists (store, township))
    return EXIT_FAILED;
  if (days_text == NULL)
    days = tx_settings_get_training_days (tx_store_get_settings (store));

  untrained = tx_activity_list_untrained (store, cli->today, (int) days, &error);
  if (untrained == NULL)
    return tx_cli_fail ("%s", error->message);

  if (json)
    json_builder_begin_array (builder);
  else
    tx_cli_print_tsv_row ("uuid", "name", "township", "post", "post_since", "days_in_post", "last_training", NULL);
  for (guint i = 0; i < untrained->len; i++)
    {
      TxUntrained *one = g_ptr_array_index (untrained, i);
      g_autofree char *since = one->post_since != TX_DATE_NONE ? tx_date_to_iso (one->post_since) : NULL;
      g_autofree char *last = one->last_training != TX_DATE_NONE ? tx_date_to_iso (one->last_training) : NULL;
      g_autofree char *in_post = one->days_in_post >= 0 ? g_strdup_printf ("%d", one->days_in_post) : NULL;

      if (township != NULL && g_strcmp0 (one->township_name, township) != 0)
        continue;
      if (!json)
        {
          tx_cli_print_tsv_row (one->person_uuid, one->name, one->township_name ? one->township_name : "",
                                tx_category_to_key (one->post), since ? since : "", in_post ? in_post : "",
                                last ? last : "", NULL);
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, one->person_uuid);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, one->name);
      json_builder_set_member_name (builder, "township");
      json_builder_add_string_value (builder, one->township_name);
      json_builder_set_member_name (builder, "post");
      json_builder_add_string_value (builder, tx_category_to_key (one->post));
      json_builder_set_member_name (builder, "post_since");
      json_builder_add_string_value (builder, since);
      json_builder_set_member_name (builder, "days_in_post");
      if (one->days_in_post >= 0)
        json_builder_add_int_value (builder, one->days_in_post);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "last_training");
      json_builder_add_string_value (builder, last);
      json_builder_set_member_name (builder, "reason");
      {
        g_autofree char *reason = tx_untrained_describe (one, (int) days);

        json_builder_add_string_value (builder, reason);
      }
      json_builder_end_object (builder);
    }
  if (json)
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      tx_cli_print_json (root);
    }

  return EXIT_SUCCESS;
}

/* roster delete PERSON, roster restore PERSON */
static int
delete_or_restore (Cli      *cli,
                   gboolean  restore)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxPerson) person = NULL;
  g_autofree char *uuid = NULL;

  if (cli->n_args != 3)
    return tx_cli_usage_error (restore
                               ? _("“roster restore” needs one person taken off the roster: tongxin-cli roster restore PERSON")
                               : _("“roster delete” needs one person: tongxin-cli roster delete PERSON"));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  uuid = restore ? tx_roster_resolve_deleted_person (store, cli->args[2], &error)
                 : tx_roster_resolve_person (store, cli->args[2], &error);
  if (uuid == NULL)
    return tx_cli_fail ("%s", error->message);
  /* the one on the roster: before taking them off, after bringing them back */
  if (!restore)
    person = tx_roster_find_person (store, uuid, &error);
  if ((!restore && person == NULL) ||
      !(restore ? tx_roster_restore_person (store, uuid, &error) : tx_roster_delete_person (store, uuid, &error)))
    return tx_cli_fail ("%s", error->message);
  if (restore)
    person = tx_roster_find_person (store, uuid, &error);
  if (person == NULL)
    return tx_cli_fail ("%s", error->message);

  if (restore)
    g_print (_("%s is on the roster again\n"), tx_person_get_name (person));
  else
    g_print (_("%s is taken off the roster (tongxin-cli roster restore %s brings them back)\n"),
             tx_person_get_name (person), uuid);
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_roster_delete (Cli *cli)
{
  return delete_or_restore (cli, FALSE);
}

int
tx_cli_cmd_roster_restore (Cli *cli)
{
  return delete_or_restore (cli, TRUE);
}
