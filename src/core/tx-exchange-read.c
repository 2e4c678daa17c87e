/* tx-exchange-read.c — reading an exchange file: its shape, its values
 * and its records
 *
 * The file is read a record at a time with xmlTextReader, each record
 * built as a small tree (Elem), checked against the format (the shape
 * below, or libxml2's RELAX NG validator when the shape is not sure) and
 * by the rules the editors apply (tx-rules.c), and handed, as an
 * Incoming record, to the function that takes it: the merge
 * (tx-exchange-merge.c), on this thread or on the one that writes.
 * tx-exchange.c runs the passes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-exchange"

#include "config.h"

#include <errno.h>
#include <gio/gfiledescriptorbased.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#endif

#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "tx-collate.h"
#include "tx-digest.h"
#include "tx-exchange-private.h"
#include "tx-ledger.h"
#include "tx-records-private.h"
#include "tx-rules.h"
#include "tx-vocabulary.h"

#define SCHEMA_RESOURCE "/io/github/tongxin/Tongxin/data/tongxin-exchange.rng"

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

/* The longest frozen ledger a circular may carry */
#define MAX_LEDGER_BYTES (64 * 1024 * 1024)

/* The base64 of a piece of an attachment's file (Tongxin writes 1 MiB) */
#define MAX_DATA_BYTES (1024 * 1024)

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
  VALUE_SHA256,     /* 64 lowercase hex digits */
  VALUE_BASE64,     /* base64's letters, digits, + / and = */
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
            TEXT_CHILD (OCCURS_OPTIONAL, "notes", VALUE_TEXT, NULL),
            TEXT_CHILD (OCCURS_OPTIONAL, "post-since", VALUE_DATE, NULL))
};

static const ElementShape plan_shape = {
  "plan",
  ATTRIBUTES ({ "township", VALUE_UUID, NULL, TRUE },
              { "year", VALUE_INT, NULL, TRUE },
              { "consultations", VALUE_COUNT, NULL, TRUE },
              { "updated", VALUE_DATETIME, NULL, FALSE }),
  VALUE_EMPTY, NULL, NULL
};

/* A participant of a meeting: a consultation's, an activity's */
#define PARTICIPANT \
  CHILD (OCCURS_ANY, "participant", \
         ATTRIBUTES ({ "person", VALUE_UUID, NULL, TRUE }, \
                     { "role", VALUE_CHOICE, \
                       LIST ("host", "liaison", "deputy", "member", "expert", \
                             "stakeholder", "official", "observer"), TRUE }, \
                     { "invited", VALUE_CHOICE, LIST ("true", "false"), FALSE }, \
                     { "attended", VALUE_CHOICE, LIST ("true", "false"), FALSE }), \
         VALUE_EMPTY, NULL, NULL)

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
            PARTICIPANT,
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

/* Its participants are a consultation's */
static const ElementShape activity_shape = {
  "activity",
  ATTRIBUTES ({ "uuid", VALUE_UUID, NULL, TRUE },
              { "kind", VALUE_TOKEN, NULL, TRUE },
              { "township", VALUE_UUID, NULL, FALSE },
              UPDATED_ATTRIBUTE),
  VALUE_ELEMENTS, NULL,
  CHILDREN (TEXT_CHILD (OCCURS_ONCE, "title", VALUE_TOKEN, NULL),
            TEXT_CHILD (OCCURS_ONCE, "starts", VALUE_TEXT, NULL),
            TEXT_CHILD (OCCURS_OPTIONAL, "ends", VALUE_TEXT, NULL),
            TEXT_CHILD (OCCURS_OPTIONAL, "venue", VALUE_TEXT, NULL),
            CHILD (OCCURS_ANY, "taking-part",
                   ATTRIBUTES ({ "township", VALUE_UUID, NULL, TRUE }),
                   VALUE_EMPTY, NULL, NULL),
            PARTICIPANT,
            TEXT_CHILD (OCCURS_OPTIONAL, "notes", VALUE_TEXT, NULL))
};

/* Its file in base64, in pieces of at most 1 MiB */
static const ElementShape attachment_shape = {
  "attachment",
  ATTRIBUTES ({ "uuid", VALUE_UUID, NULL, TRUE },
              { "record-kind", VALUE_CHOICE, LIST ("consultation", "outcome", "activity"), TRUE },
              { "record", VALUE_UUID, NULL, TRUE },
              { "kind", VALUE_CHOICE,
                LIST ("photo", "signin_scan", "feedback_letter", "research_report", "other"), TRUE },
              { "media-type", VALUE_TOKEN, NULL, TRUE },
              { "size", VALUE_COUNT, NULL, TRUE },
              { "sha256", VALUE_SHA256, NULL, TRUE },
              UPDATED_ATTRIBUTE),
  VALUE_ELEMENTS, NULL,
  CHILDREN (TEXT_CHILD (OCCURS_ONCE, "file-name", VALUE_TOKEN, NULL),
            TEXT_CHILD (OCCURS_OPTIONAL, "caption", VALUE_TEXT, NULL),
            TEXT_CHILD (OCCURS_ANY, "data", VALUE_BASE64, NULL))
};

static const ElementShape threshold_shape = {
  "threshold",
  ATTRIBUTES ({ "key", VALUE_CHOICE, LIST ("stage-red-days", "feedback-days", "feedback-red-days",
                                           "plan-yellow-behind", "plan-red-behind", "stakeholder-share"), TRUE },
              { "value", VALUE_COUNT, NULL, TRUE }),
  VALUE_EMPTY, NULL, NULL
};

static const ElementShape circular_shape = {
  "circular",
  ATTRIBUTES ({ "uuid", VALUE_UUID, NULL, TRUE },
              { "year", VALUE_INT, NULL, TRUE },
              { "quarter", VALUE_CHOICE, LIST ("1", "2", "3", "4"), TRUE },
              { "version", VALUE_COUNT, NULL, TRUE },
              { "issued", VALUE_DATE, NULL, TRUE },
              { "number", VALUE_TEXT, NULL, FALSE },
              { "organization", VALUE_TEXT, NULL, FALSE },
              UPDATED_ATTRIBUTE),
  VALUE_ELEMENTS, NULL,
  CHILDREN (TEXT_CHILD (OCCURS_OPTIONAL, "suggestions", VALUE_TEXT, NULL),
            TEXT_CHILD (OCCURS_ONCE, "ledger", VALUE_TEXT, NULL))
};

static const ElementShape deleted_shape = {
  "deleted",
  ATTRIBUTES ({ "kind", VALUE_CHOICE, LIST ("township", "person", "consultation", "outcome", "activity", "attachment"), TRUE },
              { "uuid", VALUE_UUID, NULL, TRUE },
              { "at", VALUE_DATETIME, NULL, TRUE }),
  VALUE_EMPTY, NULL, NULL
};

/* The root; its children are the records, in the order of Kind */
static const ElementShape root_shape = {
  "tongxin",
  ATTRIBUTES ({ "exported", VALUE_DATETIME, NULL, TRUE },
              { "base-date", VALUE_DATE, NULL, FALSE },
              { "office", VALUE_UUID, NULL, FALSE },
              { "office-kind", VALUE_CHOICE, LIST ("township", "city"), FALSE },
              { "office-name", VALUE_TOKEN, NULL, FALSE },
              { "to", VALUE_UUID, NULL, FALSE },
              { "to-name", VALUE_TOKEN, NULL, FALSE },
              { "since", VALUE_DATETIME, NULL, FALSE },
              { "township", VALUE_UUID, NULL, FALSE }),
  VALUE_ELEMENTS, NULL,
  CHILDREN ({ &township_shape, OCCURS_ANY },
            { &person_shape, OCCURS_ANY },
            { &plan_shape, OCCURS_ANY },
            { &consultation_shape, OCCURS_ANY },
            { &outcome_shape, OCCURS_ANY },
            { &activity_shape, OCCURS_ANY },
            { &attachment_shape, OCCURS_ANY },
            { &threshold_shape, OCCURS_ANY },
            { &circular_shape, OCCURS_ANY },
            { &deleted_shape, OCCURS_ANY })
};

#undef STAGE
#undef PARTICIPANT
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

/* Whether the @length bytes at @text are white space only */
static gboolean
is_only_space_in (const char *text,
                  gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!is_xml_space (text[i]))
      return FALSE;

  return TRUE;
}

static gboolean
is_only_space (const char *text)
{
  return is_only_space_in (text, strlen (text));
}

/* The time zone of a dateTime: Z, or an offset under 14 hours */
static gboolean
is_time_zone (const char *text)
{
  if (g_str_equal (text, "Z"))
    return TRUE;

  return (text[0] == '+' || text[0] == '-') && strlen (text) == 6 && text[3] == ':' &&
         tx_date_read_digits (text + 1, 2) >= 0 && tx_date_read_digits (text + 1, 2) <= 13 &&
         tx_date_read_digits (text + 4, 2) >= 0 && tx_date_read_digits (text + 4, 2) <= 59;
}

