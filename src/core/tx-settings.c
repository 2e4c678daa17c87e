/* tx-settings.c — the settings of a database, typed, in one place
 *
 * Every setting a clerk may change lives in the database's setting
 * table and is read here, and only here: the issuing body printed on
 * the documents, the township a roster without one goes to, how
 * sign-in sheets are ordered, whether printed lists hide phone numbers,
 * every threshold of the warning ledger, how long feedback may take,
 * the share of stakeholders a meeting needs, and how many backups are
 * kept.
 *
 * Each has a key (the same in the database, in `tongxin-cli config` and
 * as a property of TxSettings, so that a view can bind to it or hear
 * notify when it changes), a kind, bounds and a default.  Values are
 * checked when written, so what is read is always usable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-settings"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-activity.h"
#include "tx-records.h"
#include "tx-rules.h"
#include "tx-settings.h"

struct _TxSettings
{
  GObject   parent_instance;

  /* not owned: the store owns its settings */
  TxStore  *store;

  /* state */
  char    **values;    /* the text of each setting, as in the infos */
};

G_DEFINE_FINAL_TYPE (TxSettings, tx_settings, G_TYPE_OBJECT)
G_DEFINE_QUARK (tx-settings-error-quark, tx_settings_error)

static const char * const signin_orders[] = { "category", "strokes", NULL };
static const char * const signin_order_labels[] = {
  N_("By category"),
  N_("By surname strokes"),
  NULL
};

static const char * const office_kinds[] = { "township", "city", NULL };
static const char * const office_kind_labels[] = {
  N_("Township"),
  N_("City Office"),
  NULL
};

static const char * const township_orders[] = { "pinyin", "strokes", "custom", NULL };
static const char * const township_order_labels[] = {
  N_("By pinyin"),
  N_("By strokes"),
  N_("The office’s own order"),
  NULL
};

/* The order of this table is the order `config list` and the
 * preferences window show. */
