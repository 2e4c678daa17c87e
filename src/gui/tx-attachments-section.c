/* tx-attachments-section.c — the photos, scans and files of a record
 *
 * A consultation's or a recommendation's attachments as tiles: a photo
 * shows itself, small, a scan or an office file its icon; each with its
 * caption and kind, opened in the desktop's viewer, its caption and
 * kind changed in a popover, deleted with an undo in a toast.  Files are
 * added by the chooser (several at once) or dropped on the section; a
 * photo is taken as 现场照片, anything else as 其他 until told.  Each is
 * kept by tx_attachment_add() at once (checked, at most 20 MB), apart
 * from the form's saving: a new record is saved first.  Thumbnails are
 * decoded in a thread, so a record with many photos opens as fast as
 * one without.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tx-attachments-section"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <poppler.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tx-attachment.h"
#include "tx-attachments-section.h"
#include "tx-editor-section.h"
#include "tx-editor.h"
#include "tx-file-toast.h"
#include "tx-off-reason.h"
#include "tx-vocabulary.h"

#define THUMBNAIL_WIDTH  160
#define THUMBNAIL_HEIGHT 120

struct _TxAttachmentsSection
{
  GtkBox        parent_instance;

  /* template children */
  GtkWidget    *add_button;
  GtkFlowBox   *flow_box;
  GtkWidget    *empty_label;

  char         *record_kind;    /* "consultation" or "outcome" */
  char         *record_uuid;    /* NULL: a new record, not saved yet */
  GPtrArray    *attachments;    /* TxAttachment, as the tiles show them */
  GCancellable *thumbnails;     /* of the tiles shown */
};

static void tx_attachments_section_iface_init (TxEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TxAttachmentsSection, tx_attachments_section, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (TX_TYPE_EDITOR_SECTION, tx_attachments_section_iface_init))

enum {
  PROP_0,
  PROP_RECORD_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TxEditor *
get_editor (TxAttachmentsSection *self)
{
  return tx_editor_section_get_editor (TX_EDITOR_SECTION (self));
}

static TxStore *
get_store (TxAttachmentsSection *self)
{
  TxEditor *editor = get_editor (self);

  return editor != NULL ? tx_editor_get_store (editor) : NULL;
}

/* Thumbnails, decoded in a thread */

/* The first page of a PDF, small, on white paper */
static GdkTexture *
render_first_page (GBytes  *bytes,
                   GError **error)
{
  PopplerDocument *document = poppler_document_new_from_bytes (bytes, NULL, error);   /* no autoptr in 22.12 */
  PopplerPage *page = document != NULL ? poppler_document_get_page (document, 0) : NULL;
  g_autoptr(GBytes) pixels = NULL;
  cairo_surface_t *surface;
  GdkTexture *texture;
  double width, height, scale;
  cairo_t *cr;

  if (page == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no page");
      g_clear_object (&document);
      return NULL;
    }

  poppler_page_get_size (page, &width, &height);
  scale = MIN (THUMBNAIL_WIDTH * 2 / MAX (width, 1), THUMBNAIL_HEIGHT * 2 / MAX (height, 1));
  /* opaque ARGB32: the layout of GDK_MEMORY_DEFAULT */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (1, (int) (width * scale)), MAX (1, (int) (height * scale)));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                        (gsize) cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface));
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface), cairo_image_surface_get_height (surface),
                                    GDK_MEMORY_DEFAULT, pixels, cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  g_object_unref (page);
  g_object_unref (document);

  return texture;
}

/* What the thread is given: the attachment, and its file as kept */
typedef struct {
  TxAttachment *attachment;
  GBytes       *bytes;
} Thumbnail;

static void
thumbnail_free (Thumbnail *thumbnail)
{
  tx_attachment_free (thumbnail->attachment);
  g_bytes_unref (thumbnail->bytes);
  g_free (thumbnail);
}

static TxAttachment *
copy_attachment (const TxAttachment *attachment)
{
  TxAttachment *copy = g_new0 (TxAttachment, 1);

  copy->uuid = g_strdup (attachment->uuid);
  copy->file_name = g_strdup (attachment->file_name);
  copy->media_type = g_strdup (attachment->media_type);
  copy->size = attachment->size;
  copy->sha256 = g_strdup (attachment->sha256);

  return copy;
}

