from django.urls import path

from sabor.training import views

app_name = "training"
urlpatterns = [
    path("training/", views.programme_list, name="programme_list"),
    path("training/mine/", views.mine, name="mine"),
    path("training/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("training/<int:pk>/apply/", views.apply, name="programme_apply"),
    path("training/enrolments/<int:pk>/test/<str:kind>/", views.take_test, name="enrolment_test"),
    path("training/enrolments/<int:pk>/feedback/", views.feedback, name="enrolment_feedback"),
    path("training/enrolments/<int:pk>/withdraw/", views.withdraw, name="enrolment_withdraw"),
    path("training/enrolments/<int:pk>/role/", views.answer_role_offer, name="enrolment_role"),
    path("training/enrolments/<int:pk>/certificate.pdf", views.certificate_pdf, name="enrolment_certificate"),
    path("certificates/", views.verify, name="verify"),
]
