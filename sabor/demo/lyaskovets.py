"""The Municipality of Lyaskovets as demo data: settlements, organisations and one
person per role. Loading is idempotent: everything is looked up by a natural key
and only missing things are created."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from sabor.accounts import services as account_services
from sabor.accounts.models import Membership, Organisation, OrganisationMember, Role, StakeholderGroup, User
from sabor.core.models import Municipality, MunicipalityDomain
from sabor.demo import participation, plans, training
from sabor.territory.models import Settlement

DEMO_PASSWORD = "sabor-demo-2026"
# A published secret: demo staff add it to an authenticator app, or run
# `manage.py demo_totp` for the current code. Never used outside the demo.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

MUNICIPALITY = {
    "slug": "lyaskovets",
    "name": "Община Лясковец",
    "name_en": "Municipality of Lyaskovets",
    "code": "VTR18",
    "province": "Велико Търново",
    "province_en": "Veliko Tarnovo",
    "primary_colour": "#6b1d3a",
    "accent_colour": "#a97a14",
    "website": "https://www.lyaskovets.bg",
    "contact_email": "obshtina@lyaskovets.bg",
    "description": (
        "Община Лясковец е в Северна централна България, в подножието на Арбанашкото плато, "
        "на 8 км от Велико Търново. Шестте ѝ населени места са дом на около 12 900 души. "
        "Известна е с лозарството и винарството си, с Петропавловския манастир и с "
        "градинарската традиция на лясковските бахчевани."
    ),
    "description_en": (
        "The Municipality of Lyaskovets lies in north-central Bulgaria, at the foot of the Arbanasi "
        "plateau, 8 km from Veliko Tarnovo. Its six settlements are home to about 12,900 people. "
        "It is known for its vineyards and wine, the Monastery of Saints Peter and Paul and the "
        "market-gardening tradition of the Lyaskovets gardeners."
    ),
}

# EKATTE codes of the national classifier; populations rounded, census 2021.
SETTLEMENTS = [
    # name, name_en, ekatte, kind, population
    ("Лясковец", "Lyaskovets", "44793", Settlement.Kind.TOWN, 7_120),
    ("Джулюница", "Dzhulyunitsa", "20835", Settlement.Kind.VILLAGE, 1_470),
    ("Добри дял", "Dobri Dyal", "21453", Settlement.Kind.VILLAGE, 1_060),
    ("Козаревец", "Kozarevets", "37664", Settlement.Kind.VILLAGE, 1_330),
    ("Драгижево", "Dragizhevo", "23217", Settlement.Kind.VILLAGE, 1_240),
    ("Мерданя", "Merdanya", "47826", Settlement.Kind.VILLAGE, 680),
]
POPULATION_YEAR = 2021

ORGANISATIONS = [
    # name, name_en, kind, settlement, eik, description
    ("Народно читалище „Развитие – 1870“", "Community centre Razvitie 1870", Organisation.Kind.COMMUNITY_CENTRE,
     "Лясковец", "000123452", "Библиотека, самодейни състави и школи по изкуствата в Лясковец."),
    ("Народно читалище „Пробуда – 1902“", "Community centre Probuda 1902", Organisation.Kind.COMMUNITY_CENTRE,
     "Джулюница", "000123469", "Читалище и културен център на Джулюница."),
    ("Сдружение „Лясковски лозари и винари“", "Lyaskovets Winegrowers' Association", Organisation.Kind.NGO,
     "Лясковец", "176543210", "Обединява малките лозари и винари от общината."),
    ("Сдружение „Бъдеще за Добри дял“", "Future for Dobri Dyal Association", Organisation.Kind.NGO,
     "Добри дял", "176543227", "Местна инициативна група за развитие на селото."),
    ("ОУ „Христо Ботев“ – Козаревец", "Hristo Botev Primary School, Kozarevets", Organisation.Kind.SCHOOL,
     "Козаревец", "000137461", ""),
    ("„Лясковец Агро“ ЕООД", "Lyaskovets Agro Ltd", Organisation.Kind.BUSINESS,
     "Драгижево", "204567893", "Зеленчукопроизводство и преработка."),
    ("Младежки клуб „Мерданя“", "Merdanya Youth Club", Organisation.Kind.INFORMAL_GROUP, "Мерданя", "", ""),
    ("Дирекция „Устройство на територията и проекти“", "Territorial Development and Projects Directorate",
     Organisation.Kind.MUNICIPAL_UNIT, "Лясковец", "", "Звено на общинската администрация."),
]


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    roles: tuple[Role, ...]
    group: StakeholderGroup
    settlement: str
    organisation: str = ""


PEOPLE = [
    DemoPerson("resident@demo.sabor.bg", "Мария Иванова", (Role.RESIDENT,), StakeholderGroup.RESIDENTS,
               "Лясковец"),
    DemoPerson("representative@demo.sabor.bg", "Георги Петров", (Role.RESIDENT, Role.ORGANISATION_REPRESENTATIVE),
               StakeholderGroup.CIVIL_SOCIETY,
               "Лясковец", "Сдружение „Лясковски лозари и винари“"),
    DemoPerson("monitor@demo.sabor.bg", "Елена Димитрова",
               (Role.RESIDENT, Role.CIVIC_MONITOR, Role.ORGANISATION_REPRESENTATIVE), StakeholderGroup.CIVIL_SOCIETY,
               "Добри дял", "Сдружение „Бъдеще за Добри дял“"),
    DemoPerson("business@demo.sabor.bg", "Христо Василев", (Role.RESIDENT, Role.ORGANISATION_REPRESENTATIVE),
               StakeholderGroup.BUSINESS,
               "Драгижево", "„Лясковец Агро“ ЕООД"),
    DemoPerson("staff@demo.sabor.bg", "Иван Стоянов", (Role.STAFF,), StakeholderGroup.ADMINISTRATION, "Лясковец"),
    DemoPerson("me@demo.sabor.bg", "Петя Николова", (Role.ME_OFFICER,), StakeholderGroup.ADMINISTRATION,
               "Лясковец"),
    DemoPerson("councillor@demo.sabor.bg", "Стефан Георгиев", (Role.COUNCILLOR,), StakeholderGroup.COUNCIL,
               "Козаревец"),
    DemoPerson("moderator@demo.sabor.bg", "Десислава Колева", (Role.MODERATOR,), StakeholderGroup.ADMINISTRATION,
               "Джулюница"),
    DemoPerson("admin@demo.sabor.bg", "Николай Тодоров", (Role.ADMINISTRATOR,), StakeholderGroup.ADMINISTRATION,
               "Лясковец"),
]
OPERATOR_EMAIL = "operator@demo.sabor.bg"


def _user(email: str, name: str, **extra) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, display_name=name, **extra)
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


@transaction.atomic
def load(hosts: list[str] | None = None) -> Municipality:
    fields = {key: value for key, value in MUNICIPALITY.items() if key != "slug"}
    municipality, _ = Municipality.objects.get_or_create(slug=MUNICIPALITY["slug"], defaults=fields)
    for host in hosts or []:
        MunicipalityDomain.objects.get_or_create(host=host.lower(), defaults={"municipality": municipality})

    settlements = {}
    for name, name_en, ekatte, kind, population in SETTLEMENTS:
        settlements[name], _ = Settlement.objects.get_or_create(
            ekatte=ekatte,
            defaults={"municipality": municipality, "name": name, "name_en": name_en, "kind": kind,
                      "is_centre": kind == Settlement.Kind.TOWN, "population": population,
                      "population_year": POPULATION_YEAR})

    organisations = {}
    for name, name_en, kind, settlement, eik, description in ORGANISATIONS:
        organisations[name], _ = Organisation.objects.get_or_create(
            municipality=municipality, name=name,
            defaults={"name_en": name_en, "kind": kind, "settlement": settlements[settlement], "eik": eik,
                      "description": description})

    for person in PEOPLE:
        user = _user(person.email, person.name)
        membership, created = Membership.objects.get_or_create(
            user=user, municipality=municipality,
            defaults={"stakeholder_group": person.group, "settlement": settlements[person.settlement]})
        if created:
            account_services.set_roles(actor=None, membership=membership, roles=set(person.roles))
        if person.organisation and not OrganisationMember.objects.filter(
                user=user, organisation=organisations[person.organisation]).exists():
            account_services.add_organisation_member(
                actor=None, organisation=organisations[person.organisation], user=user,
                is_representative=True, position="Председател")
        if set(person.roles) & {Role.STAFF, Role.ME_OFFICER, Role.MODERATOR, Role.ADMINISTRATOR} and \
                not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)

    operator = _user(OPERATOR_EMAIL, "Оператор на платформата", is_staff=True, is_superuser=True)
    if not Authenticator.objects.filter(user=operator, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(operator, DEMO_TOTP_SECRET)  # the admin demands two-factor too
    plans.load(municipality)
    training.load(municipality)
    participation.load(municipality)
    return municipality
