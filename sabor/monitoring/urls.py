from django.urls import path

from sabor.monitoring.views.office import evaluations as office_evaluations
from sabor.monitoring.views.office import indicators as office_indicators
from sabor.monitoring.views.office import reports as office_reports
from sabor.monitoring.views.office import values as office
from sabor.monitoring.views.public import evaluations, indicators, plans, reports

app_name = "monitoring"
urlpatterns = [
    path("plans/<slug:slug>/", plans.plan_detail, name="plan_detail"),
    path("plans/<slug:slug>/<str:table>.<str:fmt>", plans.plan_export, name="plan_export"),
    path("methodology/", plans.methodology_page, name="methodology"),
    path("evaluations/", evaluations.evaluation_list, name="evaluation_list"),
    path("evaluations/<int:pk>/", evaluations.evaluation_detail, name="evaluation_detail"),
    path("recommendations/", evaluations.recommendation_list, name="recommendation_list"),
    path("reports/", reports.report_list, name="report_list"),
    path("reports/<int:pk>/report.<str:fmt>", reports.report_download, name="report_download"),
    path("indicators/<int:pk>/observe/", indicators.observe, name="indicator_observe"),
    path("indicators/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
]

# The back office's pages (namespace "office", gathered by sabor.core.registry).
office_urlpatterns = [
    path("indicators/", office.indicator_list, name="indicator_list"),
    path("import/", office.import_values, name="import"),
    path("observations/", office.observation_list, name="observations"),
    path("observations/<int:pk>/answer/", office.observation_answer, name="observation_answer"),
    path("indicators/<int:pk>/", office.indicator_values, name="indicator_values"),
    path("indicators/<int:pk>/edit/", office_indicators.indicator_edit, name="indicator_edit"),
    path("measurements/<int:pk>/submit/", office.submit_measurement, name="measurement_submit"),
    path("measurements/<int:pk>/delete/", office.delete_measurement, name="measurement_delete"),
    path("measurements/queue/", office.verification_queue, name="verification_queue"),
    path("measurements/<int:pk>/review/", office.review_measurement, name="measurement_review"),
    path("methodology/", office.methodology_office, name="methodology"),
    path("evaluations/", office_evaluations.office_evaluations, name="evaluations"),
    path("evaluations/<int:pk>/", office_evaluations.office_evaluation, name="evaluation"),
    path("recommendations/", office_evaluations.office_recommendations, name="recommendations"),
    path("recommendations/<int:pk>/", office_evaluations.office_follow_up, name="recommendation_follow_up"),
    path("reports/", office_reports.office_reports, name="reports"),
    path("reports/<int:pk>/", office_reports.office_report, name="report"),
    path("reports/<int:pk>/status/", office_reports.office_report_status, name="report_status"),
]
