/* tx-attention-list.c — the Overview's list of what needs attention
 *
 * The reasons behind the colours of a quarter, the most serious first,
 * each opening its record.  A township's own list is short and shows
 * every reason.  A city's runs to thousands: over fifty, the reasons
 * are grouped by township, one row each, the worst township first,
 * saying its main reasons and how many more there are (“等N项”); a
 * township's reasons are listed when its row is opened.  The window
 * lays out a row per township, not a row per reason, and the twenty
 * worst townships first, then the others when asked.  Read again (a
 * file received, a save), a city's rows are changed in place, a few in
 * each frame: laying out twenty rows of reasons at once stalled the
 * window for a tenth of a second and more at each file a city received.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-attention-list.h"
#include "tx-chart.h"
#include "tx-text-rows.h"

/* More reasons than this are grouped by township: a city's thousands
 * of rows would take seconds to lay out. */
#define MAX_LISTED 50

/* The reasons a township's row names */
#define GROUP_NAMED 3

/* The townships listed at first, the worst first: a hundred grouped
 * rows take half a second to lay out.  A last row lists the others. */
#define GROUPS_FIRST 20

/* A reason: a rule hit and its township, both of the ledger shown. */
typedef struct {
  const TxLedgerEntry *entry;
  const TxLedgerHit   *hit;
} Attention;

struct _TxAttentionList
{
  GtkListBox          *list;        /* the rows, owned by the window */
  GtkSizeGroup        *badge_size_group;
  TxAttentionOpenFunc  open;
  gpointer             user_data;

  GPtrArray           *attention;   /* Attention, the worst first */
  GPtrArray           *groups;      /* GPtrArray of Attention, a township's, the worst first */

  /* the rows being shown, a few a frame (show_rows()) */
  TxRowPacer           pacer;
  guint                next;        /* the next group, or reason, to show */
  guint                shown_to;    /* the groups, or reasons, to show */
};

/**
 * tx_color_badge_new:
 * @size_group: the badges of a list are as wide as the widest, so that
 *   the townships' names line up
 *
 * The colour of a township or of a reason: the word and the mark of the
 * ledger chart, on the colour of the chart; in the Overview's list and
 * in the circular's dialog alike.
 */
static void
set_badge_color (GtkLabel *badge,
                 TxColor   color)
{
  static const char * const marks[] = { "✓", "!", "✕" };
  const char *words[] = {
    C_("ledger colour", "Green"), C_("ledger colour", "Yellow"), C_("ledger colour", "Red"),
  };
  g_autofree char *markup = NULL;
  double r, g, b;

  tx_chart_color_rgb (color, &r, &g, &b);
  markup = g_markup_printf_escaped ("<span background=\"#%02x%02x%02x\" foreground=\"%s\" weight=\"bold\">"
                                    " %s %s </span>",
                                    (guint) (r * 255 + 0.5), (guint) (g * 255 + 0.5), (guint) (b * 255 + 0.5),
                                    color == TX_COLOR_YELLOW ? "#1a1a1a" : "#ffffff",
                                    marks[color], words[color]);
  /* the same colour: the badge keeps its layout */
  if (g_strcmp0 (gtk_label_get_label (badge), markup) != 0)
    gtk_label_set_markup (badge, markup);
}

GtkWidget *
tx_color_badge_new (TxColor       color,
                    GtkSizeGroup *size_group)
{
  GtkWidget *badge;

  g_return_val_if_fail (color <= TX_COLOR_RED, NULL);

  badge = gtk_label_new (NULL);
  set_badge_color (GTK_LABEL (badge), color);
  gtk_label_set_xalign (GTK_LABEL (badge), 0);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "tx-color-badge");
  if (size_group != NULL)
    gtk_size_group_add_widget (size_group, badge);

  return badge;
}

/* The most serious first: red before yellow, then the longest overdue
 * or waiting, then by township. */
