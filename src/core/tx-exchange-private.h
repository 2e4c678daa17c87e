/* tx-exchange-private.h — what the three parts of the import share
 *
 * tx-exchange-read.c reads the file (its shape, its values, its
 * records); tx-exchange-merge.c decides what each record does to the
 * database and writes it; tx-exchange.c runs the passes, on one thread
 * or two, and is the API of tx-exchange.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/relaxng.h>
#include <libxml/xmlreader.h>
#include <sqlite3.h>

#include "tx-activity.h"
#include "tx-arena.h"
#include "tx-attachment.h"
#include "tx-backup.h"
#include "tx-exchange.h"
#include "tx-office.h"
#include "tx-roster-bulk.h"

G_BEGIN_DECLS

/* What a clerk is told when the file is not one Tongxin wrote. */
#define NOT_WRITTEN_BY_TONGXIN \
  N_("The file was not written by Tongxin, or was changed since: ask the sender to export it again from Tongxin.")

/* The reading flags: no network, no DTD loaded, no entity replaced,
 * and libxml2's limits on the length of a text and the depth of the
 * tree kept (no XML_PARSE_HUGE). */
#define READER_FLAGS (XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

/* The shape of an element of the format (tx-exchange-read.c) */
typedef struct _ElementShape ElementShape;

/* One element of a record as read: its attributes, its text and its
 * children.  Records are small (a person, a consultation with its
 * minutes) and are read one at a time, so a tree of them is built
 * here, bounded in depth and in text, instead of by libxml2.  Names
 * are the reader's (its dictionary keeps them while it reads); what an
 * element has none of is not allocated.  A record's elements and what
 * they hold are taken from one TxArena, let go of at once with the
 * record's root. */
typedef struct _Elem Elem;

/* the check of a file's SHA-256, in a thread of its own (tx-exchange-read.c) */
typedef struct _DigestCheck DigestCheck;

struct _Elem
{
  const char          *name;
  long                 line;
  const char         **attributes;   /* (nullable): name (the reader's), value, … */
  guint                n_attributes; /* names and values */
  char                *text;         /* (nullable) */
  gsize                text_length;
  gsize                text_size;
  Elem               **children;     /* (nullable) */
  guint                n_children;
  guint                children_size;
  gboolean             foreign;      /* has an attribute in a namespace */
  TxArena             *arena;        /* the record's, on its root */

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
  KIND_ACTIVITY,    /* a training, an observation visit, a discussion */
  KIND_ATTACHMENT,  /* a photo, a scan or an office file of a record */
  KIND_THRESHOLD,   /* the city's: a threshold of the ledger */
  KIND_CIRCULAR,    /* the city's: a quarterly circular issued, with its frozen ledger */
  KIND_DELETED,
  N_KINDS
} Kind;

/* A record of the file, read and checked, to be merged. */
typedef struct {
  Kind      kind;
  long      line;
  char     *uuid;          /* NULL for a plan */
  char     *updated;       /* normalized; for a deletion, when it was made */
  GObject  *record;        /* TxTownship, TxPerson, TxConsultation, TxOutcome or TxActivity */
  char     *township;      /* a plan's */
  int       year;          /* a plan's */
  int       count;         /* a plan's consultations */
  char     *deleted_kind;  /* a deletion's: "person", … */
  char     *description;   /* for messages: "the person 陈明" */
  goffset   end;           /* where it ends in the file, for the progress */
  GBytes   *pinyin;        /* a person's sort keys, when new people are added many at a time */
  GBytes   *strokes;
  char     *key;           /* a threshold's setting, and its value */
  char     *value;
  int       quarter;       /* a circular's (its year is @year) */
  int       version;
  char     *number;
  char     *issued;
  char     *organization;
  char     *suggestions;
  char     *ledger;        /* JSON */
  TxAttachment *attachment;   /* an attachment's, with its file: */
  GBytes   *data;
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
  guint64 value;     /* 0: a free slot; else the kind plus one, in the low
                      * KIND_BITS bits, and the row id above them */
} ReadSlot;

