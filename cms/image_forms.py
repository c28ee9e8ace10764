"""The base of every image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): an upload that Pillow
cannot read, or reads only in part (a truncated JPEG), gets the usual "not a valid image" error,
in the single and the multiple uploader alike. Wagtail 8.0.1 lets ``UnidentifiedImageError``
or ``OSError`` escape from its pixel-size check (reported upstream: docs/upstream/)."""

from django.core.exceptions import ValidationError

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class SafeWagtailImageField(WagtailImageField):
    """Wagtail's image field, with an unreadable or truncated image reported as invalid."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 - Pillow raises many kinds for bad files
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class SafeImageForm(BaseImageForm):
    """The base of every image form (WAGTAILIMAGES_IMAGE_FORM_BASE)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if isinstance(field, WagtailImageField) and not isinstance(field, SafeWagtailImageField):
            field.__class__ = SafeWagtailImageField