static int
compare_attention (gconstpointer a,
                   gconstpointer b)
{
  const Attention *x = *(const Attention * const *) a;
  const Attention *y = *(const Attention * const *) b;
  int order;

  if (x->hit->color != y->hit->color)
    return x->hit->color > y->hit->color ? -1 : 1;
  /* days behind the plan are not days: after the others */
  if ((x->hit->rule >= TX_RULE_PLAN_BEHIND) != (y->hit->rule >= TX_RULE_PLAN_BEHIND))
    return x->hit->rule >= TX_RULE_PLAN_BEHIND ? 1 : -1;
  if (x->hit->days != y->hit->days)
    return x->hit->days > y->hit->days ? -1 : 1;
  order = g_utf8_collate (x->entry->township_name, y->entry->township_name);
  if (order != 0)
    return order;

  return g_strcmp0 (x->hit->title, y->hit->title);
}

static void
on_reason_activated_cb (AdwActionRow    *row,
                        TxAttentionList *self)
{
  const Attention *attention = g_object_get_data (G_OBJECT (row), "tx-attention");

  /* a row about to be made anew */
  if (attention == NULL)
    return;
  self->open (attention->hit, self->user_data);
}

/* A reason's row: @row made by create_reason_row() for a reason of the
 * same kind, changed only where it says something else */
static void
update_reason_row (AdwActionRow    *row,
                   const Attention *attention)
{
  if (g_object_get_data (G_OBJECT (row), "tx-with-township") != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attention->entry->township_name);
      adw_action_row_set_subtitle (row, attention->hit->text);
    }
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attention->hit->text);
  set_badge_color (g_object_get_data (G_OBJECT (row), "tx-badge"), attention->hit->color);
  g_object_set_data (G_OBJECT (row), "tx-attention", (gpointer) attention);
}

static GtkWidget *
create_reason_row (TxAttentionList *self,
                   const Attention *attention,
                   gboolean         with_township)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *badge = tx_color_badge_new (attention->hit->color, self->badge_size_group);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (row, badge);
  adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "tx-badge", badge);
  if (with_township)
    g_object_set_data (G_OBJECT (row), "tx-with-township", GINT_TO_POINTER (TRUE));
  update_reason_row (row, attention);
  g_signal_connect (row, "activated", G_CALLBACK (on_reason_activated_cb), self);

  return GTK_WIDGET (row);
}

/* A township's reasons, listed when its row is first opened */
static void
on_group_expanded_cb (AdwExpanderRow  *row,
                      GParamSpec      *pspec,
                      TxAttentionList *self)
{
  GPtrArray *group = g_object_get_data (G_OBJECT (row), "tx-reasons");

  if (!adw_expander_row_get_expanded (row) || g_object_get_data (G_OBJECT (row), "tx-listed") != NULL ||
      group == NULL)
    return;

  g_object_set_data (G_OBJECT (row), "tx-listed", GINT_TO_POINTER (TRUE));
  for (guint i = 0; i < group->len; i++)
    adw_expander_row_add_row (row, create_reason_row (self, g_ptr_array_index (group, i), FALSE));
}

/* A township's row: its worst colour, its main reasons and how many
 * more.  @group: its Attention, the worst first.  @row: made by
 * create_group_row(), its reasons not listed; changed only where it
 * says something else, so that it is not laid out again for nothing. */
static void
update_group_row (TxAttentionList *self,
                  AdwExpanderRow  *row,
                  GPtrArray       *group)
{
  const Attention *worst = g_ptr_array_index (group, 0);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  for (guint i = 0; i < group->len && i < GROUP_NAMED; i++)
    {
      if (i > 0)
        g_string_append_c (subtitle, '\n');
      g_string_append (subtitle, ((Attention *) g_ptr_array_index (group, i))->hit->text);
    }
  if (group->len > GROUP_NAMED)
    {
      guint rest = group->len - GROUP_NAMED;

      g_string_append_c (subtitle, '\n');
      /* Translators: under a township's main reasons, how many more it has */
      g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "and %u more reason",
                                                     "and %u more reasons", rest),
                              rest);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), worst->entry->township_name);
  adw_expander_row_set_subtitle (row, subtitle->str);
  set_badge_color (g_object_get_data (G_OBJECT (row), "tx-badge"), worst->hit->color);
  g_object_set_data_full (G_OBJECT (row), "tx-reasons", g_ptr_array_ref (group),
                          (GDestroyNotify) g_ptr_array_unref);
}

