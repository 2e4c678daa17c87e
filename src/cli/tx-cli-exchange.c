/* tx-cli-exchange.c — tongxin-cli's commands of the exchange between
 * offices: import, export, peers, conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tx-backup.h"
#include "tx-cli-private.h"
#include "tx-conflict.h"
#include "tx-exchange.h"
#include "tx-office.h"
#include "tx-records.h"
#include "tx-settings.h"
#include "tx-store.h"

/* What one file of an import did */
typedef struct {
  const char      *path;
  gboolean         ok;
  char            *error;
  TxImportReport   report;
  GPtrArray       *conflicts;   /* TxConflict */
  GPtrArray       *townships;   /* names of those matched or kept apart */
  gboolean         imported;
} FileResult;

static void
file_result_clear (FileResult *result)
{
  g_clear_pointer (&result->error, g_free);
  g_clear_pointer (&result->conflicts, g_ptr_array_unref);
  g_clear_pointer (&result->townships, g_ptr_array_unref);
}

static void
add_conflict_json (JsonBuilder      *builder,
                   const TxConflict *conflict)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  if (conflict->id > 0)
    json_builder_add_int_value (builder, conflict->id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, conflict->kind);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, conflict->uuid);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, conflict->name);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, conflict->description);
  json_builder_set_member_name (builder, "peer");
  json_builder_add_string_value (builder, conflict->peer);
  json_builder_set_member_name (builder, "peer_name");
  json_builder_add_string_value (builder, conflict->peer_name);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, conflict->file);
  json_builder_set_member_name (builder, "found");
  json_builder_add_string_value (builder, conflict->found_at);
  json_builder_set_member_name (builder, "ours_updated");
  json_builder_add_string_value (builder, conflict->ours_updated);
  json_builder_set_member_name (builder, "ours_deleted");
  json_builder_add_boolean_value (builder, conflict->ours_deleted);
  json_builder_set_member_name (builder, "theirs_updated");
  json_builder_add_string_value (builder, conflict->theirs_updated);
  json_builder_set_member_name (builder, "theirs_deleted");
  json_builder_add_boolean_value (builder, conflict->theirs_deleted);
  json_builder_set_member_name (builder, "resolution");
  if (conflict->resolution != NULL)
    json_builder_add_string_value (builder, conflict->resolution);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static gboolean
write_report (const char  *path,
              gboolean     dry_run,
              FileResult  *results,
              guint        n_results,
              GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, dry_run);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_results; i++)
    {
      const FileResult *result = &results[i];
      const struct { const char *name; guint value; } counts[] = {
        { "added", result->report.inserted }, { "updated", result->report.updated },
        { "unchanged", result->report.unchanged }, { "rejected", result->report.rejected },
        { "deleted", result->report.deleted }, { "clamped", result->report.clamped },
        { "townships_matched", result->report.matched }, { "townships_kept_apart", result->report.renamed },
        { "other_townships_left_out", result->report.skipped },
        { "city_records_not_taken", result->report.refused },
      };

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, result->path);
      json_builder_set_member_name (builder, "imported");
      json_builder_add_boolean_value (builder, result->ok && result->error == NULL && !dry_run && result->imported);
      json_builder_set_member_name (builder, "error");
      if (result->error != NULL)
        json_builder_add_string_value (builder, result->error);
      else
        json_builder_add_null_value (builder);
      for (guint j = 0; j < G_N_ELEMENTS (counts); j++)
        {
          json_builder_set_member_name (builder, counts[j].name);
          json_builder_add_int_value (builder, counts[j].value);
        }
      json_builder_set_member_name (builder, "townships");
      json_builder_begin_array (builder);
      for (guint j = 0; result->townships != NULL && j < result->townships->len; j++)
        json_builder_add_string_value (builder, g_ptr_array_index (result->townships, j));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "conflicts");
      json_builder_begin_array (builder);
      for (guint j = 0; result->conflicts != NULL && j < result->conflicts->len; j++)
        add_conflict_json (builder, g_ptr_array_index (result->conflicts, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  return g_file_set_contents (path, text, -1, error);
}

static void
print_conflicts (GPtrArray *conflicts)
{
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      TxConflict *conflict = g_ptr_array_index (conflicts, i);

      if (conflict->id > 0)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, conflict->id);

          /* Translators: a conflict's number, what it is, and the office that sent it */
          g_print (_("  conflict %s: %s, changed here and by %s\n"), id, conflict->description, conflict->peer_name);
        }
      else
        g_print (_("  conflict: %s, changed here and by %s\n"), conflict->description, conflict->peer_name);
    }
}

