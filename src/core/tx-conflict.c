/* tx-conflict.c — records changed both here and by another office
 *
 * An import from another office weighs each record it holds against
 * the version both offices last held (tx-exchange-merge.c): a record
 * changed on both sides since, or changed there when it is this
 * office's own, is a conflict.  The version here stays in its table;
 * the sender's is kept with the conflict, as its file had it, until
 * someone decides:
 *
 *  - 保留本方 (keep ours): nothing changes, and the sender's version
 *    counts as seen: the same version, sent again, is no conflict;
 *  - 采用对方 (take theirs): the sender's version is imported, whatever
 *    its date, as the import would have (one record, all or nothing);
 *  - 合并编辑: the window keeps ours and opens it to edit, beside
 *    theirs.
 *
 * Both versions are shown field by field (tx_conflict_compare()), from
 * the same element the exchange file has: the one the export writes of
 * the record here, and the one received.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-conflict"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "tx-conflict.h"
#include "tx-exchange-private.h"
#include "tx-outcome.h"
#include "tx-vocabulary.h"

void
tx_conflict_free (TxConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->kind);
  g_free (conflict->uuid);
  g_free (conflict->name);
  g_free (conflict->description);
  g_free (conflict->peer);
  g_free (conflict->peer_name);
  g_free (conflict->file);
  g_free (conflict->found_at);
  g_free (conflict->ours_updated);
  g_free (conflict->theirs_updated);
  g_free (conflict->resolution);
  g_free (conflict->resolved_at);
  g_free (conflict);
}

void
tx_conflict_field_free (TxConflictField *field)
{
  if (field == NULL)
    return;

  g_free (field->label);
  g_free (field->ours);
  g_free (field->theirs);
  g_free (field);
}

TxConflict *
tx_conflict_copy (const TxConflict *conflict)
{
  TxConflict *copy = g_new0 (TxConflict, 1);

  copy->id = conflict->id;
  copy->kind = g_strdup (conflict->kind);
  copy->uuid = g_strdup (conflict->uuid);
  copy->name = g_strdup (conflict->name);
  copy->description = g_strdup (conflict->description);
  copy->peer = g_strdup (conflict->peer);
  copy->peer_name = g_strdup (conflict->peer_name);
  copy->file = g_strdup (conflict->file);
  copy->found_at = g_strdup (conflict->found_at);
  copy->ours_updated = g_strdup (conflict->ours_updated);
  copy->ours_deleted = conflict->ours_deleted;
  copy->theirs_updated = g_strdup (conflict->theirs_updated);
  copy->theirs_deleted = conflict->theirs_deleted;
  copy->resolution = g_strdup (conflict->resolution);
  copy->resolved_at = g_strdup (conflict->resolved_at);

  return copy;
}

/**
 * tx_conflict_describe:
 * @kind: "person", …
 * @name: the record's name or title; a plan's township
 * @uuid: the record's; a plan's "township/year"
 *
 * Returns: (transfer full): what the record is: "the person 陈明"
 */
char *
tx_conflict_describe (const char *kind,
                      const char *name,
                      const char *uuid)
{
  if (g_strcmp0 (kind, "plan") == 0)
    {
      const char *year = uuid != NULL ? strrchr (uuid, '/') : NULL;

      return g_strdup_printf (_("the plan of %s for %d"), name, year != NULL ? atoi (year + 1) : 0);
    }

  switch (tx_import_kind_from_element (kind))
    {
    case KIND_TOWNSHIP:
    case KIND_PERSON:
    case KIND_CONSULTATION:
    case KIND_OUTCOME:
    case KIND_ACTIVITY:
    case KIND_ATTACHMENT:
      return tx_import_describe (tx_import_kind_from_element (kind), name);
    default:
      return g_strdup (name);
    }
}

/* A decision, as the window's buttons say it */
static const char *
choice_label (const char *key)
{
  return g_strcmp0 (key, "theirs") == 0 ? C_("conflict", "Take Theirs") : C_("conflict", "Keep Ours");
}

