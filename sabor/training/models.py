"""Training programmes, their sessions, the people enrolled, attendance, tests,
certificates and feedback."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sabor.accounts.models import Organisation, Role, StakeholderGroup
from sabor.core import files
from sabor.core.models import Municipality, in_current_language
from sabor.core.numbers import percent

MATERIAL_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "odt", "odp", "ods", "zip"]
PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Programme(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("in preparation")
        OPEN = "open", _("open for enrolment")
        RUNNING = "running", _("under way")
        COMPLETED = "completed", _("completed")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="training_programmes",
                                     verbose_name=_("municipality"))
    title = models.CharField(_("title"), max_length=250)
    title_en = models.CharField(_("title in English"), max_length=250, blank=True)
    aims = models.TextField(_("aims"), blank=True, help_text=_("Markdown is allowed."))
    trainers = models.CharField(_("trainers"), max_length=300, blank=True,
                                help_text=_("Names of the trainers, separated by commas."))
    project = models.ForeignKey("planning.Project", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="training_programmes", verbose_name=_("funded by project"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    accepts_applications = models.BooleanField(
        _("people may apply themselves"), default=False,
        help_text=_("While the programme is open for enrolment, signed-in people can apply on its page."))
    capacity = models.PositiveSmallIntegerField(_("places"), null=True, blank=True,
                                                validators=[MinValueValidator(1)],
                                                help_text=_("Leave empty for no limit."))
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("attendance needed to complete (percentage of hours)"), default=80, validators=PERCENT)
    final_test_required = models.BooleanField(_("a passed final test is needed to complete"), default=True)
    pass_mark_percent = models.PositiveSmallIntegerField(_("pass mark of the tests (%)"), default=60,
                                                         validators=PERCENT)
    offers_role = models.CharField(
        _("role offered on completion"), max_length=20, blank=True,
        choices=[("", _("none")), (Role.CIVIC_MONITOR, _("civic monitor"))],
        help_text=_("Trainees with an account are offered this role when they complete the programme."))
    signatory_name = models.CharField(_("certificates signed by"), max_length=150, blank=True)
    signatory_position = models.CharField(_("position of the signatory"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return in_current_language(self, "title")

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT


class Module(models.Model):
    """A unit of the curriculum."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="modules",
                                  verbose_name=_("programme"))
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=250)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1,
                                validators=[MinValueValidator(Decimal("0.5"))])

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class GroupTarget(models.Model):
    """How many people of a stakeholder group the programme means to train."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets",
                                  verbose_name=_("programme"))
    stakeholder_group = models.CharField(_("stakeholder group"), max_length=20, choices=StakeholderGroup.choices)
    target = models.PositiveSmallIntegerField(_("people to train"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["stakeholder_group"]
        constraints = [models.UniqueConstraint(fields=["programme", "stakeholder_group"],
                                               name="training_target_unique_group")]

    def __str__(self) -> str:
        return f"{self.get_stakeholder_group_display()}: {self.target}"


class Material(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="materials",
                                  verbose_name=_("programme"))
    title = models.CharField(_("title"), max_length=250)
    file = files.FileField(_("file"), upload_to=files.RandomName("training"), max_length=255,
                           validators=[FileExtensionValidator(MATERIAL_EXTENSIONS)])
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions",
                                  verbose_name=_("programme"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=250, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("seats"), null=True, blank=True,
                                                validators=[MinValueValidator(1)])
    trainer = models.CharField(_("trainer"), max_length=150, blank=True)
    hours = models.DecimalField(_("training hours"), max_digits=4, decimal_places=1,
                                validators=[MinValueValidator(Decimal("0.5"))],
                                help_text=_("The hours that count towards completion."))
    modules = models.ManyToManyField(Module, blank=True, related_name="sessions", verbose_name=_("modules covered"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = ValidationError(_("A session ends after it starts."), code="ends_before_start")
        if not self.place and not self.online_url:
            errors["place"] = ValidationError(_("Give a place or an online link."), code="no_place")
        if errors:
            raise ValidationError(errors)


class Enrolment(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        ENROLLED = "enrolled", _("enrolled")
        COMPLETED = "completed", _("completed")
        WITHDRAWN = "withdrawn", _("withdrawn")
        DECLINED = "declined", _("application declined")

    class RoleOffer(models.TextChoices):
        NONE = "", _("none")
        OFFERED = "offered", _("offered")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="enrolments",
                                  verbose_name=_("programme"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="enrolments", verbose_name=_("account"))
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"), blank=True)
    stakeholder_group = models.CharField(_("stakeholder group"), max_length=20, choices=StakeholderGroup.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("organisation"))
    organisation_name = models.CharField(_("organisation or unit"), max_length=200, blank=True,
                                         help_text=_("Where the organisation is not registered in Sabor."))
    position = models.CharField(_("position"), max_length=150, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ENROLLED)
    enrolled_on = models.DateField(_("enrolled on"), default=timezone.localdate)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    role_offer = models.CharField(_("role offer"), max_length=10, choices=RoleOffer.choices, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], condition=Q(user__isnull=False),
                                    name="enrolment_unique_user"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def organisation_label(self) -> str:
        return self.organisation.display_name if self.organisation_id else self.organisation_name

    @property
    def holds_place(self) -> bool:
        return self.status in HOLDING_PLACE


HOLDING_PLACE = (Enrolment.Status.APPLIED, Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED)
TAKING_PART = (Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED)


class Attendance(models.Model):
    """One person present at one session; absence is the lack of a row."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance",
                                verbose_name=_("session"))
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance",
                                  verbose_name=_("enrolment"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="attendance_unique")]

    def __str__(self) -> str:
        return f"{self.enrolment} @ {self.session}"