static const TxSettingInfo infos[] = {
  { .key = "office-kind", .kind = TX_SETTING_CHOICE, .default_value = "township",
    .choices = office_kinds, .choice_labels = office_kind_labels,
    .title = N_("This Office"), .group = TX_SETTING_GROUP_OFFICE,
    .summary = N_("Whose database this is: a township’s, or the city office’s") },
  { .key = "organization", .kind = TX_SETTING_TEXT, .default_value = "",
    .title = N_("Issuing Body"), .group = TX_SETTING_GROUP_OFFICE,
    .summary = N_("The issuing body printed on documents, such as 政协福泉市委员会金山街道联络组") },
  { .key = "copy-to", .kind = TX_SETTING_TEXT, .default_value = "",
    .title = N_("Copied To"), .group = TX_SETTING_GROUP_OFFICE,
    .summary = N_("The offices circulars and recommendations are copied to (抄送), printed at their foot, such as 市委办公室，市政府办公室") },
  { .key = "printing-office", .kind = TX_SETTING_TEXT, .default_value = "",
    .title = N_("Printing Office"), .group = TX_SETTING_GROUP_OFFICE,
    .summary = N_("The office that prints and sends documents (印发机关), printed at their foot with the date; empty: the issuing body") },
  { .key = "default-township", .kind = TX_SETTING_TOWNSHIP, .default_value = "",
    .title = N_("Default Township"), .group = TX_SETTING_GROUP_OFFICE,
    .summary = N_("The township a roster line without one belongs to") },
  { .key = "township-order", .kind = TX_SETTING_CHOICE, .default_value = "pinyin",
    .choices = township_orders, .choice_labels = township_order_labels,
    .title = N_("Township Order"), .group = TX_SETTING_GROUP_OFFICE,
    .summary = N_("How townships are listed everywhere: by pinyin, by strokes (笔画), or in the office’s own order, set under Townships and Plans") },
  { .key = "signin-order", .kind = TX_SETTING_CHOICE, .default_value = "category",
    .choices = signin_orders, .choice_labels = signin_order_labels,
    .title = N_("Sign-in Sheet Order"), .group = TX_SETTING_GROUP_PRINTING,
    .summary = N_("How sign-in sheets list people: by category, the liaison group first, or by surname strokes (按姓氏笔画为序)") },
  { .key = "signin-blank-rows", .kind = TX_SETTING_INTEGER, .default_value = "5", .min = 0, .max = 100,
    .title = N_("Blank Rows"), .group = TX_SETTING_GROUP_PRINTING,
    .summary = N_("Blank rows at the end of a sign-in sheet, for those who come uninvited") },
  { .key = "signin-categories", .kind = TX_SETTING_BOOLEAN, .default_value = "false",
    .title = N_("Categories on Sign-in Sheets"), .group = TX_SETTING_GROUP_PRINTING,
    .summary = N_("Whether sign-in sheets have a column 身份类别 with each person’s categories") },
  { .key = "signin-phones", .kind = TX_SETTING_BOOLEAN, .default_value = "false",
    .title = N_("Phone Numbers on Sign-in Sheets"), .group = TX_SETTING_GROUP_PRINTING,
    .summary = N_("Whether sign-in sheets have a column 联系电话; without these columns the unit and the signature have more room") },
  { .key = "print-full-phones", .kind = TX_SETTING_BOOLEAN, .default_value = "false",
    .title = N_("Print Full Phone Numbers"), .group = TX_SETTING_GROUP_PRINTING,
    .summary = N_("Whether printed lists show phone numbers in full instead of 138****5678") },
  { .key = "stage-red-days", .kind = TX_SETTING_INTEGER, .default_value = "14", .min = 0, .max = 365,
    .title = N_("Overdue Stage Turns Red"), .group = TX_SETTING_GROUP_LEDGER,
    .summary = N_("A stage overdue by more than this many days is red; overdue at all, yellow") },
  { .key = "feedback-days", .kind = TX_SETTING_INTEGER, .default_value = "30", .min = 1, .max = 365,
    .title = N_("Days Allowed for Feedback"), .group = TX_SETTING_GROUP_LEDGER,
    .summary = N_("Feedback on a recommendation is due this many days after submission, unless another due date was agreed") },
  { .key = "feedback-red-days", .kind = TX_SETTING_INTEGER, .default_value = "30", .min = 0, .max = 365,
    .title = N_("Overdue Feedback Turns Red"), .group = TX_SETTING_GROUP_LEDGER,
    .summary = N_("Feedback overdue by more than this many days is red; overdue at all, yellow") },
  { .key = "plan-yellow-behind", .kind = TX_SETTING_INTEGER, .default_value = "1", .min = 1, .max = 100,
    .title = N_("Behind the Plan: Yellow"), .group = TX_SETTING_GROUP_LEDGER,
    .summary = N_("A township this many consultations behind its yearly plan is yellow") },
  { .key = "plan-red-behind", .kind = TX_SETTING_INTEGER, .default_value = "2", .min = 1, .max = 100,
    .title = N_("Behind the Plan: Red"), .group = TX_SETTING_GROUP_LEDGER,
    .summary = N_("A township this many consultations behind its yearly plan is red") },
  { .key = "stale-days", .kind = TX_SETTING_INTEGER, .default_value = "30", .min = 0, .max = 365,
    .title = N_("Data Not Sent: Yellow"), .group = TX_SETTING_GROUP_LEDGER,
    .summary = N_("At the city office, a township whose last file came more than this many days ago is yellow (0: never)") },
  { .key = "training-days", .kind = TX_SETTING_INTEGER, .default_value = "90", .min = 1, .max = 3650,
    .title = N_("Days in Post Without Training"), .group = TX_SETTING_GROUP_LEDGER,
    .summary = N_("A liaison group leader or liaison officer in post longer than this without a training is listed on the Overview") },
  { .key = "untrained-rule", .kind = TX_SETTING_BOOLEAN, .default_value = "false",
    .title = N_("Untrained Leaders in the Ledger"), .group = TX_SETTING_GROUP_LEDGER,
    .summary = N_("At the city office, whether a township with such a leader or officer is yellow") },
  { .key = "activity-kinds", .kind = TX_SETTING_TEXT, .default_value = "",
    .title = N_("Other Kinds of Activity"), .group = TX_SETTING_GROUP_MEETINGS,
    .summary = N_("Kinds of activity offered besides 业务培训, 观摩学习 and 座谈交流, separated by 、, such as 书面交流、专题视察") },
  { .key = "stakeholder-share", .kind = TX_SETTING_INTEGER, .default_value = "30", .min = 0, .max = 100,
    .title = N_("Stakeholder Share"), .group = TX_SETTING_GROUP_MEETINGS,
    .summary = N_("The least share of stakeholders among those at a meeting, in percent") },
  { .key = "backups-kept", .kind = TX_SETTING_INTEGER, .default_value = "10", .min = 1, .max = 1000,
    .title = N_("Backups Kept"), .group = TX_SETTING_GROUP_DATA,
    .summary = N_("How many backups taken by hand or before a restore, an import or an update are kept (the daily ones are kept for 7 days, 4 weeks and 12 months)") },
};