static gboolean
is_date_time (const char *text)
{
  const char *zone;
  int hour, minute, second;

  if (strlen (text) < 20 || text[10] != 'T' || tx_date_from_iso (text) == TX_DATE_NONE ||
      text[13] != ':' || text[16] != ':')
    return FALSE;

  hour = tx_date_read_digits (text + 11, 2);
  minute = tx_date_read_digits (text + 14, 2);
  second = tx_date_read_digits (text + 17, 2);
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

/* Where the 32 digits of a uuid are, around its four "-" */
static const guint8 uuid_digits_at[32] = {
  0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17,
  19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
};

/* Whether @text is a uuid as Tongxin writes it (8-4-4-4-12 lowercase
 * hexadecimal digits), and its 16 bytes in @bytes (when not NULL).  An
 * import reads a few for every record, a million for a city: the digits
 * are read without a branch, and any that is not one (its value minus
 * one, 0xFF) shows in the high bits of them all OR-ed together. */
static gboolean
read_uuid (const char *text,
           guint64    *bytes)
{
  guint64 high = 0;
  guint64 low = 0;
  guint8 all = 0;

  if (strnlen (text, 37) != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')
    return FALSE;

#pragma GCC unroll 16
  for (guint i = 0; i < 16; i++)
    {
      guint8 digit = hex_digits[(guchar) text[uuid_digits_at[i]]] - 1;

      all |= digit;
      high = high << 4 | digit;
    }
#pragma GCC unroll 16
  for (guint i = 16; i < 32; i++)
    {
      guint8 digit = hex_digits[(guchar) text[uuid_digits_at[i]]] - 1;

      all |= digit;
      low = low << 4 | digit;
    }
  if (all > 0xF)
    return FALSE;

  if (bytes != NULL)
    {
      bytes[0] = high;
      bytes[1] = low;
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

  return length >= 1 && length <= max_length && tx_date_read_digits (text, length) >= 0;
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
      return tx_date_is_iso_day (text);
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
    case VALUE_SHA256:
      for (guint i = 0; i < 64; i++)
        if (hex_digits[(guchar) text[i]] == 0)
          return FALSE;
      return text[64] == '\0';
    case VALUE_BASE64:
      return strspn (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") == strlen (text);
    case VALUE_EMPTY:
      return text[0] == '\0';
    case VALUE_ELEMENTS:
    default:
      return FALSE;
    }
}

/* A record's elements, their attributes' values, their texts and their
 * lists of children are cut from an arena of blocks of this size, let
 * go of at once.  The reading against the shape takes every record
 * from one arena, emptied for the next. */
#define ELEM_ARENA_BLOCK 8192

/* Frees a record's root, and with it all its elements. */
static void
elem_free (Elem *elem)
{
  /* the root is in its arena too */
  TxArena *arena = elem->arena;

  g_return_if_fail (arena != NULL);

  tx_arena_clear (arena);
  g_free (arena);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Elem, elem_free)

void
tx_import_incoming_free (Incoming *incoming)
{
  g_free (incoming->uuid);
  g_free (incoming->updated);
  g_clear_object (&incoming->record);
  g_free (incoming->township);
  g_free (incoming->deleted_kind);
  g_free (incoming->description);
  g_clear_pointer (&incoming->pinyin, g_bytes_unref);
  g_clear_pointer (&incoming->strokes, g_bytes_unref);
  g_free (incoming->key);
  g_free (incoming->value);
  g_free (incoming->number);
  g_free (incoming->issued);
  g_free (incoming->organization);
  g_free (incoming->suggestions);
  g_free (incoming->ledger);
  g_clear_pointer (&incoming->attachment, tx_attachment_free);
  g_clear_pointer (&incoming->data, g_bytes_unref);
  g_free (incoming);
}

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

/* Whether two names are the same: most that are not differ in their
 * first letter, which is looked at before the rest (a city's file has
 * millions of elements, each named several times) */
static inline gboolean
same_name (const char *a,
           const char *b)
{
  return a[0] == b[0] && strcmp (a, b) == 0;
}

static const char *
get_attr (Elem       *elem,
          const char *name)
{
  for (guint i = 0; i + 1 < elem->n_attributes; i += 2)
    if (same_name (elem->attributes[i], name))
      return elem->attributes[i + 1];

  return NULL;
}

static gboolean
is_element (Elem       *elem,
            const char *name)
{
  return same_name (elem->name, name);
}

static const char *
elem_text (Elem *elem)
{
  return elem->text != NULL ? elem->text : "";
}

static guint
n_children (Elem *elem)
{
  return elem->n_children;
}

static Elem *
get_child (Elem  *elem,
           guint  index)
{
  return elem->children[index];
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

/* ---- the file, and the reader of it ------------------------------- */

/* The prolog is looked at through a buffer of this size */
#define PROLOG_BUFFER_SIZE 4096

/* The largest file imported; refused when larger, before it is read. */
gboolean
tx_import_check_size (Importer  *imp,
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

/* The bytes of the file from its start, as they are on disk. */
static GInputStream *
open_raw_input (Importer  *imp,
                GError   **error)
{
  if (imp->bytes != NULL)
    return g_memory_input_stream_new_from_bytes (imp->bytes);

  if (!g_seekable_seek (G_SEEKABLE (imp->file), 0, G_SEEK_SET, NULL, error))
    return NULL;

  return g_object_ref (imp->file);
}

/* The file from its start, for one reading of it: what a compressed
 * file holds, uncompressed. */
static GInputStream *
open_input (Importer  *imp,
            GError   **error)
{
  g_autoptr(GInputStream) raw = open_raw_input (imp, error);
  g_autoptr(GInputStream) uncompressed = NULL;
  GInputStream *input;

  if (raw == NULL)
    return NULL;

  if (imp->compressed)
    {
      g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

      uncompressed = g_converter_input_stream_new (raw, G_CONVERTER (decompressor));
      g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (uncompressed), FALSE);
    }
  else
    uncompressed = g_steal_pointer (&raw);

  /* libxml2 asks for 4 kB at a time: read ahead, in fewer calls */
  input = g_buffered_input_stream_new_sized (uncompressed, READ_BUFFER_SIZE);
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (input), FALSE);

  return input;
}

/**
 * tx_import_check_compressed:
 *
 * Whether the file is compressed (gzip, as Tongxin writes a file named
 * *.gz), and if so, that it is whole: it is uncompressed once to the
 * end, and its checksum and length, which gzip keeps at its end, must
 * be those of what it holds.  A copy damaged on a USB stick, or cut
 * short, is refused before a byte of it is parsed.  The size of the
 * file is then the size of what it holds.
 */
gboolean
tx_import_check_compressed (Importer  *imp,
                            GError   **error)
{
  g_autoptr(GInputStream) raw = open_raw_input (imp, error);
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  guint8 magic[2];
  gsize n_read = 0;
  gssize n;
  goffset size = 0;

  if (raw == NULL)
    return FALSE;

  if (!g_input_stream_read_all (raw, magic, sizeof magic, &n_read, NULL, error))
    return FALSE;
  imp->compressed = n_read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  if (!imp->compressed)
    return TRUE;

  g_clear_object (&raw);
  input = open_input (imp, error);
  if (input == NULL)
    return FALSE;

  buffer = g_malloc (READ_BUFFER_SIZE);
  while ((n = g_input_stream_read (input, buffer, READ_BUFFER_SIZE, NULL, &local_error)) > 0)
    {
      size += n;
      if (size > MAX_FILE_SIZE)
        break;
    }

  if (n < 0)
    {
      g_debug ("%s: %s", imp->display_name, local_error->message);
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   /* Translators: a file */
                   _("%s is damaged or incomplete: what it holds does not match its checksum. "
                     "It may have been cut short or changed while it was copied: copy it again, "
                     "or ask the sender to send it again."),
                   imp->display_name);
      return FALSE;
    }

  imp->size = size;
  return tx_import_check_size (imp, error);
}

/*
 * A file not compressed ends with the SHA-256 of all before it
 * (<?tongxin-sha256 HEX?>, written by the export): when it does, the
 * file is refused if the two differ, so that a copy damaged on its way
 * (a byte changed in a value, which would still read) writes nothing.
 * A file without it (of an earlier version, or written by hand) is read
 * as it is; a compressed one has gzip's checksum instead
 * (tx_import_check_compressed()).
 *
 * The file is hashed by a thread of its own, at a low priority, while
 * it is read and merged (tx_import_start_digest()): hashing a city's
 * file takes a few tenths of a second, and the import's threads leave a
 * processor idle for longer than that.  Nothing is kept before the two
 * are found the same (tx_import_finish_digest(), before the merge
 * commits), and a file that fails otherwise is said to be damaged when
 * it is.
 */
#define DIGEST_TAIL 160

struct _DigestCheck {
  GThread  *thread;      /* hashing, until tx_import_finish_digest() */
  int       fd;          /* the file's, read with pread(): or -1, and */
  GBytes   *bytes;       /* the file in memory */
  goffset   length;      /* what is hashed: all before the mark */
  char     *expected;
  gboolean  read_failed;
  goffset   hashed;
  char      hex[TX_DIGEST_HEX_LENGTH];
  gboolean  same;        /* once finished */
  gint      stop;        /* (atomic) the import is over: hash no further */
};

static gpointer
hash_file_thread (gpointer data)
{
  DigestCheck *check = data;
  g_autoptr(TxDigest) digest = tx_digest_new ();

#ifdef __linux__
  /* in what the reading and the merging leave of the processors */
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
#endif

  if (check->bytes != NULL)
    {
      tx_digest_update (digest, g_bytes_get_data (check->bytes, NULL), check->length);
      check->hashed = check->length;
    }
  else
    {
      g_autofree char *buffer = g_malloc (READ_BUFFER_SIZE);

      while (check->hashed < check->length && !g_atomic_int_get (&check->stop))
        {
          ssize_t n = pread (check->fd, buffer, MIN ((goffset) READ_BUFFER_SIZE, check->length - check->hashed),
                             check->hashed);

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            {
              if (n < 0)
                g_debug ("The exchange file could not be read to check it: %s", g_strerror (errno));
              check->read_failed = n < 0;
              break;
            }
          tx_digest_update (digest, buffer, n);
          check->hashed += n;
        }
    }
  tx_digest_finish (digest, check->hex);

  return NULL;
}

static void
digest_check_free (DigestCheck *check)
{
  g_atomic_int_set (&check->stop, TRUE);
  if (check->thread != NULL)
    g_thread_join (check->thread);
  g_clear_pointer (&check->bytes, g_bytes_unref);
  g_free (check->expected);
  g_free (check);
}

/**
 * tx_import_start_digest:
 *
 * Starts checking the file against the SHA-256 it ends with, if it ends
 * with one.
 *
 * Returns: %FALSE with @error set when the end of the file cannot be read
 */
gboolean
tx_import_start_digest (Importer  *imp,
                        GError   **error)
{
  DigestCheck *check;
  char tail[DIGEST_TAIL + 1];
  goffset size;
  gsize n_tail = 0;
  const char *marker;
  const char *end;

  g_clear_pointer (&imp->digest_check, digest_check_free);
  if (imp->compressed)
    return TRUE;

  /* the end of the file */
  if (imp->bytes != NULL)
    {
      size = g_bytes_get_size (imp->bytes);
      n_tail = MIN ((gsize) size, DIGEST_TAIL);
      memcpy (tail, (const char *) g_bytes_get_data (imp->bytes, NULL) + size - n_tail, n_tail);
    }
  else
    {
      size = imp->size;
      n_tail = MIN ((gsize) size, DIGEST_TAIL);
      if (!g_seekable_seek (G_SEEKABLE (imp->file), size - n_tail, G_SEEK_SET, NULL, error) ||
          !g_input_stream_read_all (G_INPUT_STREAM (imp->file), tail, n_tail, &n_tail, NULL, error))
        return FALSE;
    }
  tail[n_tail] = '\0';

  marker = g_strrstr_len (tail, n_tail, "<?" TX_EXCHANGE_DIGEST_PI " ");
  if (marker == NULL)
    return TRUE;
  end = strstr (marker, "?>");
  if (end == NULL)
    return TRUE;   /* not the end of the file: the reading says what is wrong */

  check = g_new0 (DigestCheck, 1);
  check->expected = g_strstrip (g_strndup (marker + strlen ("<?" TX_EXCHANGE_DIGEST_PI " "),
                                           end - marker - strlen ("<?" TX_EXCHANGE_DIGEST_PI " ")));
  check->length = size - (goffset) n_tail + (marker - tail);
  if (imp->bytes != NULL)
    {
      check->bytes = g_bytes_ref (imp->bytes);
      check->fd = -1;
    }
  else if (G_IS_FILE_DESCRIPTOR_BASED (imp->file))
    check->fd = g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (imp->file));
  else
    {
      /* open_file() opens a file of this computer, which has one */
      digest_check_free (check);
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("Could not open “%s”. Check that the file exists and can be read."), imp->display_name);
      return FALSE;
    }
  check->thread = g_thread_new ("tx-exchange-digest", hash_file_thread, check);
  imp->digest_check = check;

  return TRUE;
}

/**
 * tx_import_finish_digest:
 *
 * Waits for the check tx_import_start_digest() started, if it did; it
 * says the same each time it is asked again.
 *
 * Returns: %FALSE with @error set when the file is not the one its
 *   SHA-256 is of: nothing of it may then be kept
 */
