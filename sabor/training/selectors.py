"""What the training pages and the monitoring module read: each trainee's progress
against the completion rule, targets against results, learning and feedback."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from sabor.accounts.models import StakeholderGroup
from sabor.core.models import Municipality
from sabor.core.numbers import percent
from sabor.monitoring import live
from sabor.training.models import TAKING_PART, Attempt, Enrolment, Feedback, Programme

ZERO = Decimal(0)


@dataclass
class TraineeRow:
    enrolment: Enrolment
    hours_attended: Decimal
    attendance_percent: int
    pre: Attempt | None
    post: Attempt | None
    attendance_met: bool
    test_met: bool

    @property
    def meets_rule(self) -> bool:
        return self.attendance_met and self.test_met


def public_programmes(municipality: Municipality):
    """The programmes anyone may see: their pages and their materials."""
    return municipality.training_programmes.exclude(status=Programme.Status.DRAFT)


def total_hours(programme: Programme) -> Decimal:
    return programme.sessions.aggregate(total=Sum("hours"))["total"] or ZERO


def trainee_progress(programme: Programme, enrolments=None) -> list[TraineeRow]:
    """Every enrolment of the programme with its hours, tests and whether it meets the rule."""
    total = total_hours(programme)
    enrolments = (enrolments if enrolments is not None else programme.enrolments.all()) \
        .select_related("organisation", "certificate", "user", "feedback") \
        .annotate(hours=Sum("attendance__session__hours"))
    attempts = defaultdict(dict)
    for attempt in Attempt.objects.filter(enrolment__programme=programme).select_related("assessment"):
        attempts[attempt.enrolment_id][attempt.assessment.kind] = attempt
    rows = []
    for enrolment in enrolments:
        hours = enrolment.hours or ZERO
        # Cut down, not rounded: the share is shown against the completion rule, and
        # 79.6 % must not read as the 80 % the rule asks for.
        attended = int(hours * 100 / total) if total else 0
        post = attempts[enrolment.pk].get("post")
        rows.append(TraineeRow(
            enrolment=enrolment, hours_attended=hours, attendance_percent=attended,
            pre=attempts[enrolment.pk].get("pre"), post=post,
            attendance_met=total > 0 and hours * 100 >= total * programme.min_attendance_percent,
            test_met=not programme.final_test_required or (post is not None and post.passed(programme))))
    return rows


@dataclass
class GroupResult:
    group: str
    label: str
    target: int | None
    enrolled: int
    trained: int

    @property
    def met(self) -> bool:
        return self.target is not None and self.trained >= self.target


def targets_vs_results(programme: Programme) -> list[GroupResult]:
    """Per stakeholder group: people planned, enrolled (and still taking part) and trained."""
    targets = {t.stakeholder_group: t.target for t in programme.targets.all()}
    counts = {row["stakeholder_group"]: row for row in programme.enrolments.values("stakeholder_group").annotate(
        enrolled=Count("pk", filter=Q(status__in=TAKING_PART)),
        trained=Count("pk", filter=Q(status=Enrolment.Status.COMPLETED)))}
    labels = dict(StakeholderGroup.choices)
    rows = []
    for group in StakeholderGroup.values:
        if group in targets or counts.get(group, {}).get("enrolled"):
            count = counts.get(group, {})
            rows.append(GroupResult(group, str(labels[group]), targets.get(group), count.get("enrolled", 0),
                                    count.get("trained", 0)))
    return rows


def totals(rows: list[GroupResult]) -> GroupResult:
    targets = [row.target for row in rows if row.target is not None]
    return GroupResult("", str(_("All groups")), sum(targets) if targets else None,
                       sum(row.enrolled for row in rows), sum(row.trained for row in rows))


@dataclass
class QuestionResult:
    text: str
    pre_right: int | None  # % of right answers before the training
    post_right: int | None


@dataclass
class Learning:
    pre_average: int | None
    post_average: int | None
    pre_count: int
    post_count: int
    post_passed: int
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def gain(self) -> int | None:
        if self.pre_average is None or self.post_average is None:
            return None
        return self.post_average - self.pre_average


def learning(programme: Programme) -> Learning:
    """How the trainees did before and after: average scores, and the share of right
    answers per question of the final test against the same question before."""
    attempts = list(Attempt.objects.filter(enrolment__programme=programme).select_related("assessment"))
    by_kind = {"pre": [a for a in attempts if a.assessment.kind == "pre"],
               "post": [a for a in attempts if a.assessment.kind == "post"]}

    def average(items):
        return percent(sum(a.percent for a in items), len(items) * 100) if items else None

    right = {"pre": Counter(), "post": Counter()}
    asked = {"pre": Counter(), "post": Counter()}
    correct = {}
    texts = {}
    for assessment in programme.assessments.prefetch_related("questions__choices"):
        for question in assessment.questions.all():
            texts[(assessment.kind, question.pk)] = question.text
            correct[question.pk] = {c.pk for c in question.choices.all() if c.is_correct}
    for kind, items in by_kind.items():
        for attempt in items:
            for question_id, choice_id in attempt.answers.items():
                question_id = int(question_id)
                asked[kind][question_id] += 1
                right[kind][question_id] += choice_id in correct.get(question_id, set())
    # Questions of the two tests are matched by their wording.
    pre_by_text = {text: pk for (kind, pk), text in texts.items() if kind == "pre"}
    questions = []
    for (kind, pk), text in texts.items():
        if kind != "post":
            continue
        pre_pk = pre_by_text.get(text)
        questions.append(QuestionResult(
            text,
            percent(right["pre"][pre_pk], asked["pre"][pre_pk]) if pre_pk else None,
            percent(right["post"][pk], asked["post"][pk])))
    return Learning(average(by_kind["pre"]), average(by_kind["post"]), len(by_kind["pre"]), len(by_kind["post"]),
                    sum(a.passed(programme) for a in by_kind["post"]), questions)


@dataclass
class FeedbackRow:
    field: str
    label: str
    average: Decimal | None
    counts: list[int]  # people who gave 1, 2, 3, 4, 5


def feedback_summary(programme: Programme) -> tuple[int, list[FeedbackRow], list[str]]:
    """(responses, a row per question, the comments), with nothing that names anyone."""
    items = list(Feedback.objects.filter(enrolment__programme=programme).values(
        *[name for name, _label in Feedback.QUESTIONS], "comment"))
    rows = []
    for name, label in Feedback.QUESTIONS:
        scores = [item[name] for item in items]
        counts = Counter(scores)
        rows.append(FeedbackRow(name, str(label),
                                (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.1")) if scores else None,
                                [counts[score] for score in range(1, 6)]))
    comments = sorted((item["comment"] for item in items if item["comment"].strip()), key=str.lower)
    return len(items), rows, comments


# --- Live indicator values for the monitoring module ---------------------------------------------------------

def _choices(municipality: Municipality) -> list[tuple[str, str]]:
    labels = dict(StakeholderGroup.choices)
    choices = []
    for programme in municipality.training_programmes.all():
        choices.append((str(programme.pk), programme.title))
        for group in StakeholderGroup.values:
            choices.append((f"{programme.pk}:{group}", f"{programme.title} – {labels[group]}"))
    return choices


def _by_year(municipality: Municipality, key: str, date_field: str, statuses) -> dict[int, Decimal]:
    programme_id, _sep, group = key.partition(":")
    enrolments = Enrolment.objects.filter(programme__municipality=municipality, programme_id=programme_id,
                                          status__in=statuses, **{f"{date_field}__isnull": False})
    if group:
        enrolments = enrolments.filter(stakeholder_group=group)
    return {row["year"]: Decimal(row["people"]) for row in enrolments.annotate(year=ExtractYear(date_field))
            .values("year").annotate(people=Count("pk")).order_by("year")}


def register_live_sources() -> None:
    """Offers the monitoring module the people enrolled and trained, per programme and group."""
    live.register(live.LiveSource(
        "training.enrolled", _("Training: people enrolled"), _choices,
        lambda municipality, key: _by_year(municipality, key, "enrolled_on", TAKING_PART)))
    live.register(live.LiveSource(
        "training.trained", _("Training: people trained"), _choices,
        lambda municipality, key: _by_year(municipality, key, "completed_on", [Enrolment.Status.COMPLETED])))
