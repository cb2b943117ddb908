from django.urls import path

from sabor.monitoring import evaluation_views, office, report_views

# The back office's pages (namespace "office", gathered by sabor.core.registry).
office_urlpatterns = [
    path("indicators/", office.indicator_list, name="indicator_list"),
    path("import/", office.import_values, name="import"),
    path("observations/", office.observation_list, name="observations"),
    path("observations/<int:pk>/answer/", office.observation_answer, name="observation_answer"),
    path("indicators/<int:pk>/", office.indicator_values, name="indicator_values"),
    path("measurements/<int:pk>/submit/", office.submit_measurement, name="measurement_submit"),
    path("measurements/<int:pk>/delete/", office.delete_measurement, name="measurement_delete"),
    path("measurements/queue/", office.verification_queue, name="verification_queue"),
    path("measurements/<int:pk>/review/", office.review_measurement, name="measurement_review"),
    path("methodology/", office.methodology_office, name="methodology"),
    path("evaluations/", evaluation_views.office_evaluations, name="evaluations"),
    path("evaluations/<int:pk>/", evaluation_views.office_evaluation, name="evaluation"),
    path("recommendations/", evaluation_views.office_recommendations, name="recommendations"),
    path("recommendations/<int:pk>/", evaluation_views.office_follow_up, name="recommendation_follow_up"),
    path("reports/", report_views.office_reports, name="reports"),
    path("reports/<int:pk>/", report_views.office_report, name="report"),
    path("reports/<int:pk>/status/", report_views.office_report_status, name="report_status"),
]