const char *
tx_conflict_choice_to_key (TxConflictChoice choice)
{
  return choice == TX_CONFLICT_TAKE_THEIRS ? "theirs" : "ours";
}

gboolean
tx_conflict_choice_from_key (const char       *key,
                             TxConflictChoice *choice)
{
  if (g_strcmp0 (key, "ours") == 0)
    *choice = TX_CONFLICT_KEEP_OURS;
  else if (g_strcmp0 (key, "theirs") == 0)
    *choice = TX_CONFLICT_TAKE_THEIRS;
  else
    return FALSE;

  return TRUE;
}

#define CONFLICT_COLUMNS \
  "id, kind, uuid, name, peer, peer_name, file, found_at, ours_updated, ours_deleted, " \
  "theirs_updated, theirs_deleted, resolution, resolved_at"

static TxConflict *
conflict_from_row (sqlite3_stmt *stmt)
{
  TxConflict *conflict = g_new0 (TxConflict, 1);

  conflict->id = sqlite3_column_int64 (stmt, 0);
  conflict->kind = g_strdup (tx_column_text (stmt, 1));
  conflict->uuid = g_strdup (tx_column_text (stmt, 2));
  conflict->name = g_strdup (tx_column_text (stmt, 3));
  conflict->description = tx_conflict_describe (conflict->kind, conflict->name, conflict->uuid);
  conflict->peer = g_strdup (tx_column_text (stmt, 4));
  conflict->peer_name = g_strdup (tx_column_text (stmt, 5));
  conflict->file = g_strdup (tx_column_text (stmt, 6));
  conflict->found_at = g_strdup (tx_column_text (stmt, 7));
  conflict->ours_updated = g_strdup (tx_column_text (stmt, 8));
  conflict->ours_deleted = sqlite3_column_int (stmt, 9);
  conflict->theirs_updated = g_strdup (tx_column_text (stmt, 10));
  conflict->theirs_deleted = sqlite3_column_int (stmt, 11);
  if (sqlite3_column_type (stmt, 12) != SQLITE_NULL)
    {
      conflict->resolution = g_strdup (tx_column_text (stmt, 12));
      conflict->resolved_at = g_strdup (tx_column_text (stmt, 13));
    }

  return conflict;
}

/**
 * tx_conflict_list:
 * @open_only: only those still to decide
 *
 * Returns: (transfer full) (element-type TxConflict): the conflicts,
 *   the open ones first, the earliest found first; %NULL with @error
 *   set when they cannot be read
 */
GPtrArray *
tx_conflict_list (TxStore   *store,
                  gboolean   open_only,
                  GError   **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_conflict_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  stmt = tx_store_prepare (store,
                           "SELECT " CONFLICT_COLUMNS " FROM conflict "
                           "WHERE NOT ?1 OR resolved_at IS NULL "
                           "ORDER BY resolved_at IS NOT NULL, found_at, id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, open_only);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (conflicts, conflict_from_row (stmt));
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&conflicts) : NULL;
}

/* The conflict @id, with the sender's version when @theirs is given. */
static TxConflict *
get_conflict (TxStore  *store,
              gint64    id,
              char    **theirs,
              GError  **error)
{
  sqlite3_stmt *stmt;
  TxConflict *conflict = NULL;
  int rc;

  stmt = tx_store_prepare (store, "SELECT " CONFLICT_COLUMNS ", theirs FROM conflict WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = tx_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      conflict = conflict_from_row (stmt);
      if (theirs != NULL)
        *theirs = g_strdup (tx_column_text (stmt, 14));
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no conflict %s: “tongxin-cli conflicts list” lists them."), number);
    }

  return conflict;
}

/**
 * tx_conflict_get:
 *
 * Returns: (transfer full): the conflict @id, or %NULL with @error set
 */
TxConflict *
tx_conflict_get (TxStore  *store,
                 gint64    id,
                 GError  **error)
{
  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  return get_conflict (store, id, NULL, error);
}

/* ---- deciding --------------------------------------------------------- */

typedef struct {
  const TxConflict *conflict;
  const char       *resolved_at;
  TxConflictChoice  choice;
} Decision;