enum {
  INFO_OFFICE_KIND,
  INFO_ORGANIZATION,
  INFO_COPY_TO,
  INFO_PRINTING_OFFICE,
  INFO_DEFAULT_TOWNSHIP,
  INFO_TOWNSHIP_ORDER,
  INFO_SIGNIN_ORDER,
  INFO_SIGNIN_BLANK_ROWS,
  INFO_SIGNIN_CATEGORIES,
  INFO_SIGNIN_PHONES,
  INFO_PRINT_FULL_PHONES,
  INFO_STAGE_RED_DAYS,
  INFO_FEEDBACK_DAYS,
  INFO_FEEDBACK_RED_DAYS,
  INFO_PLAN_YELLOW_BEHIND,
  INFO_PLAN_RED_BEHIND,
  INFO_STALE_DAYS,
  INFO_TRAINING_DAYS,
  INFO_UNTRAINED_RULE,
  INFO_ACTIVITY_KINDS,
  INFO_STAKEHOLDER_SHARE,
  INFO_BACKUPS_KEPT,
  N_INFOS
};

G_STATIC_ASSERT (G_N_ELEMENTS (infos) == N_INFOS);

/* A property for each setting: PROP_0 + 1 + its index */
static GParamSpec *properties[N_INFOS + 1];

static int
find_info (const char *key)
{
  for (guint i = 0; i < N_INFOS; i++)
    if (g_strcmp0 (infos[i].key, key) == 0)
      return i;

  return -1;
}

static gboolean
parse_integer (const char *text,
               int         min,
               int         max,
               int        *value)
{
  gint64 parsed;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, min, max, &parsed, NULL))
    return FALSE;

  *value = (int) parsed;
  return TRUE;
}

static int
get_integer (TxSettings *self,
             guint       index)
{
  int value = 0;

  if (!parse_integer (self->values[index], infos[index].min, infos[index].max, &value))
    parse_integer (infos[index].default_value, infos[index].min, infos[index].max, &value);

  return value;
}

static gboolean
get_boolean (TxSettings *self,
             guint       index)
{
  return g_strcmp0 (self->values[index], "true") == 0;
}

