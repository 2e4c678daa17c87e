/* tx-cli-complete.c — what the shell offers as a word of tongxin-cli is
 * typed
 *
 * The bash completion (data/tongxin-cli.bash-completion) asks
 * `tongxin-cli --complete CWORD WORD…` with the words of the line, and
 * offers what this prints, a candidate a line.  The candidates come from
 * the table of commands of --help: the commands, the options of each
 * and their values as the synopsis writes them (--order pinyin|strokes),
 * and for the arguments that name records, the names in the database of
 * the line (--db) or the usual one: townships, work groups,
 * consultations, activities, recommendations.  The database is only
 * read, and only when it is there.  A line ":files" or ":dirs" asks the
 * shell for file or folder names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include "tx-cli-private.h"
#include "tx-names.h"
#include "tx-settings.h"
#include "tx-vocabulary.h"

/* no more names than this are offered at once */
#define MAX_NAMES 200

typedef struct {
  char     *name;       /* --township */
  char     *value;      /* NAME, pinyin|strokes; NULL: a flag */
} SynopsisOption;

typedef struct {
  GPtrArray *options;      /* SynopsisOption */
  GPtrArray *positionals;  /* char *: CONSULTATION, OUT.db|list, PERSON… */
} Synopsis;

typedef struct {
  const char *db_path;
  const char *command;     /* "roster list", or NULL */
  const char *current;     /* the word being typed */
  TxStore    *store;       /* opened when names are wanted */
  gboolean    store_tried;
  GPtrArray  *out;         /* char * */
} Completion;

static void
synopsis_option_free (SynopsisOption *option)
{
  g_free (option->name);
  g_free (option->value);
  g_free (option);
}

static void
synopsis_clear (Synopsis *synopsis)
{
  g_clear_pointer (&synopsis->options, g_ptr_array_unref);
  g_clear_pointer (&synopsis->positionals, g_ptr_array_unref);
}

/* Reads "FILE.csv [--dry-run]", "[--order pinyin|strokes]",
 * "OUT.db | list": an option is followed by its value unless its
 * brackets close on it, a "|" follows, or nothing does; a positional
 * followed by "| word" takes that word as another form of itself. */
static void
synopsis_parse (const char *text,
                Synopsis   *synopsis)
{
  g_auto(GStrv) tokens = g_strsplit (text, " ", -1);
  guint n = g_strv_length (tokens);

  synopsis->options = g_ptr_array_new_with_free_func ((GDestroyNotify) synopsis_option_free);
  synopsis->positionals = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      const char *raw = tokens[i];
      g_autofree char *token = NULL;
      gboolean closes = strchr (raw, ']') != NULL;

      token = g_strdelimit (g_strdup (raw), "[]", ' ');
      g_strstrip (token);
      if (token[0] == '\0' || g_str_equal (token, "|"))
        continue;

      if (g_str_has_prefix (token, "--"))
        {
          SynopsisOption *option = g_new0 (SynopsisOption, 1);

          option->name = g_strdup (token);
          if (!closes && i + 1 < n && !g_str_equal (tokens[i + 1], "|") &&
              !g_str_has_prefix (tokens[i + 1], "--") && !g_str_has_prefix (tokens[i + 1], "[--"))
            {
              option->value = g_strdelimit (g_strdup (tokens[++i]), "[]", ' ');
              g_strstrip (option->value);
            }
          g_ptr_array_add (synopsis->options, option);
        }
      else if (i + 2 < n && g_str_equal (tokens[i + 1], "|") && !g_str_has_prefix (tokens[i + 2], "--"))
        {
          g_autofree char *other = g_strdelimit (g_strdup (tokens[i + 2]), "[]", ' ');

          g_ptr_array_add (synopsis->positionals, g_strconcat (token, "|", g_strstrip (other), NULL));
          i += 2;
        }
      else
        g_ptr_array_add (synopsis->positionals, g_steal_pointer (&token));
    }
}

static const SynopsisOption *
synopsis_find_option (Synopsis   *synopsis,
                      const char *name)
{
  for (guint i = 0; i < synopsis->options->len; i++)
    {
      SynopsisOption *option = g_ptr_array_index (synopsis->options, i);

      if (g_str_equal (option->name, name))
        return option;
    }

  return NULL;
}

static void
offer (Completion *completion,
       const char *candidate)
{
  if (!g_str_has_prefix (candidate, completion->current))
    return;
  for (guint i = 0; i < completion->out->len; i++)
    if (g_str_equal (g_ptr_array_index (completion->out, i), candidate))
      return;
  g_ptr_array_add (completion->out, g_strdup (candidate));
}

