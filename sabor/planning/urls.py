from django.urls import path

from sabor.planning.views import office, public

app_name = "planning"
urlpatterns = [
    path("plans/", public.plan_list, name="plan_list"),
    path("projects/", public.project_list, name="project_list"),
    path("projects/<int:pk>/", public.project_detail, name="project_detail"),
    path("projects/export.<str:fmt>", public.project_export, name="project_export"),
]

# The back office's pages (namespace "office", gathered by sabor.core.registry).
office_urlpatterns = [
    path("plans/", office.plan_list, name="plans"),
    path("plans/<int:pk>/", office.plan_edit, name="plan"),
    path("plan-nodes/<int:pk>/", office.node_edit, name="plan_node"),
    path("projects/", office.project_list, name="projects"),
    path("projects/<int:pk>/", office.project_edit, name="project"),
]
