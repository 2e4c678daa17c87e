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
  const char *label;   /* N_() msgid */
} TxTerm;

static const TxTerm stages[] = {
  { "selection",   N_("Topic selection") },
  { "research",    N_("Research") },
  { "meeting",     N_("Meeting") },
  { "submission",  N_("Submission") },
  { "feedback",    N_("Feedback") },
  { "supervision", N_("Supervision") },
  { "done",        N_("Completed") },
};

static const TxTerm categories[] = {
  { "liaison_leader",       N_("Liaison group leader") },
  { "liaison_officer",      N_("Liaison officer") },
  { "cppcc_member",         N_("CPPCC member") },
  { "npc_deputy",           N_("People's congress deputy") },
  { "party_deputy",         N_("Party congress deputy") },
  { "veteran_party_member", N_("Veteran Party member") },
  { "retired_cadre",        N_("Retired cadre") },
  { "local_notable",        N_("Local notable") },
  { "expert",               N_("Expert") },
  { "stakeholder",          N_("Stakeholder") },
  { "official",             N_("Department official") },
  { "resident",             N_("Resident representative") },
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
  { "green",  N_("Green") },
  { "yellow", N_("Yellow") },
  { "red",    N_("Red") },
};

static const TxTerm genders[] = {
  { "",       "" },
  { "male",   N_("Male") },
  { "female", N_("Female") },
};

static const TxTerm township_kinds[] = {
  { "subdistrict", N_("Subdistrict") },
  { "town",        N_("Town") },
  { "township",    N_("Township") },
};

static const TxTerm topic_sources[] = {
  { "party_committee", N_("Set by the Party committee") },
  { "government",      N_("Assigned by the government") },
  { "cppcc",           N_("Chosen by the CPPCC") },
  { "residents",       N_("Proposed by residents") },
};

static const TxTerm orientations[] = {
  { "development", N_("Development-oriented") },
  { "livelihood",  N_("Livelihood-oriented") },
};

static const TxTerm platforms[] = {
  { "physical", N_("In person") },
  { "virtual",  N_("Online") },
};

static const TxTerm roles[] = {
  { "host",        N_("Host") },
  { "liaison",     N_("Liaison group") },
  { "deputy",      N_("Deputy") },
  { "member",      N_("CPPCC member") },
  { "expert",      N_("Expert") },
  { "stakeholder", N_("Stakeholder") },
  { "official",    N_("Department official") },
  { "observer",    N_("Observer") },
};

static const TxTerm adoptions[] = {
  { "pending",        N_("Awaiting decision") },
  { "adopted",        N_("Adopted") },
  { "partly_adopted", N_("Partly adopted") },
  { "not_adopted",    N_("Not adopted") },
};

static const TxTerm supervision_phases[] = {
  { "before", N_("Before") },
  { "during", N_("During") },
  { "after",  N_("After") },
};

static const TxTerm orders[] = {
  { "pinyin",  N_("By pinyin") },
  { "strokes", N_("By surname strokes") },
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
    return g_dgettext (GETTEXT_PACKAGE, table[value].label);                  \
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
TX_DEFINE_VOCABULARY (TxAdoption, adoption, adoptions)
TX_DEFINE_VOCABULARY (TxSupervisionPhase, supervision_phase, supervision_phases)
TX_DEFINE_VOCABULARY (TxOrder, order, orders)

gboolean
tx_category_parse (const char *text,
                   TxCategory *value)
{
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (text));

  if (tx_category_from_key (stripped, value))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      /* The label in English, in the current language, and in Chinese,
       * which is what the offices write in their spreadsheets. */
      if (g_ascii_strcasecmp (stripped, categories[i].label) == 0 ||
          g_strcmp0 (stripped, tx_category_get_label ((TxCategory) i)) == 0 ||
          g_strv_contains (category_names_zh[i], stripped))
        {
          if (value != NULL)
            *value = (TxCategory) i;
          return TRUE;
        }
    }

  return FALSE;
}
