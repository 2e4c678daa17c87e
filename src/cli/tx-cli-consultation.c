/* tx-cli-consultation.c — tongxin-cli's consultation commands:
 * consultation list and show, and calendar export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-calendar-export.h"
#include "tx-cli-private.h"
#include "tx-consultation-edit.h"
#include "tx-consultation.h"
#include "tx-outcome.h"
#include "tx-records.h"
#include "tx-vocabulary.h"

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
build_consultation_summary (JsonBuilder    *builder,
                            TxConsultation *consultation)
{
  TxStage current = tx_consultation_get_current_stage (consultation);

  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, tx_consultation_get_uuid (consultation));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, tx_consultation_get_title (consultation));
  json_builder_set_member_name (builder, "township");
  json_builder_add_string_value (builder, tx_consultation_get_township_name (consultation));
  json_builder_set_member_name (builder, "topic_source");
  json_builder_add_string_value (builder, tx_topic_source_to_key (tx_consultation_get_topic_source (consultation)));
  json_builder_set_member_name (builder, "orientation");
  json_builder_add_string_value (builder, tx_orientation_to_key (tx_consultation_get_orientation (consultation)));
  json_builder_set_member_name (builder, "platform");
  json_builder_add_string_value (builder, tx_platform_to_key (tx_consultation_get_platform (consultation)));
  json_builder_set_member_name (builder, "venue");
  json_builder_add_string_value (builder, tx_consultation_get_venue (consultation));
  add_string_or_null (builder, "starts", tx_consultation_get_starts (consultation));
  add_string_or_null (builder, "ends", tx_consultation_get_ends (consultation));
  json_builder_set_member_name (builder, "current_stage");
  json_builder_add_string_value (builder, tx_stage_to_key (current));
}

int
tx_cli_cmd_consultation_list (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) consultations = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *township = NULL;
  g_autofree char *format = NULL;
  CommandOption options[] = {
    { "year", &year_text, NULL },
    { "township", &township, NULL },
    { "format", &format, NULL },
  };
  gboolean json = FALSE;
  int year = 0;
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), NULL);
  if (status != 0)
    return status;

  if (!tx_cli_parse_format (format, &json))
    return tx_cli_usage_error (_("Unknown format “%s”: use tsv or json."), format);
  status = tx_cli_parse_year (year_text, &year);
  if (status != 0)
    return status;

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_cli_township_exists (store, township))
    return EXIT_FAILED;

  consultations = tx_store_list_consultations (store, (int) year, township, &error);
  if (consultations == NULL)
    return tx_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < consultations->len; i++)
        {
          json_builder_begin_object (builder);
          build_consultation_summary (builder, g_ptr_array_index (consultations, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      tx_cli_print_json (root);
    }
  else
    {
      tx_cli_print_tsv_row ("uuid", "title", "township", "starts", "current_stage", NULL);
      for (guint i = 0; i < consultations->len; i++)
        {
          TxConsultation *consultation = g_ptr_array_index (consultations, i);
          const char *starts = tx_consultation_get_starts (consultation);

          tx_cli_print_tsv_row (tx_consultation_get_uuid (consultation),
                                tx_consultation_get_title (consultation),
                                tx_consultation_get_township_name (consultation),
                                starts ? starts : "",
                                tx_stage_to_key (tx_consultation_get_current_stage (consultation)), NULL);
        }
    }

  return EXIT_SUCCESS;
}

static void
build_outcome (JsonBuilder *builder,
               TxOutcome   *outcome)
{
  GPtrArray *supervisions = tx_outcome_get_supervisions (outcome);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, tx_outcome_get_uuid (outcome));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, tx_outcome_get_title (outcome));
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, tx_outcome_get_content (outcome));
  json_builder_set_member_name (builder, "submitted_to");
  json_builder_add_string_value (builder, tx_outcome_get_submitted_to (outcome));
  add_string_or_null (builder, "submitted", tx_outcome_get_submitted (outcome));
  json_builder_set_member_name (builder, "feedback");
  if (tx_outcome_has_feedback (outcome))
    {
      json_builder_begin_object (builder);
      add_string_or_null (builder, "due", tx_outcome_get_feedback_due (outcome));
      add_string_or_null (builder, "received", tx_outcome_get_feedback_received (outcome));
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, tx_outcome_get_feedback_text (outcome));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "adoption");
  json_builder_add_string_value (builder, tx_adoption_to_key (tx_outcome_get_adoption (outcome)));
  json_builder_set_member_name (builder, "progress");
  if (tx_outcome_get_progress (outcome) >= 0)
    json_builder_add_int_value (builder, tx_outcome_get_progress (outcome));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "supervision");
  json_builder_begin_array (builder);
  for (guint i = 0; i < supervisions->len; i++)
    {
      TxSupervision *supervision = g_ptr_array_index (supervisions, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "phase");
      json_builder_add_string_value (builder, tx_supervision_phase_to_key (supervision->phase));
      add_string_or_null (builder, "date", supervision->date);
      json_builder_set_member_name (builder, "by");
      json_builder_add_string_value (builder, supervision->by ? supervision->by : "");
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, supervision->note ? supervision->note : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static JsonNode *
consultation_to_json (TxConsultation *consultation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GPtrArray *participants = tx_consultation_get_participants (consultation);
  GPtrArray *speeches = tx_consultation_get_speeches (consultation);
  GPtrArray *outcomes = tx_consultation_get_outcomes (consultation);

  json_builder_begin_object (builder);
  build_consultation_summary (builder, consultation);
  json_builder_set_member_name (builder, "research");
  json_builder_add_string_value (builder, tx_consultation_get_research (consultation));

  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < TX_N_STAGES; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, tx_stage_to_key ((TxStage) i));
      add_string_or_null (builder, "due", tx_consultation_get_stage_due (consultation, i));
      add_string_or_null (builder, "done", tx_consultation_get_stage_done (consultation, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "participants");
  json_builder_begin_array (builder);
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "person");
      json_builder_add_string_value (builder, participant->person_uuid);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, participant->name);
      json_builder_set_member_name (builder, "categories");
      json_builder_begin_array (builder);
      for (guint c = 0; c < participant->categories->len; c++)
        json_builder_add_string_value (builder, tx_category_to_key (g_array_index (participant->categories, TxCategory, c)));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, tx_role_to_key (participant->role));
      json_builder_set_member_name (builder, "invited");
      json_builder_add_boolean_value (builder, participant->invited);
      json_builder_set_member_name (builder, "attended");
      if (participant->attended < 0)
        json_builder_add_null_value (builder);
      else
        json_builder_add_boolean_value (builder, participant->attended == 1);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "minutes");
  if (tx_consultation_has_minutes (consultation))
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "recorder");
      json_builder_add_string_value (builder, tx_consultation_get_recorder (consultation));
      json_builder_set_member_name (builder, "agenda");
      json_builder_add_string_value (builder, tx_consultation_get_agenda (consultation));
      json_builder_set_member_name (builder, "speeches");
      json_builder_begin_array (builder);
      for (guint i = 0; i < speeches->len; i++)
        {
          TxSpeech *speech = g_ptr_array_index (speeches, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "speaker");
          json_builder_add_string_value (builder, speech->speaker);
          json_builder_set_member_name (builder, "summary");
          json_builder_add_string_value (builder, speech->summary);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "consensus");
      json_builder_add_string_value (builder, tx_consultation_get_consensus (consultation));
      json_builder_set_member_name (builder, "next_steps");
      json_builder_add_string_value (builder, tx_consultation_get_next_steps (consultation));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "outcomes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < outcomes->len; i++)
    build_outcome (builder, g_ptr_array_index (outcomes, i));
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_consultation (TxConsultation *consultation)
{
  GPtrArray *participants = tx_consultation_get_participants (consultation);
  GPtrArray *outcomes = tx_consultation_get_outcomes (consultation);
  g_autofree char *date = tx_consultation_dup_date_label (consultation);

  g_print ("%s\n", tx_consultation_get_title (consultation));
  g_print (_("Township: %s\n"), tx_consultation_get_township_name (consultation));
  g_print (_("Topic: %s, %s\n"),
           tx_topic_source_get_label (tx_consultation_get_topic_source (consultation)),
           tx_orientation_get_label (tx_consultation_get_orientation (consultation)));
  g_print (_("Meeting: %s, %s (%s)\n"), date,
           tx_consultation_get_venue (consultation),
           tx_platform_get_label (tx_consultation_get_platform (consultation)));
  g_print (_("Current stage: %s\n"), tx_stage_get_label (tx_consultation_get_current_stage (consultation)));

  g_print ("\n%s\n", _("Stages:"));
  for (guint i = 0; i < TX_N_STAGES; i++)
    {
      const char *due = tx_consultation_get_stage_due (consultation, i);
      const char *done = tx_consultation_get_stage_done (consultation, i);

      g_print ("  %s\t", tx_stage_get_label (i));
      g_print (_("due %s"), due ? due : "—");
      g_print ("\t");
      if (done != NULL)
        g_print (_("done %s"), done);
      else
        g_print ("%s", _("not done"));
      g_print ("\n");
    }

  g_print ("\n%s\n", _("Participants:"));
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);
      const char *attendance = participant->attended < 0 ? "" :
                               participant->attended ? _("present") : _("absent");

      g_print ("  %s\t%s\t%s\n", participant->name, tx_role_get_label (participant->role), attendance);
    }

  g_print ("\n%s\n", _("Recommendations:"));
  for (guint i = 0; i < outcomes->len; i++)
    {
      TxOutcome *outcome = g_ptr_array_index (outcomes, i);

      g_print ("  %s\t%s\n", tx_outcome_get_title (outcome),
               tx_adoption_get_label (tx_outcome_get_adoption (outcome)));
    }
}

int
tx_cli_cmd_consultation_show (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxConsultation) consultation = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autofree char *format = NULL;
  CommandOption options[] = { { "format", &format, NULL } };
  gboolean json = FALSE;
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 1)
    return tx_cli_usage_error (_("“consultation show” needs one consultation, by its id or exact title."));
  if (!tx_cli_parse_format (format, &json) && g_strcmp0 (format, "text") != 0)
    return tx_cli_usage_error (_("Unknown format “%s”: use text or json."), format);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  consultation = tx_store_load_consultation (store, g_ptr_array_index (positional, 0), &error);
  if (consultation == NULL)
    return tx_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonNode) root = consultation_to_json (consultation);
      tx_cli_print_json (root);
    }
  else
    print_consultation (consultation);

  return EXIT_SUCCESS;
}

static int
delete_or_restore (Cli      *cli,
                   gboolean  restore)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  if (cli->n_args != 3)
    return tx_cli_usage_error (restore
                               ? _("“consultation restore” needs a consultation: tongxin-cli consultation restore CONSULTATION")
                               : _("“consultation delete” needs a consultation: tongxin-cli consultation delete CONSULTATION"));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_store_delete_consultation (store, cli->args[2], restore, &uuid, &error))
    return tx_cli_fail ("%s", error->message);

  if (restore)
    /* Translators: a consultation */
    g_print (_("“%s” is back, with its recommendations\n"), cli->args[2]);
  else
    /* Translators: a consultation, then its id */
    g_print (_("“%s” deleted, with its recommendations; “tongxin-cli consultation restore %s” brings it back\n"),
             cli->args[2], uuid);

  return EXIT_SUCCESS;
}

