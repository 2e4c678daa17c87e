/* tx-archive-document.c — one consultation's dossier (一事一档) as a PDF
 *
 * What a township hands in for the 台账 at year end, one file a
 * consultation: a cover (题名, 乡镇（街道）, 年度, 保管期限, 归档日期), a
 * contents list with the page of each part, then the consultation's
 * plan and stages with their dates, its research, its participants and
 * sign-in sheet (the signed one scanned, when a photo of it is
 * attached; else the sheet Tongxin prints), the minutes, each
 * recommendation with its feedback, adoption, progress and
 * supervision, and the photos with their captions.
 *
 * The parts are laid out first (each paragraph line by line, a photo
 * whole), so that the contents list knows the pages; then every page
 * is drawn.  In Chinese, with the paper, margins and faces of GB/T 9704.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-archive-document"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "tx-archive-document.h"
#include "tx-attachment.h"
#include "tx-doc-file.h"
#include "tx-doc-format.h"
#include "tx-consultation-store.h"
#include "tx-file.h"
#include "tx-roster-export.h"
#include "tx-documents.h"
#include "tx-outcome.h"
#include "tx-records.h"
#include "tx-table-document.h"
#include "tx-vocabulary.h"

#define TEXT_WIDTH  (TX_A4_WIDTH - TX_MARGIN_LEFT - TX_MARGIN_RIGHT)
#define TEXT_BOTTOM (TX_A4_HEIGHT - TX_MARGIN_BOTTOM)
#define BODY_SIZE   14.0
#define HEAD_SIZE   16.0

typedef enum {
  ITEM_HEADING,
  ITEM_TEXT,
  ITEM_PHOTO,
  ITEM_SHEET,   /* a page of the sign-in sheet Tongxin prints */
  ITEM_SCAN,    /* a page of a scan kept as a PDF, on a page of its own */
} ItemKind;

typedef struct {
  ItemKind         kind;
  char            *text;       /* a heading's, a paragraph's, a photo's caption */
  char            *photo;      /* a photo: its attachment's id, read again when drawn, */
  int              width;      /* and its size, turned as it is shown */
  int              height;
  gboolean         as_taken;   /* a JPEG needing no turn: put in the PDF as it is */
  int              jpeg_width;
  int              jpeg_height;
  guint            sheet_page;
  PopplerDocument *scan;       /* a scan's, and its page */
  int              scan_page;
} Item;

/* What a page shows of an item: lines @first to @first + @n of a
 * paragraph, or the whole of it, from @y down */
typedef struct {
  Item   *item;
  int     first;
  int     n;
  double  y;
  double  height;   /* a photo's, drawn */
} Placed;

typedef struct {
  TxConsultation   *consultation;
  char             *township;
  char             *year;
  char             *retention;
  char             *archived;
  GPtrArray        *items;      /* Item */
  GPtrArray        *pages;      /* GPtrArray of Placed, the pages after the contents */
  GPtrArray        *contents;   /* char *: "heading\tpage" */
  TxTableDocument  *sheet;
  PangoContext     *context;
  TxStore          *store;      /* the photos are read from it as their pages are drawn */
} Archive;

static void
item_free (Item *item)
{
  g_free (item->text);
  g_free (item->photo);
  g_clear_object (&item->scan);
  g_free (item);
}

static void
add_item (Archive    *archive,
          ItemKind    kind,
          const char *text)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->text = g_strdup (text != NULL ? text : "");
  g_ptr_array_add (archive->items, item);
}

static void
add_text (Archive    *archive,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
add_text (Archive    *archive,
          const char *format,
          ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  add_item (archive, ITEM_TEXT, text);
}

static PangoLayout *
make_layout (PangoContext *context,
             const char   *family,
             double        size,
             const char   *text,
             gboolean      bold)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (family);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (TEXT_WIDTH * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static PangoLayout *
item_layout (Archive *archive,
             Item    *item)
{
  if (item->kind == ITEM_HEADING)
    return make_layout (archive->context, TX_FONT_HEADER, HEAD_SIZE, item->text, FALSE);
  return make_layout (archive->context, TX_FONT_BODY, BODY_SIZE, item->text, FALSE);
}

/* How large a photo is decoded: @max pixels on its longer side at most */
typedef struct {
  int max;
  int width;    /* the photo's own size */
  int height;
} Sizing;

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  Sizing *sizing = user_data;
  double scale;

  sizing->width = width;
  sizing->height = height;
  if (MAX (width, height) <= sizing->max)
    return;
  scale = (double) sizing->max / MAX (width, height);
  gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)), MAX (1, (int) (height * scale)));
}

/* A photo (PNG, JPEG) decoded at most @max pixels on its longer side
 * (a camera's twelve million pixels are not held for a page: a JPEG is
 * decoded small to begin with) and turned as the camera says; NULL
 * when it cannot be read */
static GdkPixbuf *
load_photo (GBytes  *bytes,
            int      max,
            Sizing  *measured)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  Sizing sizing = { max, 0, 0 };
  GdkPixbuf *loaded;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &sizing);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &error) || !gdk_pixbuf_loader_close (loader, &error))
    {
      g_debug ("Could not read a photo: %s", error->message);
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  loaded = gdk_pixbuf_loader_get_pixbuf (loader);
  if (measured != NULL)
    *measured = sizing;

  return loaded != NULL ? gdk_pixbuf_apply_embedded_orientation (loaded) : NULL;
}

