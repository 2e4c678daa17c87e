/* tx-welcome-page.c — what the first run shows
 *
 * Nothing is written until the clerk chooses how to start:
 *  - set up the township: its name, its kind (街道, 镇, 乡) and the
 *    issuing body printed on documents; the name is checked while it is
 *    typed, by the rules the store applies, and an empty form is not an
 *    error, only not ready;
 *  - import a roster kept in a spreadsheet (CSV), or open an exchange
 *    file another office sent;
 *  - try the sample, which opens in a file of its own, never in the
 *    clerk's database.
 * The page only asks; the window and the application do (signals).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-rules.h"
#include "tx-settings.h"
#include "tx-vocabulary.h"
#include "tx-welcome-page.h"

struct _TxWelcomePage
{
  AdwBin       parent_instance;

  /* template children */
  AdwEntryRow *name_row;
  AdwComboRow *kind_row;
  AdwEntryRow *organization_row;
  AdwComboRow *office_row;
  AdwPreferencesGroup *set_up_group;
  GtkLabel    *problem_label;
  GtkWidget   *create_button;
};

G_DEFINE_FINAL_TYPE (TxWelcomePage, tx_welcome_page, ADW_TYPE_BIN)

enum {
  CREATE,
  CREATE_CITY,
  IMPORT_ROSTER,
  OPEN_EXCHANGE,
  TRY_SAMPLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What is wrong with the name typed, or NULL; an empty name is not an
 * error to show, only a reason the button is off. */
static char *
check_name (TxWelcomePage *self,
            gboolean      *ready)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  *ready = FALSE;
  if (tx_text_is_blank (name))
    return NULL;

  {
    char *problem = tx_text_check (TX_TEXT_TOWNSHIP_NAME, name);

    *ready = problem == NULL;
    return problem;
  }
}

/* Whether the database set up is the city office's (the choices are
 * those of the setting office-kind, in its order) */
static gboolean
is_city (TxWelcomePage *self)
{
  const TxSettingInfo *office_kind = tx_settings_lookup ("office-kind");
  guint selected = adw_combo_row_get_selected (self->office_row);

  return selected < g_strv_length ((char **) office_kind->choices) &&
         g_strcmp0 (office_kind->choices[selected], "city") == 0;
}

static void
on_name_row_changed_cb (TxWelcomePage *self)
{
  gboolean ready;
  g_autofree char *problem = check_name (self, &ready);

  /* the city office's has no township of its own to name */
  if (is_city (self))
    {
      g_clear_pointer (&problem, g_free);
      ready = TRUE;
    }

  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.create", ready);
  /* a button that is off says why */
  gtk_widget_set_tooltip_text (self->create_button, ready ? NULL : _("Type the township’s name first"));
}

/* A township's database, or the city office's: the city names no
 * township, its townships come with the files they send */
static void
on_office_row_selected_cb (TxWelcomePage *self)
{
  gboolean city = is_city (self);

  gtk_widget_set_visible (GTK_WIDGET (self->name_row), !city);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_row), !city);
  adw_preferences_group_set_title (self->set_up_group, city ? _("Set Up the City Office") : _("Set Up Your Township"));
  adw_preferences_group_set_description (self->set_up_group,
                                         city ? _("The townships and their data come later: with the files the townships send (Receive Data), or under Townships and Plans.")
                                              : _("Other townships, and each year’s plan, can be added later under Townships and Plans."));
  on_name_row_changed_cb (self);
}

static void
on_entry_activated_cb (TxWelcomePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "welcome.create", NULL);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TxWelcomePage *self = TX_WELCOME_PAGE (widget);
  g_autofree char *name = NULL;
  g_autofree char *organization = NULL;
  gboolean ready;
  g_autofree char *problem = check_name (self, &ready);

  organization = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->organization_row))));
  if (is_city (self))
    {
      g_signal_emit (self, signals[CREATE_CITY], 0, organization);
      return;
    }
  if (!ready)
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_signal_emit (self, signals[CREATE], 0, name, (int) adw_combo_row_get_selected (self->kind_row), organization);
}

/* Choosing a file */

