/* tx-preferences-window.c — the settings of the database, in a window
 *
 * One row for each setting of tx-settings.c, made from its description
 * there (title, meaning, kind and bounds), so the window, `tongxin-cli
 * config` and the code that reads a setting never disagree.  A change is
 * written at once through tx_settings_set_text(), which checks it; the
 * store tells every view, so the Overview recolours while this window is
 * still open.  What another window or tongxin-cli writes shows here too.
 *
 * Spin buttons are bounded by tx_settings_get_range(), so a value that
 * would be refused cannot be chosen; should one be refused all the same,
 * the reason shows in a toast and the row goes back to what is stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-application.h"
#include "tx-preferences-window.h"
#include "tx-settings.h"
#include "tx-township-store.h"

struct _TxPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template children */
  AdwPreferencesGroup  *office_group;
  AdwPreferencesGroup  *printing_group;
  AdwPreferencesGroup  *ledger_group;
  AdwPreferencesGroup  *meetings_group;
  AdwPreferencesGroup  *data_group;
  AdwPreferencesGroup  *display_group;
  AdwComboRow          *renderer_row;

  /* owned references */
  TxStore              *store;
  GSettings            *gsettings;     /* of this computer; NULL without the schema */
  GtkStringList        *townships;     /* "none", then the names */

  /* state */
  GtkWidget           **controls;      /* one a setting, as tx_settings_get_infos() */
  gboolean              updating;      /* showing what is stored, not a change */
};

G_DEFINE_FINAL_TYPE (TxPreferencesWindow, tx_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (TxPreferencesWindow *self);

static TxSettings *
get_settings (TxPreferencesWindow *self)
{
  return tx_store_get_settings (self->store);
}

static const TxSettingInfo *
info_of (GtkWidget *control)
{
  return g_object_get_data (G_OBJECT (control), "tx-setting-info");
}

/* Writes @text as the value of @info's setting; when it is refused, the
 * toast says why and the rows show what is stored. */
static void
apply (TxPreferencesWindow *self,
       const TxSettingInfo *info,
       const char          *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;

  if (self->updating)
    return;

  current = tx_settings_dup_text (get_settings (self), info->key, NULL);
  if (g_strcmp0 (current, text) == 0)
    return;

  if (!tx_settings_set_text (get_settings (self), info->key, text, &error))
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 8);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
      refresh (self);
    }
}

static void
on_entry_row_apply_cb (AdwEntryRow         *row,
                       TxPreferencesWindow *self)
{
  apply (self, info_of (GTK_WIDGET (row)), gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
on_spin_value_changed_cb (GtkSpinButton       *spin,
                          TxPreferencesWindow *self)
{
  g_autofree char *text = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (spin));

  apply (self, info_of (GTK_WIDGET (spin)), text);
}

static void
on_switch_active_cb (GtkSwitch           *button,
                     GParamSpec          *pspec,
                     TxPreferencesWindow *self)
{
  apply (self, info_of (GTK_WIDGET (button)), gtk_switch_get_active (button) ? "true" : "false");
}

static void
on_combo_row_selected_cb (AdwComboRow         *row,
                          GParamSpec          *pspec,
                          TxPreferencesWindow *self)
{
  const TxSettingInfo *info = info_of (GTK_WIDGET (row));
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return;

  if (info->kind == TX_SETTING_CHOICE)
    apply (self, info, info->choices[selected]);
  else if (selected == 0)
    apply (self, info, "");
  else
    apply (self, info, gtk_string_list_get_string (self->townships, selected));
}

static GtkWidget *
create_row (TxPreferencesWindow  *self,
            const TxSettingInfo  *info,
            GtkWidget           **control)
{
  GtkWidget *row;

  switch (info->kind)
    {
    case TX_SETTING_TEXT:
      row = adw_entry_row_new ();
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      gtk_text_set_max_length (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (row))),
                               TX_SETTINGS_TEXT_MAX_CHARS);
      gtk_widget_set_tooltip_text (row, _(info->summary));
      g_signal_connect (row, "apply", G_CALLBACK (on_entry_row_apply_cb), self);
      *control = row;
      break;

    case TX_SETTING_INTEGER:
      {
        GtkWidget *spin = gtk_spin_button_new_with_range (info->min, info->max, 1);

        row = adw_action_row_new ();
        gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
        gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
        gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->title),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(info->summary),
                                        -1);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
        g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_value_changed_cb), self);
        *control = spin;
      }
      break;

    case TX_SETTING_BOOLEAN:
      {
        GtkWidget *button = gtk_switch_new ();

        row = adw_action_row_new ();
        gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
        gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->title),
                                        -1);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
        g_signal_connect (button, "notify::active", G_CALLBACK (on_switch_active_cb), self);
        *control = button;
      }
      break;

    case TX_SETTING_CHOICE:
      {
        g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

        for (guint i = 0; info->choices[i] != NULL; i++)
          gtk_string_list_append (labels, _(info->choice_labels[i]));
        row = adw_combo_row_new ();
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
        g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_row_selected_cb), self);
        *control = row;
      }
      break;

    case TX_SETTING_TOWNSHIP:
      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (self->townships));
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_row_selected_cb), self);
      *control = row;
      break;

    default:
      g_assert_not_reached ();
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(info->title));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  if (ADW_IS_ACTION_ROW (row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(info->summary));
  g_object_set_data (G_OBJECT (*control), "tx-setting-info", (gpointer) info);

  return row;
}

