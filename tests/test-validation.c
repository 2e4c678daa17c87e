/* test-validation.c — one truth for what a valid record is: the texts
 * of every record, a person, the order of the stages, and the writers
 * of the store that every way in passes through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tx-exchange.h"
#include "tx-records-private.h"
#include "tx-records.h"
#include "tx-roster.h"
#include "tx-rules.h"
#include "tx-store.h"
#include "tx-workflow.h"

#define D(y, m, d) tx_date_new (y, m, d)

/* A text of @n times @piece. */
static char *
repeat (const char *piece,
        guint       n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (text, piece);

  return g_string_free (text, FALSE);
}

static void
test_blank (void)
{
  const char *blank[] = {
    NULL, "", " ", "\t \n",
    "\xE3\x80\x80",                       /* U+3000, the ideographic space */
    "\xE3\x80\x80\xE3\x80\x80",
    "\xE2\x80\x8B",                       /* U+200B zero-width space */
    "\xE2\x80\x8C\xE2\x80\x8D",           /* U+200C, U+200D */
    "\xE2\x81\xA0",                       /* U+2060 word joiner */
    "\xEF\xBB\xBF",                       /* U+FEFF */
    " \xE3\x80\x80\xE2\x80\x8B\xC2\xA0",  /* and U+00A0 */
  };
  const char *not_blank[] = { "王", "王\xE3\x80\x80芳", "\xE2\x80\x8B" "a", "0" };

  for (guint i = 0; i < G_N_ELEMENTS (blank); i++)
    {
      g_autofree char *problem = tx_text_check (TX_TEXT_PERSON_NAME, blank[i]);

      g_test_message ("blank %u", i);
      g_assert_true (tx_text_is_blank (blank[i]));
      g_assert_nonnull (problem);
      g_assert_nonnull (strstr (problem, "The name is empty"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_blank); i++)
    {
      g_autofree char *problem = tx_text_check (TX_TEXT_PERSON_NAME, not_blank[i]);

      g_assert_false (tx_text_is_blank (not_blank[i]));
      g_assert_null (problem);
    }

  /* a text that may be empty may be blank too */
  g_assert_null (tx_text_check (TX_TEXT_VENUE, "\xE3\x80\x80"));
}

static void
test_control_characters (void)
{
  static const struct {
    TxTextField  field;
    const char  *text;
    const char  *expected;   /* in the message; NULL: nothing wrong */
  } cases[] = {
    { TX_TEXT_PERSON_NAME, "王\x07芳", "U+0007" },          /* C0 */
    { TX_TEXT_PERSON_NAME, "王\x1b[31m芳", "U+001B" },      /* an escape sequence */
    { TX_TEXT_PERSON_NAME, "王\x7f芳", "U+007F" },          /* DEL */
    { TX_TEXT_PERSON_NAME, "王\xC2\x85芳", "U+0085" },      /* C1 */
    { TX_TEXT_PERSON_NAME, "王\xC2\x9B芳", "U+009B" },
    { TX_TEXT_PERSON_NAME, "王\t芳", "U+0009" },            /* a tab in one line */
    { TX_TEXT_PERSON_NAME, "王\n芳", "line break" },
    { TX_TEXT_PERSON_NAME, "王\r芳", "line break" },
    { TX_TEXT_PERSON_NOTES, "第一行\n\t第二行", NULL },      /* several lines may have both */
    { TX_TEXT_PERSON_NOTES, "第一行\r\n第二行", "U+000D" },
    { TX_TEXT_PERSON_NOTES, "备注\x0c", "U+000C" },
    { TX_TEXT_RESEARCH, "调研\x01", "U+0001" },
    /* the direction of the text turned around */
    { TX_TEXT_PERSON_NAME, "\xE2\x80\xAE" "芳王", "U+202E" },
    { TX_TEXT_PHONE, "\xE2\x80\xAA" "13985401234", "U+202A" },
    { TX_TEXT_ORGANIZATION, "医院\xE2\x81\xA6x\xE2\x81\xA9", "U+2066" },
    { TX_TEXT_CONSULTATION_TITLE, "协商\xE2\x81\xA9", "U+2069" },
    { TX_TEXT_VENUE, "\xE2\x80\xAD" "议事室", "U+202D" },
    /* a right-to-left mark alone does no harm */
    { TX_TEXT_VENUE, "议事室\xE2\x80\x8F", NULL },
    /* not UTF-8 */
    { TX_TEXT_VENUE, "\xff\xfe", "not readable" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *problem = tx_text_check (cases[i].field, cases[i].text);

      g_test_message ("case %u: %s", i, problem ? problem : "(none)");
      if (cases[i].expected == NULL)
        g_assert_null (problem);
      else
        {
          g_assert_nonnull (problem);
          g_assert_nonnull (strstr (problem, cases[i].expected));
        }
    }

  /* the message names the field */
  {
    g_autofree char *problem = tx_text_check (TX_TEXT_VENUE, "\x07");

    g_assert_true (g_str_has_prefix (problem, "The venue "));
  }

  /* characters are counted whatever their length in bytes: a name of
   * 50 of one, two, three or four bytes each (a, é, 王, 𠀀) passes, one
   * of 51 does not, and the others of U+0080 to U+00BF and U+2000 to
   * U+207F that are neither controls nor turns pass */
  {
    static const char * const characters[] = { "a", "\xC3\xA9", "王", "\xF0\xA0\x80\x80", "\xC2\xA0", "\xC2\xBF",
                                               "\xE2\x80\x94", "\xE2\x81\xBF", "\xE2\x80\xA9" };

    for (guint i = 0; i < G_N_ELEMENTS (characters); i++)
      {
        g_autoptr(GString) name = g_string_new ("王");
        g_autofree char *problem = NULL;

        for (guint n = 1; n < 50; n++)
          g_string_append (name, characters[i]);
        problem = tx_text_check (TX_TEXT_PERSON_NAME, name->str);
        g_test_message ("character %u: %s", i, problem ? problem : "(none)");
        g_assert_null (problem);
        g_string_append (name, characters[i]);
        problem = tx_text_check (TX_TEXT_PERSON_NAME, name->str);
        g_assert_nonnull (problem);
        g_assert_nonnull (strstr (problem, "it has 51"));
      }
  }
}

static void
test_lengths (void)
{
  for (guint field = 0; field < TX_N_TEXT_FIELDS; field++)
    {
      const TxTextFieldInfo *info = tx_text_field_get_info (field);
      /* counted in characters: three bytes each */
      g_autofree char *longest = repeat ("长", info->max_chars);
      g_autofree char *longer = repeat ("长", info->max_chars + 1);
      g_autofree char *fits = tx_text_check (field, longest);
      g_autofree char *too_long = tx_text_check (field, longer);
      g_autofree char *count = g_strdup_printf ("%u", info->max_chars);

      g_test_message ("%s", info->key);
      g_assert_cmpuint (info->max_chars, >=, 20);
      g_assert_null (fits);
      g_assert_nonnull (too_long);
      g_assert_nonnull (strstr (too_long, count));
    }

  /* one table: the editors read the same number */
  g_assert_cmpuint (tx_text_field_get_max_chars (TX_TEXT_PERSON_NAME), ==, 50);
  g_assert_cmpstr (tx_text_field_get_info (TX_TEXT_PERSON_NOTES)->key, ==, "notes");
  g_assert_true (tx_text_field_get_info (TX_TEXT_PERSON_NOTES)->multiline);
  g_assert_false (tx_text_field_get_info (TX_TEXT_PERSON_NAME)->multiline);
}

static void
test_person_check (void)
{
  g_autoptr(TxPerson) good = tx_person_new_with_fields (NULL, "龙秀兰", TX_GENDER_FEMALE, "苗族", NULL, "麒麟村",
                                                        "仙桥乡卫生院", "护士", "159-8540-1234", "第一行\n第二行");
  g_autoptr(TxPerson) bad = tx_person_new_with_fields (NULL, "\xE3\x80\x80\xE2\x80\x8B", TX_GENDER_FEMALE, "苗\x07族", NULL,
                                                       "麒麟\xE2\x80\xAE村", "卫生院\n二院", "护士", "12345", "备注\x7f");
  g_autoptr(GPtrArray) problems = tx_person_check (good);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (tx_roster_check_person (good, &error));
  g_clear_pointer (&problems, g_ptr_array_unref);

  problems = tx_person_check (bad);
  g_assert_nonnull (strstr (tx_problems_find (problems, "name", -1), "The name is empty"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "ethnicity", -1), "U+0007"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "village", -1), "U+202E"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "organization", -1), "line break"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "phone", -1), "12345"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "notes", -1), "U+007F"));
  g_assert_null (tx_problems_find (problems, "title", -1));

  /* the roster's rule says the first */
  g_assert_false (tx_roster_check_person (bad, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "name"));
}

