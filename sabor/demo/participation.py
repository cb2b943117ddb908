"""The municipality's participation process for ОПР 2014–2020 (from its project
description): six mini civic forums across its settlements in spring 2014 with 163
participants in all stakeholder groups, about forty project ideas with supports,
comments and the municipality's answers, several of them prioritised and taken into
the plan as projects. The plan's indicators О4 and О5 count the forums and the
participants live."""

from __future__ import annotations

import itertools
import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from sabor.accounts.models import NotificationFrequency, User
from sabor.core.models import Municipality
from sabor.monitoring import services as monitoring
from sabor.monitoring.models import Indicator
from sabor.participation.models import Comment, Idea, Meeting, Support
from sabor.participation.services import ideas, processes, registrations

FIRST = ["Иван", "Мария", "Георги", "Елена", "Петър", "Десислава", "Николай", "Светла", "Стоян", "Румяна",
         "Христо", "Галина", "Димитър", "Таня", "Веселин", "Радка", "Пламен", "Йорданка", "Красимир", "Милена",
         "Тодор", "Анелия", "Борислав", "Цветанка", "Ангел", "Росица", "Васил", "Надежда"]  # he, she, he, she…
LAST = ["Иванов", "Петров", "Георгиев", "Димитров", "Николов", "Стоянов", "Христов", "Колев", "Маринов",
        "Данчев", "Славов", "Пенев", "Вълчев", "Атанасов", "Русев", "Кънчев", "Йорданов", "Манолов", "Илиев"]
# settlement, date, participants
FORUMS = [("Лясковец", date(2014, 2, 20), 38), ("Джулюница", date(2014, 3, 6), 27),
          ("Добри дял", date(2014, 3, 13), 24), ("Козаревец", date(2014, 3, 27), 28),
          ("Драгижево", date(2014, 4, 3), 25), ("Мерданя", date(2014, 4, 10), 21)]
GROUPS = ["residents"] * 10 + ["civil_society"] * 4 + ["business"] * 3 + ["administration"] * 2 + ["council"]