static AdwPreferencesGroup *
group_of (TxPreferencesWindow *self,
          TxSettingGroup       group)
{
  switch (group)
    {
    case TX_SETTING_GROUP_OFFICE:
      return self->office_group;
    case TX_SETTING_GROUP_PRINTING:
      return self->printing_group;
    case TX_SETTING_GROUP_LEDGER:
      return self->ledger_group;
    case TX_SETTING_GROUP_MEETINGS:
      return self->meetings_group;
    case TX_SETTING_GROUP_DATA:
    default:
      return self->data_group;
    }
}

/* The townships the default township is chosen from. */
static void
load_townships (TxPreferencesWindow *self)
{
  g_autoptr(GPtrArray) townships = tx_store_list_townships (self->store, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean was_updating = self->updating;

  /* Translators: the default township, when there is none */
  g_ptr_array_add (names, (gpointer) _("None"));
  for (guint i = 0; townships != NULL && i < townships->len; i++)
    g_ptr_array_add (names, (gpointer) tx_township_get_name (g_ptr_array_index (townships, i)));
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->townships, 0, g_list_model_get_n_items (G_LIST_MODEL (self->townships)),
                          (const char * const *) names->pdata);
  self->updating = was_updating;
}

static guint
find_string (GtkStringList *list,
             const char    *text)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), text) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/* Shows what is stored in every row. */
static void
refresh (TxPreferencesWindow *self)
{
  TxSettings *settings = get_settings (self);
  const TxSettingInfo *infos;
  guint n_infos;

  infos = tx_settings_get_infos (&n_infos);
  self->updating = TRUE;

  for (guint i = 0; i < n_infos; i++)
    {
      g_autofree char *value = tx_settings_dup_text (settings, infos[i].key, NULL);
      GtkWidget *control = self->controls[i];

      switch (infos[i].kind)
        {
        case TX_SETTING_TEXT:
          if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (control)), value) != 0)
            gtk_editable_set_text (GTK_EDITABLE (control), value);
          break;

        case TX_SETTING_INTEGER:
          {
            int min, max;

            tx_settings_get_range (settings, infos[i].key, &min, &max);
            gtk_spin_button_set_range (GTK_SPIN_BUTTON (control), min, max);
            gtk_spin_button_set_value (GTK_SPIN_BUTTON (control), g_ascii_strtod (value, NULL));
          }
          break;

        case TX_SETTING_BOOLEAN:
          gtk_switch_set_active (GTK_SWITCH (control), g_strcmp0 (value, "true") == 0);
          break;

        case TX_SETTING_CHOICE:
          for (guint c = 0; infos[i].choices[c] != NULL; c++)
            if (g_strcmp0 (infos[i].choices[c], value) == 0)
              adw_combo_row_set_selected (ADW_COMBO_ROW (control), c);
          break;

        case TX_SETTING_TOWNSHIP:
          {
            guint position = value[0] != '\0' ? find_string (self->townships, value) : 0;

            adw_combo_row_set_selected (ADW_COMBO_ROW (control),
                                        position != GTK_INVALID_LIST_POSITION ? position : 0);
          }
          break;

        default:
          break;
        }
    }

  self->updating = FALSE;
}

static void
on_settings_notify_cb (TxPreferencesWindow *self)
{
  refresh (self);
}

static void
on_store_changed_cb (TxStore             *store,
                     const char          *kind,
                     const char          *uuid,
                     TxPreferencesWindow *self)
{
  if (g_strcmp0 (kind, "township") == 0 || g_strcmp0 (kind, "all") == 0)
    {
      load_townships (self);
      refresh (self);
    }
}

/* A value typed and not yet applied (a name without Enter, a number
 * still being typed) is kept when the window closes, not lost. */