static GtkWidget *
create_group_row (TxAttentionList *self,
                  GPtrArray       *group)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  const Attention *worst = g_ptr_array_index (group, 0);
  GtkWidget *badge = tx_color_badge_new (worst->hit->color, self->badge_size_group);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_add_prefix (row, badge);
  g_object_set_data (G_OBJECT (row), "tx-badge", badge);
  update_group_row (self, row, group);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_group_expanded_cb), self);

  return GTK_WIDGET (row);
}

static gboolean show_rows (gpointer data,
                           gboolean all);

/* The lines of text the @i-th row lays out (update_group_row()): a
 * township's name, its main reasons and how many more; or a reason and
 * its township */
static guint
count_row_lines (TxAttentionList *self,
                 guint            i)
{
  guint reasons;

  if (self->groups == NULL)
    return 2;

  reasons = ((GPtrArray *) g_ptr_array_index (self->groups, i))->len;
  return 1 + MIN (reasons, GROUP_NAMED) + (reasons > GROUP_NAMED ? 1 : 0);
}

/* The other townships, under those shown, focus where it was */
static void
on_more_activated_cb (AdwActionRow    *row,
                      TxAttentionList *self)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  GtkListBoxRow *first_new;

  gtk_list_box_remove (self->list, GTK_WIDGET (row));
  self->shown_to = self->groups->len;
  /* asked for: shown at once */
  tx_row_pacer_stop (&self->pacer);
  show_rows (self, TRUE);
  first_new = gtk_list_box_get_row_at_index (self->list, index);
  if (first_new != NULL && !gtk_widget_grab_focus (GTK_WIDGET (first_new)))
    gtk_widget_child_focus (GTK_WIDGET (first_new), GTK_DIR_TAB_FORWARD);
}

/* The row that lists the townships not shown */
static GtkWidget *
create_more_row (TxAttentionList *self)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  guint rest = self->groups->len - self->shown_to;
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More Township",
                                                         "Show %u More Townships", rest),
                                            rest);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect (row, "activated", G_CALLBACK (on_more_activated_cb), self);

  return GTK_WIDGET (row);
}

/* The next few rows, as many as the frame allows (the lists of the
 * Overview share a few a frame; all, @all): a row there already of
 * the same kind (a township's, its reasons not listed; a reason's)
 * says the group or the reason now at its place; another is made
 * anew.  After the last, the rows left over go, and when grouped a
 * last row lists the townships not shown. */
static gboolean
show_rows (gpointer data,
           gboolean all)
{
  TxAttentionList *self = data;

  for (; self->next < self->shown_to && (all || tx_text_rows_frame_allows (GTK_WIDGET (self->list),
                                                                           count_row_lines (self, self->next)));
       self->next++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, self->next);
      GtkWidget *made;

      if (self->groups != NULL)
        {
          GPtrArray *group = g_ptr_array_index (self->groups, self->next);

          if (row != NULL && ADW_IS_EXPANDER_ROW (row) && g_object_get_data (G_OBJECT (row), "tx-reasons") != NULL &&
              g_object_get_data (G_OBJECT (row), "tx-listed") == NULL)
            {
              update_group_row (self, ADW_EXPANDER_ROW (row), group);
              continue;
            }
          made = create_group_row (self, group);
        }
      else
        {
          const Attention *attention = g_ptr_array_index (self->attention, self->next);

          if (row != NULL && ADW_IS_ACTION_ROW (row) && g_object_get_data (G_OBJECT (row), "tx-with-township") != NULL)
            {
              update_reason_row (ADW_ACTION_ROW (row), attention);
              continue;
            }
          made = create_reason_row (self, attention, TRUE);
        }
      if (row != NULL)
        gtk_list_box_remove (self->list, GTK_WIDGET (row));
      gtk_list_box_insert (self->list, made, self->next);
    }
  if (self->next < self->shown_to)
    return TRUE;

  /* the rows after, of before */
  for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (self->list, self->shown_to)) != NULL;)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
  if (self->groups != NULL && self->shown_to < self->groups->len)
    gtk_list_box_append (self->list, create_more_row (self));
  return FALSE;
}

