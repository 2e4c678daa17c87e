/* tx-cli-attachment.c — tongxin-cli's attachments: photos, scans and
 * office files kept with a consultation, a recommendation or an activity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tx-attachment.h"
#include "tx-cli-private.h"
#include "tx-file.h"
#include "tx-vocabulary.h"

/* A kind by its key (photo) or its Chinese name (现场照片) */
static gboolean
parse_kind (const char       *text,
            TxAttachmentKind *kind)
{
  static const char * const chinese[] = { "现场照片", "签到表扫描件", "反馈函", "调研报告", "其他" };

  if (tx_attachment_kind_from_key (text, kind))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (chinese); i++)
    if (g_str_equal (text, chinese[i]) || g_str_equal (text, tx_attachment_kind_get_label (i)))
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

int
tx_cli_cmd_attachment_add (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(TxAttachment) attachment = NULL;
  g_autofree char *kind_text = NULL, *caption = NULL;
  g_autofree char *record_kind = NULL, *record_uuid = NULL, *title = NULL;
  CommandOption options[] = {
    { "kind", &kind_text, NULL },
    { "caption", &caption, NULL },
  };
  TxAttachmentKind kind = TX_ATTACHMENT_OTHER;
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 2)
    return tx_cli_usage_error (_("“attachment add” needs a record and a file: tongxin-cli attachment add RECORD FILE [--kind K] [--caption C]"));
  if (kind_text != NULL && !parse_kind (kind_text, &kind))
    return tx_cli_usage_error (_("Unknown kind of attachment “%s”: use photo (现场照片), signin_scan (签到表扫描件), feedback_letter (反馈函), research_report (调研报告) or other (其他)."),
                               kind_text);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  if (!tx_attachment_resolve_record (store, g_ptr_array_index (positional, 0), &record_kind, &record_uuid, &title, &error))
    return tx_cli_fail ("%s", error->message);

  attachment = tx_attachment_add (store, record_kind, record_uuid, g_ptr_array_index (positional, 1), kind, caption, &error);
  if (attachment == NULL)
    return tx_cli_fail ("%s", error->message);

  g_print (_("Attached “%s” to “%s”: %s\n"), attachment->file_name, title, attachment->uuid);
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_attachment_list (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GPtrArray) attachments = NULL;
  g_autofree char *format = NULL;
  g_autofree char *record_kind = NULL, *record_uuid = NULL;
  CommandOption options[] = {
    { "format", &format, NULL },
  };
  gboolean json = FALSE;
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 1)
    return tx_cli_usage_error (_("“attachment list” needs a record: tongxin-cli attachment list RECORD"));
  if (!tx_cli_parse_format (format, &json))
    return tx_cli_usage_error (_("Unknown format “%s”: use tsv or json."), format);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  if (!tx_attachment_resolve_record (store, g_ptr_array_index (positional, 0), &record_kind, &record_uuid, NULL, &error))
    return tx_cli_fail ("%s", error->message);
  attachments = tx_attachment_list (store, record_kind, record_uuid, &error);
  if (attachments == NULL)
    return tx_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < attachments->len; i++)
        {
          TxAttachment *attachment = g_ptr_array_index (attachments, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, attachment->uuid);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, tx_attachment_kind_to_key (attachment->kind));
          json_builder_set_member_name (builder, "caption");
          json_builder_add_string_value (builder, attachment->caption);
          json_builder_set_member_name (builder, "file_name");
          json_builder_add_string_value (builder, attachment->file_name);
          json_builder_set_member_name (builder, "media_type");
          json_builder_add_string_value (builder, attachment->media_type);
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, attachment->size);
          json_builder_set_member_name (builder, "sha256");
          json_builder_add_string_value (builder, attachment->sha256);
          json_builder_set_member_name (builder, "updated_at");
          json_builder_add_string_value (builder, attachment->updated_at);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      tx_cli_print_json (root);
      return EXIT_SUCCESS;
    }

  tx_cli_print_tsv_row ("uuid", "kind", "caption", "file_name", "media_type", "size", "sha256", NULL);
  for (guint i = 0; i < attachments->len; i++)
    {
      TxAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT, attachment->size);

      tx_cli_print_tsv_row (attachment->uuid, tx_attachment_kind_to_key (attachment->kind), attachment->caption,
                            attachment->file_name, attachment->media_type, size, attachment->sha256, NULL);
    }

  return EXIT_SUCCESS;
}

