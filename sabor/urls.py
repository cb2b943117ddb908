from django.contrib import admin
from django.urls import include, path

from sabor.accounts import office as accounts_office
from sabor.core import views as core_views
from sabor.monitoring import evaluation_views, report_views
from sabor.monitoring import office as monitoring_office
from sabor.participation import office as participation_office
from sabor.planning import office as planning_office
from sabor.training import office as training_office

office_patterns = ([
    path("", core_views.office_dashboard, name="dashboard"),
    path("audit/", core_views.audit_log, name="audit_log"),
    path("municipality/", core_views.municipality_settings, name="municipality"),
    path("plans/", planning_office.plan_list, name="plans"),
    path("plans/<int:pk>/", planning_office.plan_edit, name="plan"),
    path("plan-nodes/<int:pk>/", planning_office.node_edit, name="plan_node"),
    path("projects/", planning_office.project_list, name="projects"),
    path("projects/<int:pk>/", planning_office.project_edit, name="project"),
    path("indicators/<int:pk>/edit/", planning_office.indicator_edit, name="indicator_edit"),
    path("indicators/", monitoring_office.indicator_list, name="indicator_list"),
    path("import/", monitoring_office.import_values, name="import"),
    path("observations/", monitoring_office.observation_list, name="observations"),
    path("observations/<int:pk>/answer/", monitoring_office.observation_answer, name="observation_answer"),
    path("indicators/<int:pk>/", monitoring_office.indicator_values, name="indicator_values"),
    path("measurements/<int:pk>/submit/", monitoring_office.submit_measurement, name="measurement_submit"),
    path("measurements/<int:pk>/delete/", monitoring_office.delete_measurement, name="measurement_delete"),
    path("measurements/queue/", monitoring_office.verification_queue, name="verification_queue"),
    path("measurements/<int:pk>/review/", monitoring_office.review_measurement, name="measurement_review"),
    path("methodology/", monitoring_office.methodology_office, name="methodology"),
    path("evaluations/", evaluation_views.office_evaluations, name="evaluations"),
    path("evaluations/<int:pk>/", evaluation_views.office_evaluation, name="evaluation"),
    path("recommendations/", evaluation_views.office_recommendations, name="recommendations"),
    path("recommendations/<int:pk>/", evaluation_views.office_follow_up, name="recommendation_follow_up"),
    path("reports/", report_views.office_reports, name="reports"),
    path("reports/<int:pk>/", report_views.office_report, name="report"),
    path("reports/<int:pk>/status/", report_views.office_report_status, name="report_status"),
    path("people/", accounts_office.people_list, name="people_list"),
    path("people/<int:pk>/", accounts_office.person_detail, name="person_detail"),
    path("organisations/", accounts_office.organisation_list, name="organisation_list"),
    path("organisations/new/", accounts_office.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", accounts_office.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/members/", accounts_office.organisation_member_add, name="organisation_member_add"),
    path("organisations/<int:pk>/members/<int:member_pk>/", accounts_office.organisation_member_update,
         name="organisation_member_update"),
    path("training/", training_office.programme_list, name="programmes"),
    path("training/<int:pk>/", training_office.programme, name="programme"),
    path("training/<int:pk>/trainees/", training_office.trainees, name="trainees"),
    path("training/<int:pk>/participants.<str:fmt>", training_office.participants_export,
         name="programme_participants"),
    path("training/<int:pk>/tests/<str:kind>/", training_office.test, name="test"),
    path("training/sessions/<int:pk>/", training_office.session, name="session"),
    path("training/sessions/<int:pk>/sheet.pdf", training_office.attendance_sheet, name="session_sheet"),
    path("training/enrolments/<int:pk>/status/", training_office.enrolment_status, name="enrolment_status"),
    path("processes/", participation_office.process_list, name="processes"),
    path("processes/<int:pk>/", participation_office.process, name="process"),
    path("meetings/", participation_office.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", participation_office.meeting, name="meeting"),
    path("meetings/<int:pk>/check-in/", participation_office.check_in, name="check_in"),
    path("ideas/", participation_office.idea_list, name="ideas"),
    path("ideas/<int:pk>/answer/", participation_office.idea_answer, name="idea_answer"),
    path("moderation/", participation_office.moderation_queue, name="moderation"),
    path("moderation/reports/<int:pk>/", participation_office.moderation_decide, name="moderation_decide"),
    path("moderation/hidden/<int:pk>/restore/", participation_office.moderation_restore,
         name="moderation_restore"),
], "office")

urlpatterns = [
    path("", include("sabor.core.urls")),
    path("", include("sabor.accounts.urls")),
    path("", include("sabor.planning.urls")),
    path("", include("sabor.training.urls")),
    path("", include("sabor.participation.urls")),
    path("office/", include(office_patterns)),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