static TxConsultation *
new_consultation (void)
{
  TxConsultation *consultation = tx_consultation_new ();

  consultation->uuid = g_strdup ("0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f0");
  tx_consultation_set_title (consultation, "冷库建设协商");
  tx_consultation_set_township (consultation, "t");
  return consultation;
}

static void
set_done (TxConsultation *consultation,
          TxStage         stage,
          const char     *done,
          const char     *reason)
{
  g_free (consultation->stage_done[stage]);
  consultation->stage_done[stage] = g_strdup (done);
  tx_record_set_text (&consultation->stage_note[stage], reason);
}

static void
test_stage_order (void)
{
  g_autoptr(TxConsultation) consultation = new_consultation ();
  g_autoptr(GPtrArray) problems = NULL;

  /* in order, each on or after the one before */
  set_done (consultation, TX_STAGE_SELECTION, "2026-03-01", NULL);
  set_done (consultation, TX_STAGE_RESEARCH, "2026-03-01", NULL);
  set_done (consultation, TX_STAGE_MEETING, "2026-04-10", NULL);
  problems = tx_consultation_check_stages (consultation, D (2026, 11, 27));
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* done in reverse order */
  set_done (consultation, TX_STAGE_RESEARCH, "2026-02-01", NULL);
  problems = tx_consultation_check_stages (consultation, D (2026, 11, 27));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (tx_problems_find (problems, "stage-done", TX_STAGE_RESEARCH), "2026-02-01"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* the reason it was, kept with the stage, lets it be */
  set_done (consultation, TX_STAGE_RESEARCH, "2026-02-01", "调研先于选题批复");
  problems = tx_consultation_check_stages (consultation, D (2026, 11, 27));
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* a stage done before the one before it is done at all */
  set_done (consultation, TX_STAGE_SUBMISSION, NULL, NULL);
  set_done (consultation, TX_STAGE_FEEDBACK, "2026-05-01", NULL);
  problems = tx_consultation_check_stages (consultation, D (2026, 11, 27));
  g_assert_nonnull (strstr (tx_problems_find (problems, "stage-done", TX_STAGE_FEEDBACK), "not done yet"));
  g_clear_pointer (&problems, g_ptr_array_unref);
  set_done (consultation, TX_STAGE_FEEDBACK, NULL, NULL);

  /* done after the day; or not a date */
  set_done (consultation, TX_STAGE_SUBMISSION, "2026-11-29", NULL);
  problems = tx_consultation_check_stages (consultation, D (2026, 11, 28));
  g_assert_nonnull (strstr (tx_problems_find (problems, "stage-done", TX_STAGE_SUBMISSION), "after today"));
  g_clear_pointer (&problems, g_ptr_array_unref);
  set_done (consultation, TX_STAGE_SUBMISSION, "2026-02-30", NULL);
  problems = tx_consultation_check_stages (consultation, D (2026, 11, 28));
  g_assert_nonnull (strstr (tx_problems_find (problems, "stage-done", TX_STAGE_SUBMISSION), "2026-02-30"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* the reason is a text like any other */
  set_done (consultation, TX_STAGE_SUBMISSION, NULL, NULL);
  set_done (consultation, TX_STAGE_RESEARCH, "2026-02-01", "调研\x1b先于选题");
  problems = tx_consultation_check (consultation, D (2026, 11, 27));
  g_assert_nonnull (strstr (tx_problems_find (problems, "stage-reason", TX_STAGE_RESEARCH), "U+001B"));
}

static void
test_record_texts (void)
{
  g_autoptr(TxConsultation) consultation = new_consultation ();
  g_autoptr(TxOutcome) outcome = tx_outcome_new_for_consultation ("c");
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *long_title = repeat ("协", 201);
  TxProblem *problem;

  tx_consultation_set_place (consultation, TX_PLATFORM_PHYSICAL, "议事室\xE2\x80\xAE");
  tx_consultation_set_research (consultation, "调研\x08");
  tx_consultation_set_minutes (consultation, "记录\n人", "议程", "共识\xC2\x9B", "下一步");
  tx_consultation_add_speech (consultation, "发言人\t", "发言\n第二行");
  problems = tx_consultation_check (consultation, D (2026, 11, 27));
  g_assert_nonnull (strstr (tx_problems_find (problems, "venue", -1), "U+202E"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "research", -1), "U+0008"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "recorder", -1), "line break"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "consensus", -1), "U+009B"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "speaker", 0), "U+0009"));
  g_assert_null (tx_problems_find (problems, "speech", 0));
  g_assert_null (tx_problems_find (problems, "agenda", -1));
  /* a wrong character is a problem of the text, for the editors */
  problem = g_ptr_array_index (problems, 0);
  g_assert_true (problem->text);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* a title only of U+3000 is no title; one too long is too long */
  tx_consultation_set_title (consultation, "\xE3\x80\x80\xE3\x80\x80");
  problems = tx_consultation_check (consultation, D (2026, 11, 27));
  g_assert_nonnull (strstr (tx_problems_find (problems, "title", -1), "Write the title"));
  g_clear_pointer (&problems, g_ptr_array_unref);
  tx_consultation_set_title (consultation, long_title);
  problems = tx_consultation_check (consultation, D (2026, 11, 27));
  g_assert_nonnull (strstr (tx_problems_find (problems, "title", -1), "200"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  tx_outcome_set_text (outcome, "\xE2\x80\x8B\xEF\xBB\xBF", "建议\x00");
  problems = tx_outcome_check (outcome, D (2026, 11, 27));
  g_assert_nonnull (strstr (tx_problems_find (problems, "title", -1), "Write the title"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  tx_outcome_set_text (outcome, "关于建设冷库的建议", "建议\x7f");
  tx_outcome_set_submission (outcome, "市\xE2\x81\xA7农业农村局", "2026-11-10");
  tx_outcome_set_feedback (outcome, NULL, "2026-11-20", "已\x01采纳");
  tx_outcome_add_supervision (outcome, TX_SUPERVISION_BEFORE, "2026-11-20", "\xE2\x80\xAB" "监督", "记录\x0b");
  problems = tx_outcome_check (outcome, D (2026, 11, 27));
  g_assert_null (tx_problems_find (problems, "title", -1));
  g_assert_nonnull (strstr (tx_problems_find (problems, "content", -1), "U+007F"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "submitted-to", -1), "U+2067"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "feedback", -1), "U+0001"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "supervision-by", 0), "U+202B"));
  g_assert_nonnull (strstr (tx_problems_find (problems, "supervision-note", 0), "U+000B"));
}

