/* tx-text-rows.c — a list of rows of text, changed a few a frame
 *
 * The Overview's lists of a title and a subtitle a row: each
 * township's last file (the city's), those in post too long without a
 * training.  Read again (a file received, a save), the rows there are
 * are changed in place, and only where they say something else; and a
 * few rows are made or changed in each frame, not a city's hundred at
 * once, which held the window up for half a second when the files
 * received were first shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-overview-page"

#include "config.h"

#include <string.h>

#include "tx-text-rows.h"

/* The lines of text made or changed in one frame, in all the lists
 * together: three rows of a title and a subtitle, or one township of
 * 需要关注 with its main reasons.  A wrapped label is measured a dozen
 * times when its row is first laid out (GtkBox asks each child's width
 * for its height, which GtkLabel finds by trying widths), a township's
 * four lines of reasons 16 ms on an office PC. */
#define LINES_A_FRAME 6

struct _TxTextRows
{
  GtkListBox *list;        /* the rows, owned by the window */
  GPtrArray  *rows;        /* TxTextRow, what they are to say */
  guint       next;        /* the next to show */
  TxRowPacer  pacer;
};

TxTextRow *
tx_text_row_new (const char *title,
                 const char *subtitle,
                 gboolean    warning)
{
  TxTextRow *row = g_new0 (TxTextRow, 1);

  row->title = g_strdup (title);
  row->subtitle = g_strdup (subtitle);
  row->warning = warning;

  return row;
}

void
tx_text_row_free (TxTextRow *row)
{
  if (row == NULL)
    return;

  g_free (row->title);
  g_free (row->subtitle);
  g_free (row);
}

/**
 * tx_text_rows_frame_allows:
 * @list: a list on screen
 * @lines: the lines of text of the row to make or change
 *
 * Whether @list may make or change one more row in this frame: the
 * Overview's lists, read again together, share LINES_A_FRAME lines of
 * text a frame (a dozen rows made at once stalled the window over a
 * tenth of a second).  The first row of a frame is always allowed,
 * however long, and any row of a list not on screen.  Counts the row's
 * lines if so.
 */
gboolean
tx_text_rows_frame_allows (GtkWidget *list,
                           guint      lines)
{
  static GdkFrameClock *clock;
  static gint64 frame = -1;
  static guint used;
  GdkFrameClock *now_clock = gtk_widget_get_frame_clock (list);
  gint64 now_frame;

  /* not on screen: nothing is laid out meanwhile */
  if (now_clock == NULL)
    return TRUE;

  now_frame = gdk_frame_clock_get_frame_counter (now_clock);
  if (now_clock != clock || now_frame != frame)
    {
      clock = now_clock;
      frame = now_frame;
      used = 0;
    }
  if (used > 0 && used + lines > LINES_A_FRAME)
    return FALSE;

  used += lines;
  return TRUE;
}

/**
 * tx_text_rows_count_lines:
 * @text: (nullable): a label's text
 *
 * The lines @text has, not counting those it wraps into.
 */
guint
tx_text_rows_count_lines (const char *text)
{
  guint lines;

  if (text == NULL || *text == '\0')
    return 0;

  lines = 1;
  for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    lines++;

  return lines;
}