/* Before the rows are changed, a few a frame: each row there already
 * leads to what it will say (the reasons shown until now are of a
 * ledger gone), or, when it is to be made anew or to go, to nothing,
 * and cannot be used meanwhile */
static void
retarget_rows (TxAttentionList *self)
{
  guint i = 0;

  for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    {
      gboolean kept = FALSE;

      if (i < self->shown_to && self->groups != NULL)
        {
          kept = ADW_IS_EXPANDER_ROW (row) && g_object_get_data (G_OBJECT (row), "tx-reasons") != NULL &&
                 g_object_get_data (G_OBJECT (row), "tx-listed") == NULL;
          if (kept)
            g_object_set_data_full (G_OBJECT (row), "tx-reasons", g_ptr_array_ref (g_ptr_array_index (self->groups, i)),
                                    (GDestroyNotify) g_ptr_array_unref);
        }
      else if (i < self->shown_to)
        {
          kept = ADW_IS_ACTION_ROW (row) && g_object_get_data (G_OBJECT (row), "tx-with-township") != NULL;
          if (kept)
            g_object_set_data (G_OBJECT (row), "tx-attention", g_ptr_array_index (self->attention, i));
        }
      if (!kept)
        {
          g_object_set_data (G_OBJECT (row), "tx-attention", NULL);
          g_object_set_data (G_OBJECT (row), "tx-reasons", NULL);
        }
      gtk_widget_set_sensitive (GTK_WIDGET (row), kept);
    }
}

/* The rows, the first @n of them: a few a frame while the list is on
 * screen, else at once (nothing to lay out meanwhile) */
static void
start_rows (TxAttentionList *self,
            guint            n)
{
  self->next = 0;
  self->shown_to = n;
  retarget_rows (self);
  tx_row_pacer_start (&self->pacer);
}

/**
 * tx_attention_list_is_filling:
 *
 * Whether rows are still to be changed, a few each frame (for the tests)
 */
gboolean
tx_attention_list_is_filling (TxAttentionList *self)
{
  return tx_row_pacer_is_running (&self->pacer);
}

/* The reasons by township, a township where its worst reason comes:
 * they are sorted already. */
static void
group_reasons (TxAttentionList *self)
{
  g_autoptr(GHashTable) groups = g_hash_table_new (NULL, NULL);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < self->attention->len; i++)
    {
      Attention *attention = g_ptr_array_index (self->attention, i);
      GPtrArray *group = g_hash_table_lookup (groups, attention->entry);

      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (groups, (gpointer) attention->entry, group);
          g_ptr_array_add (self->groups, group);
        }
      g_ptr_array_add (group, attention);
    }
}

static void
clear_rows (TxAttentionList *self)
{
  GtkWidget *child;

  tx_row_pacer_stop (&self->pacer);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

/**
 * tx_attention_list_new:
 * @list: the list box to fill, which outlives this
 * @open: called with the reason of a row activated
 */
TxAttentionList *
tx_attention_list_new (GtkListBox          *list,
                       TxAttentionOpenFunc  open,
                       gpointer             user_data)
{
  TxAttentionList *self = g_new0 (TxAttentionList, 1);

  self->list = list;
  self->open = open;
  self->user_data = user_data;
  tx_row_pacer_init (&self->pacer, GTK_WIDGET (list), show_rows, self);
  self->badge_size_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  return self;
}

void
tx_attention_list_free (TxAttentionList *self)
{
  if (self == NULL)
    return;

  tx_row_pacer_stop (&self->pacer);
  g_clear_object (&self->badge_size_group);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->attention, g_ptr_array_unref);
  g_free (self);
}

