/* tx-activity.c — trainings, observation visits and discussions
 *
 * Beside its consultations, the city office runs 业务培训 for new liaison
 * group leaders and liaison officers and organises 观摩学习 (a group
 * from one township watching another's consultation); townships hold
 * 座谈交流.  An activity is a meeting as a consultation is (TxMeeting):
 * a title, a day and time, a venue, who organises it (the city office
 * or a township), the townships taking part, and people from the
 * roster with their attendance.  It has no stages and no
 * recommendations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-activity"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-activity.h"
#include "tx-date.h"
#include "tx-records-private.h"
#include "tx-rules.h"
#include "tx-township.h"
#include "tx-township-store.h"
#include "tx-vocabulary.h"

/* The longest title, in characters */
#define MAX_TITLE_CHARS 100

struct _TxActivity
{
  GObject         parent_instance;

  char           *uuid;
  TxActivityKind  kind;
  char           *kind_name;       /* of TX_ACTIVITY_OTHER: its name */
  char           *title;
  char           *township_name;   /* the organiser; NULL: the city office (its
                                    * uuid when received from another office) */
  char           *venue;
  char           *starts;          /* YYYY-MM-DD, or with the time and offset */
  char           *ends;
  char           *notes;
  GPtrArray      *townships;       /* char *: the others taking part, by name
                                    * (by uuid when received) */
  GPtrArray      *participants;    /* TxParticipant */
  char           *updated_at;
};

static void tx_activity_meeting_init (TxMeetingInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxActivity, tx_activity, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TX_TYPE_MEETING, tx_activity_meeting_init))

static void
tx_activity_finalize (GObject *object)
{
  TxActivity *self = TX_ACTIVITY (object);

  g_free (self->uuid);
  g_free (self->kind_name);
  g_free (self->title);
  g_free (self->township_name);
  g_free (self->venue);
  g_free (self->starts);
  g_free (self->ends);
  g_free (self->notes);
  g_ptr_array_unref (self->townships);
  g_ptr_array_unref (self->participants);
  g_free (self->updated_at);

  G_OBJECT_CLASS (tx_activity_parent_class)->finalize (object);
}

static void
tx_activity_meeting_init (TxMeetingInterface *iface)
{
  iface->get_uuid = (gpointer) tx_activity_get_uuid;
  iface->get_title = (gpointer) tx_activity_get_title;
  iface->get_township_name = (gpointer) tx_activity_get_township_name;
  iface->get_venue = (gpointer) tx_activity_get_venue;
  iface->get_starts = (gpointer) tx_activity_get_starts;
  iface->get_ends = (gpointer) tx_activity_get_ends;
  iface->get_participants = (gpointer) tx_activity_get_participants;
}

static void
tx_activity_class_init (TxActivityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tx_activity_finalize;
}

static void
tx_activity_init (TxActivity *self)
{
  self->townships = g_ptr_array_new_with_free_func (g_free);
  self->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_participant_free);
  self->venue = g_strdup ("");
  self->notes = g_strdup ("");
}

/**
 * tx_activity_new:
 * @starts: YYYY-MM-DD, or an ISO 8601 time with its offset
 *
 * A new activity, not yet saved, organised by the city office.
 */
TxActivity *
tx_activity_new (TxActivityKind  kind,
                 const char     *title,
                 const char     *starts)
{
  TxActivity *self = g_object_new (TX_TYPE_ACTIVITY, NULL);

  self->uuid = tx_uuid_new ();
  self->kind = kind;
  self->title = g_strdup (title);
  self->starts = g_strdup (starts);

  return self;
}

const char *tx_activity_get_uuid (TxActivity *self) { return self->uuid; }
TxActivityKind tx_activity_get_kind (TxActivity *self) { return self->kind; }
const char *tx_activity_get_title (TxActivity *self) { return self->title; }
const char *tx_activity_get_township_name (TxActivity *self) { return self->township_name; }
const char *tx_activity_get_venue (TxActivity *self) { return self->venue; }
const char *tx_activity_get_starts (TxActivity *self) { return self->starts; }
const char *tx_activity_get_ends (TxActivity *self) { return self->ends; }
const char *tx_activity_get_notes (TxActivity *self) { return self->notes; }
const char *tx_activity_get_updated_at (TxActivity *self) { return self->updated_at; }

