/* tx-townships-dialog.c — the townships, their names and yearly plans
 *
 * Lists the townships with the number of consultations each plans for
 * the chosen year (the year of today at first); a number typed is the
 * plan, written at once.  A township without a plan says so, as the
 * ledger does.  Townships are added (name and kind), renamed, and merged
 * into another: the merge says what moves and asks which name survives.
 * Moving one up or down makes the list the office's own order, which
 * every list of townships then follows (the setting township-order).
 *
 * Every write goes through tx-township-store.c, whose rules the forms
 * show while a name is typed (tx_store_check_township_name()).  The list
 * follows the store: what tongxin-cli or another window changes shows
 * here, and a row being typed in is updated in place, not rebuilt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-townships-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "tx-off-reason.h"
#include "tx-township-store.h"
#include "tx-townships-dialog.h"
#include "tx-vocabulary.h"

struct _TxTownshipsDialog
{
  AdwWindow        parent_instance;

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *townships_list;
  GtkSpinButton   *year_spin;

  /* owned references */
  TxStore         *store;
  TxDay           *day;
  GPtrArray       *townships;      /* TxTownship, as listed */

  /* state */
  gboolean         updating;       /* showing what is stored */
};

G_DEFINE_FINAL_TYPE (TxTownshipsDialog, tx_townships_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (TxTownshipsDialog *self);

static void
show_toast (TxTownshipsDialog *self,
            const char        *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static TxTownship *
find_township (TxTownshipsDialog *self,
               const char        *uuid)
{
  for (guint i = 0; self->townships != NULL && i < self->townships->len; i++)
    if (g_strcmp0 (tx_township_get_uuid (g_ptr_array_index (self->townships, i)), uuid) == 0)
      return g_ptr_array_index (self->townships, i);

  return NULL;
}

/* The plans */

static char *
describe_township (TxTownshipsDialog *self,
                   TxTownship        *township,
                   int                planned)
{
  const char *kind = tx_township_kind_get_label (tx_township_get_kind (township));

  if (planned >= 0)
    return g_strdup (kind);

  /* Translators: a township's kind (街道, 镇, 乡), and a year */
  return g_strdup_printf (_("%s · no plan for %d yet"), kind, tx_townships_dialog_get_year (self));
}

/* A spin button shows nothing while no plan is set, not a 0 that would
 * read as a plan of none. */
static gboolean
on_plan_spin_output_cb (GtkSpinButton *spin,
                        gpointer       user_data)
{
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "tx-no-plan")))
    {
      gtk_editable_set_text (GTK_EDITABLE (spin), "");
      return TRUE;
    }

  return FALSE;
}

static void
set_plan (TxTownshipsDialog *self,
          GtkSpinButton     *spin,
          int                planned)
{
  const char *uuid = g_object_get_data (G_OBJECT (spin), "tx-township");
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;

  if (!tx_store_set_plan (self->store, uuid, tx_townships_dialog_get_year (self), planned, &error))
    {
      show_toast (self, error->message);
      reload (self);
    }
}

static void
on_plan_spin_value_changed_cb (GtkSpinButton     *spin,
                               TxTownshipsDialog *self)
{
  set_plan (self, spin, gtk_spin_button_get_value_as_int (spin));
}

/* What the clerk typed last, kept for Enter: by the time the text's
 * "activate" reaches us, the spin button has shown its value again. */
static void
on_plan_spin_changed_cb (GtkEditable *spin)
{
  const char *text = gtk_editable_get_text (spin);

  if (text[0] != '\0')
    g_object_set_data_full (G_OBJECT (spin), "tx-typed", g_strdup (text), g_free);
}

/* Enter on a number equal to what the spin button holds (a plan of 0
 * where there was none) is a plan too. */