gboolean
tx_import_finish_digest (Importer  *imp,
                         GError   **error)
{
  DigestCheck *check = imp->digest_check;

  if (check == NULL)
    return TRUE;

  if (check->thread != NULL)
    {
      g_thread_join (g_steal_pointer (&check->thread));
      check->same = !check->read_failed && check->hashed == check->length &&
                    g_ascii_strcasecmp (check->expected, check->hex) == 0;
    }

  if (!check->same)
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                   _("%s is damaged or incomplete: what it holds does not match its checksum. "
                     "It may have been cut short or changed while it was copied: copy it again, "
                     "or ask the sender to send it again."),
                   imp->display_name);
      return FALSE;
    }

  return TRUE;
}

/**
 * tx_import_clear_digest:
 *
 * Lets go of the check tx_import_start_digest() started, if it did,
 * once it is over: before the file is closed.
 */
void
tx_import_clear_digest (Importer *imp)
{
  g_clear_pointer (&imp->digest_check, digest_check_free);
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
gboolean
tx_import_check_prolog (Importer  *imp,
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

/* What libxml2 says of a file read again, already read once by a pass
 * that told the clerk: only to the log, never to the terminal. */
static void
on_reading_again_error_cb (void        *user_data,
                           xmlErrorPtr  error)
{
  g_debug ("reading again, line %d: %s", error->line, error->message);
}

/* A reader of the file from its start, a buffer at a time; what
 * libxml2 says of it goes to the log (the passes set their own). */
static xmlTextReaderPtr
open_reader (Importer  *imp,
             GError   **error)
{
  GInputStream *input = open_input (imp, error);
  xmlTextReaderPtr reader;

  if (input == NULL)
    return NULL;

  /* the reader closes @input, even when it cannot be made */
  reader = xmlReaderForIO (read_input_cb, close_input_cb, input, NULL, "UTF-8", READER_FLAGS);
  if (reader != NULL)
    xmlTextReaderSetStructuredErrorHandler (reader, on_reading_again_error_cb, NULL);

  return reader;
}

xmlRelaxNGPtr
tx_import_load_schema (GError **error)
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

/* An element called @name, at @line, with room for @n_attributes
 * attributes, in @arena */
static Elem *
elem_new (TxArena    *arena,
          const char *name,
          long        line,
          int         n_attributes)
{
  Elem *elem = memset (tx_arena_alloc (arena, sizeof (Elem)), 0, sizeof (Elem));

  elem->name = name;
  elem->line = line;
  if (n_attributes > 0)
    elem->attributes = tx_arena_alloc (arena, 2 * n_attributes * sizeof (char *));

  return elem;
}

/* The element the reader is on, in @arena */
static Elem *
elem_new_from_reader (TxArena          *arena,
                      xmlTextReaderPtr  reader)
{
  int n_attributes = xmlTextReaderHasAttributes (reader) == 1 ? xmlTextReaderAttributeCount (reader) : 0;
  Elem *elem = elem_new (arena, (const char *) xmlTextReaderConstLocalName (reader), reader_line (reader),
                         n_attributes);

  if (n_attributes <= 0)
    return elem;

  while (xmlTextReaderMoveToNextAttribute (reader) == 1)
    {
      const char *value;

      if (xmlTextReaderIsNamespaceDecl (reader) == 1)
        continue;
      if (xmlTextReaderConstNamespaceUri (reader) != NULL)
        elem->foreign = TRUE;
      /* more than counted (libxml2 counts them all): none fits */
      if (elem->n_attributes + 2 > 2 * (guint) n_attributes)
        {
          elem->foreign = TRUE;
          continue;
        }
      value = (const char *) xmlTextReaderConstValue (reader);
      elem->attributes[elem->n_attributes++] = (const char *) xmlTextReaderConstLocalName (reader);
      elem->attributes[elem->n_attributes++] = tx_arena_copy (arena, value, strlen (value));
    }
  xmlTextReaderMoveToElement (reader);

  return elem;
}

/* The element the reader is on, the root of a record: its elements are
 * taken from an arena of its own, let go of with it by elem_free(). */
static Elem *
elem_new_root (xmlTextReaderPtr reader)
{
  TxArena *arena = g_new (TxArena, 1);
  Elem *root;

  tx_arena_init (arena, ELEM_ARENA_BLOCK);
  root = elem_new_from_reader (arena, reader);

  root->arena = arena;

  return root;
}

/* An element as libxml2's parser starts it (SAX2): @attributes holds
 * five pointers for each, its local name, prefix, namespace, value and
 * the end of its value.  Every "&" of a value is there "&#38;" (the
 * parser leaves it for a tree to read again): it is "&" here. */
static Elem *
elem_new_from_parser (TxArena        *arena,
                      const char     *name,
                      long            line,
                      int             n_attributes,
                      const xmlChar **attributes)
{
  Elem *elem = elem_new (arena, name, line, n_attributes);

  for (int i = 0; i < n_attributes; i++)
    {
      const char *value = (const char *) attributes[5 * i + 3];
      gsize length = (const char *) attributes[5 * i + 4] - value;
      char *copy = tx_arena_copy (arena, value, length);

      if (memchr (copy, '&', length) != NULL)
        {
          char *to = copy;

          for (const char *from = copy; *from != '\0'; )
            if (g_str_has_prefix (from, "&#38;"))
              {
                *to++ = '&';
                from += strlen ("&#38;");
              }
            else
              *to++ = *from++;
          *to = '\0';
        }

      if (attributes[5 * i + 2] != NULL)
        elem->foreign = TRUE;
      elem->attributes[elem->n_attributes++] = (const char *) attributes[5 * i];
      elem->attributes[elem->n_attributes++] = copy;
    }

  return elem;
}

/* Adds @child to @parent's children, in @parent's record's @arena */
static void
elem_add_child (TxArena   *arena,
                Elem      *parent,
                Elem      *child)
{
  if (parent->n_children == parent->children_size)
    {
      guint size = MAX (4, 2 * parent->children_size);
      Elem **children = tx_arena_alloc (arena, size * sizeof (Elem *));

      if (parent->n_children > 0)
        memcpy (children, parent->children, parent->n_children * sizeof (Elem *));
      parent->children = children;
      parent->children_size = size;
    }
  parent->children[parent->n_children++] = child;
}

/* Appends @length bytes of @text to @elem's text, in @arena */
static void
elem_append_text (TxArena    *arena,
                  Elem       *elem,
                  const char *text,
                  gsize       length)
{
  if (elem->text == NULL || elem->text_length + length + 1 > elem->text_size)
    {
      gsize size = MAX (elem->text_length + length + 1, elem->text != NULL ? 2 * elem->text_size : 0);
      char *grown = tx_arena_alloc (arena, size);

      if (elem->text_length > 0)
        memcpy (grown, elem->text, elem->text_length);
      elem->text = grown;
      elem->text_size = size;
    }
  memcpy (elem->text + elem->text_length, text, length);
  elem->text_length += length;
  elem->text[elem->text_length] = '\0';
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

  for (guint i = 0; i + 1 < elem->n_attributes; i += 2)
    {
      const char *name = elem->attributes[i];
      const char *value = elem->attributes[i + 1];
      const AttributeShape *shape = NULL;

      for (guint j = 0; shapes != NULL && shapes[j].name != NULL && shape == NULL; j++)
        if (same_name (shapes[j].name, name))
          shape = &shapes[j];

      if (shape == NULL || !value_fits (shape->kind, shape->choices, value))
        return FALSE;
      found += shape->required ? 1 : 0;
    }

  return found == required;
}

/* The shape of the element @name of the namespace @ns, the next child
 * of @parent; NULL when it is not one @parent has there.  The schema's
 * children are in a fixed order, each once, maybe, or any number of
 * times, so the next one is the first, from where the last one was,
 * that may be there. */
static const ElementShape *
next_child_shape (Elem       *parent,
                  const char *ns,
                  const char *name)
{
  const ChildShape *children = parent->shape->children;

  if (parent->shape->content != VALUE_ELEMENTS || g_strcmp0 (ns, TX_EXCHANGE_NAMESPACE) != 0)
    return NULL;

  for (; children[parent->next_child].element != NULL; parent->next_child++, parent->n_of_next = 0)
    {
      const ChildShape *child = &children[parent->next_child];

      if (same_name (child->element->name, name) && (child->occurs == OCCURS_ANY || parent->n_of_next == 0))
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
      return elem->n_children == 0 && elem->text == NULL;

    default:
      return elem->n_children == 0 && value_fits (shape->content, shape->choices, elem_text (elem));
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

/* Appends @length bytes of @text to @elem's text, in @arena; FALSE
 * (and a clear error) when that makes it longer than any text of its
 * kind.  A circular's frozen ledger is not a clerk's text: a city's is
 * long. */
static gboolean
elem_append_text_within_limit (Importer    *imp,
                               TxArena     *arena,
                               Elem        *elem,
                               long         line,
                               const char  *text,
                               gsize        length,
                               GError     **error)
{
  gsize limit = same_name (elem->name, "ledger") ? MAX_LEDGER_BYTES
              : same_name (elem->name, "data") ? MAX_DATA_BYTES
              : max_text_bytes ();

  if (elem->text_length + length > limit)
    return tx_import_fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID,
                              _("the text of <%s> is longer than any text Tongxin keeps. %s"),
                              elem->name, _(NOT_WRITTEN_BY_TONGXIN));

  elem_append_text (arena, elem, text, length);
  return TRUE;
}

static gboolean
fail_too_deep (Importer  *imp,
               long       line,
               GError   **error)
{
  return tx_import_fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID,
                            _("elements are nested far deeper than in any exchange file. %s"),
                            _(NOT_WRITTEN_BY_TONGXIN));
}

/*
 * Reads the element the reader is on, a record, with everything in it;
 * the reader validates each node as it passes it, against the schema,
 * and its first fault stops the reading.
 */
static Elem *
read_element (Importer          *imp,
              xmlTextReaderPtr   reader,
              GError           **error)
{
  g_autoptr(Elem) root = elem_new_root (reader);
  g_autoptr(GPtrArray) open = g_ptr_array_new ();
  int rc;

  if (xmlTextReaderIsEmptyElement (reader) == 1)
    return g_steal_pointer (&root);

  g_ptr_array_add (open, root);

  while ((rc = xmlTextReaderRead (reader)) == 1 && imp->first_error == NULL)
    {
      Elem *parent = g_ptr_array_index (open, open->len - 1);

      if (xmlTextReaderDepth (reader) > MAX_DEPTH)
        return fail_too_deep (imp, reader_line (reader), error), NULL;

      switch (xmlTextReaderNodeType (reader))
        {
        case XML_READER_TYPE_ELEMENT:
          {
            Elem *child = elem_new_from_reader (root->arena, reader);

            elem_add_child (root->arena, parent, child);
            if (xmlTextReaderIsEmptyElement (reader) != 1)
              g_ptr_array_add (open, child);
          }
          break;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          {
            const char *value = (const char *) xmlTextReaderConstValue (reader);

            if (!elem_append_text_within_limit (imp, root->arena, parent, reader_line (reader),
                                                value != NULL ? value : "", value != NULL ? strlen (value) : 0,
                                                error))
              return NULL;
          }
          break;

        case XML_READER_TYPE_END_ELEMENT:
          g_ptr_array_set_size (open, open->len - 1);
          if (open->len == 0)
            return g_steal_pointer (&root);
          break;

        default:
          /* comments and processing instructions say nothing */
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
      tx_import_fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_INVALID,
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
gint64
tx_import_lookup_id (Importer   *imp,
                     const char *sql,
                     const char *uuid)
{
  sqlite3_stmt *stmt = tx_store_prepare (imp->store, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL || uuid == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (tx_import_step (imp, stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

/* What the pass has read so far starts empty. */
void
tx_import_begin_reading (Importer *imp)
{
  g_clear_pointer (&imp->records_read.slots, g_free);
  g_clear_pointer (&imp->found_here.slots, g_free);
  g_clear_pointer (&imp->tombstones.slots, g_free);
  g_clear_pointer (&imp->plans_read, g_hash_table_unref);

  imp->records_read = (ReadTable) { g_new0 (ReadSlot, 1024), 1024, 0 };
  imp->found_here = (ReadTable) { g_new0 (ReadSlot, 1024), 1024, 0 };
  imp->tombstones = (ReadTable) { g_new0 (ReadSlot, 1024), 1024, 0 };
  memset (imp->looks, 0, sizeof imp->looks);
  memset (imp->read_whole, 0, sizeof imp->read_whole);
  imp->participants_of = NULL;
  imp->plans_read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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

/* The kind of the record of @uuid in @table, and its row id (0: not
 * known); FALSE if it is not there. */
static gboolean
lookup_in (ReadTable   *table,
           const char  *uuid,
           Kind        *kind,
           gint64      *id)
{
  guint64 bytes[2];
  ReadSlot *slot;

  if (!uuid_to_bytes (uuid, bytes))
    return FALSE;

  slot = find_slot (table, bytes);
  if (slot->value == 0)
    return FALSE;

  *kind = (slot->value & KIND_MASK) - 1;
  *id = slot->value >> KIND_BITS;

  return TRUE;
}

/* The kind of the record of @uuid read before in this pass, and its
 * row id when this pass added it (else 0); FALSE if none was read. */
static gboolean
lookup_read (Importer    *imp,
             const char  *uuid,
             Kind        *kind,
             gint64      *id)
{
  return lookup_in (&imp->records_read, uuid, kind, id);
}

/* Keeps in @table that the record of @uuid is of @kind, with the row
 * @id (or 0: not known). */
static void
keep_in (ReadTable  *table,
         const char *uuid,
         Kind        kind,
         gint64      id)
{
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
  slot->value = (guint64) (kind + 1) | (guint64) id << KIND_BITS;
}

/* Keeps that the record of @uuid, of @kind, is read, and has the row
 * @id here (or 0: not known). */
void
tx_import_keep_read (Importer   *imp,
                     const char *uuid,
                     Kind        kind,
                     gint64      id)
{
  keep_in (&imp->records_read, uuid, kind, id);
}

/*
 * A large file merged into a database that holds records looks up, for
 * each of its records, whether it is here already (decide_record()),
 * and the rows it refers to (find_here()): a look in the database each.
 * Once a pass has looked for LOOKS_BEFORE_READING_ALL ids of one kind,
 * and that kind's table holds no more than ROWS_READ_PER_LOOK rows for
 * each look made, the ids of all its rows are read at once (and the
 * tombstones', likewise): an id not among them is not here, and needs
 * no look.  Rows are never taken out of a table by an import, and the
 * rows it adds are the file's records, which the pass knows
 * (records_read): the ids read stay right to the end of the pass.
 */
#define LOOKS_BEFORE_READING_ALL 1024
#define ROWS_READ_PER_LOOK 16

/* The tables that may be read whole: of the kinds a city's file holds
 * many records of, and the tombstones */
static const gboolean may_read_whole[N_KINDS] = {
  [KIND_PERSON] = TRUE,
  [KIND_CONSULTATION] = TRUE,
  [KIND_OUTCOME] = TRUE,
  [KIND_ACTIVITY] = TRUE,
  [KIND_DELETED] = TRUE,
};

/* Reads the ids of every row of @kind's table (KIND_DELETED: of every
 * tombstone); FALSE when the database could not be read, which fails
 * the import, as any read of it does (tx_import_step()). */
static gboolean
read_every_id (Importer *imp,
               Kind      kind)
{
  ReadTable *table = kind == KIND_DELETED ? &imp->tombstones : &imp->found_here;
  sqlite3_stmt *stmt = tx_store_prepare (imp->store, tx_import_kind_sql (kind, KIND_SQL_EVERY_ID), NULL);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = tx_import_step (imp, stmt)) == SQLITE_ROW)
    keep_in (table, (const char *) sqlite3_column_text (stmt, 0), kind, sqlite3_column_int64 (stmt, 1));
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

/* Counts a look in the database for an id of @kind, and reads all its
 * table's ids when enough were looked for. */
static void
count_look (Importer *imp,
            Kind      kind)
{
  guint n = ++imp->looks[kind];
  sqlite3_stmt *stmt;
  gint64 rows = -1;

  if (!may_read_whole[kind] || imp->read_whole[kind] ||
      n < LOOKS_BEFORE_READING_ALL || (n & (n - 1)) != 0)
    return;

  stmt = tx_store_prepare (imp->store, tx_import_kind_sql (kind, KIND_SQL_LAST_ID), NULL);
  if (stmt != NULL && tx_import_step (imp, stmt) == SQLITE_ROW)
    rows = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  if (rows >= 0 && rows <= (gint64) n * ROWS_READ_PER_LOOK)
    imp->read_whole[kind] = read_every_id (imp, kind);
}

/* What the pass knows of the row of @kind with @uuid here without a
 * look: TRUE with its id, or with 0 when its table was read whole and
 * has no such row; FALSE when it does not know. */
static gboolean
known_here (Importer   *imp,
            Kind        kind,
            const char *uuid,
            gint64     *id)
{
  Kind found;

  if (lookup_in (&imp->found_here, uuid, &found, id))
    return found == kind;

  *id = 0;
  return imp->read_whole[kind] && is_uuid (uuid);
}

/* The row id of the record of @kind and @uuid in the database (0: none),
 * which @sql finds; looked up once a pass.  Records are never taken out
 * of the table by an import (only marked removed), so an id found stays
 * right to the end of the pass.  @added_here: whether the pass may have
 * added the row without keeping its id (then the ids read at once may
 * not have it, and it is looked up). */
static gint64
find_here (Importer   *imp,
           Kind        kind,
           const char *sql,
           const char *uuid,
           gboolean    added_here)
{
  gint64 id;

  /* of no kind with a table of its own */
  if (sql == NULL)
    return 0;

  if (added_here || imp->check != CHECK_SHAPE)
    {
      Kind found;

      if (lookup_in (&imp->found_here, uuid, &found, &id) && found == kind)
        return id;
    }
  else
    {
      if (known_here (imp, kind, uuid, &id))
        return id;
      count_look (imp, kind);
      if (known_here (imp, kind, uuid, &id))
        return id;
    }

  id = tx_import_lookup_id (imp, sql, uuid);
  if (id != 0)
    keep_in (&imp->found_here, uuid, kind, id);

  return id;
}

/**
 * tx_import_is_new_here:
 *
 * Whether the database surely holds neither a row of @kind with @uuid
 * nor a tombstone of it, without a look: the pass read both tables
 * whole.  FALSE when it does not know (and decide() looks).
 */
gboolean
tx_import_is_new_here (Importer   *imp,
                       Kind        kind,
                       const char *uuid)
{
  Kind found;
  gint64 id;

  if (imp->check != CHECK_SHAPE)
    return FALSE;

  count_look (imp, kind);
  count_look (imp, KIND_DELETED);

  /* known_here() read @uuid: lookup_in() finds it or it is not there */
  return imp->read_whole[KIND_DELETED] && known_here (imp, kind, uuid, &id) && id == 0 &&
         !lookup_in (&imp->tombstones, uuid, &found, &id);
}

/* The row id of the person or consultation of @uuid: the one this pass
 * added, or the database's (0: none). */
gint64
tx_import_find_row (Importer   *imp,
                    Kind        kind,
                    const char *uuid)
{
  Kind earlier;
  gint64 id;

  gboolean read_here = lookup_read (imp, uuid, &earlier, &id) && earlier == kind;

  if (read_here && id != 0)
    return id;

  /* read before, and written without its id kept: an update, or a
   * record deleted here before that came back */
  return find_here (imp, kind, tx_import_kind_sql (kind, KIND_SQL_ID), uuid, read_here);
}

/* The row id of the township of @uuid (0: none); townships are few, and
 * every record looks one up. */
gint64
tx_import_find_township (Importer   *imp,
                         const char *uuid)
{
  if (uuid == NULL)
    return 0;

  return find_here (imp, KIND_TOWNSHIP, tx_import_kind_sql (KIND_TOWNSHIP, KIND_SQL_ID), uuid, TRUE);
}

/* Whether a township, a person, a consultation, a recommendation or an
 * activity of @uuid is in the file before this record, or in the
 * database (removed or not). */
gboolean
tx_import_is_known (Importer   *imp,
                    Kind        kind,
                    const char *uuid)
{
  gint64 id;

  return tx_import_find_known (imp, kind, uuid, &id);
}

/**
 * tx_import_find_known:
 * @id: (out): its row id, when the pass knows it (else 0)
 *
 * Likewise, with the row id of the record.
 */
gboolean
tx_import_find_known (Importer   *imp,
                      Kind        kind,
                      const char *uuid,
                      gint64     *id)
{
  Kind earlier;

  *id = 0;
  if (uuid == NULL)
    return FALSE;

  if (lookup_read (imp, uuid, &earlier, id) && earlier == kind)
    return TRUE;

  *id = find_here (imp, kind, tx_import_kind_sql (kind, KIND_SQL_ID), uuid, FALSE);
  return *id != 0;
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
  return imp->check == CHECK_SHAPE || tx_import_is_known (imp, kind, uuid);
}

/**
 * tx_import_describe:
 * @text: (nullable): its name, or title
 *
 * Returns: what a record is, for messages: "the person 陈明"
 */
char *
tx_import_describe (Kind        kind,
                    const char *text)
{
  if (text == NULL)
    text = "";

  switch (kind)
    {
    case KIND_TOWNSHIP:
      /* Translators: %s is a township's name */
      return g_strdup_printf (_("the township %s"), text);

    case KIND_PERSON:
      /* Translators: %s is a person's name */
      return g_strdup_printf (_("the person %s"), text);

    case KIND_CONSULTATION:
      /* Translators: %s is the title of a consultation */
      return g_strdup_printf (_("the consultation “%s”"), text);

    case KIND_OUTCOME:
      /* Translators: %s is the title of a recommendation */
      return g_strdup_printf (_("the recommendation “%s”"), text);

    case KIND_ACTIVITY:
      /* Translators: %s is the title of a training, an observation visit or a discussion */
      return g_strdup_printf (_("the activity “%s”"), text);

    case KIND_ATTACHMENT:
      /* Translators: %s is the file name of a photo, a scan or an office file */
      return g_strdup_printf (_("the attachment “%s”"), text);

    case KIND_PLAN:
    case KIND_THRESHOLD:
    case KIND_CIRCULAR:
    case KIND_DELETED:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* What a record of the file is, for messages: "the person 陈明". */
static char *
describe (Kind  kind,
          Elem *elem)
{
  const char *text = NULL;

  switch (kind)
    {
    case KIND_TOWNSHIP:
      text = get_attr (elem, "name");
      break;

    case KIND_PERSON:
      /* the last name, as the last is kept */
      for (guint i = 0; i < n_children (elem); i++)
        if (is_element (get_child (elem, i), "name"))
          text = elem_text (get_child (elem, i));
      break;

    case KIND_CONSULTATION:
    case KIND_OUTCOME:
    case KIND_ACTIVITY:
      text = child_text (elem, "title");
      break;

    case KIND_ATTACHMENT:
      text = child_text (elem, "file-name");
      break;

    case KIND_CIRCULAR:
      {
        const char *year = get_attr (elem, "year");
        const char *quarter = get_attr (elem, "quarter");
        const char *version = get_attr (elem, "version");

        /* Translators: the circular of a quarter, and its version */
        return g_strdup_printf (_("the circular of Q%d %d (version %d)"), atoi (quarter ? quarter : "0"),
                                atoi (year ? year : "0"), atoi (version ? version : "0"));
      }

    case KIND_PLAN:
    case KIND_THRESHOLD:
    case KIND_DELETED:
    default:
      g_return_val_if_reached (NULL);
    }

  return tx_import_describe (kind, text);
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
  const char *renamed = imp->townships_renamed != NULL ? g_hash_table_lookup (imp->townships_renamed, incoming->uuid) : NULL;

  if (renamed != NULL)
    name = renamed;

  incoming->description = describe (KIND_TOWNSHIP, elem);
  if (problem != NULL)
    return tx_import_fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_INVALID, "%s", problem);

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
  const char *township = tx_import_township_here (imp, get_attr (elem, "township"));

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
      else if (is_element (child, "post-since"))
        {
          g_autofree char *shifted = shift_date (imp, text);

          tx_person_set_post_since (person, tx_date_from_iso (shifted));
        }
    }

  /* the roster editor's rules: a name, a phone it takes, texts it keeps */
  if (person->name != NULL)
    g_strstrip (person->name);
  problems = tx_person_check (person);
  if (problems->len > 0)
    return tx_import_fail_with_problems (imp, elem->line, problems, error);

  /* the costliest part of a new person, made while the other thread
   * merges when it is behind (else add_new_person() makes them) */
  if (imp->check == CHECK_SHAPE && imp->pass == PASS_MERGE && imp->merging_behind)
    tx_collate_sort_keys (person->name, &incoming->pinyin, &incoming->strokes);

  if (township != NULL && !refers_to_known (imp, KIND_TOWNSHIP, township))
    return tx_import_fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_REFERENCE,
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

  incoming->township = g_strdup (tx_import_township_here (imp, get_attr (elem, "township")));
  incoming->year = atoi (year ? year : "0") + imp->year_shift;
  incoming->count = atoi (count ? count : "0");
  /* Translators: the plan of a township (its id) for a year */
  incoming->description = g_strdup_printf (_("the plan of %s for %d"), incoming->township, incoming->year);

  key = g_strdup_printf ("%s\x1f%d", incoming->township, incoming->year);
  if (g_hash_table_lookup_extended (imp->plans_read, key, NULL, &earlier))
    return tx_import_fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_INVALID,
                              _("the plan of the township %s for %d is given twice, here and on line %ld. %s"),
                              incoming->township, incoming->year, (long) GPOINTER_TO_SIZE (earlier),
                              _(NOT_WRITTEN_BY_TONGXIN));
  g_hash_table_insert (imp->plans_read, g_steal_pointer (&key), GSIZE_TO_POINTER (incoming->line));

  if (!refers_to_known (imp, KIND_TOWNSHIP, incoming->township))
    return tx_import_fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                              _("the plan refers to the township %s, which is neither in the file nor in the database."),
                              incoming->township);

  return TRUE;
}

static gboolean
read_threshold (Importer    *imp,
                Elem        *elem,
                Incoming    *incoming,
                GError     **error)
{
  incoming->key = g_strdup (get_attr (elem, "key"));
  incoming->value = g_strdup (get_attr (elem, "value"));
  /* Translators: a threshold of the ledger, a setting's key */
  incoming->description = g_strdup_printf (_("the threshold %s"), incoming->key);

  if (!g_strv_contains (tx_exchange_thresholds, incoming->key != NULL ? incoming->key : ""))
    return tx_import_fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_INVALID,
                              _("“%s” is not a threshold of the ledger. %s"), incoming->key ? incoming->key : "",
                              _(NOT_WRITTEN_BY_TONGXIN));

  return TRUE;
}

static gboolean
read_circular (Importer    *imp,
               Elem        *elem,
               Incoming    *incoming,
               GError     **error)
{
  g_autoptr(GError) json_error = NULL;
  g_autoptr(TxLedger) ledger = NULL;
  const char *year = get_attr (elem, "year");
  const char *quarter = get_attr (elem, "quarter");
  const char *version = get_attr (elem, "version");

  incoming->year = atoi (year ? year : "0");
  incoming->quarter = atoi (quarter ? quarter : "0");
  incoming->version = atoi (version ? version : "0");
  incoming->issued = g_strdup (get_attr (elem, "issued"));
  incoming->number = g_strdup (get_attr (elem, "number") ? get_attr (elem, "number") : "");
  incoming->organization = g_strdup (get_attr (elem, "organization") ? get_attr (elem, "organization") : "");
  incoming->suggestions = g_strdup (child_text (elem, "suggestions") ? child_text (elem, "suggestions") : "");
  incoming->ledger = g_strdup (child_text (elem, "ledger") ? child_text (elem, "ledger") : "");
  incoming->description = describe (KIND_CIRCULAR, elem);

  if (incoming->version < 1 || incoming->quarter < 1 || incoming->quarter > 4)
    return tx_import_fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_INVALID,
                              _("%s is not a circular Tongxin issues. %s"), incoming->description,
                              _(NOT_WRITTEN_BY_TONGXIN));

  /* the ledger it froze is one Tongxin reads */
  ledger = tx_ledger_from_json (incoming->ledger, &json_error);
  if (ledger == NULL || ledger->year != incoming->year || ledger->quarter != incoming->quarter)
    return tx_import_fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_INVALID,
                              _("the ledger of %s cannot be read. %s"), incoming->description,
                              _(NOT_WRITTEN_BY_TONGXIN));

  return TRUE;
}

/* A participant of a meeting (a consultation's, an activity), added to
 * @participants */
static gboolean
read_participant_of (Importer   *imp,
                     Elem       *child,
                     GPtrArray  *participants,
                     gboolean    others_people,
                     GError    **error)
{
  const char *person = get_attr (child, "person");
  const char *invited = get_attr (child, "invited");
  const char *attended = get_attr (child, "attended");
  TxRole role = TX_ROLE_OBSERVER;
  TxParticipant *participant;

  /* one of another township's people, at the city's activity */
  if (others_people && !refers_to_known (imp, KIND_PERSON, person))
    return TRUE;
  if (!refers_to_known (imp, KIND_PERSON, person))
    return tx_import_fail_at (imp, child->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                              _("the participant %s is neither in the file nor in the database."), person);

  tx_role_from_key (get_attr (child, "role"), &role);
  participant = tx_participant_new (person, role);
  participant->invited = g_strcmp0 (invited, "false") != 0 && g_strcmp0 (invited, "0") != 0;
  participant->attended = attended == NULL ? -1
                          : g_str_equal (attended, "true") || g_str_equal (attended, "1");
  g_ptr_array_add (participants, participant);

  return TRUE;
}

static gboolean
read_participant (Importer   *imp,
                  Elem       *child,
                  GPtrArray  *participants,
                  GError    **error)
{
  return read_participant_of (imp, child, participants, FALSE, error);
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
            return tx_import_fail_at (imp, child->line, error, TX_EXCHANGE_ERROR_INVALID, _("“%s” is not a stage."), name);

          g_free (record->stage_due[stage]);
          g_free (record->stage_done[stage]);
          record->stage_due[stage] = shift_date (imp, get_attr (child, "due"));
          record->stage_done[stage] = shift_date (imp, get_attr (child, "done"));
          tx_record_set_text (&record->stage_note[stage], get_attr (child, "reason"));
        }
      else if (is_element (child, "participant"))
        {
          if (!read_participant (imp, child, record->participants, error))
            return FALSE;
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
  const char *township = tx_import_township_here (imp, get_attr (elem, "township"));
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

  if (!read_consultation_parts (imp, elem, record, error))
    return FALSE;

  /* the editor's rules, and the order of the stages, with the days the
   * sender may be ahead */
  problems = tx_consultation_check (record, imp->latest_date);
  stages = tx_consultation_check_stages (record, imp->latest_date);
  g_ptr_array_extend_and_steal (problems, g_steal_pointer (&stages));
  if (problems->len > 0)
    return tx_import_fail_with_problems (imp, elem->line, problems, error);

  if (!refers_to_known (imp, KIND_TOWNSHIP, township))
    return tx_import_fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_REFERENCE,
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

  problems = tx_outcome_check (record, imp->latest_date);
  if (problems->len > 0)
    return tx_import_fail_with_problems (imp, elem->line, problems, error);

  if (!refers_to_known (imp, KIND_CONSULTATION, consultation))
    return tx_import_fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                              _("the recommendation refers to the consultation %s, which is neither in the file nor in the database."),
                              consultation);

  return TRUE;
}

/* A time of an activity: its day alone, or a time with its offset */
static char *
shift_day_or_time (Importer   *imp,
                   const char *text)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL || tx_date_is_iso_day (text))
    return shift_date (imp, text);
  time = g_date_time_new_from_iso8601 (text, NULL);
  /* not a time: tx_activity_check() says so */
  if (time == NULL)
    return g_strdup (text);
  return shift_datetime (imp, text);
}

static gboolean
read_activity (Importer    *imp,
               Elem        *elem,
               Incoming    *incoming,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *organiser = get_attr (elem, "township");
  g_autofree char *starts = shift_day_or_time (imp, child_text (elem, "starts"));
  g_autofree char *ends = shift_day_or_time (imp, child_text (elem, "ends"));
  TxActivityKind kind = TX_ACTIVITY_TRAINING;
  TxActivity *record;
  /* the city's activity at a township: its people are of every
   * township, this one keeps its own */
  gboolean others_people = organiser == NULL && g_strcmp0 (imp->own_kind, "township") == 0 &&
                           g_strcmp0 (imp->sender.kind, "city") == 0;

  record = tx_activity_new_received (incoming->uuid, incoming->updated, kind, child_text (elem, "title"), starts);
  /* one of Tongxin's kinds by its key, or one of the sender's own */
  tx_activity_set_kind_name (record, get_attr (elem, "kind"));
  incoming->record = G_OBJECT (record);
  incoming->description = describe (KIND_ACTIVITY, elem);
  if (organiser != NULL)
    tx_activity_set_organiser (record, tx_import_township_here (imp, organiser));
  tx_activity_set_ends (record, ends);
  tx_activity_set_venue (record, child_text (elem, "venue"));
  tx_activity_set_notes (record, child_text (elem, "notes"));

  for (guint i = 0; i < n_children (elem); i++)
    {
      Elem *child = get_child (elem, i);

      if (is_element (child, "taking-part"))
        {
          const char *township = tx_import_township_here (imp, get_attr (child, "township"));

          if (!refers_to_known (imp, KIND_TOWNSHIP, township))
            return tx_import_fail_at (imp, child->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                                      _("%s refers to the township %s, which is neither in the file nor in the database."),
                                      incoming->description, township);
          tx_activity_add_township (record, township);
        }
      else if (is_element (child, "participant") &&
               !read_participant_of (imp, child, tx_activity_get_participants (record), others_people, error))
        return FALSE;
    }

  if (!tx_activity_check (record, &local_error))
    return tx_import_fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_INVALID, "%s: %s",
                              incoming->description, local_error->message);
  if (organiser != NULL && !refers_to_known (imp, KIND_TOWNSHIP, tx_activity_get_township_name (record)))
    return tx_import_fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                              _("%s refers to the township %s, which is neither in the file nor in the database."),
                              incoming->description, tx_activity_get_township_name (record));

  return TRUE;
}