#define KIND_BITS 4
#define KIND_MASK ((1 << KIND_BITS) - 1)
G_STATIC_ASSERT (N_KINDS < (1 << KIND_BITS));

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
  goffset                size;            /* of what is read: uncompressed */
  gboolean               compressed;      /* gzip: read through a decompressor */

  /* the offices: this one, the one that wrote the file (its root says,
   * kept as a peer once merged) and the one it was written for */
  char                  *own_office;
  char                  *own_city;        /* a township's: the city office it has received files from */
  char                  *own_city_name;
  TxPeer                 sender;          /* uuid NULL: the file names none */
  char                  *receiver;
  char                  *receiver_name;
  char                  *own_kind;        /* "township" or "city" */
  int                    keeps_own;       /* a township's office, with its township, reading the city's
                                           * file: it keeps its own township, not the others (-1: not
                                           * yet known) */
  char                  *subject;         /* the one township the file is of, or NULL */
  char                  *since;           /* what it holds changed from then on; NULL: everything */

  /* the records changed both here and there, found by the merging
   * pass: "element\x1fuuid" (a plan's uuid "township/year") → the
   * row id of its conflict (tx-exchange-merge.c) */
  GHashTable            *conflicts_found;

  /* townships of the file held here under another id (matched by name
   * before the passes: tx_import_match_townships()): the file's uuid →
   * the uuid here; those matched by this import; and those kept apart
   * under another name: uuid → that name */
  GHashTable            *township_aliases;
  GPtrArray             *townships_matched;   /* "file uuid", "uuid here", "name", … */
  GHashTable            *townships_renamed;

  /* the pass */
  Pass                   pass;
  Check                  check;
  gboolean               filling;         /* the database holds no records yet */
  gboolean               city_activity;   /* the activity merged is organised by the city office */
  xmlRelaxNGPtr          schema;          /* compiled once, when a pass first needs it */
  TxRosterBulk          *new_people;      /* people not here yet, written many at a time */
  gboolean               merging_behind;  /* many records read wait to be merged (the reading thread's) */
  TxBackupJob           *backup_job;      /* the backup taken while the pass merges */
  DigestCheck           *digest_check;    /* the file's SHA-256, checked while the pass merges */
  TxBackup              *backup_taken;    /* once taken, until the pass is kept or undone */
  GError                *first_error;     /* from libxml2's handler, or the database read */
  GError                *merge_error;     /* the database read, while another thread reads the file */
  guint                  clamped;         /* "updated" dated ahead, read in this pass */

  /* what the pass has read: the records, for those that refer to them
   * and for ids given twice, and the plans */
  ReadTable              records_read;
  GHashTable            *plans_read;      /* "township\x1fyear" → line */
  /* the records of the database that records of the file referred to
   * (townships, people, consultations, …), found once each: their kinds
   * and row ids */
  ReadTable              found_here;
  /* how many ids of each kind the pass looked for in the database; whose
   * tables it read whole (found_here holds every row, tombstones every
   * tombstone, KIND_DELETED); and the tombstones' ids */
  guint                  looks[N_KINDS];
  gboolean               read_whole[N_KINDS];
  ReadTable              tombstones;

  /* what the pass knows of the database, when the file is read against
   * its shape (see decide_record()) */
  gboolean               was_empty[N_KINDS];   /* which tables had no row (KIND_DELETED: tombstones) */
  sqlite3_stmt          *rows[N_ROWS_KINDS][MAX_ROWS_PER_INSERT];  /* the store's statements */
  GArray                *participant_rows;   /* ParticipantRow, of one consultation */
  /* the row ids of the participants of the consultation last checked
   * (participants_of), as check_references() found them; 0: not known */
  TxConsultation        *participants_of;
  GArray                *participant_ids;    /* gint64 */
  GHashTable            *tables_added_to;    /* names of the tables whose indexes were looked at */
  GPtrArray             *deferred_indexes;   /* SQL of the indexes to make again */

  /* how far the import is */
  double                 pass_from;
  double                 pass_to;
  double                 told;            /* the last fraction told, or -1 */
  gint64                 last_progress;   /* when it was last told, µs */
} Importer;

typedef enum {
  MERGE_INSERT,
  MERGE_UPDATE,
  MERGE_UNCHANGED,
  MERGE_REJECTED,
  MERGE_CONFLICT,   /* changed here and there since last received: both kept */
} Merge;

/* What is done with each record read, in turn; FALSE ends the reading. */
typedef gboolean (*TakeRecordFunc) (Importer  *imp,
                                    Incoming  *incoming,
                                    gpointer   user_data,
                                    GError   **error);