static void
offer_names (Completion  *completion,
             TxNamesKind  kind)
{
  g_autoptr(GPtrArray) names = NULL;

  if (!completion->store_tried)
    {
      completion->store_tried = TRUE;
      if (g_file_test (completion->db_path, G_FILE_TEST_IS_REGULAR))
        completion->store = tx_store_open_full (completion->db_path, TX_STORE_OPEN_READ_ONLY, NULL);
    }
  if (completion->store == NULL)
    return;

  names = tx_store_list_names (completion->store, kind, completion->current, MAX_NAMES, NULL);
  for (guint i = 0; names != NULL && i < names->len; i++)
    offer (completion, g_ptr_array_index (names, i));
}

/* What one form of an argument may be: a word as it is written
 * (pinyin, ours, 永久, --none), or a placeholder in capitals */
static void
offer_form (Completion *completion,
            const char *option,
            const char *form)
{
  g_autofree char *name = g_strdup (form);
  gboolean placeholder = FALSE;

  for (const char *p = form; *p != '\0'; p++)
    placeholder |= g_ascii_isupper (*p);
  if (!placeholder)
    {
      offer (completion, form);
      return;
    }

  /* PERSON…, KEY,… */
  if (g_str_has_suffix (name, ",…"))
    name[strlen (name) - strlen (",…")] = '\0';
  else if (g_str_has_suffix (name, "…"))
    name[strlen (name) - strlen ("…")] = '\0';

  if (strchr (name, '.') != NULL || g_str_equal (name, "FILE"))
    g_ptr_array_add (completion->out, g_strdup (":files"));
  else if (g_str_equal (name, "DIR"))
    g_ptr_array_add (completion->out, g_strdup (":dirs"));
  else if (g_str_equal (name, "CONSULTATION"))
    offer_names (completion, TX_NAMES_CONSULTATION);
  else if (g_str_equal (name, "ACTIVITY"))
    offer_names (completion, TX_NAMES_ACTIVITY);
  else if (g_str_equal (name, "RECOMMENDATION"))
    offer_names (completion, TX_NAMES_RECOMMENDATION);
  else if (g_str_equal (name, "RECORD"))
    {
      offer_names (completion, TX_NAMES_CONSULTATION);
      offer_names (completion, TX_NAMES_ACTIVITY);
      offer_names (completion, TX_NAMES_RECOMMENDATION);
    }
  else if (g_str_equal (name, "GROUP") || g_strcmp0 (option, "--work-group") == 0 ||
           (g_str_equal (name, "NAME") && option == NULL && g_str_has_prefix (completion->command, "workgroup ")))
    offer_names (completion, TX_NAMES_WORK_GROUP);
  else if (g_str_equal (name, "TOWNSHIP") || g_str_equal (name, "FROM") || g_str_equal (name, "INTO") ||
           g_str_equal (name, "OLD") || g_strcmp0 (option, "--township") == 0 ||
           g_strcmp0 (option, "--townships") == 0 ||
           (g_str_equal (name, "NAME") && option == NULL && g_str_has_prefix (completion->command, "township ")))
    offer_names (completion, TX_NAMES_TOWNSHIP);
  else if (g_str_equal (name, "KEY") && g_strcmp0 (option, "--category") == 0)
    {
      for (guint c = 0; c < TX_N_CATEGORIES; c++)
        offer (completion, tx_category_to_key (c));
    }
  else if (g_str_equal (name, "KEY") && g_str_has_prefix (completion->command, "config "))
    {
      guint n_infos;
      const TxSettingInfo *infos = tx_settings_get_infos (&n_infos);

      for (guint i = 0; i < n_infos; i++)
        offer (completion, infos[i].key);
    }
}

static void
offer_argument (Completion *completion,
                const char *option,
                const char *argument)
{
  g_auto(GStrv) forms = g_strsplit (argument, "|", -1);

  for (guint i = 0; forms[i] != NULL; i++)
    offer_form (completion, option, forms[i]);
}

static void
offer_options (Completion *completion,
               Synopsis   *synopsis)
{
  for (guint i = 0; synopsis != NULL && i < synopsis->options->len; i++)
    offer (completion, ((SynopsisOption *) g_ptr_array_index (synopsis->options, i))->name);
  offer (completion, "--db");
  offer (completion, "--today");
}

/* The words of the commands whose first @n_typed words are @typed. */
static void
offer_command_words (Completion     *completion,
                     const Command  *commands,
                     guint           n_commands,
                     char          **typed,
                     guint           n_typed)
{
  for (guint i = 0; i < n_commands; i++)
    {
      g_auto(GStrv) words = g_strsplit (commands[i].name, " ", -1);
      gboolean match = g_strv_length (words) > n_typed;

      for (guint w = 0; match && w < n_typed; w++)
        match = g_str_equal (words[w], typed[w]);
      if (match)
        offer (completion, words[n_typed]);
    }
}

static const Command *
match_command (const Command  *commands,
               guint           n_commands,
               char          **typed,
               guint           n_typed,
               guint          *n_words)
{
  for (guint i = 0; i < n_commands; i++)
    {
      g_auto(GStrv) words = g_strsplit (commands[i].name, " ", -1);
      guint n = g_strv_length (words);
      gboolean match = n <= n_typed;

      for (guint w = 0; match && w < n; w++)
        match = g_str_equal (words[w], typed[w]);
      if (match)
        {
          *n_words = n;
          return &commands[i];
        }
    }

  return NULL;
}