/* Whether @text is base64 as Tongxin writes it: in fours, "=" only at
 * the end */
static gboolean
is_base64 (const char *text,
           gsize       length)
{
  if (length % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '/' &&
        !(text[i] == '=' && i >= length - 2 && (i == length - 1 || text[length - 1] == '=')))
      return FALSE;
  return TRUE;
}

/* An attachment and its file, which must be whole: its length and
 * checksum those it says */
static gboolean
read_attachment (Importer    *imp,
                 Elem        *elem,
                 Incoming    *incoming,
                 GError     **error)
{
  TxAttachment *attachment = g_new0 (TxAttachment, 1);
  const char *record_kind = get_attr (elem, "record-kind");
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autofree char *why = NULL;
  Kind kind_of_record;
  const char *size;

  incoming->attachment = attachment;
  incoming->description = describe (KIND_ATTACHMENT, elem);
  attachment->uuid = g_strdup (incoming->uuid);
  attachment->record_kind = g_strdup (record_kind);
  attachment->record_uuid = g_strdup (get_attr (elem, "record"));
  attachment->kind = TX_ATTACHMENT_OTHER;
  tx_attachment_kind_from_key (get_attr (elem, "kind"), &attachment->kind);
  attachment->caption = g_strdup (child_text (elem, "caption") != NULL ? child_text (elem, "caption") : "");
  attachment->file_name = g_strdup (child_text (elem, "file-name"));
  attachment->media_type = g_strdup (get_attr (elem, "media-type"));
  size = get_attr (elem, "size");
  attachment->size = size != NULL ? g_ascii_strtoll (size, NULL, 10) : -1;
  attachment->sha256 = g_strdup (get_attr (elem, "sha256"));
  attachment->updated_at = g_strdup (incoming->updated);

  kind_of_record = tx_import_kind_from_element (record_kind);
  if (!refers_to_known (imp, kind_of_record, attachment->record_uuid))
    return tx_import_fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_REFERENCE,
                              _("%s belongs to the record %s, which is neither in the file nor in the database."),
                              incoming->description, attachment->record_uuid);

  for (guint i = 0; i < n_children (elem); i++)
    {
      Elem *child = get_child (elem, i);
      const char *text = elem_text (child);
      gsize length = strlen (text);
      gsize decoded;
      int state = 0;
      guint save = 0;

      if (!is_element (child, "data"))
        continue;
      if (!is_base64 (text, length) || data->len + length / 4 * 3 > TX_ATTACHMENT_MAX_SIZE + 3)
        return tx_import_fail_at (imp, child->line, error, TX_EXCHANGE_ERROR_INVALID,
                                  /* Translators: %s is "the attachment “现场.jpg”" */
                                  _("the file of %s is cut or damaged. %s"),
                                  incoming->description, _(NOT_WRITTEN_BY_TONGXIN));
      g_byte_array_set_size (data, data->len + length / 4 * 3);
      decoded = g_base64_decode_step (text, length, data->data + data->len - length / 4 * 3, &state, &save);
      g_byte_array_set_size (data, data->len - length / 4 * 3 + decoded);
    }
  incoming->data = g_byte_array_free_to_bytes (g_steal_pointer (&data));

  /* the other office's version of a conflict, taken: its file is the
   * one held here, which must have its checksum */
  if (g_bytes_get_size (incoming->data) == 0 && attachment->size > 0 &&
      imp->options != NULL && imp->options->take_all)
    {
      GBytes *here = tx_attachment_read_unchecked (imp->store, attachment->uuid, NULL);

      if (here != NULL)
        {
          g_bytes_unref (incoming->data);
          incoming->data = here;
        }
    }

  why = tx_attachment_check_received (attachment, incoming->data);
  if (why != NULL)
    return tx_import_fail_at (imp, elem->line, error, TX_EXCHANGE_ERROR_INVALID,
                              /* Translators: "the attachment “现场.jpg”", then why it cannot be kept */
                              _("%s cannot be kept: %s. Ask the sender to export the file again."),
                              incoming->description, why);

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
        g_autoptr(Elem) elem = read_element (imp, reader, NULL);

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
/* What @incoming is, for messages ("the person 陈明").  Those of the
 * kinds a file holds by the hundred thousand are made when first
 * wanted: a message is rare, and making each took a twentieth of the
 * reading thread's time. */
