/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KopirImageDrop is one photo of an account application: a side of the
 * identity document or the selfie. It shows the photo once chosen, says
 * what is happening to it or what is wrong with it, and offers a file
 * chooser; a photo may also be dropped onto it. What to do with the file
 * chosen is its owner's business ("file-chosen").
 */

#define G_LOG_DOMAIN "kopir-image-drop"

#include "config.h"

#include <glib/gi18n.h>

#include "kopir-image-drop.h"

struct _KopirImageDrop
{
  AdwBin                parent_instance;

  char                 *title;
  gboolean              has_image;
  GtkFileChooserNative *chooser;

  /* Template widgets */
  GtkWidget            *frame;
  GtkLabel             *title_label;
  GtkStack             *preview_stack;
  GtkPicture           *picture;
  GtkLabel             *sent_label;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  GtkButton            *choose_button;
};

G_DEFINE_FINAL_TYPE (KopirImageDrop, kopir_image_drop, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FILE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_status (KopirImageDrop *self,
            const char     *message,
            gboolean        busy,
            gboolean        error)
{
  gtk_label_set_label (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL && *message != '\0');
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choose_button), !busy);

  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (self->frame, "kopir-image-drop-error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->choose_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->choose_button),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_remove_css_class (self->frame, "kopir-image-drop-error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->choose_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message != NULL ? message : "",
                                      -1);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->choose_button), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