/* @pixbuf as a cairo surface, on white paper */
static cairo_surface_t *
surface_of_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  guint8 *out;
  int out_stride;

  cairo_surface_flush (surface);
  out = cairo_image_surface_get_data (surface);
  out_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = pixels + y * stride + x * channels;
        guint32 *q = (guint32 *) (out + y * out_stride) + x;
        guint alpha = channels == 4 ? p[3] : 255;
        guint r = (p[0] * alpha + 255 * (255 - alpha)) / 255;
        guint g = (p[1] * alpha + 255 * (255 - alpha)) / 255;
        guint b = (p[2] * alpha + 255 * (255 - alpha)) / 255;

        *q = (r << 16) | (g << 8) | b;
      }
  cairo_surface_mark_dirty (surface);

  return surface;
}

/* Whether the JPEG @bytes is a photo's as a PDF shows it unchanged:
 * grey or colour (YCbCr), not the CMYK some scanners write, which a
 * PDF shows in other colours unless told how to read it */
static gboolean
jpeg_is_plain (GBytes *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  gsize at = 2;

  /* the segments up to the frame's header (SOF0 to SOF15, not DHT,
   * JPG or DAC), which says how many components */
  while (at + 4 <= length && data[at] == 0xff)
    {
      guint8 marker = data[at + 1];
      gsize segment = ((gsize) data[at + 2] << 8) | data[at + 3];

      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        return at + 9 < length && (data[at + 9] == 1 || data[at + 9] == 3);
      if (marker == 0xd9 || marker == 0xda)
        return FALSE;
      at += 2 + segment;
    }

  return FALSE;
}

/* A photo's item: measured now (decoded small), drawn later */
static void
add_photo (Archive            *archive,
           const TxAttachment *attachment,
           GBytes             *bytes,
           const char         *caption)
{
  Sizing measured;
  g_autoptr(GdkPixbuf) small = load_photo (bytes, 256, &measured);
  Item *item = g_new0 (Item, 1);

  item->kind = ITEM_PHOTO;
  item->text = g_strdup (caption);
  if (small != NULL)
    {
      const char *orientation = gdk_pixbuf_get_option (small, "orientation");

      item->photo = g_strdup (attachment->uuid);
      item->width = gdk_pixbuf_get_width (small);
      item->height = gdk_pixbuf_get_height (small);
      item->as_taken = g_strcmp0 (attachment->media_type, "image/jpeg") == 0 &&
                       (orientation == NULL || g_str_equal (orientation, "1")) &&
                       jpeg_is_plain (bytes);
      item->jpeg_width = measured.width;
      item->jpeg_height = measured.height;
    }
  g_ptr_array_add (archive->items, item);
}

/*
 * Adds @attachment, a photo or a scan, to the dossier with @caption: a
 * photo (JPEG, PNG) as one, each page of a PDF on a page of its own,
 * drawn as it is (its text stays text).  FALSE only when it cannot be
 * read; a file that is neither is said by its caption, not drawn.
 */
static gboolean
add_evidence (Archive            *archive,
              TxStore            *store,
              const TxAttachment *attachment,
              const char         *caption,
              GError            **error)
{
  g_autoptr(GBytes) bytes = tx_attachment_read (store, attachment, error);
  PopplerDocument *document = NULL;   /* poppler-glib 22.12 has no autoptr */
  g_autoptr(GError) pdf_error = NULL;
  int n_pages;

  if (bytes == NULL)
    return FALSE;

  if (g_str_has_prefix (attachment->media_type, "image/"))
    {
      add_photo (archive, attachment, bytes, caption);
      return TRUE;
    }

  if (g_strcmp0 (attachment->media_type, "application/pdf") == 0)
    document = poppler_document_new_from_bytes (bytes, NULL, &pdf_error);
  n_pages = document != NULL ? poppler_document_get_n_pages (document) : 0;
  if (n_pages == 0)
    {
      if (pdf_error != NULL)
        g_debug ("Could not read the scan %s: %s", attachment->file_name, pdf_error->message);
      /* an office file, or a PDF that cannot be read: named, as the
       * electronic file it is */
      add_text (archive, "%s（电子文件，未编入本档案）", caption);
      g_clear_object (&document);
      return TRUE;
    }

  for (int page = 0; page < n_pages; page++)
    {
      Item *item = g_new0 (Item, 1);

      item->kind = ITEM_SCAN;
      item->text = n_pages > 1 ? g_strdup_printf ("%s（第 %d 页，共 %d 页）", caption, page + 1, n_pages)
                               : g_strdup (caption);
      item->scan = g_object_ref (document);
      item->scan_page = page;
      g_ptr_array_add (archive->items, item);
    }
  g_object_unref (document);

  return TRUE;
}

/* The attachments of @kind among @attachments, each with its caption
 * after @label ("反馈函"), numbered when there are several */
static gboolean
add_attached (Archive          *archive,
              TxStore          *store,
              GPtrArray        *attachments,
              TxAttachmentKind  kind,
              const char       *label,
              GError          **error)
{
  guint n = 0, count = 0;

  for (guint i = 0; i < attachments->len; i++)
    count += ((TxAttachment *) g_ptr_array_index (attachments, i))->kind == kind;

  for (guint i = 0; i < attachments->len; i++)
    {
      TxAttachment *attachment = g_ptr_array_index (attachments, i);
      const char *shown = *attachment->caption != '\0' ? attachment->caption : attachment->file_name;
      g_autofree char *caption = NULL;

      if (attachment->kind != kind)
        continue;
      n++;
      caption = count > 1 ? g_strdup_printf ("%s%u：%s", label, n, shown) : g_strdup_printf ("%s：%s", label, shown);
      if (!add_evidence (archive, store, attachment, caption, error))
        return FALSE;
    }

  return TRUE;
}

