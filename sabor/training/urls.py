from django.urls import path

from sabor.training.views import office, public

app_name = "training"
urlpatterns = [
    path("training/", public.programme_list, name="programme_list"),
    path("training/mine/", public.mine, name="mine"),
    path("training/<int:pk>/", public.programme_detail, name="programme_detail"),
    path("training/<int:pk>/apply/", public.apply, name="programme_apply"),
    path("training/enrolments/<int:pk>/test/<str:kind>/", public.take_test, name="enrolment_test"),
    path("training/enrolments/<int:pk>/feedback/", public.feedback, name="enrolment_feedback"),
    path("training/enrolments/<int:pk>/withdraw/", public.withdraw, name="enrolment_withdraw"),
    path("training/enrolments/<int:pk>/role/", public.answer_role_offer, name="enrolment_role"),
    path("training/enrolments/<int:pk>/certificate.pdf", public.certificate_pdf, name="enrolment_certificate"),
    path("certificates/", public.verify, name="verify"),
]

# The back office's pages (namespace "office", gathered by sabor.core.registry).
office_urlpatterns = [
    path("training/", office.programme_list, name="programmes"),
    path("training/<int:pk>/", office.programme, name="programme"),
    path("training/<int:pk>/trainees/", office.trainees, name="trainees"),
    path("training/<int:pk>/participants.<str:fmt>", office.participants_export,
         name="programme_participants"),
    path("training/<int:pk>/tests/<str:kind>/", office.test, name="test"),
    path("training/sessions/<int:pk>/", office.session, name="session"),
    path("training/sessions/<int:pk>/sheet.pdf", office.attendance_sheet, name="session_sheet"),
    path("training/enrolments/<int:pk>/status/", office.enrolment_status, name="enrolment_status"),
]