emit_file (KopirImageDrop *self,
           GFile          *file)
{
  g_signal_emit (self, signals[FILE_CHOSEN], 0, file);
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     KopirImageDrop  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        emit_file (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
choose_clicked_cb (KopirImageDrop *self)
{
  kopir_image_drop_choose (self);
}

static gboolean
on_drop (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         KopirImageDrop *self)
{
  GFile *file = NULL;

  gtk_widget_remove_css_class (self->frame, "kopir-image-drop-hover");

  if (!gtk_widget_is_sensitive (GTK_WIDGET (self->choose_button)))
    return FALSE;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      file = files != NULL ? files->data : NULL;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;

  emit_file (self, file);
  return TRUE;
}

static GdkDragAction
on_drop_enter (GtkDropTarget  *target,
               double          x,
               double          y,
               KopirImageDrop *self)
{
  gtk_widget_add_css_class (self->frame, "kopir-image-drop-hover");
  return GDK_ACTION_COPY;
}

static void
on_drop_leave (GtkDropTarget  *target,
               KopirImageDrop *self)
{
  gtk_widget_remove_css_class (self->frame, "kopir-image-drop-hover");
}

static void
kopir_image_drop_dispose (GObject *object)
{
  KopirImageDrop *self = KOPIR_IMAGE_DROP (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* The template's root is the bin's child as well: let go of it as the
   * bin's first, so that it is not unparented twice. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), KOPIR_TYPE_IMAGE_DROP);

  G_OBJECT_CLASS (kopir_image_drop_parent_class)->dispose (object);
}

static void
kopir_image_drop_finalize (GObject *object)
{
  KopirImageDrop *self = KOPIR_IMAGE_DROP (object);

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (kopir_image_drop_parent_class)->finalize (object);
}

static void
kopir_image_drop_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KopirImageDrop *self = KOPIR_IMAGE_DROP (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_image_drop_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KopirImageDrop *self = KOPIR_IMAGE_DROP (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      kopir_image_drop_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kopir_image_drop_class_init (KopirImageDropClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kopir_image_drop_dispose;
  object_class->finalize = kopir_image_drop_finalize;
  object_class->get_property = kopir_image_drop_get_property;
  object_class->set_property = kopir_image_drop_set_property;

  /**
   * KopirImageDrop:title:
   *
   * What the photo shows, such as "Front of the ID card".
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KopirImageDrop::file-chosen:
   * @self: the photo
   * @file: the file chosen or dropped, not checked yet
   */
  signals[FILE_CHOSEN] =
    g_signal_new ("file-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kopir/Kopir/kopir-image-drop.ui");
  gtk_widget_class_bind_template_child (widget_class, KopirImageDrop, frame);
  gtk_widget_class_bind_template_child (widget_class, KopirImageDrop, title_label);
  gtk_widget_class_bind_template_child (widget_class, KopirImageDrop, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, KopirImageDrop, picture);
  gtk_widget_class_bind_template_child (widget_class, KopirImageDrop, sent_label);
  gtk_widget_class_bind_template_child (widget_class, KopirImageDrop, spinner);
  gtk_widget_class_bind_template_child (widget_class, KopirImageDrop, status_label);
  gtk_widget_class_bind_template_child (widget_class, KopirImageDrop, choose_button);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
}

static void
kopir_image_drop_init (KopirImageDrop *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_widget_init_template (GTK_WIDGET (self));

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  g_signal_connect (target, "enter", G_CALLBACK (on_drop_enter), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drop_leave), self);
  gtk_widget_add_controller (self->frame, GTK_EVENT_CONTROLLER (target));

  set_status (self, NULL, FALSE, FALSE);
}

const char *
kopir_image_drop_get_title (KopirImageDrop *self)
{
  g_return_val_if_fail (KOPIR_IS_IMAGE_DROP (self), NULL);

  return self->title;
}

void
kopir_image_drop_set_title (KopirImageDrop *self,
                            const char     *title)
{
  g_autofree char *choose = NULL;

  g_return_if_fail (KOPIR_IS_IMAGE_DROP (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  gtk_label_set_label (self->title_label, title != NULL ? title : "");

  /* Several photos sit side by side: each button says which it is for. */
  /* Translators: %s is what the photo shows, such as "Front of the ID card". */
  choose = g_strdup_printf (_("Choose a Photo: %s"), title != NULL ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choose_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, choose,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * kopir_image_drop_set_busy:
 * @self: a #KopirImageDrop
 * @message: what is happening, such as "Checking the photo…"
 *
 * Shows a spinner and @message; no other file can be chosen meanwhile.
 */
void
kopir_image_drop_set_busy (KopirImageDrop *self,
                           const char     *message)
{
  g_return_if_fail (KOPIR_IS_IMAGE_DROP (self));

  set_status (self, message, TRUE, FALSE);
}

/**
 * kopir_image_drop_set_error:
 * @self: a #KopirImageDrop
 * @message: what is wrong and what to do
 *
 * Shows @message as an error. A photo chosen before stays.
 */
void
kopir_image_drop_set_error (KopirImageDrop *self,
                            const char     *message)
{
  g_return_if_fail (KOPIR_IS_IMAGE_DROP (self));

  set_status (self, message, FALSE, TRUE);
}

/**
 * kopir_image_drop_set_picture:
 * @self: a #KopirImageDrop
 * @picture: the photo as it was sent
 * @summary: (nullable): a word about it, such as its size
 */
void
kopir_image_drop_set_picture (KopirImageDrop *self,
                              GdkPaintable   *picture,
                              const char     *summary)
{
  g_return_if_fail (KOPIR_IS_IMAGE_DROP (self));
  g_return_if_fail (GDK_IS_PAINTABLE (picture));

  gtk_picture_set_paintable (self->picture, picture);
  gtk_stack_set_visible_child_name (self->preview_stack, "picture");
  self->has_image = TRUE;
  set_status (self, summary, FALSE, FALSE);
}

/**
 * kopir_image_drop_set_sent:
 * @self: a #KopirImageDrop
 * @summary: a word about the photo sent
 *
 * Says that a photo was sent earlier, when there is none to show: Kopir
 * keeps no copy of it.
 */
void
kopir_image_drop_set_sent (KopirImageDrop *self,
                           const char     *summary)
{
  g_return_if_fail (KOPIR_IS_IMAGE_DROP (self));

  gtk_picture_set_paintable (self->picture, NULL);
  gtk_stack_set_visible_child_name (self->preview_stack, "sent");
  self->has_image = TRUE;
  set_status (self, summary, FALSE, FALSE);
}

void
kopir_image_drop_clear (KopirImageDrop *self)
{
  g_return_if_fail (KOPIR_IS_IMAGE_DROP (self));

  gtk_picture_set_paintable (self->picture, NULL);
  gtk_stack_set_visible_child_name (self->preview_stack, "empty");
  self->has_image = FALSE;
  set_status (self, NULL, FALSE, FALSE);
}

gboolean
kopir_image_drop_has_image (KopirImageDrop *self)
{
  g_return_val_if_fail (KOPIR_IS_IMAGE_DROP (self), FALSE);

  return self->has_image;
}

/**
 * kopir_image_drop_choose:
 * @self: a #KopirImageDrop
 *
 * Opens the file chooser; the file chosen comes with "file-chosen".
 */
void
kopir_image_drop_choose (KopirImageDrop *self)
{
  g_autoptr(GtkFileFilter) photos = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkRoot *root;

  g_return_if_fail (KOPIR_IS_IMAGE_DROP (self));

  if (self->chooser != NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->chooser = gtk_file_chooser_native_new (self->title,
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (photos, _("JPEG and PNG photos"));
  gtk_file_filter_add_mime_type (photos, "image/jpeg");
  gtk_file_filter_add_mime_type (photos, "image/png");
  gtk_file_filter_add_suffix (photos, "jpg");
  gtk_file_filter_add_suffix (photos, "jpeg");
  gtk_file_filter_add_suffix (photos, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), photos);

  /* Any file may be chosen: Kopir says what is wrong with it, which is
   * kinder than a file that cannot be seen. */
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