static const char *
date_or_dash (const char *date)
{
  return date != NULL && *date != '\0' ? date : "—";
}

/* The parts of the dossier, in order */
static gboolean
collect (Archive         *archive,
         TxStore         *store,
         GError         **error)
{
  TxConsultation *consultation = archive->consultation;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  GPtrArray *participants = tx_consultation_get_participants (consultation);
  gboolean scanned = FALSE;
  static const char * const stage_names[] = { "选题", "调研", "协商", "报送", "反馈", "监督" };
  static const char * const source_names[] = { "党委定题", "政府交题", "政协选题", "群众点题" };
  g_autofree char *when = NULL;

  attachments = tx_attachment_list (store, "consultation", tx_consultation_get_uuid (consultation), error);
  if (attachments == NULL)
    return FALSE;

  /* 一 the plan and the stages */
  add_item (archive, ITEM_HEADING, "一、协商方案与环节");
  add_text (archive, "协商议题：%s", tx_consultation_get_title (consultation));
  add_text (archive, "选题来源：%s；%s", source_names[tx_consultation_get_topic_source (consultation)],
            tx_consultation_get_orientation (consultation) == TX_ORIENTATION_DEVELOPMENT ? "发展取向" : "民生导向");
  when = tx_doc_format_date (tx_consultation_get_starts (consultation));
  add_text (archive, "协商时间：%s；协商平台：%s；地点：%s", when != NULL && *when != '\0' ? when : "—",
            tx_consultation_get_platform (consultation) == TX_PLATFORM_PHYSICAL ? "实体平台" : "网络平台",
            *tx_consultation_get_venue (consultation) != '\0' ? tx_consultation_get_venue (consultation) : "—");
  for (guint stage = 0; stage < TX_N_STAGES; stage++)
    add_text (archive, "%s环节：应完成 %s，完成 %s", stage_names[stage],
              date_or_dash (tx_consultation_get_stage_due (consultation, stage)),
              date_or_dash (tx_consultation_get_stage_done (consultation, stage)));

  /* 二 research */
  add_item (archive, ITEM_HEADING, "二、调研情况");
  add_item (archive, ITEM_TEXT, *tx_consultation_get_research (consultation) != '\0'
                                ? tx_consultation_get_research (consultation) : "（未记录调研情况）");
  if (!add_attached (archive, store, attachments, TX_ATTACHMENT_RESEARCH_REPORT, "调研报告", error))
    return FALSE;

  /* 三 the participants and the sign-in sheet */
  add_item (archive, ITEM_HEADING, "三、参加人员和签到表");
  {
    g_autoptr(GString) names = g_string_new (NULL);
    guint present = 0;

    for (guint i = 0; i < participants->len; i++)
      {
        TxParticipant *participant = g_ptr_array_index (participants, i);

        g_string_append_printf (names, "%s%s", names->len > 0 ? "、" : "", participant->name);
        present += participant->attended == 1;
      }
    add_text (archive, "应到 %u 人，实到 %u 人：%s", participants->len, present, names->len > 0 ? names->str : "无");
  }
  /* the signed sheet scanned (a photo or a PDF), else the one Tongxin prints */
  for (guint i = 0; i < attachments->len && !scanned; i++)
    {
      TxAttachment *attachment = g_ptr_array_index (attachments, i);

      scanned = attachment->kind == TX_ATTACHMENT_SIGNIN_SCAN &&
                (g_str_has_prefix (attachment->media_type, "image/") ||
                 g_strcmp0 (attachment->media_type, "application/pdf") == 0);
    }
  if (scanned)
    {
      if (!add_attached (archive, store, attachments, TX_ATTACHMENT_SIGNIN_SCAN, "签到表（签字扫描件）", error))
        return FALSE;
    }
  else
    {
      archive->sheet = tx_documents_prepare_signin (store, TX_MEETING (consultation), NULL, NULL, error);
      if (archive->sheet == NULL)
        return FALSE;
      tx_table_document_paginate (archive->sheet, TX_A4_WIDTH, TX_A4_HEIGHT);
      for (guint page = 0; page < tx_table_document_get_n_pages (archive->sheet); page++)
        {
          Item *item = g_new0 (Item, 1);

          item->kind = ITEM_SHEET;
          item->sheet_page = page;
          g_ptr_array_add (archive->items, item);
        }
    }

  /* 四 the minutes */
  add_item (archive, ITEM_HEADING, "四、会议纪要");
  if (!tx_consultation_has_minutes (consultation))
    add_item (archive, ITEM_TEXT, "（未记录会议纪要）");
  else
    {
      GPtrArray *speeches = tx_consultation_get_speeches (consultation);

      add_text (archive, "记录人：%s", tx_consultation_get_recorder (consultation));
      add_text (archive, "议程：%s", tx_consultation_get_agenda (consultation));
      for (guint i = 0; i < speeches->len; i++)
        {
          TxSpeech *speech = g_ptr_array_index (speeches, i);

          add_text (archive, "%s：%s", speech->speaker, speech->summary);
        }
      add_text (archive, "协商共识：%s", tx_consultation_get_consensus (consultation));
      add_text (archive, "下一步工作：%s", tx_consultation_get_next_steps (consultation));
    }

  /* 五 the recommendations */
  add_item (archive, ITEM_HEADING, "五、协商建言及落实");
  outcomes = tx_consultation_get_outcomes (consultation) != NULL
             ? g_ptr_array_ref (tx_consultation_get_outcomes (consultation)) : NULL;
  if (outcomes == NULL || outcomes->len == 0)
    add_item (archive, ITEM_TEXT, "（未形成协商建言）");
  for (guint i = 0; outcomes != NULL && i < outcomes->len; i++)
    {
      TxOutcome *outcome = g_ptr_array_index (outcomes, i);
      GPtrArray *supervisions = tx_outcome_get_supervisions (outcome);
      static const char * const adoptions[] = { "待反馈", "已采纳", "部分采纳", "未采纳" };
      static const char * const phases[] = { "事前", "事中", "事后" };

      add_text (archive, "（%u）%s", i + 1, tx_outcome_get_title (outcome));
      if (*tx_outcome_get_content (outcome) != '\0')
        add_item (archive, ITEM_TEXT, tx_outcome_get_content (outcome));
      {
        const char *to = tx_outcome_get_submitted_to (outcome);
        g_autofree char *whom = g_strcmp0 (to, "party_committee") == 0 ? g_strdup_printf ("%s党委", archive->township)
                                : g_strcmp0 (to, "government") == 0 ? g_strdup_printf ("%s人民政府", archive->township)
                                : g_strdup (to != NULL && *to != '\0' ? to : "—");

        add_text (archive, "报送：%s，%s；反馈：%s", whom, date_or_dash (tx_outcome_get_submitted (outcome)),
                  date_or_dash (tx_outcome_get_feedback_received (outcome)));
      }
      if (*tx_outcome_get_feedback_text (outcome) != '\0')
        add_text (archive, "反馈意见：%s", tx_outcome_get_feedback_text (outcome));
      if (tx_outcome_get_progress (outcome) >= 0)
        add_text (archive, "采纳情况：%s；落实进度：%d%%", adoptions[tx_outcome_get_adoption (outcome)],
                  tx_outcome_get_progress (outcome));
      else
        add_text (archive, "采纳情况：%s", adoptions[tx_outcome_get_adoption (outcome)]);
      for (guint s = 0; s < supervisions->len; s++)
        {
          TxSupervision *supervision = g_ptr_array_index (supervisions, s);

          add_text (archive, "%s监督：%s，%s，%s", phases[supervision->phase], date_or_dash (supervision->date),
                    *supervision->by != '\0' ? supervision->by : "—", supervision->note);
        }

      /* the feedback letter, scanned */
      {
        g_autoptr(GPtrArray) letters = tx_attachment_list (store, "outcome", tx_outcome_get_uuid (outcome), error);

        if (letters == NULL ||
            !add_attached (archive, store, letters, TX_ATTACHMENT_FEEDBACK_LETTER, "反馈函", error))
          return FALSE;
      }
    }

  /* 六 the photos */
  add_item (archive, ITEM_HEADING, "六、现场照片");
  {
    guint n_photos = 0;

    for (guint i = 0; i < attachments->len; i++)
      {
        TxAttachment *attachment = g_ptr_array_index (attachments, i);
        g_autoptr(GBytes) bytes = NULL;
        g_autofree char *caption = NULL;

        if (attachment->kind != TX_ATTACHMENT_PHOTO || !g_str_has_prefix (attachment->media_type, "image/"))
          continue;
        bytes = tx_attachment_read (store, attachment, error);
        if (bytes == NULL)
          return FALSE;
        caption = g_strdup_printf ("图%u　%s", ++n_photos, *attachment->caption != '\0' ? attachment->caption : attachment->file_name);
        add_photo (archive, attachment, bytes, caption);
      }
    if (n_photos == 0)
      add_item (archive, ITEM_TEXT, "（无现场照片）");
  }

  return TRUE;
}