/* Inside the write (and for "theirs" inside the import's): the
 * conflict decided, and what both offices now hold of the record. */
static gboolean
decide_cb (TxStore   *store,
           gpointer   user_data,
           GError   **error)
{
  Decision *decision = user_data;
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store, "UPDATE conflict SET resolved_at = ?2, resolution = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, decision->conflict->id);
  sqlite3_bind_text (stmt, 2, decision->resolved_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, tx_conflict_choice_to_key (decision->choice), -1, SQLITE_STATIC);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  /* kept ours: the sender's version was seen, and ours is a change
   * since it; taken theirs: the record is as the sender has it (the
   * import that took it forgot its base) */
  if (decision->choice == TX_CONFLICT_KEEP_OURS)
    {
      stmt = tx_store_prepare (store, "INSERT OR REPLACE INTO base (kind, uuid, updated) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, decision->conflict->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, decision->conflict->uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, decision->conflict->theirs_updated, -1, SQLITE_STATIC);
      if (!tx_store_step_done (store, stmt, error))
        return FALSE;
    }

  tx_store_emit_changed (store, decision->conflict->kind);
  return TRUE;
}

/**
 * tx_conflict_resolve:
 * @today: the day of the decision (the CLI's --today), or %TX_DATE_NONE
 *
 * Decides the open conflict @id: keeps the version here, or takes the
 * sender's, which is imported as the file had it (checked by the rules
 * every record follows; on any fault nothing changes).
 */
gboolean
tx_conflict_resolve (TxStore           *store,
                     gint64             id,
                     TxConflictChoice   choice,
                     TxDate             today,
                     GError           **error)
{
  g_autoptr(TxConflict) conflict = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *now = tx_timestamp_now ();
  Decision decision = { NULL, now, choice };

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);

  conflict = get_conflict (store, id, &theirs, error);
  if (conflict == NULL)
    return FALSE;
  decision.conflict = conflict;

  if (conflict->resolution != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s was already decided (%s): nothing was changed."), conflict->description,
                   choice_label (conflict->resolution));
      return FALSE;
    }

  if (choice == TX_CONFLICT_KEEP_OURS)
    return tx_store_write (store, decide_cb, &decision, error);

  {
    g_autoptr(GDateTime) local = g_date_time_new_now_local ();
    g_autofree char *exported = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
    g_autofree char *document = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autofree char *display_name = NULL;
    TxImportOptions options = { 0, };

    if (theirs == NULL || theirs[0] == '\0')
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("The other office's version of %s was not kept: import its file again to see the conflict again."),
                     conflict->description);
        return FALSE;
      }

    document = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                "<tongxin xmlns=\"" TX_EXCHANGE_NAMESPACE "\" exported=\"%s\">%s</tongxin>\n",
                                exported, theirs);
    bytes = g_bytes_new_take (document, strlen (document));
    document = NULL;

    /* Translators: where the version taken came from, in messages: a file's name */
    display_name = g_strdup_printf (_("%s (the version of %s)"), conflict->file, conflict->description);
    options.display_name = display_name;
    options.today = today;
    options.take_all = TRUE;
    options.finish = decide_cb;
    options.finish_data = &decision;

    return tx_exchange_import_bytes (store, bytes, &options, NULL, error);
  }
}

/* ---- side by side ------------------------------------------------------ */

/* A field of a record, as a clerk reads it */
typedef struct {
  char *key;      /* what matches it in the other version */
  char *label;
  char *value;
} Field;

static void
field_free (Field *field)
{
  g_free (field->key);
  g_free (field->label);
  g_free (field->value);
  g_free (field);
}

static const char *
get_prop (xmlNode    *node,
          const char *name,
          char      **owned)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);

  g_free (*owned);
  *owned = value != NULL ? g_strdup ((const char *) value) : NULL;
  xmlFree (value);

  return *owned;
}

static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup (content != NULL ? (const char *) content : "");

  xmlFree (content);
  return text;
}

