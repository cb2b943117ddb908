"""Lyaskovets' development plans as demo data: ОПР 2014–2020 with the indicators of
the municipality's own 2013–2014 project (from the project description), and ПИРО
2021–2027. Values go through the real workflow: entered by staff, verified by the
M&E officer. Loading is idempotent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from sabor.accounts.models import User
from sabor.core.models import Municipality
from sabor.monitoring import services as monitoring
from sabor.monitoring.annual_report import generate_annual_report
from sabor.monitoring.models import AnnualReport, Indicator
from sabor.monitoring.services import evaluations, methodology, reports
from sabor.planning import services as planning
from sabor.planning.models import Plan
from sabor.planning.services import projects

I = Indicator  # noqa: E741 - short alias for the tables below
INC, DEC = I.DirectionChoice.INCREASE, I.DirectionChoice.DECREASE
SUM, LATEST = I.AggregationChoice.SUM, I.AggregationChoice.LATEST

OPR = {
    "slug": "opr-2014-2020", "short_name": "ОПР 2014–2020", "short_name_en": "MDP 2014–2020",
    "title": "Общински план за развитие на община Лясковец 2014–2020",
    "title_en": "Municipal Development Plan of Lyaskovets 2014–2020",
    "start_year": 2014, "end_year": 2020, "status": Plan.Status.COMPLETED,
    "decision_number": "612", "decision_date": date(2013, 11, 28),
    "vision": "Лясковец – община с конкурентна аграрна и винарска икономика, съхранено наследство "
              "и активна гражданска общност, която участва в решенията за своето развитие.",
    "vision_en": "Lyaskovets – a municipality with a competitive farming and wine economy, a preserved heritage "
                 "and an active civic community that takes part in the decisions on its development.",
}
PIRO = {
    "slug": "piro-2021-2027", "short_name": "ПИРО 2021–2027", "short_name_en": "IDP 2021–2027",
    "title": "План за интегрирано развитие на община Лясковец 2021–2027",
    "title_en": "Integrated Development Plan of Lyaskovets 2021–2027",
    "start_year": 2021, "end_year": 2027, "status": Plan.Status.IMPLEMENTATION,
    "decision_number": "158", "decision_date": date(2021, 6, 24),
    "vision": "Община Лясковец – привлекателно място за живот и бизнес, с развито земеделие и винарство, "
              "жива култура, добра инфраструктура и граждани, които планират и проверяват заедно с общината.",
    "vision_en": "Lyaskovets – an attractive place to live and do business, with thriving farming and wine, "
                 "a living culture, good infrastructure and citizens who plan and check together with the "
                 "municipality.",
}

# Tree: (title, title_en, children). Indicators hang on the measures by code below.
OPR_TREE = [
    ("Конкурентна местна икономика", "A competitive local economy", [
        ("Земеделие, лозарство и винарство", "Farming, vine-growing and wine", [
            ("Подкрепа за малките производители", "Support for small producers", []),
        ]),
        ("Туризъм и културно наследство", "Tourism and cultural heritage", [
            ("Туристически маршрути и Петропавловски манастир", "Tourist routes and the monastery", []),
        ]),
    ]),
    ("Добро управление и гражданско участие", "Good governance and civic participation", [
        ("Ефективни политики в партньорство с гражданите", "Effective policies in partnership with citizens", [
            ("Граждански форуми и идентифициране на проекти", "Civic forums and project identification", []),
            ("Мониторинг и оценка на политиките", "Monitoring and evaluation of policies", []),
        ]),
    ]),
]
PIRO_TREE = [
    ("Устойчив икономически растеж и заетост", "Sustainable growth and employment", [
        ("Конкурентоспособна местна икономика", "A competitive local economy", [
            ("Малки и средни предприятия и винарство", "Small businesses and wine-making", []),
            ("Развитие на туризма", "Tourism development", []),
        ]),
        ("Образование и умения", "Education and skills", [
            ("Модерни училища и детски градини", "Modern schools and kindergartens", []),
        ]),
    ]),
    ("Качествена среда за живот и добро управление", "Quality of life and good governance", [
        ("Инфраструктура и околна среда", "Infrastructure and environment", [
            ("Рехабилитация на улици и пътища", "Rehabilitation of streets and roads", []),
            ("Водоснабдяване и отпадъци", "Water supply and waste", []),
        ]),
        ("Добро управление и гражданско участие", "Good governance and civic participation", [
            ("Гражданско участие и мониторинг", "Civic participation and monitoring", []),
        ]),
    ]),
]

# (node code, indicator code, name, name_en, unit, kind, level, direction, aggregation, baseline, baseline year,
#  targets {year: value}, values {year: value}, source)
OPR_INDICATORS = [
    ("1.1.1", "О1", "Регистрирани земеделски стопани", "Registered farmers", "брой", "number", "result", INC, LATEST,
     310, 2013, {2020: 380}, {2014: 318, 2015: 327, 2016: 335, 2017: 341, 2018: 352, 2019: 360, 2020: 371},
     "Областна дирекция „Земеделие“"),
    ("1.1.1", "О2", "Засадени лозя", "Vineyards planted", "ха", "number", "output", INC, SUM,
     0, 2013, {2020: 120}, {2014: 12, 2015: 18, 2016: 15, 2017: 20, 2018: 14, 2019: 16, 2020: 11},
     "Изпълнителна агенция по лозата и виното"),
    ("1.2.1", "О3", "Нощувки в местата за настаняване", "Overnight stays", "брой", "number", "result", INC,
     LATEST, 4100, 2013, {2020: 6000}, {2014: 4300, 2016: 4900, 2018: 5600, 2019: 5900, 2020: 3100}, "НСИ"),
    ("2.1.1", "О4", "Проведени мини граждански форуми", "Mini civic forums held", "брой", "number", "output", INC,
     SUM, 0, 2013, {2014: 6}, {2014: 6}, "Проект BG051PO002/13/1.3-07"),
    ("2.1.1", "О5", "Участници в гражданските форуми", "Participants in the civic forums", "души", "number",
     "output", INC, SUM, 0, 2013, {2014: 150}, {2014: 163}, "Присъствени списъци на форумите"),
    ("2.1.1", "О6", "Идентифицирани проекти и местни партньорства", "Projects and local partnerships identified",
     "брой", "number", "result", INC, SUM, 0, 2013, {2014: 6}, {2014: 7}, "Проект BG051PO002/13/1.3-07"),
    ("2.1.2", "О7", "Обучени за прилагане на методологията за мониторинг и оценка (10 + 3 + 5)",
     "People trained to apply the M&E methodology (10 + 3 + 5)", "души", "number", "output", INC, SUM,
     0, 2013, {2014: 18}, {2014: 18}, "Присъствени списъци на обученията"),
    ("2.1.2", "О8", "Обучени за осъществяване на мониторинг (2 + 2 + 4)",
     "People trained to carry out monitoring (2 + 2 + 4)", "души", "number", "output", INC, SUM,
     0, 2013, {2014: 8}, {2014: 8}, "Присъствени списъци на обученията"),
    ("1.1.1", "О10", "Предприятия в лозаро-винарския сектор", "Businesses in vine and wine", "брой", "number",
     "result", INC, LATEST, 14, 2013, {2020: 20}, {2015: 15, 2017: 17, 2019: 19, 2020: 19}, "НСИ"),
    ("1.2.1", "О11", "Посетители на Петропавловския манастир", "Visitors to the monastery", "души", "number",
     "result", INC, LATEST, 18000, 2013, {2020: 30000}, {2015: 21000, 2017: 26000, 2019: 31000, 2020: 12000},
     "Петропавловски манастир"),
    ("1.2.1", "О12", "Обозначени туристически маршрути", "Marked tourist routes", "км", "number", "output", INC,
     SUM, 0, 2013, {2020: 25}, {2017: 12, 2018: 14}, "Община Лясковец"),
    ("2.1.1", "О13", "Обществени обсъждания с публикувана справка", "Consultations with a published summary",
     "брой", "number", "output", INC, SUM, 0, 2013, {2020: 20}, {2014: 3, 2015: 2, 2016: 3, 2017: 3, 2018: 4,
                                                                2019: 3, 2020: 2}, "Община Лясковец"),
    ("2.1.2", "О14", "Население на общината", "Population of the municipality", "души", "number", "impact", INC,
     LATEST, 14500, 2013, {2020: 14500}, {2014: 14310, 2016: 13980, 2018: 13650, 2020: 13320}, "НСИ"),
    ("2.1.2", "О9", "Равнище на безработица", "Unemployment rate", "%", "percentage", "impact", DEC, LATEST,
     14.2, 2013, {2020: 9}, {2014: 13.6, 2015: 12.8, 2016: 11.9, 2017: 10.7, 2018: 9.8, 2019: 9.1, 2020: 10.4},
     "Агенция по заетостта"),
]
PIRO_INDICATORS = [
    ("1.1.1", "П1", "Активни малки и средни предприятия", "Active small and medium-sized enterprises", "брой",
     "number", "result", INC, LATEST, 402, 2020, {2024: 430, 2027: 460}, {2021: 405, 2022: 411, 2023: 419, 2024: 424},
     "НСИ"),
    ("1.1.1", "П2", "Равнище на безработица", "Unemployment rate", "%", "percentage", "impact", DEC, LATEST,
     12, 2020, {2027: 8}, {2021: 11.6, 2022: 11.0, 2023: 10.4, 2024: 10.1}, "Агенция по заетостта"),
    ("1.1.2", "П3", "Нощувки в местата за настаняване", "Overnight stays", "брой", "number", "result", INC, LATEST,
     3100, 2020, {2027: 6500}, {2021: 3600, 2022: 4700, 2023: 5200, 2024: 5350}, "НСИ"),
    ("1.2.1", "П4", "Модернизирани училища и детски градини", "Schools and kindergartens modernised", "брой",
     "number", "output", INC, SUM, 0, 2020, {2027: 6}, {2022: 1, 2023: 1, 2024: 1}, "Община Лясковец"),
    ("2.1.1", "П5", "Рехабилитирани улици", "Streets rehabilitated", "км", "number", "output", INC, SUM,
     0, 2020, {2024: 8, 2027: 15}, {2021: 1.2, 2022: 2.5, 2023: 1.8, 2024: 1.1}, "Община Лясковец"),
    ("2.1.2", "П6", "Домакинства с разделно събиране на отпадъците", "Households separating waste", "%",
     "percentage", "result", INC, LATEST, 35, 2020, {2027: 80}, {2021: 38, 2022: 44, 2023: 51, 2024: 57},
     "Община Лясковец"),
    ("2.2.1", "П7", "Граждани, участвали в обществени обсъждания", "Residents in public consultations", "души",
     "number", "output", INC, SUM, 0, 2020, {2027: 1200}, {2021: 140, 2022: 190, 2023: 230, 2024: 260},
     "Sabor"),
    ("1.1.1", "П9", "Нови предприятия, регистрирани за година", "New businesses registered a year", "брой",
     "number", "result", INC, SUM, 0, 2020, {2027: 140}, {2021: 18, 2022: 21, 2023: 19, 2024: 23, 2025: 20},
     "Агенция по вписванията"),
    ("1.1.2", "П10", "Места за настаняване", "Accommodation places", "легла", "number", "output", INC, LATEST,
     210, 2020, {2027: 320}, {2022: 228, 2023: 246, 2024: 262, 2025: 270}, "НСИ"),
    ("1.2.1", "П11", "Деца, обхванати в детски градини", "Children in kindergartens", "%", "percentage",
     "result", INC, LATEST, 84, 2020, {2027: 95}, {2021: 85, 2022: 87, 2023: 88, 2024: 90, 2025: 91},
     "РУО Велико Търново"),
    ("1.2.1", "П12", "Ученици, завършили с оценка над 4,50", "Pupils graduating above 4.50", "%", "percentage",
     "impact", INC, LATEST, 41, 2020, {2027: 55}, {2021: 42, 2022: 43, 2023: 45, 2024: 44}, "МОН"),
    ("2.1.1", "П13", "Рехабилитирани общински пътища", "Municipal roads rehabilitated", "км", "number", "output",
     INC, SUM, 0, 2020, {2027: 12}, {2022: 2.4, 2024: 1.6}, "Община Лясковец"),
    ("2.1.2", "П14", "Загуби на вода във водопроводната мрежа", "Water lost in the network", "%", "percentage",
     "result", DEC, LATEST, 68, 2020, {2027: 45}, {2021: 67, 2022: 66, 2023: 64, 2024: 63, 2025: 61},
     "ВиК Йовковци"),
    ("2.1.2", "П15", "Депонирани битови отпадъци на жител", "Household waste landfilled per resident", "кг",
     "number", "impact", DEC, LATEST, 310, 2020, {2027: 200}, {2021: 302, 2022: 289, 2023: 271, 2024: 258,
                                                              2025: 247}, "РИОСВ Велико Търново"),
    ("2.2.1", "П16", "Административни услуги, достъпни онлайн", "Administrative services online", "%",
     "percentage", "output", INC, LATEST, 20, 2020, {2027: 80}, {2022: 31, 2023: 42, 2024: 55, 2025: 63},
     "Община Лясковец"),
    ("2.2.1", "П8", "Изпълнени препоръки от годишните оценки", "Evaluation recommendations implemented", "%",
     "percentage", "result", INC, LATEST, 40, 2020, {2027: 90}, {2022: 45, 2023: 50}, "Годишни доклади"),
]


EU, NAT, MUN, PRIV = "eu", "national", "municipal", "private"
# (plan slug, measure code, title, title_en, status, start, end, progress, spent, settlements, partners,
#  funding [(source, programme, amount)], contract (number, date), description)
PROJECTS = [
    ("opr-2014-2020", "2.1.1",
     "Разработване и прилагане на ефективни общински политики в партньорство с гражданите на община Лясковец",
     "Developing and applying effective municipal policies in partnership with the citizens of Lyaskovets",
     "completed", date(2013, 10, 25), date(2014, 7, 25), 100, "73888.03", ["Лясковец"], [],
     [(EU, "ОП „Административен капацитет“, BG051PO002/13/1.3-07, Европейски социален фонд", "73888.03")],
     ("13-13-98", date(2013, 10, 25)),
     "Проект по Приоритетна ос I „Добро управление“, подприоритет 1.3 „Ефективна координация и партньорство "
     "при разработване и провеждане на политики“: шест мини граждански форума, социално-икономически анализ, "
     "правила за публично-частно партньорство, методология за мониторинг и оценка и обучения."),
    ("opr-2014-2020", "1.2.1", "Туристически маршрут „Петропавловски манастир – Арбанашко плато“",
     "Tourist route from the monastery to the Arbanasi plateau", "completed", date(2017, 4, 1), date(2018, 10, 31),
     100, "412300", ["Лясковец"], ["Сдружение „Лясковски лозари и винари“"],
     [(EU, "ПРСР 2014–2020, мярка 7.5", "389500"), (MUN, "", "32800")], ("BG06RDNP001-7.5-12", date(2017, 3, 14)),
     ""),
    ("opr-2014-2020", "1.1.1", "Дни на лозата и виното в Лясковец", "Days of the vine and wine in Lyaskovets",
     "completed", date(2016, 1, 15), date(2019, 12, 31), 100, "96000", ["Лясковец"],
     ["Сдружение „Лясковски лозари и винари“", "„Лясковец Агро“ ЕООД"],
     [(MUN, "", "48000"), (PRIV, "Спонсорство на местни винарни", "48000")], ("", None), ""),
    ("piro-2021-2027", "1.2.1", "Енергийна ефективност и модернизация на ОУ „Христо Ботев“ – Козаревец",
     "Energy efficiency and modernisation of the Kozarevets school", "implementation", date(2023, 5, 1),
     date(2025, 11, 30), 65, "812400", ["Козаревец"], ["ОУ „Христо Ботев“ – Козаревец"],
     [(EU, "ПВУ, Компонент „Образование“", "1210000"), (MUN, "", "95000")], ("BG-RRP-1.015-0087", date(2023, 3, 20)),
     ""),
    ("piro-2021-2027", "1.2.1", "Нова група в детската градина в Драгижево", "A new kindergarten group in Dragizhevo",
     "preparation", None, None, 0, "0", ["Драгижево"], [], [(NAT, "Национална програма „Изграждане на детски градини“",
                                                             "380000")], ("", None), ""),
    ("piro-2021-2027", "2.1.1", "Рехабилитация на улици в гр. Лясковец – етап 1", "Street rehabilitation, stage 1",
     "completed", date(2021, 6, 1), date(2022, 10, 15), 100, "2140500", ["Лясковец"], [],
     [(NAT, "Държавен бюджет, ПМС 165/2021", "1900000"), (MUN, "", "240500")], ("ДО-45", date(2021, 5, 12)), ""),
    ("piro-2021-2027", "2.1.1", "Рехабилитация на улици в гр. Лясковец – етап 2", "Street rehabilitation, stage 2",
     "implementation", date(2024, 4, 1), date(2026, 6, 30), 40, "690000", ["Лясковец"], [],
     [(EU, "Програма „Развитие на регионите“ 2021–2027", "1650000"), (MUN, "", "120000")],
     ("BG16FFPR003-2.001-0112", date(2024, 2, 28)), ""),
    ("piro-2021-2027", "2.1.2", "Реконструкция на водопровода в Джулюница", "Water main reconstruction in Dzhulyunitsa",
     "funded", date(2025, 9, 1), date(2027, 3, 31), 5, "42000", ["Джулюница"], [],
     [(EU, "Програма „Околна среда“ 2021–2027", "3120000"), (MUN, "", "150000")], ("", None), ""),
    ("piro-2021-2027", "2.1.2", "Разделно събиране на биоотпадъци", "Separate collection of bio-waste",
     "implementation", date(2022, 3, 1), date(2026, 12, 31), 70, "210000",
     ["Лясковец", "Джулюница", "Козаревец", "Драгижево", "Добри дял", "Мерданя"], [],
     [(EU, "Програма „Околна среда“ 2021–2027", "260000"), (MUN, "", "40000")], ("", None), ""),
    ("piro-2021-2027", "1.1.2", "Посетителски център „Бахчеванска традиция“",
     "Visitor centre of the gardening tradition",
     "prioritised", None, None, 0, "0", ["Лясковец"], ["Народно читалище „Развитие – 1870“"],
     [(PRIV, "Публично-частно партньорство (концесия за услуги)", "650000"), (MUN, "", "120000")], ("", None), ""),
    ("piro-2021-2027", "2.2.1", "Обновяване на читалището в Добри дял", "Renovating the community centre in Dobri Dyal",
     "idea", None, None, 0, "0", ["Добри дял"], ["Сдружение „Бъдеще за Добри дял“"], [(MUN, "", "180000")],
     ("", None), ""),
    ("piro-2021-2027", "2.2.1", "Младежко пространство в Мерданя", "A youth space in Merdanya", "cancelled",
     None, None, 0, "0", ["Мерданя"], ["Младежки клуб „Мерданя“"], [(MUN, "", "45000")], ("", None),
     "Отказан от кандидатстване след обществено обсъждане; идеята е обединена с проекта за читалището."),
]


def _projects(municipality: Municipality, officer: User) -> None:
    if municipality.projects.exists():
        return
    settlements = {s.name: s for s in municipality.settlements.all()}
    organisations = {o.name: o for o in municipality.organisations.all()}
    for (slug, code, title, title_en, status, start, end, progress, spent, where, partners, funding, contract,
         description) in PROJECTS:
        measure = municipality.plans.get(slug=slug).nodes.get(code=code)
        # The way a project went: funded at the contract, in implementation from the start, completed at the end.
        path = {"completed": [("funded", contract[1] or start), ("implementation", start), ("completed", end)],
                "implementation": [("funded", contract[1] or start), ("implementation", start)]
                }.get(status, [(status, start or date(2025, 1, 15))])
        project = projects.create_project(
            actor=officer, municipality=municipality, measure=measure, title=title, title_en=title_en,
            description=description, status=path[0][0], status_date=path[0][1],
            start_date=start, end_date=end, progress=progress, spent=Decimal(spent),
            contract_number=contract[0], contract_date=contract[1],
            responsible_unit="Дирекция „Устройство на територията и проекти“",
            settlements=[settlements[name] for name in where], partners=[organisations[name] for name in partners],
            funding=[(source, programme, Decimal(amount)) for source, programme, amount in funding])
        for next_status, on in path[1:]:
            if next_status != project.status:
                project = projects.change_status(actor=officer, project=project, status=next_status, on=on)


EVALUATIONS = [
    {"title": "Последваща оценка на изпълнението на ОПР 2014–2020", "kind": "ex_post", "year": 2020,
     "plan": "opr-2014-2020", "evaluator": "Външен оценител, избран по ЗОП",
     "questions": "- Доколко целите на плана отговориха на нуждите на общината?\n"
                  "- Постигнати ли са индикаторите за резултат и въздействие?",
     "findings": "Планът постигна повечето индикатори за продукт. Безработицата спадна до 9,1% през 2019 г., "
                 "но се повиши през 2020 г. заради пандемията. Туризмът растеше до 2019 г.",
     "conclusions": "Гражданското участие, въведено през 2014 г., е устойчиво и трябва да се развие в новия план.",
     "scores": {"relevance": 4, "coherence": 4, "effectiveness": 3, "efficiency": 3, "impact": 3,
                "sustainability": 4},
     "recommendations": [
         ("Да се заложат индикатори с базови стойности по населени места в ПИРО 2021–2027.",
          "Дирекция „Устройство на територията и проекти“", date(2021, 6, 30), "done",
          "Изпълнено: ПИРО съдържа 8 индикатора с базови стойности."),
         ("Ежегоден доклад за напредъка, публикуван за гражданите.", "Служител по мониторинг и оценка",
          date(2022, 3, 31), "done", "Докладите се публикуват в Sabor."),
     ]},
    {"title": "Годишна оценка на изпълнението на ПИРО 2021–2027 за 2024 г.", "kind": "annual", "year": 2024,
     "plan": "piro-2021-2027", "evaluator": "Звено за мониторинг и оценка с гражданските наблюдатели",
     "questions": "- Изпълняват ли се мерките по график?\n- Ефективно ли се използват средствата?",
     "findings": "Инфраструктурните мерки изостават заради забавени обществени поръчки; туризмът се "
                 "възстанови над нивата от 2019 г.; безработицата намалява по-бавно от очакваното.",
     "conclusions": "Нужни са по-ранна подготовка на поръчките и насочени мерки за заетост.",
     "scores": {"relevance": 5, "coherence": 4, "effectiveness": 3, "efficiency": 2, "impact": 3,
                "sustainability": 3},
     "recommendations": [
         ("Обществените поръчки за етап 2 на улиците да се обявят до края на първото тримесечие.",
          "Отдел „Обществени поръчки“", date(2025, 3, 31), "in_progress", "Документацията е готова на 80%."),
         ("Съвместна програма за заетост с Бюрото по труда за младежи от селата.", "Заместник-кмет",
          date(2025, 6, 30), "open", ""),
         ("Да се публикуват проверените стойности на всички индикатори до 15 февруари.",
          "Служител по мониторинг и оценка", date(2025, 2, 15), "done", "Публикувани на 12.02.2025 г."),
     ]},
]


def _evaluations(municipality: Municipality, officer: User) -> None:
    if municipality.evaluations.exists():
        return
    for data in EVALUATIONS:
        data = dict(data)
        scores, recommendations = data.pop("scores"), data.pop("recommendations")
        data["plan"] = municipality.plans.get(slug=data["plan"])
        evaluation = evaluations.create_evaluation(actor=officer, municipality=municipality, **data)
        evaluations.set_scores(actor=officer, evaluation=evaluation,
                               scores={criterion: (score, "") for criterion, score in scores.items()})
        for text, owner, deadline, status, response in recommendations:
            item = evaluations.add_recommendation(actor=officer, evaluation=evaluation, text=text, owner=owner,
                                                  deadline=deadline)
            if status != "open":
                evaluations.follow_up(actor=officer, recommendation=item, status=status, response=response)
        evaluations.publish(actor=officer, evaluation=evaluation)


REPORT_TEXT = {
    "general_conditions": "През 2020 г. пандемията от COVID-19 прекъсна растежа на туризма и временно "
                          "повиши безработицата. Общината запази инвестиционната си програма.",
    "actions_taken": "Изпълнени са проектите за туристически маршрут и за ефективни политики в партньорство "
                     "с гражданите; проведени са шест мини граждански форума.",
    "monitoring_arrangements": "Мониторингът се извършва по приетата методология; стойностите се проверяват "
                               "от служителя по мониторинг и оценка, а гражданските наблюдатели участват "
                               "в годишната оценка.",
    "conclusions": "Планът е изпълнен в основните си цели; уроците са отразени в ПИРО 2021–2027.",
}


def generate_reports(municipality: Municipality) -> None:
    """The ОПР 2014–2020 final-year report, generated, approved and published — run by `load_demo`,
    not by tests."""
    officer = User.objects.get(email="me@demo.sabor.bg")
    plan = municipality.plans.get(slug="opr-2014-2020")
    if AnnualReport.objects.filter(plan=plan, year=2020, status=AnnualReport.Status.READY).exists():
        return
    report = AnnualReport.objects.filter(plan=plan, year=2020).first() or \
        reports.create_report(actor=officer, plan=plan, year=2020)
    reports.update_narrative(actor=officer, report=report, **REPORT_TEXT)
    generate_annual_report.call(report.pk)
    report.refresh_from_db()
    reports.submit_to_council(actor=officer, report=report)
    reports.record_approval(actor=officer, report=report, number="238", on=date(2021, 3, 25))
    reports.publish(actor=officer, report=report)


def _project_indicators(municipality: Municipality, officer: User) -> None:
    """The targets of the 2013–2014 project are its own indicators too."""
    project = municipality.projects.get(title__startswith="Разработване и прилагане на ефективни")
    for indicator in Indicator.objects.filter(municipality=municipality, code__in=["О4", "О5", "О6", "О7", "О8"],
                                              project__isnull=True):
        monitoring.update_indicator(actor=officer, indicator=indicator, project=project)


def _tree(plan: Plan, tree, parent=None) -> None:
    for title, title_en, children in tree:
        node = plan.nodes.filter(parent=parent, title=title).first() or planning.add_node(
            actor=None, plan=plan, parent=parent, title=title, title_en=title_en)
        _tree(plan, children, node)


UNITS_EN = {"брой": "units", "души": "people", "ха": "ha", "км": "km", "%": "%", "легла": "beds", "кг": "kg"}


def _indicators(plan: Plan, rows, clerk: User, officer: User) -> None:
    nodes = {node.code: node for node in plan.nodes.all()}
    for (code, ind_code, name, name_en, unit, kind, level, direction, aggregation, baseline, baseline_year,
         targets, values, source) in rows:
        if Indicator.objects.filter(municipality=plan.municipality, code=ind_code).exists():
            continue
        indicator = monitoring.create_indicator(
            actor=officer, municipality=plan.municipality, plan_node=nodes[code], code=ind_code, name=name,
            name_en=name_en, unit=unit, unit_en=UNITS_EN.get(unit, ""), kind=kind, level=level, direction=direction,
            aggregation=aggregation,
            baseline_value=Decimal(str(baseline)), baseline_year=baseline_year, source=source, responsible=clerk,
            responsible_unit="Дирекция „Устройство на територията и проекти“")
        for year, value in targets.items():
            monitoring.set_target(actor=officer, indicator=indicator, period=year, value=Decimal(str(value)))
        for year, value in values.items():
            measurement = monitoring.save_measurement(actor=clerk, indicator=indicator, period=year,
                                                      value=Decimal(str(value)), source=source)
            monitoring.submit_measurement(actor=clerk, measurement=measurement)
            monitoring.verify_measurement(actor=officer, measurement=measurement)


METHODOLOGY_TEXT = """\
## Цел

