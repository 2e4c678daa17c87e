/* tx-cli-man.c — the manual pages tongxin(1) and tongxin-cli(1)
 *
 * Both are written from what tongxin-cli --help says: the table of
 * commands with their arguments and what each does, the options, the
 * exit status.  The build runs `tongxin-cli --man PAGE` once in English
 * and once in each language with a translation (man/), so the pages
 * never tell another story than the program, in any language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-cli-private.h"

/* @text as troff text: a backslash and a minus written as troff has
 * them, a line that would begin with a control character kept as text,
 * and after each Chinese character a place where troff may break the
 * line, since Chinese has no spaces between its words */
static char *
man_escape (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 16);

  if (text[0] == '.' || text[0] == '\'')
    g_string_append (out, "\\&");
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\\')
        g_string_append (out, "\\e");
      else if (c == '-')
        g_string_append (out, "\\-");
      else if (c == '\n')
        {
          g_string_append_c (out, ' ');
          if (p[1] == '.' || p[1] == '\'')
            g_string_append (out, "\\&");
        }
      else
        {
          gunichar next = g_utf8_get_char (g_utf8_next_char (p));

          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          /* not after an opening bracket, nor before a comma or a
           * closing bracket */
          if (c >= 0x2e80 && next >= 0x2e80 &&
              g_utf8_strchr ("（《「", -1, c) == NULL &&
              g_utf8_strchr ("，。、；：）》」！？", -1, next) == NULL)
            g_string_append (out, "\\:");
        }
    }

  return g_string_free (out, FALSE);
}

static void
print_text (const char *text)
{
  g_autofree char *escaped = man_escape (text);

  g_print ("%s\n", escaped);
}

static void
print_section (const char *title)
{
  g_autofree char *escaped = man_escape (title);

  g_print (".SH \"%s\"\n", escaped);
}

static void
print_paragraph (const char *text)
{
  g_print (".PP\n");
  print_text (text);
}

/* an option, or a command, in bold with its arguments, then what it does */
static void
print_item (const char *name,
            const char *arguments,
            const char *text)
{
  g_autofree char *escaped_name = man_escape (name);

  g_print (".TP\n\\fB%s\\fR", escaped_name);
  if (arguments != NULL && arguments[0] != '\0')
    {
      g_autofree char *escaped = man_escape (arguments);

      g_print (" %s", escaped);
    }
  g_print ("\n");
  print_text (text);
}

/* an example: what it does, then the commands, a line each */
static void
print_example (const char *what,
               const char *commands)
{
  g_auto(GStrv) lines = g_strsplit (commands, "\n", -1);

  print_paragraph (what);
  g_print (".RS\n.nf\n");
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *escaped = man_escape (lines[i]);

      g_print ("%s\n", escaped);
    }
  g_print (".fi\n.RE\n");
}

static void
print_header (const char *name,
              const char *title)
{
  g_autofree char *upper = g_ascii_strup (name, -1);
  g_autofree char *escaped = man_escape (title);

  g_print (".TH \"%s\" \"1\" \"\" \"Tongxin %s\" \"Tongxin\"\n", upper, PACKAGE_VERSION);
  /* ragged right: Chinese lines cannot be stretched at spaces */
  g_print (".ad l\n");
  print_section (_("NAME"));
  g_print ("%s \\- %s\n", name, escaped);
}

static void
print_files (void)
{
  print_section (_("FILES"));
  print_item ("~/.local/share/tongxin/tongxin.db", NULL,
              _("The database: every record of the office in one SQLite file. Where XDG_DATA_HOME is set, "
                "$XDG_DATA_HOME/tongxin/tongxin.db. Copy this file, or use the backups, to keep the data "
                "safe; removing or upgrading the program never changes it."));
  print_item ("~/.local/share/tongxin/tongxin-backups/", NULL,
              _("The backups Tongxin makes by itself beside the database: when it opens or closes, before "
                "every import and restore, and before the database is updated to a newer version of Tongxin."));
  print_item ("/usr/share/fontconfig/conf.avail/35-tongxin-gbt9704.conf", NULL,
              _("Tells fontconfig which installed fonts stand in for the fonts of GB/T 9704 (仿宋_GB2312, "
                "小标宋, 楷体_GB2312, 黑体) in the documents Tongxin writes."));
}

