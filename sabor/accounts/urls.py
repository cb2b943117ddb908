from django.urls import path

from sabor.accounts import views

app_name = "accounts"
urlpatterns = [
    path("account/profile/", views.profile, name="profile"),
    path("account/export/", views.export_data, name="export_data"),
    path("account/delete/", views.delete_account, name="delete_account"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
]
