/* tx-types.h — forward declarations and the shared enumerations of the domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _TxStore        TxStore;
typedef struct _TxTownship     TxTownship;
typedef struct _TxPerson       TxPerson;
typedef struct _TxConsultation TxConsultation;
typedef struct _TxOutcome      TxOutcome;

/* The six stages every consultation goes through, in order. */
typedef enum {
  TX_STAGE_SELECTION,
  TX_STAGE_RESEARCH,
  TX_STAGE_MEETING,
  TX_STAGE_SUBMISSION,
  TX_STAGE_FEEDBACK,
  TX_STAGE_SUPERVISION,
  TX_STAGE_DONE,          /* not a stage: all six are done */
} TxStage;

#define TX_N_STAGES 6

/* "Liaison group + N": the categories a person may belong to (several). */
typedef enum {
  TX_CATEGORY_LIAISON_LEADER,
  TX_CATEGORY_LIAISON_OFFICER,
  TX_CATEGORY_CPPCC_MEMBER,
  TX_CATEGORY_NPC_DEPUTY,
  TX_CATEGORY_PARTY_DEPUTY,
  TX_CATEGORY_VETERAN_PARTY_MEMBER,
  TX_CATEGORY_RETIRED_CADRE,
  TX_CATEGORY_LOCAL_NOTABLE,
  TX_CATEGORY_EXPERT,
  TX_CATEGORY_STAKEHOLDER,
  TX_CATEGORY_OFFICIAL,
  TX_CATEGORY_RESIDENT,
} TxCategory;

#define TX_N_CATEGORIES 12

typedef enum {
  TX_COLOR_GREEN,
  TX_COLOR_YELLOW,
  TX_COLOR_RED,
} TxColor;

typedef enum {
  TX_GENDER_UNKNOWN,
  TX_GENDER_MALE,
  TX_GENDER_FEMALE,
} TxGender;

typedef enum {
  TX_TOWNSHIP_KIND_SUBDISTRICT,
  TX_TOWNSHIP_KIND_TOWN,
  TX_TOWNSHIP_KIND_TOWNSHIP,
} TxTownshipKind;

typedef enum {
  TX_TOPIC_SOURCE_PARTY_COMMITTEE,
  TX_TOPIC_SOURCE_GOVERNMENT,
  TX_TOPIC_SOURCE_CPPCC,
  TX_TOPIC_SOURCE_RESIDENTS,
} TxTopicSource;

typedef enum {
  TX_ORIENTATION_DEVELOPMENT,
  TX_ORIENTATION_LIVELIHOOD,
} TxOrientation;

typedef enum {
  TX_PLATFORM_PHYSICAL,
  TX_PLATFORM_VIRTUAL,
} TxPlatform;

/* What an activity beside the consultations is */
typedef enum {
  TX_ACTIVITY_TRAINING,      /* 业务培训 */
  TX_ACTIVITY_OBSERVATION,   /* 观摩学习 */
  TX_ACTIVITY_EXCHANGE,      /* 座谈交流 */
  TX_ACTIVITY_OTHER,         /* a kind of the office's own (the setting
                              * activity-kinds), known by its name: not in
                              * the vocabulary, whose three are Tongxin's */
} TxActivityKind;

/* What an attachment is */
typedef enum {
  TX_ATTACHMENT_PHOTO,            /* 现场照片 */
  TX_ATTACHMENT_SIGNIN_SCAN,      /* 签到表扫描件 */
  TX_ATTACHMENT_FEEDBACK_LETTER,  /* 反馈函 */
  TX_ATTACHMENT_RESEARCH_REPORT,  /* 调研报告 */
  TX_ATTACHMENT_OTHER,            /* 其他 */
} TxAttachmentKind;

typedef enum {
  TX_ROLE_HOST,
  TX_ROLE_LIAISON,
  TX_ROLE_DEPUTY,
  TX_ROLE_MEMBER,
  TX_ROLE_EXPERT,
  TX_ROLE_STAKEHOLDER,
  TX_ROLE_OFFICIAL,
  TX_ROLE_OBSERVER,
} TxRole;

typedef enum {
  TX_ADOPTION_PENDING,
  TX_ADOPTION_ADOPTED,
  TX_ADOPTION_PARTLY_ADOPTED,
  TX_ADOPTION_NOT_ADOPTED,
} TxAdoption;

typedef enum {
  TX_SUPERVISION_BEFORE,
  TX_SUPERVISION_DURING,
  TX_SUPERVISION_AFTER,
} TxSupervisionPhase;

/* How lists of people are ordered. */
typedef enum {
  TX_ORDER_PINYIN,
  TX_ORDER_STROKES,
} TxOrder;

G_END_DECLS
