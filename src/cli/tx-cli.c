/* tx-cli.c — tongxin-cli, the operations of Tongxin for scripts
 *
 * The contract is DESIGN §3: exit 0 on success, 1 when the operation
 * failed (one clear line on stderr, the database unchanged), 2 for a
 * usage error.
 *
 * This file reads the global options, and finds the command in the
 * table below; each group of commands is a file of its own,
 * tx-cli-<group>.c, and tx-cli-private.h declares what they share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>

#include "tx-cli-private.h"
#include "tx-store.h"
#include "tx-version.h"

/* Every command, in the order --help lists them. To add one, write
 * tx_cli_cmd_<name> () in the file of its group (or a new
 * tx-cli-<group>.c, added to meson.build and po/POTFILES.in), declare it
 * in tx-cli-private.h, and list it here. */
static const Command commands[] = {
  { "init", "", N_("create the database if absent"), TRUE, tx_cli_cmd_init },
  { "demo", "[--remove]", N_("add the sample data, with dates moved to today; --remove takes them out again"), TRUE, tx_cli_cmd_demo },
  { "roster list", "[--search TEXT] [--category KEY] [--township NAME] [--order pinyin|strokes] [--format tsv|json]",
    N_("list the people of the roster"), FALSE, tx_cli_cmd_roster_list },
  { "roster import", "FILE.csv [--dry-run]",
    N_("add or update people from a CSV file (UTF-8 or GB18030; all or nothing)"), TRUE, tx_cli_cmd_roster_import },
  { "roster export", "FILE.csv|FILE.xlsx [--search TEXT] [--category KEY] [--township NAME] [--order pinyin|strokes]",
    N_("write the roster as a spreadsheet that the import reads back"), FALSE, tx_cli_cmd_roster_export },
  { "roster print", "OUT.pdf [--search TEXT] [--category KEY] [--township NAME] [--order pinyin|strokes] [--columns KEY,…] [--landscape | --orientation portrait|landscape]",
    N_("print the roster to a PDF file (A4, phone numbers masked); columns: name, gender, ethnicity, township, village, categories, organization, title, phone, notes"), FALSE, tx_cli_cmd_roster_print },
  { "roster untrained", "[--days N] [--township NAME] [--format tsv|json]",
    N_("list the liaison group leaders and liaison officers in post for more than N days (the setting training-days, 90) without a training since taking up the post; the day is the column 任职时间 of the roster's CSV"),
    FALSE, tx_cli_cmd_roster_untrained },
  { "roster delete", "PERSON", N_("take someone off the roster, by id or exact name (they can be brought back)"), FALSE,
    tx_cli_cmd_roster_delete },
  { "roster restore", "PERSON", N_("bring back someone taken off the roster, by id or exact name"), FALSE,
    tx_cli_cmd_roster_restore },
  { "consultation list", "[--year Y] [--township NAME] [--format tsv|json]",
    N_("list the consultations"), FALSE, tx_cli_cmd_consultation_list },
  { "consultation show", "CONSULTATION [--format json]",
    N_("show a consultation: stages, participants and outcomes"), FALSE, tx_cli_cmd_consultation_show },
  { "consultation delete", "CONSULTATION",
    N_("delete a consultation and its recommendations (they can be restored)"), FALSE, tx_cli_cmd_consultation_delete },
  { "consultation restore", "CONSULTATION",
    N_("bring back a deleted consultation and its recommendations"), FALSE, tx_cli_cmd_consultation_restore },
  { "activity add", "--kind training|observation|exchange|KIND --title TITLE --date YYYY-MM-DD [--time HH:MM] [--end-date YYYY-MM-DD] [--township NAME] [--townships NAME,…] [--venue VENUE] [--notes TEXT]",
    N_("add a training (业务培训), an observation visit (观摩学习), a discussion (座谈交流) or an activity of a kind of the office’s own (the setting activity-kinds); --township: the township organising it (the city office without), --townships: the others taking part"),
    FALSE, tx_cli_cmd_activity_add },
  { "activity list", "[--year Y] [--township NAME] [--format tsv|json]",
    N_("list the activities, with how many were invited and came"), FALSE, tx_cli_cmd_activity_list },
  { "activity show", "ACTIVITY [--format json]",
    N_("show an activity and its participants, with their attendance"), FALSE, tx_cli_cmd_activity_show },
  { "activity delete", "ACTIVITY", N_("delete an activity (it can be restored)"), FALSE, tx_cli_cmd_activity_delete },
  { "activity restore", "ACTIVITY", N_("bring back a deleted activity, by its id or exact title"), FALSE,
    tx_cli_cmd_activity_restore },
  { "activity attend", "ACTIVITY PERSON… [--absent]",
    N_("say who came to an activity (by id or exact name; someone not invited is added), or with --absent who did not"),
    FALSE, tx_cli_cmd_activity_attend },
  { "attachment add", "RECORD FILE [--kind photo|signin_scan|feedback_letter|research_report|other] [--caption TEXT]",
    N_("keep a photo (JPEG, PNG), a scan (PDF) or an office file with a consultation, a recommendation or an activity (by its id or exact title), at most 20 MB"),
    FALSE, tx_cli_cmd_attachment_add },
  { "attachment list", "RECORD [--format tsv|json]", N_("list the attachments of a record"), FALSE, tx_cli_cmd_attachment_list },
  { "attachment export", "RECORD DIR", N_("write the attachments of a record into a folder, each checked first"), FALSE,
    tx_cli_cmd_attachment_export },
  { "attachment edit", "ID [--caption TEXT] [--kind photo|signin_scan|feedback_letter|research_report|other]",
    N_("change the caption or the kind of an attachment"), FALSE, tx_cli_cmd_attachment_edit },
  { "attachment delete", "ID", N_("delete an attachment"), FALSE, tx_cli_cmd_attachment_delete },
  { "attachment restore", "ID", N_("bring back an attachment deleted (undo its deletion)"), FALSE, tx_cli_cmd_attachment_restore },
  { "township list", "[--year Y] [--format tsv|json]",
    N_("list the townships, with their plan of the year and their last file received from another office (when, as of when, whole or changes)"), FALSE, tx_cli_cmd_township_list },
  { "township rename", "OLD NEW", N_("give a township another name"), FALSE, tx_cli_cmd_township_rename },
  { "workgroup list", "[--format tsv|json]", N_("list the city office's work groups (工作组), with their leader, members and townships"), FALSE, tx_cli_cmd_workgroup_list },
  { "workgroup add", "NAME [--leader NAME] [--members TEXT]", N_("add a work group, or change its leader and members"), FALSE, tx_cli_cmd_workgroup_add },
  { "workgroup assign", "TOWNSHIP GROUP|--none", N_("put a township in a work group (out of the one it was in), or in none"), FALSE, tx_cli_cmd_workgroup_assign },
  { "workgroup delete", "NAME", N_("remove a work group; its townships are then in none"), FALSE, tx_cli_cmd_workgroup_delete },
  { "township merge", "FROM INTO",
    N_("make two townships one: the people, consultations and plans of FROM go to INTO"), FALSE, tx_cli_cmd_township_merge },
  { "township plan", "NAME YEAR N",
    N_("set how many consultations a township plans in a year"), FALSE, tx_cli_cmd_township_plan },
  { "calendar export", "OUT.ics [--year Y] [--township NAME]",
    N_("write meetings and stage deadlines as a calendar file (Asia/Shanghai time)"), FALSE, tx_cli_cmd_calendar_export },
  { "signin-sheet", "CONSULTATION|ACTIVITY OUT.pdf [--order category|strokes] [--blank-rows N] [--with-categories | --without-categories] [--with-phones | --without-phones]",
    N_("print the sign-in sheet of a consultation or an activity to a PDF file; --with-categories and --with-phones add the columns 身份类别 and 联系电话, --without-… leave them out (the default is the settings signin-categories and signin-phones)"), FALSE, tx_cli_cmd_signin_sheet },
  { "minutes", "CONSULTATION OUT.odt",
    N_("write the minutes of a meeting as an ODT document (LibreOffice, WPS)"), FALSE, tx_cli_cmd_minutes },
  { "recommendation document", "RECOMMENDATION OUT.odt [--number N] [--copy-to OFFICES] [--printer OFFICE]",
    N_("write a recommendation as a formal 协商建言 document (ODT), by its id or exact title"), FALSE,
    tx_cli_cmd_recommendation_document },
  { "recommendation edit", "RECOMMENDATION [--title TITLE] [--content TEXT] [--adoption pending|adopted|partly_adopted|not_adopted] [--progress N]",
    N_("change a recommendation, by its id or exact title: its title, its text, whether it was adopted, and how far it is carried out (0–100)"),
    FALSE, tx_cli_cmd_recommendation_edit },
  { "ledger", "[--year Y --quarter Q] [--township NAME] [--work-group NAME] [--by-work-group] [--format tsv|json]",
    N_("the red/yellow/green warning ledger, with the reasons behind every colour; --work-group: the townships of one work group, --by-work-group: the townships by their work group (its name first), those in none last"), FALSE, tx_cli_cmd_ledger },
  { "metrics", "[--year Y] [--quarter Q] [--township NAME] [--format tsv|json]",
    N_("the three zeros: feedback rate, supervision coverage, implementation rate"), FALSE, tx_cli_cmd_metrics },
  { "circular", "--year Y --quarter Q OUT.odt [--suggestions FILE] [--number N] [--copy-to OFFICES] [--printer OFFICE] [--draft | --correction]",
    N_("write the quarterly circular as an ODT document: it is issued (and that quarter's ledger frozen) unless --draft; --correction issues a new version, keeping the one before"), FALSE, tx_cli_cmd_circular },
  { "chart", "ledger|plan|stages|adoption OUT.png|OUT.svg|OUT.pdf [--year Y] [--page a4|a4-landscape|chart]",
    N_("draw a chart of the dashboard to a file"), FALSE, tx_cli_cmd_chart },
  { "archive", "CONSULTATION OUT.pdf | --township NAME --year Y OUT.zip [--retention 永久|长期|短期]",
    N_("write the dossier of a consultation (一事一档) as one PDF: cover, contents, plan and stages, research, participants and sign-in sheet (the scanned one when attached), minutes, recommendations with their feedback and supervision, photos; with --township and --year, every consultation of the year as its dossier, with the index 台账目录.xlsx, in one zip"),
    FALSE, tx_cli_cmd_archive },
  { "yearly-statistics", "--year Y [--township NAME] OUT.odt|OUT.xlsx",
    N_("write the year's figures (年度工作统计) for every township and the city, or for one township: consultations by topic source and orientation, participants by category, recommendations by adoption, the three zeros, trainings and people trained"),
    FALSE, tx_cli_cmd_yearly_statistics },
  { "config list", "[--format tsv|json]", N_("list the settings, their values and what they mean"), FALSE, tx_cli_cmd_config_list },
  { "config get", "KEY", N_("print the value of a setting"), FALSE, tx_cli_cmd_config_get },
  { "config set", "KEY VALUE", N_("change a setting (checked first; nothing changes when refused)"), FALSE, tx_cli_cmd_config_set },
  { "export", "[--township NAME] [--since-last] [--issue] OUT.xml|OUT.xml.gz",
    N_("write everything as an exchange file, or one township's records, or what changed since the last file; --issue: what the city office sends its townships (plans, the activities it organises with who came, thresholds of the ledger, circulars issued)"), FALSE, tx_cli_cmd_export },
  { "backup", "OUT.db | list", N_("copy the whole database to a file, or list the backups kept beside it"), FALSE, tx_cli_cmd_backup },
  { "restore", "IN.db", N_("replace the database with a backup (the data replaced are kept as a backup)"), TRUE, tx_cli_cmd_restore },
  { "check", "", N_("check that the database is sound (changes nothing)"), FALSE, tx_cli_cmd_check },
  { "import", "IN.xml|IN.xml.gz… [--dry-run] [--report OUT.json] [--keep-townships-apart]",
    N_("merge exchange files, each all or nothing (every file is checked first); prints what each adds, updates and deletes, and its conflicts. A township with the name of one here is taken as that one, unless --keep-townships-apart"), TRUE, tx_cli_cmd_import },
  { "peers", "[--format tsv|json]", N_("list the offices whose exchange files were imported here, and when"), FALSE, tx_cli_cmd_peers },
  { "sent", "[--format tsv|json]",
    N_("list the exchange files written here, the last first: when, which township, and whether everything, the changes since an earlier file, or what the city office sends its townships"),
    FALSE, tx_cli_cmd_sent },
  { "conflicts list", "[--all] [--format tsv|json]",
    N_("list the records changed both here and by the office that sent them, still to decide (--all: the decided ones too)"), FALSE, tx_cli_cmd_conflicts_list },
  { "conflicts show", "ID [--format tsv|json]", N_("show both versions of a conflict, field by field"), FALSE, tx_cli_cmd_conflicts_show },
  { "conflicts resolve", "ID ours|theirs", N_("decide a conflict: keep the version here, or take the other office's"), FALSE, tx_cli_cmd_conflicts_resolve },
};