static void
on_plan_spin_activate_cb (GtkSpinButton *spin)
{
  TxTownshipsDialog *self = g_object_get_data (G_OBJECT (spin), "tx-dialog");
  const char *text = g_object_get_data (G_OBJECT (spin), "tx-typed");
  gint64 value;

  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "tx-no-plan")) && text != NULL &&
      g_ascii_string_to_signed (text, 10, 0, 100, &value, NULL))
    set_plan (self, spin, (int) value);
}

static GtkWidget *
create_menu_button (TxTownship *township)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *name = NULL;
  const char *uuid = tx_township_get_uuid (township);
  GtkWidget *button;
  g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename…"), NULL);
  g_autoptr(GMenuItem) merge = g_menu_item_new (_("_Merge Into Another Township…"), NULL);
  g_autoptr(GMenuItem) up = g_menu_item_new (_("Move _Up"), NULL);
  g_autoptr(GMenuItem) down = g_menu_item_new (_("Move _Down"), NULL);
  g_autoptr(GMenu) order = g_menu_new ();

  g_menu_item_set_action_and_target (rename, "townships.rename", "s", uuid);
  g_menu_item_set_action_and_target (merge, "townships.merge", "s", uuid);
  g_menu_item_set_action_and_target (up, "townships.move", "(si)", uuid, -1);
  g_menu_item_set_action_and_target (down, "townships.move", "(si)", uuid, 1);
  g_menu_append_item (menu, rename);
  g_menu_append_item (menu, merge);
  /* moving one makes the list the office's own order */
  g_menu_append_item (order, up);
  g_menu_append_item (order, down);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (order));

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: the menu of a township, for a screen reader */
  name = g_strdup_printf (_("Rename, merge or move %s"), tx_township_get_name (township));
  tx_widget_set_tooltip (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  return button;
}

static GtkWidget *
create_row (TxTownshipsDialog *self,
            TxTownship        *township)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100, 1);
  g_autofree char *spin_name = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "tx-township", g_strdup (tx_township_get_uuid (township)), g_free);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 4);
  g_object_set_data_full (G_OBJECT (spin), "tx-township", g_strdup (tx_township_get_uuid (township)), g_free);
  /* Translators: for a screen reader, the plan's spin button */
  spin_name = g_strdup_printf (_("Consultations planned by %s"), tx_township_get_name (township));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, spin_name, -1);
  g_signal_connect (spin, "output", G_CALLBACK (on_plan_spin_output_cb), NULL);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_plan_spin_value_changed_cb), self);
  /* GtkSpinButton of GTK 4.8 has no "activate": its text has */
  g_signal_connect_swapped (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activate",
                            G_CALLBACK (on_plan_spin_activate_cb), spin);
  g_object_set_data (G_OBJECT (spin), "tx-dialog", self);
  g_signal_connect (spin, "changed", G_CALLBACK (on_plan_spin_changed_cb), NULL);
  g_object_set_data (G_OBJECT (row), "tx-plan-spin", spin);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_menu_button (township));

  return row;
}

/* Shows @township and its plan in @row. */
static void
update_row (TxTownshipsDialog *self,
            GtkWidget         *row,
            TxTownship        *township)
{
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), "tx-plan-spin");
  int planned = tx_store_get_plan (self->store, tx_township_get_uuid (township), tx_townships_dialog_get_year (self));
  g_autofree char *subtitle = describe_township (self, township, planned);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tx_township_get_name (township));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (planned < 0)
    gtk_widget_add_css_class (row, "tx-no-plan");
  else
    gtk_widget_remove_css_class (row, "tx-no-plan");

  g_object_set_data (G_OBJECT (spin), "tx-no-plan", GINT_TO_POINTER (planned < 0));
  gtk_spin_button_set_value (spin, MAX (planned, 0));
  /* the value may not have changed while the plan came or went */
  g_object_set_data (G_OBJECT (spin), "tx-typed", NULL);
  if (planned < 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), "");
  else
    {
      g_autofree char *text = g_strdup_printf ("%d", planned);

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (spin), text);
    }
}