Методологията урежда как община Лясковец наблюдава, анализира и оценява своите политики,
програми и проекти и изпълнението на плана за развитие — заедно с гражданските структури.

## Индикатори

Всеки индикатор има паспорт: определение, формула, източник, метод и периодичност на събиране,
отговорно звено и проверки на качеството. Стойностите се въвеждат от отговорните служители с
източник и доказателства и се проверяват от служителя по мониторинг и оценка („четири очи“).

## Напредък и статус

Напредъкът е изминатата част от пътя от базовата до целевата стойност. Статусът сравнява
напредъка с очаквания към момента: „по план“, „изостава“ или „в риск“.

## Оценка

Годишната оценка разглежда критериите на ОИСР/КПР: уместност, съгласуваност, ефективност,
ефикасност, въздействие и устойчивост. Препоръките се проследяват до изпълнението им.

## Отчитане

Годишният доклад за изпълнението на плана се внася в общинския съвет до 31 март на следващата
година. Гражданските наблюдатели могат да добавят наблюдения и да оспорват стойности.
"""


def _methodology(municipality: Municipality, officer: User) -> None:
    if municipality.methodologies.exists():
        return
    draft = methodology.start_draft(actor=officer, municipality=municipality)
    methodology.update_draft(actor=officer, methodology=draft,
                             title="Методология за мониторинг, анализ и оценка на публичните политики и проекти",
                             body=METHODOLOGY_TEXT)
    methodology.adopt(actor=officer, methodology=draft, decision="Заповед № РД-02-11-45 / 12.06.2014 г.")


@transaction.atomic
def load(municipality: Municipality) -> None:
    clerk = User.objects.get(email="staff@demo.sabor.bg")
    officer = User.objects.get(email="me@demo.sabor.bg")
    _methodology(municipality, officer)
    for fields, tree, rows in ((OPR, OPR_TREE, OPR_INDICATORS), (PIRO, PIRO_TREE, PIRO_INDICATORS)):
        plan = municipality.plans.filter(slug=fields["slug"]).first() or planning.create_plan(
            actor=officer, municipality=municipality, **fields)
        _tree(plan, tree)
        _indicators(plan, rows, clerk, officer)
    _projects(municipality, officer)
    _project_indicators(municipality, officer)
    _evaluations(municipality, officer)
