/* tx-cli-activity.c — tongxin-cli's activities: trainings, observation
 * visits and discussions, their participants and attendance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tx-activity.h"
#include "tx-cli-private.h"
#include "tx-date.h"
#include "tx-roster.h"
#include "tx-settings.h"
#include "tx-vocabulary.h"

/* A kind of Tongxin's by its key (training) or its Chinese name
 * (业务培训), or one of the office's own (the setting activity-kinds) */
static gboolean
is_known_kind (TxStore    *store,
               const char *text)
{
  g_auto(GStrv) own = tx_settings_dup_activity_kinds (tx_store_get_settings (store));
  TxActivityKind kind;

  return tx_activity_kind_parse (text, &kind) || g_strv_contains ((const char * const *) own, text);
}

static char *
join_townships (TxActivity *activity)
{
  GPtrArray *townships = tx_activity_get_townships (activity);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < townships->len; i++)
    g_strv_builder_add (names, g_ptr_array_index (townships, i));
  strv = g_strv_builder_end (names);

  return g_strjoinv (C_("list of townships", ", "), strv);
}

static void
build_activity (JsonBuilder *builder,
                TxActivity  *activity,
                gboolean     with_participants)
{
  GPtrArray *townships = tx_activity_get_townships (activity);
  GPtrArray *participants = tx_activity_get_participants (activity);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, tx_activity_get_uuid (activity));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, tx_activity_get_kind_key (activity));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, tx_activity_get_title (activity));
  json_builder_set_member_name (builder, "starts");
  json_builder_add_string_value (builder, tx_activity_get_starts (activity));
  json_builder_set_member_name (builder, "ends");
  if (tx_activity_get_ends (activity) != NULL)
    json_builder_add_string_value (builder, tx_activity_get_ends (activity));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "venue");
  json_builder_add_string_value (builder, tx_activity_get_venue (activity));
  /* null: the city office */
  json_builder_set_member_name (builder, "township");
  if (tx_activity_get_township_name (activity) != NULL)
    json_builder_add_string_value (builder, tx_activity_get_township_name (activity));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "townships");
  json_builder_begin_array (builder);
  for (guint i = 0; i < townships->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (townships, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, tx_activity_get_notes (activity));
  json_builder_set_member_name (builder, "invited");
  json_builder_add_int_value (builder, participants->len);
  json_builder_set_member_name (builder, "attended");
  json_builder_add_int_value (builder, tx_activity_count_attended (activity));

  if (with_participants)
    {
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
          json_builder_set_member_name (builder, "role");
          json_builder_add_string_value (builder, tx_role_to_key (participant->role));
          json_builder_set_member_name (builder, "attended");
          if (participant->attended >= 0)
            json_builder_add_boolean_value (builder, participant->attended != 0);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

int
tx_cli_cmd_activity_add (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxActivity) activity = NULL;
  g_autofree char *kind_text = NULL, *title = NULL, *date = NULL, *time = NULL, *end_date = NULL;
  g_autofree char *township = NULL, *townships = NULL, *venue = NULL, *notes = NULL;
  g_autofree char *starts = NULL;
  CommandOption options[] = {
    { "kind", &kind_text, NULL },
    { "title", &title, NULL },
    { "date", &date, NULL },
    { "time", &time, NULL },
    { "end-date", &end_date, NULL },
    { "township", &township, NULL },
    { "townships", &townships, NULL },
    { "venue", &venue, NULL },
    { "notes", &notes, NULL },
  };
  TxDate day;
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), NULL);
  if (status != 0)
    return status;
  if (kind_text == NULL || title == NULL || date == NULL)
    return tx_cli_usage_error (_("“activity add” needs its kind, title and date: tongxin-cli activity add --kind training|observation|exchange --title TITLE --date YYYY-MM-DD"));
  if (!tx_date_parse (date, &day, &error) || (end_date != NULL && !tx_date_parse (end_date, &day, &error)))
    return tx_cli_usage_error ("%s", error->message);
  if (time != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%sT%s:00+08:00", date, time);
      g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (text, NULL);

      if (parsed == NULL || strlen (time) != 5)
        return tx_cli_usage_error (_("“%s” is not a time: write it as HH:MM, for example 09:30."), time);
      starts = g_steal_pointer (&text);
    }
  else
    starts = g_strdup (date);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  if (!is_known_kind (store, kind_text))
    {
      g_auto(GStrv) own = tx_settings_dup_activity_kinds (tx_store_get_settings (store));
      g_autofree char *names = g_strjoinv ("、", own);

      return tx_cli_usage_error (own[0] != NULL
                                 ? _("Unknown kind of activity “%s”: use training (业务培训), observation (观摩学习), exchange (座谈交流) or one of this office’s own: %s.")
                                 : _("Unknown kind of activity “%s”: use training (业务培训), observation (观摩学习) or exchange (座谈交流), or add it to this office’s own kinds: tongxin-cli config set activity-kinds NAME、NAME"),
                                 kind_text, names);
    }

  activity = tx_activity_new (TX_ACTIVITY_TRAINING, title, starts);
  tx_activity_set_kind_name (activity, kind_text);
  tx_activity_set_organiser (activity, township);
  tx_activity_set_venue (activity, venue);
  tx_activity_set_notes (activity, notes);
  tx_activity_set_ends (activity, end_date);
  if (townships != NULL)
    {
      g_auto(GStrv) names = g_regex_split_simple ("[,，、;；]", townships, 0, 0);

      for (guint i = 0; names[i] != NULL; i++)
        if (*g_strstrip (names[i]) != '\0')
          tx_activity_add_township (activity, names[i]);
    }

  if (!tx_store_save_activity (store, activity, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (_("Added the activity “%s”: %s\n"), tx_activity_get_title (activity), tx_activity_get_uuid (activity));
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_activity_list (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autofree char *year_text = NULL, *township = NULL, *format = NULL;
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

  activities = tx_store_list_activities (store, (int) year, township, &error);
  if (activities == NULL)
    return tx_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < activities->len; i++)
        build_activity (builder, g_ptr_array_index (activities, i), FALSE);
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      tx_cli_print_json (root);
      return EXIT_SUCCESS;
    }

  tx_cli_print_tsv_row ("uuid", "kind", "title", "starts", "township", "townships", "invited", "attended", NULL);
  for (guint i = 0; i < activities->len; i++)
    {
      TxActivity *activity = g_ptr_array_index (activities, i);
      g_autofree char *others = join_townships (activity);
      g_autofree char *invited = g_strdup_printf ("%u", tx_activity_get_participants (activity)->len);
      g_autofree char *attended = g_strdup_printf ("%u", tx_activity_count_attended (activity));
      /* empty: the city office */
      const char *organiser = tx_activity_get_township_name (activity);

      tx_cli_print_tsv_row (tx_activity_get_uuid (activity),
                            tx_activity_get_kind_key (activity),
                            tx_activity_get_title (activity), tx_activity_get_starts (activity),
                            organiser != NULL ? organiser : "", others, invited, attended, NULL);
    }

  return EXIT_SUCCESS;
}