static gboolean
same_townships (GPtrArray *a,
                GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (tx_township_get_uuid (g_ptr_array_index (a, i)),
                   tx_township_get_uuid (g_ptr_array_index (b, i))) != 0)
      return FALSE;

  return TRUE;
}

/* Reads the townships again: the rows are updated in place when the
 * same townships are listed (so typing in one is not interrupted), and
 * made again when one came or went. */
static void
reload (TxTownshipsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) townships = tx_store_list_townships (self->store, &error);
  GtkWidget *row;
  guint i = 0;

  if (townships == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  self->updating = TRUE;

  if (!same_townships (self->townships, townships))
    {
      while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->townships_list))) != NULL)
        gtk_list_box_remove (self->townships_list, row);
      for (guint t = 0; t < townships->len; t++)
        gtk_list_box_append (self->townships_list, create_row (self, g_ptr_array_index (townships, t)));
    }

  g_clear_pointer (&self->townships, g_ptr_array_unref);
  self->townships = g_steal_pointer (&townships);

  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->townships_list));
       row != NULL && i < self->townships->len;
       row = gtk_widget_get_next_sibling (row), i++)
    update_row (self, row, g_ptr_array_index (self->townships, i));

  gtk_stack_set_visible_child_name (self->stack, self->townships->len > 0 ? "list" : "empty");
  self->updating = FALSE;
}

static void
on_store_changed_cb (TxStore           *store,
                     const char        *kind,
                     const char        *uuid,
                     TxTownshipsDialog *self)
{
  if (g_strcmp0 (kind, "township") == 0 || g_strcmp0 (kind, "all") == 0)
    reload (self);
}

static void
on_year_changed_cb (TxTownshipsDialog *self)
{
  reload (self);
}

/* The forms: a name (with the kind, for a new township) */

typedef struct {
  TxTownshipsDialog *self;
  char              *uuid;       /* renamed, or NULL for a new one */
  GtkEntry          *entry;
  GtkDropDown       *kind;       /* a new one only */
  GtkLabel          *problem;
  const char        *response;
} NameForm;

static void
name_form_free (gpointer data)
{
  NameForm *form = data;

  g_free (form->uuid);
  g_free (form);
}

/* Says what is wrong with the name as it is typed, and allows the
 * response only when nothing is. */
static void
on_name_changed_cb (GtkEditable *entry,
                    AdwMessageDialog *dialog)
{
  NameForm *form = g_object_get_data (G_OBJECT (dialog), "tx-form");
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *problem = tx_store_check_township_name (form->self->store, text, form->uuid);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  gboolean typed = trimmed[0] != '\0';

  /* an empty new form is not an error yet: the button is off */
  gtk_label_set_text (form->problem, problem != NULL && typed ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (form->problem), problem != NULL && typed);
  adw_message_dialog_set_response_enabled (dialog, form->response, problem == NULL);
}

static void
on_name_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            gpointer          user_data)
{
  NameForm *form = g_object_get_data (G_OBJECT (dialog), "tx-form");
  TxTownshipsDialog *self = form->self;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (form->entry));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, form->response) != 0)
    return;

  if (form->uuid == NULL)
    {
      g_autoptr(TxTownship) added = NULL;
      TxTownshipKind kind = gtk_drop_down_get_selected (form->kind);

      added = tx_store_add_township (self->store, name, kind, &error);
      if (added != NULL)
        {
          g_autofree char *title = g_strdup_printf (_("“%s” added. Set its plan for %d in the list."),
                                                    tx_township_get_name (added),
                                                    tx_townships_dialog_get_year (self));
          show_toast (self, title);
        }
    }
  else
    tx_store_rename_township (self->store, form->uuid, name, &error);

  if (error != NULL)
    show_toast (self, error->message);
}