static gboolean
on_pacer_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *frame_clock,
                  gpointer       user_data)
{
  TxRowPacer *pacer = user_data;

  if (pacer->show (pacer->data, FALSE))
    return G_SOURCE_CONTINUE;

  pacer->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/**
 * tx_row_pacer_init:
 * @list: the list whose rows @show shows, which outlives @pacer
 */
void
tx_row_pacer_init (TxRowPacer     *pacer,
                   GtkWidget      *list,
                   TxRowPacerFunc  show,
                   gpointer        data)
{
  pacer->list = list;
  pacer->show = show;
  pacer->data = data;
  pacer->tick_id = 0;
}

/**
 * tx_row_pacer_start:
 *
 * Shows the rows: the first few now and the others a few each frame
 * while the list is on screen; all at once when it is not (nothing is
 * laid out meanwhile).  Rows still being shown are left where they are,
 * and shown from where @show begins now.
 */
void
tx_row_pacer_start (TxRowPacer *pacer)
{
  tx_row_pacer_stop (pacer);
  if (pacer->show (pacer->data, !gtk_widget_get_mapped (pacer->list)))
    pacer->tick_id = gtk_widget_add_tick_callback (pacer->list, on_pacer_tick_cb, pacer, NULL);
}

/* No more rows are shown until started again. */
void
tx_row_pacer_stop (TxRowPacer *pacer)
{
  if (pacer->tick_id != 0)
    gtk_widget_remove_tick_callback (pacer->list, pacer->tick_id);
  pacer->tick_id = 0;
}

/* Whether rows are still to be shown, a few each frame */
gboolean
tx_row_pacer_is_running (TxRowPacer *pacer)
{
  return pacer->tick_id != 0;
}

static GtkWidget *
create_row (void)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_visible (icon, FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), "tx-warning-icon", icon);

  return row;
}

/* Whether @row, made by create_row(), says something else than @text */
static gboolean
differs (GtkWidget       *row,
         const TxTextRow *text)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "tx-warning-icon");
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text->title) != 0 ||
         g_strcmp0 (subtitle != NULL && *subtitle != '\0' ? subtitle : NULL, text->subtitle) != 0 ||
         gtk_widget_get_visible (icon) != text->warning;
}

static void
update_row (GtkWidget       *row,
            const TxTextRow *text)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "tx-warning-icon");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text->subtitle);
  gtk_widget_set_visible (icon, text->warning);
}

/* The next rows, as many as the frame allows to be made or changed
 * (or all, @all); after the last, the rows left over go.  Whether rows
 * are left to show. */
static gboolean
show_rows (gpointer data,
           gboolean all)
{
  TxTextRows *self = data;
  guint n = self->rows != NULL ? self->rows->len : 0;

  for (; self->next < n; self->next++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, self->next);
      const TxTextRow *text = g_ptr_array_index (self->rows, self->next);

      if (row != NULL && !differs (GTK_WIDGET (row), text))
        continue;
      if (!all && !tx_text_rows_frame_allows (GTK_WIDGET (self->list),
                                                 1 + tx_text_rows_count_lines (text->subtitle)))
        break;
      if (row == NULL)
        {
          row = GTK_LIST_BOX_ROW (create_row ());
          gtk_list_box_append (self->list, GTK_WIDGET (row));
        }
      update_row (GTK_WIDGET (row), text);
    }
  if (self->next < n)
    return TRUE;

  for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (self->list, n)) != NULL;)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
  return FALSE;
}

/**
 * tx_text_rows_new:
 * @list: the list box to fill, which outlives this
 */
TxTextRows *
tx_text_rows_new (GtkListBox *list)
{
  TxTextRows *self = g_new0 (TxTextRows, 1);

  self->list = list;
  tx_row_pacer_init (&self->pacer, GTK_WIDGET (list), show_rows, self);

  return self;
}

void
tx_text_rows_free (TxTextRows *self)
{
  if (self == NULL)
    return;

  tx_row_pacer_stop (&self->pacer);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self);
}

/**
 * tx_text_rows_show:
 * @rows: (element-type TxTextRow) (nullable) (transfer full): what the
 *   rows are to say, in order; %NULL for no row
 *
 * A few rows a frame while the list is on screen, else all at once.
 */
void
tx_text_rows_show (TxTextRows *self,
                   GPtrArray  *rows)
{
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows;
  self->next = 0;
  tx_row_pacer_start (&self->pacer);
}

/**
 * tx_text_rows_is_filling:
 *
 * Whether rows are still to be made or changed, a few each frame (for
 * the tests)
 */
gboolean
tx_text_rows_is_filling (TxTextRows *self)
{
  return tx_row_pacer_is_running (&self->pacer);
}