int
tx_cli_cmd_activity_show (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxActivity) activity = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autofree char *format = NULL;
  g_autofree char *organiser = NULL;
  g_autofree char *others = NULL;
  CommandOption options[] = {
    { "format", &format, NULL },
  };
  GPtrArray *participants;
  gboolean json = FALSE;
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len != 1)
    return tx_cli_usage_error (_("“activity show” needs one activity: tongxin-cli activity show ACTIVITY"));
  if (!tx_cli_parse_format (format, &json))
    return tx_cli_usage_error (_("Unknown format “%s”: use tsv or json."), format);

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  activity = tx_store_load_activity (store, g_ptr_array_index (positional, 0), &error);
  if (activity == NULL)
    return tx_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      build_activity (builder, activity, TRUE);
      root = json_builder_get_root (builder);
      tx_cli_print_json (root);
      return EXIT_SUCCESS;
    }

  organiser = tx_activity_dup_organiser (activity);
  others = join_townships (activity);
  participants = tx_activity_get_participants (activity);
  g_print ("%s\n", tx_activity_get_title (activity));
  g_print (_("Kind: %s\n"), tx_activity_get_kind_label (activity));
  {
    /* 2026-12-10 09:30, or the day alone */
    const char *starts = tx_activity_get_starts (activity);
    g_autofree char *when = strlen (starts) >= 16 ? g_strdup_printf ("%.10s %.5s", starts, starts + 11) : g_strdup (starts);

    g_print (_("When: %s\n"), when);
  }
  if (tx_activity_get_venue (activity)[0] != '\0')
    g_print (_("Venue: %s\n"), tx_activity_get_venue (activity));
  g_print (_("Organised by: %s\n"), organiser);
  if (*others != '\0')
    g_print (_("Townships taking part: %s\n"), others);
  if (tx_activity_get_notes (activity)[0] != '\0')
    g_print (_("Notes: %s\n"), tx_activity_get_notes (activity));
  g_print ("\n");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u participant, %u present:\n", "%u participants, %u present:\n",
                        participants->len),
           participants->len, tx_activity_count_attended (activity));
  for (guint i = 0; i < participants->len; i++)
    {
      TxParticipant *participant = g_ptr_array_index (participants, i);

      g_print ("  %s\t%s\n", participant->name,
               participant->attended == 1 ? _("present")
               : participant->attended == 0 ? _("absent") : _("not yet known"));
    }

  return EXIT_SUCCESS;
}