/* The files of one import, and how far it went */
typedef struct {
  Cli        *cli;
  TxStore    *store;
  FileResult *results;
  guint       n_files;
  gboolean    keep_apart;
  gboolean    dry_run;
  gboolean    backed_up;
  guint       n_done;      /* files read without a fault */
} ImportRun;

static gboolean
import_one (ImportRun  *run,
            guint       i,
            gboolean    dry_run,
            GError    **error)
{
  FileResult *result = &run->results[i];
  TxImportOptions options = { 0, };
  g_autoptr(GError) local_error = NULL;

  options.dry_run = dry_run;
  options.today = run->cli->today;
  options.conflicts = result->conflicts;
  options.townships = result->townships;
  options.keep_townships_apart = run->keep_apart;
  options.backed_up = run->backed_up;
  options.in_caller_write = !dry_run && run->n_files > 1;
  result->ok = tx_exchange_import_file (run->store, result->path, &options, &result->report,
                                        &local_error);
  if (!result->ok)
    {
      result->error = g_strdup (local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* Every file in one write: the first one refused undoes those before */
static gboolean
import_all_cb (TxStore   *store,
               gpointer   user_data,
               GError   **error)
{
  ImportRun *run = user_data;

  for (run->n_done = 0; run->n_done < run->n_files; run->n_done++)
    if (!import_one (run, run->n_done, FALSE, error))
      return FALSE;

  return TRUE;
}

/*
 * import FILE… [--dry-run] [--report OUT.json]: merges each file, in
 * turn, each read once.  Several files are written together, after one
 * backup: when any is refused, none is imported, and the files after
 * it are checked too, so that the report says of each whether it is
 * right and why not.
 */
int
tx_cli_cmd_import (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autofree char *report_path = NULL;
  g_autofree FileResult *results = NULL;
  gboolean dry_run = FALSE;
  gboolean keep_apart = FALSE;
  CommandOption command_options[] = { { "dry-run", NULL, &dry_run }, { "report", &report_path, NULL },
                                      { "keep-townships-apart", NULL, &keep_apart } };
  ImportRun run = { cli, NULL, NULL, 0, FALSE, FALSE, FALSE, 0 };
  guint n_refused = 0;
  int status;

  status = tx_cli_parse_command_options (cli, 1, command_options, G_N_ELEMENTS (command_options), files);
  if (status != 0)
    return status;
  if (files->len == 0)
    return tx_cli_usage_error (_("“import” needs one exchange file or more: tongxin-cli import IN.xml…"));

  store = tx_cli_open_store (cli, TRUE);
  if (store == NULL)
    return EXIT_FAILED;
  run.store = store;

  results = g_new0 (FileResult, files->len);
  for (guint i = 0; i < files->len; i++)
    {
      results[i].path = g_ptr_array_index (files, i);
      results[i].conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_conflict_free);
      results[i].townships = g_ptr_array_new_with_free_func (g_free);
    }
  run.results = results;
  run.n_files = files->len;
  run.keep_apart = keep_apart;

  if (dry_run || files->len == 1)
    {
      /* one file is imported all or nothing by itself */
      for (guint i = 0; i < files->len; i++)
        if (!import_one (&run, i, dry_run, NULL))
          n_refused++;
      results[0].imported = !dry_run && n_refused == 0;
    }
  else
    {
      g_autoptr(GError) error = NULL;
      TxBackup *undecided = NULL;
      gboolean written;
      gboolean empty = !tx_store_holds_records (store);

      /* one backup before them all (of a database that holds records:
       * one that holds none has nothing to keep), not one before each */
      if (!tx_backup_take_before_change (store, TX_BACKUP_BEFORE_IMPORT, cli->today, &undecided, &error))
        return tx_cli_fail (_("Nothing was imported: the database could not be backed up first. %s"), error->message);
      run.backed_up = TRUE;

      written = empty ? tx_store_write_filling (store, import_all_cb, &run, &error)
                      : tx_store_write (store, import_all_cb, &run, &error);
      /* nothing imported leaves no backup */
      tx_backup_settle (store, undecided, written);
      if (written)
        for (guint i = 0; i < files->len; i++)
          results[i].imported = TRUE;
      else
        {
          n_refused = 1;
          if (run.n_done < files->len && results[run.n_done].error == NULL)
            {
              /* the write failed, not a file: said once, as for one file */
              results[run.n_done].ok = FALSE;
              results[run.n_done].error = g_strdup (error->message);
            }
          /* undone: those before were right (their conflicts are
           * not kept), those after are checked */
          for (guint i = 0; i < run.n_done; i++)
            g_ptr_array_set_size (results[i].conflicts, 0);
          for (guint i = run.n_done + 1; i < files->len; i++)
            if (!import_one (&run, i, TRUE, NULL))
              n_refused++;
        }
    }

  for (guint i = 0; i < files->len; i++)
    {
      FileResult *result = &results[i];

      if (result->error != NULL && files->len == 1)
        tx_cli_fail (_("Nothing was imported. %s"), result->error);
      else if (result->error != NULL)
        tx_cli_fail (_("%s was not imported. %s"), result->path, result->error);
      else if (result->ok)
        {
          g_autofree char *summary = tx_import_report_to_string (&result->report);

          if (files->len > 1)
            g_print ("%s: %s\n", result->path, summary);
          else
            g_print ("%s\n", summary);
          print_conflicts (result->conflicts);
        }
    }

  if (report_path != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!write_report (report_path, dry_run, results, files->len, &error))
        tx_cli_fail (_("Could not write the report %s: %s"), report_path, error->message);
    }

  for (guint i = 0; i < files->len; i++)
    file_result_clear (&results[i]);

  if (n_refused > 0)
    {
      if (files->len > 1)
        tx_cli_fail (_("Nothing was imported: correct or leave out the files above, then import them again."));
      return EXIT_FAILED;
    }

  return EXIT_SUCCESS;
}

/* export [--township NAME] [--since-last] [--issue] OUT: every record,
 * or one township's; everything, or what changed since the last file;
 * or what the city sends its townships (下发) */
int
tx_cli_cmd_export (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(TxTownship) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *township = NULL;
  gboolean since_last = FALSE;
  gboolean issue = FALSE;
  CommandOption options[] = { { "township", &township, NULL }, { "since-last", NULL, &since_last },
                              { "issue", NULL, &issue } };
  TxExportOptions export = { NULL, FALSE, FALSE };
  int status;

  status = tx_cli_parse_command_options (cli, 1, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 1)
    return tx_cli_usage_error (_("“export” needs the file to write: tongxin-cli export OUT.xml"));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (township != NULL)
    {
      found = tx_store_find_township (store, township, &error);
      if (found == NULL)
        return tx_cli_fail ("%s", error->message);
    }

  if (issue && township != NULL)
    return tx_cli_usage_error (_("“export --issue” writes what the city sends every township: it takes no --township."));
  if (issue && g_strcmp0 (tx_settings_get_office_kind (tx_store_get_settings (store)), "city") != 0)
    return tx_cli_fail (_("Only the city office issues plans, thresholds and circulars: set it with “tongxin-cli config set office-kind city” if this database is the city office's."));

  export.township = found != NULL ? tx_township_get_uuid (found) : NULL;
  export.since_last = since_last;
  export.issue = issue;
  if (!tx_exchange_export_with (store, &export, g_ptr_array_index (positional, 0), &error))
    return tx_cli_fail ("%s", error->message);

  return EXIT_SUCCESS;
}

/* peers [--format tsv|json]: the offices whose exchange files were
 * imported here, with when the last one was written and imported */
int
tx_cli_cmd_peers (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) peers = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;

  status = tx_cli_parse_list_format (cli, 1, &json);
  if (status != 0)
    return status;

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  peers = tx_office_list_peers (store, &error);
  if (peers == NULL)
    return tx_cli_fail (_("Could not read the offices files came from: %s"), error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < peers->len; i++)
        {
          TxPeer *peer = g_ptr_array_index (peers, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, peer->uuid);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, peer->name);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, peer->kind);
          json_builder_set_member_name (builder, "exported");
          json_builder_add_string_value (builder, peer->exported);
          json_builder_set_member_name (builder, "received");
          json_builder_add_string_value (builder, peer->received_at);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      tx_cli_print_json (root);
    }
  else
    {
      tx_cli_print_tsv_row ("name", "kind", "exported", "received", "uuid", NULL);
      for (guint i = 0; i < peers->len; i++)
        {
          TxPeer *peer = g_ptr_array_index (peers, i);

          tx_cli_print_tsv_row (peer->name, peer->kind, peer->exported, peer->received_at, peer->uuid, NULL);
        }
    }

  return EXIT_SUCCESS;
}