/* A key of the format ("government") as a clerk reads it. */
static const char *
value_label (const char *element,
             const char *key)
{
  if (g_strcmp0 (element, "gender") == 0)
    {
      TxGender gender;
      return tx_gender_from_key (key, &gender) ? tx_gender_get_label (gender) : key;
    }
  if (g_strcmp0 (element, "topic-source") == 0)
    {
      TxTopicSource source;
      return tx_topic_source_from_key (key, &source) ? tx_topic_source_get_label (source) : key;
    }
  if (g_strcmp0 (element, "orientation") == 0)
    {
      TxOrientation orientation;
      return tx_orientation_from_key (key, &orientation) ? tx_orientation_get_label (orientation) : key;
    }
  if (g_strcmp0 (element, "platform") == 0)
    {
      TxPlatform platform;
      return tx_platform_from_key (key, &platform) ? tx_platform_get_label (platform) : key;
    }
  if (g_strcmp0 (element, "adoption") == 0)
    {
      TxAdoption adoption;
      return tx_adoption_from_key (key, &adoption) ? tx_adoption_get_label (adoption) : key;
    }
  if (g_strcmp0 (element, "submitted-to") == 0)
    return tx_submitted_to_get_label (key);
  if (g_strcmp0 (element, "category") == 0)
    {
      TxCategory category;
      return tx_category_from_key (key, &category) ? tx_category_get_label (category) : key;
    }
  if (g_strcmp0 (element, "role") == 0)
    {
      TxRole role;
      return tx_role_from_key (key, &role) ? tx_role_get_label (role) : key;
    }
  if (g_strcmp0 (element, "kind") == 0)
    {
      TxTownshipKind kind;
      TxActivityKind activity_kind;
      TxAttachmentKind attachment_kind;

      /* a township's kind, an activity's or an attachment's */
      if (tx_township_kind_from_key (key, &kind))
        return tx_township_kind_get_label (kind);
      if (tx_activity_kind_from_key (key, &activity_kind))
        return tx_activity_kind_get_label (activity_kind);
      return tx_attachment_kind_from_key (key, &attachment_kind) ? tx_attachment_kind_get_label (attachment_kind) : key;
    }
  if (g_strcmp0 (element, "phase") == 0)
    {
      TxSupervisionPhase phase;
      return tx_supervision_phase_from_key (key, &phase) ? tx_supervision_phase_get_label (phase) : key;
    }

  return key;
}

/* The label of a field: an element or attribute of the format */
static const char *
field_label (const char *name)
{
  static const struct {
    const char *name;
    const char *label;
  } labels[] = {
    { "name", NC_("conflict field", "Name") },
    { "kind", NC_("conflict field", "Kind") },
    { "township", NC_("conflict field", "Township") },
    { "consultation", NC_("conflict field", "Consultation") },
    { "year", NC_("conflict field", "Year") },
    { "consultations", NC_("conflict field", "Consultations planned") },
    { "gender", NC_("conflict field", "Gender") },
    { "ethnicity", NC_("conflict field", "Ethnicity") },
    { "category", NC_("conflict field", "Categories") },
    { "organization", NC_("conflict field", "Organization") },
    { "title", NC_("conflict field", "Title") },
    { "position", NC_("conflict field", "Position") },
    { "phone", NC_("conflict field", "Phone") },
    { "village", NC_("conflict field", "Village") },
    { "notes", NC_("conflict field", "Notes") },
    { "post-since", NC_("conflict field", "In post since") },
    { "topic-source", NC_("conflict field", "Topic source") },
    { "orientation", NC_("conflict field", "Orientation") },
    { "platform", NC_("conflict field", "Platform") },
    { "venue", NC_("conflict field", "Venue") },
    { "starts", NC_("conflict field", "Starts") },
    { "ends", NC_("conflict field", "Ends") },
    { "research", NC_("conflict field", "Research notes") },
    { "recorder", NC_("conflict field", "Recorder") },
    { "agenda", NC_("conflict field", "Agenda") },
    { "speech", NC_("conflict field", "Speeches") },
    { "consensus", NC_("conflict field", "Consensus") },
    { "next-steps", NC_("conflict field", "Next steps") },
    { "content", NC_("conflict field", "Content") },
    { "submitted-to", NC_("conflict field", "Submitted to") },
    { "submitted", NC_("conflict field", "Submitted on") },
    { "feedback", NC_("conflict field", "Feedback") },
    { "adoption", NC_("conflict field", "Adoption") },
    { "progress", NC_("conflict field", "Progress (%)") },
    { "supervision", NC_("conflict field", "Supervision") },
    { "file-name", NC_("conflict field", "File name") },
    { "caption", NC_("conflict field", "Caption") },
    { "sha256", NC_("conflict field", "File") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strcmp (labels[i].name, name) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "conflict field", labels[i].label);

  return name;
}

/* The name a record here has ("金山街道"), for a reference to it. */
static char *
name_of (TxStore    *store,
         const char *sql,
         const char *uuid)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, sql, NULL);
  char *name = NULL;

  if (stmt == NULL)
    return g_strdup (uuid);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (tx_store_step (store, stmt, NULL) == SQLITE_ROW)
    name = g_strdup (tx_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return name != NULL ? name : g_strdup (uuid);
}

