from django.urls import path

from sabor.monitoring import evaluation_views, report_views
from sabor.monitoring import views as monitoring_views
from sabor.planning import office, views

app_name = "planning"
urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<slug:slug>/", views.plan_detail, name="plan_detail"),
    path("plans/<slug:slug>/<str:table>.<str:fmt>", views.plan_export, name="plan_export"),
    path("methodology/", views.methodology_page, name="methodology"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/export.<str:fmt>", views.project_export, name="project_export"),
    path("evaluations/", evaluation_views.evaluation_list, name="evaluation_list"),
    path("evaluations/<int:pk>/", evaluation_views.evaluation_detail, name="evaluation_detail"),
    path("recommendations/", evaluation_views.recommendation_list, name="recommendation_list"),
    path("reports/", report_views.report_list, name="report_list"),
    path("reports/<int:pk>/report.<str:fmt>", report_views.report_download, name="report_download"),
    path("indicators/<int:pk>/observe/", monitoring_views.observe, name="indicator_observe"),
    path("indicators/<int:pk>/", monitoring_views.indicator_detail, name="indicator_detail"),
]

# The back office's pages (namespace "office", gathered by sabor.core.registry).
office_urlpatterns = [
    path("plans/", office.plan_list, name="plans"),
    path("plans/<int:pk>/", office.plan_edit, name="plan"),
    path("plan-nodes/<int:pk>/", office.node_edit, name="plan_node"),
    path("projects/", office.project_list, name="projects"),
    path("projects/<int:pk>/", office.project_edit, name="project"),
    path("indicators/<int:pk>/edit/", office.indicator_edit, name="indicator_edit"),
]
