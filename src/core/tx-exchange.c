/* tx-exchange.c — export and import of the exchange file (DESIGN §4)
 *
 * The export is tx-exchange-export.c.  Import streams with xmlTextReader,
 * a record at a time, so that it takes as little memory for a city as
 * for a township: each record is checked against the format and by the
 * rules the editors and the roster import apply (tx-rules.c), and merged
 * before the next is read, all inside one transaction, so a file with
 * any fault changes nothing.  A database that holds records is backed
 * up first, and only for a file that is right: the file is then read
 * twice, once to check it, once to merge it (import_file()).  Records
 * are matched by uuid and the newer "updated" wins.
 *
 * A file is read within bounds, whatever it holds: its size, the depth
 * of its elements and the length of its texts are limited, it may have
 * no document type declaration (so no entity is ever defined, let alone
 * expanded), and the first fault ends the reading.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-exchange"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/relaxng.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <string.h>
#include <unistd.h>

#include "tx-backup.h"
#include "tx-collate.h"
#include "tx-exchange.h"
#include "tx-file.h"
#include "tx-records-private.h"
#include "tx-roster-bulk.h"
#include "tx-roster.h"
#include "tx-rules.h"
#include "tx-settings.h"
#include "tx-vocabulary.h"

#define SCHEMA_RESOURCE "/io/github/tongxin/Tongxin/data/tongxin-exchange.rng"
#define DEMO_RESOURCE   "/io/github/tongxin/Tongxin/data/demo.xml"

G_DEFINE_QUARK (tx-exchange-error-quark, tx_exchange_error)

/* ------------------------------------------------------------------ */
/* Import                                                             */
/* ------------------------------------------------------------------ */

/*
 * The largest exchange file read.  A file is read as a stream, a record
 * at a time, and each record is merged before the next is read, so the
 * memory an import takes does not grow with the file: this only turns
 * away, before a byte of it is parsed, a file far larger than any
 * office writes.  A city of 300,000 people exports some 440 MB; 4 GB
 * is a roster of millions.
 */
#define MAX_FILE_SIZE G_GINT64_CONSTANT (4000000000)

/* The format nests four elements deep (tongxin, consultation, minutes,
 * speech); deeper than this is no exchange file, and is refused before
 * it is read further. */
#define MAX_DEPTH 8

/* Bytes read from the file at a time */
#define READ_BUFFER_SIZE (256 * 1024)

/*
 * The shape of the exchange format, as this file reads it: the schema's
 * elements, attributes and types, read strictly.  A file Tongxin wrote
 * has exactly this shape, and is checked against it as it is read, far
 * faster than libxml2's RELAX NG validator checks it (which compiles a
 * pattern again for every uuid and date).  Anything else, even what the
 * schema might take (white space around a date, a comment inside a
 * name), is not judged here: the file is then read again against the
 * schema itself, which says what is wrong, in the same words as ever.
 * So the shape only ever takes what the schema takes.
 */
typedef enum {
  VALUE_TEXT,       /* any text */
  VALUE_TOKEN,      /* text that is not only white space */
  VALUE_UUID,       /* 8-4-4-4-12 lowercase hex digits */
  VALUE_DATE,       /* YYYY-MM-DD, a day of the calendar */
  VALUE_DATETIME,   /* YYYY-MM-DDThh:mm:ss[.s…] with Z or ±hh:mm */
  VALUE_INT,        /* a whole number, maybe negative */
  VALUE_COUNT,      /* a whole number, 0 or more */
  VALUE_PERCENT,    /* a whole number from 0 to 100 */
  VALUE_CHOICE,     /* one of a list */
  VALUE_EMPTY,      /* (of an element) nothing at all */
  VALUE_ELEMENTS,   /* (of an element) its children, in order */
} ValueKind;

typedef struct {
  const char         *name;
  ValueKind           kind;
  const char * const *choices;   /* VALUE_CHOICE: up to NULL */
  gboolean            required;
} AttributeShape;

typedef enum {
  OCCURS_ONCE,
  OCCURS_OPTIONAL,
  OCCURS_ANY,
} Occurs;

typedef struct _ElementShape ElementShape;

typedef struct {
  const ElementShape *element;
  Occurs              occurs;
} ChildShape;

struct _ElementShape
{
  const char           *name;
  const AttributeShape *attributes;   /* up to one without a name; NULL: none */
  ValueKind             content;
  const char * const   *choices;      /* VALUE_CHOICE content */
  const ChildShape     *children;     /* VALUE_ELEMENTS content, up to one without an element */
};

#define NO_ATTRIBUTES NULL
#define LIST(...) ((const char * const[]) { __VA_ARGS__, NULL })
#define ATTRIBUTES(...) ((const AttributeShape[]) { __VA_ARGS__, { NULL } })
#define CHILDREN(...) ((const ChildShape[]) { __VA_ARGS__, { NULL } })
#define CHILD(occurs, ...) { &(const ElementShape) { __VA_ARGS__ }, occurs }
#define TEXT_CHILD(occurs, name, kind, choices) CHILD (occurs, name, NO_ATTRIBUTES, kind, choices, NULL)

#define UPDATED_ATTRIBUTE { "updated", VALUE_DATETIME, NULL, TRUE }
#define STAGE(name) \
  CHILD (OCCURS_ONCE, "stage", \
         ATTRIBUTES ({ "name", VALUE_CHOICE, LIST (name), TRUE }, \
                     { "due", VALUE_DATE, NULL, FALSE }, \
                     { "done", VALUE_DATE, NULL, FALSE }, \
                     { "reason", VALUE_TEXT, NULL, FALSE }), \
         VALUE_EMPTY, NULL, NULL)

static const ElementShape township_shape = {
  "township",
  ATTRIBUTES ({ "uuid", VALUE_UUID, NULL, TRUE },
              { "name", VALUE_TOKEN, NULL, TRUE },
              { "kind", VALUE_CHOICE, LIST ("subdistrict", "town", "township"), TRUE },
              UPDATED_ATTRIBUTE),
  VALUE_EMPTY, NULL, NULL
};

static const ElementShape person_shape = {
  "person",
  ATTRIBUTES ({ "uuid", VALUE_UUID, NULL, TRUE },
              UPDATED_ATTRIBUTE,
              { "township", VALUE_UUID, NULL, FALSE }),
  VALUE_ELEMENTS, NULL,
  CHILDREN (TEXT_CHILD (OCCURS_ONCE, "name", VALUE_TOKEN, NULL),
            TEXT_CHILD (OCCURS_OPTIONAL, "gender", VALUE_CHOICE, LIST ("male", "female")),
            TEXT_CHILD (OCCURS_OPTIONAL, "ethnicity", VALUE_TEXT, NULL),
            TEXT_CHILD (OCCURS_ANY, "category", VALUE_CHOICE,
                        LIST ("liaison_leader", "liaison_officer", "cppcc_member", "npc_deputy",
                              "party_deputy", "veteran_party_member", "retired_cadre", "local_notable",
                              "expert", "stakeholder", "official", "resident")),
            TEXT_CHILD (OCCURS_OPTIONAL, "organization", VALUE_TEXT, NULL),
            TEXT_CHILD (OCCURS_OPTIONAL, "title", VALUE_TEXT, NULL),
            TEXT_CHILD (OCCURS_OPTIONAL, "phone", VALUE_TEXT, NULL),
            TEXT_CHILD (OCCURS_OPTIONAL, "village", VALUE_TEXT, NULL),
            TEXT_CHILD (OCCURS_OPTIONAL, "notes", VALUE_TEXT, NULL))
};

static const ElementShape plan_shape = {
  "plan",
  ATTRIBUTES ({ "township", VALUE_UUID, NULL, TRUE },
              { "year", VALUE_INT, NULL, TRUE },
              { "consultations", VALUE_COUNT, NULL, TRUE },
              { "updated", VALUE_DATETIME, NULL, FALSE }),
  VALUE_EMPTY, NULL, NULL
};

static const ElementShape consultation_shape = {
  "consultation",
  ATTRIBUTES ({ "uuid", VALUE_UUID, NULL, TRUE },
              { "township", VALUE_UUID, NULL, TRUE },
              UPDATED_ATTRIBUTE),
  VALUE_ELEMENTS, NULL,
  CHILDREN (TEXT_CHILD (OCCURS_ONCE, "title", VALUE_TOKEN, NULL),
            TEXT_CHILD (OCCURS_ONCE, "topic-source", VALUE_CHOICE,
                        LIST ("party_committee", "government", "cppcc", "residents")),
            TEXT_CHILD (OCCURS_ONCE, "orientation", VALUE_CHOICE, LIST ("development", "livelihood")),
            TEXT_CHILD (OCCURS_ONCE, "platform", VALUE_CHOICE, LIST ("physical", "virtual")),
            TEXT_CHILD (OCCURS_OPTIONAL, "venue", VALUE_TEXT, NULL),
            TEXT_CHILD (OCCURS_OPTIONAL, "starts", VALUE_DATETIME, NULL),
            TEXT_CHILD (OCCURS_OPTIONAL, "ends", VALUE_DATETIME, NULL),
            STAGE ("selection"),
            STAGE ("research"),
            STAGE ("meeting"),
            STAGE ("submission"),
            STAGE ("feedback"),
            STAGE ("supervision"),
            TEXT_CHILD (OCCURS_OPTIONAL, "research", VALUE_TEXT, NULL),
            CHILD (OCCURS_ANY, "participant",
                   ATTRIBUTES ({ "person", VALUE_UUID, NULL, TRUE },
                               { "role", VALUE_CHOICE,
                                 LIST ("host", "liaison", "deputy", "member", "expert",
                                       "stakeholder", "official", "observer"), TRUE },
                               { "invited", VALUE_CHOICE, LIST ("true", "false"), FALSE },
                               { "attended", VALUE_CHOICE, LIST ("true", "false"), FALSE }),
                   VALUE_EMPTY, NULL, NULL),
            CHILD (OCCURS_OPTIONAL, "minutes",
                   ATTRIBUTES ({ "recorder", VALUE_TEXT, NULL, FALSE }),
                   VALUE_ELEMENTS, NULL,
                   CHILDREN (TEXT_CHILD (OCCURS_OPTIONAL, "agenda", VALUE_TEXT, NULL),
                             CHILD (OCCURS_ANY, "speech", ATTRIBUTES ({ "speaker", VALUE_TEXT, NULL, TRUE }),
                                    VALUE_TEXT, NULL, NULL),
                             TEXT_CHILD (OCCURS_OPTIONAL, "consensus", VALUE_TEXT, NULL),
                             TEXT_CHILD (OCCURS_OPTIONAL, "next-steps", VALUE_TEXT, NULL))))
};

static const ElementShape outcome_shape = {
  "outcome",
  ATTRIBUTES ({ "uuid", VALUE_UUID, NULL, TRUE },
              { "consultation", VALUE_UUID, NULL, TRUE },
              UPDATED_ATTRIBUTE),
  VALUE_ELEMENTS, NULL,
  CHILDREN (TEXT_CHILD (OCCURS_ONCE, "title", VALUE_TOKEN, NULL),
            TEXT_CHILD (OCCURS_OPTIONAL, "content", VALUE_TEXT, NULL),
            TEXT_CHILD (OCCURS_OPTIONAL, "submitted-to", VALUE_TEXT, NULL),
            TEXT_CHILD (OCCURS_OPTIONAL, "submitted", VALUE_DATE, NULL),
            CHILD (OCCURS_OPTIONAL, "feedback",
                   ATTRIBUTES ({ "due", VALUE_DATE, NULL, FALSE },
                               { "received", VALUE_DATE, NULL, FALSE }),
                   VALUE_TEXT, NULL, NULL),
            TEXT_CHILD (OCCURS_OPTIONAL, "adoption", VALUE_CHOICE,
                        LIST ("pending", "adopted", "partly_adopted", "not_adopted")),
            TEXT_CHILD (OCCURS_OPTIONAL, "progress", VALUE_PERCENT, NULL),
            CHILD (OCCURS_ANY, "supervision",
                   ATTRIBUTES ({ "phase", VALUE_CHOICE, LIST ("before", "during", "after"), TRUE },
                               { "date", VALUE_DATE, NULL, FALSE },
                               { "by", VALUE_TEXT, NULL, FALSE }),
                   VALUE_TEXT, NULL, NULL))
};

static const ElementShape deleted_shape = {
  "deleted",
  ATTRIBUTES ({ "kind", VALUE_CHOICE, LIST ("township", "person", "consultation", "outcome"), TRUE },
              { "uuid", VALUE_UUID, NULL, TRUE },
              { "at", VALUE_DATETIME, NULL, TRUE }),
  VALUE_EMPTY, NULL, NULL
};

/* The root; its children are the records, in the order of Kind */
static const ElementShape root_shape = {
  "tongxin",
  ATTRIBUTES ({ "exported", VALUE_DATETIME, NULL, TRUE },
              { "base-date", VALUE_DATE, NULL, FALSE }),
  VALUE_ELEMENTS, NULL,
  CHILDREN ({ &township_shape, OCCURS_ANY },
            { &person_shape, OCCURS_ANY },
            { &plan_shape, OCCURS_ANY },
            { &consultation_shape, OCCURS_ANY },
            { &outcome_shape, OCCURS_ANY },
            { &deleted_shape, OCCURS_ANY })
};

#undef STAGE
#undef UPDATED_ATTRIBUTE
#undef TEXT_CHILD
#undef CHILD
#undef CHILDREN
#undef ATTRIBUTES
#undef LIST
#undef NO_ATTRIBUTES

/* White space as XML has it */
static inline gboolean
is_xml_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
is_only_space (const char *text)
{
  for (; *text != '\0'; text++)
    if (!is_xml_space (*text))
      return FALSE;

  return TRUE;
}

/* @length digits at @text, as a number; -1 if any is not a digit */
static int
read_digits (const char *text,
             guint       length)
{
  int value = 0;

  for (guint i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return -1;
      value = 10 * value + (text[i] - '0');
    }

  return value;
}

/* YYYY-MM-DD at @text, a day of the (proleptic Gregorian) calendar
 * after year 0, as XML Schema counts them */
static gboolean
is_calendar_day (const char *text)
{
  int year = read_digits (text, 4);
  int month = read_digits (text + 5, 2);
  int day = read_digits (text + 8, 2);

  return text[4] == '-' && text[7] == '-' && year > 0 && month > 0 && day > 0 &&
         g_date_valid_dmy (day, month, year);
}

/* The time zone of a dateTime: Z, or an offset under 14 hours */
static gboolean
is_time_zone (const char *text)
{
  if (g_str_equal (text, "Z"))
    return TRUE;

  return (text[0] == '+' || text[0] == '-') && strlen (text) == 6 && text[3] == ':' &&
         read_digits (text + 1, 2) >= 0 && read_digits (text + 1, 2) <= 13 &&
         read_digits (text + 4, 2) >= 0 && read_digits (text + 4, 2) <= 59;
}