static const char *
describe_incoming (Incoming *incoming)
{
  if (incoming->description == NULL)
    {
      const char *text = NULL;

      if (incoming->kind == KIND_PERSON)
        text = TX_PERSON (incoming->record)->name;
      else if (incoming->kind == KIND_CONSULTATION)
        text = TX_CONSULTATION (incoming->record)->title;
      else if (incoming->kind == KIND_OUTCOME)
        text = TX_OUTCOME (incoming->record)->title;
      incoming->description = tx_import_describe (incoming->kind, text);
    }

  return incoming->description;
}

gboolean
tx_import_remember_record (Importer  *imp,
                           Incoming  *incoming,
                           GError   **error)
{
  g_autofree char *earlier = NULL;
  long earlier_line = 0;
  Kind kind;
  gint64 id;

  if (!lookup_read (imp, incoming->uuid, &kind, &id))
    {
      tx_import_keep_read (imp, incoming->uuid, incoming->kind, 0);
      return TRUE;
    }

  /* the file is read by another thread: the schema's reading says it */
  if (imp->check == CHECK_SHAPE)
    return tx_import_fail_shape (imp, incoming->line, "an id given twice", error);

  earlier = describe_again (imp, kind, incoming->uuid, &earlier_line);

  return tx_import_fail_at (imp, incoming->line, error, TX_EXCHANGE_ERROR_INVALID,
                            /* Translators: an id, then two records ("the person 陈明") and the line of the first */
                            _("the id %s is given to two records, %s on line %ld and %s here. Every record has an id of its own. %s"),
                            incoming->uuid, earlier, earlier_line, describe_incoming (incoming),
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
  if (kind == KIND_TOWNSHIP || (kind == KIND_DELETED && g_strcmp0 (get_attr (elem, "kind"), "township") == 0))
    {
      const char *here = tx_import_township_here (imp, incoming->uuid);

      if (here != incoming->uuid)
        {
          g_free (incoming->uuid);
          incoming->uuid = g_strdup (here);
        }
    }
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
    case KIND_THRESHOLD:
      ok = read_threshold (imp, elem, incoming, error);
      break;
    case KIND_ACTIVITY:
      ok = read_activity (imp, elem, incoming, error);
      break;
    case KIND_ATTACHMENT:
      ok = read_attachment (imp, elem, incoming, error);
      break;
    case KIND_CIRCULAR:
      ok = read_circular (imp, elem, incoming, error);
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

/* ---- a pass over the file ------------------------------------------ */

/* The value of the attribute @name of the element the reader is on
 * (a township), or NULL */
static char *
dup_attribute (xmlTextReaderPtr  reader,
               const char       *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (reader, BAD_CAST name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* Forgets the offices the file names (read again at every pass). */
void
tx_import_clear_offices (Importer *imp)
{
  g_clear_pointer (&imp->sender.uuid, g_free);
  g_clear_pointer (&imp->sender.name, g_free);
  g_clear_pointer (&imp->sender.kind, g_free);
  g_clear_pointer (&imp->sender.exported, g_free);
  g_clear_pointer (&imp->receiver, g_free);
  g_clear_pointer (&imp->receiver_name, g_free);
  g_clear_pointer (&imp->subject, g_free);
  g_clear_pointer (&imp->since, g_free);
}

/* The offices the root names: the one that wrote the file, and the one
 * it was written for.  Their values are checked with the rest of the
 * root's, against the shape or the schema. */
static void
read_offices (Importer *imp,
              Elem     *root)
{
  tx_import_clear_offices (imp);

  imp->sender.uuid = g_strdup (get_attr (root, "office"));
  imp->sender.name = g_strdup (get_attr (root, "office-name"));
  imp->sender.kind = g_strdup (get_attr (root, "office-kind"));
  imp->sender.exported = g_strdup (get_attr (root, "exported"));
  imp->receiver = g_strdup (get_attr (root, "to"));
  imp->receiver_name = g_strdup (get_attr (root, "to-name"));
  imp->subject = g_strdup (get_attr (root, "township"));
  imp->since = g_strdup (get_attr (root, "since"));
}

/* The root: a Tongxin exchange file of this version, for this office. */
static gboolean
check_root (Importer    *imp,
            Elem        *root,
            const char  *ns,
            GError     **error)
{
  const char *name = root->name;
  long line = root->line;

  if (g_strcmp0 (name, "tongxin") != 0)
    return tx_import_fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID,
                              _("this is not a Tongxin exchange file (it is a <%s> file). Choose the .xml file that Tongxin exported."),
                              name);

  if (g_strcmp0 (ns, TX_EXCHANGE_NAMESPACE) != 0 && g_str_has_prefix (ns ? ns : "", "urn:tongxin:exchange:"))
    return tx_import_fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID,
                              _("the file is in another version of the exchange format (%s) than this Tongxin reads (%s). Install the Tongxin that wrote it, or ask the sender to export it with this version."),
                              ns, TX_EXCHANGE_NAMESPACE);

  if (g_strcmp0 (ns, TX_EXCHANGE_NAMESPACE) != 0)
    return tx_import_fail_at (imp, line, error, TX_EXCHANGE_ERROR_INVALID,
                              _("this is not a Tongxin exchange file (its namespace is “%s”). Choose the .xml file that Tongxin exported."),
                              ns ? ns : "");

  read_offices (imp, root);
  /* a file this office wrote comes back whoever it was for */
  if (imp->receiver != NULL && imp->own_office != NULL && strcmp (imp->receiver, imp->own_office) != 0 &&
      g_strcmp0 (imp->sender.uuid, imp->own_office) != 0)
    {
      if (imp->receiver_name != NULL)
        g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                     /* Translators: a file, then the office it was written for */
                     _("%s was written for another office, %s, not for this one: ask the sender for the file meant for this office."),
                     imp->display_name, imp->receiver_name);
      else
        g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                     _("%s was written for another office, not for this one: ask the sender for the file meant for this office."),
                     imp->display_name);
      return FALSE;
    }

  /* a township takes the city's files of its own city office only */
  if (imp->own_city != NULL && g_strcmp0 (imp->sender.kind, "city") == 0 && imp->sender.uuid != NULL &&
      strcmp (imp->sender.uuid, imp->own_city) != 0)
    {
      g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                   /* Translators: a file, the city office that wrote it, then the one whose files this township takes */
                   _("%s was written by another city office, %s, not by %s, whose files this township receives: ask your city office for its file."),
                   imp->display_name, imp->sender.name != NULL ? imp->sender.name : "?",
                   imp->own_city_name != NULL ? imp->own_city_name : "?");
      return FALSE;
    }

  return TRUE;
}