int
tx_cli_cmd_activity_delete (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxActivity) activity = NULL;

  if (cli->n_args != 3)
    return tx_cli_usage_error (_("“activity delete” needs one activity: tongxin-cli activity delete ACTIVITY"));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  activity = tx_store_load_activity (store, cli->args[2], &error);
  if (activity == NULL || !tx_store_delete_activity (store, tx_activity_get_uuid (activity), &error))
    return tx_cli_fail ("%s", error->message);

  g_print (_("Deleted the activity “%s”\n"), tx_activity_get_title (activity));
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_activity_restore (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (cli->n_args != 3)
    return tx_cli_usage_error (_("“activity restore” needs one deleted activity: tongxin-cli activity restore ACTIVITY"));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  if (!tx_store_restore_activity (store, cli->args[2], &title, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (_("Brought back the activity “%s”\n"), title);
  return EXIT_SUCCESS;
}

int
tx_cli_cmd_activity_attend (Cli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxActivity) activity = NULL;
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  gboolean is_absent = FALSE;
  CommandOption options[] = {
    { "absent", NULL, &is_absent },
  };
  int status;

  status = tx_cli_parse_command_options (cli, 2, options, G_N_ELEMENTS (options), positional);
  if (status != 0)
    return status;
  if (positional->len < 2)
    return tx_cli_usage_error (_("“activity attend” needs an activity and who came: tongxin-cli activity attend ACTIVITY PERSON…"));

  store = tx_cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILED;
  activity = tx_store_load_activity (store, g_ptr_array_index (positional, 0), &error);
  if (activity == NULL)
    return tx_cli_fail ("%s", error->message);

  /* everyone found first: one unknown name changes nothing */
  for (guint i = 1; i < positional->len; i++)
    {
      char *uuid = tx_roster_resolve_person (store, g_ptr_array_index (positional, i), &error);

      if (uuid == NULL)
        return tx_cli_fail ("%s", error->message);
      g_ptr_array_add (people, uuid);
    }

  for (guint i = 0; i < people->len; i++)
    tx_activity_set_attendance (activity, g_ptr_array_index (people, i), is_absent ? 0 : 1);
  if (!tx_store_save_activity (store, activity, &error))
    return tx_cli_fail ("%s", error->message);

  g_print (is_absent
           ? g_dngettext (GETTEXT_PACKAGE, "%u person marked absent from “%s”\n", "%u people marked absent from “%s”\n", people->len)
           : g_dngettext (GETTEXT_PACKAGE, "%u person marked present at “%s”\n", "%u people marked present at “%s”\n", people->len),
           people->len, tx_activity_get_title (activity));
  return EXIT_SUCCESS;
}