# title, description, settlement, estimated cost, status, project (title start) or ""
IDEAS = [
    ("Туристически маршрут до Петропавловския манастир", "Маркирана пешеходна и вело пътека от Лясковец до "
     "манастира и Арбанашкото плато, с кътове за почивка и табели на два езика.", "Лясковец", 180000,
     "in_plan", "Туристически маршрут"),
    ("Празник на лозата и виното", "Ежегоден празник с дегустации на местни вина, пазар на производителите "
     "и програма за деца, който да привлича гости от Велико Търново.", "Лясковец", 25000, "in_plan", "Дни на лозата"),
    ("Ремонт на читалището в Добри дял", "Покривът тече, залата не се отоплява; без ремонт самодейците "
     "нямат къде да репетират.", "Добри дял", 220000, "in_plan", "Обновяване на читалището"),
    ("Посетителски център за бахчеванската традиция", "Музейна експозиция и демонстрационна градина за "
     "лясковските градинари-бахчевани, които са пренесли занаята си в Европа.", "Лясковец", 450000, "in_plan",
     "Посетителски център"),
    ("Ремонт на улиците в централната част на Лясковец", "Улиците около площада и училището са с дупки; "
     "нужни са нова настилка, тротоари и отводняване.", "Лясковец", 900000, "in_plan", "Рехабилитация на улици"),
    ("Разделно събиране на биоотпадъци", "Кафяви контейнери за зелени отпадъци и компостиране за "
     "домакинствата с градини.", "Лясковец", 300000, "prioritised", "Разделно събиране"),
    ("Ново водоснабдяване в Джулюница", "Старият етернитов водопровод се къса почти всяка седмица.",
     "Джулюница", 1200000, "prioritised", "Реконструкция на водопровода"),
    ("Младежки клуб в Мерданя", "Помещение в кметството, където младите да се събират, с интернет и "
     "настолни игри.", "Мерданя", 40000, "prioritised", ""),
    ("Детска площадка в Драгижево", "Безопасна площадка с ударопоглъщаща настилка до училището.",
     "Драгижево", 60000, "accepted", ""),
    ("Нова детска площадка в парка на Лясковец", "Сегашните съоръжения са от 80-те години и са опасни.",
     "Лясковец", 80000, "merged", ""),
    ("Велоалея Лясковец – Велико Търново", "Отделена велоалея покрай пътя, за да се пътува безопасно до "
     "работа и училище.", "Лясковец", 2500000, "under_review", ""),
    ("Улично осветление с LED лампи", "По-ярко и по-евтино осветление по главните улици на селата.",
     "Козаревец", 150000, "accepted", ""),
    ("Покрит пазар за местни производители", "Пазар за зеленчуци, мед и вино от общината в събота.",
     "Лясковец", 350000, "under_review", ""),
    ("Спортна площадка в Козаревец", "Игрище за футбол и баскетбол с осветление за вечерите.", "Козаревец",
     120000, "accepted", ""),
    ("Обучения за млади земеделци", "Съвети за кандидатстване по програмата за развитие на селските "
     "райони и за биологично земеделие.", "Джулюница", 20000, "accepted", ""),
    ("Социален патронаж в малките села", "Топъл обяд и грижа за самотните възрастни в Мерданя и Добри дял.",
     "Мерданя", 90000, "prioritised", ""),
    ("Автобусна линия до индустриалната зона", "Сутрешен и вечерен автобус за работещите в Горна Оряховица.",
     "Джулюница", 45000, "under_review", ""),
    ("Зелени площи около блоковете", "Залесяване и пейки в междублоковите пространства.", "Лясковец", 70000,
     "submitted", ""),
    ("Камери за видеонаблюдение на входовете на селата", "Срещу кражби на селскостопанска техника.",
     "Драгижево", 50000, "rejected", ""),
    ("Енергийна ефективност на училището в Козаревец", "Саниране и нова отоплителна инсталация.", "Козаревец",
     800000, "under_review", ""),
    ("Библиотечен център с електронни книги", "Компютри и достъп до електронни книги в читалището.",
     "Джулюница", 30000, "accepted", ""),
    ("Паркинг до гробищата", "В празниците няма къде да се спре.", "Лясковец", 40000, "submitted", ""),
    ("Почистване на коритото на реката", "Предпазване от наводнения при пролетното пълноводие.", "Драгижево",
     110000, "prioritised", ""),
    ("Информационни табели за историческите места", "Кратка история на всяко място на български и английски.",
     "Лясковец", 15000, "accepted", ""),
    ("Летен лагер за деца", "Лагер с изкуства и спорт за децата, които остават в селата през лятото.",
     "Добри дял", 12000, "submitted", ""),
    ("Общински фонд за малки граждански инициативи", "Малки суми, за които да кандидатстват читалища и "
     "сдружения с прозрачна процедура.", "Лясковец", 50000, "accepted", ""),
    ("Център за услуги за бизнеса", "Едно гише за регистрации, разрешителни и информация за програми.",
     "Лясковец", 60000, "under_review", ""),
    ("Кътове за отдих край язовир Ястребино", "Пейки, маси и кошчета за излетниците.", "Джулюница", 25000,
     "submitted", ""),
    ("Дигитални общински услуги", "Заявления и плащания онлайн, без да се ходи до общината.", "Лясковец",
     100000, "accepted", ""),
    ("Ремонт на пътя Добри дял – Мерданя", "Пътят е почти непроходим през зимата.", "Добри дял", 1500000,
     "under_review", ""),
    ("Пенсионерски клуб в Драгижево", "Място за срещи и занимания на възрастните.", "Драгижево", 20000,
     "submitted", ""),
    ("Винарски туристически маршрут", "Обиколка на избите в общината с обща карта и билет.", "Лясковец",
     35000, "merged", ""),
    ("Ежегоден събор на селата", "Общ празник на шестте населени места с фолклор и занаяти.", "Козаревец",
     18000, "submitted", ""),
    ("Безплатен интернет на площадите", "Безжичен интернет в центъра на всяко населено място.", "Мерданя",
     30000, "accepted", ""),
    ("Горски пожарни наблюдатели", "Доброволци и наблюдателна кула през сухите месеци.", "Мерданя", 15000,
     "submitted", ""),
    ("Рампи за хора в инвалидни колички", "Достъп до общината, поликлиниката и читалищата.", "Лясковец",
     40000, "prioritised", ""),
    ("Компостиране в училищата", "Учебни компостери и градинка в двора.", "Козаревец", 5000, "submitted", ""),
    ("Общинска градина за зеленчуци под наем", "Парцели за семейства без собствен двор.", "Лясковец", 10000,
     "under_review", ""),
    ("Реклама в чужбина на лясковското вино", "Участие в изложения с общ щанд на винарите.", "Лясковец",
     60000, "rejected", ""),
    ("Спирка с навес в Добри дял", "Хората чакат автобуса под дъжда.", "Добри дял", 8000, "accepted", ""),
]
ANSWERS = {
    "in_plan": "Идеята е включена в плана за развитие като проект; следете изпълнението му на страницата "
               "на проекта.",
    "prioritised": "Общинският съвет класира идеята като приоритетна; общината търси финансиране.",
    "accepted": "Приемаме идеята и ще я изпълним със средства от общинския бюджет, когато позволят.",
    "under_review": "Общинските експерти разглеждат идеята и ще отговорят след оценка на разходите.",
    "rejected": "Идеята не може да бъде изпълнена от общината: тази дейност е от компетентност на държавата "
                "или на частни организации. Благодарим за предложението.",
    "merged": "Обединяваме идеята с близко предложение, за да се изпълнят заедно.",
}
COMMENTS = ["Напълно подкрепям, децата ни нямат къде да играят.", "Колко ще струва поддръжката след това?",
            "Може да се кандидатства по европейска програма.", "Нашето сдружение може да помогне с доброволци.",
            "Добре е да се помисли и за хората с увреждания.", "Това се обсъжда от години, дано сега стане.",
            "Предлагам да се направи на етапи.", "Съгласен, но първо улиците."]