static gboolean
is_date_time (const char *text)
{
  const char *zone;
  int hour, minute, second;

  if (strlen (text) < 20 || !is_calendar_day (text) || text[10] != 'T' || text[13] != ':' || text[16] != ':')
    return FALSE;

  hour = read_digits (text + 11, 2);
  minute = read_digits (text + 14, 2);
  second = read_digits (text + 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return FALSE;

  zone = text + 19;
  if (*zone == '.')
    {
      if (!g_ascii_isdigit (zone[1]))
        return FALSE;
      for (zone++; g_ascii_isdigit (*zone); zone++)
        ;
    }

  return is_time_zone (zone);
}

/* A lowercase hexadecimal digit's value plus one; 0 for any other
 * character */
static const guint8 hex_digits[256] = {
  ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
  ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
};

/* Whether @text is a uuid as Tongxin writes it, and its 16 bytes in
 * @bytes (when not NULL).  An import reads a few for every record. */
static gboolean
read_uuid (const char *text,
           guint64    *bytes)
{
  guint64 value[2] = { 0, 0 };

  for (guint i = 0, n = 0; i < 36; i++)
    {
      guint8 digit = hex_digits[(guchar) text[i]];

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (digit == 0)   /* the end of a shorter text too */
        return FALSE;
      else
        {
          value[n / 16] = value[n / 16] << 4 | (guint64) (digit - 1);
          n++;
        }
    }

  if (text[36] != '\0')
    return FALSE;
  if (bytes != NULL)
    {
      bytes[0] = value[0];
      bytes[1] = value[1];
    }

  return TRUE;
}

static gboolean
is_uuid (const char *text)
{
  return read_uuid (text, NULL);
}

/* Digits only, 1 to @max_length of them, after a "-" when
 * @may_be_negative */
static gboolean
is_whole_number (const char *text,
                 gboolean    may_be_negative,
                 guint       max_length)
{
  gsize length;

  if (may_be_negative && *text == '-')
    text++;

  length = strlen (text);

  return length >= 1 && length <= max_length && read_digits (text, length) >= 0;
}

/* Whether @text is a value of @kind, strictly as Tongxin writes it */
static gboolean
value_fits (ValueKind           kind,
            const char * const *choices,
            const char         *text)
{
  switch (kind)
    {
    case VALUE_TEXT:
      return TRUE;
    case VALUE_TOKEN:
      return !is_only_space (text);
    case VALUE_UUID:
      return is_uuid (text);
    case VALUE_DATE:
      return strlen (text) == 10 && is_calendar_day (text);
    case VALUE_DATETIME:
      return is_date_time (text);
    case VALUE_INT:
      return is_whole_number (text, TRUE, 9);
    case VALUE_COUNT:
      return is_whole_number (text, FALSE, 9);
    case VALUE_PERCENT:
      return is_whole_number (text, FALSE, 3) && atoi (text) <= 100;
    case VALUE_CHOICE:
      return g_strv_contains (choices, text);
    case VALUE_EMPTY:
      return text[0] == '\0';
    case VALUE_ELEMENTS:
    default:
      return FALSE;
    }
}

/* One element of a record as read: its attributes, its text and its
 * children.  Records are small (a person, a consultation with its
 * minutes) and are read one at a time, so a tree of them is built
 * here, bounded in depth and in text, instead of by libxml2.  Names
 * are the reader's (its dictionary keeps them while it reads); what an
 * element has none of is not allocated. */
typedef struct _Elem Elem;

struct _Elem
{
  const char          *name;
  long                 line;
  GPtrArray           *attributes;   /* (nullable): name (the reader's), value (owned), … */
  GString             *text;         /* (nullable) */
  GPtrArray           *children;     /* (nullable): Elem */
  gboolean             foreign;      /* has an attribute in a namespace */

  /* when the file is checked against the shape: the element's, and
   * where among its children the next child may be */
  const ElementShape  *shape;
  guint                next_child;
  guint                n_of_next;
};

typedef enum {
  KIND_TOWNSHIP,
  KIND_PERSON,
  KIND_PLAN,
  KIND_CONSULTATION,
  KIND_OUTCOME,
  KIND_DELETED,
  N_KINDS
} Kind;

static const char * const kind_elements[N_KINDS] = {
  "township", "person", "plan", "consultation", "outcome", "deleted",
};

/* A record of the file, read and checked, to be merged. */
typedef struct {
  Kind      kind;
  long      line;
  char     *uuid;          /* NULL for a plan */
  char     *updated;       /* normalized; for a deletion, when it was made */
  GObject  *record;        /* TxTownship, TxPerson, TxConsultation or TxOutcome */
  char     *township;      /* a plan's */
  int       year;          /* a plan's */
  int       count;         /* a plan's consultations */
  char     *deleted_kind;  /* a deletion's: "person", … */
  char     *description;   /* for messages: "the person 陈明" */
  goffset   end;           /* where it ends in the file, for the progress */
  GBytes   *pinyin;        /* a person's sort keys, when new people are added many at a time */
  GBytes   *strokes;
} Incoming;

/* Rows written by one INSERT of records new here (prepare_rows()) */
#define MAX_ROWS_PER_INSERT 16

typedef enum {
  ROWS_STAGE,
  ROWS_PARTICIPANT,
  ROWS_SPEECH,
  ROWS_SUPERVISION,
  N_ROWS_KINDS
} RowsKind;

/*
 * The records read in a pass, by uuid (lookup_read()).  A city's file
 * holds half a million of them: each takes the 16 bytes of its uuid and
 * 8 of what is known of it, in a table of open addressing at most three
 * quarters full, some 40 bytes a record in all.
 */
typedef struct {
  guint64 uuid[2];
  guint64 value;     /* 0: a free slot */
} ReadSlot;

typedef struct {
  ReadSlot *slots;
  gsize     n_slots;   /* a power of two */
  gsize     n_used;
} ReadTable;

/* How a pass checks that the file is an exchange file */
typedef enum {
  CHECK_SHAPE,    /* against the shape above: fast, and sure only of what Tongxin writes */
  CHECK_SCHEMA,   /* against the schema, by libxml2: says what is wrong */
} Check;

/* What a pass does with the records it reads and checks */
typedef enum {
  PASS_CHECK,     /* nothing: the file is known right before anything is written */
  PASS_MERGE,     /* merges each one, inside one transaction */
} Pass;

typedef struct {
  TxStore               *store;
  const TxImportOptions *options;
  const char            *display_name;
  TxImportReport         report;
  int                    year_shift;
  TxDate                 latest_date;     /* the last day a date of the file may be */
  char                  *latest_updated;  /* the last "updated" taken as it is */
  char                  *import_time;     /* what a later one becomes */

  /* the file: in memory, or on disk, kept open so that every pass reads
   * the same file */
  GBytes                *bytes;
  GInputStream          *file;
  goffset                size;

  /* the pass */
  Pass                   pass;
  Check                  check;
  gboolean               filling;         /* the database holds no records yet */
  xmlRelaxNGPtr          schema;          /* compiled once, when a pass first needs it */
  TxRosterBulk          *new_people;      /* people not here yet, written many at a time */
  GError                *first_error;     /* from libxml2's handler, or the database read */
  GError                *merge_error;     /* the database read, while another thread reads the file */
  guint                  clamped;         /* "updated" dated ahead, read in this pass */

  /* what the pass has read: the records, for those that refer to them
   * and for ids given twice, and the plans */
  ReadTable              records_read;
  GHashTable            *plans_read;      /* "township\x1fyear" → line */

  /* what the pass knows of the database, when the file is read against
   * its shape (see decide_record()) */
  gboolean               was_empty[N_KINDS];   /* which tables had no row (KIND_DELETED: tombstones) */
  GHashTable            *township_ids;    /* uuid → row id */
  gint64                 next_person_id;  /* of the next person new here */
  sqlite3_stmt          *rows[N_ROWS_KINDS][MAX_ROWS_PER_INSERT];  /* the store's statements */
  GArray                *participant_rows;   /* ParticipantRow, of one consultation */
  GHashTable            *tables_added_to;    /* names of the tables whose indexes were looked at */
  GPtrArray             *deferred_indexes;   /* SQL of the indexes to make again */

  /* how far the import is */
  double                 pass_from;
  double                 pass_to;
  double                 told;            /* the last fraction told, or -1 */
  gint64                 last_progress;   /* when it was last told, µs */
} Importer;

#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 10)

/* Tells how far the import is, at most ten times a second, and never
 * back: a file read again, to say what is wrong with it, goes on from
 * where it was.  Half-way is always told: where reading ends and
 * merging begins, or the middle of a pass that does both. */
static void
report_progress (Importer *imp,
                 double    fraction,
                 gboolean  always)
{
  gint64 now;

  if (imp->options == NULL || imp->options->progress == NULL)
    return;

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction <= imp->told)
    return;

  if (imp->told < 0.5 && fraction > 0.5)
    {
      imp->told = 0.5;
      imp->options->progress (0.5, imp->options->progress_data);
    }

  now = g_get_monotonic_time ();
  if (!always && now - imp->last_progress < PROGRESS_INTERVAL_US)
    return;

  imp->last_progress = now;
  imp->told = fraction;
  imp->options->progress (fraction, imp->options->progress_data);
}

static void
elem_free (Elem *elem)
{
  if (elem->attributes != NULL)
    {
      for (guint i = 1; i < elem->attributes->len; i += 2)
        g_free (g_ptr_array_index (elem->attributes, i));
      g_ptr_array_unref (elem->attributes);
    }
  if (elem->text != NULL)
    g_string_free (elem->text, TRUE);
  g_clear_pointer (&elem->children, g_ptr_array_unref);
  g_free (elem);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Elem, elem_free)

static void
incoming_free (Incoming *incoming)
{
  g_free (incoming->uuid);
  g_free (incoming->updated);
  g_clear_object (&incoming->record);
  g_free (incoming->township);
  g_free (incoming->deleted_kind);
  g_free (incoming->description);
  g_clear_pointer (&incoming->pinyin, g_bytes_unref);
  g_clear_pointer (&incoming->strokes, g_bytes_unref);
  g_free (incoming);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Incoming, incoming_free)

static void
importer_clear (Importer *imp)
{
  g_clear_pointer (&imp->latest_updated, g_free);
  g_clear_pointer (&imp->import_time, g_free);
  g_clear_pointer (&imp->bytes, g_bytes_unref);
  g_clear_object (&imp->file);
  g_clear_pointer (&imp->schema, xmlRelaxNGFree);
  g_clear_pointer (&imp->new_people, tx_roster_bulk_free);
  g_clear_error (&imp->first_error);
  g_clear_error (&imp->merge_error);
  g_clear_pointer (&imp->records_read.slots, g_free);
  g_clear_pointer (&imp->plans_read, g_hash_table_unref);
  g_clear_pointer (&imp->township_ids, g_hash_table_unref);
  g_clear_pointer (&imp->participant_rows, g_array_unref);
  g_clear_pointer (&imp->tables_added_to, g_hash_table_unref);
  g_clear_pointer (&imp->deferred_indexes, g_ptr_array_unref);
}

/*
 * The day of the import, and what follows from it.  A date of the file
 * may be at most a day after it, and so may an "updated": the sender's
 * clock may be ahead by some hours, or in another time zone.
 *
 * An "updated" later than that is not refused but replaced by the time
 * of the import, and the report says how many were.  A record stamped
 * in the year 9999 would otherwise win against every later change and
 * could never be updated again; refusing the file instead would leave
 * the office unable to take any of the sender's work until the sender
 * has found and changed every record their wrong clock stamped, which
 * they cannot do from the file.  Taken with the time of the import, the
 * record is newer than what was here (the sender meant it as a change)
 * and older than the next change made anywhere with a right clock.
 *
 * @stamp_day is the day the stamps of the file were written on: today,
 * or for the sample data the day it was written for (its stamps are not
 * moved to today, only its dates).
 */
static void
importer_set_today (Importer *imp,
                    TxDate    today,
                    TxDate    stamp_day)
{
  char day[11];

  if (today == TX_DATE_NONE)
    today = tx_date_today_local ();
  if (stamp_day == TX_DATE_NONE)
    stamp_day = today;

  imp->latest_date = tx_date_add_days (today, 1);

  /* "more than one day after the day of the import": from the start
   * of the day after tomorrow, in UTC, as "updated" is kept */
  tx_date_write_iso (tx_date_add_days (stamp_day, 2), day);
  imp->latest_updated = g_strdup_printf ("%sT00:00:00.000Z", day);

  /* the import's time: now, unless the import was told another day
   * (a test, a script that replays a day): then the start of it */
  if (today == tx_date_today_local ())
    imp->import_time = tx_timestamp_now ();
  else
    {
      tx_date_write_iso (today, day);
      imp->import_time = g_strdup_printf ("%sT00:00:00.000Z", day);
    }
}

static void
importer_init (Importer              *imp,
               TxStore               *store,
               const TxImportOptions *options,
               const char            *display_name)
{
  imp->store = store;
  imp->options = options;
  imp->display_name = display_name;
  imp->told = -1;
}

/* Where a fault of the database is kept: with libxml2's, unless the
 * file is read by a thread of its own (CHECK_SHAPE, read_file_ahead()),
 * while this one merges. */
static GError **
database_fault (Importer *imp)
{
  return imp->check == CHECK_SHAPE ? &imp->merge_error : &imp->first_error;
}

/* The next row of @stmt for the import; a read error is kept as the
 * import's first error, which fails the whole import (all or nothing). */
static int
imp_step (Importer     *imp,
          sqlite3_stmt *stmt)
{
  g_autoptr(GError) error = NULL;
  int rc = tx_store_step (imp->store, stmt, &error);
  GError **fault = database_fault (imp);

  if (rc == SQLITE_ERROR && *fault == NULL)
    *fault = g_steal_pointer (&error);

  return rc;
}

typedef enum {
  MERGE_INSERT,
  MERGE_UPDATE,
  MERGE_UNCHANGED,
  MERGE_REJECTED,
} Merge;

/* What a clerk is told when the file is not one Tongxin wrote. */
#define NOT_WRITTEN_BY_TONGXIN \
  N_("The file was not written by Tongxin, or was changed since: ask the sender to export it again from Tongxin.")

/*
 * libxml2 says what is wrong in English, for a programmer; the clerk is
 * told in their words what kind of fault it is, where, and what to do,
 * and libxml2's words go to the log.
 */
static void
on_reader_error_cb (void        *user_data,
                    xmlErrorPtr  xml_error)
{
  Importer *imp = user_data;
  g_autofree char *message = NULL;
  const char *element = NULL;

  if (xml_error == NULL)
    return;

  message = g_strstrip (g_strdup (xml_error->message ? xml_error->message : ""));
  g_debug ("%s, line %d: libxml2 (domain %d, code %d): %s",
           imp->display_name, xml_error->line, xml_error->domain, xml_error->code, message);

  /* a warning (a namespace URI that is not absolute) refuses nothing */
  if (imp->first_error != NULL || xml_error->level == XML_ERR_WARNING)
    return;

  if (xml_error->node != NULL && ((xmlNodePtr) xml_error->node)->type == XML_ELEMENT_NODE)
    element = (const char *) ((xmlNodePtr) xml_error->node)->name;

  if (xml_error->domain == XML_FROM_RELAXNGV || xml_error->domain == XML_FROM_RELAXNGP)
    {
      if (element != NULL)
        g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                     /* Translators: FILE, line N, then an element of the file, <person> */
                     _("%s, line %d: this is not what an exchange file holds here (at <%s>). %s"),
                     imp->display_name, xml_error->line, element, _(NOT_WRITTEN_BY_TONGXIN));
      else
        g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                     _("%s, line %d: this is not what an exchange file holds here. %s"),
                     imp->display_name, xml_error->line, _(NOT_WRITTEN_BY_TONGXIN));
    }
  else if (xml_error->code == XML_ERR_NO_MEMORY)
    /* libxml2 says so of a text longer than it reads, too */
    g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                 _("%s, line %d: the file holds more than can be read: a text far longer than any Tongxin keeps. %s"),
                 imp->display_name, xml_error->line, _(NOT_WRITTEN_BY_TONGXIN));
  else if (xml_error->code == XML_ERR_INTERNAL_ERROR && xml_error->int1 > 0)
    /* libxml2's own limit of depth, inside a record */
    g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                 _("%s, line %d: elements are nested far deeper than in any exchange file. %s"),
                 imp->display_name, xml_error->line, _(NOT_WRITTEN_BY_TONGXIN));
  else
    g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                 _("%s, line %d: the file is damaged or incomplete. It may have been cut short or changed while it was copied: copy it again, or ask the sender to export it again."),
                 imp->display_name, xml_error->line);
}

static const char *
get_attr (Elem       *elem,
          const char *name)
{
  for (guint i = 0; elem->attributes != NULL && i + 1 < elem->attributes->len; i += 2)
    if (g_str_equal (g_ptr_array_index (elem->attributes, i), name))
      return g_ptr_array_index (elem->attributes, i + 1);

  return NULL;
}

static gboolean
is_element (Elem       *elem,
            const char *name)
{
  return g_str_equal (elem->name, name);
}

static const char *
elem_text (Elem *elem)
{
  return elem->text != NULL ? elem->text->str : "";
}

static guint
n_children (Elem *elem)
{
  return elem->children != NULL ? elem->children->len : 0;
}

static Elem *
get_child (Elem  *elem,
           guint  index)
{
  return g_ptr_array_index (elem->children, index);
}