static GPtrArray *
new_page (Archive *archive)
{
  GPtrArray *page = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (archive->pages, page);
  return page;
}

/* Places every item on the pages after the contents; each heading's
 * page goes to the contents list (the cover is page 1, the contents 2) */
static void
paginate (Archive *archive)
{
  GPtrArray *page = new_page (archive);
  double y = TX_MARGIN_TOP;

  for (guint i = 0; i < archive->items->len; i++)
    {
      Item *item = g_ptr_array_index (archive->items, i);

      if (item->kind == ITEM_SHEET || item->kind == ITEM_SCAN)
        {
          Placed *placed = g_new0 (Placed, 1);

          if (page->len > 0)
            page = new_page (archive);
          placed->item = item;
          g_ptr_array_add (page, placed);
          page = new_page (archive);
          y = TX_MARGIN_TOP;
          continue;
        }

      if (item->kind == ITEM_PHOTO)
        {
          g_autoptr(PangoLayout) caption = make_layout (archive->context, TX_FONT_KAI, BODY_SIZE - 2, item->text, FALSE);
          Placed *placed = g_new0 (Placed, 1);
          int caption_height;
          double width, height, room = TEXT_BOTTOM - TX_MARGIN_TOP;

          pango_layout_get_pixel_size (caption, NULL, &caption_height);
          width = item->photo != NULL ? item->width : 1;
          height = item->photo != NULL ? item->height : 1;
          /* the width of the text, never taller than a page */
          placed->height = MIN (TEXT_WIDTH * height / width, room * 0.8);
          if (y + placed->height + caption_height + 12 > TEXT_BOTTOM && page->len > 0)
            {
              Placed *last = g_ptr_array_index (page, page->len - 1);

              /* its heading goes with it: never alone at the foot of a page */
              if (last->item->kind == ITEM_HEADING && page->len > 1)
                {
                  Placed *heading = g_ptr_array_steal_index (page, page->len - 1);
                  double heading_height = y - heading->y;
                  char *entry = g_ptr_array_index (archive->contents, archive->contents->len - 1);

                  page = new_page (archive);
                  heading->y = TX_MARGIN_TOP;
                  g_ptr_array_add (page, heading);
                  y = TX_MARGIN_TOP + heading_height;
                  g_ptr_array_index (archive->contents, archive->contents->len - 1) =
                    g_strdup_printf ("%s\t%u", heading->item->text, archive->pages->len + 2);
                  g_free (entry);
                }
              else
                {
                  page = new_page (archive);
                  y = TX_MARGIN_TOP;
                }
            }
          placed->item = item;
          placed->y = y;
          g_ptr_array_add (page, placed);
          y += placed->height + caption_height + 18;
          continue;
        }

      {
        g_autoptr(PangoLayout) layout = item_layout (archive, item);
        int n_lines = pango_layout_get_line_count (layout);
        double space = item->kind == ITEM_HEADING ? 12 : 4;
        int first = 0;

        /* a heading is never the last thing on its page */
        if (item->kind == ITEM_HEADING && y + 4 * BODY_SIZE * 1.6 > TEXT_BOTTOM && page->len > 0)
          {
            page = new_page (archive);
            y = TX_MARGIN_TOP;
          }
        if (item->kind == ITEM_HEADING)
          {
            y += page->len > 0 ? space : 0;
            g_ptr_array_add (archive->contents,
                             g_strdup_printf ("%s\t%u", item->text, archive->pages->len + 2));
          }

        while (first < n_lines)
          {
            Placed *placed = g_new0 (Placed, 1);
            double height = 0;
            int n = 0;

            for (int line = first; line < n_lines; line++)
              {
                PangoRectangle logical;

                pango_layout_line_get_pixel_extents (pango_layout_get_line_readonly (layout, line), NULL, &logical);
                if (y + height + logical.height * 1.25 > TEXT_BOTTOM && (n > 0 || page->len > 0))
                  break;
                height += logical.height * 1.25;
                n++;
              }
            if (n == 0)
              {
                g_free (placed);
                page = new_page (archive);
                y = TX_MARGIN_TOP;
                continue;
              }
            placed->item = item;
            placed->first = first;
            placed->n = n;
            placed->y = y;
            g_ptr_array_add (page, placed);
            first += n;
            y += height + space;
            if (first < n_lines)
              {
                page = new_page (archive);
                y = TX_MARGIN_TOP;
              }
          }
      }
    }

  /* no empty page at the end */
  if (archive->pages->len > 1 && ((GPtrArray *) g_ptr_array_index (archive->pages, archive->pages->len - 1))->len == 0)
    g_ptr_array_set_size (archive->pages, archive->pages->len - 1);
}