static void
on_file_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   TxWelcomePage   *self)
{
  guint signal = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "tx-signal"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        g_signal_emit (self, signals[signal], 0, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_file (TxWelcomePage *self,
             const char    *title,
             const char    *filter_name,
             const char    *suffixes,
             guint          signal)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_auto(GStrv) each = g_strsplit (suffixes, " ", -1);

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, filter_name);
  for (guint i = 0; each[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, each[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "tx-signal", GUINT_TO_POINTER (signal));
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_roster_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_file (TX_WELCOME_PAGE (widget), _("Import a Roster"), _("Rosters (CSV)"), "csv", IMPORT_ROSTER);
}

static void
open_exchange_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_file (TX_WELCOME_PAGE (widget), _("Open an Exchange File"), _("Tongxin exchange files"), "xml xml.gz",
               OPEN_EXCHANGE);
}

static void
try_sample_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_signal_emit (widget, signals[TRY_SAMPLE], 0);
}

static void
tx_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TX_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (tx_welcome_page_parent_class)->dispose (object);
}

static void
tx_welcome_page_class_init (TxWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_welcome_page_dispose;

  /**
   * TxWelcomePage::create:
   * @name: the township's name, checked
   * @kind: its TxTownshipKind
   * @organization: the issuing body, or ""
   *
   * The clerk set up the township: the database should be created now.
   */
  signals[CREATE] =
    g_signal_new ("create", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_INT, G_TYPE_STRING);
  /**
   * TxWelcomePage::create-city:
   * @organization: the issuing body, or ""
   *
   * The clerk set up the city office's database: it should be created now.
   */
  signals[CREATE_CITY] =
    g_signal_new ("create-city", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * TxWelcomePage::import-roster:
   * @file: the roster (CSV) chosen
   */
  signals[IMPORT_ROSTER] =
    g_signal_new ("import-roster", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);
  /**
   * TxWelcomePage::open-exchange:
   * @file: the exchange file chosen
   */
  signals[OPEN_EXCHANGE] =
    g_signal_new ("open-exchange", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);
  /**
   * TxWelcomePage::try-sample:
   *
   * The clerk wants to look at the sample, in a file of its own.
   */
  signals[TRY_SAMPLE] =
    g_signal_new ("try-sample", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "welcome.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "welcome.import-roster", NULL, import_roster_action);
  gtk_widget_class_install_action (widget_class, "welcome.open-exchange", NULL, open_exchange_action);
  gtk_widget_class_install_action (widget_class, "welcome.try-sample", NULL, try_sample_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TxWelcomePage, name_row);
  gtk_widget_class_bind_template_child (widget_class, TxWelcomePage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TxWelcomePage, organization_row);
  gtk_widget_class_bind_template_child (widget_class, TxWelcomePage, office_row);
  gtk_widget_class_bind_template_child (widget_class, TxWelcomePage, set_up_group);
  gtk_widget_class_bind_template_child (widget_class, TxWelcomePage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TxWelcomePage, create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_office_row_selected_cb);
}

static void
tx_welcome_page_init (TxWelcomePage *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) offices = gtk_string_list_new (NULL);
  const TxSettingInfo *office_kind = tx_settings_lookup ("office-kind");

  gtk_widget_init_template (GTK_WIDGET (self));

  /* the choices of the setting, as Preferences shows them */
  for (guint i = 0; office_kind->choices[i] != NULL; i++)
    gtk_string_list_append (offices, _(office_kind->choice_labels[i]));
  adw_combo_row_set_model (self->office_row, G_LIST_MODEL (offices));

  for (guint k = 0; k < tx_township_kind_get_count (); k++)
    gtk_string_list_append (kinds, tx_township_kind_get_label (k));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (self->kind_row, TX_TOWNSHIP_KIND_SUBDISTRICT);

  /* the store's rules, so nothing typed here is refused later */
  gtk_text_set_max_length (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->name_row))),
                           tx_text_field_get_max_chars (TX_TEXT_TOWNSHIP_NAME));
  gtk_text_set_max_length (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->organization_row))),
                           TX_SETTINGS_TEXT_MAX_CHARS);

  on_name_row_changed_cb (self);
}

GtkWidget *
tx_welcome_page_new (void)
{
  return g_object_new (TX_TYPE_WELCOME_PAGE, NULL);
}

/**
 * tx_welcome_page_show_problem:
 * @problem: (nullable): what went wrong, or %NULL to say nothing
 *
 * Says on the page why the clerk's choice could not be carried out;
 * what was typed stays.
 */
void
tx_welcome_page_show_problem (TxWelcomePage *self,
                              const char    *problem)
{
  g_return_if_fail (TX_IS_WELCOME_PAGE (self));

  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}
