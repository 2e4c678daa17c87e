/* tx-attachment.c — photos, scans and office files kept with a record
 *
 * A consultation, a recommendation or an activity keeps its evidence
 * for the 台账: photos of the meeting (JPEG, PNG), the signed sign-in
 * sheet and the feedback letter scanned (PDF), reports as office files.
 * The bytes are kept inside the database (attachment_data), so that a
 * backup and a restore carry them, with the SHA-256 of the bytes: an
 * attachment whose bytes changed, or went, is said damaged when read
 * and by tongxin-cli check.  A file is told by its first bytes, not by
 * its name alone: a renamed file of another kind is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-attachment"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tx-attachment.h"
#include "tx-digest.h"
#include "tx-vocabulary.h"

void
tx_attachment_free (TxAttachment *attachment)
{
  if (attachment == NULL)
    return;

  g_free (attachment->uuid);
  g_free (attachment->record_kind);
  g_free (attachment->record_uuid);
  g_free (attachment->caption);
  g_free (attachment->file_name);
  g_free (attachment->media_type);
  g_free (attachment->sha256);
  g_free (attachment->updated_at);
  g_free (attachment);
}

/**
 * tx_attachment_resolve_record:
 * @uuid_or_title: a consultation's, a recommendation's or an activity's
 *   id or exact title
 * @record_kind: (out): "consultation", "outcome" or "activity"
 * @record_uuid: (out): its id
 * @title: (out) (optional): its title
 *
 * Finds the one record attachments are kept with.  Several of the
 * title are refused, with where to find their ids.
 */
gboolean
tx_attachment_resolve_record (TxStore     *store,
                              const char  *uuid_or_title,
                              char       **record_kind,
                              char       **record_uuid,
                              char       **title,
                              GError     **error)
{
  g_autofree char *kind = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *found_title = NULL;
  guint matches = 0;
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (store,
                           "SELECT 'consultation', uuid, title FROM consultation "
                           "  WHERE (uuid = ?1 OR title = ?1) AND deleted_at IS NULL "
                           "UNION ALL SELECT 'outcome', uuid, title FROM outcome "
                           "  WHERE (uuid = ?1 OR title = ?1) AND deleted_at IS NULL "
                           "UNION ALL SELECT 'activity', uuid, title FROM activity "
                           "  WHERE (uuid = ?1 OR title = ?1) AND deleted_at IS NULL",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid_or_title, -1, SQLITE_TRANSIENT);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gboolean by_uuid = g_strcmp0 (tx_column_text (stmt, 1), uuid_or_title) == 0;

      if (kind == NULL || by_uuid)
        {
          g_free (kind);
          g_free (uuid);
          g_free (found_title);
          kind = g_strdup (tx_column_text (stmt, 0));
          uuid = g_strdup (tx_column_text (stmt, 1));
          found_title = g_strdup (tx_column_text (stmt, 2));
        }
      matches++;
      if (by_uuid)
        {
          matches = 1;
          break;
        }
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return FALSE;

  if (kind == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("There is no consultation, recommendation or activity “%s”. Give its exact title or its id."),
                   uuid_or_title);
      return FALSE;
    }
  if (matches > 1)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_AMBIGUOUS,
                   _("%u records are called “%s”: give the id of the one you mean."), matches, uuid_or_title);
      return FALSE;
    }

  *record_kind = g_steal_pointer (&kind);
  *record_uuid = g_steal_pointer (&uuid);
  if (title != NULL)
    *title = g_steal_pointer (&found_title);
  return TRUE;
}