static void
decode_thumbnail (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Thumbnail *thumbnail = task_data;
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (thumbnail->bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GdkPixbuf) turned = NULL;
  g_autofree char *why = tx_attachment_check_bytes (thumbnail->attachment, thumbnail->bytes);
  gsize length;
  const char *data = g_bytes_get_data (thumbnail->bytes, &length);

  /* the checksum here, not in the main thread: a damaged file shows
   * no picture of itself */
  if (why != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", why);
      return;
    }

  /* a scan: its first page */
  if (length >= 5 && memcmp (data, "%PDF-", 5) == 0)
    {
      GdkTexture *texture = render_first_page (thumbnail->bytes, &error);

      if (texture != NULL)
        g_task_return_pointer (task, texture, g_object_unref);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  loaded = gdk_pixbuf_new_from_stream_at_scale (stream, THUMBNAIL_WIDTH * 2, THUMBNAIL_HEIGHT * 2, TRUE, cancellable, &error);
  if (loaded == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  turned = gdk_pixbuf_apply_embedded_orientation (loaded);
  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (turned), g_object_unref);
}

static void
on_thumbnail_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);

  if (texture != NULL)
    gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

/* Tiles */

static void
on_open_clicked_cb (GtkButton            *button,
                    TxAttachmentsSection *self)
{
  tx_attachments_section_open (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tx-position")));
}

static void
on_delete_clicked_cb (GtkButton            *button,
                      TxAttachmentsSection *self)
{
  tx_attachments_section_delete (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tx-position")));
}

static void
on_save_edit_clicked_cb (GtkButton            *button,
                         TxAttachmentsSection *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  GtkEditable *caption = g_object_get_data (G_OBJECT (button), "tx-caption");
  GtkDropDown *kind = g_object_get_data (G_OBJECT (button), "tx-kind");

  gtk_popover_popdown (GTK_POPOVER (popover));
  tx_attachments_section_edit (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tx-position")),
                               gtk_editable_get_text (caption), (int) gtk_drop_down_get_selected (kind));
}

/* The popover that changes the caption and the kind */
static GtkWidget *
create_edit_popover (TxAttachmentsSection *self,
                     const TxAttachment   *attachment,
                     guint                 position)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *caption = gtk_entry_new ();
  GtkWidget *kind;
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));

  for (guint i = 0; i < tx_attachment_kind_get_count (); i++)
    gtk_string_list_append (kinds, tx_attachment_kind_get_label (i));
  kind = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (kinds)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), attachment->kind);
  gtk_editable_set_text (GTK_EDITABLE (caption), attachment->caption);
  gtk_entry_set_placeholder_text (GTK_ENTRY (caption), _("What it shows"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (caption), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Caption"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (kind), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind"), -1);
  gtk_widget_add_css_class (save, "suggested-action");
  g_object_set_data (G_OBJECT (save), "tx-position", GUINT_TO_POINTER (position));
  g_object_set_data (G_OBJECT (save), "tx-caption", caption);
  g_object_set_data (G_OBJECT (save), "tx-kind", kind);
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_edit_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), kind);
  gtk_box_append (GTK_BOX (box), save);
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  return popover;
}