/* The text of the first child element called @name, or NULL. */
static const char *
child_text (Elem       *elem,
            const char *name)
{
  for (guint i = 0; i < n_children (elem); i++)
    if (is_element (get_child (elem, i), name))
      return elem_text (get_child (elem, i));

  return NULL;
}

static char *
shift_date (Importer   *imp,
            const char *date)
{
  TxDate parsed;

  if (date == NULL)
    return NULL;
  if (imp->options == NULL || imp->options->shift_days == 0)
    return g_strdup (date);

  parsed = tx_date_from_iso (date);
  if (parsed == TX_DATE_NONE)
    return g_strdup (date);

  return tx_date_to_iso (tx_date_add_days (parsed, imp->options->shift_days));
}

static char *
shift_datetime (Importer   *imp,
                const char *datetime)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) shifted = NULL;

  if (datetime == NULL)
    return NULL;
  if (imp->options == NULL || imp->options->shift_days == 0)
    return g_strdup (datetime);

  parsed = g_date_time_new_from_iso8601 (datetime, NULL);
  if (parsed == NULL)
    return g_strdup (datetime);

  shifted = g_date_time_add_days (parsed, imp->options->shift_days);

  return g_date_time_format (shifted, "%Y-%m-%dT%H:%M:%S%:z");
}

static gboolean
fail_at (Importer    *imp,
         long         line,
         GError     **error,
         int          code,
         const char  *format,
         ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail_at (Importer    *imp,
         long         line,
         GError     **error,
         int          code,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: "FILE, line N: what is wrong" */
  g_set_error (error, TX_EXCHANGE_ERROR, code, _("%s, line %ld: %s"),
               imp->display_name, line, message);

  return FALSE;
}

/* A check's or a writer's error, said with the file and the line it
 * comes from. */
static gboolean
fail_writing (Importer  *imp,
              long       line,
              GError   **error)
{
  g_prefix_error (error, _("%s, line %ld: "), imp->display_name, line);
  return FALSE;
}

/* The first of @problems, with the file and the line. */
static gboolean
fail_with_problems (Importer   *imp,
                    long        line,
                    GPtrArray  *problems,
                    GError    **error)
{
  TxProblem *first = g_ptr_array_index (problems, 0);

  return fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID, "%s", first->message);
}

/* Something the shape does not take, which the schema may: the pass
 * ends, and the file is read again against the schema, whose word it
 * is.  The message is for the log; a clerk would only ever be told the
 * schema's. */
static gboolean
fail_shape (Importer    *imp,
            long         line,
            const char  *what,
            GError     **error)
{
  g_debug ("%s, line %ld: %s, not as Tongxin writes it", imp->display_name, line, what);
  g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
               _("%s is not a valid Tongxin exchange file. %s"), imp->display_name,
               _(NOT_WRITTEN_BY_TONGXIN));
  return FALSE;
}

/* ---- the file, and the reader of it ------------------------------- */

/* The prolog is looked at through a buffer of this size */
#define PROLOG_BUFFER_SIZE 4096

/* The largest file imported; refused when larger, before it is read. */
static gboolean
check_size (Importer  *imp,
            GError   **error)
{
  g_autofree char *size = NULL;
  g_autofree char *limit = NULL;

  if (imp->size <= MAX_FILE_SIZE)
    return TRUE;

  size = g_format_size (imp->size);
  limit = g_format_size (MAX_FILE_SIZE);
  g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
               /* Translators: a file, its size ("5.2 GB"), then the largest size imported ("4.0 GB") */
               _("%s is too large to import (%s): Tongxin imports exchange files of up to %s."),
               imp->display_name, size, limit);
  return FALSE;
}

/* The file from its start, for one reading of it. */
static GInputStream *
open_input (Importer  *imp,
            GError   **error)
{
  GInputStream *input;

  if (imp->bytes != NULL)
    return g_memory_input_stream_new_from_bytes (imp->bytes);

  if (!g_seekable_seek (G_SEEKABLE (imp->file), 0, G_SEEK_SET, NULL, error))
    return NULL;

  /* libxml2 asks for 4 kB at a time: read ahead, in fewer calls */
  input = g_buffered_input_stream_new_sized (imp->file, READ_BUFFER_SIZE);
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (input), FALSE);

  return input;
}

/* At least @wanted bytes of @input to look at, unless it ends first.
 * (Filling may move what is buffered, even when it reads nothing.) */
static const char *
peek_input (GBufferedInputStream *input,
            gsize                 wanted,
            gsize                *available)
{
  gsize buffered;

  while ((buffered = g_buffered_input_stream_get_available (input)) < wanted &&
         g_buffered_input_stream_fill (input, wanted - buffered, NULL, NULL) > 0)
    ;

  return g_buffered_input_stream_peek_buffer (input, available);
}

static void
skip_input (GBufferedInputStream *input,
            gsize                 count)
{
  g_input_stream_skip (G_INPUT_STREAM (input), count, NULL, NULL);
}

/* Past white space; FALSE when the file ends first. */
static gboolean
skip_spaces (GBufferedInputStream *input)
{
  for (;;)
    {
      gsize available;
      const char *data = peek_input (input, PROLOG_BUFFER_SIZE, &available);
      gsize spaces = 0;

      if (available == 0)
        return FALSE;

      while (spaces < available && g_ascii_isspace (data[spaces]))
        spaces++;
      skip_input (input, spaces);
      if (spaces < available)
        return TRUE;
    }
}

/* Past the end of a comment or a processing instruction, @closing;
 * FALSE when the file ends, or has a NUL, before it. */
static gboolean
skip_past (GBufferedInputStream *input,
           const char           *closing)
{
  gsize length = strlen (closing);

  for (;;)
    {
      gsize available;
      const char *data = peek_input (input, PROLOG_BUFFER_SIZE, &available);
      const char *nul = memchr (data, '\0', available);
      const char *found = g_strstr_len (data, nul != NULL ? (gsize) (nul - data) : available, closing);

      if (found != NULL)
        {
          skip_input (input, found - data + length);
          return TRUE;
        }
      if (nul != NULL || available < PROLOG_BUFFER_SIZE)
        return FALSE;

      /* what is left may be the start of @closing */
      skip_input (input, available - (length - 1));
    }
}

/*
 * What a file must be before libxml2 is given it: not empty, UTF-8,
 * XML, and without a document type declaration.  An exchange file
 * never has one; one with entities is how a file of a few hundred bytes
 * grows into gigabytes as it is read (entities nested in entities), or
 * reads files of the computer it is imported on (external entities).
 * It is refused here, before it is parsed at all.  The file is looked
 * at through a small buffer, as far as its prolog goes.
 */
static gboolean
check_prolog (Importer  *imp,
              GError   **error)
{
  g_autoptr(GInputStream) file = open_input (imp, error);
  g_autoptr(GInputStream) stream = NULL;
  GBufferedInputStream *input;
  const char *data;
  gsize available;
  gboolean not_utf8;

  if (file == NULL)
    return FALSE;

  stream = g_buffered_input_stream_new_sized (file, PROLOG_BUFFER_SIZE);
  input = G_BUFFERED_INPUT_STREAM (stream);

  /* UTF-16 and UTF-32 have a byte-order mark, or NULs in the first
   * bytes; UTF-8 may have a mark of its own */
  data = peek_input (input, 4, &available);
  not_utf8 = memchr (data, '\0', MIN (available, 4)) != NULL ||
             (available >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0));
  if (available >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    skip_input (input, 3);

  if (!skip_spaces (input))
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("%s is empty. Copy it again, or ask the sender to export it again."),
                   imp->display_name);
      return FALSE;
    }

  if (not_utf8)
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("%s is not in UTF-8, as every exchange file is. %s"),
                   imp->display_name, _(NOT_WRITTEN_BY_TONGXIN));
      return FALSE;
    }

  data = peek_input (input, 1, &available);
  if (*data != '<')
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("%s is not an exchange file: it is not XML. Choose the .xml file that Tongxin exported (a roster is imported with “roster import”)."),
                   imp->display_name);
      return FALSE;
    }

  /* the XML declaration, comments and processing instructions, up to
   * the root element */
  for (;;)
    {
      const char *closing;

      skip_spaces (input);
      data = peek_input (input, 4, &available);
      if (available >= 4 && memcmp (data, "<!--", 4) == 0)
        closing = "-->";
      else if (available >= 2 && memcmp (data, "<?", 2) == 0)
        closing = "?>";
      else
        break;

      skip_input (input, 2);
      if (!skip_past (input, closing))
        return TRUE;   /* libxml2 says the file is incomplete */
    }

  data = peek_input (input, 9, &available);
  if (available >= 9 && memcmp (data, "<!DOCTYPE", 9) == 0)
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                   _("%s has a document type declaration (<!DOCTYPE …>), which no exchange file has: it may be made to harm the computer that reads it, and is not read. %s"),
                   imp->display_name, _(NOT_WRITTEN_BY_TONGXIN));
      return FALSE;
    }

  return TRUE;
}

static int
read_input_cb (void *context,
               char *buffer,
               int   length)
{
  g_autoptr(GError) error = NULL;
  gssize n_read = g_input_stream_read (context, buffer, length, NULL, &error);

  if (n_read < 0)
    {
      g_debug ("Could not read the exchange file: %s", error->message);
      return -1;
    }

  return (int) n_read;
}

static int
close_input_cb (void *context)
{
  g_object_unref (context);
  return 0;
}

/* The reading flags: no network, no DTD loaded, no entity replaced,
 * and libxml2's limits on the length of a text and the depth of the
 * tree kept (no XML_PARSE_HUGE). */
#define READER_FLAGS (XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

/* A reader of the file from its start, a buffer at a time. */
static xmlTextReaderPtr
open_reader (Importer  *imp,
             GError   **error)
{
  GInputStream *input = open_input (imp, error);

  if (input == NULL)
    return NULL;

  /* the reader closes @input, even when it cannot be made */
  return xmlReaderForIO (read_input_cb, close_input_cb, input, NULL, "UTF-8", READER_FLAGS);
}

static xmlRelaxNGPtr
load_schema (GError **error)
{
  g_autoptr(GBytes) schema_bytes = NULL;
  xmlRelaxNGParserCtxtPtr parser;
  xmlRelaxNGPtr schema;

  schema_bytes = g_resources_lookup_data (SCHEMA_RESOURCE, 0, error);
  if (schema_bytes == NULL)
    return NULL;

  parser = xmlRelaxNGNewMemParserCtxt (g_bytes_get_data (schema_bytes, NULL), g_bytes_get_size (schema_bytes));
  schema = xmlRelaxNGParse (parser);
  xmlRelaxNGFreeParserCtxt (parser);
  if (schema == NULL)
    g_set_error_literal (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                         _("The exchange format built into Tongxin cannot be read: Tongxin is not installed whole. Install it again."));

  return schema;
}

/* ---- reading a record --------------------------------------------- */

/* The line of the node the reader is on (the parser is ahead of it). */
static long
reader_line (xmlTextReaderPtr reader)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (reader);
  long line = node != NULL ? xmlGetLineNo (node) : -1;

  return line > 0 ? line : xmlTextReaderGetParserLineNumber (reader);
}

static Elem *
elem_new_from_reader (xmlTextReaderPtr reader)
{
  Elem *elem = g_new0 (Elem, 1);

  elem->name = (const char *) xmlTextReaderConstLocalName (reader);
  elem->line = reader_line (reader);

  if (xmlTextReaderHasAttributes (reader) != 1)
    return elem;

  while (xmlTextReaderMoveToNextAttribute (reader) == 1)
    {
      if (xmlTextReaderIsNamespaceDecl (reader) == 1)
        continue;
      if (xmlTextReaderConstNamespaceUri (reader) != NULL)
        elem->foreign = TRUE;
      if (elem->attributes == NULL)
        elem->attributes = g_ptr_array_new ();
      g_ptr_array_add (elem->attributes, (gpointer) xmlTextReaderConstLocalName (reader));
      g_ptr_array_add (elem->attributes, g_strdup ((const char *) xmlTextReaderConstValue (reader)));
    }
  xmlTextReaderMoveToElement (reader);

  return elem;
}

static gboolean
in_exchange_namespace (xmlTextReaderPtr reader)
{
  return g_strcmp0 ((const char *) xmlTextReaderConstNamespaceUri (reader), TX_EXCHANGE_NAMESPACE) == 0;
}

/* Whether @elem has the attributes of its shape, each of its type, and
 * no other. */
static gboolean
attributes_fit (Elem *elem)
{
  const AttributeShape *shapes = elem->shape->attributes;
  guint required = 0;
  guint found = 0;

  if (elem->foreign)
    return FALSE;

  for (guint i = 0; shapes != NULL && shapes[i].name != NULL; i++)
    required += shapes[i].required ? 1 : 0;

  for (guint i = 0; elem->attributes != NULL && i + 1 < elem->attributes->len; i += 2)
    {
      const char *name = g_ptr_array_index (elem->attributes, i);
      const char *value = g_ptr_array_index (elem->attributes, i + 1);
      const AttributeShape *shape = NULL;

      for (guint j = 0; shapes != NULL && shapes[j].name != NULL && shape == NULL; j++)
        if (g_str_equal (shapes[j].name, name))
          shape = &shapes[j];

      if (shape == NULL || !value_fits (shape->kind, shape->choices, value))
        return FALSE;
      found += shape->required ? 1 : 0;
    }

  return found == required;
}

/* The shape of the element the reader is on, the next child of
 * @parent; NULL when it is not one @parent has there.  The schema's
 * children are in a fixed order, each once, maybe, or any number of
 * times, so the next one is the first, from where the last one was,
 * that may be there. */
static const ElementShape *
next_child_shape (Elem             *parent,
                  xmlTextReaderPtr  reader,
                  const char       *name)
{
  const ChildShape *children = parent->shape->children;

  if (parent->shape->content != VALUE_ELEMENTS || !in_exchange_namespace (reader))
    return NULL;

  for (; children[parent->next_child].element != NULL; parent->next_child++, parent->n_of_next = 0)
    {
      const ChildShape *child = &children[parent->next_child];

      if (g_str_equal (child->element->name, name) && (child->occurs == OCCURS_ANY || parent->n_of_next == 0))
        {
          parent->n_of_next++;
          return child->element;
        }

      /* one that must be there is not */
      if (child->occurs == OCCURS_ONCE && parent->n_of_next == 0)
        return NULL;
    }

  return NULL;
}

/* Whether what @elem held, now that it ends, is what its shape holds. */
static gboolean
content_fits (Elem *elem)
{
  const ElementShape *shape = elem->shape;

  switch (shape->content)
    {
    case VALUE_ELEMENTS:
      for (guint i = elem->next_child; shape->children[i].element != NULL; i++)
        if (shape->children[i].occurs == OCCURS_ONCE && (i > elem->next_child || elem->n_of_next == 0))
          return FALSE;
      return TRUE;

    case VALUE_EMPTY:
      return elem->children == NULL && elem->text == NULL;

    default:
      return elem->children == NULL && value_fits (shape->content, shape->choices, elem_text (elem));
    }
}

/* Whether text may be inside @parent: any in a text, white space
 * between elements. */
static gboolean
text_fits (Elem       *parent,
           const char *text)
{
  switch (parent->shape->content)
    {
    case VALUE_ELEMENTS:
      return is_only_space (text);
    case VALUE_EMPTY:
      return FALSE;
    default:
      return TRUE;
    }
}

/* Bytes of text read into one element: four bytes for each character
 * of the longest text a record keeps (tx_text_field_get_info()).  A
 * text under it is then held to its own field's length. */
static gsize
max_text_bytes (void)
{
  static gsize max_bytes;

  if (g_once_init_enter (&max_bytes))
    {
      guint longest = 0;

      for (guint field = 0; field < TX_N_TEXT_FIELDS; field++)
        longest = MAX (longest, tx_text_field_get_max_chars (field));
      g_once_init_leave (&max_bytes, 4 * (gsize) longest);
    }

  return max_bytes;
}

static gboolean
fail_too_deep (Importer  *imp,
               long       line,
               GError   **error)
{
  return fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID,
                  _("elements are nested far deeper than in any exchange file. %s"),
                  _(NOT_WRITTEN_BY_TONGXIN));
}