/* What a file written here holds: "issue" (the city's 下发), "changes"
 * since an earlier one, or "everything" */
static const char *
sent_what (const TxSent *sent)
{
  if (sent->township != NULL && sent->township[0] == '\0')
    return "issue";
  return sent->since != NULL ? "changes" : "everything";
}

int
tx_cli_cmd_sent (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status;

  status = tx_cli_parse_list_format (cli, 1, &json);
  if (status != 0)
    return status;

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  sent = tx_office_list_sent (store, 0, &error);
  if (sent == NULL)
    return tx_cli_fail (_("Could not read the exchange files written here: %s"), error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < sent->len; i++)
        {
          TxSent *one = g_ptr_array_index (sent, i);
          const char *township = one->township != NULL && one->township[0] != '\0' ? one->township_name : NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "written");
          json_builder_add_string_value (builder, one->written_at);
          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, one->file);
          json_builder_set_member_name (builder, "township");
          if (township != NULL)
            json_builder_add_string_value (builder, township);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "what");
          json_builder_add_string_value (builder, sent_what (one));
          json_builder_set_member_name (builder, "since");
          if (one->since != NULL)
            json_builder_add_string_value (builder, one->since);
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
      tx_cli_print_tsv_row ("written", "file", "township", "what", "since", NULL);
      for (guint i = 0; i < sent->len; i++)
        {
          TxSent *one = g_ptr_array_index (sent, i);
          const char *township = one->township != NULL && one->township[0] != '\0' ? one->township_name : NULL;

          tx_cli_print_tsv_row (one->written_at, one->file, township != NULL ? township : "", sent_what (one),
                                one->since != NULL ? one->since : "", NULL);
        }
    }

  return EXIT_SUCCESS;
}