static AdwMessageDialog *
create_name_dialog (TxTownshipsDialog *self,
                    TxTownship        *township)
{
  AdwMessageDialog *dialog;
  NameForm *form = g_new0 (NameForm, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *problem = gtk_label_new (NULL);

  form->self = self;
  form->uuid = township != NULL ? g_strdup (tx_township_get_uuid (township)) : NULL;
  form->entry = GTK_ENTRY (entry);
  form->problem = GTK_LABEL (problem);
  form->response = township != NULL ? "rename" : "add";

  if (township == NULL)
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Add a Township"),
                                                           _("The name as the office writes it, and whether it is a subdistrict (街道), a town (镇) or a township (乡).")));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
    }
  else
    {
      g_autofree char *heading = g_strdup_printf (_("Rename “%s”"), tx_township_get_name (township));

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                           _("Its people, consultations and plans stay with it under the new name.")));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
      gtk_editable_set_text (GTK_EDITABLE (entry), tx_township_get_name (township));
    }
  adw_message_dialog_set_response_appearance (dialog, form->response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, form->response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tx-form", form, name_form_free);

  /* Translators: the placeholder of a township's name */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Such as 金山街道"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_box_append (GTK_BOX (box), entry);

  if (township == NULL)
    {
      g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

      for (guint k = 0; k < tx_township_kind_get_count (); k++)
        gtk_string_list_append (kinds, tx_township_kind_get_label (k));
      form->kind = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&kinds)), NULL));
      gtk_drop_down_set_selected (form->kind, TX_TOWNSHIP_KIND_TOWN);
      gtk_accessible_update_property (GTK_ACCESSIBLE (form->kind), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind"), -1);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->kind));
    }

  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_set_visible (problem, FALSE);
  gtk_box_append (GTK_BOX (box), problem);
  adw_message_dialog_set_extra_child (dialog, box);

  g_signal_connect (entry, "changed", G_CALLBACK (on_name_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_name_dialog_response_cb), NULL);
  on_name_changed_cb (GTK_EDITABLE (entry), dialog);

  return dialog;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (create_name_dialog (TX_TOWNSHIPS_DIALOG (widget), NULL)));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TxTownshipsDialog *self = TX_TOWNSHIPS_DIALOG (widget);
  TxTownship *township = find_township (self, g_variant_get_string (parameter, NULL));

  if (township != NULL)
    gtk_window_present (GTK_WINDOW (create_name_dialog (self, township)));
}

/* The merge: into which township, what moves, which name survives */

typedef struct {
  TxTownshipsDialog *self;
  TxTownship        *from;
  GPtrArray         *others;     /* TxTownship */
  GtkDropDown       *into;
  GtkCheckButton    *keep_from;
  GtkCheckButton    *keep_into;
} MergeForm;

static void
merge_form_free (gpointer data)
{
  MergeForm *form = data;

  g_object_unref (form->from);
  g_ptr_array_unref (form->others);
  g_free (form);
}

static TxTownship *
get_merge_target (MergeForm *form)
{
  guint selected = gtk_drop_down_get_selected (form->into);

  return selected < form->others->len ? g_ptr_array_index (form->others, selected) : NULL;
}