/*
 * Reads the element the reader is on, a record, with everything in it;
 * the reader validates each node as it passes it (against the schema),
 * or this function against @shape, and the first fault, the schema's or
 * this function's, stops the reading.
 */
static Elem *
read_element (Importer            *imp,
              xmlTextReaderPtr     reader,
              const ElementShape  *shape,
              GError             **error)
{
  g_autoptr(Elem) root = elem_new_from_reader (reader);
  g_autoptr(GPtrArray) open = g_ptr_array_new ();
  int rc;

  root->shape = shape;
  if (shape != NULL && !attributes_fit (root))
    return fail_shape (imp, root->line, "the attributes of a record", error), NULL;

  if (xmlTextReaderIsEmptyElement (reader) == 1)
    {
      if (shape != NULL && !content_fits (root))
        return fail_shape (imp, root->line, "an empty record", error), NULL;
      return g_steal_pointer (&root);
    }

  g_ptr_array_add (open, root);

  while ((rc = xmlTextReaderRead (reader)) == 1 && imp->first_error == NULL)
    {
      Elem *parent = g_ptr_array_index (open, open->len - 1);
      long line = reader_line (reader);

      if (xmlTextReaderDepth (reader) > MAX_DEPTH)
        return fail_too_deep (imp, line, error), NULL;

      switch (xmlTextReaderNodeType (reader))
        {
        case XML_READER_TYPE_ELEMENT:
          {
            Elem *child = elem_new_from_reader (reader);
            gboolean empty = xmlTextReaderIsEmptyElement (reader) == 1;

            if (parent->children == NULL)
              parent->children = g_ptr_array_new_with_free_func ((GDestroyNotify) elem_free);
            g_ptr_array_add (parent->children, child);

            if (shape != NULL)
              {
                child->shape = next_child_shape (parent, reader, child->name);
                if (child->shape == NULL || !attributes_fit (child) || (empty && !content_fits (child)))
                  return fail_shape (imp, line, "an element", error), NULL;
              }

            if (!empty)
              g_ptr_array_add (open, child);
          }
          break;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          {
            const char *value = (const char *) xmlTextReaderConstValue (reader);
            gsize length = value != NULL ? strlen (value) : 0;

            if (shape != NULL && !text_fits (parent, value != NULL ? value : ""))
              return fail_shape (imp, line, "text", error), NULL;

            if (parent->text == NULL)
              parent->text = g_string_sized_new (length);
            if (parent->text->len + length > max_text_bytes ())
              {
                fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID,
                         _("the text of <%s> is longer than any text Tongxin keeps. %s"),
                         parent->name, _(NOT_WRITTEN_BY_TONGXIN));
                return NULL;
              }
            g_string_append_len (parent->text, value, length);
          }
          break;

        case XML_READER_TYPE_END_ELEMENT:
          if (shape != NULL && !content_fits (parent))
            return fail_shape (imp, line, "the end of an element", error), NULL;

          g_ptr_array_set_size (open, open->len - 1);
          if (open->len == 0)
            return g_steal_pointer (&root);
          break;

        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_COMMENT:
        case XML_READER_TYPE_PROCESSING_INSTRUCTION:
          /* comments and processing instructions say nothing; among
           * the text of an element, the shape leaves them to the
           * schema */
          if (shape != NULL && parent->shape->content != VALUE_ELEMENTS)
            return fail_shape (imp, line, "a comment in a text", error), NULL;
          break;

        default:
          if (shape != NULL)
            return fail_shape (imp, line, "a node", error), NULL;
          break;
        }
    }

  /* the fault is the schema's or libxml2's, said by the handler */
  if (imp->first_error == NULL && rc != 1)
    g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                 _("%s could not be read to the end: it is incomplete. Copy it again, or ask the sender to export it again."),
                 imp->display_name);

  return NULL;
}

/* ---- checking a record --------------------------------------------- */

/* Normalised "updated" of a record, moved to the import's time when it
 * is more than a day ahead (see importer_set_today()); or a clear
 * error.  A plan may have none: then the import's time. */
static char *
read_updated (Importer    *imp,
              Elem        *elem,
              const char  *attribute,
              GError     **error)
{
  const char *text = get_attr (elem, attribute);
  g_autofree char *normalized = tx_timestamp_normalize (text);

  if (normalized == NULL && text != NULL)
    {
      fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_INVALID,
               _("“%s” is not a date and time with a time zone. %s"), text, _(NOT_WRITTEN_BY_TONGXIN));
      return NULL;
    }

  if (normalized == NULL)
    return g_strdup (imp->import_time);

  if (strcmp (normalized, imp->latest_updated) >= 0)
    {
      g_debug ("%s, line %ld: %s=\"%s\" is after %s; taken as %s",
               imp->display_name, elem->line, attribute, text, imp->latest_updated, imp->import_time);
      imp->clamped++;
      return g_strdup (imp->import_time);
    }

  return g_steal_pointer (&normalized);
}

/* The row id that @sql finds for @uuid (0: none). */
static gint64
lookup_id (Importer   *imp,
           const char *sql,
           const char *uuid)
{
  sqlite3_stmt *stmt = tx_store_prepare (imp->store, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL || uuid == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (imp_step (imp, stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

/* What the pass has read so far starts empty. */
static void
begin_reading (Importer *imp)
{
  g_clear_pointer (&imp->records_read.slots, g_free);
  g_clear_pointer (&imp->plans_read, g_hash_table_unref);
  g_clear_pointer (&imp->township_ids, g_hash_table_unref);

  imp->records_read = (ReadTable) { g_new0 (ReadSlot, 1024), 1024, 0 };
  imp->plans_read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp->township_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp->next_person_id = 0;
}

/* The 16 bytes of a uuid written as Tongxin writes it; FALSE for any
 * other text (which neither the schema nor the shape lets through). */
static gboolean
uuid_to_bytes (const char *uuid,
               guint64     bytes[2])
{
  return uuid != NULL && read_uuid (uuid, bytes);
}

/* The slot of @uuid in @table: its own, or the free one it would take. */
static ReadSlot *
find_slot (ReadTable     *table,
           const guint64  uuid[2])
{
  /* ids may be made by hand, one after another: their bits are mixed */
  guint64 hash = (uuid[0] ^ (uuid[1] * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15))) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  gsize mask = table->n_slots - 1;

  for (gsize i = (hash >> 32) & mask; ; i = (i + 1) & mask)
    {
      ReadSlot *slot = &table->slots[i];

      if (slot->value == 0 || (slot->uuid[0] == uuid[0] && slot->uuid[1] == uuid[1]))
        return slot;
    }
}

static void
grow_table (ReadTable *table)
{
  ReadSlot *old = table->slots;
  gsize n_old = table->n_slots;

  table->n_slots *= 2;
  table->slots = g_new0 (ReadSlot, table->n_slots);
  for (gsize i = 0; i < n_old; i++)
    if (old[i].value != 0)
      *find_slot (table, old[i].uuid) = old[i];
  g_free (old);
}

/* The kind of the record of @uuid read before in this pass, and its
 * row id when this pass added it (else 0); FALSE if none was read. */
static gboolean
lookup_read (Importer    *imp,
             const char  *uuid,
             Kind        *kind,
             gint64      *id)
{
  guint64 bytes[2];
  ReadSlot *slot;

  if (!uuid_to_bytes (uuid, bytes))
    return FALSE;

  slot = find_slot (&imp->records_read, bytes);
  if (slot->value == 0)
    return FALSE;

  *kind = (slot->value & 7) - 1;
  *id = slot->value >> 3;

  return TRUE;
}

/* Keeps that the record of @uuid, of @kind, is read, and has the row
 * @id here (or 0: not known). */
static void
keep_read (Importer   *imp,
           const char *uuid,
           Kind        kind,
           gint64      id)
{
  ReadTable *table = &imp->records_read;
  guint64 bytes[2];
  ReadSlot *slot;

  if (!uuid_to_bytes (uuid, bytes))
    return;

  slot = find_slot (table, bytes);
  if (slot->value == 0)
    {
      if (4 * (table->n_used + 1) > 3 * table->n_slots)
        {
          grow_table (table);
          slot = find_slot (table, bytes);
        }
      table->n_used++;
      slot->uuid[0] = bytes[0];
      slot->uuid[1] = bytes[1];
    }
  slot->value = (guint64) (kind + 1) | (guint64) id << 3;
}

/* The row id of the person or consultation of @uuid: the one this pass
 * added, or the database's (0: none). */
static gint64
find_row (Importer   *imp,
          Kind        kind,
          const char *uuid)
{
  Kind earlier;
  gint64 id;

  if (lookup_read (imp, uuid, &earlier, &id) && earlier == kind && id != 0)
    return id;

  return lookup_id (imp, kind == KIND_PERSON ? "SELECT id FROM person WHERE uuid = ?"
                                             : "SELECT id FROM consultation WHERE uuid = ?",
                    uuid);
}

/* The row id of the township of @uuid (0: none); townships are few, and
 * every record looks one up. */
static gint64
find_township (Importer   *imp,
               const char *uuid)
{
  gpointer id;

  if (uuid == NULL)
    return 0;

  if (imp->check == CHECK_SHAPE && g_hash_table_lookup_extended (imp->township_ids, uuid, NULL, &id))
    return GPOINTER_TO_SIZE (id);

  id = GSIZE_TO_POINTER (lookup_id (imp, "SELECT id FROM township WHERE uuid = ?", uuid));
  if (imp->check == CHECK_SHAPE && id != NULL)
    g_hash_table_insert (imp->township_ids, g_strdup (uuid), id);

  return GPOINTER_TO_SIZE (id);
}

/* Whether a township, a person or a consultation of @uuid is in the
 * file before this record, or in the database (removed or not). */
static gboolean
is_known (Importer   *imp,
          Kind        kind,
          const char *uuid)
{
  const char *sql = kind == KIND_TOWNSHIP ? "SELECT 1 FROM township WHERE uuid = ?"
                  : kind == KIND_PERSON ? "SELECT 1 FROM person WHERE uuid = ?"
                  : "SELECT 1 FROM consultation WHERE uuid = ?";
  sqlite3_stmt *stmt;
  Kind earlier;
  gint64 id;
  gboolean known;

  if (uuid == NULL)
    return FALSE;

  if (lookup_read (imp, uuid, &earlier, &id) && earlier == kind)
    return TRUE;

  stmt = tx_store_prepare (imp->store, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  known = imp_step (imp, stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return known;
}

/* Whether what a record refers to is known, as it is read.  A file read
 * against its shape is read by a thread of its own, which leaves the
 * database to the merging thread: that one looks, before it merges the
 * record (check_references()). */
static gboolean
refers_to_known (Importer   *imp,
                 Kind        kind,
                 const char *uuid)
{
  return imp->check == CHECK_SHAPE || is_known (imp, kind, uuid);
}

/* What a record is, for messages: "the person 陈明". */
static char *
describe (Kind  kind,
          Elem *elem)
{
  const char *text;

  switch (kind)
    {
    case KIND_TOWNSHIP:
      text = get_attr (elem, "name");
      /* Translators: %s is a township's name */
      return g_strdup_printf (_("the township %s"), text ? text : "");

    case KIND_PERSON:
      /* the last name, as the last is kept */
      text = "";
      for (guint i = 0; i < n_children (elem); i++)
        if (is_element (get_child (elem, i), "name"))
          text = elem_text (get_child (elem, i));
      /* Translators: %s is a person's name */
      return g_strdup_printf (_("the person %s"), text);

    case KIND_CONSULTATION:
      text = child_text (elem, "title");
      /* Translators: %s is the title of a consultation */
      return g_strdup_printf (_("the consultation “%s”"), text ? text : "");

    case KIND_OUTCOME:
      text = child_text (elem, "title");
      /* Translators: %s is the title of a recommendation */
      return g_strdup_printf (_("the recommendation “%s”"), text ? text : "");

    case KIND_PLAN:
    case KIND_DELETED:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
read_township (Importer    *imp,
               Elem        *elem,
               Incoming    *incoming,
               GError     **error)
{
  const char *name = get_attr (elem, "name");
  TxTownshipKind township_kind = TX_TOWNSHIP_KIND_TOWN;
  g_autofree char *problem = tx_text_check (TX_TEXT_TOWNSHIP_NAME, name);

  incoming->description = describe (KIND_TOWNSHIP, elem);
  if (problem != NULL)
    return fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_INVALID, "%s", problem);

  tx_township_kind_from_key (get_attr (elem, "kind"), &township_kind);
  incoming->record = G_OBJECT (tx_township_new (incoming->uuid, name, township_kind));

  return TRUE;
}

static gboolean
read_person (Importer    *imp,
             Elem        *elem,
             Incoming    *incoming,
             GError     **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  TxPerson *person = tx_person_new ();
  const char *township = get_attr (elem, "township");

  incoming->record = G_OBJECT (person);
  person->uuid = g_strdup (incoming->uuid);
  person->township_uuid = g_strdup (township);
  person->updated_at = g_strdup (incoming->updated);

  for (guint i = 0; i < n_children (elem); i++)
    {
      Elem *child = get_child (elem, i);
      const char *text = elem_text (child);

      if (is_element (child, "name"))
        tx_record_set_text (&person->name, text);
      else if (is_element (child, "gender"))
        tx_gender_from_key (text, &person->gender);
      else if (is_element (child, "ethnicity"))
        tx_record_set_text (&person->ethnicity, text);
      else if (is_element (child, "category"))
        {
          TxCategory category;

          if (tx_category_from_key (text, &category))
            tx_person_add_category (person, category);
        }
      else if (is_element (child, "organization"))
        tx_record_set_text (&person->organization, text);
      else if (is_element (child, "title"))
        tx_record_set_text (&person->title, text);
      else if (is_element (child, "phone"))
        tx_record_set_text (&person->phone, text);
      else if (is_element (child, "village"))
        tx_record_set_text (&person->village, text);
      else if (is_element (child, "notes"))
        tx_record_set_text (&person->notes, text);
    }

  incoming->description = describe (KIND_PERSON, elem);

  /* the roster editor's rules: a name, a phone it takes, texts it keeps */
  if (person->name != NULL)
    g_strstrip (person->name);
  problems = tx_person_check (person);
  if (problems->len > 0)
    return fail_with_problems (imp, elem->line, problems, error);

  /* the costliest part of a new person, made while the other thread
   * merges (add_new_person()) */
  if (imp->check == CHECK_SHAPE && imp->pass == PASS_MERGE)
    tx_collate_sort_keys (person->name, &incoming->pinyin, &incoming->strokes);

  if (township != NULL && !refers_to_known (imp, KIND_TOWNSHIP, township))
    return fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the person refers to the township %s, which is neither in the file nor in the database."),
                    township);

  return TRUE;
}

static gboolean
read_plan (Importer    *imp,
           Elem        *elem,
           Incoming    *incoming,
           GError     **error)
{
  const char *year = get_attr (elem, "year");
  const char *count = get_attr (elem, "consultations");
  g_autofree char *key = NULL;
  gpointer earlier;

  incoming->township = g_strdup (get_attr (elem, "township"));
  incoming->year = atoi (year ? year : "0") + imp->year_shift;
  incoming->count = atoi (count ? count : "0");
  /* Translators: the plan of a township (its id) for a year */
  incoming->description = g_strdup_printf (_("the plan of %s for %d"), incoming->township, incoming->year);

  key = g_strdup_printf ("%s\x1f%d", incoming->township, incoming->year);
  if (g_hash_table_lookup_extended (imp->plans_read, key, NULL, &earlier))
    return fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_INVALID,
                    _("the plan of the township %s for %d is given twice, here and on line %ld. %s"),
                    incoming->township, incoming->year, (long) GPOINTER_TO_SIZE (earlier),
                    _(NOT_WRITTEN_BY_TONGXIN));
  g_hash_table_insert (imp->plans_read, g_steal_pointer (&key), GSIZE_TO_POINTER (incoming->line));

  if (!refers_to_known (imp, KIND_TOWNSHIP, incoming->township))
    return fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the plan refers to the township %s, which is neither in the file nor in the database."),
                    incoming->township);

  return TRUE;
}

/* A consultation's stages, participants and minutes, read into @record. */
static gboolean
read_consultation_parts (Importer        *imp,
                         Elem            *elem,
                         TxConsultation  *record,
                         GError         **error)
{
  for (guint i = 0; i < n_children (elem); i++)
    {
      Elem *child = get_child (elem, i);

      if (is_element (child, "stage"))
        {
          const char *name = get_attr (child, "name");
          TxStage stage;

          if (!tx_stage_from_key (name, &stage) || stage == TX_STAGE_DONE)
            return fail_at (imp, child->line, error, TX_EXCHANGE_ERROR_INVALID, _("“%s” is not a stage."), name);

          g_free (record->stage_due[stage]);
          g_free (record->stage_done[stage]);
          record->stage_due[stage] = shift_date (imp, get_attr (child, "due"));
          record->stage_done[stage] = shift_date (imp, get_attr (child, "done"));
          tx_record_set_text (&record->stage_note[stage], get_attr (child, "reason"));
        }
      else if (is_element (child, "participant"))
        {
          const char *person = get_attr (child, "person");
          const char *invited = get_attr (child, "invited");
          const char *attended = get_attr (child, "attended");
          TxRole role = TX_ROLE_OBSERVER;
          TxParticipant *participant;

          if (!refers_to_known (imp, KIND_PERSON, person))
            return fail_at (imp, child->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                            _("the participant %s is neither in the file nor in the database."), person);

          tx_role_from_key (get_attr (child, "role"), &role);
          participant = tx_participant_new (person, role);
          participant->invited = g_strcmp0 (invited, "false") != 0 && g_strcmp0 (invited, "0") != 0;
          participant->attended = attended == NULL ? -1
                                  : g_str_equal (attended, "true") || g_str_equal (attended, "1");
          g_ptr_array_add (record->participants, participant);
        }
      else if (is_element (child, "minutes"))
        {
          tx_consultation_set_minutes (record, get_attr (child, "recorder"),
                                       child_text (child, "agenda"),
                                       child_text (child, "consensus"),
                                       child_text (child, "next-steps"));
          for (guint j = 0; j < n_children (child); j++)
            {
              Elem *speech = get_child (child, j);
              const char *speaker = get_attr (speech, "speaker");

              if (is_element (speech, "speech"))
                tx_consultation_add_speech (record, speaker ? speaker : "", elem_text (speech));
            }
        }
    }

  return TRUE;
}

static gboolean
read_consultation (Importer    *imp,
                   Elem        *elem,
                   Incoming    *incoming,
                   GError     **error)
{
  const char *township = get_attr (elem, "township");
  TxConsultation *record = tx_consultation_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) stages = NULL;

  /* the record as the file has it, checked and written as every
   * consultation is */
  incoming->record = G_OBJECT (record);
  record->uuid = g_strdup (incoming->uuid);
  record->updated_at = g_strdup (incoming->updated);
  record->township_uuid = g_strdup (township);
  tx_record_set_text (&record->title, child_text (elem, "title"));
  tx_topic_source_from_key (child_text (elem, "topic-source"), &record->topic_source);
  tx_orientation_from_key (child_text (elem, "orientation"), &record->orientation);
  tx_platform_from_key (child_text (elem, "platform"), &record->platform);
  tx_record_set_text (&record->venue, child_text (elem, "venue"));
  record->starts = shift_datetime (imp, child_text (elem, "starts"));
  record->ends = shift_datetime (imp, child_text (elem, "ends"));
  tx_record_set_text (&record->research, child_text (elem, "research"));

  incoming->description = describe (KIND_CONSULTATION, elem);

  if (!read_consultation_parts (imp, elem, record, error))
    return FALSE;

  /* the editor's rules, and the order of the stages, with the days the
   * sender may be ahead */
  problems = tx_consultation_check (record, imp->latest_date);
  stages = tx_consultation_check_stages (record, imp->latest_date);
  g_ptr_array_extend_and_steal (problems, g_steal_pointer (&stages));
  if (problems->len > 0)
    return fail_with_problems (imp, elem->line, problems, error);

  if (!refers_to_known (imp, KIND_TOWNSHIP, township))
    return fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the consultation refers to the township %s, which is neither in the file nor in the database."),
                    township);

  return TRUE;
}

static gboolean
read_outcome (Importer    *imp,
              Elem        *elem,
              Incoming    *incoming,
              GError     **error)
{
  const char *consultation = get_attr (elem, "consultation");
  const char *adoption = child_text (elem, "adoption");
  const char *progress = child_text (elem, "progress");
  TxOutcome *record = tx_outcome_new_for_consultation (consultation);
  g_autoptr(GPtrArray) problems = NULL;

  /* the record as the file has it, checked and written as every
   * recommendation is */
  incoming->record = G_OBJECT (record);
  record->uuid = g_strdup (incoming->uuid);
  record->updated_at = g_strdup (incoming->updated);
  tx_record_set_text (&record->title, child_text (elem, "title"));
  tx_record_set_text (&record->content, child_text (elem, "content"));
  tx_record_set_text (&record->submitted_to, child_text (elem, "submitted-to"));
  record->submitted = shift_date (imp, child_text (elem, "submitted"));
  record->adoption = TX_ADOPTION_PENDING;
  if (adoption != NULL)
    tx_adoption_from_key (adoption, &record->adoption);
  record->progress = progress != NULL ? atoi (progress) : -1;

  for (guint i = 0; i < n_children (elem); i++)
    {
      Elem *child = get_child (elem, i);

      if (is_element (child, "feedback"))
        {
          record->has_feedback = TRUE;
          record->feedback_due = shift_date (imp, get_attr (child, "due"));
          record->feedback_received = shift_date (imp, get_attr (child, "received"));
          tx_record_set_text (&record->feedback_text, elem_text (child));
        }
      else if (is_element (child, "supervision"))
        {
          g_autofree char *shifted = shift_date (imp, get_attr (child, "date"));
          TxSupervisionPhase phase = TX_SUPERVISION_BEFORE;

          tx_supervision_phase_from_key (get_attr (child, "phase"), &phase);
          tx_outcome_add_supervision (record, phase, shifted, get_attr (child, "by"), elem_text (child));
        }
    }

  incoming->description = describe (KIND_OUTCOME, elem);

  problems = tx_outcome_check (record, imp->latest_date);
  if (problems->len > 0)
    return fail_with_problems (imp, elem->line, problems, error);

  if (!refers_to_known (imp, KIND_CONSULTATION, consultation))
    return fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the recommendation refers to the consultation %s, which is neither in the file nor in the database."),
                    consultation);

  return TRUE;
}

