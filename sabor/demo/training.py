"""The two training programmes of the 2013–2014 project (from the municipality's project
description): 10 administration staff, 3 councillors and 5 civil-society representatives
trained to apply the M&E methodology, and 2 + 2 + 4 trained to carry out monitoring.
Sessions in spring 2014, trainees, attendance, tests, evaluations and certificates, so
that the targets read as met; the plan's indicators О7 and О8 count them live."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from sabor.accounts.models import Role, User
from sabor.core.models import Municipality
from sabor.monitoring import services as monitoring
from sabor.monitoring.models import Indicator
from sabor.training.models import Programme
from sabor.training.services import assessments, attendance, completion, enrolments, feedback, programmes

QUESTIONS = [
    ("Какво показва индикаторът за резултат?", ["Непосредствения ефект от дейностите за целевите групи",
                                                "Броя на проведените дейности", "Изразходвания бюджет"]),
    ("Кога се определя базовата стойност на индикатора?", ["Преди началото на изпълнението",
                                                           "В края на плана", "При всяко измерване"]),
    ("Кой проверява отчетените стойности?", ["Служител, различен от въвелия стойността",
                                             "Същият служител, който я е въвел", "Никой"]),
    ("Кой критерий на ОИСР/КПР пита дали резултатите ще се запазят?", ["Устойчивост", "Уместност", "Ефикасност"]),
    ("До кога годишният доклад се внася в общинския съвет?", ["До 31 март на следващата година",
                                                             "До края на същата година", "Няма срок"]),
]


@dataclass(frozen=True)
class DemoProgramme:
    title: str
    title_en: str
    aims: str
    targets: dict[str, int]
    modules: list[tuple[str, str]]
    sessions: list[tuple[datetime, str, list[int]]]  # start, hours, module numbers
    offers_role: str
    indicator: str
    trainees: list[tuple[str, str, str, str]]  # name or email, group, organisation or unit, position


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


ADMINISTRATION = "Община Лясковец"
METHODOLOGY = DemoProgramme(
    "Прилагане на методологията за мониторинг, анализ и оценка на публичните политики и проекти",
    "Applying the methodology for monitoring, analysis and evaluation of public policies and projects",
    "Участниците да могат да прилагат методологията на общината: да водят индикатори с паспорт, базова и "
    "целева стойност, да събират и проверяват данни, да оценяват политики и проекти по критериите на "
    "ОИСР/КПР и да подготвят годишния доклад за изпълнението на плана за развитие.",
    {"administration": 10, "council": 3, "civil_society": 5},
    [("Политическият цикъл и ролята на мониторинга и оценката", "4"),
     ("Индикатори: видове, паспорт, базова и целева стойност", "6"),
     ("Събиране, проверка и отчитане на данни", "4"),
     ("Оценка по критериите на ОИСР/КПР и годишен доклад", "6")],
    [(_at(date(2014, 4, 8), 9), "8", [1, 2]), (_at(date(2014, 4, 9), 9), "8", [2, 3]),
     (_at(date(2014, 4, 10), 9), "4", [4])],
    "", "О7",
    [("staff@demo.sabor.bg", "administration", ADMINISTRATION, "Младши експерт"),
     ("me@demo.sabor.bg", "administration", ADMINISTRATION, "Главен експерт „Мониторинг и оценка“"),
     ("Росица Колева", "administration", ADMINISTRATION, "Директор на дирекция"),
     ("Веселин Манолов", "administration", ADMINISTRATION, "Главен счетоводител"),
     ("Петранка Стефанова", "administration", ADMINISTRATION, "Старши експерт „Европейски програми“"),
     ("Димитър Йорданов", "administration", ADMINISTRATION, "Началник на отдел"),
     ("Надежда Христова", "administration", ADMINISTRATION, "Юрисконсулт"),
     ("Красимир Атанасов", "administration", ADMINISTRATION, "Кметски наместник"),
     ("Милена Пенева", "administration", ADMINISTRATION, "Старши специалист"),
     ("Цветелина Русева", "administration", ADMINISTRATION, "Експерт „Социални дейности“"),
     ("councillor@demo.sabor.bg", "council", "Общински съвет – Лясковец", "Общински съветник"),
     ("Борислав Данчев", "council", "Общински съвет – Лясковец", "Председател на постоянна комисия"),
     ("Светла Маринова", "council", "Общински съвет – Лясковец", "Общински съветник"),
     ("monitor@demo.sabor.bg", "civil_society", "Сдружение „Бъдеще за Добри дял“", "Председател"),
     ("Стоян Кънчев", "civil_society", "Народно читалище „Развитие – 1870“", "Секретар"),
     ("Анелия Вълчева", "civil_society", "Народно читалище „Пробуда – 1902“", "Председател"),
     ("Тодор Славов", "civil_society", "Младежки клуб „Мерданя“", "Член"),
     ("Йорданка Илиева", "civil_society", "ОУ „Христо Ботев“ – Козаревец", "Директор")],
)
MONITORING = DemoProgramme(
    "Осъществяване на мониторинг на общинските политики",
    "Carrying out monitoring of municipal policies",
    "Представители на администрацията, общинския съвет и гражданския сектор да наблюдават изпълнението "
    "на общинските политики и проекти: да проверяват отчетени стойности на терен, да записват наблюдения "
    "и да оспорват стойности, на които общината отговаря публично.",
    {"administration": 2, "council": 2, "civil_society": 4},
    [("Граждански мониторинг: принципи, права и източници на данни", "3"),
     ("Наблюдение на проекти на терен и документиране", "3"),
     ("Оспорване на отчетени стойности и публичен отговор", "2")],
    [(_at(date(2014, 5, 14), 9), "6", [1, 2]), (_at(date(2014, 5, 15), 9), "2", [3])],
    Role.CIVIC_MONITOR, "О8",
    [("Петранка Стефанова", "administration", ADMINISTRATION, "Старши експерт „Европейски програми“"),
     ("Димитър Йорданов", "administration", ADMINISTRATION, "Началник на отдел"),
     ("Борислав Данчев", "council", "Общински съвет – Лясковец", "Председател на постоянна комисия"),
     ("Светла Маринова", "council", "Общински съвет – Лясковец", "Общински съветник"),
     ("monitor@demo.sabor.bg", "civil_society", "Сдружение „Бъдеще за Добри дял“", "Председател"),
     ("representative@demo.sabor.bg", "civil_society", "Сдружение „Лясковски лозари и винари“", "Председател"),
     ("Стоян Кънчев", "civil_society", "Народно читалище „Развитие – 1870“", "Секретар"),
     ("Анелия Вълчева", "civil_society", "Народно читалище „Пробуда – 1902“", "Председател")],
)


def _programme(municipality: Municipality, data: DemoProgramme, clerk: User, officer: User) -> None:
    if municipality.training_programmes.filter(title=data.title).exists():
        return
    project = municipality.projects.filter(title__startswith="Разработване и прилагане на ефективни").first()
    programme = programmes.create_programme(
        actor=clerk, municipality=municipality, title=data.title, title_en=data.title_en, aims=data.aims,
        trainers="Експерти на изпълнителя по проекта", project=project, status=Programme.Status.OPEN,
        min_attendance_percent=80, final_test_required=True, pass_mark_percent=60, offers_role=data.offers_role,
        signatory_position="Кмет на община Лясковец")
    for group, target in data.targets.items():
        programmes.set_target(actor=clerk, programme=programme, stakeholder_group=group, target=target)
    modules = [programmes.add_module(actor=clerk, programme=programme, title=title, hours=Decimal(hours))
               for title, hours in data.modules]
    sessions = [programmes.add_session(actor=clerk, programme=programme, starts_at=start,
                                       ends_at=start + timedelta(hours=int(Decimal(hours)) + 1), hours=Decimal(hours),
                                       place="Лясковец, заседателна зала на общината, пл. „Възраждане“ 1",
                                       trainer="Експерти на изпълнителя по проекта",
                                       modules=[modules[n - 1] for n in numbers])
                for start, hours, numbers in data.sessions]
    pre, post = (assessments.assessment_of(programme, kind) for kind in ("pre", "post"))
    for assessment in (pre, post):
        for text, choices in QUESTIONS:
            assessments.add_question(actor=officer, assessment=assessment, text=text, choices=choices, correct=0)
    people = []
    for index, (who, group, unit, position) in enumerate(data.trainees):
        user = User.objects.filter(email=who).first() if "@" in who else None
        people.append(enrolments.enrol(actor=clerk, programme=programme, user=user, name="" if user else who,
                                       stakeholder_group=group, organisation_name=unit, position=position,
                                       enrolled_on=date(2014, 3, 24) + timedelta(days=index % 3)))
    for number, session in enumerate(sessions):
        # One trainee misses the short last day of the longer programme: 16 of 20 hours, just enough.
        absent = {people[3].pk} if number == len(sessions) - 1 and len(sessions) > 2 else set()
        attendance.record_attendance(actor=clerk, session=session, present={p.pk for p in people} - absent)
    for index, person in enumerate(people):
        pre_right, post_right = 1 + index % 3, 4 + (index % 4 != 0)
        for assessment, right in ((pre, pre_right), (post, post_right)):
            answers = {q.pk: list(q.choices.all())[0 if n < right else 1].pk
                       for n, q in enumerate(assessment.questions.prefetch_related("choices"))}
            assessments.hand_in(actor=clerk, enrolment=person, assessment=assessment, answers=answers,
                                on_paper=True)
        if index % 4 != 3:  # most filled in the evaluation form on the last day
            feedback.give_feedback(actor=clerk, enrolment=person, on_paper=True, relevance=5 - index % 2,
                                   trainers=5 - (index % 3 == 0), materials=4 + (index % 2),
                                   organisation=4 + (index % 5 != 0), usefulness=5 - (index % 4 == 2),
                                   comment=["", "Повече практически примери от общината.",
                                            "Полезно би било продължение след година."][index % 3]
                                   if index % 5 == 0 else "")
    last = timezone.localtime(sessions[-1].ends_at).date()
    completion.complete(actor=officer, programme=programme, on=last)
    programmes.update_programme(actor=clerk, programme=programme, status=Programme.Status.COMPLETED)
    indicator = Indicator.objects.filter(municipality=municipality, code=data.indicator).first()
    if indicator is not None:
        monitoring.update_indicator(actor=officer, indicator=indicator, live_source="training.trained",
                                    live_key=str(programme.pk))


def load(municipality: Municipality) -> None:
    clerk = User.objects.get(email="staff@demo.sabor.bg")
    officer = User.objects.get(email="me@demo.sabor.bg")
    for data in (METHODOLOGY, MONITORING):
        _programme(municipality, data, clerk, officer)