/**
 * tx_activity_new_received:
 * @updated_at: when it was last changed, at the office that sent it
 *
 * An activity as read from an exchange file, to be written with
 * tx_store_write_received_activity(); its organiser and townships are
 * given by uuid.
 */
TxActivity *
tx_activity_new_received (const char     *uuid,
                          const char     *updated_at,
                          TxActivityKind  kind,
                          const char     *title,
                          const char     *starts)
{
  TxActivity *self = tx_activity_new (kind, title, starts);

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  self->updated_at = g_strdup (updated_at);

  return self;
}

/**
 * tx_activity_get_townships:
 *
 * Returns: (transfer none) (element-type utf8): the townships taking
 *   part other than the organiser, by name
 */
GPtrArray *
tx_activity_get_townships (TxActivity *self)
{
  return self->townships;
}

/* How many of those invited came */
guint
tx_activity_count_attended (TxActivity *self)
{
  guint attended = 0;

  for (guint i = 0; i < self->participants->len; i++)
    attended += ((TxParticipant *) g_ptr_array_index (self->participants, i))->attended == 1;

  return attended;
}

/**
 * tx_activity_get_participants:
 *
 * Returns: (transfer none) (element-type TxParticipant): who is invited
 */
GPtrArray *
tx_activity_get_participants (TxActivity *self)
{
  return self->participants;
}

/**
 * tx_activity_dup_organiser:
 *
 * Returns: the organiser as a clerk reads it: a township's name, or
 *   “the city office”, translated
 */
char *
tx_activity_dup_organiser (TxActivity *self)
{
  if (self->township_name != NULL)
    return g_strdup (self->township_name);
  return g_strdup (_("City CPPCC office"));
}

void
tx_activity_set_kind (TxActivity     *self,
                      TxActivityKind  kind)
{
  g_return_if_fail (kind != TX_ACTIVITY_OTHER);

  self->kind = kind;
  g_clear_pointer (&self->kind_name, g_free);
}

/**
 * tx_activity_kind_parse:
 * @text: a key (training), a Chinese name (业务培训) or a label of one of
 *   Tongxin's three kinds
 *
 * Returns: whether @text names one of Tongxin's kinds, set in @kind
 */