/* Reads every setting again, and tells those who listen which changed. */
static void
reload (TxSettings *self)
{
  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 0; i < N_INFOS; i++)
    {
      g_autofree char *value = tx_store_get_setting (self->store, infos[i].key);

      if (value == NULL)
        value = g_strdup (infos[i].default_value);

      if (g_strcmp0 (value, self->values[i]) != 0)
        {
          g_free (self->values[i]);
          self->values[i] = g_steal_pointer (&value);
          g_object_notify_by_pspec (G_OBJECT (self), properties[i + 1]);
        }
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_store_changed_cb (TxStore    *store,
                     const char *kind,
                     const char *uuid,
                     TxSettings *self)
{
  if (g_strcmp0 (kind, "setting") == 0 || g_strcmp0 (kind, "all") == 0)
    reload (self);
}

static void
tx_settings_finalize (GObject *object)
{
  TxSettings *self = (TxSettings *)object;

  g_strfreev (self->values);

  G_OBJECT_CLASS (tx_settings_parent_class)->finalize (object);
}

static void
tx_settings_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TxSettings *self = TX_SETTINGS (object);
  guint index = prop_id - 1;

  if (prop_id == 0 || index >= N_INFOS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  switch (infos[index].kind)
    {
    case TX_SETTING_INTEGER:
      g_value_set_int (value, get_integer (self, index));
      break;

    case TX_SETTING_BOOLEAN:
      g_value_set_boolean (value, get_boolean (self, index));
      break;

    case TX_SETTING_TEXT:
    case TX_SETTING_CHOICE:
    case TX_SETTING_TOWNSHIP:
    default:
      g_value_set_string (value, self->values[index]);
      break;
    }
}

static void
tx_settings_class_init (TxSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tx_settings_finalize;
  object_class->get_property = tx_settings_get_property;

  /* Read-only: a setting is written with tx_settings_set_text(), which
   * can say why a value is refused; notify tells when one changed. */
  for (guint i = 0; i < N_INFOS; i++)
    {
      GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
      int default_int = 0;

      switch (infos[i].kind)
        {
        case TX_SETTING_INTEGER:
          parse_integer (infos[i].default_value, infos[i].min, infos[i].max, &default_int);
          properties[i + 1] = g_param_spec_int (infos[i].key, NULL, NULL,
                                                infos[i].min, infos[i].max, default_int, flags);
          break;

        case TX_SETTING_BOOLEAN:
          properties[i + 1] = g_param_spec_boolean (infos[i].key, NULL, NULL,
                                                    g_str_equal (infos[i].default_value, "true"), flags);
          break;

        case TX_SETTING_TEXT:
        case TX_SETTING_CHOICE:
        case TX_SETTING_TOWNSHIP:
        default:
          properties[i + 1] = g_param_spec_string (infos[i].key, NULL, NULL,
                                                   infos[i].default_value, flags);
          break;
        }
    }

  g_object_class_install_properties (object_class, N_INFOS + 1, properties);
}

static void
tx_settings_init (TxSettings *self)
{
  self->values = g_new0 (char *, N_INFOS + 1);
}

/**
 * tx_store_get_settings:
 *
 * Returns: (transfer none): the settings of @store, kept up to date
 *   with what is written to it
 */
TxSettings *
tx_store_get_settings (TxStore *store)
{
  TxSettings *self;

  g_return_val_if_fail (TX_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "tx-settings");
  if (self != NULL)
    return self;

  self = g_object_new (TX_TYPE_SETTINGS, NULL);
  self->store = store;
  reload (self);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  g_object_set_data_full (G_OBJECT (store), "tx-settings", self, g_object_unref);

  return self;
}

/**
 * tx_settings_get_infos:
 * @n_infos: (out): how many
 *
 * Returns: (array length=n_infos): what each setting is, in the order
 *   to show them
 */
const TxSettingInfo *
tx_settings_get_infos (guint *n_infos)
{
  *n_infos = N_INFOS;
  return infos;
}

const TxSettingInfo *
tx_settings_lookup (const char *key)
{
  int index = find_info (key);

  return index >= 0 ? &infos[index] : NULL;
}

static gboolean
set_unknown_key_error (GError     **error,
                       const char  *key)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < N_INFOS; i++)
    {
      if (i > 0)
        g_string_append (keys, ", ");
      g_string_append (keys, infos[i].key);
    }

  g_set_error (error, TX_SETTINGS_ERROR, TX_SETTINGS_ERROR_UNKNOWN_KEY,
               _("There is no setting “%s”. The settings are: %s."), key, keys->str);
  return FALSE;
}

/**
 * tx_settings_dup_text:
 *
 * Returns: (transfer full) (nullable): the value of @key as a clerk
 *   writes it (a township by its name), or %NULL with @error set for an
 *   unknown key
 */