static GtkWidget *
create_tile (TxAttachmentsSection *self,
             const TxAttachment   *attachment,
             guint                 position)
{
  GtkWidget *tile = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *preview;
  GtkWidget *caption = gtk_label_new (*attachment->caption != '\0' ? attachment->caption : attachment->file_name);
  GtkWidget *kind = gtk_label_new (tx_attachment_kind_get_label (attachment->kind));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *open = gtk_button_new_from_icon_name ("document-open-symbolic");
  GtkWidget *edit = gtk_menu_button_new ();
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");

  if (g_str_has_prefix (attachment->media_type, "image/") || g_strcmp0 (attachment->media_type, "application/pdf") == 0)
    {
      g_autoptr(GError) error = NULL;
      /* read as kept; checked and decoded in a thread */
      g_autoptr(GBytes) bytes = tx_attachment_read_unchecked (get_store (self), attachment->uuid, &error);

      preview = gtk_picture_new ();
      gtk_picture_set_can_shrink (GTK_PICTURE (preview), TRUE);
      /* a photo fills its tile, a scan's page shows whole */
      gtk_picture_set_content_fit (GTK_PICTURE (preview), g_str_has_prefix (attachment->media_type, "image/")
                                                          ? GTK_CONTENT_FIT_COVER : GTK_CONTENT_FIT_CONTAIN);
      gtk_picture_set_alternative_text (GTK_PICTURE (preview), attachment->file_name);
      if (bytes != NULL)
        {
          g_autoptr(GTask) task = g_task_new (NULL, self->thumbnails, on_thumbnail_cb, g_object_ref (preview));
          Thumbnail *thumbnail = g_new0 (Thumbnail, 1);

          thumbnail->attachment = copy_attachment (attachment);
          thumbnail->bytes = g_steal_pointer (&bytes);
          g_task_set_task_data (task, thumbnail, (GDestroyNotify) thumbnail_free);
          g_task_run_in_thread (task, decode_thumbnail);
        }
      else
        g_debug ("No thumbnail of %s: %s", attachment->uuid, error != NULL ? error->message : "no file");
    }
  else
    {
      preview = gtk_image_new_from_icon_name ("x-office-document-symbolic");
      gtk_image_set_pixel_size (GTK_IMAGE (preview), 48);
    }
  gtk_widget_set_size_request (preview, THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
  gtk_widget_add_css_class (preview, "card");

  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (caption), 16);
  gtk_widget_set_tooltip_text (caption, attachment->file_name);
  gtk_widget_add_css_class (kind, "caption");
  gtk_widget_add_css_class (kind, "dim-label");

  gtk_widget_set_tooltip_text (open, _("Open"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (edit), "document-edit-symbolic");
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (edit), FALSE);
  gtk_widget_set_tooltip_text (edit, _("Caption and Kind"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Caption and Kind"), -1);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (edit), create_edit_popover (self, attachment, position));
  gtk_widget_set_tooltip_text (delete, _("Delete"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete"), -1);
  gtk_widget_add_css_class (open, "flat");
  gtk_widget_add_css_class (delete, "flat");
  g_object_set_data (G_OBJECT (open), "tx-position", GUINT_TO_POINTER (position));
  g_object_set_data (G_OBJECT (delete), "tx-position", GUINT_TO_POINTER (position));
  g_signal_connect (open, "clicked", G_CALLBACK (on_open_clicked_cb), self);
  g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_clicked_cb), self);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), open);
  gtk_box_append (GTK_BOX (buttons), edit);
  gtk_box_append (GTK_BOX (buttons), delete);

  gtk_box_append (GTK_BOX (tile), preview);
  gtk_box_append (GTK_BOX (tile), caption);
  gtk_box_append (GTK_BOX (tile), kind);
  gtk_box_append (GTK_BOX (tile), buttons);

  return tile;
}

/* The tiles again, from the database */
static void
reload (TxAttachmentsSection *self)
{
  g_autoptr(GError) error = NULL;
  TxStore *store = get_store (self);
  GtkWidget *child;

  g_cancellable_cancel (self->thumbnails);
  g_clear_object (&self->thumbnails);
  self->thumbnails = g_cancellable_new ();
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box))) != NULL)
    gtk_flow_box_remove (self->flow_box, child);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);

  if (store != NULL && self->record_uuid != NULL)
    {
      self->attachments = tx_attachment_list (store, self->record_kind, self->record_uuid, &error);
      if (self->attachments == NULL)
        g_warning ("Could not read the attachments: %s", error->message);
    }

  for (guint i = 0; self->attachments != NULL && i < self->attachments->len; i++)
    gtk_flow_box_append (self->flow_box, create_tile (self, g_ptr_array_index (self->attachments, i), i));

  gtk_widget_set_visible (GTK_WIDGET (self->flow_box), self->attachments != NULL && self->attachments->len > 0);
  gtk_widget_set_visible (self->empty_label, self->attachments == NULL || self->attachments->len == 0);
}

static const TxAttachment *
get_attachment (TxAttachmentsSection *self,
                guint                 position)
{
  if (self->attachments == NULL || position >= self->attachments->len)
    return NULL;
  return g_ptr_array_index (self->attachments, position);
}

/* Adding */

static void
on_chooser_response_cb (GtkNativeDialog      *chooser,
                        int                   response,
                        TxAttachmentsSection *self)
{
  g_autoptr(GListModel) files = NULL;
  GSList *list = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    list = g_slist_append (list, g_list_model_get_item (files, i));
  if (list != NULL)
    tx_attachments_section_add_files (self, list);
  g_slist_free_full (list, g_object_unref);
}