static gboolean
read_deletion (Importer    *imp,
               Elem        *elem,
               Incoming    *incoming,
               GError     **error)
{
  incoming->deleted_kind = g_strdup (get_attr (elem, "kind"));
  /* Translators: %s is the kind of record deleted, a key: "person" */
  incoming->description = g_strdup_printf (_("the deletion of a record (%s)"), incoming->deleted_kind);

  return TRUE;
}

/* The first record of @uuid in the file, read again, to say what it is
 * and where: records are not kept once merged, and this is only needed
 * for a message. */
static char *
describe_again (Importer    *imp,
                Kind         kind,
                const char  *uuid,
                long        *line)
{
  xmlTextReaderPtr reader = open_reader (imp, NULL);
  char *description = NULL;

  while (reader != NULL && description == NULL && xmlTextReaderRead (reader) == 1)
    if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT && xmlTextReaderDepth (reader) == 1)
      {
        g_autoptr(Elem) elem = read_element (imp, reader, NULL, NULL);

        if (elem == NULL)
          break;
        if (g_strcmp0 (get_attr (elem, "uuid"), uuid) == 0)
          {
            description = describe (kind, elem);
            *line = elem->line;
          }
      }

  g_clear_pointer (&reader, xmlFreeTextReader);

  return description != NULL ? description : g_strdup ("");
}

/* One record an id: which of two would the database keep?  (A deletion
 * may come twice, or beside the record it deleted once and that came
 * back: the later of them wins, as they are merged.) */
static gboolean
remember_record (Importer  *imp,
                 Incoming  *incoming,
                 GError   **error)
{
  g_autofree char *earlier = NULL;
  long earlier_line = 0;
  Kind kind;
  gint64 id;

  if (!lookup_read (imp, incoming->uuid, &kind, &id))
    {
      keep_read (imp, incoming->uuid, incoming->kind, 0);
      return TRUE;
    }

  /* the file is read by another thread: the schema's reading says it */
  if (imp->check == CHECK_SHAPE)
    return fail_shape (imp, incoming->line, "an id given twice", error);

  earlier = describe_again (imp, kind, incoming->uuid, &earlier_line);

  return fail_at (imp, incoming->line, error, TX_EXCHANGE_ERROR_INVALID,
                  /* Translators: an id, then two records ("the person 陈明") and the line of the first */
                  _("the id %s is given to two records, %s on line %ld and %s here. Every record has an id of its own. %s"),
                  incoming->uuid, earlier, earlier_line, incoming->description,
                  _(NOT_WRITTEN_BY_TONGXIN));
}

/* Reads one record of the file and checks it by the rules every record
 * follows; NULL with @error set when it breaks one. */