static void
print_help (void)
{
  g_print ("%s\n", _("Usage: tongxin-cli [--db FILE] [--today YYYY-MM-DD] COMMAND [ARGS]"));
  g_print ("\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *head = g_strdup_printf ("%s %s", commands[i].name, commands[i].synopsis);

      g_print ("  %s\n      %s\n", g_strstrip (head), _(commands[i].summary));
    }
  g_print ("\n%s\n", _("Options:"));
  g_print ("  --db FILE            %s\n", _("the database (default: ~/.local/share/tongxin/tongxin.db)"));
  g_print ("  --today YYYY-MM-DD   %s\n", _("the date to work with (default: today)"));
  g_print ("\n%s\n", _("Exit status: 0 success, 1 the operation failed, 2 usage error."));
}

static const Command *
find_command (Cli *cli)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(GStrv) words = g_strsplit (commands[i].name, " ", -1);
      guint n_words = g_strv_length (words);
      gboolean match = (guint) cli->n_args >= n_words;

      for (guint w = 0; match && w < n_words; w++)
        match = g_str_equal (words[w], cli->args[w]);

      if (match)
        return &commands[i];
    }

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autofree char *db = NULL;
  g_autofree char *today = NULL;
  const Command *command;
  Cli cli = { 0, };

  setlocale (LC_ALL, "");

  /* Past the file size limit (ulimit -f), the kernel kills a process
   * that writes with SIGXFSZ, without a word.  Ignored, the write fails
   * with EFBIG instead, and the command says so and exits 1. */
  signal (SIGXFSZ, SIG_IGN);

  /* TONGXIN_LOCALEDIR: the translations of an uninstalled build */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TONGXIN_LOCALEDIR") ? g_getenv ("TONGXIN_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* For the build and the shell, not for people: the manual pages
   * (man/) and the bash completion (data/tongxin-cli.bash-completion) */
  if (argc >= 2 && g_str_equal (argv[1], "--man"))
    return argc == 3 ? tx_cli_print_man (argv[2], commands, G_N_ELEMENTS (commands))
                     : tx_cli_usage_error (_("There is no manual page “%s”: write tongxin or tongxin-cli."), "");
  if (argc >= 2 && g_str_equal (argv[1], "--complete"))
    return tx_cli_complete (commands, G_N_ELEMENTS (commands), argv + 2, argc - 2);

  /* The global options may come before or after the command. */
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "help"))
        {
          print_help ();
          return EXIT_SUCCESS;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("tongxin-cli %s\n", tx_version_get_string ());
          return EXIT_SUCCESS;
        }
      else if (g_str_equal (arg, "--db") || g_str_equal (arg, "--today"))
        {
          if (i + 1 >= argc)
            return tx_cli_usage_error (_("The option %s needs a value."), arg);
          g_free (arg[2] == 'd' ? db : today);
          if (arg[2] == 'd')
            db = g_strdup (argv[++i]);
          else
            today = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--db="))
        {
          g_free (db);
          db = g_strdup (arg + 5);
        }
      else if (g_str_has_prefix (arg, "--today="))
        {
          g_free (today);
          today = g_strdup (arg + 8);
        }
      else
        g_ptr_array_add (rest, argv[i]);
    }

  if (rest->len == 0)
    {
      print_help ();
      return EXIT_USAGE;
    }

  /* the one place the tool reads the clock: every command is given
   * its day */
  if (today != NULL)
    {
      if (!tx_date_parse (today, &cli.today, NULL))
        return tx_cli_usage_error (_("“%s” is not a date: write it as YYYY-MM-DD, e.g. 2026-11-27."), today);
    }
  else
    cli.today = tx_date_today_local ();

  if (db != NULL && db[0] == '\0')
    return tx_cli_usage_error (_("The option --db needs a file name."));

  cli.db_path = db != NULL ? g_strdup (db) : tx_store_get_default_path ();
  cli.args = (char **) rest->pdata;
  cli.n_args = rest->len;

  command = find_command (&cli);
  if (command == NULL)
    {
      int status = tx_cli_usage_error (_("Unknown command “%s”."), cli.args[0]);
      g_free (cli.db_path);
      return status;
    }

  {
    int status = command->func (&cli);

    g_free (cli.db_path);
    return status;
  }
}