static void
complete_arguments (Completion     *completion,
                    const Command  *command,
                    char          **arguments,
                    guint           n_arguments)
{
  Synopsis synopsis = { NULL, };
  const SynopsisOption *pending = NULL;
  guint position = 0;

  synopsis_parse (command->synopsis, &synopsis);

  for (guint i = 0; i < n_arguments; i++)
    {
      const SynopsisOption *option;

      if (pending != NULL)
        pending = NULL;
      else if (g_str_has_prefix (arguments[i], "--"))
        {
          option = synopsis_find_option (&synopsis, arguments[i]);
          if (option != NULL && option->value != NULL)
            pending = option;
        }
      else
        position++;
    }

  if (pending != NULL)
    offer_argument (completion, pending->name, pending->value);
  else if (g_str_has_prefix (completion->current, "-"))
    offer_options (completion, &synopsis);
  else if (synopsis.positionals->len > 0)
    {
      const char *last = g_ptr_array_index (synopsis.positionals, synopsis.positionals->len - 1);

      if (position < synopsis.positionals->len)
        offer_argument (completion, NULL, g_ptr_array_index (synopsis.positionals, position));
      else if (g_str_has_suffix (last, "…"))
        offer_argument (completion, NULL, last);
    }

  synopsis_clear (&synopsis);
}

/**
 * tx_cli_complete:
 * @args: CWORD, then the words of the line, the program's first, as
 *   bash's COMP_CWORD and COMP_WORDS
 *
 * Prints the candidates for the word at CWORD, a line each.
 *
 * Returns: the exit status
 */
int
tx_cli_complete (const Command  *commands,
                 guint           n_commands,
                 char          **args,
                 int             n_args)
{
  g_autoptr(GPtrArray) typed = g_ptr_array_new ();
  g_autofree char *default_db = NULL;
  g_autofree char *db = NULL;
  Completion completion = { NULL, };
  const Command *command = NULL;
  guint n_command_words = 0;
  gint64 cword;
  const char *previous;

  if (n_args < 2 || !g_ascii_string_to_signed (args[0], 10, 1, G_MAXINT, &cword, NULL))
    return tx_cli_usage_error ("--complete CWORD WORD…");
  args++;
  n_args--;

  completion.current = cword < n_args ? args[cword] : "";
  completion.out = g_ptr_array_new_with_free_func (g_free);
  previous = args[MIN (cword, n_args) - 1];

  /* the database named anywhere on the line */
  for (int i = 1; i < n_args; i++)
    {
      const char *value = NULL;

      if (i == cword)
        continue;
      if (g_str_equal (args[i], "--db") && i + 1 < n_args && i + 1 != cword)
        value = args[i + 1];
      else if (g_str_has_prefix (args[i], "--db="))
        value = args[i] + strlen ("--db=");
      if (value != NULL)
        {
          g_free (db);
          db = g_strdup (value);
        }
    }

  /* the words before the one typed, less the global options */
  for (int i = 1; i < MIN (cword, n_args); i++)
    {
      if ((g_str_equal (args[i], "--db") || g_str_equal (args[i], "--today")) && i + 1 < cword)
        i++;
      else if (!g_str_has_prefix (args[i], "--db=") && !g_str_has_prefix (args[i], "--today="))
        g_ptr_array_add (typed, args[i]);
    }

  if (db != NULL && g_str_has_prefix (db, "~/"))
    {
      char *home = g_build_filename (g_get_home_dir (), db + 2, NULL);

      g_free (db);
      db = home;
    }
  default_db = tx_store_get_default_path ();
  completion.db_path = db != NULL ? db : default_db;

  command = match_command (commands, n_commands, (char **) typed->pdata, typed->len, &n_command_words);
  completion.command = command != NULL ? command->name : "";

  if (g_str_equal (previous, "--db"))
    g_ptr_array_add (completion.out, g_strdup (":files"));
  else if (g_str_equal (previous, "--today"))
    ;
  else if (command != NULL)
    complete_arguments (&completion, command, (char **) typed->pdata + n_command_words,
                        typed->len - n_command_words);
  else if (g_str_has_prefix (completion.current, "-"))
    {
      offer (&completion, "--db");
      offer (&completion, "--today");
      offer (&completion, "--help");
      offer (&completion, "--version");
    }
  else
    offer_command_words (&completion, commands, n_commands, (char **) typed->pdata, typed->len);

  for (guint i = 0; i < completion.out->len; i++)
    g_print ("%s\n", (char *) g_ptr_array_index (completion.out, i));

  g_clear_object (&completion.store);
  g_ptr_array_unref (completion.out);

  return EXIT_SUCCESS;
}