/* Adds the field @key, or appends @value to it on a line of its own
 * (the categories, the speeches, the supervision: one field each). */
static void
add_field (GPtrArray  *fields,
           const char *key,
           const char *label,
           const char *value,
           const char *separator)
{
  Field *field;

  for (guint i = 0; i < fields->len; i++)
    {
      field = g_ptr_array_index (fields, i);
      if (strcmp (field->key, key) == 0)
        {
          char *joined = g_strconcat (field->value, separator, value, NULL);

          g_free (field->value);
          field->value = joined;
          return;
        }
    }

  field = g_new0 (Field, 1);
  field->key = g_strdup (key);
  field->label = g_strdup (label);
  field->value = g_strdup (value);
  g_ptr_array_add (fields, field);
}

/* A date or time of the format, as written: "2026-03-10T09:00:00+08:00"
 * is "2026-03-10 09:00". */
static char *
readable_time (const char *text)
{
  g_autoptr(GDateTime) time = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  if (time == NULL)
    return g_strdup (text != NULL ? text : "");

  return g_date_time_format (time, "%Y-%m-%d %H:%M");
}

static void
flatten_children (TxStore    *store,
                  xmlNode    *parent,
                  GPtrArray  *fields);

/* The fields of one element of a record */
static void
flatten_element (TxStore   *store,
                 xmlNode   *node,
                 GPtrArray *fields)
{
  const char *name = (const char *) node->name;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *text = NULL;

  if (strcmp (name, "stage") == 0)
    {
      TxStage stage;
      const char *key = get_prop (node, "name", &a);
      g_autofree char *field_key = g_strconcat ("stage:", key, NULL);
      g_autoptr(GString) value = g_string_new (NULL);

      if (get_prop (node, "due", &b) != NULL)
        /* Translators: a stage's due date, in the conflict view */
        g_string_append_printf (value, _("due %s"), b);
      if (get_prop (node, "done", &c) != NULL)
        {
          if (value->len > 0)
            g_string_append (value, _(", "));
          /* Translators: the day a stage was done, in the conflict view */
          g_string_append_printf (value, _("done %s"), c);
        }
      add_field (fields, field_key, tx_stage_from_key (key, &stage) ? tx_stage_get_label (stage) : key,
                 value->str, "");
      return;
    }

  if (strcmp (name, "participant") == 0)
    {
      const char *person = get_prop (node, "person", &a);
      g_autofree char *field_key = g_strconcat ("participant:", person, NULL);
      g_autofree char *person_name = name_of (store, "SELECT name FROM person WHERE uuid = ?", person);
      g_autofree char *label = g_strdup_printf (C_("conflict field", "Participant %s"), person_name);
      const char *attended = get_prop (node, "attended", &c);
      g_autofree char *value = NULL;

      get_prop (node, "role", &b);
      value = g_strdup_printf ("%s%s%s", value_label ("role", b),
                               attended == NULL ? "" : _(", "),
                               attended == NULL ? "" : g_strcmp0 (attended, "true") == 0 ? _("attended") : _("absent"));
      add_field (fields, field_key, label, value, "");
      return;
    }

  if (strcmp (name, "taking-part") == 0)
    {
      g_autofree char *township = name_of (store, "SELECT name FROM township WHERE uuid = ?",
                                           get_prop (node, "township", &a));

      /* one field, a township a line */
      add_field (fields, name, C_("conflict field", "Townships taking part"), township, "\n");
      return;
    }

  if (strcmp (name, "minutes") == 0)
    {
      if (get_prop (node, "recorder", &a) != NULL)
        add_field (fields, "recorder", field_label ("recorder"), a, "");
      flatten_children (store, node, fields);
      return;
    }

  text = node_text (node);

  if (strcmp (name, "speech") == 0)
    {
      g_autofree char *line = g_strdup_printf ("%s：%s", get_prop (node, "speaker", &a) ? a : "", text);

      add_field (fields, name, field_label (name), line, "\n");
      return;
    }

  if (strcmp (name, "feedback") == 0)
    {
      g_autoptr(GString) value = g_string_new (text);

      if (get_prop (node, "due", &a) != NULL)
        /* Translators: when feedback is due, in the conflict view */
        g_string_append_printf (value, _(" (due %s)"), a);
      if (get_prop (node, "received", &b) != NULL)
        /* Translators: when feedback was received, in the conflict view */
        g_string_append_printf (value, _(" (received %s)"), b);
      add_field (fields, name, field_label (name), value->str, "");
      return;
    }

  if (strcmp (name, "supervision") == 0)
    {
      g_autofree char *line = g_strdup_printf ("%s %s %s：%s", value_label ("phase", get_prop (node, "phase", &a)),
                                               get_prop (node, "date", &b) ? b : "",
                                               get_prop (node, "by", &c) ? c : "", text);

      add_field (fields, name, field_label (name), line, "\n");
      return;
    }

  /* an attachment's file: told by its checksum (the "File" field) */
  if (strcmp (name, "data") == 0)
    return;

  if (strcmp (name, "starts") == 0 || strcmp (name, "ends") == 0)
    {
      g_autofree char *readable = readable_time (text);

      add_field (fields, name, field_label (name), readable, "");
      return;
    }

  /* a person's title is the post they hold */
  if (strcmp (name, "title") == 0 && xmlStrEqual (node->parent->name, BAD_CAST "person"))
    name = "position";
  add_field (fields, name, field_label (name), value_label (name, text), "、");
}