static void
on_add_clicked_cb (TxAttachmentsSection *self)
{
  GtkFileChooserNative *chooser;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  chooser = gtk_file_chooser_native_new (_("Add Attachments"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop_cb (GtkDropTarget        *target,
            const GValue         *value,
            double                x,
            double                y,
            TxAttachmentsSection *self)
{
  GSList *files = g_value_get_boxed (value);

  if (self->record_uuid == NULL)
    return FALSE;

  return tx_attachments_section_add_files (self, files) > 0;
}

/* TxEditorSection */

static void
tx_attachments_section_set_record (TxEditorSection *section,
                                   GObject         *record,
                                   gboolean         refill)
{
  TxAttachmentsSection *self = TX_ATTACHMENTS_SECTION (section);
  TxEditor *editor = get_editor (self);
  gboolean is_new = tx_editor_is_new (editor);
  const char *uuid = is_new ? NULL : tx_editor_get_uuid (editor);

  gtk_widget_set_sensitive (self->add_button, !is_new);
  tx_widget_set_off_reason (self->add_button, is_new ? _("Save it first: attachments are kept with a saved record") : NULL);
  if (g_strcmp0 (uuid, self->record_uuid) == 0 && !refill && self->attachments != NULL)
    return;

  g_free (self->record_uuid);
  self->record_uuid = g_strdup (uuid);
  reload (self);
}

static void
tx_attachments_section_iface_init (TxEditorSectionInterface *iface)
{
  iface->set_record = tx_attachments_section_set_record;
}

/* GObject */

static void
tx_attachments_section_dispose (GObject *object)
{
  TxAttachmentsSection *self = TX_ATTACHMENTS_SECTION (object);

  g_cancellable_cancel (self->thumbnails);
  g_clear_object (&self->thumbnails);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_ATTACHMENTS_SECTION);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->record_uuid, g_free);
  g_clear_pointer (&self->record_kind, g_free);

  G_OBJECT_CLASS (tx_attachments_section_parent_class)->dispose (object);
}

static void
tx_attachments_section_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TxAttachmentsSection *self = TX_ATTACHMENTS_SECTION (object);

  switch (prop_id)
    {
    case PROP_RECORD_KIND:
      g_free (self->record_kind);
      self->record_kind = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_attachments_section_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TxAttachmentsSection *self = TX_ATTACHMENTS_SECTION (object);

  switch (prop_id)
    {
    case PROP_RECORD_KIND:
      g_value_set_string (value, self->record_kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_attachments_section_class_init (TxAttachmentsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_attachments_section_dispose;
  object_class->set_property = tx_attachments_section_set_property;
  object_class->get_property = tx_attachments_section_get_property;

  /* "consultation" or "outcome": whose attachments */
  properties[PROP_RECORD_KIND] = g_param_spec_string ("record-kind", NULL, NULL, "consultation",
                                                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxin/Tongxin/tx-attachments-section.ui");
  gtk_widget_class_bind_template_child (widget_class, TxAttachmentsSection, add_button);
  gtk_widget_class_bind_template_child (widget_class, TxAttachmentsSection, flow_box);
  gtk_widget_class_bind_template_child (widget_class, TxAttachmentsSection, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
}

static void
tx_attachments_section_init (TxAttachmentsSection *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  self->record_kind = g_strdup ("consultation");
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/* Public API */

/**
 * tx_attachments_section_add_files:
 * @files: (element-type GFile): what was chosen or dropped
 *
 * Keeps each of @files with the record (a photo as 现场照片, anything
 * else as 其他); one that cannot be kept is said in a toast, the others
 * are kept all the same.
 *
 * Returns: how many were kept
 */
guint
tx_attachments_section_add_files (TxAttachmentsSection *self,
                                  GSList               *files)
{
  TxStore *store;
  g_autoptr(GString) refused = g_string_new (NULL);
  guint added = 0;

  g_return_val_if_fail (TX_IS_ATTACHMENTS_SECTION (self), 0);

  store = get_store (self);
  if (store == NULL || self->record_uuid == NULL)
    return 0;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TxAttachment) attachment = NULL;
      g_autofree char *path = g_file_get_path (l->data);
      g_autofree char *type = path != NULL ? g_content_type_guess (path, NULL, 0, NULL) : NULL;
      TxAttachmentKind kind = type != NULL && g_str_has_prefix (type, "image/") ? TX_ATTACHMENT_PHOTO : TX_ATTACHMENT_OTHER;

      if (path == NULL)
        {
          g_autofree char *name = g_file_get_basename (l->data);

          if (refused->len > 0)
            g_string_append_c (refused, '\n');
          /* Translators: a file's name */
          g_string_append_printf (refused, _("“%s” is not on this computer: copy it here first."), name);
          continue;
        }
      attachment = tx_attachment_add (store, self->record_kind, self->record_uuid, path, kind, NULL, &error);
      if (attachment == NULL)
        g_string_append_printf (refused, "%s%s", refused->len > 0 ? "\n" : "", error->message);
      else
        added++;
    }

  reload (self);
  if (refused->len > 0 && get_editor (self) != NULL)
    tx_editor_show_toast (get_editor (self), refused->str);

  return added;
}

/**
 * tx_attachments_section_get_n_shown:
 *
 * Returns: how many attachments the section shows
 */
guint
tx_attachments_section_get_n_shown (TxAttachmentsSection *self)
{
  g_return_val_if_fail (TX_IS_ATTACHMENTS_SECTION (self), 0);

  return self->attachments != NULL ? self->attachments->len : 0;
}

typedef struct {
  GWeakRef  section;
  char     *uuid;
} Undo;

static void
undo_free (Undo *undo)
{
  g_weak_ref_clear (&undo->section);
  g_free (undo->uuid);
  g_free (undo);
}

static void
undo_closure_free (gpointer  data,
                   GClosure *closure)
{
  undo_free (data);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    Undo     *undo)
{
  g_autoptr(TxAttachmentsSection) self = g_weak_ref_get (&undo->section);
  g_autoptr(GError) error = NULL;

  if (self == NULL || get_store (self) == NULL)
    return;
  if (!tx_attachment_delete (get_store (self), undo->uuid, TRUE, &error))
    tx_editor_show_toast (get_editor (self), error->message);
  reload (self);
}

/**
 * tx_attachments_section_delete:
 * @position: of the tile
 *
 * Deletes the attachment at @position; the toast that says so has
 * 撤销, which brings it back.
 *
 * Returns: whether it was deleted
 */
gboolean
tx_attachments_section_delete (TxAttachmentsSection *self,
                               guint                 position)
{
  const TxAttachment *attachment;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *overlay;
  AdwToast *toast;
  Undo *undo;

  g_return_val_if_fail (TX_IS_ATTACHMENTS_SECTION (self), FALSE);

  attachment = get_attachment (self, position);
  if (attachment == NULL)
    return FALSE;
  if (!tx_attachment_delete (get_store (self), attachment->uuid, FALSE, &error))
    {
      tx_editor_show_toast (get_editor (self), error->message);
      return FALSE;
    }

  undo = g_new0 (Undo, 1);
  g_weak_ref_init (&undo->section, self);
  undo->uuid = g_strdup (attachment->uuid);
  /* Translators: %s is an attachment's file name */
  title = g_strdup_printf (_("“%s” deleted"), attachment->file_name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  /* at once, before a message still shown: an undo waits for nothing */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), undo, undo_closure_free, 0);
  reload (self);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));

  return TRUE;
}

/**
 * tx_attachments_section_open:
 * @position: of the tile
 *
 * Opens the attachment at @position in the desktop's program for it,
 * from a copy checked against its checksum.
 *
 * Returns: whether it could be given to the desktop
 */
gboolean
tx_attachments_section_open (TxAttachmentsSection *self,
                             guint                 position)
{
  const TxAttachment *attachment;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (TX_IS_ATTACHMENTS_SECTION (self), FALSE);

  attachment = get_attachment (self, position);
  if (attachment == NULL)
    return FALSE;

  /* a copy of its own, named as it was attached, for the viewer */
  bytes = tx_attachment_read (get_store (self), attachment, &error);
  dir = g_build_filename (g_get_user_cache_dir (), "tongxin", "attachments", attachment->uuid, NULL);
  path = g_build_filename (dir, attachment->file_name, NULL);
  if (bytes == NULL || g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      tx_editor_show_toast (get_editor (self), error != NULL ? error->message : _("Could not open the attachment."));
      return FALSE;
    }

  file = g_file_new_for_path (path);
  tx_file_toast_open (GTK_WIDGET (self), file);
  return TRUE;
}

/**
 * tx_attachments_section_edit:
 * @caption: what it shows
 * @kind: a #TxAttachmentKind
 *
 * Changes the caption and the kind of the attachment at @position.
 *
 * Returns: whether it was changed
 */
gboolean
tx_attachments_section_edit (TxAttachmentsSection *self,
                             guint                 position,
                             const char           *caption,
                             int                   kind)
{
  const TxAttachment *attachment;
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (caption != NULL ? caption : ""));
  TxAttachmentKind chosen = (TxAttachmentKind) kind;

  g_return_val_if_fail (TX_IS_ATTACHMENTS_SECTION (self), FALSE);

  attachment = get_attachment (self, position);
  if (attachment == NULL || kind < 0 || (guint) kind >= tx_attachment_kind_get_count ())
    return FALSE;
  if (!tx_attachment_edit (get_store (self), attachment->uuid, trimmed, &chosen, &error))
    {
      tx_editor_show_toast (get_editor (self), error->message);
      return FALSE;
    }

  reload (self);
  return TRUE;
}