class Assessment(models.Model):
    """The test before the programme (what people know already) or after it."""

    class Kind(models.TextChoices):
        PRE = "pre", _("test before the training")
        POST = "post", _("final test")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="assessments",
                                  verbose_name=_("programme"))
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    is_open = models.BooleanField(_("open to trainees"), default=False,
                                  help_text=_("Enrolled trainees with an account can take it on the site."))

    class Meta:
        verbose_name = _("test")
        verbose_name_plural = _("tests")
        constraints = [models.UniqueConstraint(fields=["programme", "kind"], name="assessment_unique_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()


class Question(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="questions",
                                   verbose_name=_("test"))
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.CharField(_("question"), max_length=500)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices",
                                 verbose_name=_("question"))
    text = models.CharField(_("answer"), max_length=300)
    is_correct = models.BooleanField(_("right answer"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text


class Attempt(models.Model):
    """A trainee's answers to a test, scored when they are handed in."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="attempts",
                                   verbose_name=_("test"))
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts",
                                  verbose_name=_("enrolment"))
    answers = models.JSONField(_("answers"), default=dict)  # {question id: choice id}
    score = models.PositiveSmallIntegerField(_("right answers"))
    max_score = models.PositiveSmallIntegerField(_("questions"))
    taken_at = models.DateTimeField(_("taken"), default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"),
                                    help_text=_("Staff who typed in a test taken on paper."))

    class Meta:
        verbose_name = _("test result")
        verbose_name_plural = _("test results")
        constraints = [models.UniqueConstraint(fields=["assessment", "enrolment"], name="attempt_unique")]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.score}/{self.max_score}"

    @property
    def percent(self) -> int:
        return percent(self.score, self.max_score) or 0

    def passed(self, programme: Programme) -> bool:
        return self.max_score > 0 and self.score * 100 >= programme.pass_mark_percent * self.max_score


class Certificate(models.Model):
    """Proof of completion. What it shows is fixed when it is issued."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="certificate",
                                     verbose_name=_("enrolment"))
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    holder_name = models.CharField(_("holder"), max_length=150)
    programme_title = models.CharField(_("programme"), max_length=250)
    hours = models.DecimalField(_("hours attended"), max_digits=6, decimal_places=1)
    issued_on = models.DateField(_("issued on"))

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code


class Feedback(models.Model):
    """A trainee's evaluation of the programme: five ratings from 1 to 5 and a comment."""

    QUESTIONS = [
        ("relevance", _("The content was relevant to my work")),
        ("trainers", _("The trainers explained clearly")),
        ("materials", _("The materials were useful")),
        ("organisation", _("The training was well organised")),
        ("usefulness", _("I will use what I learnt")),
    ]

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="feedback",
                                     verbose_name=_("enrolment"))
    relevance = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    trainers = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    materials = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    organisation = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    usefulness = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.enrolment.programme}: {self.pk}"