gboolean
tx_activity_kind_parse (const char     *text,
                        TxActivityKind *kind)
{
  if (text == NULL)
    return FALSE;
  if (tx_activity_kind_from_key (text, kind))
    return TRUE;
  for (guint i = 0; i < tx_activity_kind_get_count (); i++)
    if (g_str_equal (text, tx_activity_kind_get_chinese (i)) || g_str_equal (text, tx_activity_kind_get_label (i)))
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * tx_activity_set_kind_name:
 * @name: one of Tongxin's kinds (its key, Chinese name or label), or
 *   the name of one of the office's own
 */
void
tx_activity_set_kind_name (TxActivity *self,
                           const char *name)
{
  TxActivityKind kind;
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (tx_activity_kind_parse (stripped, &kind))
    {
      tx_activity_set_kind (self, kind);
      return;
    }
  self->kind = TX_ACTIVITY_OTHER;
  g_free (self->kind_name);
  self->kind_name = g_steal_pointer (&stripped);
}

/* What the database and the exchange file keep: a key, or the name */
const char *
tx_activity_get_kind_key (TxActivity *self)
{
  return self->kind == TX_ACTIVITY_OTHER ? self->kind_name : tx_activity_kind_to_key (self->kind);
}

/* The kind as a clerk reads it, translated for Tongxin's own */
const char *
tx_activity_get_kind_label (TxActivity *self)
{
  return self->kind == TX_ACTIVITY_OTHER ? self->kind_name : tx_activity_kind_get_label (self->kind);
}

/* The kind in Chinese, as documents and calendar files print it */
const char *
tx_activity_get_kind_chinese (TxActivity *self)
{
  return self->kind == TX_ACTIVITY_OTHER ? self->kind_name : tx_activity_kind_get_chinese (self->kind);
}

void
tx_activity_set_title (TxActivity *self,
                       const char *title)
{
  g_free (self->title);
  self->title = g_strdup (title != NULL ? title : "");
}

/**
 * tx_activity_set_starts:
 * @starts: its day (YYYY-MM-DD), or its time with the offset
 *
 * When it begins; tx_activity_check() says whether that is a day.
 */
void
tx_activity_set_starts (TxActivity *self,
                        const char *starts)
{
  g_free (self->starts);
  self->starts = g_strdup (starts != NULL ? starts : "");
}

void
tx_activity_set_organiser (TxActivity *self,
                           const char *township_name)
{
  g_free (self->township_name);
  self->township_name = township_name != NULL && *township_name != '\0' ? g_strdup (township_name) : NULL;
}

void
tx_activity_add_township (TxActivity *self,
                          const char *township_name)
{
  for (guint i = 0; i < self->townships->len; i++)
    if (g_str_equal (g_ptr_array_index (self->townships, i), township_name))
      return;
  g_ptr_array_add (self->townships, g_strdup (township_name));
}

void
tx_activity_set_venue (TxActivity *self,
                       const char *venue)
{
  g_free (self->venue);
  self->venue = g_strdup (venue != NULL ? venue : "");
}

void
tx_activity_set_ends (TxActivity *self,
                      const char *ends)
{
  g_free (self->ends);
  self->ends = ends != NULL && *ends != '\0' ? g_strdup (ends) : NULL;
}

void
tx_activity_set_notes (TxActivity *self,
                       const char *notes)
{
  g_free (self->notes);
  self->notes = g_strdup (notes != NULL ? notes : "");
}

/**
 * tx_activity_set_attendance:
 * @attended: 1 present, 0 absent, -1 not known
 *
 * Says whether someone from the roster came, to be saved with the
 * activity; someone not invited is added to its participants.
 */
void
tx_activity_set_attendance (TxActivity *self,
                            const char *person_uuid,
                            int         attended)
{
  TxParticipant *participant = NULL;

  for (guint i = 0; i < self->participants->len && participant == NULL; i++)
    if (g_str_equal (((TxParticipant *) g_ptr_array_index (self->participants, i))->person_uuid, person_uuid))
      participant = g_ptr_array_index (self->participants, i);

  if (participant == NULL)
    {
      participant = tx_participant_new (person_uuid, TX_ROLE_OBSERVER);
      g_ptr_array_add (self->participants, participant);
    }
  participant->attended = CLAMP (attended, -1, 1);
}

/* The day of @when (YYYY-MM-DD, or a time with its offset), or
 * TX_DATE_NONE */
static TxDate
day_of (const char *when)
{
  g_autoptr(GDateTime) time = NULL;

  if (when == NULL)
    return TX_DATE_NONE;
  if (tx_date_is_valid (when))
    return tx_date_from_iso (when);

  time = g_date_time_new_from_iso8601 (when, NULL);
  if (time == NULL)
    return TX_DATE_NONE;

  return tx_date_new (g_date_time_get_year (time), g_date_time_get_month (time),
                      g_date_time_get_day_of_month (time));
}

/**
 * tx_activity_check:
 *
 * Whether @self may be saved: a title, a day it starts, and no end
 * before it.  The title is trimmed.
 */
gboolean
tx_activity_check (TxActivity  *self,
                   GError     **error)
{
  g_autofree char *title = g_strstrip (g_strdup (self->title != NULL ? self->title : ""));

  if (*title == '\0')
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("An activity needs a title."));
      return FALSE;
    }
  if (g_utf8_strlen (title, -1) > MAX_TITLE_CHARS)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("The title of an activity is at most %d characters long."), MAX_TITLE_CHARS);
      return FALSE;
    }
  if (self->kind == TX_ACTIVITY_OTHER)
    {
      g_autofree char *problem = NULL;

      problem = tx_text_check (TX_TEXT_ACTIVITY_KIND, self->kind_name != NULL ? self->kind_name : "");
      if (problem != NULL)
        {
          g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID, problem);
          return FALSE;
        }
    }
  if (day_of (self->starts) == TX_DATE_NONE)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("“%s” is not a date: write it as YYYY-MM-DD, for example 2026-03-10."),
                   self->starts != NULL ? self->starts : "");
      return FALSE;
    }
  if (self->ends != NULL && day_of (self->ends) == TX_DATE_NONE)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("“%s” is not a date: write it as YYYY-MM-DD, for example 2026-03-10."), self->ends);
      return FALSE;
    }
  if (self->ends != NULL && day_of (self->ends) < day_of (self->starts))
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("An activity cannot end before it starts."));
      return FALSE;
    }

  g_free (self->title);
  self->title = g_steal_pointer (&title);
  return TRUE;
}