static gboolean
tx_preferences_window_close_request (GtkWindow *window)
{
  TxPreferencesWindow *self = TX_PREFERENCES_WINDOW (window);
  const TxSettingInfo *infos;
  guint n_infos;

  infos = tx_settings_get_infos (&n_infos);
  for (guint i = 0; self->controls != NULL && i < n_infos; i++)
    {
      if (infos[i].kind == TX_SETTING_TEXT)
        apply (self, &infos[i], gtk_editable_get_text (GTK_EDITABLE (self->controls[i])));
      else if (infos[i].kind == TX_SETTING_INTEGER)
        gtk_spin_button_update (GTK_SPIN_BUTTON (self->controls[i]));
    }

  return GTK_WINDOW_CLASS (tx_preferences_window_parent_class)->close_request (window);
}

static void
tx_preferences_window_constructed (GObject *object)
{
  TxPreferencesWindow *self = TX_PREFERENCES_WINDOW (object);
  const TxSettingInfo *infos;
  guint n_infos;

  G_OBJECT_CLASS (tx_preferences_window_parent_class)->constructed (object);

  load_townships (self);
  infos = tx_settings_get_infos (&n_infos);
  self->controls = g_new0 (GtkWidget *, n_infos);
  for (guint i = 0; i < n_infos; i++)
    adw_preferences_group_add (group_of (self, infos[i].group), create_row (self, &infos[i], &self->controls[i]));
  refresh (self);

  g_signal_connect_object (get_settings (self), "notify", G_CALLBACK (on_settings_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
}

/* The renderer preference's values, in the order of the combo row */
static const char * const renderer_keys[] = { "automatic", "gl", "cairo" };

static void
on_renderer_row_notify_selected_cb (AdwComboRow         *row,
                                    GParamSpec          *pspec,
                                    TxPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || self->gsettings == NULL || selected >= G_N_ELEMENTS (renderer_keys))
    return;

  g_settings_set_string (self->gsettings, "renderer", renderer_keys[selected]);
}

static void
tx_preferences_window_dispose (GObject *object)
{
  TxPreferencesWindow *self = TX_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_PREFERENCES_WINDOW);
  g_clear_pointer (&self->controls, g_free);
  g_clear_object (&self->townships);
  g_clear_object (&self->store);
  g_clear_object (&self->gsettings);

  G_OBJECT_CLASS (tx_preferences_window_parent_class)->dispose (object);
}

static void
tx_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TxPreferencesWindow *self = TX_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TxPreferencesWindow *self = TX_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_preferences_window_class_init (TxPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = tx_preferences_window_constructed;
  object_class->dispose = tx_preferences_window_dispose;
  object_class->get_property = tx_preferences_window_get_property;
  object_class->set_property = tx_preferences_window_set_property;
  window_class->close_request = tx_preferences_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, office_group);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, printing_group);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, ledger_group);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, meetings_group);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, data_group);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, display_group);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, renderer_row);
  gtk_widget_class_bind_template_callback (widget_class, on_renderer_row_notify_selected_cb);
}

/* libadwaita 1.2 leaves the window's search button (hidden here) with no
 * name a screen reader can say. */
static void
name_search_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "edit-find-symbolic") == 0)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search"), -1);
      else
        name_search_button (child);
    }
}

static void
tx_preferences_window_init (TxPreferencesWindow *self)
{
  self->townships = gtk_string_list_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  name_search_button (GTK_WIDGET (self));

  /* how this computer draws the window, not a setting of the database */
  self->gsettings = tx_application_create_gsettings ();
  gtk_widget_set_visible (GTK_WIDGET (self->display_group), self->gsettings != NULL);
  if (self->gsettings != NULL)
    {
      g_autofree char *renderer = g_settings_get_string (self->gsettings, "renderer");

      self->updating = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (renderer_keys); i++)
        if (g_strcmp0 (renderer, renderer_keys[i]) == 0)
          adw_combo_row_set_selected (self->renderer_row, i);
      self->updating = FALSE;
    }
}

TxPreferencesWindow *
tx_preferences_window_new (GtkWindow *parent,
                           TxStore   *store)
{
  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  return g_object_new (TX_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

/**
 * tx_preferences_window_get_control:
 * @key: a setting's key
 *
 * Returns: (transfer none) (nullable): the widget that shows and
 *   changes @key: an entry row, a spin button, a switch or a combo row
 */
GtkWidget *
tx_preferences_window_get_control (TxPreferencesWindow *self,
                                   const char          *key)
{
  const TxSettingInfo *infos;
  guint n_infos;

  g_return_val_if_fail (TX_IS_PREFERENCES_WINDOW (self), NULL);

  infos = tx_settings_get_infos (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    if (g_strcmp0 (infos[i].key, key) == 0)
      return self->controls[i];

  return NULL;
}