/* What the clerk is told of a file that cannot be read at all */
static gboolean
fail_to_open (Importer  *imp,
              GError   **error)
{
  g_clear_error (error);
  g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
               _("Could not open “%s”. Check that the file exists and can be read."),
               imp->display_name);
  return FALSE;
}

/*
 * Reads the file against the schema: libxml2's reader checks each node
 * as it passes it, and says what is wrong, where.  This is the reading
 * that tells the clerk; the one that merges reads against the shape
 * (read_records_by_shape()).
 */
static gboolean
read_records_by_schema (Importer        *imp,
                        TakeRecordFunc   take,
                        gpointer         user_data,
                        GError         **error)
{
  xmlTextReaderPtr reader = NULL;
  gboolean ok = TRUE;
  int rc;

  reader = open_reader (imp, error);
  if (reader == NULL)
    return fail_to_open (imp, error);

  xmlTextReaderSetStructuredErrorHandler (reader, on_reader_error_cb, imp);
  xmlTextReaderRelaxNGSetSchema (reader, imp->schema);

  rc = xmlTextReaderRead (reader);
  while (ok && rc == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      int depth = xmlTextReaderDepth (reader);

      /* a file of another kind, or of another version, is said so,
       * before the schema says it does not know it */
      if (type == XML_READER_TYPE_ELEMENT && depth == 0)
        {
          g_autoptr(Elem) root = elem_new_root (reader);

          if (!check_root (imp, root, (const char *) xmlTextReaderConstNamespaceUri (reader), error))
            {
              g_clear_error (&imp->first_error);
              ok = FALSE;
              break;
            }
        }

      if (imp->first_error != NULL)
        break;

      if (type == XML_READER_TYPE_DOCUMENT_TYPE)
        {
          /* tx_import_check_prolog() saw none; libxml2 found one all the same */
          ok = tx_import_fail_at (imp, reader_line (reader), error, TX_EXCHANGE_ERROR_INVALID,
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
          Kind kind = tx_import_kind_from_element ((const char *) xmlTextReaderConstLocalName (reader));

          /* anything else the schema refuses, as it is read */
          if (kind < N_KINDS)
            {
              g_autoptr(Elem) elem = read_element (imp, reader, error);
              Incoming *incoming;

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

      rc = xmlTextReaderRead (reader);
    }

  if (ok && imp->first_error == NULL && (rc < 0 || xmlTextReaderIsValid (reader) != 1))
    g_set_error (&imp->first_error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_INVALID,
                 _("%s is not a valid Tongxin exchange file. %s"), imp->display_name,
                 _(NOT_WRITTEN_BY_TONGXIN));

  xmlFreeTextReader (reader);

  /* a fault that libxml2's handler saw wins: it was found first */
  if (imp->first_error != NULL)
    {
      if (!ok)
        g_clear_error (error);
      return tx_import_fail_first (imp, error);
    }

  return ok;
}

/*
 * Reading against the shape.  The file is given to libxml2's parser a
 * buffer at a time, and the parser says where each element starts and
 * ends, and what text it holds (SAX2): each record's elements are built
 * here, and held to the shape, as the parser goes.  The reader that
 * reads against the schema builds a tree of libxml2's own as well, for
 * the schema: it took as long as the parsing itself.
 */

/* Bytes given to the parser at a time */
#define PARSE_CHUNK_SIZE (64 * 1024)

typedef struct {
  Importer          *imp;
  xmlParserCtxtPtr   ctxt;
  TakeRecordFunc     take;
  gpointer           user_data;
  GError            *error;             /* the reading's fault, when libxml2 saw none */
  gboolean           stopped;
  int                depth;             /* elements open, the root's too */
  Elem               root;              /* where among the records the next may be */
  TxArena            arena;             /* the record's elements, emptied for the next */
  Kind               kind;              /* the record's */
  Elem              *open[MAX_DEPTH];   /* the elements open in it, the record first */
} ShapeReading;

/* Stops the parser: it calls none of the functions below again. */
static void
stop_reading (ShapeReading *reading)
{
  reading->stopped = TRUE;
  xmlStopParser (reading->ctxt);
}

/* Stops the reading at something not as Tongxin writes it. */
static void
stop_at (ShapeReading *reading,
         const char   *what)
{
  if (reading->error == NULL)
    tx_import_fail_shape (reading->imp, xmlSAX2GetLineNumber (reading->ctxt), what, &reading->error);
  stop_reading (reading);
}

/* The root, then each record and each element of it */
static void
on_start_element_cb (void           *user_data,
                     const xmlChar  *local_name,
                     const xmlChar  *prefix,
                     const xmlChar  *ns,
                     int             n_namespaces,
                     const xmlChar **namespaces,
                     int             n_attributes,
                     int             n_defaulted,
                     const xmlChar **attributes)
{
  ShapeReading *reading = user_data;
  Importer *imp = reading->imp;
  const char *name = (const char *) local_name;
  long line = xmlSAX2GetLineNumber (reading->ctxt);
  int depth = reading->depth++;
  Elem *elem;

  if (reading->stopped)
    return;

  if (depth == 0)
    {
      TxArena arena;
      Elem *root;
      gboolean fits;

      tx_arena_init (&arena, ELEM_ARENA_BLOCK);
      root = elem_new_from_parser (&arena, name, line, n_attributes, attributes);

      /* a file of another kind, or of another version, is said so */
      if (!check_root (imp, root, (const char *) ns, &reading->error))
        {
          g_clear_error (&imp->first_error);
          stop_reading (reading);
        }
      root->shape = &root_shape;
      fits = attributes_fit (root);
      tx_arena_clear (&arena);
      if (!reading->stopped && !fits)
        stop_at (reading, "the attributes of the root");
      return;
    }

  if (depth > MAX_DEPTH)
    {
      stop_at (reading, "elements nested too deep");
      return;
    }

  if (depth == 1)
    {
      reading->kind = tx_import_kind_from_element (name);
      tx_arena_empty (&reading->arena);
      elem = elem_new_from_parser (&reading->arena, name, line, n_attributes, attributes);
      elem->shape = reading->kind < N_KINDS ? next_child_shape (&reading->root, (const char *) ns, name) : NULL;
      if (elem->shape == NULL)
        {
          stop_at (reading, "a record");
          return;
        }
    }
  else
    {
      Elem *parent = reading->open[depth - 2];

      elem = elem_new_from_parser (&reading->arena, name, line, n_attributes, attributes);
      elem_add_child (&reading->arena, parent, elem);
      elem->shape = next_child_shape (parent, (const char *) ns, name);
      if (elem->shape == NULL)
        {
          stop_at (reading, "an element");
          return;
        }
    }

  if (!attributes_fit (elem))
    {
      stop_at (reading, "the attributes of an element");
      return;
    }
  reading->open[depth - 1] = elem;
}

/* A record read whole: checked by the rules, and taken */
static void
take_record_read (ShapeReading *reading)
{
  Importer *imp = reading->imp;
  Incoming *incoming = read_record (imp, reading->open[0], reading->kind, &reading->error);

  /* where the parser is: the file is UTF-8, as the parser reads it
   * (xmlByteConsumed() would encode what is left of its buffer to
   * count it) */
  if (incoming != NULL)
    incoming->end = reading->ctxt->input->consumed + (reading->ctxt->input->cur - reading->ctxt->input->base);
  if (incoming == NULL || !reading->take (imp, incoming, reading->user_data, &reading->error))
    stop_reading (reading);
}

static void
on_end_element_cb (void          *user_data,
                   const xmlChar *local_name,
                   const xmlChar *prefix,
                   const xmlChar *ns)
{
  ShapeReading *reading = user_data;
  int depth = --reading->depth;

  if (reading->stopped || depth == 0)
    return;

  if (!content_fits (reading->open[depth - 1]))
    stop_at (reading, "the end of an element");
  else if (depth == 1)
    take_record_read (reading);
}

static void
on_characters_cb (void          *user_data,
                  const xmlChar *characters,
                  int            length)
{
  ShapeReading *reading = user_data;
  const char *text = (const char *) characters;
  Elem *parent;

  if (reading->stopped)
    return;

  /* between the records: white space only */
  if (reading->depth < 2)
    {
      if (!is_only_space_in (text, length))
        stop_at (reading, "something between the records");
      return;
    }

  parent = reading->open[reading->depth - 2];
  switch (parent->shape->content)
    {
    case VALUE_ELEMENTS:
      /* white space between elements, not kept */
      if (!is_only_space_in (text, length))
        stop_at (reading, "text among elements");
      break;

    case VALUE_EMPTY:
      stop_at (reading, "text in an empty element");
      break;

    default:
      if (!elem_append_text_within_limit (reading->imp, &reading->arena, parent,
                                          xmlSAX2GetLineNumber (reading->ctxt), text, length, &reading->error))
        stop_reading (reading);
      break;
    }
}

/* Comments and processing instructions say nothing; among the text of
 * an element, the shape leaves them to the schema. */
static void
on_comment_cb (void          *user_data,
               const xmlChar *value)
{
  ShapeReading *reading = user_data;

  if (!reading->stopped && reading->depth >= 2 &&
      reading->open[reading->depth - 2]->shape->content != VALUE_ELEMENTS)
    stop_at (reading, "a comment in a text");
}

static void
on_processing_instruction_cb (void          *user_data,
                              const xmlChar *target,
                              const xmlChar *data)
{
  on_comment_cb (user_data, data);
}

/* tx_import_check_prolog() saw none; libxml2 found one all the same */
static void
on_document_type_cb (void          *user_data,
                     const xmlChar *name,
                     const xmlChar *external_id,
                     const xmlChar *system_id)
{
  stop_at (user_data, "a document type declaration");
}

static void
on_parser_error_cb (void        *user_data,
                    xmlErrorPtr  xml_error)
{
  ShapeReading *reading = user_data;

  on_reader_error_cb (reading->imp, xml_error);
  if (reading->imp->first_error != NULL)
    stop_reading (reading);
}

static gboolean
read_records_by_shape (Importer        *imp,
                       TakeRecordFunc   take,
                       gpointer         user_data,
                       GError         **error)
{
  g_autoptr(GInputStream) input = open_input (imp, error);
  g_autofree char *buffer = NULL;
  ShapeReading reading = { imp, NULL, take, user_data, NULL, };
  xmlSAXHandler handler = { NULL, };
  gssize n_read;

  if (input == NULL)
    return fail_to_open (imp, error);

  tx_arena_init (&reading.arena, ELEM_ARENA_BLOCK);

  handler.initialized = XML_SAX2_MAGIC;
  handler.startElementNs = on_start_element_cb;
  handler.endElementNs = on_end_element_cb;
  handler.characters = on_characters_cb;
  handler.comment = on_comment_cb;
  handler.processingInstruction = on_processing_instruction_cb;
  handler.internalSubset = on_document_type_cb;
  handler.externalSubset = on_document_type_cb;
  handler.serror = on_parser_error_cb;

  /* as the reader is set up (open_reader()): UTF-8, whatever the file
   * says it is in */
  reading.ctxt = xmlCreatePushParserCtxt (&handler, &reading, NULL, 0, NULL);
  if (reading.ctxt == NULL)
    g_error ("%s: out of memory", G_STRLOC);
  xmlCtxtUseOptions (reading.ctxt, READER_FLAGS);
  xmlSwitchToEncoding (reading.ctxt, xmlFindCharEncodingHandler ("UTF-8"));
  reading.root.shape = &root_shape;

  buffer = g_malloc (PARSE_CHUNK_SIZE);
  do
    {
      g_autoptr(GError) read_error = NULL;

      n_read = g_input_stream_read (input, buffer, PARSE_CHUNK_SIZE, NULL, &read_error);
      if (n_read < 0)
        {
          g_debug ("Could not read the exchange file: %s", read_error->message);
          stop_at (&reading, "a part that cannot be read");
          break;
        }
      xmlParseChunk (reading.ctxt, buffer, (int) n_read, n_read == 0);
    }
  while (n_read > 0 && !reading.stopped);

  /* a file that ends inside its root, libxml2 says so */
  if (!reading.stopped && imp->first_error == NULL && (!reading.ctxt->wellFormed || reading.depth != 0))
    stop_at (&reading, "the end of the file");

  xmlFreeParserCtxt (reading.ctxt);
  tx_arena_clear (&reading.arena);

  /* a fault that libxml2's handler saw wins: it was found first */
  if (imp->first_error != NULL)
    {
      g_clear_error (&reading.error);
      return tx_import_fail_first (imp, error);
    }
  if (reading.error != NULL)
    {
      g_propagate_error (error, reading.error);
      return FALSE;
    }

  return TRUE;
}

/*
 * Reads the file: every record read and checked by the rules the editors
 * apply, and given to @take before the next is read.  The file is
 * checked against the schema by libxml2 as it is read, or against the
 * shape here.  The first fault ends the reading: a file is refused as
 * soon as it is known to be wrong, however long it is.
 */
gboolean
tx_import_read_records (Importer        *imp,
                        TakeRecordFunc   take,
                        gpointer         user_data,
                        GError         **error)
{
  if (imp->check == CHECK_SHAPE)
    return read_records_by_shape (imp, take, user_data, error);

  return read_records_by_schema (imp, take, user_data, error);
}

/* How the merging found an element again: "element\x1fuuid", a plan's
 * uuid "township/year" (keep_conflict()). */
static char *
element_key (xmlTextReaderPtr reader)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (reader);
  g_autofree xmlChar *uuid = NULL;

  if (g_strcmp0 (name, "plan") == 0)
    {
      g_autofree xmlChar *township = xmlTextReaderGetAttribute (reader, BAD_CAST "township");
      g_autofree xmlChar *year = xmlTextReaderGetAttribute (reader, BAD_CAST "year");

      return g_strdup_printf ("plan\x1f%s/%s", (const char *) township, (const char *) year);
    }

  uuid = xmlTextReaderGetAttribute (reader, BAD_CAST "uuid");
  return uuid != NULL ? g_strconcat (name, "\x1f", (const char *) uuid, NULL) : NULL;
}

/*
 * The sender's version of each record in conflict, kept with its
 * conflict as the file has it: the file is read once more, only when
 * the merging found a conflict, and the elements of those records
 * taken whole.  (The reading that merges keeps no record once merged:
 * a city's file holds half a million.)  When the file has a record
 * twice, the last is the one merged, and kept.
 */
/* The <data> elements of an attachment, written as Tongxin writes them */
static GRegex *
file_data_regex (void)
{
  static gsize regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, (gsize) g_regex_new ("\\s*<data>[^<]*</data>", G_REGEX_OPTIMIZE, 0, NULL));

  return (GRegex *) regex;
}

gboolean
tx_import_keep_theirs (Importer  *imp,
                       GError   **error)
{
  xmlTextReaderPtr reader;
  sqlite3_stmt *stmt;
  int rc;

  if (imp->conflicts_found == NULL || g_hash_table_size (imp->conflicts_found) == 0)
    return TRUE;

  reader = open_reader (imp, error);
  if (reader == NULL)
    return FALSE;

  stmt = tx_store_prepare (imp->store, "UPDATE conflict SET theirs = ? WHERE id = ?", error);
  rc = stmt != NULL ? xmlTextReaderRead (reader) : -1;
  while (rc == 1)
    {
      g_autofree char *key = NULL;
      gpointer id;

      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT || xmlTextReaderDepth (reader) != 1 ||
          (key = element_key (reader)) == NULL ||
          !g_hash_table_lookup_extended (imp->conflicts_found, key, NULL, &id))
        {
          rc = xmlTextReaderRead (reader);
          continue;
        }

      {
        g_autofree xmlChar *outer = xmlTextReaderReadOuterXml (reader);

        if (outer == NULL)
          {
            rc = -1;
            break;
          }
        /* an attachment's file is the same on both sides (a file
         * changed is another attachment): it is not kept twice, the
         * one here is taken if theirs is (read_attachment()) */
        if (g_str_has_prefix (key, "attachment\x1f"))
          {
            g_autofree char *without = g_regex_replace (file_data_regex (), (const char *) outer, -1, 0, "", 0, NULL);

            if (without != NULL)
              {
                xmlFree (outer);
                outer = xmlStrdup ((const xmlChar *) without);
              }
          }
        sqlite3_bind_text (stmt, 1, (const char *) outer, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64 (stmt, 2, GPOINTER_TO_SIZE (id));
        if (!tx_store_step_done (imp->store, stmt, error))
          {
            xmlFreeTextReader (reader);
            return FALSE;
          }
      }
      rc = xmlTextReaderNext (reader);
    }
  xmlFreeTextReader (reader);

  if (rc != 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, TX_EXCHANGE_ERROR, TX_EXCHANGE_ERROR_READ,
                     _("%s could not be read to the end: it is incomplete. Copy it again, or ask the sender to export it again."),
                     imp->display_name);
      return FALSE;
    }

  return TRUE;
}

