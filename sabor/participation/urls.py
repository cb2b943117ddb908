from django.urls import path

from sabor.participation.views import office
from sabor.participation.views.public import ideas as idea_views
from sabor.participation.views.public import meetings as views

app_name = "participation"
urlpatterns = [
    path("processes/", views.process_list, name="process_list"),
    path("processes/<slug:slug>/", views.process_detail, name="process_detail"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/calendar.ics", views.meeting_calendar, name="meeting_calendar"),
    path("meetings/<int:pk>/register/", views.register, name="meeting_register"),
    path("meetings/<int:pk>/cancel/", views.cancel_registration, name="meeting_cancel"),
    path("ideas/", idea_views.idea_list, name="idea_list"),
    path("ideas/new/", idea_views.idea_new, name="idea_new"),
    path("ideas/similar/", idea_views.similar, name="idea_similar"),
    path("ideas/<int:pk>/", idea_views.idea_detail, name="idea_detail"),
    path("ideas/<int:pk>/edit/", idea_views.idea_edit, name="idea_edit"),
    path("ideas/<int:pk>/support/", idea_views.support, name="idea_support"),
    path("ideas/<int:pk>/follow/", idea_views.follow, name="idea_follow"),
    path("ideas/<int:pk>/comment/", idea_views.comment, name="idea_comment"),
    path("ideas/<int:pk>/report/", idea_views.report, name="idea_report"),
    path("ideas/<int:pk>/comments/<int:comment_pk>/report/", idea_views.report, name="idea_comment_report"),
    path("notifications/", idea_views.notification_list, name="notifications"),
    path("notifications/unsubscribe/<str:token>/", idea_views.unsubscribe, name="unsubscribe"),
]

# The back office's pages (namespace "office", gathered by sabor.core.registry).
office_urlpatterns = [
    path("processes/", office.process_list, name="processes"),
    path("processes/<int:pk>/", office.process, name="process"),
    path("meetings/", office.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", office.meeting, name="meeting"),
    path("meetings/<int:pk>/check-in/", office.check_in, name="check_in"),
    path("ideas/", office.idea_list, name="ideas"),
    path("ideas/<int:pk>/answer/", office.idea_answer, name="idea_answer"),
    path("moderation/", office.moderation_queue, name="moderation"),
    path("moderation/reports/<int:pk>/", office.moderation_decide, name="moderation_decide"),
    path("moderation/hidden/<int:pk>/restore/", office.moderation_restore,
         name="moderation_restore"),
]