/* The number of a conflict, from the command line */
static gboolean
parse_conflict_id (const char *text,
                   gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

/* conflicts list [--all] [--format tsv|json]: the conflicts still to
 * decide (with --all, the decided ones too) */
int
tx_cli_cmd_conflicts_list (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  gboolean all = FALSE;
  CommandOption options[] = { { "format", &format, NULL }, { "all", NULL, &all } };
  gboolean json = FALSE;
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 0)
    return tx_cli_usage_error (_("“conflicts list” takes no arguments: tongxin-cli conflicts list [--all] [--format tsv|json]"));
  if (format != NULL && !tx_cli_parse_format (format, &json))
    return tx_cli_usage_error (_("Unknown format “%s”: use tsv or json."), format);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  conflicts = tx_conflict_list (store, !all, &error);
  if (conflicts == NULL)
    return tx_cli_fail (_("Could not read the conflicts: %s"), error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < conflicts->len; i++)
        add_conflict_json (builder, g_ptr_array_index (conflicts, i));
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      tx_cli_print_json (root);
      return EXIT_SUCCESS;
    }

  tx_cli_print_tsv_row ("id", "kind", "description", "from", "file", "ours", "theirs", "resolution", "uuid", NULL);
  for (guint i = 0; i < conflicts->len; i++)
    {
      TxConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, conflict->id);

      tx_cli_print_tsv_row (id, conflict->kind, conflict->description, conflict->peer_name, conflict->file,
                            conflict->ours_deleted ? "deleted" : "changed",
                            conflict->theirs_deleted ? "deleted" : "changed",
                            conflict->resolution != NULL ? conflict->resolution : "", conflict->uuid, NULL);
    }

  return EXIT_SUCCESS;
}