char *
tx_settings_dup_text (TxSettings  *self,
                      const char  *key,
                      GError     **error)
{
  int index;

  g_return_val_if_fail (TX_IS_SETTINGS (self), NULL);

  index = find_info (key);
  if (index < 0)
    {
      set_unknown_key_error (error, key);
      return NULL;
    }

  if (infos[index].kind == TX_SETTING_INTEGER)
    return g_strdup_printf ("%d", get_integer (self, index));

  if (infos[index].kind == TX_SETTING_TOWNSHIP && self->values[index][0] != '\0')
    {
      g_autoptr(TxTownship) township = tx_store_find_township (self->store, self->values[index], NULL);

      return g_strdup (township != NULL ? tx_township_get_name (township) : "");
    }

  return g_strdup (self->values[index]);
}

/* What a clerk may write for yes and no. */
static gboolean
parse_boolean (const char *text,
               gboolean   *value)
{
  static const char * const yes[] = { "true", "yes", "on", "1", "是", "显示", NULL };
  static const char * const no[] = { "false", "no", "off", "0", "否", "隐藏", NULL };
  g_autofree char *lower = g_utf8_strdown (text, -1);

  if (g_strv_contains (yes, lower))
    *value = TRUE;
  else if (g_strv_contains (no, lower))
    *value = FALSE;
  else
    return FALSE;

  return TRUE;
}

/* The office's own kinds of activity, each checked as a kind is, in
 * the order given, each once, joined by 、; Tongxin's own three are
 * left out, always offered.  %NULL with @error saying what is wrong. */
static char *
check_activity_kinds (const char  *text,
                      GError     **error)
{
  g_auto(GStrv) names = g_regex_split_simple ("[,，、;；\\s]+", text, 0, 0);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *problem = NULL;
      TxActivityKind kind;

      if (names[i][0] == '\0' || tx_activity_kind_parse (names[i], &kind))
        continue;
      problem = tx_text_check (TX_TEXT_ACTIVITY_KIND, names[i]);
      if (problem != NULL)
        {
          /* Translators: %s is a kind of activity, then what is wrong with it */
          g_set_error (error, TX_SETTINGS_ERROR, TX_SETTINGS_ERROR_BAD_VALUE, _("“%s”: %s"), names[i], problem);
          return NULL;
        }
      if (!g_ptr_array_find_with_equal_func (kept, names[i], g_str_equal, NULL))
        g_ptr_array_add (kept, names[i]);
    }
  g_ptr_array_add (kept, NULL);

  return g_strjoinv ("、", (char **) kept->pdata);
}

/* The value to keep for @text, or %NULL with @error saying what to
 * write instead. */
static char *
check_value (TxSettings           *self,
             const TxSettingInfo  *info,
             const char           *text,
             GError              **error)
{
  switch (info->kind)
    {
    case TX_SETTING_TEXT:
      if (g_str_equal (info->key, "activity-kinds"))
        return check_activity_kinds (text, error);
      if (strchr (text, '\n') != NULL || g_utf8_strlen (text, -1) > TX_SETTINGS_TEXT_MAX_CHARS)
        {
          g_set_error (error, TX_SETTINGS_ERROR, TX_SETTINGS_ERROR_BAD_VALUE,
                       _("“%s” is one line of at most %d characters."), info->key, TX_SETTINGS_TEXT_MAX_CHARS);
          return NULL;
        }
      return g_strdup (text);

    case TX_SETTING_INTEGER:
      {
        int value;

        if (!parse_integer (text, info->min, info->max, &value))
          {
            g_set_error (error, TX_SETTINGS_ERROR, TX_SETTINGS_ERROR_BAD_VALUE,
                         _("“%s” is a whole number from %d to %d, not “%s”."),
                         info->key, info->min, info->max, text);
            return NULL;
          }
        return g_strdup_printf ("%d", value);
      }

    case TX_SETTING_BOOLEAN:
      {
        gboolean value;

        if (!parse_boolean (text, &value))
          {
            g_set_error (error, TX_SETTINGS_ERROR, TX_SETTINGS_ERROR_BAD_VALUE,
                         _("“%s” is true or false, not “%s”."), info->key, text);
            return NULL;
          }
        return g_strdup (value ? "true" : "false");
      }

    case TX_SETTING_CHOICE:
      if (!g_strv_contains (info->choices, text))
        {
          g_autofree char *choices = g_strjoinv (", ", (char **) info->choices);

          g_set_error (error, TX_SETTINGS_ERROR, TX_SETTINGS_ERROR_BAD_VALUE,
                       _("“%s” is one of %s, not “%s”."), info->key, choices, text);
          return NULL;
        }
      return g_strdup (text);

    case TX_SETTING_TOWNSHIP:
      {
        g_autoptr(TxTownship) township = NULL;

        if (text[0] == '\0')
          return g_strdup ("");

        township = tx_store_find_township (self->store, text, NULL);
        if (township == NULL)
          {
            g_set_error (error, TX_SETTINGS_ERROR, TX_SETTINGS_ERROR_BAD_VALUE,
                         _("There is no township named “%s”. “tongxin-cli township list” lists them."),
                         text);
            return NULL;
          }
        return g_strdup (tx_township_get_uuid (township));
      }

    default:
      g_assert_not_reached ();
    }
}