/* A name in @dir not taken yet: @file_name, else “name (2).jpg”… */
static char *
free_path (const char *dir,
           const char *file_name)
{
  g_autofree char *base = g_path_get_basename (file_name);
  const char *dot = strrchr (base, '.');
  g_autofree char *stem = dot != NULL && dot != base ? g_strndup (base, dot - base) : g_strdup (base);
  const char *extension = dot != NULL && dot != base ? dot : "";
  char *path = g_build_filename (dir, base, NULL);

  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *name = g_strdup_printf ("%s (%u)%s", stem, n, extension);

      g_free (path);
      path = g_build_filename (dir, name, NULL);
    }

  return path;
}

int
tx_cli_cmd_attachment_export (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *record_kind = NULL, *record_uuid = NULL;
  const char *dir;

  if (cli->n_args != 4)
    return tx_cli_usage_error (_("“attachment export” needs a record and a folder: tongxin-cli attachment export RECORD DIR"));
  dir = cli->args[3];

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  if (!tx_attachment_resolve_record (store, cli->args[2], &record_kind, &record_uuid, NULL, &error))
    return tx_cli_fail ("%s", error->message);
  attachments = tx_attachment_list (store, record_kind, record_uuid, &error);
  if (attachments == NULL)
    return tx_cli_fail ("%s", error->message);

  /* every one read and checked before any is written */
  for (guint i = 0; i < attachments->len; i++)
    {
      GBytes *bytes = tx_attachment_read (store, g_ptr_array_index (attachments, i), &error);

      if (bytes == NULL)
        return tx_cli_fail ("%s", error->message);
      g_ptr_array_add (contents, bytes);
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return tx_cli_fail (_("Could not make the folder “%s”: %s"), dir, g_strerror (errno));
  for (guint i = 0; i < attachments->len; i++)
    {
      TxAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *path = free_path (dir, attachment->file_name);
      gsize length;
      gconstpointer data = g_bytes_get_data (g_ptr_array_index (contents, i), &length);

      if (!tx_file_write_contents (path, data, length, &error))
        return tx_cli_fail ("%s", error->message);
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u attachment written to %s\n", "%u attachments written to %s\n",
                        attachments->len),
           attachments->len, dir);
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_attachment_edit (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autofree char *kind_text = NULL, *caption = NULL;
  CommandOption options[] = {
    { "kind", &kind_text, NULL },
    { "caption", &caption, NULL },
  };
  TxAttachmentKind kind = TX_ATTACHMENT_OTHER;
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 1 || (kind_text == NULL && caption == NULL))
    return tx_cli_usage_error (_("“attachment edit” needs the id of an attachment and what to change: tongxin-cli attachment edit ID [--caption C] [--kind K]"));
  if (kind_text != NULL && !parse_kind (kind_text, &kind))
    return tx_cli_usage_error (_("Unknown kind of attachment “%s”: use photo (现场照片), signin_scan (签到表扫描件), feedback_letter (反馈函), research_report (调研报告) or other (其他)."),
                               kind_text);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  if (!tx_attachment_edit (store, g_ptr_array_index (positional, 0), caption, kind_text != NULL ? &kind : NULL, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (_("Changed the attachment %s\n"), (const char *) g_ptr_array_index (positional, 0));
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_attachment_restore (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->n_args != 3)
    return tx_cli_usage_error (_("“attachment restore” needs the id of a deleted attachment."));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  if (!tx_attachment_delete (store, cli->args[2], TRUE, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (_("Brought back the attachment %s\n"), cli->args[2]);
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_attachment_delete (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->n_args != 3)
    return tx_cli_usage_error (_("“attachment delete” needs the id of an attachment (tongxin-cli attachment list lists them)."));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  if (!tx_attachment_delete (store, cli->args[2], FALSE, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (_("Deleted the attachment %s\n"), cli->args[2]);
  return EXIT_SUCCESS;
}