/* Says what moves and offers the two names, for the township chosen. */
static void
on_merge_target_cb (GtkDropDown      *drop_down,
                    GParamSpec       *pspec,
                    AdwMessageDialog *dialog)
{
  MergeForm *form = g_object_get_data (G_OBJECT (dialog), "tx-form");
  TxTownship *into = get_merge_target (form);
  TxTownshipCounts counts;
  g_autofree char *body = NULL;
  g_autofree char *keep_from = NULL;
  g_autofree char *keep_into = NULL;

  if (into == NULL)
    return;

  if (!tx_store_count_township (form->self->store, tx_township_get_uuid (form->from), &counts, NULL))
    counts = (TxTownshipCounts) { 0 };

  /* Translators: the first is merged into the second; then how many
   * people, consultations and yearly plans move */
  body = g_strdup_printf (_("“%s” becomes part of “%s”, and is no longer listed. What moves there: people %u, consultations %u, yearly plans %u (a year both planned gets the sum)."),
                          tx_township_get_name (form->from), tx_township_get_name (into),
                          counts.people, counts.consultations, counts.plans);
  adw_message_dialog_set_body (dialog, body);

  /* Translators: which name the merged township keeps */
  keep_into = g_strdup_printf (_("Keep the name “%s”"), tx_township_get_name (into));
  keep_from = g_strdup_printf (_("Keep the name “%s”"), tx_township_get_name (form->from));
  gtk_check_button_set_label (form->keep_into, keep_into);
  gtk_check_button_set_label (form->keep_from, keep_from);
}

static void
on_merge_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  MergeForm *form = g_object_get_data (G_OBJECT (dialog), "tx-form");
  TxTownship *into = get_merge_target (form);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "merge") != 0 || into == NULL)
    return;

  if (!tx_store_merge_townships_keeping_name (form->self->store, tx_township_get_uuid (form->from),
                                              tx_township_get_uuid (into),
                                              gtk_check_button_get_active (form->keep_from), &error))
    show_toast (form->self, error->message);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TxTownshipsDialog *self = TX_TOWNSHIPS_DIALOG (widget);
  TxTownship *from = find_township (self, g_variant_get_string (parameter, NULL));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  MergeForm *form;
  GtkWidget *box;

  if (from == NULL)
    return;

  if (self->townships->len < 2)
    {
      show_toast (self, _("There is no other township to merge it into."));
      return;
    }

  form = g_new0 (MergeForm, 1);
  form->self = self;
  form->from = g_object_ref (from);
  form->others = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->townships->len; i++)
    {
      TxTownship *township = g_ptr_array_index (self->townships, i);

      if (township != from)
        {
          g_ptr_array_add (form->others, g_object_ref (township));
          gtk_string_list_append (names, tx_township_get_name (township));
        }
    }

  heading = g_strdup_printf (_("Merge “%s” Into Another Township"), tx_township_get_name (from));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tx-form", form, merge_form_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  form->into = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->into), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The township it becomes part of"), -1);
  form->keep_into = GTK_CHECK_BUTTON (gtk_check_button_new ());
  form->keep_from = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_check_button_set_group (form->keep_from, form->keep_into);
  gtk_check_button_set_active (form->keep_into, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->into));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->keep_into));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->keep_from));
  adw_message_dialog_set_extra_child (dialog, box);

  g_signal_connect (form->into, "notify::selected", G_CALLBACK (on_merge_target_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_merge_response_cb), NULL);
  on_merge_target_cb (form->into, NULL, dialog);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* The office's own order */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TxTownshipsDialog *self = TX_TOWNSHIPS_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  const char *uuid;
  int delta;

  g_variant_get (parameter, "(&si)", &uuid, &delta);
  if (!tx_store_move_township (self->store, uuid, delta, &error))
    show_toast (self, error->message);
}

/* The object */

static void
tx_townships_dialog_constructed (GObject *object)
{
  TxTownshipsDialog *self = TX_TOWNSHIPS_DIALOG (object);

  G_OBJECT_CLASS (tx_townships_dialog_parent_class)->constructed (object);

  self->updating = TRUE;
  gtk_spin_button_set_value (self->year_spin, tx_date_get_year (tx_day_get_today (self->day)));
  self->updating = FALSE;
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  reload (self);
}

static void
tx_townships_dialog_dispose (GObject *object)
{
  TxTownshipsDialog *self = TX_TOWNSHIPS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_TOWNSHIPS_DIALOG);
  g_clear_pointer (&self->townships, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->day);

  G_OBJECT_CLASS (tx_townships_dialog_parent_class)->dispose (object);
}