static void
show_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_page_number (cairo_t *cr,
                  guint    number)
{
  g_autofree char *text = g_strdup_printf ("— %u —", number);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (TX_FONT_BODY);
  int width;

  pango_font_description_set_absolute_size (font, 14 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  /* odd pages right, even pages left, one character in (GB/T 9704) */
  show_layout_at (cr, layout, number % 2 == 1 ? TX_A4_WIDTH - TX_MARGIN_RIGHT - 14 - width : TX_MARGIN_LEFT + 14,
                  TEXT_BOTTOM + 7 * TX_MM);
  g_object_unref (layout);
}

static void
draw_cover (Archive *archive,
            cairo_t *cr)
{
  const char *labels[] = { "题　　名", "乡镇（街道）", "年　　度", "保管期限", "归档日期" };
  const char *values[] = { tx_consultation_get_title (archive->consultation), archive->township, archive->year,
                           archive->retention, archive->archived };
  g_autoptr(PangoLayout) title = make_layout (archive->context, TX_FONT_TITLE, 26, "协商活动档案", FALSE);
  double y = TX_MARGIN_TOP + 60;

  pango_layout_set_alignment (title, PANGO_ALIGN_CENTER);
  pango_cairo_update_layout (cr, title);
  show_layout_at (cr, title, TX_MARGIN_LEFT, y);
  y += 120;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autofree char *line = g_strdup_printf ("%s：%s", labels[i], values[i]);
      g_autoptr(PangoLayout) layout = make_layout (archive->context, TX_FONT_BODY, 16, line, FALSE);
      int height;

      pango_cairo_update_layout (cr, layout);
      show_layout_at (cr, layout, TX_MARGIN_LEFT + 20, y);
      pango_layout_get_pixel_size (layout, NULL, &height);
      y += height + 24;
    }
}

static void
draw_contents (Archive *archive,
               cairo_t *cr)
{
  g_autoptr(PangoLayout) title = make_layout (archive->context, TX_FONT_HEADER, 20, "目　　录", FALSE);
  double y = TX_MARGIN_TOP;
  int height;

  pango_layout_set_alignment (title, PANGO_ALIGN_CENTER);
  pango_cairo_update_layout (cr, title);
  show_layout_at (cr, title, TX_MARGIN_LEFT, y);
  pango_layout_get_pixel_size (title, NULL, &height);
  y += height + 30;

  for (guint i = 0; i < archive->contents->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (archive->contents, i), "\t", 2);
      g_autoptr(PangoLayout) heading = make_layout (archive->context, TX_FONT_BODY, 16, parts[0], FALSE);
      g_autoptr(PangoLayout) number = make_layout (archive->context, TX_FONT_BODY, 16, parts[1], FALSE);

      pango_layout_set_alignment (number, PANGO_ALIGN_RIGHT);
      pango_cairo_update_layout (cr, heading);
      pango_cairo_update_layout (cr, number);
      show_layout_at (cr, heading, TX_MARGIN_LEFT, y);
      show_layout_at (cr, number, TX_MARGIN_LEFT, y);
      pango_layout_get_pixel_size (heading, NULL, &height);
      y += height + 14;
    }
}

