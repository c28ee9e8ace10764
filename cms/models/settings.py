from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from cms.pagecache import cached
from incubator.kernel.letters import letter_kind_choices
from incubator.kernel.validators import normalise_uscc, validate_uscc


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """The bureau behind the site: names, contact details, letterhead and signatory."""

    bureau_name_zh = models.CharField(
        _("bureau name (Chinese)"),
        max_length=120,
        default="民政局",
        help_text=_("As printed on letters, for example 太仓市民政局."),
    )
    bureau_name_en = models.CharField(
        _("bureau name (English)"),
        max_length=160,
        blank=True,
        help_text=_("Shown on English pages; leave blank to use the Chinese name."),
    )
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[validate_uscc],
        help_text=_(
            "The bureau's own code (统一社会信用代码). When set, open data identifies the bureau "
            "as buyer and funder by it (CN-USCI)."
        ),
    )
    address = models.CharField(_("address (Chinese)"), max_length=255, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the page header and on letters; a square image works best."),
    )
    signatory_name = models.CharField(
        _("signatory name"),
        max_length=60,
        blank=True,
        help_text=_("The official who signs letters."),
    )
    signatory_title = models.CharField(
        _("signatory title (Chinese)"), max_length=120, blank=True, help_text=_("For example 局长.")
    )
    signatory_title_en = models.CharField(
        _("signatory title (English)"), max_length=160, blank=True
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("bureau_name_zh"),
                FieldPanel("bureau_name_en"),
                FieldPanel("credit_code"),
                FieldPanel("logo"),
            ],
            heading=_("Bureau"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("address_en"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title"),
                FieldPanel("signatory_title_en"),
            ],
            heading=_("Signatory"),
        ),
        InlinePanel("letter_prefixes", heading=_("Letter reference prefixes"), label=_("Prefix")),
    ]

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self) -> str:
        return self.bureau_name_zh

    def clean(self):
        super().clean()
        self.credit_code = normalise_uscc(self.credit_code)

    @classmethod
    def for_site(cls, site):
        """The site's settings, from the shared page cache: every public page shows them, and
        saving them starts a new cache generation (see ``cms.apps``)."""
        if site is None:
            return super().for_site(site)
        return cached(f"site-settings:{site.pk}", lambda: super(SiteSettings, cls).for_site(site))

    @property
    def bureau_name(self) -> str:
        """The bureau's name in the active language."""
        if (get_language() or "").startswith("en") and self.bureau_name_en:
            return self.bureau_name_en
        return self.bureau_name_zh

    @property
    def localized_address(self) -> str:
        """The address in the active language, falling back to the Chinese one."""
        if (get_language() or "").startswith("en") and self.address_en:
            return self.address_en
        return self.address

    @property
    def signatory_title_localized(self) -> str:
        if (get_language() or "").startswith("en") and self.signatory_title_en:
            return self.signatory_title_en
        return self.signatory_title

    def letter_prefix(self, kind: str) -> str | None:
        """The reference prefix for a kind of letter, or None when none is configured."""
        for prefix in self.letter_prefixes.all():
            if prefix.kind == kind:
                return prefix.prefix
        return None


class LetterReferencePrefix(Orderable):
    """The organ-code prefix of one kind of letter's reference, as in 太民社补〔2026〕12号."""

    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="letter_prefixes")
    kind = models.CharField(_("kind of letter"), max_length=30, choices=letter_kind_choices)
    prefix = models.CharField(
        _("prefix"),
        max_length=12,
        validators=[
            RegexValidator(
                r"^[^\s〔〕\[\]()（）0-9]+$",
                _("Use only the organ code characters, without spaces, digits or brackets."),
            )
        ],
        help_text=_("For example 太民社补; the year and number are added when a letter is issued."),
    )

    panels = [FieldPanel("kind"), FieldPanel("prefix")]

    class Meta(Orderable.Meta):
        verbose_name = _("letter reference prefix")
        verbose_name_plural = _("letter reference prefixes")
        constraints = [
            models.UniqueConstraint(fields=["settings", "kind"], name="letter_prefix_unique_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.prefix}"