int
tx_cli_cmd_consultation_delete (Cli *cli)
{
  return delete_or_restore (cli, FALSE);
}

int
tx_cli_cmd_consultation_restore (Cli *cli)
{
  return delete_or_restore (cli, TRUE);
}

int
tx_cli_cmd_calendar_export (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autofree char *year_text = NULL;
  g_autofree char *township = NULL;
  CommandOption options[] = {
    { "year", &year_text, NULL },
    { "township", &township, NULL },
  };
  int year = 0;
  guint n_events = 0;
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), files);
  if (status != 0)
    return status;
  if (files->len != 1)
    return tx_cli_usage_error (_("“calendar export” needs the file to write: tongxin-cli calendar export OUT.ics"));
  if (!g_str_has_suffix (g_ptr_array_index (files, 0), ".ics"))
    return tx_cli_usage_error (_("“%s” must end in .ics."), (const char *) g_ptr_array_index (files, 0));
  status = tx_cli_parse_year (year_text, &year);
  if (status != 0)
    return status;

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;

  if (!tx_cli_township_exists (store, township))
    return EXIT_FAILED;

  if (!tx_calendar_export (store, (int) year, township, g_ptr_array_index (files, 0), &n_events, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u event written to %s\n", "%u events written to %s\n", n_events),
           n_events, (const char *) g_ptr_array_index (files, 0));
  return EXIT_SUCCESS;
}