/* The row of the township named @name, or 0 with @error set */
static gint64
township_id (TxStore     *store,
             const char  *name,
             GError     **error)
{
  g_autoptr(TxTownship) township = tx_store_find_township (store, name, error);

  if (township == NULL)
    return 0;

  return MAX (tx_store_find_id (store, "township", tx_township_get_uuid (township), FALSE, error), 0);
}

/* Writes @self over its row, or as a new one; @received: as another
 * office sent it (its time of change kept, people deleted here still
 * taking part) */
static gboolean
write_rows (TxStore     *store,
            TxActivity  *self,
            gboolean     received,
            GError     **error)
{
  g_autofree char *now = received ? g_strdup (self->updated_at) : tx_store_stamp_now (store);
  gint64 organiser = 0;
  sqlite3_stmt *stmt;
  gint64 id;

  if (self->township_name != NULL && (organiser = township_id (store, self->township_name, error)) == 0)
    return FALSE;

  stmt = tx_store_prepare (store,
                           "INSERT INTO activity (uuid, kind, title, township_id, starts_at, ends_at, venue, notes, "
                           "  updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                           "ON CONFLICT (uuid) DO UPDATE SET kind = ?2, title = ?3, township_id = ?4, "
                           "  starts_at = ?5, ends_at = ?6, venue = ?7, notes = ?8, updated_at = ?9, deleted_at = NULL "
                           "RETURNING id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, tx_activity_get_kind_key (self), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, self->title, -1, SQLITE_STATIC);
  if (organiser != 0)
    sqlite3_bind_int64 (stmt, 4, organiser);
  sqlite3_bind_text (stmt, 5, self->starts, -1, SQLITE_STATIC);
  tx_bind_text_or_null (stmt, 6, self->ends);
  sqlite3_bind_text (stmt, 7, self->venue, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, self->notes, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
  if (tx_store_step (store, stmt, error) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = tx_store_prepare (store, "DELETE FROM activity_township WHERE activity_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;
  for (guint i = 0; i < self->townships->len; i++)
    {
      gint64 township = township_id (store, g_ptr_array_index (self->townships, i), error);

      if (township == 0)
        return FALSE;
      if (township == organiser)
        continue;
      stmt = tx_store_prepare (store, "INSERT OR IGNORE INTO activity_township (activity_id, township_id) VALUES (?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, township);
      if (!tx_store_step_done (store, stmt, error))
        return FALSE;
    }

  if (!tx_meeting_write_participants (store, TX_MEETING_ACTIVITY, id, self->participants, received, error))
    return FALSE;

  g_free (self->updated_at);
  self->updated_at = g_steal_pointer (&now);
  tx_store_emit_record_changed (store, "activity", self->uuid);
  return TRUE;
}

static gboolean
write_activity (TxStore   *store,
                gpointer   user_data,
                GError   **error)
{
  return write_rows (store, user_data, FALSE, error);
}

/**
 * tx_store_write_received_activity:
 * @activity: as another office sent it, checked (tx_activity_check()):
 *   its organiser and townships given by uuid
 *
 * Writes @activity inside a write (an import's), with the time it was
 * changed at its sender's.
 */
gboolean
tx_store_write_received_activity (TxStore     *store,
                                  TxActivity  *activity,
                                  GError     **error)
{
  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (activity->updated_at != NULL, FALSE);

  return write_rows (store, activity, TRUE, error);
}

/**
 * tx_store_save_activity:
 *
 * Adds @activity, or writes it over the one of its uuid, with its
 * townships and participants; checked first (a title, its days), and
 * nothing is written when refused.
 */
gboolean
tx_store_save_activity (TxStore     *store,
                        TxActivity  *activity,
                        GError     **error)
{
  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (TX_IS_ACTIVITY (activity), FALSE);

  return tx_activity_check (activity, error) && tx_store_write (store, write_activity, activity, error);
}

#define ACTIVITY_COLUMNS \
  "a.id, a.uuid, a.kind, a.title, t.name, a.starts_at, a.ends_at, a.venue, a.notes, a.updated_at "

static TxActivity *
activity_from_row (TxStore       *store,
                   sqlite3_stmt  *stmt,
                   gint64        *id)
{
  TxActivity *self = g_object_new (TX_TYPE_ACTIVITY, NULL);

  *id = sqlite3_column_int64 (stmt, 0);
  self->uuid = g_strdup (tx_column_text (stmt, 1));
  tx_activity_set_kind_name (self, tx_column_text (stmt, 2));
  self->title = g_strdup (tx_column_text (stmt, 3));
  tx_activity_set_organiser (self, tx_column_text (stmt, 4));
  self->starts = g_strdup (tx_column_text (stmt, 5));
  tx_activity_set_ends (self, tx_column_text (stmt, 6));
  tx_activity_set_venue (self, tx_column_text (stmt, 7));
  tx_activity_set_notes (self, tx_column_text (stmt, 8));
  self->updated_at = g_strdup (tx_column_text (stmt, 9));

  return self;
}

/* The townships taking part and the participants of @self */
static gboolean
load_details (TxStore     *store,
              TxActivity  *self,
              gint64       id,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (store,
                           "SELECT t.name FROM activity_township at JOIN township t ON t.id = at.township_id "
                           "LEFT JOIN township_order o ON o.township_id = t.id "
                           "WHERE at.activity_id = ? ORDER BY o.position, t.name",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (self->townships, g_strdup (tx_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  return rc != SQLITE_ERROR &&
         tx_meeting_load_participants (store, TX_MEETING_ACTIVITY, id, self->participants, error);
}

/**
 * tx_store_load_activity:
 * @uuid_or_title: its id, or its exact title
 *
 * Returns: (transfer full): the activity, with its townships and
 *   participants; %NULL with @error set when there is none, or several
 *   of that title
 */
TxActivity *
tx_store_load_activity (TxStore     *store,
                        const char  *uuid_or_title,
                        GError     **error)
{
  g_autoptr(TxActivity) found = NULL;
  g_autoptr(GString) days = g_string_new (NULL);
  sqlite3_stmt *stmt;
  gint64 id = 0;
  guint matches = 0;
  int rc;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  stmt = tx_store_prepare (store,
                           "SELECT " ACTIVITY_COLUMNS
                           "FROM activity a LEFT JOIN township t ON t.id = a.township_id "
                           "WHERE (a.uuid = ?1 OR a.title = ?1) AND a.deleted_at IS NULL "
                           "ORDER BY a.uuid = ?1 DESC, a.starts_at",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid_or_title, -1, SQLITE_TRANSIENT);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gboolean by_uuid = g_strcmp0 (tx_column_text (stmt, 1), uuid_or_title) == 0;

      if (matches > 0)
        g_string_append (days, C_("list of dates", ", "));
      g_string_append_len (days, tx_column_text (stmt, 5), 10);
      if (found == NULL)
        found = activity_from_row (store, stmt, &id);
      matches++;
      if (by_uuid)
        {
          matches = 1;
          break;
        }
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return NULL;

  if (found == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("There is no activity “%s”. Give its exact title or its id."), uuid_or_title);
      return NULL;
    }
  if (matches > 1)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_AMBIGUOUS,
                   _("%u activities are called “%s” (on %s): give the id of the one you mean (tongxin-cli activity list)."),
                   matches, uuid_or_title, days->str);
      return NULL;
    }

  if (!load_details (store, found, id, error))
    return NULL;

  return g_steal_pointer (&found);
}

/* The activities of a year, a township, some days (each filter NULL
 * or 0 when not wanted), with their townships and participants */
static GPtrArray *
list_activities (TxStore     *store,
                 const char  *year,
                 gint64       township,
                 const char  *from,
                 const char  *to,
                 GError     **error)
{
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (store,
                           "SELECT " ACTIVITY_COLUMNS
                           "FROM activity a LEFT JOIN township t ON t.id = a.township_id "
                           "WHERE a.deleted_at IS NULL AND (?1 IS NULL OR substr (a.starts_at, 1, 4) = ?1) "
                           "  AND (?2 IS NULL OR a.township_id = ?2 OR EXISTS (SELECT 1 FROM activity_township at "
                           "       WHERE at.activity_id = a.id AND at.township_id = ?2)) "
                           "  AND (?3 IS NULL OR substr (coalesce (a.ends_at, a.starts_at), 1, 10) >= ?3) "
                           "  AND (?4 IS NULL OR substr (a.starts_at, 1, 10) <= ?4) "
                           "ORDER BY a.starts_at, a.id",
                           error);
  if (stmt == NULL)
    return NULL;
  if (year != NULL)
    sqlite3_bind_text (stmt, 1, year, -1, SQLITE_TRANSIENT);
  if (township != 0)
    sqlite3_bind_int64 (stmt, 2, township);
  if (from != NULL)
    sqlite3_bind_text (stmt, 3, from, -1, SQLITE_TRANSIENT);
  if (to != NULL)
    sqlite3_bind_text (stmt, 4, to, -1, SQLITE_TRANSIENT);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id;

      g_ptr_array_add (activities, activity_from_row (store, stmt, &id));
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return NULL;

  for (guint i = 0; i < activities->len; i++)
    if (!load_details (store, g_ptr_array_index (activities, i), g_array_index (ids, gint64, i), error))
      return NULL;

  return g_steal_pointer (&activities);
}

/**
 * tx_store_list_activities:
 * @year: only those starting in this year, or 0
 * @township: (nullable): only those a township organises or takes part
 *   in, by name or uuid
 *
 * Returns: (transfer full) (element-type TxActivity): the activities by
 *   date, each with its townships and participants; %NULL with @error
 *   set when they cannot be read
 */
GPtrArray *
tx_store_list_activities (TxStore     *store,
                          int          year,
                          const char  *township,
                          GError     **error)
{
  g_autofree char *year_text = year > 0 ? g_strdup_printf ("%04d", year) : NULL;
  gint64 township_row = 0;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  if (township != NULL && (township_row = township_id (store, township, error)) == 0)
    return NULL;

  return list_activities (store, year_text, township_row, NULL, NULL, error);
}

/**
 * tx_store_list_activities_between:
 * @from: the first day, YYYY-MM-DD
 * @to: the last day, YYYY-MM-DD
 *
 * What a calendar of these days shows: the activities on any of them.
 *
 * Returns: (transfer full) (element-type TxActivity): by date
 */
GPtrArray *
tx_store_list_activities_between (TxStore     *store,
                                  const char  *from,
                                  const char  *to,
                                  GError     **error)
{
  g_return_val_if_fail (TX_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  return list_activities (store, NULL, 0, from, to, error);
}

static gint64
activity_id (TxStore     *store,
             const char  *uuid,
             GError     **error)
{
  gint64 id = tx_store_find_id (store, "activity", uuid, FALSE, error);

  if (id == 0)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                 _("There is no activity “%s”. Give its exact title or its id."), uuid);

  return MAX (id, 0);
}

static gboolean
delete_activity (TxStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  const char *uuid = user_data;
  g_autofree char *now = tx_store_stamp_now (store);
  gint64 id = activity_id (store, uuid, error);
  sqlite3_stmt *stmt;

  if (id == 0)
    return FALSE;
  stmt = tx_store_prepare (store, "UPDATE activity SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  tx_store_emit_record_changed (store, "activity", uuid);
  return TRUE;
}

/**
 * tx_store_delete_activity:
 *
 * Deletes the activity of @uuid (kept, as deleted, for the exchange).
 */
gboolean
tx_store_delete_activity (TxStore     *store,
                          const char  *uuid,
                          GError     **error)
{
  g_return_val_if_fail (TX_IS_STORE (store), FALSE);

  return tx_store_write (store, delete_activity, (gpointer) uuid, error);
}

typedef struct {
  const char *uuid_or_title;
  char       *title;         /* of the activity brought back */
} Restore;

static gboolean
restore_activity (TxStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  Restore *restore = user_data;
  g_autofree char *now = tx_store_stamp_now (store);
  g_autofree char *uuid = NULL;
  sqlite3_stmt *stmt;
  guint matches = 0;
  int rc;

  /* the deleted one of that id, or the one deleted of that title */
  stmt = tx_store_prepare (store,
                           "SELECT uuid, title FROM activity WHERE (uuid = ?1 OR title = ?1) AND deleted_at IS NOT NULL "
                           "ORDER BY uuid = ?1 DESC, deleted_at DESC",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, restore->uuid_or_title, -1, SQLITE_STATIC);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      if (matches++ == 0)
        {
          uuid = g_strdup (tx_column_text (stmt, 0));
          restore->title = g_strdup (tx_column_text (stmt, 1));
          if (g_str_equal (uuid, restore->uuid_or_title))
            break;
        }
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return FALSE;
  if (uuid == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("No deleted activity is “%s”. Give the exact title or the id of one deleted."),
                   restore->uuid_or_title);
      return FALSE;
    }
  if (matches > 1 && !g_str_equal (uuid, restore->uuid_or_title))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("Several deleted activities are called “%s”: give the id of the one to bring back."),
                   restore->uuid_or_title);
      return FALSE;
    }

  stmt = tx_store_prepare (store, "UPDATE activity SET deleted_at = NULL, updated_at = ?2 WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  tx_store_emit_record_changed (store, "activity", uuid);
  return TRUE;
}

/**
 * tx_store_restore_activity:
 * @uuid_or_title: the id of a deleted activity, or its exact title
 * @title: (out) (optional) (transfer full): the title of the activity
 *   brought back
 *
 * Brings back a deleted activity, with its townships and participants
 * as they were; it is changed now, so the exchange carries it back.
 */
gboolean
tx_store_restore_activity (TxStore     *store,
                           const char  *uuid_or_title,
                           char       **title,
                           GError     **error)
{
  Restore restore = { uuid_or_title, NULL };
  gboolean ok;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);

  ok = tx_store_write (store, restore_activity, &restore, error);
  if (ok && title != NULL)
    *title = g_steal_pointer (&restore.title);
  g_free (restore.title);

  return ok;
}

/**
 * tx_activity_dup_last_training:
 * @person_uuid: someone on the roster
 *
 * Returns: (transfer full) (nullable): the day (YYYY-MM-DD) of the last
 *   training @person_uuid was present at, up to @today; %NULL when
 *   none, or when it cannot be read (@error set)
 */
char *
tx_activity_dup_last_training (TxStore     *store,
                               const char  *person_uuid,
                               TxDate       today,
                               GError     **error)
{
  g_autofree char *day = tx_date_to_iso (today);
  char *last = NULL;
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store,
                           "SELECT " TX_SQL_LAST_TRAINING ("p.id", "?2") " FROM person p WHERE p.uuid = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, person_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_STATIC);
  if (tx_store_step (store, stmt, error) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    last = g_strdup (tx_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return last;
}

void
tx_untrained_free (TxUntrained *untrained)
{
  if (untrained == NULL)
    return;

  g_free (untrained->person_uuid);
  g_free (untrained->name);
  g_free (untrained->township_uuid);
  g_free (untrained->township_name);
  g_free (untrained);
}

/**
 * tx_activity_list_untrained:
 * @today: the day to judge on
 * @days: the days a post may be held without a training
 *
 * The liaison group leaders and liaison officers who have held their
 * post for more than @days days on @today and have been at no training
 * since they took it up (TX_SQL_LAST_TRAINING: one of kind training they
 * were present at, on or before @today), by township and name.  Someone
 * whose post has no day is listed when never trained at all: how long
 * is not known, and the clerk is to say.
 *
 * Returns: (transfer full) (element-type TxUntrained): the list, or
 *   %NULL with @error set
 */
GPtrArray *
tx_activity_list_untrained (TxStore     *store,
                            TxDate       today,
                            int          days,
                            GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_untrained_free);
  g_autofree char *day = tx_date_to_iso (today);
  g_autofree char *latest_since = tx_date_to_iso (tx_date_add_days (today, -days - 1));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  stmt = tx_store_prepare (store,
                           "SELECT uuid, name, township_uuid, township_name, post, post_since, last FROM ("
                           "  SELECT p.uuid, p.name, t.uuid AS township_uuid, t.name AS township_name, "
                           "    p.sort_pinyin, c.post, coalesce (pp.since, '') AS post_since, "
                           "    " TX_SQL_LAST_TRAINING ("p.id", "?1") " AS last "
                           "  FROM (SELECT person_id, min (category) AS post FROM person_category "
                           "        WHERE category IN ('liaison_leader', 'liaison_officer') GROUP BY person_id) c "
                           "  JOIN person p ON p.id = c.person_id "
                           "  LEFT JOIN township t ON t.id = p.township_id "
                           "  LEFT JOIN person_post pp ON pp.person_id = p.id "
                           "  WHERE p.deleted_at IS NULL AND coalesce (pp.since, '') <= ?2) "
                           "WHERE post_since = '' AND last IS NULL OR post_since <> '' AND coalesce (last, '') < post_since "
                           "ORDER BY township_name IS NULL, tx_pinyin_key (township_name), sort_pinyin, uuid",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, latest_since, -1, SQLITE_STATIC);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      TxUntrained *untrained = g_new0 (TxUntrained, 1);
      const char *since = tx_column_text (stmt, 5);

      untrained->person_uuid = g_strdup (tx_column_text (stmt, 0));
      untrained->name = g_strdup (tx_column_text (stmt, 1));
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          untrained->township_uuid = g_strdup (tx_column_text (stmt, 2));
          untrained->township_name = g_strdup (tx_column_text (stmt, 3));
        }
      tx_category_from_key (tx_column_text (stmt, 4), &untrained->post);
      untrained->post_since = since[0] != '\0' ? tx_date_from_iso (since) : TX_DATE_NONE;
      untrained->days_in_post = untrained->post_since != TX_DATE_NONE
                                ? tx_date_days_between (untrained->post_since, today) : -1;
      untrained->last_training = sqlite3_column_type (stmt, 6) != SQLITE_NULL
                                 ? tx_date_from_iso (tx_column_text (stmt, 6)) : TX_DATE_NONE;
      g_ptr_array_add (list, untrained);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return NULL;

  return g_steal_pointer (&list);
}

/**
 * tx_untrained_describe:
 * @days: the days a post may be held without a training
 *
 * Returns: (transfer full): why @untrained is listed, as the Overview
 *   and the command line say it: “in post for 120 days, never trained”
 */
char *
tx_untrained_describe (const TxUntrained *untrained,
                       int                days)
{
  g_autofree char *post = g_strdup (tx_category_get_label (untrained->post));
  g_autofree char *last = untrained->last_training != TX_DATE_NONE
                          ? tx_date_to_iso (untrained->last_training) : NULL;

  if (untrained->days_in_post < 0)
    /* Translators: the post (Liaison officer); no day was given for it */
    return g_strdup_printf (_("%s, in post since a day not given, never trained: give the day the post was taken up"),
                            post);
  if (last != NULL)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: the post, how long held (more than the limit, the
                                          * second number), and the day of the last training, before the post */
                                         "%s for %d day (more than %d) without a training since taking it up; the last was on %s",
                                         "%s for %d days (more than %d) without a training since taking it up; the last was on %s",
                                         untrained->days_in_post),
                            post, untrained->days_in_post, days, last);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: the post, how long held, more than the limit (the second number) */
                                       "%s for %d day (more than %d), never trained",
                                       "%s for %d days (more than %d), never trained",
                                       untrained->days_in_post),
                          post, untrained->days_in_post, days);
}