/* The township here that @uuid of the file means: itself, unless it
 * was matched to one here of the same name (tx_import_match_townships()). */
const char *
tx_import_township_here (Importer   *imp,
                         const char *uuid)
{
  const char *here;

  if (uuid == NULL || imp->township_aliases == NULL)
    return uuid;

  here = g_hash_table_lookup (imp->township_aliases, uuid);
  return here != NULL ? here : uuid;
}

/* A name of a township here, or NULL */
static char *
lookup_text (Importer   *imp,
             const char *sql,
             const char *value)
{
  sqlite3_stmt *stmt = tx_store_prepare (imp->store, sql, NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  if (tx_store_step (imp->store, stmt, NULL) == SQLITE_ROW)
    text = g_strdup (tx_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return text;
}

/* Whether @uuid (of the file) is a township a township's office does
 * not keep: one of the others the city's file carries, with their
 * plans and their part in the city's activities.  Its own is the one it
 * has (or the one of that name, matched).  An office with no township
 * yet keeps them all.  Of the thread that merges: it reads the
 * database. */
gboolean
tx_import_is_other_township (Importer   *imp,
                             const char *uuid)
{
  g_autofree char *here = NULL;

  /* asked first before anything is written, once the root is read */
  if (imp->keeps_own < 0)
    imp->keeps_own = g_strcmp0 (imp->own_kind, "township") == 0 && g_strcmp0 (imp->sender.kind, "city") == 0 &&
                     tx_store_has_records (imp->store, "township");
  if (!imp->keeps_own || uuid == NULL)
    return FALSE;

  here = lookup_text (imp, "SELECT uuid FROM township WHERE uuid = ?", tx_import_township_here (imp, uuid));
  return here == NULL;
}

/* The name with "（2）", "（3）", … that no township here has */
static char *
free_name (Importer   *imp,
           const char *name)
{
  for (guint n = 2;; n++)
    {
      char *candidate = g_strdup_printf ("%s（%u）", name, n);
      g_autofree char *taken = lookup_text (imp, "SELECT uuid FROM township WHERE name = ?", candidate);

      if (taken == NULL)
        return candidate;
      g_free (candidate);
    }
}

/*
 * The townships of the file that are held here under another id.  An
 * id matched before means the township it was matched to.  Else a
 * township of the file whose id is not here, with the name of one
 * that is: the same township, made by two offices, each with its id
 * (the first file from a township to the city, or from the city back);
 * its id means the one here from now on.  Unless the import keeps such
 * townships apart: then it is another, added under the name with
 * "（2）".
 *
 * The townships come first in a file, and only those are read here,
 * before any pass, so that every pass reads the file's references as
 * the townships here.
 */
gboolean
tx_import_match_townships (Importer  *imp,
                           GError   **error)
{
  xmlTextReaderPtr reader = open_reader (imp, error);
  sqlite3_stmt *stmt;
  int rc;

  if (reader == NULL)
    return FALSE;

  g_clear_pointer (&imp->township_aliases, g_hash_table_unref);
  g_clear_pointer (&imp->townships_matched, g_ptr_array_unref);
  g_clear_pointer (&imp->townships_renamed, g_hash_table_unref);
  imp->township_aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp->townships_matched = g_ptr_array_new_with_free_func (g_free);
  imp->townships_renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* a township matched by an earlier file is the one here, even in a
   * file that only refers to it (one of changes, without its element) */
  stmt = tx_store_prepare (imp->store,
                           "SELECT a.uuid, a.township FROM township_alias a "
                           "WHERE NOT EXISTS (SELECT 1 FROM township t WHERE t.uuid = a.uuid)",
                           error);
  if (stmt == NULL)
    {
      xmlFreeTextReader (reader);
      return FALSE;
    }
  while ((rc = tx_store_step (imp->store, stmt, error)) == SQLITE_ROW)
    g_hash_table_insert (imp->township_aliases, g_strdup (tx_column_text (stmt, 0)),
                         g_strdup (tx_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc == SQLITE_ERROR)
    {
      xmlFreeTextReader (reader);
      return FALSE;
    }

  while ((rc = xmlTextReaderRead (reader)) == 1)
    {
      g_autofree char *uuid = NULL;
      g_autofree char *name = NULL;
      g_autofree char *here = NULL;

      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT || xmlTextReaderDepth (reader) != 1)
        continue;
      if (!xmlStrEqual (xmlTextReaderConstLocalName (reader), BAD_CAST "township"))
        break;

      uuid = dup_attribute (reader, "uuid");
      name = dup_attribute (reader, "name");
      if (uuid == NULL || name == NULL)
        continue;

      here = lookup_text (imp, "SELECT uuid FROM township WHERE uuid = ?", uuid);
      if (here != NULL)
        continue;

      here = lookup_text (imp, "SELECT township FROM township_alias WHERE uuid = ?", uuid);
      if (here == NULL)
        {
          here = lookup_text (imp, "SELECT uuid FROM township WHERE name = ? AND deleted_at IS NULL", name);
          if (here == NULL)
            continue;

          if (imp->options != NULL && imp->options->keep_townships_apart)
            {
              g_hash_table_insert (imp->townships_renamed, g_strdup (uuid), free_name (imp, name));
              continue;
            }

          g_ptr_array_add (imp->townships_matched, g_strdup (uuid));
          g_ptr_array_add (imp->townships_matched, g_strdup (here));
          g_ptr_array_add (imp->townships_matched, g_strdup (name));
        }
      g_hash_table_insert (imp->township_aliases, g_steal_pointer (&uuid), g_steal_pointer (&here));
    }
  xmlFreeTextReader (reader);

  /* a file that cannot be read is told by the passes, which say where */
  return TRUE;
}
