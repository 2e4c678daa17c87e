/* tx-vocabulary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-vocabulary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-vocabulary.h"

typedef struct {
  const char *key;
  const char *context;  /* the msgctxt of the label */
  const char *label;    /* NC_() msgid */
} TxTerm;

static const TxTerm stages[] = {
  { "selection",   "stage", NC_("stage", "Topic selection") },
  { "research",    "stage", NC_("stage", "Research") },
  { "meeting",     "stage", NC_("stage", "Meeting") },
  { "submission",  "stage", NC_("stage", "Submission") },
  { "feedback",    "stage", NC_("stage", "Feedback") },
  { "supervision", "stage", NC_("stage", "Supervision") },
  { "done",        "stage", NC_("stage", "Completed") },
};

static const TxTerm categories[] = {
  { "liaison_leader",       "category", NC_("category", "Liaison group leader") },
  { "liaison_officer",      "category", NC_("category", "Liaison officer") },
  { "cppcc_member",         "category", NC_("category", "CPPCC member") },
  { "npc_deputy",           "category", NC_("category", "People's congress deputy") },
  { "party_deputy",         "category", NC_("category", "Party congress deputy") },
  { "veteran_party_member", "category", NC_("category", "Veteran Party member") },
  { "retired_cadre",        "category", NC_("category", "Retired cadre") },
  { "local_notable",        "category", NC_("category", "Local notable") },
  { "expert",               "category", NC_("category", "Expert") },
  { "stakeholder",          "category", NC_("category", "Stakeholder") },
  { "official",             "category", NC_("category", "Department official") },
  { "resident",             "category", NC_("category", "Resident representative") },
};

/* The names the offices write in their own spreadsheets, whatever the
 * language of the interface: the label of DESIGN §1 first, then the common
 * short forms. */
static const char * const category_names_zh[][4] = {
  { "联络组组长", "组长", "政协联络组组长", NULL },
  { "联络员", "政协联络员", NULL },
  { "政协委员", "委员", NULL },
  { "人大代表", NULL },
  { "党代表", "党代会代表", NULL },
  { "老党员", NULL },
  { "老干部", "退休干部", NULL },
  { "乡贤", "新乡贤", NULL },
  { "专业人士", "专家", NULL },
  { "利益相关方", "利益攸关方", NULL },
  { "部门干部", "部门负责人", NULL },
  { "群众代表", "群众", "居民代表", NULL },
};

static const TxTerm colors[] = {
  { "green",  "color", NC_("color", "Green") },
  { "yellow", "color", NC_("color", "Yellow") },
  { "red",    "color", NC_("color", "Red") },
};

static const TxTerm genders[] = {
  { "",       NULL, "" },
  { "male",   "gender", NC_("gender", "Male") },
  { "female", "gender", NC_("gender", "Female") },
};

static const TxTerm township_kinds[] = {
  { "subdistrict", "township kind", NC_("township kind", "Subdistrict") },
  { "town",        "township kind", NC_("township kind", "Town") },
  { "township",    "township kind", NC_("township kind", "Township") },
};

static const TxTerm topic_sources[] = {
  { "party_committee", "topic source", NC_("topic source", "Set by the Party committee") },
  { "government",      "topic source", NC_("topic source", "Assigned by the government") },
  { "cppcc",           "topic source", NC_("topic source", "Chosen by the CPPCC") },
  { "residents",       "topic source", NC_("topic source", "Proposed by residents") },
};

static const TxTerm orientations[] = {
  { "development", "orientation", NC_("orientation", "Development-oriented") },
  { "livelihood",  "orientation", NC_("orientation", "Livelihood-oriented") },
};

static const TxTerm activity_kinds[] = {
  { "training",    "activity", NC_("activity", "Training") },
  { "observation", "activity", NC_("activity", "Observation Visit") },
  { "exchange",    "activity", NC_("activity", "Discussion") },
};

static const TxTerm attachment_kinds[] = {
  { "photo",           "attachment", NC_("attachment", "Photo") },
  { "signin_scan",     "attachment", NC_("attachment", "Signed Sign-In Sheet") },
  { "feedback_letter", "attachment", NC_("attachment", "Feedback Letter") },
  { "research_report", "attachment", NC_("attachment", "Research Report") },
  { "other",           "attachment", NC_("attachment", "Other") },
};

static const TxTerm platforms[] = {
  { "physical", "platform", NC_("platform", "In person") },
  { "virtual",  "platform", NC_("platform", "Online") },
};

static const TxTerm roles[] = {
  { "host",        "role", NC_("role", "Host") },
  { "liaison",     "role", NC_("role", "Liaison group") },
  { "deputy",      "role", NC_("role", "Deputy") },
  { "member",      "role", NC_("role", "CPPCC member") },
  { "expert",      "role", NC_("role", "Expert") },
  { "stakeholder", "role", NC_("role", "Stakeholder") },
  { "official",    "role", NC_("role", "Department official") },
  { "observer",    "role", NC_("role", "Observer") },
};

static const TxTerm adoptions[] = {
  { "pending",        "adoption", NC_("adoption", "Awaiting decision") },
  { "adopted",        "adoption", NC_("adoption", "Adopted") },
  { "partly_adopted", "adoption", NC_("adoption", "Partly adopted") },
  { "not_adopted",    "adoption", NC_("adoption", "Not adopted") },
};