static void
flatten_children (TxStore   *store,
                  xmlNode   *parent,
                  GPtrArray *fields)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      flatten_element (store, child, fields);
}

/* The fields of a record's element, in the order of the format; none
 * for "" (deleted, or not here). */
static GPtrArray *
flatten (TxStore    *store,
         const char *xml)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  xmlDoc *doc;
  xmlNode *root;

  if (xml == NULL || xml[0] == '\0')
    return fields;

  doc = xmlReadMemory (xml, strlen (xml), NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      return fields;
    }

  if (xmlStrEqual (root->name, BAD_CAST "deleted"))
    {
      xmlFreeDoc (doc);
      return fields;
    }

  for (xmlAttr *attribute = root->properties; attribute != NULL; attribute = attribute->next)
    {
      const char *name = (const char *) attribute->name;
      g_autofree char *value = NULL;
      g_autofree char *shown = NULL;
      xmlChar *content;

      if (strcmp (name, "uuid") == 0 || strcmp (name, "updated") == 0 || attribute->ns != NULL)
        continue;
      /* an attachment's record is the conflict's; its file is one field */
      if (strcmp (name, "record") == 0 || strcmp (name, "record-kind") == 0 ||
          strcmp (name, "media-type") == 0 || strcmp (name, "size") == 0)
        continue;

      content = xmlNodeListGetString (doc, attribute->children, 1);
      value = g_strdup (content != NULL ? (const char *) content : "");
      xmlFree (content);

      if (strcmp (name, "township") == 0)
        shown = name_of (store, "SELECT name FROM township WHERE uuid = ?", value);
      else if (strcmp (name, "consultation") == 0)
        shown = name_of (store, "SELECT title FROM consultation WHERE uuid = ?", value);
      else if (strcmp (name, "sha256") == 0)
        {
          xmlChar *size = xmlGetProp (root, BAD_CAST "size");
          g_autofree char *formatted = g_format_size (size != NULL ? g_ascii_strtoull ((const char *) size, NULL, 10) : 0);

          xmlFree (size);

          /* Translators: an attachment's file in the conflict view: its size, then the start of its checksum */
          shown = g_strdup_printf (_("%s, checksum %.12s"), formatted, value);
        }
      else
        shown = g_strdup (value_label (name, value));

      add_field (fields, name, field_label (name), shown, "");
    }

  flatten_children (store, root, fields);
  xmlFreeDoc (doc);

  return fields;
}

