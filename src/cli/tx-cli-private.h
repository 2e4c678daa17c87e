/* tx-cli-private.h — what the files of tongxin-cli share: the command
 * line, the helpers every command uses, and the commands of each group
 *
 * A group of commands is a file, tx-cli-<group>.c; its commands are
 * declared here and listed in the table of tx-cli.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tx-date.h"
#include "tx-store.h"

G_BEGIN_DECLS

#define EXIT_FAILED 1
#define EXIT_USAGE  2

typedef struct {
  char   *db_path;
  TxDate  today;
  char  **args;      /* the command and its arguments */
  int     n_args;
} Cli;

typedef int (*CommandFunc) (Cli *cli);

typedef struct {
  const char  *name;        /* "roster list" */
  const char  *synopsis;    /* arguments */
  const char  *summary;     /* N_() */
  gboolean     creates;     /* may create the database */
  CommandFunc  func;
} Command;

/* Options after the command: --name VALUE or --name=VALUE. */
typedef struct {
  const char  *name;
  char       **value;
  gboolean    *flag;     /* for options without a value */
} CommandOption;

/* tx-cli-util.c */
int       tx_cli_fail                   (const char     *format,
                                         ...) G_GNUC_PRINTF (1, 2);
int       tx_cli_usage_error            (const char     *format,
                                         ...) G_GNUC_PRINTF (1, 2);
TxStore  *tx_cli_open_store             (Cli            *cli,
                                         gboolean        create);
void      tx_cli_print_json             (JsonNode       *root);
gboolean  tx_cli_township_exists        (TxStore        *store,
                                         const char     *township);
int       tx_cli_parse_command_options  (Cli            *cli,
                                         int             first,
                                         CommandOption  *options,
                                         guint           n_options,
                                         GPtrArray      *positional);
gboolean  tx_cli_parse_format           (const char     *text,
                                         gboolean       *json);
int       tx_cli_parse_list_format      (Cli            *cli,
                                         int             first,
                                         gboolean       *json);
int       tx_cli_parse_year             (const char     *text,
                                         int            *year);
void      tx_cli_print_tsv_row          (const char     *first,
                                         ...) G_GNUC_NULL_TERMINATED;

/* tx-cli-complete.c */
int       tx_cli_complete               (const Command  *commands,
                                         guint           n_commands,
                                         char          **args,
                                         int             n_args);

/* tx-cli-man.c */
int       tx_cli_print_man              (const char     *page,
                                         const Command  *commands,
                                         guint           n_commands);

/* tx-cli-ledger.c */
int       tx_cli_parse_quarter          (Cli            *cli,
                                         const char     *year_text,
                                         const char     *quarter_text,
                                         int            *year,
                                         int            *quarter);

/* The commands, a group a file. */

/* tx-cli-activity.c */
int tx_cli_cmd_activity_add      (Cli *cli);
int tx_cli_cmd_activity_list     (Cli *cli);
int tx_cli_cmd_activity_show     (Cli *cli);
int tx_cli_cmd_activity_delete   (Cli *cli);
int tx_cli_cmd_activity_restore  (Cli *cli);
int tx_cli_cmd_activity_attend   (Cli *cli);

/* tx-cli-attachment.c */
int tx_cli_cmd_attachment_add    (Cli *cli);
int tx_cli_cmd_attachment_list   (Cli *cli);
int tx_cli_cmd_attachment_export (Cli *cli);
int tx_cli_cmd_attachment_edit   (Cli *cli);
int tx_cli_cmd_attachment_delete (Cli *cli);
int tx_cli_cmd_attachment_restore (Cli *cli);

/* tx-cli-store.c */
int tx_cli_cmd_init              (Cli *cli);
int tx_cli_cmd_demo              (Cli *cli);
int tx_cli_cmd_backup            (Cli *cli);
int tx_cli_cmd_restore           (Cli *cli);
int tx_cli_cmd_check             (Cli *cli);

/* tx-cli-exchange.c */
int tx_cli_cmd_import            (Cli *cli);
int tx_cli_cmd_export            (Cli *cli);
int tx_cli_cmd_peers             (Cli *cli);
int tx_cli_cmd_sent              (Cli *cli);
int tx_cli_cmd_conflicts_list    (Cli *cli);
int tx_cli_cmd_conflicts_show    (Cli *cli);
int tx_cli_cmd_conflicts_resolve (Cli *cli);

/* tx-cli-roster.c */
int tx_cli_cmd_roster_import     (Cli *cli);
int tx_cli_cmd_roster_list       (Cli *cli);
int tx_cli_cmd_roster_export     (Cli *cli);
int tx_cli_cmd_roster_print      (Cli *cli);
int tx_cli_cmd_roster_untrained  (Cli *cli);
int tx_cli_cmd_roster_delete     (Cli *cli);
int tx_cli_cmd_roster_restore    (Cli *cli);

/* tx-cli-consultation.c */
int tx_cli_cmd_consultation_list (Cli *cli);
int tx_cli_cmd_consultation_show (Cli *cli);
int tx_cli_cmd_consultation_delete (Cli *cli);
int tx_cli_cmd_consultation_restore (Cli *cli);
int tx_cli_cmd_calendar_export   (Cli *cli);

/* tx-cli-documents.c */
int tx_cli_cmd_signin_sheet      (Cli *cli);
int tx_cli_cmd_yearly_statistics (Cli *cli);
int tx_cli_cmd_archive           (Cli *cli);
int tx_cli_cmd_minutes           (Cli *cli);
int tx_cli_cmd_recommendation_document (Cli *cli);
int tx_cli_cmd_recommendation_edit     (Cli *cli);
int tx_cli_cmd_chart             (Cli *cli);
int tx_cli_cmd_circular          (Cli *cli);

/* tx-cli-township.c */
int tx_cli_cmd_township_list     (Cli *cli);
int tx_cli_cmd_township_rename   (Cli *cli);
int tx_cli_cmd_township_merge    (Cli *cli);
int tx_cli_cmd_township_plan     (Cli *cli);
int tx_cli_cmd_workgroup_list    (Cli *cli);
int tx_cli_cmd_workgroup_add     (Cli *cli);
int tx_cli_cmd_workgroup_assign  (Cli *cli);
int tx_cli_cmd_workgroup_delete  (Cli *cli);

/* tx-cli-config.c */
int tx_cli_cmd_config_list       (Cli *cli);
int tx_cli_cmd_config_get        (Cli *cli);
int tx_cli_cmd_config_set        (Cli *cli);

/* tx-cli-complete.c */
int       tx_cli_complete               (const Command  *commands,
                                         guint           n_commands,
                                         char          **args,
                                         int             n_args);

/* tx-cli-man.c */
int       tx_cli_print_man              (const char     *page,
                                         const Command  *commands,
                                         guint           n_commands);

/* tx-cli-ledger.c */
int tx_cli_cmd_ledger            (Cli *cli);
int tx_cli_cmd_metrics           (Cli *cli);

G_END_DECLS