def _name(first_index: int, last_index: int) -> str:
    """A name as Bulgarians write it: a woman's surname ends in -а (Иванов → Иванова)."""
    first, last = FIRST[first_index % len(FIRST)], LAST[last_index % len(LAST)]
    return f"{first} {last}{'а' if first_index % 2 else ''}"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def _people(municipality: Municipality, count: int) -> list[User]:
    """Demo residents who support and comment; they have no password."""
    people = []
    for n in range(count):
        email = f"participant{n + 1:02d}@demo.sabor.bg"
        user = User.objects.filter(email=email).first()
        if user is None:
            # No emails: they are not real people.
            user = User(email=email, display_name=_name(n, n * 7),
                        notification_frequency=NotificationFrequency.NEVER)
            user.set_unusable_password()
            user.save()
        people.append(user)
    return people


def load(municipality: Municipality) -> None:
    if municipality.processes.filter(slug="opr-2014-2020").exists():
        return
    clerk = User.objects.get(email="staff@demo.sabor.bg")
    rng = random.Random(2014)
    settlements = {s.name: s for s in municipality.settlements.all()}
    process = processes.create_process(
        actor=clerk, municipality=municipality, slug="opr-2014-2020",
        title="Подготовка на Общинския план за развитие 2014–2020",
        title_en="Preparing the Municipal Development Plan 2014–2020",
        plan=municipality.plans.filter(slug="opr-2014-2020").first(),
        description="Процесът, в който жителите, бизнесът, гражданските организации, общинската администрация и "
                    "общинските съветници заедно определиха приоритетите и проектите на плана за развитие — по "
                    "проект „Разработване и прилагане на ефективни общински политики в партньорство с гражданите "
                    "на община Лясковец“ (ОП „Административен капацитет“).",
        ideas_open_from=date(2014, 2, 1), ideas_open_until=date(2014, 5, 31),
        results="Шестте мини граждански форума събраха 163 участници. От предложените идеи седем станаха "
                "проекти на плана и местни партньорства.")
    for title, start, end in (("Социално-икономически анализ", date(2013, 11, 1), date(2014, 1, 31)),
                              ("Мини граждански форуми в шестте населени места", date(2014, 2, 1),
                               date(2014, 4, 30)),
                              ("Прием и обсъждане на проектни идеи", date(2014, 2, 1), date(2014, 5, 31)),
                              ("Обществено обсъждане на проекта на плана", date(2014, 6, 1), date(2014, 6, 30)),
                              ("Приемане от общинския съвет", date(2014, 7, 1), date(2014, 7, 31))):
        processes.add_phase(actor=clerk, process=process, title=title, starts_on=start, ends_on=end)
    names = (_name(first, last) for first, last in itertools.product(range(len(FIRST)), range(len(LAST))))
    meetings = {}
    for settlement, day, count in FORUMS:
        meeting = processes.create_meeting(
            actor=clerk, municipality=municipality, process=process, kind=Meeting.Kind.MINI_FORUM,
            title=f"Мини граждански форум – {settlement}", settlement=settlements[settlement],
            address="Народното читалище", starts_at=_at(day, 17, 30), ends_at=_at(day, 20), capacity=40,
            invited_groups=["residents", "civil_society", "business", "administration", "council"],
            agenda="1. Резултати от социално-икономическия анализ\n2. Нуждите на населеното място\n"
                   "3. Проектни идеи и възможни партньорства",
            minutes=f"Форумът в {settlement} събра {count} участници. Обсъдени бяха нуждите на населеното място "
                    "и бяха записани проектните идеи на участниците.")
        meetings[settlement] = meeting
        for _n in range(count):
            registrations.walk_in(actor=clerk, meeting=meeting, name=next(names),
                                  stakeholder_group=rng.choice(GROUPS), settlement=settlements[settlement],
                                  source="paper", at=meeting.starts_at)
    people = _people(municipality, 60)
    projects = list(municipality.projects.all())
    created = []
    for index, (title, description, settlement, cost, status, project_start) in enumerate(IDEAS):
        meeting = meetings[settlement] if settlement in meetings else None
        idea = ideas.record(actor=clerk, municipality=municipality, proposer_name=next(names), title=title,
                            description=description, settlement=settlements[settlement], estimated_cost=cost,
                            process=process, meeting=meeting, ppp_potential=index % 5 == 1,
                            beneficiaries="жителите на общината" if index % 2 else "")
        # Ideas were raised at the forums in spring 2014.
        Idea.objects.filter(pk=idea.pk).update(created_at=meeting.starts_at + timedelta(minutes=30 + index))
        supporters = rng.sample(people, k=min(len(people), max(0, int(rng.paretovariate(1.2) * 4) - 2)))
        Support.objects.bulk_create([Support(idea=idea, user=user) for user in supporters])
        Idea.objects.filter(pk=idea.pk).update(supports_count=len(supporters))
        for n in range(rng.randint(0, 3)):
            comment = ideas.comment(actor=rng.choice(people), idea=idea, body=rng.choice(COMMENTS))
            if n == 0 and index % 4 == 0:
                ideas.comment(actor=rng.choice(people), idea=idea, body="Благодаря за уточнението!", parent=comment)
        Comment.objects.filter(idea=idea).update(created_at=meeting.starts_at + timedelta(days=2 + index % 9))
        created.append((idea, status, project_start))
    merged_target = {"Нова детска площадка в парка на Лясковец": "Детска площадка в Драгижево",
                     "Винарски туристически маршрут": "Празник на лозата и виното"}
    by_title = {idea.title: idea for idea, _status, _project in created}
    for idea, status, project_start in created:
        if status == "submitted":
            continue
        project = next((p for p in projects if p.title.startswith(project_start)), None) if project_start else None
        if status == "in_plan" and project is None:
            status = "prioritised"
        ideas.answer(actor=clerk, idea=idea, status=status, answer=ANSWERS[status],
                     merged_into=by_title.get(merged_target.get(idea.title, "")), project=project)
    for code, source in (("О4", "participation.meetings_held"), ("О5", "participation.participants")):
        indicator = Indicator.objects.filter(municipality=municipality, code=code).first()
        if indicator is not None:
            monitoring.update_indicator(actor=clerk, indicator=indicator, live_source=source,
                                        live_key=str(process.pk))
