from django.urls import path

from sabor.accounts.views import office, public

app_name = "accounts"
urlpatterns = [
    path("account/profile/", public.profile, name="profile"),
    path("account/export/", public.export_data, name="export_data"),
    path("account/delete/", public.delete_account, name="delete_account"),
    path("organisations/", public.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", public.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", public.organisation_edit, name="organisation_edit"),
]

# The back office's pages (namespace "office", gathered by sabor.core.registry).
office_urlpatterns = [
    path("people/", office.people_list, name="people_list"),
    path("people/<int:pk>/", office.person_detail, name="person_detail"),
    path("organisations/", office.organisation_list, name="organisation_list"),
    path("organisations/new/", office.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", office.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/members/", office.organisation_member_add, name="organisation_member_add"),
    path("organisations/<int:pk>/members/<int:member_pk>/", office.organisation_member_update,
         name="organisation_member_update"),
]
