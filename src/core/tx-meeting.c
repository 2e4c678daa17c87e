/* tx-meeting.c — what a consultation and an activity share as meetings
 *
 * A consultation's meeting and an activity (a training, an observation
 * visit, a discussion) both gather people from the roster at a time and
 * a place: the sign-in sheet, the calendar and attendance see either
 * through the TxMeeting interface, and their participants are kept in
 * tables of one shape (participant, activity_participant), read and
 * written here for both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-meeting"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-meeting.h"
#include "tx-vocabulary.h"

G_DEFINE_INTERFACE (TxMeeting, tx_meeting, G_TYPE_OBJECT)

static void
tx_meeting_default_init (TxMeetingInterface *iface)
{
}

#define MEETING_GETTER(type, name)                                  \
  type                                                              \
  tx_meeting_get_##name (TxMeeting *self)                           \
  {                                                                 \
    g_return_val_if_fail (TX_IS_MEETING (self), NULL);              \
    return TX_MEETING_GET_IFACE (self)->get_##name (self);          \
  }

MEETING_GETTER (const char *, uuid)
MEETING_GETTER (const char *, title)
MEETING_GETTER (const char *, township_name)
MEETING_GETTER (const char *, venue)
MEETING_GETTER (const char *, starts)
MEETING_GETTER (const char *, ends)
MEETING_GETTER (GPtrArray *, participants)

#undef MEETING_GETTER

/* The statements of each kind: the tables differ in name only */
typedef enum {
  SQL_LOAD,
  SQL_CLEAR,
  SQL_WRITE,
  SQL_INVITE,
  SQL_REMOVE,
  SQL_ATTEND,
  N_SQL
} Sql;

#define PARTICIPANT_SQL(table, key)                                                             \
  {                                                                                             \
    "SELECT p.uuid, p.name, pa.role, pa.invited, pa.attended, "                                 \
    "  (SELECT group_concat (category) FROM (SELECT category FROM person_category "            \
    "   WHERE person_id = p.id ORDER BY position)) "                                            \
    "FROM " table " pa JOIN person p ON p.id = pa.person_id "                                   \
    "WHERE pa." key " = ? ORDER BY pa.position, p.sort_pinyin",                                 \
    "DELETE FROM " table " WHERE " key " = ?",                                                  \
    "INSERT INTO " table " (" key ", person_id, role, invited, attended, position) "            \
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "                                                          \
    "ON CONFLICT (" key ", person_id) DO UPDATE SET role = ?3, invited = ?4, attended = ?5",    \
    "INSERT INTO " table " (" key ", person_id, role, invited, position) "                      \
    "VALUES (?1, ?2, ?3, 1, (SELECT coalesce (max (position), -1) + 1 FROM " table              \
    "                      WHERE " key " = ?1)) "                                               \
    "ON CONFLICT (" key ", person_id) DO UPDATE SET role = ?3, invited = 1",                    \
    "DELETE FROM " table " WHERE " key " = ?1 AND person_id = ?2",                              \
    "UPDATE " table " SET attended = ?3 WHERE " key " = ?1 AND person_id = ?2",                 \
  }

static const char * const participant_sql[][N_SQL] = {
  [TX_MEETING_CONSULTATION] = PARTICIPANT_SQL ("participant", "consultation_id"),
  [TX_MEETING_ACTIVITY] = PARTICIPANT_SQL ("activity_participant", "activity_id"),
};

#undef PARTICIPANT_SQL

/**
 * tx_meeting_load_participants:
 * @id: the row of the consultation or activity
 * @participants: (element-type TxParticipant): where they are added, in
 *   their order, with their names and categories
 */
gboolean
tx_meeting_load_participants (TxStore        *store,
                              TxMeetingKind   kind,
                              gint64          id,
                              GPtrArray      *participants,
                              GError        **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, participant_sql[kind][SQL_LOAD], error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = tx_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      TxRole role = TX_ROLE_OBSERVER;
      TxParticipant *participant;
      g_auto(GStrv) keys = NULL;

      tx_role_from_key (tx_column_text (stmt, 2), &role);
      participant = tx_participant_new (tx_column_text (stmt, 0), role);
      participant->name = g_strdup (tx_column_text (stmt, 1));
      participant->invited = sqlite3_column_int (stmt, 3) != 0;
      participant->attended = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 4);

      keys = g_strsplit (tx_column_text (stmt, 5), ",", -1);
      for (guint i = 0; keys[i] != NULL; i++)
        {
          TxCategory category;

          if (tx_category_from_key (keys[i], &category))
            g_array_append_val (participant->categories, category);
        }

      g_ptr_array_add (participants, participant);
    }
  sqlite3_reset (stmt);

  return rc != SQLITE_ERROR;
}

/**
 * tx_meeting_write_participants:
 * @participants: (element-type TxParticipant): who takes part, in order
 * @deleted_people_too: people deleted from the roster may be written
 *   (a record received from another office, written as it was)
 *
 * Replaces the participants of the meeting of @id by @participants.
 */
gboolean
tx_meeting_write_participants (TxStore        *store,
                               TxMeetingKind   kind,
                               gint64          id,
                               GPtrArray      *participants,
                               gboolean        deleted_people_too,
                               GError        **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, participant_sql[kind][SQL_CLEAR], error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);
      gint64 person_id = tx_store_find_id (store, "person", participant->person_uuid, deleted_people_too, error);

      if (person_id < 0)
        return FALSE;
      if (person_id == 0)
        {
          g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                       _("No one on the roster has the id %s."), participant->person_uuid);
          return FALSE;
        }

      stmt = tx_store_prepare (store, participant_sql[kind][SQL_WRITE], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, person_id);
      sqlite3_bind_text (stmt, 3, tx_role_to_key (participant->role), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, participant->invited);
      if (participant->attended >= 0)
        sqlite3_bind_int (stmt, 5, participant->attended != 0);
      sqlite3_bind_int (stmt, 6, i);
      if (!tx_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * tx_meeting_invite:
 *
 * Invites the person of @person_id (last in the list), or changes their
 * role, inside a write.
 */
gboolean
tx_meeting_invite (TxStore        *store,
                   TxMeetingKind   kind,
                   gint64          id,
                   gint64          person_id,
                   TxRole          role,
                   GError        **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, participant_sql[kind][SQL_INVITE], error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_text (stmt, 3, tx_role_to_key (role), -1, SQLITE_STATIC);

  return tx_store_step_done (store, stmt, error);
}

/**
 * tx_meeting_remove_or_attend:
 * @attended: 1 present, 0 absent, -1 not known, or %TX_MEETING_REMOVE
 *
 * Says whether an invited person came, or takes them off the list,
 * inside a write.  Fails with %TX_STORE_ERROR_NOT_FOUND when the person
 * is not invited.
 */
gboolean
tx_meeting_remove_or_attend (TxStore        *store,
                             TxMeetingKind   kind,
                             gint64          id,
                             gint64          person_id,
                             int             attended,
                             GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = tx_store_prepare (store, participant_sql[kind][attended == TX_MEETING_REMOVE ? SQL_REMOVE : SQL_ATTEND],
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  if (attended >= 0)
    sqlite3_bind_int (stmt, 3, attended != 0);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;

  if (sqlite3_changes (tx_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                           kind == TX_MEETING_CONSULTATION
                           ? _("This person is not invited to the consultation.")
                           : _("This person is not invited to the activity."));
      return FALSE;
    }

  return TRUE;
}