/* Whether @attention, sorted, says what the rows say */
static gboolean
shows_same (TxAttentionList *self,
            GPtrArray       *attention)
{
  if (self->attention == NULL || attention->len == 0 || self->attention->len != attention->len)
    return FALSE;

  for (guint i = 0; i < attention->len; i++)
    {
      const Attention *shown = g_ptr_array_index (self->attention, i);
      const Attention *now = g_ptr_array_index (attention, i);

      if (shown->hit->color != now->hit->color ||
          g_strcmp0 (shown->hit->text, now->hit->text) != 0 ||
          g_strcmp0 (shown->entry->township_name, now->entry->township_name) != 0)
        return FALSE;
    }

  return TRUE;
}

/**
 * tx_attention_list_show:
 * @ledger: (nullable): the ledger shown, which outlives the rows; %NULL
 *   for none
 *
 * The reasons of @ledger, the worst first, grouped by township when
 * there are many; or that there is nothing to attend to.
 */
void
tx_attention_list_show (TxAttentionList *self,
                        const TxLedger  *ledger)
{
  g_autoptr(GPtrArray) attention = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; ledger != NULL && i < ledger->entries->len; i++)
    {
      const TxLedgerEntry *entry = g_ptr_array_index (ledger->entries, i);

      for (guint h = 0; h < entry->hits->len; h++)
        {
          Attention *item = g_new0 (Attention, 1);

          item->entry = entry;
          item->hit = g_ptr_array_index (entry->hits, h);
          g_ptr_array_add (attention, item);
        }
    }
  g_ptr_array_sort (attention, compare_attention);

  /* The same reasons as shown (a save that changed none, the Overview
   * read again): the rows stay as they are, opened or not, and now
   * lead to the records of @ledger.  Made anew, a city's rows took a
   * tenth of a second and more. */
  if (shows_same (self, attention))
    {
      for (guint i = 0; i < attention->len; i++)
        {
          Attention *shown = g_ptr_array_index (self->attention, i);
          const Attention *now = g_ptr_array_index (attention, i);

          shown->entry = now->entry;
          shown->hit = now->hit;
        }
      return;
    }

  /* the rows changed in place, a few a frame; when grouped, as many
   * townships as were shown, all when the others were asked for */
  if (attention->len > 0)
    {
      gboolean all = self->groups != NULL && self->shown_to >= self->groups->len && self->groups->len > GROUPS_FIRST;

      g_clear_pointer (&self->groups, g_ptr_array_unref);
      g_clear_pointer (&self->attention, g_ptr_array_unref);
      self->attention = g_ptr_array_ref (attention);
      if (attention->len > MAX_LISTED)
        {
          group_reasons (self);
          start_rows (self, all ? self->groups->len : MIN (self->groups->len, GROUPS_FIRST));
        }
      else
        start_rows (self, attention->len);
      return;
    }

  clear_rows (self);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->attention, g_ptr_array_unref);
  self->attention = g_ptr_array_ref (attention);

  if (attention->len == 0 && ledger != NULL && ledger->entries->len == 0)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No townships yet"));
      adw_action_row_set_subtitle (row, _("The ledger rates the townships of the roster and of the consultations. "
                                          "Import a roster or add a consultation first."));
      gtk_list_box_append (self->list, GTK_WIDGET (row));
    }
  else if (attention->len == 0 && ledger != NULL)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing needs attention"));
      adw_action_row_set_subtitle (row, _("Every township is on schedule this quarter."));
      adw_action_row_add_prefix (row, tx_color_badge_new (TX_COLOR_GREEN, self->badge_size_group));
      gtk_list_box_append (self->list, GTK_WIDGET (row));
    }
}

/* No rows */
void
tx_attention_list_clear (TxAttentionList *self)
{
  clear_rows (self);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->attention, g_ptr_array_unref);
}