static Incoming *
read_record (Importer    *imp,
             Elem        *elem,
             Kind         kind,
             GError     **error)
{
  g_autoptr(Incoming) incoming = g_new0 (Incoming, 1);
  gboolean ok;

  incoming->kind = kind;
  incoming->line = elem->line;
  incoming->uuid = g_strdup (get_attr (elem, "uuid"));
  incoming->updated = read_updated (imp, elem, kind == KIND_DELETED ? "at" : "updated", error);
  if (incoming->updated == NULL)
    return NULL;

  switch (kind)
    {
    case KIND_TOWNSHIP:
      ok = read_township (imp, elem, incoming, error);
      break;
    case KIND_PERSON:
      ok = read_person (imp, elem, incoming, error);
      break;
    case KIND_PLAN:
      ok = read_plan (imp, elem, incoming, error);
      break;
    case KIND_CONSULTATION:
      ok = read_consultation (imp, elem, incoming, error);
      break;
    case KIND_OUTCOME:
      ok = read_outcome (imp, elem, incoming, error);
      break;
    case KIND_DELETED:
      ok = read_deletion (imp, elem, incoming, error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    return NULL;

  return g_steal_pointer (&incoming);
}

/* ---- merging a record ---------------------------------------------- */

/*
 * Decides what to do with an incoming record: @lookup_sql selects
 * (id, updated_at, deleted_at) by uuid.  The newer "updated" wins;
 * a deletion counts as a change at its time.  @tombstone says whether
 * the record was deleted before ever being held here.
 */
static Merge
decide (Importer     *imp,
        const char   *kind,
        const char   *lookup_sql,
        const char   *uuid,
        const char   *updated,
        gint64       *id,
        gboolean     *tombstone)
{
  sqlite3_stmt *stmt;
  g_autofree char *existing = NULL;
  Merge merge = MERGE_INSERT;

  *id = 0;

  stmt = tx_store_prepare (imp->store, "SELECT deleted_at FROM tombstone WHERE kind = ? AND uuid = ?", NULL);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  if (imp_step (imp, stmt) == SQLITE_ROW)
    existing = g_strdup (tx_column_text (stmt, 0));
  sqlite3_reset (stmt);

  *tombstone = existing != NULL;
  if (existing != NULL)
    {
      int order = strcmp (updated, existing);

      return order > 0 ? MERGE_INSERT : order == 0 ? MERGE_UNCHANGED : MERGE_REJECTED;
    }

  stmt = tx_store_prepare (imp->store, lookup_sql, NULL);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (imp_step (imp, stmt) == SQLITE_ROW)
    {
      const char *updated_at = tx_column_text (stmt, 1);
      const char *deleted_at = tx_column_text (stmt, 2);
      const char *latest = strcmp (deleted_at, updated_at) > 0 ? deleted_at : updated_at;
      int order = strcmp (updated, latest);

      *id = sqlite3_column_int64 (stmt, 0);
      merge = order > 0 ? MERGE_UPDATE : order == 0 ? MERGE_UNCHANGED : MERGE_REJECTED;
    }
  sqlite3_reset (stmt);

  return merge;
}

static void
count_merge (Importer *imp,
             Merge     merge)
{
  switch (merge)
    {
    case MERGE_INSERT:
      imp->report.inserted++;
      break;
    case MERGE_UPDATE:
      imp->report.updated++;
      break;
    case MERGE_UNCHANGED:
      imp->report.unchanged++;
      break;
    case MERGE_REJECTED:
      imp->report.rejected++;
      break;
    default:
      g_assert_not_reached ();
    }
}


/* What the record does here, counted: it merges when it is new here
 * (MERGE_INSERT) or newer (MERGE_UPDATE). */
static Merge
decide_record (Importer  *imp,
               Incoming  *incoming,
               gboolean  *new_here)
{
  static const char * const tables[N_KINDS] = {
    [KIND_TOWNSHIP] = "township",
    [KIND_PERSON] = "person",
    [KIND_CONSULTATION] = "consultation",
    [KIND_OUTCOME] = "outcome",
  };
  static const char * const lookups[N_KINDS] = {
    [KIND_TOWNSHIP] = "SELECT id, updated_at, deleted_at FROM township WHERE uuid = ?",
    [KIND_PERSON] = "SELECT id, updated_at, deleted_at FROM person WHERE uuid = ?",
    [KIND_CONSULTATION] = "SELECT id, updated_at, deleted_at FROM consultation WHERE uuid = ?",
    [KIND_OUTCOME] = "SELECT id, updated_at, deleted_at FROM outcome WHERE uuid = ?",
  };
  gboolean tombstone;
  gint64 id;
  Merge merge;

  /* Into a table that had no row when the pass began, with no
   * tombstone either, a record is new: the only rows are the pass's
   * own, no two records have one id (remember_record()), and the
   * deletions, which make tombstones, come after every record (the
   * shape has them last). */
  if (imp->check == CHECK_SHAPE && imp->was_empty[incoming->kind] && imp->was_empty[KIND_DELETED])
    {
      merge = MERGE_INSERT;
      tombstone = FALSE;
    }
  else
    merge = decide (imp, tables[incoming->kind], lookups[incoming->kind], incoming->uuid, incoming->updated,
                    &id, &tombstone);
  count_merge (imp, merge);

  /* neither held here nor deleted before: no row of it to update */
  if (new_here != NULL)
    *new_here = merge == MERGE_INSERT && !tombstone;

  return merge;
}

static gboolean
merge_township (Importer    *imp,
                Incoming    *incoming,
                GError     **error)
{
  Merge merge = decide_record (imp, incoming, NULL);

  if (merge != MERGE_INSERT && merge != MERGE_UPDATE)
    return TRUE;

  if (!tx_store_write_township (imp->store, TX_TOWNSHIP (incoming->record), incoming->updated, error))
    return fail_writing (imp, incoming->line, error);

  return TRUE;
}

/* The id of the last person (0: none), removed or not. */
static gboolean
last_person_id (Importer  *imp,
                gint64    *id,
                GError   **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (imp->store, "SELECT coalesce (max (id), 0) FROM person", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = tx_store_step (imp->store, stmt, error);
  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

/*
 * People new here are added many at a time, as the roster import adds
 * them (TxRosterBulk): it writes the same rows as tx_roster_save_person(),
 * and is many times quicker for a city.  Into a roster that is empty,
 * it builds the sort indexes once at the end.  Only when the file is
 * read against its shape: against the schema, a file is merged exactly
 * as it always was, one person at a time.
 */
static gboolean
add_new_person (Importer  *imp,
                Incoming  *incoming,
                GError   **error)
{
  TxPerson *person = TX_PERSON (incoming->record);

  if (imp->new_people == NULL)
    {
      gint64 last_id;

      /* every new row takes the id after the last, one by one or many
       * at a time: the participants find them by it */
      if (!last_person_id (imp, &last_id, error))
        return FALSE;
      imp->next_person_id = last_id + 1;

      imp->new_people = tx_roster_bulk_new (imp->store, last_id == 0 ? G_MAXUINT : 0, error);
      if (imp->new_people == NULL)
        return FALSE;
    }

  if (incoming->pinyin == NULL)
    tx_collate_sort_keys (person->name, &incoming->pinyin, &incoming->strokes);
  if (!tx_roster_bulk_add (imp->new_people, person, incoming->pinyin, incoming->strokes, error))
    return FALSE;

  keep_read (imp, person->uuid, KIND_PERSON, imp->next_person_id++);
  return TRUE;
}

/* The people added many at a time, written: before any other record
 * is merged, as it may refer to them. */
static gboolean
finish_new_people (Importer  *imp,
                   GError   **error)
{
  g_autoptr(TxRosterBulk) bulk = g_steal_pointer (&imp->new_people);
  gint64 last_id;

  if (bulk == NULL)
    return TRUE;

  if (!tx_roster_bulk_finish (bulk, error) || !last_person_id (imp, &last_id, error))
    return FALSE;

  /* the ids kept for them are theirs (else the file is merged again,
   * one person at a time) */
  if (last_id != imp->next_person_id - 1)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_WRITE,
                   "people were given ids up to %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT,
                   last_id, imp->next_person_id - 1);
      return FALSE;
    }

  return TRUE;
}

static gboolean
merge_person (Importer    *imp,
              Incoming    *incoming,
              GError     **error)
{
  TxPerson *person = TX_PERSON (incoming->record);
  gboolean new_here;
  Merge merge = decide_record (imp, incoming, &new_here);
  gboolean written;

  if (merge != MERGE_INSERT && merge != MERGE_UPDATE)
    return TRUE;

  if (person->township_uuid != NULL && find_township (imp, person->township_uuid) == 0)
    return fail_at (imp, incoming->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the person refers to the township %s, which is neither in the file nor in the database."),
                    person->township_uuid);

  if (new_here && imp->check == CHECK_SHAPE)
    written = add_new_person (imp, incoming, error);
  else
    written = tx_roster_save_person (imp->store, person, error);
  if (!written)
    return fail_writing (imp, incoming->line, error);

  return TRUE;
}

static gboolean
merge_plan (Importer    *imp,
            Incoming    *incoming,
            GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 township_id;
  Merge merge = MERGE_INSERT;

  township_id = lookup_id (imp, "SELECT id FROM township WHERE uuid = ?", incoming->township);
  if (township_id == 0)
    return fail_at (imp, incoming->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the plan refers to the township %s, which is neither in the file nor in the database."),
                    incoming->township);

  stmt = tx_store_prepare (imp->store, "SELECT consultations, updated_at FROM plan WHERE township_id = ? AND year = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, township_id);
  sqlite3_bind_int (stmt, 2, incoming->year);
  if (imp_step (imp, stmt) == SQLITE_ROW)
    {
      int order = strcmp (incoming->updated, tx_column_text (stmt, 1));

      merge = order > 0 ? MERGE_UPDATE : order == 0 ? MERGE_UNCHANGED : MERGE_REJECTED;
    }
  sqlite3_reset (stmt);

  count_merge (imp, merge);
  if (merge == MERGE_UNCHANGED || merge == MERGE_REJECTED)
    return TRUE;

  if (!tx_store_write_plan (imp->store, incoming->township, incoming->year, incoming->count,
                            incoming->updated, error))
    return fail_writing (imp, incoming->line, error);

  return TRUE;
}

/* ---- records new here, many rows to a statement -------------------- */

/*
 * A consultation or a recommendation new here (neither held nor deleted
 * here before) is written with the rows tx_store_write_consultation()
 * and tx_store_write_outcome() write for it, checked by the same rules,
 * in the same order (so that every row gets the same id), but with its
 * stages, participants, speeches and supervision each in one statement
 * rather than one a row, and without looking for rows of it to update
 * or delete: a city has some 400,000 of them.  Only when the file is
 * read against its shape: against the schema, a file is merged exactly
 * as it always was.
 */
static const struct {
  const char *insert;
  const char *values;
  const char *on_conflict;
} rows_sql[N_ROWS_KINDS] = {
  [ROWS_STAGE] = {
    "INSERT INTO stage (consultation_id, stage, due, done, note) VALUES ",
    "(?, ?, ?, ?, ?)", ""
  },
  [ROWS_PARTICIPANT] = {
    "INSERT INTO participant (consultation_id, person_id, role, invited, attended, position) VALUES ",
    "(?, ?, ?, ?, ?, ?)", ""
  },
  [ROWS_SPEECH] = {
    "INSERT INTO speech (consultation_id, position, speaker, summary) VALUES ",
    "(?, ?, ?, ?)", ""
  },
  [ROWS_SUPERVISION] = {
    "INSERT INTO supervision (outcome_id, position, phase, date, by_whom, note) VALUES ",
    "(?, ?, ?, ?, ?, ?)", ""
  },
};

/* INSERT … VALUES (…), (…), … of @n_rows rows, prepared once an import. */
static sqlite3_stmt *
prepare_rows (Importer  *imp,
              RowsKind   kind,
              guint      n_rows,
              GError   **error)
{
  sqlite3_stmt **stmt = &imp->rows[kind][n_rows - 1];

  if (*stmt == NULL)
    {
      g_autoptr(GString) sql = g_string_new (rows_sql[kind].insert);

      for (guint i = 0; i < n_rows; i++)
        g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", rows_sql[kind].values);
      g_string_append (sql, rows_sql[kind].on_conflict);

      *stmt = tx_store_prepare (imp->store, sql->str, error);
    }

  return *stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  sqlite3_bind_text (stmt, column, text != NULL ? text : "", -1, SQLITE_STATIC);
}

static gboolean
write_stage_rows (Importer        *imp,
                  gint64           id,
                  TxConsultation  *self,
                  GError         **error)
{
  sqlite3_stmt *stmt = prepare_rows (imp, ROWS_STAGE, TX_N_STAGES, error);

  if (stmt == NULL)
    return FALSE;

  for (guint stage = 0, column = 1; stage < TX_N_STAGES; stage++)
    {
      sqlite3_bind_int64 (stmt, column++, id);
      sqlite3_bind_int (stmt, column++, stage);
      tx_bind_text_or_null (stmt, column++, self->stage_due[stage]);
      tx_bind_text_or_null (stmt, column++, self->stage_done[stage]);
      bind_text (stmt, column++, self->stage_note[stage]);
    }

  return tx_store_step_done (imp->store, stmt, error);
}

/* A participant's row, once its person is found */
typedef struct {
  gint64         person_id;
  TxParticipant *participant;   /* the last given for the person */
  guint          position;      /* the first */
} ParticipantRow;

static gboolean
write_participant_rows (Importer        *imp,
                        gint64           id,
                        TxConsultation  *self,
                        GError         **error)
{
  GArray *rows = imp->participant_rows;

  if (rows == NULL)
    rows = imp->participant_rows = g_array_new (FALSE, FALSE, sizeof (ParticipantRow));
  g_array_set_size (rows, 0);

  for (guint i = 0; i < self->participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (self->participants, i);
      gint64 person_id = find_row (imp, KIND_PERSON, participant->person_uuid);
      ParticipantRow row = { person_id, participant, i };
      guint j;

      if (person_id == 0)
        {
          g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                       _("No one on the roster has the id %s."), participant->person_uuid);
          return FALSE;
        }

      /* someone given twice keeps the first place and takes the last
       * role, as when the rows are written one by one (ON CONFLICT …
       * DO UPDATE) */
      for (j = 0; j < rows->len && g_array_index (rows, ParticipantRow, j).person_id != person_id; j++)
        ;
      if (j < rows->len)
        g_array_index (rows, ParticipantRow, j).participant = participant;
      else
        g_array_append_val (rows, row);
    }

  for (guint first = 0; first < rows->len; first += MAX_ROWS_PER_INSERT)
    {
      guint n_rows = MIN (MAX_ROWS_PER_INSERT, rows->len - first);
      sqlite3_stmt *stmt = prepare_rows (imp, ROWS_PARTICIPANT, n_rows, error);

      if (stmt == NULL)
        return FALSE;

      for (guint i = first, column = 1; i < first + n_rows; i++)
        {
          ParticipantRow *row = &g_array_index (rows, ParticipantRow, i);

          sqlite3_bind_int64 (stmt, column++, id);
          sqlite3_bind_int64 (stmt, column++, row->person_id);
          sqlite3_bind_text (stmt, column++, tx_role_to_key (row->participant->role), -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, column++, row->participant->invited);
          if (row->participant->attended >= 0)
            sqlite3_bind_int (stmt, column++, row->participant->attended != 0);
          else
            sqlite3_bind_null (stmt, column++);
          sqlite3_bind_int (stmt, column++, row->position);
        }

      if (!tx_store_step_done (imp->store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_minutes_rows (Importer        *imp,
                    gint64           id,
                    TxConsultation  *self,
                    GError         **error)
{
  sqlite3_stmt *stmt;

  if (!self->has_minutes)
    return TRUE;

  stmt = tx_store_prepare (imp->store,
                           "INSERT INTO minutes (consultation_id, recorder, agenda, consensus, next_steps) "
                           "VALUES (?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, self->recorder);
  bind_text (stmt, 3, self->agenda);
  bind_text (stmt, 4, self->consensus);
  bind_text (stmt, 5, self->next_steps);
  if (!tx_store_step_done (imp->store, stmt, error))
    return FALSE;

  for (guint first = 0; first < self->speeches->len; first += MAX_ROWS_PER_INSERT)
    {
      guint n_rows = MIN (MAX_ROWS_PER_INSERT, self->speeches->len - first);

      stmt = prepare_rows (imp, ROWS_SPEECH, n_rows, error);
      if (stmt == NULL)
        return FALSE;

      for (guint i = first, column = 1; i < first + n_rows; i++)
        {
          TxSpeech *speech = g_ptr_array_index (self->speeches, i);

          sqlite3_bind_int64 (stmt, column++, id);
          sqlite3_bind_int (stmt, column++, i);
          bind_text (stmt, column++, speech->speaker);
          bind_text (stmt, column++, speech->summary);
        }

      if (!tx_store_step_done (imp->store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/*
 * Rows are added to a table that was empty faster without its indexes
 * (but those that keep values unique, which are constraints): they are
 * dropped when the first record new here is added to it, and made
 * again, once, from all the rows, before the pass ends.  It all happens
 * inside the pass's transaction: a fault rolls it back with the rest.
 */
static gboolean
defer_indexes (Importer    *imp,
               const char  *table,
               GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *first_row = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (imp->tables_added_to == NULL)
    imp->tables_added_to = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_add (imp->tables_added_to, (gpointer) table))
    return TRUE;

  /* @table is one of this file's own names, never text of the file */
  first_row = g_strdup_printf ("SELECT 1 FROM %s LIMIT 1", table);
  stmt = tx_store_prepare (imp->store, first_row, error);
  if (stmt == NULL)
    return FALSE;
  rc = tx_store_step (imp->store, stmt, error);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rc != SQLITE_ERROR;

  stmt = tx_store_prepare (imp->store,
                           "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 "
                           "AND sql IS NOT NULL AND name IN (SELECT name FROM pragma_index_list (?1) WHERE NOT \"unique\")",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  if (imp->deferred_indexes == NULL)
    imp->deferred_indexes = g_ptr_array_new_with_free_func (g_free);
  while ((rc = tx_store_step (imp->store, stmt, error)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup (tx_column_text (stmt, 0)));
      g_ptr_array_add (imp->deferred_indexes, g_strdup (tx_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP INDEX \"%s\"", (char *) g_ptr_array_index (names, i));

      if (sqlite3_exec (tx_store_get_db (imp->store), drop, NULL, NULL, NULL) != SQLITE_OK)
        return tx_store_set_sql_error (imp->store, error, _("Could not save"));
    }

  return TRUE;
}

static gboolean
make_deferred_indexes (Importer  *imp,
                       GError   **error)
{
  for (guint i = 0; imp->deferred_indexes != NULL && i < imp->deferred_indexes->len; i++)
    if (sqlite3_exec (tx_store_get_db (imp->store), g_ptr_array_index (imp->deferred_indexes, i),
                      NULL, NULL, NULL) != SQLITE_OK)
      return tx_store_set_sql_error (imp->store, error, _("Could not save"));

  g_clear_pointer (&imp->deferred_indexes, g_ptr_array_unref);
  return TRUE;
}

/* What tx_store_write_consultation (…, TX_WRITE_WHOLE | TX_WRITE_AS_RECEIVED)
 * writes of a consultation new here, in @township_id; its rules were
 * checked as it was read (read_consultation(), on the other thread). */
static gboolean
add_new_consultation (Importer        *imp,
                      TxConsultation  *self,
                      gint64           township_id,
                      GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!defer_indexes (imp, "consultation", error) || !defer_indexes (imp, "stage", error) ||
      !defer_indexes (imp, "participant", error))
    return FALSE;

  stmt = tx_store_prepare (imp->store,
                           "INSERT INTO consultation (uuid, township_id, title, topic_source, orientation, platform, "
                           "  venue, starts_at, ends_at, research_notes, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, township_id);
  bind_text (stmt, 3, self->title);
  sqlite3_bind_text (stmt, 4, tx_topic_source_to_key (self->topic_source), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, tx_orientation_to_key (self->orientation), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, tx_platform_to_key (self->platform), -1, SQLITE_STATIC);
  bind_text (stmt, 7, self->venue);
  tx_bind_text_or_null (stmt, 8, self->starts);
  tx_bind_text_or_null (stmt, 9, self->ends);
  bind_text (stmt, 10, self->research);
  sqlite3_bind_text (stmt, 11, self->updated_at, -1, SQLITE_STATIC);
  if (!tx_store_step_done (imp->store, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (tx_store_get_db (imp->store));
  keep_read (imp, self->uuid, KIND_CONSULTATION, id);

  if (!write_stage_rows (imp, id, self, error) ||
      !write_participant_rows (imp, id, self, error) ||
      !write_minutes_rows (imp, id, self, error))
    return FALSE;

  tx_store_emit_record_changed (imp->store, "consultation", self->uuid);
  return TRUE;
}

/* What tx_store_write_outcome (…, TX_WRITE_AS_RECEIVED) writes of a
 * recommendation new here, of @consultation_id; its rules were checked
 * as it was read (read_outcome(), on the other thread). */
static gboolean
add_new_outcome (Importer   *imp,
                 TxOutcome  *self,
                 gint64      consultation_id,
                 GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!defer_indexes (imp, "outcome", error))
    return FALSE;

  stmt = tx_store_prepare (imp->store,
                           "INSERT INTO outcome (uuid, consultation_id, title, content, submitted_to, submitted_on, "
                           "  has_feedback, feedback_due, feedback_received, feedback_text, adoption, progress, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, consultation_id);
  bind_text (stmt, 3, self->title);
  bind_text (stmt, 4, self->content);
  bind_text (stmt, 5, self->submitted_to);
  tx_bind_text_or_null (stmt, 6, self->submitted);
  sqlite3_bind_int (stmt, 7, self->has_feedback);
  tx_bind_text_or_null (stmt, 8, self->feedback_due);
  tx_bind_text_or_null (stmt, 9, self->feedback_received);
  bind_text (stmt, 10, self->feedback_text);
  sqlite3_bind_text (stmt, 11, tx_adoption_to_key (self->adoption), -1, SQLITE_STATIC);
  if (self->progress >= 0)
    sqlite3_bind_int (stmt, 12, self->progress);
  else
    sqlite3_bind_null (stmt, 12);
  sqlite3_bind_text (stmt, 13, self->updated_at, -1, SQLITE_STATIC);
  if (!tx_store_step_done (imp->store, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (tx_store_get_db (imp->store));

  for (guint first = 0; first < self->supervisions->len; first += MAX_ROWS_PER_INSERT)
    {
      guint n_rows = MIN (MAX_ROWS_PER_INSERT, self->supervisions->len - first);

      stmt = prepare_rows (imp, ROWS_SUPERVISION, n_rows, error);
      if (stmt == NULL)
        return FALSE;

      for (guint i = first, column = 1; i < first + n_rows; i++)
        {
          TxSupervision *supervision = g_ptr_array_index (self->supervisions, i);

          sqlite3_bind_int64 (stmt, column++, id);
          sqlite3_bind_int (stmt, column++, i);
          sqlite3_bind_text (stmt, column++, tx_supervision_phase_to_key (supervision->phase), -1, SQLITE_STATIC);
          tx_bind_text_or_null (stmt, column++, supervision->date);
          bind_text (stmt, column++, supervision->by);
          bind_text (stmt, column++, supervision->note);
        }

      if (!tx_store_step_done (imp->store, stmt, error))
        return FALSE;
    }

  tx_store_emit_record_changed (imp->store, "outcome", self->uuid);
  return TRUE;
}

static gboolean
merge_consultation (Importer    *imp,
                    Incoming    *incoming,
                    GError     **error)
{
  TxConsultation *record = TX_CONSULTATION (incoming->record);
  gboolean new_here;
  Merge merge = decide_record (imp, incoming, &new_here);
  gint64 township_id;
  gboolean written;

  if (merge != MERGE_INSERT && merge != MERGE_UPDATE)
    return TRUE;

  township_id = find_township (imp, record->township_uuid);
  if (township_id == 0)
    return fail_at (imp, incoming->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the consultation refers to the township %s, which is neither in the file nor in the database."),
                    record->township_uuid);

  if (new_here && imp->check == CHECK_SHAPE)
    written = add_new_consultation (imp, record, township_id, error);
  else
    written = tx_store_write_consultation (imp->store, record, TX_WRITE_WHOLE | TX_WRITE_AS_RECEIVED, error);
  if (!written)
    return fail_writing (imp, incoming->line, error);

  return TRUE;
}

static gboolean
merge_outcome (Importer    *imp,
               Incoming    *incoming,
               GError     **error)
{
  TxOutcome *record = TX_OUTCOME (incoming->record);
  gboolean new_here;
  Merge merge = decide_record (imp, incoming, &new_here);
  gint64 consultation_id;
  gboolean written;

  if (merge != MERGE_INSERT && merge != MERGE_UPDATE)
    return TRUE;

  consultation_id = find_row (imp, KIND_CONSULTATION, record->consultation_uuid);
  if (consultation_id == 0)
    return fail_at (imp, incoming->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                    _("the recommendation refers to the consultation %s, which is neither in the file nor in the database."),
                    record->consultation_uuid);

  if (new_here && imp->check == CHECK_SHAPE)
    written = add_new_outcome (imp, record, consultation_id, error);
  else
    written = tx_store_write_outcome (imp->store, record, TX_WRITE_AS_RECEIVED, error);
  if (!written)
    return fail_writing (imp, incoming->line, error);

  return TRUE;
}

static gboolean
merge_deletion (Importer    *imp,
                Incoming    *incoming,
                GError     **error)
{
  const char *kind = incoming->deleted_kind;
  const char *uuid = incoming->uuid;
  const char *at = incoming->updated;
  const char *lookup = NULL;
  const char *update = NULL;
  sqlite3_stmt *stmt;
  gboolean tombstone;
  gint64 id = 0;
  Merge merge;

  if (g_strcmp0 (kind, "township") == 0)
    {
      lookup = "SELECT id, updated_at, deleted_at FROM township WHERE uuid = ?";
      update = "UPDATE township SET deleted_at = ?2 WHERE id = ?1";
    }
  else if (g_strcmp0 (kind, "person") == 0)
    {
      lookup = "SELECT id, updated_at, deleted_at FROM person WHERE uuid = ?";
      update = "UPDATE person SET deleted_at = ?2 WHERE id = ?1";
    }
  else if (g_strcmp0 (kind, "consultation") == 0)
    {
      lookup = "SELECT id, updated_at, deleted_at FROM consultation WHERE uuid = ?";
      update = "UPDATE consultation SET deleted_at = ?2 WHERE id = ?1";
    }
  else
    {
      lookup = "SELECT id, updated_at, deleted_at FROM outcome WHERE uuid = ?";
      update = "UPDATE outcome SET deleted_at = ?2 WHERE id = ?1";
    }

  merge = decide (imp, kind, lookup, uuid, at, &id, &tombstone);

  if (merge == MERGE_REJECTED || merge == MERGE_UNCHANGED)
    {
      count_merge (imp, merge);
      return TRUE;
    }

  if (id == 0)
    {
      /* Never held here: keep the tombstone so it travels on. */
      stmt = tx_store_prepare (imp->store,
                               "INSERT INTO tombstone (kind, uuid, deleted_at) VALUES (?1, ?2, ?3) "
                               "ON CONFLICT (kind, uuid) DO UPDATE SET deleted_at = max (deleted_at, ?3)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, at, -1, SQLITE_TRANSIENT);
      if (!tx_store_step_done (imp->store, stmt, error))
        return FALSE;
      imp->report.inserted++;
      return TRUE;
    }

  stmt = tx_store_prepare (imp->store, update, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_TRANSIENT);
  if (!tx_store_step_done (imp->store, stmt, error))
    return FALSE;

  imp->report.deleted++;
  tx_store_emit_changed (imp->store, kind);
  return TRUE;
}

static gboolean
fail_first (Importer  *imp,
            GError   **error)
{
  g_propagate_error (error, g_steal_pointer (&imp->first_error));
  return FALSE;
}

/* Merges one record, inside the pass's transaction. */
static gboolean
merge_record (Importer    *imp,
              Incoming    *incoming,
              GError     **error)
{
  gboolean ok;

  if (incoming->kind != KIND_PERSON && !finish_new_people (imp, error))
    return fail_writing (imp, incoming->line, error);

  switch (incoming->kind)
    {
    case KIND_TOWNSHIP:
      ok = merge_township (imp, incoming, error);
      break;
    case KIND_PERSON:
      ok = merge_person (imp, incoming, error);
      break;
    case KIND_PLAN:
      ok = merge_plan (imp, incoming, error);
      break;
    case KIND_CONSULTATION:
      ok = merge_consultation (imp, incoming, error);
      break;
    case KIND_OUTCOME:
      ok = merge_outcome (imp, incoming, error);
      break;
    case KIND_DELETED:
      ok = merge_deletion (imp, incoming, error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok && *database_fault (imp) != NULL)
    {
      g_propagate_error (error, g_steal_pointer (database_fault (imp)));
      return FALSE;
    }

  return ok;
}

/* ---- a pass over the file ------------------------------------------ */

/* The root: a Tongxin exchange file of this version. */
static gboolean
check_root (Importer          *imp,
            xmlTextReaderPtr   reader,
            GError           **error)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (reader);
  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (reader);
  long line = reader_line (reader);

  if (g_strcmp0 (name, "tongxin") != 0)
    return fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID,
                    _("this is not a Tongxin exchange file (it is a <%s> file). Choose the .xml file that Tongxin exported."),
                    name);

  if (g_strcmp0 (ns, TX_EXCHANGE_NAMESPACE) != 0 && g_str_has_prefix (ns ? ns : "", "urn:tongxin:exchange:"))
    return fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID,
                    _("the file is in another version of the exchange format (%s) than this Tongxin reads (%s). Install the Tongxin that wrote it, or ask the sender to export it with this version."),
                    ns, TX_EXCHANGE_NAMESPACE);

  if (g_strcmp0 (ns, TX_EXCHANGE_NAMESPACE) != 0)
    return fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID,
                    _("this is not a Tongxin exchange file (its namespace is “%s”). Choose the .xml file that Tongxin exported."),
                    ns ? ns : "");

  return TRUE;
}

/* Whether a node between the records is one the shape takes there:
 * white space, a comment, a processing instruction, the end. */
static gboolean
between_records_fits (xmlTextReaderPtr reader,
                      int              type)
{
  switch (type)
    {
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      return is_only_space ((const char *) xmlTextReaderConstValue (reader));
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_COMMENT:
    case XML_READER_TYPE_PROCESSING_INSTRUCTION:
    case XML_READER_TYPE_END_ELEMENT:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Which tables have no row at all, when the pass begins. */
static gboolean
look_at_tables (Importer  *imp,
                GError   **error)
{
  static const char * const any_row[N_KINDS] = {
    [KIND_TOWNSHIP] = "SELECT 1 FROM township LIMIT 1",
    [KIND_PERSON] = "SELECT 1 FROM person LIMIT 1",
    [KIND_PLAN] = "SELECT 1 FROM plan LIMIT 1",
    [KIND_CONSULTATION] = "SELECT 1 FROM consultation LIMIT 1",
    [KIND_OUTCOME] = "SELECT 1 FROM outcome LIMIT 1",
    [KIND_DELETED] = "SELECT 1 FROM tombstone LIMIT 1",
  };

  for (guint kind = 0; kind < N_KINDS; kind++)
    {
      sqlite3_stmt *stmt = tx_store_prepare (imp->store, any_row[kind], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      rc = tx_store_step (imp->store, stmt, error);
      sqlite3_reset (stmt);
      if (rc == SQLITE_ERROR)
        return FALSE;
      imp->was_empty[kind] = rc == SQLITE_DONE;
    }

  return TRUE;
}

/* What is done with each record read, in turn; FALSE ends the reading. */
typedef gboolean (*TakeRecordFunc) (Importer  *imp,
                                    Incoming  *incoming,
                                    gpointer   user_data,
                                    GError   **error);

/*
 * Reads the file: every record read and checked by the rules the editors
 * apply, and given to @take before the next is read.  The file is
 * checked against the schema by libxml2 as it is read, or against the
 * shape by read_element().  The first fault ends the reading: a file is
 * refused as soon as it is known to be wrong, however long it is.
 */
static gboolean
read_records (Importer        *imp,
              TakeRecordFunc   take,
              gpointer         user_data,
              GError         **error)
{
  xmlTextReaderPtr reader = NULL;
  Elem root = { NULL, };
  gboolean ok = TRUE;
  int rc;

  reader = open_reader (imp, error);
  if (reader == NULL)
    {
      g_clear_error (error);
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("Could not open “%s”. Check that the file exists and can be read."),
                   imp->display_name);
      return FALSE;
    }

  xmlTextReaderSetStructuredErrorHandler (reader, on_reader_error_cb, imp);
  if (imp->check == CHECK_SCHEMA)
    xmlTextReaderRelaxNGSetSchema (reader, imp->schema);
  root.shape = &root_shape;

  rc = xmlTextReaderRead (reader);
  while (ok && rc == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      int depth = xmlTextReaderDepth (reader);

      /* a file of another kind, or of another version, is said so,
       * before the schema says it does not know it */
      if (type == XML_READER_TYPE_ELEMENT && depth == 0)
        {
          if (!check_root (imp, reader, error))
            {
              g_clear_error (&imp->first_error);
              ok = FALSE;
              break;
            }

          if (imp->check == CHECK_SHAPE)
            {
              g_autoptr(Elem) attributes = elem_new_from_reader (reader);

              attributes->shape = &root_shape;
              if (!attributes_fit (attributes))
                {
                  ok = fail_shape (imp, attributes->line, "the attributes of the root", error);
                  break;
                }
            }
        }

      if (imp->first_error != NULL)
        break;

      if (type == XML_READER_TYPE_DOCUMENT_TYPE)
        {
          /* check_prolog() saw none; libxml2 found one all the same */
          ok = fail_at (imp, reader_line (reader), error, TX_EXCHANGE_ERROR_INVALID,
                        _("a document type declaration (<!DOCTYPE …>), which no exchange file has. %s"),
                        _(NOT_WRITTEN_BY_TONGXIN));
          break;
        }

      if (depth > MAX_DEPTH)
        {
          ok = fail_too_deep (imp, reader_line (reader), error);
          break;
        }

      if (type == XML_READER_TYPE_ELEMENT && depth == 1)
        {
          const char *name = (const char *) xmlTextReaderConstLocalName (reader);
          const ElementShape *shape = NULL;
          g_autoptr(Elem) elem = NULL;
          Incoming *incoming;
          guint kind;

          for (kind = 0; kind < N_KINDS; kind++)
            if (g_strcmp0 (name, kind_elements[kind]) == 0)
              break;

          if (imp->check == CHECK_SHAPE && (kind == N_KINDS || (shape = next_child_shape (&root, reader, name)) == NULL))
            {
              ok = fail_shape (imp, reader_line (reader), "a record", error);
              break;
            }

          /* anything else the schema refuses, as it is read */
          if (kind < N_KINDS)
            {
              elem = read_element (imp, reader, shape, error);
              if (elem == NULL)
                {
                  ok = FALSE;
                  break;
                }

              /* past its end, where the schema says what the record
               * lacks: its word comes first */
              rc = xmlTextReaderRead (reader);
              if (imp->first_error != NULL)
                continue;

              incoming = read_record (imp, elem, kind, error);
              if (incoming != NULL)
                incoming->end = xmlTextReaderByteConsumed (reader);
              ok = incoming != NULL && take (imp, incoming, user_data, error);
              continue;
            }
        }
      else if (depth == 1 && imp->check == CHECK_SHAPE && !between_records_fits (reader, type))
        {
          ok = fail_shape (imp, reader_line (reader), "something between the records", error);
          break;
        }

      rc = xmlTextReaderRead (reader);
    }

  if (ok && imp->first_error == NULL &&
      (rc < 0 || (imp->check == CHECK_SCHEMA && xmlTextReaderIsValid (reader) != 1)))
    g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                 _("%s is not a valid Tongxin exchange file. %s"), imp->display_name,
                 _(NOT_WRITTEN_BY_TONGXIN));

  xmlFreeTextReader (reader);

  /* a fault that libxml2's handler saw wins: it was found first */
  if (imp->first_error != NULL)
    {
      if (!ok)
        g_clear_error (error);
      return fail_first (imp, error);
    }

  return ok;
}

/* What a record read against the shape refers to, looked at by the
 * merging thread (see refers_to_known()).  A fault here only sends the
 * file to be read again against the schema, which tells it. */
static gboolean
check_references (Importer  *imp,
                  Incoming  *incoming,
                  GError   **error)
{
  gboolean known = TRUE;

  switch (incoming->kind)
    {
    case KIND_PERSON:
      {
        const char *township = TX_PERSON (incoming->record)->township_uuid;

        known = township == NULL || is_known (imp, KIND_TOWNSHIP, township);
      }
      break;

    case KIND_PLAN:
      known = is_known (imp, KIND_TOWNSHIP, incoming->township);
      break;

    case KIND_CONSULTATION:
      {
        TxConsultation *record = TX_CONSULTATION (incoming->record);

        for (guint i = 0; known && i < record->participants->len; i++)
          known = is_known (imp, KIND_PERSON, ((TxParticipant *) g_ptr_array_index (record->participants, i))->person_uuid);
        known = known && is_known (imp, KIND_TOWNSHIP, record->township_uuid);
      }
      break;

    case KIND_OUTCOME:
      known = is_known (imp, KIND_CONSULTATION, TX_OUTCOME (incoming->record)->consultation_uuid);
      break;

    case KIND_TOWNSHIP:
    case KIND_DELETED:
    default:
      break;
    }

  return known || fail_shape (imp, incoming->line, "a reference", error);
}

/* A record read: what it refers to known, its id its own, and in a
 * merging pass merged.  In the thread that uses the database. */
static gboolean
take_record (Importer  *imp,
             Incoming  *taken,
             GError   **error)
{
  if (imp->size > 0)
    report_progress (imp, imp->pass_from + (imp->pass_to - imp->pass_from) * taken->end / imp->size, FALSE);

  if (imp->check == CHECK_SHAPE && !check_references (imp, taken, error))
    return FALSE;

  if (taken->uuid != NULL && taken->kind != KIND_DELETED && !remember_record (imp, taken, error))
    return FALSE;

  return imp->pass == PASS_CHECK || merge_record (imp, taken, error);
}

static gboolean
take_record_cb (Importer  *imp,
                Incoming  *incoming,
                gpointer   user_data,
                GError   **error)
{
  g_autoptr(Incoming) taken = incoming;

  return take_record (imp, taken, error);
}

/*
 * The records read ahead, waiting to be merged.  The thread that reads
 * stops when this many wait, and goes on when half of them are taken;
 * the thread that merges waits when none does.  Neither wakes the other
 * for every record, and no more than this many records are held.
 */
#define MAX_WAITING 256

typedef struct {
  Importer  *imp;
  GMutex     mutex;
  GCond      cond;
  GQueue     waiting;        /* Incoming */
  GQueue     merged;         /* Incoming, for the reading thread to free, as it made them */
  gboolean   reader_waits;
  gboolean   merger_waits;
  gboolean   read_all;       /* the reading is over, right or not */
  gboolean   stop;           /* the merging failed: read no further */
  gboolean   read_ok;
  GError    *read_error;
} ReadAhead;

static gboolean
hand_over_cb (Importer  *imp,
              Incoming  *incoming,
              gpointer   user_data,
              GError   **error)
{
  ReadAhead *ahead = user_data;
  GQueue merged = G_QUEUE_INIT;
  gboolean stop;

  g_mutex_lock (&ahead->mutex);
  if (ahead->merged.length > 0)
    {
      merged = ahead->merged;
      g_queue_init (&ahead->merged);
    }
  while (ahead->waiting.length >= MAX_WAITING && !ahead->stop)
    {
      ahead->reader_waits = TRUE;
      g_cond_wait (&ahead->cond, &ahead->mutex);
    }
  stop = ahead->stop;
  if (!stop)
    g_queue_push_tail (&ahead->waiting, incoming);
  if (ahead->merger_waits)
    {
      ahead->merger_waits = FALSE;
      g_cond_broadcast (&ahead->cond);
    }
  g_mutex_unlock (&ahead->mutex);

  g_queue_clear_full (&merged, (GDestroyNotify) incoming_free);

  if (stop)
    {
      long line = incoming->line;

      incoming_free (incoming);
      /* the merging's fault is the one told */
      return fail_shape (imp, line, "the merging stopped", error);
    }

  return TRUE;
}

static gpointer
read_ahead_thread (gpointer data)
{
  ReadAhead *ahead = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = read_records (ahead->imp, hand_over_cb, ahead, &error);

  g_mutex_lock (&ahead->mutex);
  ahead->read_all = TRUE;
  ahead->read_ok = ok;
  ahead->read_error = g_steal_pointer (&error);
  g_cond_broadcast (&ahead->cond);
  g_mutex_unlock (&ahead->mutex);

  return NULL;
}

/* The next record read ahead, or NULL when the reading is over; the
 * one before, @merged, goes back. */
static Incoming *
take_handed_over (ReadAhead *ahead,
                  Incoming  *merged)
{
  Incoming *incoming;

  g_mutex_lock (&ahead->mutex);
  if (merged != NULL)
    g_queue_push_tail (&ahead->merged, merged);
  while (ahead->waiting.length == 0 && !ahead->read_all)
    {
      ahead->merger_waits = TRUE;
      g_cond_wait (&ahead->cond, &ahead->mutex);
    }
  incoming = g_queue_pop_head (&ahead->waiting);
  if (ahead->reader_waits && ahead->waiting.length <= MAX_WAITING / 2)
    {
      ahead->reader_waits = FALSE;
      g_cond_broadcast (&ahead->cond);
    }
  g_mutex_unlock (&ahead->mutex);

  return incoming;
}

/*
 * A pass that checks the file against its shape reads it in a thread of
 * its own, which reads, checks and makes each record while this one
 * merges the one before: the computer's second core does what libxml2
 * and the rules of records cost, which is about half of what SQLite
 * does.  libxml2 and the reading are the other thread's, the database
 * this one's.
 */
static gboolean
read_file_ahead (Importer  *imp,
                 GError   **error)
{
  ReadAhead ahead = { imp, };
  GThread *thread;
  Incoming *incoming = NULL;
  gboolean ok = TRUE;

  g_mutex_init (&ahead.mutex);
  g_cond_init (&ahead.cond);
  xmlInitParser ();
  thread = g_thread_new ("tx-exchange-read", read_ahead_thread, &ahead);

  while (ok && (incoming = take_handed_over (&ahead, incoming)) != NULL)
    ok = take_record (imp, incoming, error);
  g_clear_pointer (&incoming, incoming_free);

  g_mutex_lock (&ahead.mutex);
  ahead.stop = !ok;
  g_cond_broadcast (&ahead.cond);
  g_mutex_unlock (&ahead.mutex);
  g_thread_join (thread);

  g_queue_clear_full (&ahead.waiting, (GDestroyNotify) incoming_free);
  g_queue_clear_full (&ahead.merged, (GDestroyNotify) incoming_free);
  g_mutex_clear (&ahead.mutex);
  g_cond_clear (&ahead.cond);

  if (ok && !ahead.read_ok)
    {
      g_propagate_error (error, g_steal_pointer (&ahead.read_error));
      return FALSE;
    }
  g_clear_error (&ahead.read_error);

  return ok;
}

/* One pass over the file. */
static gboolean
read_file (Importer    *imp,
           GError     **error)
{
  gboolean ok;

  begin_reading (imp);
  imp->clamped = 0;

  if (imp->check == CHECK_SHAPE)
    ok = look_at_tables (imp, error) && read_file_ahead (imp, error);
  else
    {
      if (imp->schema == NULL)
        {
          imp->schema = load_schema (error);
          if (imp->schema == NULL)
            return FALSE;
        }
      ok = read_records (imp, take_record_cb, NULL, error);
    }

  imp->report.clamped = imp->clamped;

  return ok;
}

/* Pass one: the whole file read and checked; nothing written. */
static gboolean
check_file_cb (TxStore   *store,
               gpointer   user_data,
               GError   **error)
{
  Importer *imp = user_data;

  return read_file (imp, error);
}

/* A merging pass, inside one transaction: the records of the file, one
 * by one, in the order of the file. */
static gboolean
merge_file_cb (TxStore   *store,
               gpointer   user_data,
               GError   **error)
{
  Importer *imp = user_data;
  g_autofree char *summary = NULL;
  g_autofree char *what = NULL;

  if (!read_file (imp, error) || !finish_new_people (imp, error) || !make_deferred_indexes (imp, error))
    return FALSE;

  summary = tx_import_report_to_string (&imp->report);
  what = g_strdup_printf ("%s: %s", imp->display_name, summary);
  if (!tx_store_audit (store, "import", "store", NULL, what, error))
    return FALSE;

  if (imp->options != NULL && imp->options->dry_run)
    {
      /* Roll back: a dry run only reports. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "dry run");
      return FALSE;
    }

  return TRUE;
}

/* A pass over the file, checked against @check; its progress told from
 * @from to @to. */
static gboolean
run_pass (Importer  *imp,
          Pass       pass,
          Check      check,
          double     from,
          double     to,
          GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  imp->pass = pass;
  imp->check = check;
  imp->pass_from = from;
  imp->pass_to = to;
  imp->report = (TxImportReport) { 0, };
  g_clear_error (&imp->first_error);
  g_clear_error (&imp->merge_error);

  if (pass == PASS_CHECK)
    ok = tx_store_read (imp->store, check_file_cb, imp, &local_error);
  else
    ok = (imp->filling ? tx_store_write_filling (imp->store, merge_file_cb, imp, &local_error)
                       : tx_store_write (imp->store, merge_file_cb, imp, &local_error)) ||
         g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_clear_pointer (&imp->new_people, tx_roster_bulk_free);
  g_clear_pointer (&imp->tables_added_to, g_hash_table_unref);
  g_clear_pointer (&imp->deferred_indexes, g_ptr_array_unref);
  memset (imp->rows, 0, sizeof imp->rows);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  report_progress (imp, to, TRUE);
  return TRUE;
}

/* A pass checked against the shape, unless an earlier one could not
 * be; and when this one cannot, again against the schema, which says
 * what is wrong. */
static gboolean
run_checked_pass (Importer  *imp,
                  Pass       pass,
                  Check     *check,
                  double     from,
                  double     to,
                  GError   **error)
{
  if (*check == CHECK_SHAPE)
    {
      g_autoptr(GError) local_error = NULL;

      if (run_pass (imp, pass, CHECK_SHAPE, from, to, &local_error))
        return TRUE;

      g_debug ("%s is read again, against the schema: %s", imp->display_name, local_error->message);
      *check = CHECK_SCHEMA;
    }

  return run_pass (imp, pass, CHECK_SCHEMA, from, to, error);
}

/* What was there is kept before the import writes (unless it writes
 * nothing). */
static gboolean
back_up (Importer  *imp,
         GError   **error)
{
  if (imp->options != NULL && imp->options->dry_run)
    return TRUE;

  return tx_backup_take_before_change (imp->store, TX_BACKUP_BEFORE_IMPORT,
                                       imp->options != NULL ? imp->options->today : TX_DATE_NONE, error);
}

/* Whether the database holds records that tx_backup_take_before_change()
 * backs up before an import. */
static gboolean
holds_records (TxStore *store)
{
  return !tx_store_is_read_only (store) &&
         (tx_store_has_records (store, "township") || tx_store_has_records (store, "person") ||
          tx_store_has_records (store, "consultation"));
}

/*
 * Reads, checks and merges the file: nothing is written unless the whole
 * file is right, and what was there is backed up only for a file that
 * is.  Into a database that holds records, then, the file is read
 * twice: once to check it, once, after the backup, to merge it.  Into
 * one that holds none (a new office, a city's first import), or in a
 * dry run, there is nothing to back up, and the file is checked and
 * merged in one reading, all in one transaction that a fault rolls
 * back.  A file that the one reading did not take is read again the
 * first way, which says what is wrong as it always did: what the
 * schema finds before what the rules find, and both before what the
 * merge finds.
 */
static gboolean
import_file (Importer        *imp,
             TxImportReport  *report,
             GError         **error)
{
  Check check = CHECK_SHAPE;
  gboolean merged = FALSE;

  report_progress (imp, 0, TRUE);

  if (!check_size (imp, error) || !check_prolog (imp, error))
    return FALSE;

  if ((imp->options != NULL && imp->options->dry_run) || !holds_records (imp->store))
    {
      g_autoptr(GError) local_error = NULL;

      if (!back_up (imp, error))
        return FALSE;
      imp->filling = !holds_records (imp->store);
      merged = run_pass (imp, PASS_MERGE, CHECK_SHAPE, 0, 1, &local_error);
      imp->filling = FALSE;
      if (!merged)
        {
          g_debug ("%s is read again, to check it first: %s", imp->display_name, local_error->message);
          check = CHECK_SCHEMA;
        }
    }

  if (!merged)
    {
      if (!run_checked_pass (imp, PASS_CHECK, &check, 0, 0.5, error))
        return FALSE;

      /* a file that is right is merged; what was there is kept first */
      if (!back_up (imp, error) ||
          !run_checked_pass (imp, PASS_MERGE, &check, 0.5, 1, error))
        return FALSE;
    }

  if (report != NULL)
    *report = imp->report;
  report_progress (imp, 1, TRUE);

  return TRUE;
}

/* The file at @path, kept open for the import to read, unless it is
 * not a file or larger than any exchange file: its size is looked at
 * before anything is read. */
static gboolean
open_file (Importer    *imp,
           const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      if (local_error != NULL)
        g_debug ("%s: %s", path, local_error->message);
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("There is no file “%s”."), path);
      return FALSE;
    }

  imp->size = g_file_info_get_size (info);
  if (!check_size (imp, error))
    return FALSE;

  imp->file = G_INPUT_STREAM (g_file_read (file, NULL, &local_error));
  if (imp->file == NULL)
    {
      g_autofree char *basename = g_path_get_basename (path);

      g_debug ("%s: %s", path, local_error->message);
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("Could not open “%s”. Check that the file exists and can be read."),
                   basename);
      return FALSE;
    }

  return TRUE;
}

/**
 * tx_exchange_import_file:
 * @report: (out) (optional): what the import did
 *
 * Merges an exchange file.  The whole file is checked, against the
 * schema and by the rules every record follows, and every record is
 * merged in one transaction, so on any error nothing changes.  The file
 * is read as a stream, a record at a time: an import takes as much
 * memory for a city as for a township.
 */
gboolean
tx_exchange_import_file (TxStore                *store,
                         const char             *path,
                         const TxImportOptions  *options,
                         TxImportReport         *report,
                         GError                **error)
{
  g_autofree char *basename = NULL;
  Importer imp = { 0, };
  gboolean ok;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  basename = g_path_get_basename (path);
  importer_init (&imp, store, options,
                 options && options->display_name ? options->display_name : basename);
  importer_set_today (&imp, options != NULL ? options->today : TX_DATE_NONE, TX_DATE_NONE);

  ok = open_file (&imp, path, error) && import_file (&imp, report, error);
  importer_clear (&imp);

  return ok;
}

gboolean
tx_exchange_import_bytes (TxStore                *store,
                          GBytes                 *bytes,
                          const TxImportOptions  *options,
                          TxImportReport         *report,
                          GError                **error)
{
  Importer imp = { 0, };
  gboolean ok;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  importer_init (&imp, store, options,
                 options && options->display_name ? options->display_name : _("the exchange file"));
  importer_set_today (&imp, options != NULL ? options->today : TX_DATE_NONE, TX_DATE_NONE);
  imp.bytes = g_bytes_ref (bytes);
  imp.size = g_bytes_get_size (bytes);

  ok = import_file (&imp, report, error);
  importer_clear (&imp);

  return ok;
}

/* The base-date attribute of the sample file's root. */
static gboolean
read_base_date (GBytes *bytes,
                TxDate *base)
{
  xmlTextReaderPtr reader = xmlReaderForMemory (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                                NULL, "UTF-8", READER_FLAGS);
  gboolean found = FALSE;

  if (reader == NULL)
    return FALSE;

  while (xmlTextReaderRead (reader) == 1)
    if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT)
      {
        xmlChar *value = xmlTextReaderGetAttribute (reader, BAD_CAST "base-date");

        *base = tx_date_from_iso ((const char *) value);
        found = *base != TX_DATE_NONE;
        xmlFree (value);
        break;
      }

  xmlFreeTextReader (reader);

  return found;
}

/**
 * tx_exchange_load_demo:
 * @today: the date the sample is moved to
 *
 * Imports the sample data with every date moved by whole days, so that
 * its "today" falls on @today and the ledger shows the same mix of
 * colours whenever it is loaded.  Loading it twice changes nothing.
 */
gboolean
tx_exchange_load_demo (TxStore         *store,
                       TxDate           today,
                       TxImportReport  *report,
                       GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  TxImportOptions options = { 0, FALSE, "demo.xml", today };
  TxDate base = TX_DATE_NONE;

  g_return_val_if_fail (TX_IS_STORE (store), FALSE);
  g_return_val_if_fail (today > 0, FALSE);

  bytes = g_resources_lookup_data (DEMO_RESOURCE, 0, error);
  if (bytes == NULL)
    return FALSE;

  if (read_base_date (bytes, &base))
    options.shift_days = tx_date_days_between (base, today);

  {
    Importer imp = { 0, };
    gboolean ok;

    importer_init (&imp, store, &options, options.display_name);
    /* the sample's stamps are of the day it was written for */
    importer_set_today (&imp, today, base);
    imp.year_shift = base != TX_DATE_NONE ? tx_date_get_year (today) - tx_date_get_year (base) : 0;
    imp.bytes = g_bytes_ref (bytes);
    imp.size = g_bytes_get_size (bytes);

    ok = import_file (&imp, report, error);
    importer_clear (&imp);
    if (!ok)
      return FALSE;
  }

  /* who issues the circulars of the sample */
  {
    TxSettings *settings = tx_store_get_settings (store);

    if (tx_settings_get_organization (settings)[0] == '\0' &&
        !tx_settings_set_text (settings, "organization", "政协福泉市委员会", error))
      return FALSE;
  }

  return TRUE;
}

/**
 * tx_import_report_to_string:
 *
 * Returns: "12 added, 3 updated, 40 unchanged, 1 rejected (…), 2
 *   deleted", and how many records were dated ahead, when any was
 */
char *
tx_import_report_to_string (const TxImportReport *report)
{
  g_autofree char *counts = g_strdup_printf (_("%u added, %u updated, %u unchanged, %u rejected (older than the copy here), %u deleted"),
                                             report->inserted, report->updated, report->unchanged,
                                             report->rejected, report->deleted);

  if (report->clamped == 0)
    return g_steal_pointer (&counts);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: the counts of an import, then how many records were dated ahead */
                                       "%s. %u record was dated more than a day after today, so the clock of the computer that wrote the file may be wrong: it was given the time of this import.",
                                       "%s. %u records were dated more than a day after today, so the clock of the computer that wrote the file may be wrong: they were given the time of this import.",
                                       report->clamped),
                          counts, report->clamped);
}