/* The file of the photo @uuid, read again to be drawn; its checksum
 * was checked when the dossier was laid out */
static GBytes *
read_photo (Archive    *archive,
            const char *uuid)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = tx_attachment_read_unchecked (archive->store, uuid, &error);

  if (bytes == NULL)
    g_debug ("Could not read the photo %s again: %s", uuid, error != NULL ? error->message : "gone");

  return bytes;
}

static void
draw_placed (Archive *archive,
             cairo_t *cr,
             Placed  *placed)
{
  Item *item = placed->item;

  if (item->kind == ITEM_SHEET)
    {
      cairo_save (cr);
      tx_table_document_draw_page (archive->sheet, cr, item->sheet_page);
      cairo_restore (cr);
      return;
    }

  if (item->kind == ITEM_SCAN)
    {
      PopplerPage *page = poppler_document_get_page (item->scan, item->scan_page);
      g_autoptr(PangoLayout) caption = make_layout (archive->context, TX_FONT_KAI, BODY_SIZE - 2, item->text, FALSE);
      double width = 1, height = 1, scale, x;
      int caption_height;

      pango_layout_set_alignment (caption, PANGO_ALIGN_CENTER);
      pango_cairo_update_layout (cr, caption);
      pango_layout_get_pixel_size (caption, NULL, &caption_height);
      if (page != NULL)
        poppler_page_get_size (page, &width, &height);
      /* the whole page within the text's width and the page's height,
       * the caption under it */
      scale = MIN (TEXT_WIDTH / MAX (width, 1), (TEXT_BOTTOM - TX_MARGIN_TOP - caption_height - 12) / MAX (height, 1));
      x = TX_MARGIN_LEFT + (TEXT_WIDTH - width * scale) / 2;
      if (page != NULL)
        {
          cairo_save (cr);
          cairo_translate (cr, x, TX_MARGIN_TOP);
          cairo_scale (cr, scale, scale);
          cairo_rectangle (cr, 0, 0, width, height);
          cairo_clip (cr);
          poppler_page_render_for_printing (page, cr);
          cairo_restore (cr);
          /* its edge, as a sheet laid on the page */
          cairo_save (cr);
          cairo_set_line_width (cr, 0.5);
          cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
          cairo_rectangle (cr, x, TX_MARGIN_TOP, width * scale, height * scale);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      show_layout_at (cr, caption, TX_MARGIN_LEFT, TX_MARGIN_TOP + height * scale + 6);
      g_clear_object (&page);
      return;
    }

  if (item->kind == ITEM_PHOTO)
    {
      g_autoptr(PangoLayout) caption = make_layout (archive->context, TX_FONT_KAI, BODY_SIZE - 2, item->text, FALSE);

      g_autoptr(GBytes) bytes = item->photo != NULL ? read_photo (archive, item->photo) : NULL;

      if (bytes != NULL && item->as_taken)
        {
          /* the camera's JPEG itself, neither decoded nor compressed
           * again: the surface only gives its size */
          cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, item->jpeg_width, item->jpeg_height);
          double scale = placed->height / item->jpeg_height;
          double x = TX_MARGIN_LEFT + (TEXT_WIDTH - item->jpeg_width * scale) / 2;

          cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, g_bytes_get_data (bytes, NULL),
                                       g_bytes_get_size (bytes), (cairo_destroy_func_t) g_bytes_unref,
                                       g_bytes_ref (bytes));
          cairo_save (cr);
          cairo_translate (cr, x, placed->y);
          cairo_scale (cr, scale, scale);
          cairo_set_source_surface (cr, image, 0, 0);
          cairo_paint (cr);
          cairo_restore (cr);
          cairo_surface_destroy (image);
        }
      else if (bytes != NULL)
        {
          double shown_width = placed->height * item->width / item->height;
          /* 200 dots an inch, as it is printed */
          g_autoptr(GdkPixbuf) pixbuf = load_photo (bytes, (int) (MAX (shown_width, placed->height) * 200 / 72), NULL);

          if (pixbuf != NULL)
            {
              cairo_surface_t *image = surface_of_pixbuf (pixbuf);
              double scale = placed->height / gdk_pixbuf_get_height (pixbuf);
              double x = TX_MARGIN_LEFT + (TEXT_WIDTH - gdk_pixbuf_get_width (pixbuf) * scale) / 2;

              cairo_save (cr);
              cairo_translate (cr, x, placed->y);
              cairo_scale (cr, scale, scale);
              cairo_set_source_surface (cr, image, 0, 0);
              cairo_paint (cr);
              cairo_restore (cr);
              cairo_surface_destroy (image);
            }
        }
      pango_layout_set_alignment (caption, PANGO_ALIGN_CENTER);
      pango_cairo_update_layout (cr, caption);
      show_layout_at (cr, caption, TX_MARGIN_LEFT, placed->y + placed->height + 6);
      return;
    }

  {
    g_autoptr(PangoLayout) layout = item_layout (archive, item);
    double y = placed->y;

    pango_cairo_update_layout (cr, layout);
    for (int line = placed->first; line < placed->first + placed->n; line++)
      {
        PangoLayoutLine *layout_line = pango_layout_get_line_readonly (layout, line);
        PangoRectangle logical;

        pango_layout_line_get_pixel_extents (layout_line, NULL, &logical);
        cairo_move_to (cr, TX_MARGIN_LEFT, y - logical.y);
        pango_cairo_show_layout_line (cr, layout_line);
        y += logical.height * 1.25;
      }
  }
}

