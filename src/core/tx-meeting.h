/* tx-meeting.h — what a consultation and an activity share as meetings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_MEETING (tx_meeting_get_type ())
G_DECLARE_INTERFACE (TxMeeting, tx_meeting, TX, MEETING, GObject)

struct _TxMeetingInterface
{
  GTypeInterface parent_iface;

  const char *(*get_uuid)          (TxMeeting *self);
  const char *(*get_title)         (TxMeeting *self);
  const char *(*get_township_name) (TxMeeting *self);
  const char *(*get_venue)         (TxMeeting *self);
  const char *(*get_starts)        (TxMeeting *self);
  const char *(*get_ends)          (TxMeeting *self);
  GPtrArray  *(*get_participants)  (TxMeeting *self);
};

const char *tx_meeting_get_uuid          (TxMeeting *self);
const char *tx_meeting_get_title         (TxMeeting *self);
const char *tx_meeting_get_township_name (TxMeeting *self);
const char *tx_meeting_get_venue         (TxMeeting *self);
const char *tx_meeting_get_starts        (TxMeeting *self);
const char *tx_meeting_get_ends          (TxMeeting *self);
GPtrArray  *tx_meeting_get_participants  (TxMeeting *self);

/* Where a kind of meeting keeps its participants */
typedef enum {
  TX_MEETING_CONSULTATION,
  TX_MEETING_ACTIVITY,
} TxMeetingKind;

gboolean tx_meeting_load_participants  (TxStore        *store,
                                        TxMeetingKind   kind,
                                        gint64          id,
                                        GPtrArray      *participants,
                                        GError        **error);
gboolean tx_meeting_write_participants (TxStore        *store,
                                        TxMeetingKind   kind,
                                        gint64          id,
                                        GPtrArray      *participants,
                                        gboolean        deleted_people_too,
                                        GError        **error);
gboolean tx_meeting_invite             (TxStore        *store,
                                        TxMeetingKind   kind,
                                        gint64          id,
                                        gint64          person_id,
                                        TxRole          role,
                                        GError        **error);
gboolean tx_meeting_remove_or_attend   (TxStore        *store,
                                        TxMeetingKind   kind,
                                        gint64          id,
                                        gint64          person_id,
                                        int             attended,
                                        GError        **error);

/* tx_meeting_remove_or_attend()'s @attended to remove the person */
#define TX_MEETING_REMOVE G_MININT

G_END_DECLS