static void
print_cli_page (const Command *commands,
                guint          n_commands)
{
  g_autofree char *synopsis = NULL;
  const char *usage;

  print_header ("tongxin-cli", _("the operations of Tongxin for scripts and the command line"));

  /* the line --help begins with, less its "Usage:" */
  usage = _("Usage: tongxin-cli [--db FILE] [--today YYYY-MM-DD] COMMAND [ARGS]");
  synopsis = man_escape (strstr (usage, "tongxin-cli ") != NULL ? strstr (usage, "tongxin-cli ") + strlen ("tongxin-cli ")
                                                                : usage);
  print_section (_("SYNOPSIS"));
  g_print ("\\fBtongxin\\-cli\\fR %s\n", synopsis);

  print_section (_("DESCRIPTION"));
  print_paragraph (_("tongxin-cli does what the window of Tongxin does, for scripts: the roster, consultations "
                     "and activities, the warning ledger and its circular, the documents (sign-in sheets, "
                     "minutes, dossiers), the exchange files between the city office and its townships, "
                     "backups and settings. It works on the same database as the window, and may run beside it."));
  print_paragraph (_("A command changes everything it was asked to or nothing: when it fails it says why in "
                     "one line, and the database is as it was. Names are written as the window shows them: a "
                     "township by its name, a consultation or an activity by its exact title or its id."));

  print_section (_("COMMANDS"));
  for (guint i = 0; i < n_commands; i++)
    print_item (commands[i].name, commands[i].synopsis, _(commands[i].summary));

  print_section (_("OPTIONS"));
  print_item ("--db", "FILE", _("the database (default: ~/.local/share/tongxin/tongxin.db)"));
  print_item ("--today", "YYYY-MM-DD", _("the date to work with (default: today)"));
  print_item ("--help", NULL, _("Print the commands and options, and exit."));
  print_item ("--version", NULL, _("Print the version, and exit."));
  print_paragraph (_("The options may come before or after the command."));

  print_section (_("EXIT STATUS"));
  print_item ("0", NULL, _("The command did what it was asked."));
  print_item ("1", NULL, _("The operation failed; nothing was changed. The reason is on the standard error."));
  print_item ("2", NULL, _("The command line is wrong: an unknown command or option, or a value missing."));

  print_files ();

  print_section (_("ENVIRONMENT"));
  print_item ("LANGUAGE, LANG", NULL,
              _("The language of messages and documents: zh_CN for Chinese."));
  print_item ("XDG_DATA_HOME", NULL, _("Where the database is kept when --db is not given."));

  print_section (_("EXAMPLES"));
  print_example (_("Create a database with the sample data, and check it:"),
                 "tongxin-cli --db 示例.db demo\ntongxin-cli --db 示例.db check");
  print_example (_("See what a roster spreadsheet would change, then import it:"),
                 "tongxin-cli roster import 名册.csv --dry-run\ntongxin-cli roster import 名册.csv");
  print_example (_("Print the sign-in sheet of a consultation, and write its minutes:"),
                 "tongxin-cli signin-sheet \"老旧小区加装电梯协商\" 签到表.pdf\n"
                 "tongxin-cli minutes \"老旧小区加装电梯协商\" 会议纪要.odt");
  print_example (_("The warning ledger of the third quarter, and a draft of its circular:"),
                 "tongxin-cli ledger --year 2026 --quarter 3\n"
                 "tongxin-cli circular --year 2026 --quarter 3 第三季度通报.odt --draft");
  print_example (_("A township sends its changes to the city office, which imports them:"),
                 "tongxin-cli --db 金山街道.db export --since-last 金山街道.xml.gz\n"
                 "tongxin-cli --db 市政协.db import 金山街道.xml.gz");
  print_example (_("Copy the database to a USB stick, and list the backups kept:"),
                 "tongxin-cli backup /media/U盘/同心备份.db\ntongxin-cli backup list");

  print_section (_("SEE ALSO"));
  g_print ("\\fBtongxin\\fR(1)\n");
}

static void
print_window_page (void)
{
  print_header ("tongxin", _("Plan township consultations and follow every recommendation"));

  print_section (_("SYNOPSIS"));
  g_print ("\\fBtongxin\\fR [\\fB\\-\\-db\\fR \\fIFILE\\fR]\n");

  print_section (_("DESCRIPTION"));
  print_paragraph (_("Tongxin keeps the work of a township’s CPPCC liaison group in one file on the office "
                     "computer, without any network: the roster of the liaison group and the people it invites, "
                     "the yearly plan of consultations and the six stages of each, what became of every "
                     "recommendation, the trainings and visits, and the red/yellow/green warning ledger of the "
                     "city office with its quarterly circular."));
  print_paragraph (_("It prints sign-in sheets and rosters, and writes minutes, circulars and dossiers that "
                     "LibreOffice and WPS Office open. Press F1 in the window for the user guide."));

  print_section (_("OPTIONS"));
  print_item ("--db", "FILE", _("Open the database FILE instead of the usual one"));
  print_item ("--help-all", NULL, _("Print the options of GTK as well, and exit."));

  print_files ();

  print_section (_("ENVIRONMENT"));
  print_item ("LANGUAGE, LANG", NULL,
              _("The language of messages and documents: zh_CN for Chinese."));
  print_item ("GSK_RENDERER", NULL,
              _("How the window is drawn: cairo or gl. Without it, Tongxin draws with cairo where the "
                "computer has no graphics driver of its own, which is quicker there; Preferences can choose."));

  print_section (_("SEE ALSO"));
  g_print ("\\fBtongxin\\-cli\\fR(1)\n");
}

/**
 * tx_cli_print_man:
 * @page: "tongxin" or "tongxin-cli"
 *
 * Prints the manual page @page in troff, in the language of the
 * messages.
 *
 * Returns: the exit status
 */
int
tx_cli_print_man (const char    *page,
                  const Command *commands,
                  guint          n_commands)
{
  if (g_strcmp0 (page, "tongxin-cli") == 0)
    print_cli_page (commands, n_commands);
  else if (g_strcmp0 (page, "tongxin") == 0)
    print_window_page ();
  else
    return tx_cli_usage_error (_("There is no manual page “%s”: write tongxin or tongxin-cli."), page);

  return EXIT_SUCCESS;
}