/* The rules between settings: red comes after yellow. */
static gboolean
check_together (TxSettings  *self,
                int          index,
                const char  *value,
                GError     **error)
{
  int yellow = get_integer (self, INFO_PLAN_YELLOW_BEHIND);
  int red = get_integer (self, INFO_PLAN_RED_BEHIND);

  if (index == INFO_PLAN_YELLOW_BEHIND)
    parse_integer (value, 1, 100, &yellow);
  else if (index == INFO_PLAN_RED_BEHIND)
    parse_integer (value, 1, 100, &red);
  else
    return TRUE;

  if (red < yellow)
    {
      g_set_error (error, TX_SETTINGS_ERROR, TX_SETTINGS_ERROR_BAD_VALUE,
                   _("A township turns red further behind its plan than it turns yellow: "
                     "plan-red-behind (%d) cannot be less than plan-yellow-behind (%d)."),
                   red, yellow);
      return FALSE;
    }

  return TRUE;
}

/**
 * tx_settings_get_range:
 * @min: (out): the least value @key may take now
 * @max: (out): the largest
 *
 * The bounds of an integer setting, narrowed by the rules between
 * settings (red comes after yellow), so that a spin button cannot offer
 * a value tx_settings_set_text() would refuse.
 */
void
tx_settings_get_range (TxSettings *self,
                       const char *key,
                       int        *min,
                       int        *max)
{
  int index;

  g_return_if_fail (TX_IS_SETTINGS (self));

  index = find_info (key);
  g_return_if_fail (index >= 0 && infos[index].kind == TX_SETTING_INTEGER);

  *min = infos[index].min;
  *max = infos[index].max;
  if (index == INFO_PLAN_YELLOW_BEHIND)
    *max = get_integer (self, INFO_PLAN_RED_BEHIND);
  else if (index == INFO_PLAN_RED_BEHIND)
    *min = get_integer (self, INFO_PLAN_YELLOW_BEHIND);
}

/**
 * tx_settings_set_text:
 * @value: as a clerk writes it: a number, true or false, one of the
 *   choices, a township's name
 *
 * Checks @value and keeps it.  Nothing is written when it is refused.
 */
gboolean
tx_settings_set_text (TxSettings  *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *checked = NULL;
  int index;

  g_return_val_if_fail (TX_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  index = find_info (key);
  if (index < 0)
    return set_unknown_key_error (error, key);

  stripped = g_strstrip (g_strdup (value));
  checked = check_value (self, &infos[index], stripped, error);
  if (checked == NULL || !check_together (self, index, checked, error))
    return FALSE;

  if (!tx_store_set_setting (self->store, key, checked, error))
    return FALSE;

  /* every list of townships follows their order */
  if (index == INFO_TOWNSHIP_ORDER)
    tx_store_emit_changed (self->store, "township");

  /* the store's "changed" has reloaded every setting */
  return TRUE;
}

const char *
tx_settings_get_organization (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), "");

  return self->values[INFO_ORGANIZATION];
}

/* 抄送: the offices documents are copied to, or "" */
const char *
tx_settings_get_copy_to (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), "");

  return self->values[INFO_COPY_TO];
}

/* 印发机关: the office that prints documents, or the issuing body */
const char *
tx_settings_get_printing_office (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), "");

  if (self->values[INFO_PRINTING_OFFICE][0] != '\0')
    return self->values[INFO_PRINTING_OFFICE];
  return self->values[INFO_ORGANIZATION];
}