/* conflicts show ID [--format tsv|json]: the two versions, field by field */
int
tx_cli_cmd_conflicts_show (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(TxConflict) conflict = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  CommandOption options[] = { { "format", &format, NULL } };
  gboolean json = FALSE;
  gint64 id;
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 1 || !parse_conflict_id (g_ptr_array_index (positional, 0), &id))
    return tx_cli_usage_error (_("“conflicts show” needs the number of a conflict: tongxin-cli conflicts show ID"));
  if (format != NULL && !tx_cli_parse_format (format, &json))
    return tx_cli_usage_error (_("Unknown format “%s”: use tsv or json."), format);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  conflict = tx_conflict_get (store, id, &error);
  if (conflict != NULL)
    fields = tx_conflict_compare (store, conflict, &error);
  if (fields == NULL)
    return tx_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < fields->len; i++)
        {
          TxConflictField *field = g_ptr_array_index (fields, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "field");
          json_builder_add_string_value (builder, field->label);
          json_builder_set_member_name (builder, "ours");
          json_builder_add_string_value (builder, field->ours);
          json_builder_set_member_name (builder, "theirs");
          json_builder_add_string_value (builder, field->theirs);
          json_builder_set_member_name (builder, "differs");
          json_builder_add_boolean_value (builder, field->differs);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      tx_cli_print_json (root);
      return EXIT_SUCCESS;
    }

  g_print ("%s\n", conflict->description);
  tx_cli_print_tsv_row ("field", "ours", "theirs", "differs", NULL);
  for (guint i = 0; i < fields->len; i++)
    {
      TxConflictField *field = g_ptr_array_index (fields, i);

      tx_cli_print_tsv_row (field->label, field->ours, field->theirs, field->differs ? "*" : "", NULL);
    }

  return EXIT_SUCCESS;
}

/* conflicts resolve ID ours|theirs */
int
tx_cli_cmd_conflicts_resolve (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  TxConflictChoice choice;
  gint64 id;

  if (cli->n_args != 4 || !parse_conflict_id (cli->args[2], &id) ||
      !tx_conflict_choice_from_key (cli->args[3], &choice))
    return tx_cli_usage_error (_("“conflicts resolve” needs the number of a conflict and ours or theirs: tongxin-cli conflicts resolve ID ours|theirs"));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  conflict = tx_conflict_get (store, id, &error);
  if (conflict == NULL || !tx_conflict_resolve (store, id, choice, cli->today, &error))
    return tx_cli_fail (_("The conflict was not decided: %s"), error->message);

  if (choice == TX_CONFLICT_KEEP_OURS)
    g_print (_("Kept the version here of %s.\n"), conflict->description);
  else
    g_print (_("Took the version of %s from %s.\n"), conflict->description, conflict->peer_name);

  return EXIT_SUCCESS;
}