extern const char * const tx_import_kind_elements[N_KINDS];
extern const char * const tx_import_kind_tables[N_KINDS];

Kind
tx_import_kind_from_element (const char *name);

/* Statements of the table of a kind of record (tx_import_kind_sql()) */
typedef enum {
  KIND_SQL_ID,        /* its row's id by its uuid */
  KIND_SQL_HERE,      /* its row's id, updated_at and deleted_at by its uuid */
  KIND_SQL_LABEL,     /* its name, title or file name by its uuid */
  KIND_SQL_DELETE,    /* sets deleted_at (?2) of the row of id ?1 */
  KIND_SQL_LAST_ID,   /* the greatest id of its rows (of tombstones: their number) */
  KIND_SQL_EVERY_ID,  /* the uuid and id of every row (of tombstones: 0) */
  N_KIND_SQL
} KindSql;

const char *
tx_import_kind_sql (Kind     kind,
                    KindSql  what);

void
tx_import_incoming_free (Incoming *incoming);

gboolean
tx_import_check_size (Importer  *imp,
                      GError   **error);

void
tx_import_clear_offices (Importer *imp);

gboolean
tx_import_start_digest (Importer  *imp,
                        GError   **error);

gboolean
tx_import_finish_digest (Importer  *imp,
                         GError   **error);

void
tx_import_clear_digest (Importer *imp);

gboolean
tx_import_check_compressed (Importer  *imp,
                            GError   **error);

gboolean
tx_import_check_prolog (Importer  *imp,
                        GError   **error);

xmlRelaxNGPtr
tx_import_load_schema (GError **error);

gint64
tx_import_lookup_id (Importer   *imp,
                     const char *sql,
                     const char *uuid);

void
tx_import_begin_reading (Importer *imp);

void
tx_import_keep_read (Importer   *imp,
                     const char *uuid,
                     Kind        kind,
                     gint64      id);

gint64
tx_import_find_row (Importer   *imp,
                    Kind        kind,
                    const char *uuid);

gint64
tx_import_find_township (Importer   *imp,
                         const char *uuid);

gboolean
tx_import_is_new_here (Importer   *imp,
                       Kind        kind,
                       const char *uuid);

gboolean
tx_import_is_known (Importer   *imp,
                    Kind        kind,
                    const char *uuid);

gboolean
tx_import_find_known (Importer   *imp,
                      Kind        kind,
                      const char *uuid,
                      gint64     *id);

gboolean
tx_import_remember_record (Importer  *imp,
                           Incoming  *incoming,
                           GError   **error);

gboolean
tx_import_read_records (Importer        *imp,
                        TakeRecordFunc   take,
                        gpointer         user_data,
                        GError         **error);

gboolean
tx_import_finish_new_people (Importer  *imp,
                             GError   **error);

gboolean
tx_import_make_deferred_indexes (Importer  *imp,
                                 GError   **error);

gboolean
tx_import_fail_first (Importer  *imp,
                      GError   **error);

gboolean
tx_import_merge_record (Importer    *imp,
                        Incoming    *incoming,
                        GError     **error);

char *
tx_import_describe (Kind        kind,
                    const char *text);

gboolean
tx_import_keep_theirs (Importer  *imp,
                       GError   **error);

gboolean
tx_import_match_townships (Importer  *imp,
                           GError   **error);

const char *
tx_import_township_here (Importer   *imp,
                         const char *uuid);

gboolean
tx_import_is_other_township (Importer   *imp,
                             const char *uuid);

gboolean
tx_import_look_at_tables (Importer  *imp,
                          GError   **error);

GError **
tx_import_database_fault (Importer *imp);

int
tx_import_step (Importer     *imp,
                sqlite3_stmt *stmt);

gboolean
tx_import_fail_at (Importer    *imp,
                   long         line,
                   GError     **error,
                   int          code,
                   const char  *format,
                   ...) G_GNUC_PRINTF (5, 6);

gboolean
tx_import_fail_writing (Importer  *imp,
                        long       line,
                        GError   **error);

gboolean
tx_import_fail_with_problems (Importer   *imp,
                              long        line,
                              GPtrArray  *problems,
                              GError    **error);

gboolean
tx_import_fail_shape (Importer    *imp,
                      long         line,
                      const char  *what,
                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Incoming, tx_import_incoming_free)

G_END_DECLS
