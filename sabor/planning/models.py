from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sabor.core.forms import field_error
from sabor.core.models import Municipality, in_current_language

DEFAULT_TIER_NAMES = ["стратегическа цел", "приоритет", "специфична цел", "мярка"]
DEFAULT_TIER_NAMES_EN = ["strategic goal", "priority", "specific objective", "measure"]


def default_tier_names() -> list[str]:
    return list(DEFAULT_TIER_NAMES)


def default_tier_names_en() -> list[str]:
    return list(DEFAULT_TIER_NAMES_EN)


# What is public in planning, in one place: every page, export, file and cache of the
# public site asks these (querysets for lists, properties for one object in hand).
def public_plan_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}is_public": True})


def public_project_q(prefix: str = "") -> Q:
    """A project is public when it is and the plan of its measure (if any) is too."""
    return Q(**{f"{prefix}is_public": True}) & (Q(**{f"{prefix}measure__isnull": True})
                                                 | public_plan_q(f"{prefix}measure__plan__"))


class PlanQuerySet(models.QuerySet):
    def public(self) -> PlanQuerySet:
        return self.filter(public_plan_q())


class ProjectQuerySet(models.QuerySet):
    def public(self) -> ProjectQuerySet:
        return self.filter(public_project_q())


class Plan(models.Model):
    """A municipal development plan (ОПР 2014–2020, ПИРО 2021–2027)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        CONSULTATION = "consultation", _("under consultation")
        ADOPTED = "adopted", _("adopted")
        IMPLEMENTATION = "implementation", _("in implementation")
        COMPLETED = "completed", _("completed")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="plans",
                                     verbose_name=_("municipality"))
    slug = models.SlugField(_("short name in addresses"))
    short_name = models.CharField(_("short name"), max_length=60, help_text=_("e.g. ПИРО 2021–2027"))
    short_name_en = models.CharField(_("short name in English"), max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=250)
    title_en = models.CharField(_("title in English"), max_length=250, blank=True)
    start_year = models.PositiveSmallIntegerField(_("first year"), validators=[MinValueValidator(1990),
                                                                              MaxValueValidator(2100)])
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=[MinValueValidator(1990),
                                                                           MaxValueValidator(2100)])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    vision = models.TextField(_("vision"), blank=True, help_text=_("Markdown is allowed."))
    vision_en = models.TextField(_("vision in English"), blank=True)
    decision_number = models.CharField(_("council decision number"), max_length=40, blank=True)
    decision_date = models.DateField(_("council decision date"), null=True, blank=True)
    tier_names = models.JSONField(_("names of the tiers"), default=default_tier_names)
    tier_names_en = models.JSONField(_("names of the tiers in English"), default=default_tier_names_en)
    is_public = models.BooleanField(_("public"), default=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        ordering = ["-start_year"]
        constraints = [models.UniqueConstraint(fields=["municipality", "slug"], name="plan_unique_slug")]

    def __str__(self) -> str:
        return self.display_short_name

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise field_error("end_year", _("The last year cannot come before the first."), "years_reversed")

    @property
    def display_short_name(self) -> str:
        return in_current_language(self, "short_name")

    @property
    def display_title(self) -> str:
        return in_current_language(self, "title")

    @property
    def display_vision(self) -> str:
        return in_current_language(self, "vision")

    def tier_name(self, depth: int) -> str:
        """The name of the tier at `depth` (0 = strategic goal), in the page's language."""
        from django.utils.translation import get_language

        names = self.tier_names_en if get_language() == "en" and self.tier_names_en else self.tier_names
        return names[min(depth, len(names) - 1)] if names else ""

    @property
    def publicly_visible(self) -> bool:
        """The instance form of PlanQuerySet.public()."""
        return self.is_public

    def covers(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year


class PlanNode(models.Model):
    """A goal, priority, specific objective or measure of a plan. Its number
    ("1.2.3") is kept by the planning services whenever the tree changes."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("plan"))
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children",
                               verbose_name=_("parent"))
    position = models.PositiveSmallIntegerField(_("position"))
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    code = models.CharField(_("code"), max_length=40, blank=True)
    # "0001.0002.0010": sorts the tree in reading order (a plain "1.10" would come before "1.2").
    path = models.CharField(max_length=120, blank=True, db_index=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown is allowed."))
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=Decimal(1),
                                 validators=[MinValueValidator(Decimal(0))],
                                 help_text=_("How much this counts in the progress of the tier above."))

    class Meta:
        verbose_name = _("plan goal or measure")
        verbose_name_plural = _("plan goals and measures")
        ordering = ["plan", "path"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "parent", "position"], name="plan_node_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.display_title}"

    @property
    def display_title(self) -> str:
        return in_current_language(self, "title")

    @property
    def tier_name(self) -> str:
        return self.plan.tier_name(self.depth)


class Project(models.Model):
    """A project that implements a measure of the plan."""

    class Status(models.TextChoices):
        IDEA = "idea", _("idea")
        PRIORITISED = "prioritised", _("prioritised")
        PREPARATION = "preparation", _("in preparation")
        FUNDED = "funded", _("funded")
        IMPLEMENTATION = "implementation", _("in implementation")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="projects",
                                     verbose_name=_("municipality"))
    measure = models.ForeignKey(PlanNode, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="projects", verbose_name=_("plan measure"))
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown is allowed."))
    settlements = models.ManyToManyField("territory.Settlement", blank=True, related_name="projects",
                                         verbose_name=_("settlements"))
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    partners = models.ManyToManyField("accounts.Organisation", blank=True, related_name="projects",
                                      verbose_name=_("partner organisations"))
    contract_number = models.CharField(_("contract number"), max_length=80, blank=True)
    contract_date = models.DateField(_("contract date"), null=True, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IDEA)
    progress = models.PositiveSmallIntegerField(_("physical progress (%)"), default=0,
                                                validators=[MaxValueValidator(100)])
    spent = models.DecimalField(_("spent so far (BGN)"), max_digits=14, decimal_places=2, default=Decimal(0),
                                validators=[MinValueValidator(Decimal(0))])
    is_public = models.BooleanField(_("public"), default=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start_date", "title"]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return in_current_language(self, "title")

    @property
    def publicly_visible(self) -> bool:
        """The instance form of ProjectQuerySet.public()."""
        return self.is_public and (self.measure_id is None or self.measure.plan.publicly_visible)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise field_error("end_date", _("The end cannot come before the start."), "dates_reversed")


class Funding(models.Model):
    class Source(models.TextChoices):
        EU = "eu", _("EU programme")
        NATIONAL = "national", _("national budget")
        MUNICIPAL = "municipal", _("municipal budget")
        PRIVATE = "private", _("private / PPP")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding",
                                verbose_name=_("project"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    programme = models.CharField(_("programme and fund"), max_length=250, blank=True,
                                 help_text=_("e.g. ОП „Административен капацитет“, European Social Fund"))
    amount = models.DecimalField(_("amount (BGN)"), max_digits=14, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0.01"))])

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        ordering = ["project", "-amount"]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.amount}"


class ProjectStatusChange(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_history",
                                verbose_name=_("project"))
    status = models.CharField(_("status"), max_length=20, choices=Project.Status.choices)
    changed_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["changed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.project} → {self.get_status_display()}"


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones",
                                verbose_name=_("project"))
    title = models.CharField(_("title"), max_length=250)
    due = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due"]

    def __str__(self) -> str:
        return self.title