/**
 * tx_settings_get_default_township:
 *
 * Returns: (nullable): the uuid of the default township, or %NULL
 */
const char *
tx_settings_get_default_township (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), NULL);

  return self->values[INFO_DEFAULT_TOWNSHIP][0] != '\0' ? self->values[INFO_DEFAULT_TOWNSHIP] : NULL;
}

/**
 * tx_settings_get_office_kind:
 *
 * Returns: "township" or "city": the office this database is
 */
const char *
tx_settings_get_office_kind (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), "township");

  return self->values[INFO_OFFICE_KIND];
}

TxTownshipOrder
tx_settings_get_township_order (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), TX_TOWNSHIP_ORDER_PINYIN);

  if (g_strcmp0 (self->values[INFO_TOWNSHIP_ORDER], "strokes") == 0)
    return TX_TOWNSHIP_ORDER_STROKES;
  if (g_strcmp0 (self->values[INFO_TOWNSHIP_ORDER], "custom") == 0)
    return TX_TOWNSHIP_ORDER_CUSTOM;
  return TX_TOWNSHIP_ORDER_PINYIN;
}

TxSigninOrder
tx_settings_get_signin_order (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), TX_SIGNIN_ORDER_CATEGORY);

  return g_strcmp0 (self->values[INFO_SIGNIN_ORDER], "strokes") == 0
         ? TX_SIGNIN_ORDER_STROKES : TX_SIGNIN_ORDER_CATEGORY;
}

guint
tx_settings_get_signin_blank_rows (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), 0);

  return get_integer (self, INFO_SIGNIN_BLANK_ROWS);
}

gboolean
tx_settings_get_signin_categories (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), FALSE);

  return get_boolean (self, INFO_SIGNIN_CATEGORIES);
}

gboolean
tx_settings_get_signin_phones (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), FALSE);

  return get_boolean (self, INFO_SIGNIN_PHONES);
}

gboolean
tx_settings_get_print_full_phones (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), FALSE);

  return get_boolean (self, INFO_PRINT_FULL_PHONES);
}

int
tx_settings_get_stage_red_days (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), 0);

  return get_integer (self, INFO_STAGE_RED_DAYS);
}

int
tx_settings_get_stale_days (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), 0);

  return get_integer (self, INFO_STALE_DAYS);
}

/**
 * tx_settings_dup_activity_kinds:
 *
 * Returns: (transfer full): the kinds of activity an office added to
 *   Tongxin's three, by name, in its order
 */
char **
tx_settings_dup_activity_kinds (TxSettings *self)
{
  const char *value;

  g_return_val_if_fail (TX_IS_SETTINGS (self), NULL);

  value = self->values[INFO_ACTIVITY_KINDS];
  if (value == NULL || value[0] == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (value, "、", -1);
}

int
tx_settings_get_training_days (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), 0);

  return get_integer (self, INFO_TRAINING_DAYS);
}

gboolean
tx_settings_get_untrained_rule (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), FALSE);

  return get_boolean (self, INFO_UNTRAINED_RULE);
}

int
tx_settings_get_feedback_days (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), 0);

  return get_integer (self, INFO_FEEDBACK_DAYS);
}

int
tx_settings_get_feedback_red_days (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), 0);

  return get_integer (self, INFO_FEEDBACK_RED_DAYS);
}

int
tx_settings_get_plan_yellow_behind (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), 0);

  return get_integer (self, INFO_PLAN_YELLOW_BEHIND);
}

int
tx_settings_get_plan_red_behind (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), 0);

  return get_integer (self, INFO_PLAN_RED_BEHIND);
}

/* 0 to 1 */
double
tx_settings_get_stakeholder_share (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), 0);

  return get_integer (self, INFO_STAKEHOLDER_SHARE) / 100.0;
}

int
tx_settings_get_backups_kept (TxSettings *self)
{
  g_return_val_if_fail (TX_IS_SETTINGS (self), 1);

  return get_integer (self, INFO_BACKUPS_KEPT);
}