static void
draw_page_cb (cairo_t  *cr,
              guint     page,
              gpointer  user_data)
{
  Archive *archive = user_data;

  cairo_set_source_rgb (cr, 0, 0, 0);
  if (page == 0)
    draw_cover (archive, cr);
  else if (page == 1)
    draw_contents (archive, cr);
  else
    {
      GPtrArray *placed = g_ptr_array_index (archive->pages, page - 2);

      for (guint i = 0; i < placed->len; i++)
        draw_placed (archive, cr, g_ptr_array_index (placed, i));
      /* the sign-in sheet numbers its own pages */
      if (placed->len == 0 || ((Placed *) g_ptr_array_index (placed, 0))->item->kind != ITEM_SHEET)
        draw_page_number (cr, page + 1);
    }
}

/**
 * tx_archive_write_pdf:
 * @consultation: loaded with its outcomes (tx_store_load_consultation())
 * @retention: 保管期限: 永久, 长期 or 短期 (as the office files it)
 * @today: the day it is filed
 * @n_pages: (out) (optional): the pages written
 *
 * Writes the dossier of @consultation to @path, whole or not at all.
 */
gboolean
tx_archive_write_pdf (TxStore         *store,
                      TxConsultation  *consultation,
                      const char      *retention,
                      TxDate           today,
                      const char      *path,
                      guint           *n_pages,
                      GError         **error)
{
  g_autofree char *title = g_strdup_printf ("%s档案", tx_consultation_get_title (consultation));
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
  cairo_t *measure = cairo_create (scratch);
  Archive archive = { consultation, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, store };
  gboolean ok;
  int year = tx_consultation_get_year (consultation);

  archive.township = g_strdup (tx_consultation_get_township_name (consultation));
  archive.year = year > 0 ? g_strdup_printf ("%d", year) : g_strdup ("—");
  archive.retention = g_strdup (retention);
  archive.archived = tx_date_format_chinese (today);
  archive.items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  archive.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  archive.contents = g_ptr_array_new_with_free_func (g_free);
  archive.context = pango_cairo_create_context (measure);

  ok = collect (&archive, store, error);
  if (ok)
    {
      paginate (&archive);
      ok = tx_doc_file_write (path, TX_DOC_FILE_PDF, TX_A4_WIDTH, TX_A4_HEIGHT, archive.pages->len + 2, title,
                              draw_page_cb, &archive, error);
      if (ok && n_pages != NULL)
        *n_pages = archive.pages->len + 2;
    }

  g_object_unref (archive.context);
  cairo_destroy (measure);
  cairo_surface_destroy (scratch);
  g_clear_pointer (&archive.sheet, tx_table_document_free);
  g_ptr_array_unref (archive.contents);
  g_ptr_array_unref (archive.pages);
  g_ptr_array_unref (archive.items);
  g_free (archive.township);
  g_free (archive.year);
  g_free (archive.retention);
  g_free (archive.archived);

  return ok;
}

/* A file name of @title: what a file system takes */
static char *
file_name_of (guint       number,
              const char *title)
{
  g_autofree char *clean = g_strdup (title);

  g_strdelimit (clean, "/\\:*?\"<>|\n\r\t", '_');
  return g_strdup_printf ("%02u-%s.pdf", number, clean);
}

static gboolean
add_zip_file (GsfOutfile *zip,
              const char *name,
              const char *path)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  GsfOutput *child;
  gboolean ok;

  if (mapped == NULL)
    return FALSE;
  /* a PDF is compressed already */
  child = gsf_outfile_new_child_full (zip, name, FALSE, "compression-level", GSF_ZIP_STORED, NULL);
  if (child == NULL)
    return FALSE;
  ok = gsf_output_write (child, g_mapped_file_get_length (mapped), (const guint8 *) g_mapped_file_get_contents (mapped)) &&
       gsf_output_close (child);
  g_object_unref (child);

  return ok;
}

/**
 * tx_archive_write_year:
 * @township: a township's name or uuid
 * @n_dossiers: (out) (optional): the consultations filed
 *
 * Writes the year's 台账 of @township to the zip @path, whole or not at
 * all: every consultation of the year as its dossier (01-题名.pdf, …,
 * in the order of their meetings), and 台账目录.xlsx, a row a
 * consultation (number, title, dates, stage, recommendations,
 * attachments, its file).
 */
gboolean
tx_archive_write_year (TxStore     *store,
                       const char  *township,
                       int          year,
                       const char  *retention,
                       TxDate       today,
                       const char  *path,
                       guint       *n_dossiers,
                       GError     **error)
{
  return tx_archive_write_year_full (store, township, year, retention, today, path, NULL, NULL, NULL,
                                     n_dossiers, error);
}

/**
 * tx_archive_write_year_full:
 * @progress: (nullable): told before each dossier, and when all are
 *   written, in this thread
 * @cancellable: (nullable): stops it between two dossiers; nothing is
 *   written then
 *
 * As tx_archive_write_year(), telling how far it is.
 */
