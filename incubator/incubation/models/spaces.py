from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Incubation(models.Model):
    """An organisation's stay in a hub, from admission to graduation or exit."""

    class Outcome(models.TextChoices):
        GRADUATED = "graduated", _("Graduated")
        EXITED = "exited", _("Exited")

    organisation = models.ForeignKey(
        "incubator.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="incubations",
    )
    hub = models.ForeignKey(
        "incubator.Hub", verbose_name=_("hub"), on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField(_("start"))
    planned_end_on = models.DateField(_("planned end"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = _("incubation")
        verbose_name_plural = _("incubations")
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(started_on__lt=F("planned_end_on")), name="incubation_start_before_end"
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(ended_on__isnull=True),
                name="incubation_one_live_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.hub} ({self.started_on} – {self.planned_end_on})"


class Space(models.Model):
    """A room or area of a hub that organisations share by seats."""

    class Kind(models.TextChoices):
        PRIVATE_OFFICE = "private_office", _("Private office")
        DEDICATED_DESKS = "dedicated_desks", _("Dedicated desks")
        SHARED_AREA = "shared_area", _("Shared area")

    hub = models.ForeignKey(
        "incubator.Hub", verbose_name=_("hub"), on_delete=models.PROTECT, related_name="spaces"
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("For example A-201."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    seats = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1)])
    floor = models.CharField(_("floor"), max_length=10, blank=True)
    area_m2 = models.DecimalField(
        _("area (m²)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["hub", "code"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "code"], name="space_code_unique_per_hub"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="space_has_seats"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.get_kind_display()}, {self.seats})"


class SpaceAllocation(models.Model):
    """Some seats of a space for an incubating organisation, on every day from ``starts_on`` to
    ``ends_on`` inclusive. The seats allocated in a space never exceed its seats on any day."""

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.PROTECT, related_name="allocations"
    )
    organisation = models.ForeignKey(
        "incubator.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    incubation = models.ForeignKey(
        Incubation, verbose_name=_("incubation"), on_delete=models.PROTECT, related_name="+"
    )
    seats = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1)])
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("space allocation")
        verbose_name_plural = _("space allocations")
        ordering = ["space", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=F("ends_on")), name="allocation_start_not_after_end"
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="allocation_has_seats"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.space.code} × {self.seats}"


class WaitlistEntry(models.Model):
    """An incubating organisation waiting for seats in its hub. Requests are served in the
    order they were made (``requested_at``)."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        SERVED = "served", _("Served")
        CANCELLED = "cancelled", _("Cancelled")

    hub = models.ForeignKey(
        "incubator.Hub", verbose_name=_("hub"), on_delete=models.PROTECT, related_name="waitlist"
    )
    organisation = models.ForeignKey(
        "incubator.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="waitlist_entries",
    )
    seats_wanted = models.PositiveSmallIntegerField(
        _("seats wanted"), validators=[MinValueValidator(1)]
    )
    wanted_from = models.DateField(_("wanted from"))
    kind = models.CharField(
        _("kind of space"), max_length=20, choices=Space.Kind.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    allocation = models.ForeignKey(
        SpaceAllocation,
        verbose_name=_("allocation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("waitlist entry")
        verbose_name_plural = _("waitlist")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(seats_wanted__gte=1), name="waitlist_wants_seats"),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status="waiting"),
                name="waitlist_one_waiting_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} × {self.seats_wanted}"