static const TxTerm supervision_phases[] = {
  { "before", "supervision phase", NC_("supervision phase", "Before") },
  { "during", "supervision phase", NC_("supervision phase", "During") },
  { "after",  "supervision phase", NC_("supervision phase", "After") },
};

static const TxTerm orders[] = {
  { "pinyin",  "order", NC_("order", "By pinyin") },
  { "strokes", "order", NC_("order", "By surname strokes") },
};

static gboolean
find_key (const TxTerm *terms,
          guint         n_terms,
          const char   *key,
          int          *value)
{
  if (key == NULL)
    return FALSE;

  for (guint i = 0; i < n_terms; i++)
    {
      if (g_strcmp0 (terms[i].key, key) == 0)
        {
          *value = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

#define TX_DEFINE_VOCABULARY(Type, name, table)                               \
  const char *                                                                \
  tx_##name##_to_key (Type value)                                             \
  {                                                                           \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);        \
    return table[value].key;                                                  \
  }                                                                           \
  gboolean                                                                    \
  tx_##name##_from_key (const char *key,                                      \
                        Type       *value)                                    \
  {                                                                           \
    int found = 0;                                                            \
    if (!find_key (table, G_N_ELEMENTS (table), key, &found))                 \
      return FALSE;                                                           \
    if (value != NULL)                                                        \
      *value = (Type) found;                                                  \
    return TRUE;                                                              \
  }                                                                           \
  const char *                                                                \
  tx_##name##_get_label (Type value)                                          \
  {                                                                           \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);        \
    if (table[value].label[0] == '\0')                                        \
      return "";                                                              \
    return g_dpgettext2 (GETTEXT_PACKAGE, table[value].context,               \
                         table[value].label);                                 \
  }                                                                           \
  guint                                                                       \
  tx_##name##_get_count (void)                                                \
  {                                                                           \
    return G_N_ELEMENTS (table);                                              \
  }

TX_DEFINE_VOCABULARY (TxStage, stage, stages)
TX_DEFINE_VOCABULARY (TxCategory, category, categories)
TX_DEFINE_VOCABULARY (TxColor, color, colors)
TX_DEFINE_VOCABULARY (TxGender, gender, genders)
TX_DEFINE_VOCABULARY (TxTownshipKind, township_kind, township_kinds)
TX_DEFINE_VOCABULARY (TxTopicSource, topic_source, topic_sources)
TX_DEFINE_VOCABULARY (TxOrientation, orientation, orientations)
TX_DEFINE_VOCABULARY (TxPlatform, platform, platforms)
TX_DEFINE_VOCABULARY (TxRole, role, roles)
TX_DEFINE_VOCABULARY (TxActivityKind, activity_kind, activity_kinds)
TX_DEFINE_VOCABULARY (TxAttachmentKind, attachment_kind, attachment_kinds)
TX_DEFINE_VOCABULARY (TxAdoption, adoption, adoptions)
TX_DEFINE_VOCABULARY (TxSupervisionPhase, supervision_phase, supervision_phases)
TX_DEFINE_VOCABULARY (TxOrder, order, orders)

/* Every name a category is known by, to its category: built once. */
static GHashTable *
category_names (void)
{
  static GHashTable *names;

  if (g_once_init_enter (&names))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
        {
          gpointer value = GUINT_TO_POINTER (i + 1);

          g_hash_table_insert (table, g_strdup (categories[i].key), value);
          g_hash_table_insert (table, g_ascii_strdown (categories[i].label, -1), value);
          g_hash_table_insert (table, g_strdup (tx_category_get_label ((TxCategory) i)), value);
          for (guint n = 0; category_names_zh[i][n] != NULL; n++)
            g_hash_table_insert (table, g_strdup (category_names_zh[i][n]), value);
        }

      g_once_init_leave (&names, table);
    }

  return names;
}

gboolean
tx_category_parse (const char *text,
                   TxCategory *value)
{
  g_autofree char *stripped = NULL;
  gpointer found;

  if (text == NULL)
    return FALSE;

  /* the key, the label in English (any case), in the current language,
   * and the names the offices write in their spreadsheets */
  stripped = g_strstrip (g_strdup (text));
  found = g_hash_table_lookup (category_names (), stripped);
  if (found == NULL)
    {
      g_autofree char *lower = g_ascii_strdown (stripped, -1);
      found = g_hash_table_lookup (category_names (), lower);
    }
  if (found == NULL)
    return FALSE;

  if (value != NULL)
    *value = (TxCategory) (GPOINTER_TO_UINT (found) - 1);
  return TRUE;
}

const char *
tx_category_get_chinese (TxCategory category)
{
  g_return_val_if_fail ((guint) category < G_N_ELEMENTS (category_names_zh), "");
  return category_names_zh[category][0];
}

const char *
tx_gender_get_chinese (TxGender gender)
{
  switch (gender)
    {
    case TX_GENDER_MALE:
      return "男";
    case TX_GENDER_FEMALE:
      return "女";
    case TX_GENDER_UNKNOWN:
    default:
      return "";
    }
}

const char *
tx_activity_kind_get_chinese (TxActivityKind kind)
{
  switch (kind)
    {
    case TX_ACTIVITY_TRAINING:
      return "业务培训";
    case TX_ACTIVITY_OBSERVATION:
      return "观摩学习";
    case TX_ACTIVITY_EXCHANGE:
    default:
      return "座谈交流";
    }
}