static void
tx_townships_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TxTownshipsDialog *self = TX_TOWNSHIPS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DAY:
      g_value_set_object (value, self->day);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_townships_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TxTownshipsDialog *self = TX_TOWNSHIPS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_DAY:
      self->day = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_townships_dialog_class_init (TxTownshipsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tx_townships_dialog_constructed;
  object_class->dispose = tx_townships_dialog_dispose;
  object_class->get_property = tx_townships_dialog_get_property;
  object_class->set_property = tx_townships_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL, TX_TYPE_DAY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-townships-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TxTownshipsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TxTownshipsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TxTownshipsDialog, townships_list);
  gtk_widget_class_bind_template_child (widget_class, TxTownshipsDialog, year_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_year_changed_cb);

  gtk_widget_class_install_action (widget_class, "townships.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "townships.rename", "s", rename_action);
  gtk_widget_class_install_action (widget_class, "townships.merge", "s", merge_action);
  gtk_widget_class_install_action (widget_class, "townships.move", "(si)", move_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tx_townships_dialog_init (TxTownshipsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TxTownshipsDialog *
tx_townships_dialog_new (GtkWindow *parent,
                         TxStore   *store,
                         TxDay     *day)
{
  g_return_val_if_fail (TX_IS_STORE (store), NULL);
  g_return_val_if_fail (TX_IS_DAY (day), NULL);

  return g_object_new (TX_TYPE_TOWNSHIPS_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "day", day,
                       NULL);
}

int
tx_townships_dialog_get_year (TxTownshipsDialog *self)
{
  g_return_val_if_fail (TX_IS_TOWNSHIPS_DIALOG (self), 0);

  return gtk_spin_button_get_value_as_int (self->year_spin);
}

void
tx_townships_dialog_set_year (TxTownshipsDialog *self,
                              int                year)
{
  g_return_if_fail (TX_IS_TOWNSHIPS_DIALOG (self));

  gtk_spin_button_set_value (self->year_spin, year);
}

/**
 * tx_townships_dialog_get_plan_spin:
 *
 * Returns: (transfer none) (nullable): the spin button of the plan of
 *   the township @township_uuid
 */
GtkSpinButton *
tx_townships_dialog_get_plan_spin (TxTownshipsDialog *self,
                                   const char        *township_uuid)
{
  g_return_val_if_fail (TX_IS_TOWNSHIPS_DIALOG (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->townships_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "tx-township"), township_uuid) == 0)
      return g_object_get_data (G_OBJECT (row), "tx-plan-spin");

  return NULL;
}

/**
 * tx_townships_dialog_show_record:
 * @kind: "township" or "plan"
 * @uuid: the township's; a plan's "township/year", as the exchange
 *   names it (tx-conflict.h)
 *
 * Shows a township, or its plan for a year, to be edited: the year
 * chosen, and the plan's field focused (a township's row).
 *
 * Returns: whether the township is listed
 */
gboolean
tx_townships_dialog_show_record (TxTownshipsDialog *self,
                                 const char        *kind,
                                 const char        *uuid)
{
  g_autofree char *township = NULL;
  const char *slash;
  GtkSpinButton *spin;

  g_return_val_if_fail (TX_IS_TOWNSHIPS_DIALOG (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  slash = strrchr (uuid, '/');
  if (g_strcmp0 (kind, "plan") == 0 && slash != NULL)
    {
      township = g_strndup (uuid, slash - uuid);
      tx_townships_dialog_set_year (self, atoi (slash + 1));
    }
  else
    township = g_strdup (uuid);

  spin = tx_townships_dialog_get_plan_spin (self, township);
  if (spin == NULL)
    return FALSE;

  if (g_strcmp0 (kind, "plan") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (spin));
  else
    gtk_widget_grab_focus (gtk_widget_get_ancestor (GTK_WIDGET (spin), GTK_TYPE_LIST_BOX_ROW));

  return TRUE;
}