/* The kinds of files kept, told by their first bytes */
static const char *
media_type_of (const guint8 *data,
               gsize         length,
               const char   *file_name)
{
  static const char * const office_zip[] = { ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", NULL };
  static const char * const office_ole[] = { ".doc", ".xls", ".ppt", ".wps", ".et", ".dps", NULL };
  g_autofree char *lower = g_ascii_strdown (file_name, -1);
  const char *dot = strrchr (lower, '.');

  if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (length >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return "application/pdf";
  if (dot != NULL && length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0 && g_strv_contains (office_zip, dot))
    return g_str_equal (dot, ".docx") ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
         : g_str_equal (dot, ".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
         : g_str_equal (dot, ".pptx") ? "application/vnd.openxmlformats-officedocument.presentationml.presentation"
         : g_str_equal (dot, ".odt") ? "application/vnd.oasis.opendocument.text"
         : g_str_equal (dot, ".ods") ? "application/vnd.oasis.opendocument.spreadsheet"
         : "application/vnd.oasis.opendocument.presentation";
  if (dot != NULL && length >= 4 && memcmp (data, "\xd0\xcf\x11\xe0", 4) == 0 && g_strv_contains (office_ole, dot))
    return g_str_equal (dot, ".doc") || g_str_equal (dot, ".wps") ? "application/msword"
         : g_str_equal (dot, ".xls") || g_str_equal (dot, ".et") ? "application/vnd.ms-excel"
         : "application/vnd.ms-powerpoint";

  return NULL;
}

typedef struct {
  TxAttachment *attachment;
  GBytes       *bytes;
} Adding;

static gboolean
add_attachment (TxStore   *store,
                gpointer   user_data,
                GError   **error)
{
  Adding *adding = user_data;

  /* a new uuid: the row is added after the record's others */
  return tx_attachment_write_received (store, adding->attachment, adding->bytes, error);
}

/* In MB of 1024 × 1024 bytes, rounded up: a file just over the limit
 * never reads as the limit */
static char *
format_megabytes (gint64 size)
{
  return g_strdup_printf ("%.1f MB", ceil (size * 10 / (1024.0 * 1024.0)) / 10);
}

/**
 * tx_attachment_add:
 * @record_kind: "consultation", "outcome" or "activity"
 * @path: the file, read whole
 * @caption: (nullable): what it shows
 *
 * Keeps the file @path with the record, after the others.  A file over
 * %TX_ATTACHMENT_MAX_SIZE, empty, or not a photo, a PDF or an office
 * file is refused, saying what to do.
 *
 * Returns: (transfer full): the attachment, or %NULL with @error set
 */
TxAttachment *
tx_attachment_add (TxStore           *store,
                   const char        *record_kind,
                   const char        *record_uuid,
                   const char        *path,
                   TxAttachmentKind   kind,
                   const char        *caption,
                   GError           **error)
{
  g_autoptr(TxAttachment) attachment = g_new0 (TxAttachment, 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *display = g_filename_display_basename (path);
  g_autoptr(GError) local_error = NULL;
  const char *media_type;
  gsize length;
  const guint8 *data;
  Adding adding;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Could not read “%s”: there is no such file."), display);
      return NULL;
    }
  if (g_file_info_get_size (info) > TX_ATTACHMENT_MAX_SIZE)
    {
      g_autofree char *size = format_megabytes (g_file_info_get_size (info));
      g_autofree char *limit = format_megabytes (TX_ATTACHMENT_MAX_SIZE);

      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("“%s” is %s: an attachment may be at most %s. Scan it at a lower resolution, or save the photo smaller, and attach that."),
                   display, size, limit);
      return NULL;
    }

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read “%s”: %s"), display, local_error->message);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);
  media_type = length > 0 ? media_type_of (data, length, display) : NULL;
  if (media_type == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   length == 0 ? _("“%s” is empty: there is nothing to attach.")
                               : _("“%s” is not a photo (JPEG, PNG), a scan (PDF) or an office file (Word, Excel, WPS, OpenDocument): it cannot be attached."),
                   display);
      return NULL;
    }

  attachment->uuid = tx_uuid_new ();
  attachment->record_kind = g_strdup (record_kind);
  attachment->record_uuid = g_strdup (record_uuid);
  attachment->kind = kind;
  attachment->caption = g_strdup (caption != NULL ? caption : "");
  attachment->file_name = g_steal_pointer (&display);
  attachment->media_type = g_strdup (media_type);
  attachment->size = length;
  attachment->sha256 = tx_digest_hex_of_bytes (bytes);
  attachment->updated_at = tx_store_stamp_now (store);

  adding.attachment = attachment;
  adding.bytes = bytes;
  if (!tx_store_write (store, add_attachment, &adding, error))
    return NULL;

  return g_steal_pointer (&attachment);
}

/**
 * tx_attachment_check_bytes:
 * @bytes: (nullable): the file kept of @attachment
 *
 * Returns: (transfer full) (nullable): why @bytes are not the file
 *   @attachment was kept with, or %NULL when they are
 */
char *
tx_attachment_check_bytes (const TxAttachment *attachment,
                           GBytes             *bytes)
{
  g_autofree char *sha256 = NULL;

  if (bytes == NULL)
    return g_strdup (_("its file is missing from the database"));
  if ((gint64) g_bytes_get_size (bytes) != attachment->size)
    return g_strdup (_("its file is not the length it had"));
  sha256 = tx_digest_hex_of_bytes (bytes);
  if (g_strcmp0 (sha256, attachment->sha256) != 0)
    return g_strdup (_("its file's bytes changed since it was attached"));

  return NULL;
}

/**
 * tx_attachment_check_received:
 * @attachment: as another office sent it
 * @bytes: its file, as the exchange file held it
 *
 * Returns: (transfer full) (nullable): why @attachment cannot be kept
 *   (its file is not the one it says, or is of no kind kept), or %NULL
 */
char *
tx_attachment_check_received (const TxAttachment *attachment,
                              GBytes             *bytes)
{
  g_autofree char *sha256 = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  const char *media_type = length > 0 ? media_type_of (data, length, attachment->file_name) : NULL;

  if (attachment->size > TX_ATTACHMENT_MAX_SIZE)
    {
      g_autofree char *size = format_megabytes (attachment->size);
      g_autofree char *limit = format_megabytes (TX_ATTACHMENT_MAX_SIZE);

      /* Translators: an attachment's size, then the largest kept */
      return g_strdup_printf (_("its file is %s, and an attachment may be at most %s"), size, limit);
    }
  if ((gint64) length != attachment->size)
    {
      char has[24], sent[24];

      g_snprintf (has, sizeof has, "%" G_GSIZE_FORMAT, length);
      g_snprintf (sent, sizeof sent, "%" G_GINT64_FORMAT, attachment->size);
      /* Translators: an attachment's file in an exchange file; two numbers of bytes */
      return g_strdup_printf (_("its file is cut or damaged: it has %s bytes of the %s it was sent with"), has, sent);
    }
  sha256 = tx_digest_hex_of_bytes (bytes);
  if (g_strcmp0 (sha256, attachment->sha256) != 0)
    return g_strdup (_("its file was damaged on the way: its checksum is not the one it was sent with"));
  if (media_type == NULL || g_strcmp0 (media_type, attachment->media_type) != 0)
    return g_strdup (_("its file is not a photo, a scan or an office file of the kind it says"));

  return NULL;
}

/**
 * tx_attachment_write_received:
 * @attachment: as another office sent it, checked
 *   (tx_attachment_check_received()), or as it is added here
 * @bytes: its file
 *
 * Writes @attachment inside a write (an import's, or its adding), with
 * the time it was changed: a new one after the record's others, one
 * held here with what it has now (and brought back, if it was deleted
 * here).
 */
gboolean
tx_attachment_write_received (TxStore             *store,
                              const TxAttachment  *attachment,
                              GBytes              *bytes,
                              GError             **error)
{
  gsize length;
  gconstpointer data = g_bytes_get_data (bytes, &length);
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);

  stmt = tx_store_prepare (store,
                           "INSERT INTO attachment (uuid, record_kind, record_uuid, kind, caption, file_name, "
                           "  media_type, size, sha256, position, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                           "  (SELECT coalesce (max (position), -1) + 1 FROM attachment "
                           "   WHERE record_kind = ?2 AND record_uuid = ?3), ?10) "
                           "ON CONFLICT (uuid) DO UPDATE SET record_kind = ?2, record_uuid = ?3, kind = ?4, "
                           "  caption = ?5, file_name = ?6, media_type = ?7, size = ?8, sha256 = ?9, "
                           "  updated_at = ?10, deleted_at = NULL "
                           "RETURNING id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, attachment->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, attachment->record_kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, attachment->record_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, tx_attachment_kind_to_key (attachment->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, attachment->caption != NULL ? attachment->caption : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, attachment->file_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, attachment->media_type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, attachment->size);
  sqlite3_bind_text (stmt, 9, attachment->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, attachment->updated_at, -1, SQLITE_STATIC);
  if (tx_store_step (store, stmt, error) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = tx_store_prepare (store,
                           "INSERT INTO attachment_data (attachment_id, data) VALUES (?1, ?2) "
                           "ON CONFLICT (attachment_id) DO UPDATE SET data = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_blob64 (stmt, 2, data, length, SQLITE_STATIC);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  tx_store_emit_record_changed (store, "attachment", attachment->uuid);
  return TRUE;
}

#define ATTACHMENT_COLUMNS \
  "uuid, record_kind, record_uuid, kind, caption, file_name, media_type, size, sha256, updated_at"

static TxAttachment *
attachment_from_row (sqlite3_stmt *stmt)
{
  TxAttachment *attachment = g_new0 (TxAttachment, 1);

  attachment->uuid = g_strdup (tx_column_text (stmt, 0));
  attachment->record_kind = g_strdup (tx_column_text (stmt, 1));
  attachment->record_uuid = g_strdup (tx_column_text (stmt, 2));
  attachment->kind = TX_ATTACHMENT_OTHER;
  tx_attachment_kind_from_key (tx_column_text (stmt, 3), &attachment->kind);
  attachment->caption = g_strdup (tx_column_text (stmt, 4));
  attachment->file_name = g_strdup (tx_column_text (stmt, 5));
  attachment->media_type = g_strdup (tx_column_text (stmt, 6));
  attachment->size = sqlite3_column_int64 (stmt, 7);
  attachment->sha256 = g_strdup (tx_column_text (stmt, 8));
  attachment->updated_at = g_strdup (tx_column_text (stmt, 9));

  return attachment;
}

/**
 * tx_attachment_list:
 *
 * Returns: (transfer full) (element-type TxAttachment): the attachments
 *   of the record, in the order they were added
 */
GPtrArray *
tx_attachment_list (TxStore     *store,
                    const char  *record_kind,
                    const char  *record_uuid,
                    GError     **error)
{
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_attachment_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (store,
                           "SELECT " ATTACHMENT_COLUMNS " FROM attachment "
                           "WHERE record_kind = ? AND record_uuid = ? AND deleted_at IS NULL ORDER BY position, id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record_uuid, -1, SQLITE_TRANSIENT);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (attachments, attachment_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return NULL;

  return g_steal_pointer (&attachments);
}

/**
 * tx_attachment_read_unchecked:
 *
 * Returns: (transfer full) (nullable): the file kept of the attachment
 *   @uuid, as it is, not checked against its checksum (the caller does,
 *   with tx_attachment_check_bytes(), elsewhere than in the main
 *   thread); %NULL when there is none, or with @error set when it
 *   cannot be read
 */
GBytes *
tx_attachment_read_unchecked (TxStore     *store,
                              const char  *uuid,
                              GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store,
                                         "SELECT d.data FROM attachment a JOIN attachment_data d ON d.attachment_id = a.id "
                                         "WHERE a.uuid = ?", error);
  GBytes *bytes = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = tx_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);

  return bytes;
}

/**
 * tx_attachment_read:
 *
 * Returns: (transfer full): the bytes of @attachment, checked against
 *   its checksum; %NULL with @error set when they cannot be read or are
 *   damaged
 */
GBytes *
tx_attachment_read (TxStore             *store,
                    const TxAttachment  *attachment,
                    GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = tx_attachment_read_unchecked (store, attachment->uuid, &local_error);
  g_autofree char *why = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  why = tx_attachment_check_bytes (attachment, bytes);
  if (why != NULL)
    {
      /* Translators: an attachment's file name, then why it is damaged */
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("The attachment “%s” is damaged: %s. Restore a backup that holds it, or attach the file again."),
                   attachment->file_name, why);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

typedef struct {
  const char             *uuid;
  const char             *caption;
  const TxAttachmentKind *kind;
} Editing;

static gboolean
edit_attachment (TxStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  Editing *editing = user_data;
  g_autofree char *now = tx_store_stamp_now (store);
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store,
                           "UPDATE attachment SET caption = coalesce (?2, caption), kind = coalesce (?3, kind), "
                           "  updated_at = ?4 "
                           "WHERE uuid = ?1 AND deleted_at IS NULL "
                           "  AND (caption IS NOT coalesce (?2, caption) OR kind IS NOT coalesce (?3, kind))",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, editing->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, editing->caption, -1, SQLITE_STATIC);
  if (editing->kind != NULL)
    sqlite3_bind_text (stmt, 3, tx_attachment_kind_to_key (*editing->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (tx_store_get_db (store)) > 0)
    tx_store_emit_record_changed (store, "attachment", editing->uuid);

  return TRUE;
}

/**
 * tx_attachment_edit:
 * @caption: (nullable): what it shows now, or %NULL to keep it
 * @kind: (nullable): its kind now, or %NULL to keep it
 *
 * Changes the caption or the kind of the attachment of @uuid; one
 * unchanged keeps its stamp.
 */
gboolean
tx_attachment_edit (TxStore                 *store,
                    const char              *uuid,
                    const char              *caption,
                    const TxAttachmentKind  *kind,
                    GError                 **error)
{
  Editing editing = { uuid, caption, kind };
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);

  stmt = tx_store_prepare (store, "SELECT 1 FROM attachment WHERE uuid = ? AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  found = tx_store_step (store, stmt, NULL) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND, _("There is no attachment %s."), uuid);
      return FALSE;
    }

  return tx_store_write (store, edit_attachment, &editing, error);
}

typedef struct {
  const char *uuid;
  gboolean    restore;
} Deleting;

static gboolean
delete_attachment (TxStore   *store,
                   gpointer   user_data,
                   GError   **error)
{
  Deleting *deleting = user_data;
  g_autofree char *now = tx_store_stamp_now (store);
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store,
                           deleting->restore
                           ? "UPDATE attachment SET deleted_at = NULL, updated_at = ?2 WHERE uuid = ?1 AND deleted_at IS NOT NULL"
                           : "UPDATE attachment SET deleted_at = ?2, updated_at = ?2 WHERE uuid = ?1 AND deleted_at IS NULL",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, deleting->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (tx_store_get_db (store)) == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   deleting->restore ? _("There is no deleted attachment %s.") : _("There is no attachment %s."),
                   deleting->uuid);
      return FALSE;
    }

  tx_store_emit_record_changed (store, "attachment", deleting->uuid);
  return TRUE;
}

/**
 * tx_attachment_delete:
 * @restore: bring back the attachment deleted (an undo)
 *
 * Deletes the attachment of @uuid; its bytes are kept until restored.
 */
gboolean
tx_attachment_delete (TxStore     *store,
                      const char  *uuid,
                      gboolean     restore,
                      GError     **error)
{
  Deleting deleting = { uuid, restore };

  return tx_store_write (store, delete_attachment, &deleting, error);
}

/**
 * tx_attachment_check_all:
 * @problems: (element-type utf8): where each damaged attachment is said
 *
 * Reads every attachment kept and checks its bytes.
 */
gboolean
tx_attachment_check_all (TxStore    *store,
                         GPtrArray  *problems,
                         GError    **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_attachment_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (store, "SELECT " ATTACHMENT_COLUMNS " FROM attachment ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (all, attachment_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return FALSE;

  for (guint i = 0; i < all->len; i++)
    {
      TxAttachment *attachment = g_ptr_array_index (all, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) bytes = tx_attachment_read_unchecked (store, attachment->uuid, &local_error);
      g_autofree char *why = NULL;

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      why = tx_attachment_check_bytes (attachment, bytes);
      if (why != NULL)
        g_ptr_array_add (problems,
                         /* Translators: an attachment's file name, its id, then why it is damaged */
                         g_strdup_printf (_("The attachment “%s” (%s) is damaged: %s."),
                                          attachment->file_name, attachment->uuid, why));
    }

  return TRUE;
}