/* A store with the sample data, dated 2026-11-27. */
typedef struct {
  char    *dir;
  TxStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tongxin-test-validation-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "tongxin.db", NULL);
  f->store = tx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_exchange_load_demo (f->store, D (2026, 11, 27), NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

typedef struct {
  GObject      *record;
  TxWriteFlags  flags;
} WriteJob;

static gboolean
write_record (TxStore   *store,
              gpointer   user_data,
              GError   **error)
{
  WriteJob *job = user_data;

  if (TX_IS_CONSULTATION (job->record))
    return tx_store_write_consultation (store, TX_CONSULTATION (job->record), job->flags, error);
  if (TX_IS_OUTCOME (job->record))
    return tx_store_write_outcome (store, TX_OUTCOME (job->record), job->flags, error);
  return tx_roster_save_person (store, TX_PERSON (job->record), error);
}

/* Written as the exchange importer writes it, by the one writer. */
static gboolean
write_as_received (Fixture    *f,
                   GObject    *record,
                   GError    **error)
{
  WriteJob job = { record, TX_WRITE_AS_RECEIVED };

  if (TX_IS_CONSULTATION (record))
    job.flags |= TX_WRITE_WHOLE;

  return tx_store_write (f->store, write_record, &job, error);
}

/* Whatever way a record comes in, the writers refuse what the editors
 * refuse, and nothing is written. */
static void
test_writers_refuse (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) stored = tx_store_load_consultation (f->store, "老山寨产业扶贫协商", &error);
  g_autoptr(TxConsultation) reread = NULL;
  g_autoptr(TxOutcome) outcome = NULL;
  g_autoptr(TxPerson) person = NULL;
  g_autofree char *title = g_strdup (tx_consultation_get_title (stored));
  guint people = tx_store_count (f->store, "person");
  guint outcomes = tx_store_count (f->store, "outcome");

  g_assert_no_error (error);

  /* a meeting that ends before it starts */
  tx_consultation_set_title (stored, "改过的标题");
  tx_consultation_set_times (stored, "2026-03-10T09:00:00+08:00", "2026-03-10T08:00:00+08:00");
  g_assert_false (write_as_received (f, G_OBJECT (stored), &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ends before it starts"));
  g_clear_error (&error);

  /* stages done in reverse order */
  tx_consultation_set_times (stored, "2026-03-10T09:00:00+08:00", NULL);
  set_done (stored, TX_STAGE_SELECTION, "2026-05-01", NULL);
  set_done (stored, TX_STAGE_RESEARCH, "2026-03-01", NULL);
  g_assert_false (write_as_received (f, G_OBJECT (stored), &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-03-01"));
  g_clear_error (&error);

  reread = tx_store_load_consultation (f->store, title, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_consultation_get_title (reread), ==, title);

  /* feedback received before submission */
  outcome = tx_outcome_new_for_consultation (tx_consultation_get_uuid (stored));
  outcome->uuid = g_strdup ("0d6e6f3a-2b1c-4d5e-8f90-a1b2c3d4e5f1");
  tx_outcome_set_text (outcome, "关于建设冷库的建议", NULL);
  tx_outcome_set_submission (outcome, "government", "2026-04-01");
  tx_outcome_set_feedback (outcome, NULL, "2026-03-20", "已采纳");
  g_assert_false (write_as_received (f, G_OBJECT (outcome), &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-03-20"));
  g_clear_error (&error);
  g_assert_cmpuint (tx_store_count (f->store, "outcome"), ==, outcomes);

  /* a name only of U+3000 and a phone the editor refuses */
  person = tx_person_new_with_fields (NULL, "\xE3\x80\x80", TX_GENDER_MALE, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
  g_assert_false (write_as_received (f, G_OBJECT (person), &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&person);
  person = tx_person_new_with_fields (NULL, "陈明", TX_GENDER_MALE, NULL, NULL, NULL, NULL, NULL, "12345", NULL);
  g_assert_false (write_as_received (f, G_OBJECT (person), &error));
  g_assert_nonnull (strstr (error->message, "12345"));
  g_clear_error (&error);
  g_assert_cmpuint (tx_store_count (f->store, "person"), ==, people);

  /* and the editor's way, tongxin-cli's too */
  g_assert_false (tx_roster_edit_person (f->store, person, &error));
  g_assert_nonnull (strstr (error->message, "12345"));
  g_clear_error (&error);
  g_assert_false (tx_store_save_outcome (f->store, outcome, &error));
  g_assert_nonnull (strstr (error->message, "2026-03-20"));
  g_clear_error (&error);
}

/* The reason a stage was done out of order is kept with it. */
static void
test_stage_reason_kept (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) consultations = tx_store_list_consultations (f->store, 0, NULL, &error);
  g_autoptr(TxConsultation) reread = NULL;
  TxConsultation *consultation = NULL;
  const char *uuid;
  TxStage current;

  /* one with two stages or more to go */
  for (guint i = 0; consultation == NULL && i < consultations->len; i++)
    if (tx_consultation_get_current_stage (g_ptr_array_index (consultations, i)) < TX_STAGE_SUPERVISION)
      consultation = g_ptr_array_index (consultations, i);
  g_assert_nonnull (consultation);
  uuid = tx_consultation_get_uuid (consultation);
  current = tx_consultation_get_current_stage (consultation);

  /* the stage after the next one, out of order, with a reason */
  g_assert_false (tx_store_set_stage_done (f->store, uuid, current + 1, D (2026, 11, 20), NULL, D (2026, 11, 27), &error));
  g_assert_error (error, TX_WORKFLOW_ERROR, TX_WORKFLOW_ERROR_OUT_OF_ORDER);
  g_clear_error (&error);
  g_assert_false (tx_store_set_stage_done (f->store, uuid, current + 1, D (2026, 11, 20), "先\x1b办", D (2026, 11, 27), &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (tx_store_set_stage_done (f->store, uuid, current + 1, D (2026, 11, 20), "上级要求先行报送", D (2026, 11, 27), &error));
  g_assert_no_error (error);

  reread = tx_store_load_consultation (f->store, uuid, &error);
  g_assert_cmpstr (tx_consultation_get_stage_note (reread, current + 1), ==, "上级要求先行报送");
  g_assert_null (tx_consultation_get_stage_note (reread, current));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validation/text/blank", test_blank);
  g_test_add_func ("/validation/text/control-characters", test_control_characters);
  g_test_add_func ("/validation/text/lengths", test_lengths);
  g_test_add_func ("/validation/person", test_person_check);
  g_test_add_func ("/validation/stage-order", test_stage_order);
  g_test_add_func ("/validation/record-texts", test_record_texts);
  g_test_add ("/validation/writers-refuse", Fixture, NULL, fixture_set_up, test_writers_refuse, fixture_tear_down);
  g_test_add ("/validation/stage-reason-kept", Fixture, NULL, fixture_set_up, test_stage_reason_kept, fixture_tear_down);

  return g_test_run ();
}