gboolean
tx_archive_write_year_full (TxStore               *store,
                            const char            *township,
                            int                    year,
                            const char            *retention,
                            TxDate                 today,
                            const char            *path,
                            TxArchiveProgressFunc  progress,
                            gpointer               progress_data,
                            GCancellable          *cancellable,
                            guint                 *n_dossiers,
                            GError               **error)
{
  static const char * const header[] = {
    "序号", "题名", "乡镇（街道）", "协商时间", "当前环节", "协商建言", "已采纳", "附件", "文件",
  };
  static const double widths[] = { 6, 36, 14, 14, 10, 10, 8, 8, 40 };
  static const char * const stage_names[] = { "选题", "调研", "协商", "报送", "反馈", "监督", "已完成" };
  g_autoptr(GPtrArray) consultations = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TxFileWriter) writer = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *index = NULL;
  GsfOutput *sink = NULL;
  GsfOutfile *zip = NULL;
  gboolean ok = TRUE;

  consultations = tx_store_list_consultations (store, year, township, error);
  if (consultations == NULL)
    return FALSE;
  if (consultations->len == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("%s has no consultation in %d: there is nothing to file."), township, year);
      return FALSE;
    }

  dir = g_dir_make_tmp ("tongxin-archive-XXXXXX", error);
  if (dir == NULL)
    return FALSE;

  writer = tx_file_writer_new (path, error);
  if (writer == NULL)
    ok = FALSE;
  if (ok)
    {
      gsf_init ();
      sink = gsf_output_stdio_new (tx_file_writer_get_temp_path (writer), NULL);
      zip = sink != NULL ? gsf_outfile_zip_new (sink, NULL) : NULL;
      ok = zip != NULL;
      if (!ok)
        tx_file_writer_set_failed (writer, 0);
    }

  for (guint i = 0; ok && i < consultations->len; i++)
    {
      TxConsultation *listed = g_ptr_array_index (consultations, i);
      g_autoptr(TxConsultation) consultation = tx_store_load_consultation (store, tx_consultation_get_uuid (listed), error);
      g_autoptr(GPtrArray) attachments = NULL;
      g_autofree char *name = NULL;
      g_autofree char *pdf = NULL;
      g_autofree char *when = NULL;
      GPtrArray *outcomes;
      guint adopted = 0;

      if (progress != NULL)
        progress (i, consultations->len, progress_data);
      if (consultation == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      attachments = tx_attachment_list (store, "consultation", tx_consultation_get_uuid (consultation), error);
      name = file_name_of (i + 1, tx_consultation_get_title (consultation));
      pdf = g_build_filename (dir, "dossier.pdf", NULL);
      ok = attachments != NULL &&
           tx_archive_write_pdf (store, consultation, retention, today, pdf, NULL, error);
      if (ok && !add_zip_file (zip, name, pdf))
        {
          tx_file_writer_set_failed (writer, 0);
          ok = FALSE;
        }
      g_unlink (pdf);
      if (!ok)
        break;

      outcomes = tx_consultation_get_outcomes (consultation);
      for (guint o = 0; outcomes != NULL && o < outcomes->len; o++)
        adopted += tx_outcome_get_adoption (g_ptr_array_index (outcomes, o)) == TX_ADOPTION_ADOPTED ||
                   tx_outcome_get_adoption (g_ptr_array_index (outcomes, o)) == TX_ADOPTION_PARTLY_ADOPTED;
      when = tx_doc_format_date (tx_consultation_get_starts (consultation));
      g_ptr_array_add (cells, g_strdup_printf ("%u", i + 1));
      g_ptr_array_add (cells, g_strdup (tx_consultation_get_title (consultation)));
      g_ptr_array_add (cells, g_strdup (tx_consultation_get_township_name (consultation)));
      g_ptr_array_add (cells, g_strdup (when != NULL ? when : ""));
      g_ptr_array_add (cells, g_strdup (stage_names[MIN (tx_consultation_get_current_stage (consultation), TX_N_STAGES)]));
      g_ptr_array_add (cells, g_strdup_printf ("%u", outcomes != NULL ? outcomes->len : 0));
      g_ptr_array_add (cells, g_strdup_printf ("%u", adopted));
      g_ptr_array_add (cells, g_strdup_printf ("%u", attachments->len));
      g_ptr_array_add (cells, g_strdup (name));
    }

  /* stopped after the last dossier: still nothing written */
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;

  /* the index */
  index = g_build_filename (dir, "index.xlsx", NULL);
  if (ok)
    ok = tx_xlsx_write_table (index, "台账目录", G_N_ELEMENTS (header), header, widths,
                              (const char * const *) cells->pdata, cells->len, error);
  if (ok && !add_zip_file (zip, "台账目录.xlsx", index))
    {
      tx_file_writer_set_failed (writer, 0);
      ok = FALSE;
    }
  g_unlink (index);
  g_rmdir (dir);

  if (zip != NULL)
    {
      if (!gsf_output_close (GSF_OUTPUT (zip)) && ok)
        tx_file_writer_set_failed (writer, 0);
      g_object_unref (zip);
    }
  if (sink != NULL)
    {
      if (!gsf_output_is_closed (sink))
        gsf_output_close (sink);
      g_object_unref (sink);
    }

  if (writer == NULL)
    return FALSE;
  if (!ok && error != NULL && *error != NULL)
    {
      /* said already (the database): the file is not written */
      g_autoptr(GError) ignored = NULL;

      tx_file_writer_set_failed (writer, 0);
      tx_file_writer_commit (writer, &ignored);
      return FALSE;
    }
  if (!tx_file_writer_commit (writer, error))
    return FALSE;

  if (progress != NULL)
    progress (consultations->len, consultations->len, progress_data);
  if (n_dossiers != NULL)
    *n_dossiers = consultations->len;
  return TRUE;
}