static const Field *
find_field (GPtrArray  *fields,
            const char *key)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const Field *field = g_ptr_array_index (fields, i);

      if (strcmp (field->key, key) == 0)
        return field;
    }

  return NULL;
}

static void
add_side_by_side (GPtrArray  *compared,
                  const char *label,
                  const char *ours,
                  const char *theirs)
{
  TxConflictField *field = g_new0 (TxConflictField, 1);

  field->label = g_strdup (label);
  field->ours = g_strdup (ours != NULL ? ours : "");
  field->theirs = g_strdup (theirs != NULL ? theirs : "");
  field->differs = g_strcmp0 (field->ours, field->theirs) != 0;
  g_ptr_array_add (compared, field);
}

/**
 * tx_conflict_compare:
 *
 * Returns: (transfer full) (element-type TxConflictField): the two
 *   versions field by field: first whether each is deleted and when it
 *   was changed, then every field either has, in the order of the
 *   record; %NULL with @error set when they cannot be read
 */
GPtrArray *
tx_conflict_compare (TxStore           *store,
                     const TxConflict  *conflict,
                     GError           **error)
{
  g_autoptr(TxConflict) kept = NULL;
  g_autofree char *theirs_xml = NULL;
  g_autofree char *ours_xml = NULL;
  g_autoptr(GPtrArray) ours = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  g_autoptr(GPtrArray) compared = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_conflict_field_free);
  g_autofree char *ours_time = NULL;
  g_autofree char *theirs_time = NULL;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);
  g_return_val_if_fail (conflict != NULL, NULL);

  kept = get_conflict (store, conflict->id, &theirs_xml, error);
  if (kept == NULL)
    return NULL;

  ours_xml = tx_exchange_write_record (store, kept->kind, kept->uuid, error);
  if (ours_xml == NULL)
    return NULL;

  ours = flatten (store, ours_xml);
  theirs = flatten (store, theirs_xml);

  add_side_by_side (compared, C_("conflict field", "State"),
                    ours->len == 0 ? C_("conflict state", "Deleted") : C_("conflict state", "Kept"),
                    kept->theirs_deleted ? C_("conflict state", "Deleted") : C_("conflict state", "Kept"));
  ours_time = tx_timestamp_format_local (kept->ours_updated);
  theirs_time = tx_timestamp_format_local (kept->theirs_updated);
  add_side_by_side (compared, C_("conflict field", "Last changed"), ours_time, theirs_time);

  for (guint i = 0; i < ours->len; i++)
    {
      const Field *field = g_ptr_array_index (ours, i);
      const Field *other = find_field (theirs, field->key);

      add_side_by_side (compared, field->label, field->value, other != NULL ? other->value : NULL);
    }
  for (guint i = 0; i < theirs->len; i++)
    {
      const Field *field = g_ptr_array_index (theirs, i);

      if (find_field (ours, field->key) == NULL)
        add_side_by_side (compared, field->label, NULL, field->value);
    }

  return g_steal_pointer (&compared);
}
