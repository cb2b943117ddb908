from django.urls import path

from sabor.participation.views import office
from sabor.participation.views.public import ideas, meetings

app_name = "participation"
urlpatterns = [
    path("processes/", meetings.process_list, name="process_list"),
    path("processes/<slug:slug>/", meetings.process_detail, name="process_detail"),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/calendar.ics", meetings.meeting_calendar, name="meeting_calendar"),
    path("meetings/<int:pk>/register/", meetings.register, name="meeting_register"),
    path("meetings/<int:pk>/cancel/", meetings.cancel_registration, name="meeting_cancel"),
    path("ideas/", ideas.idea_list, name="idea_list"),
    path("ideas/new/", ideas.idea_new, name="idea_new"),
    path("ideas/similar/", ideas.similar, name="idea_similar"),
    path("ideas/<int:pk>/", ideas.idea_detail, name="idea_detail"),
    path("ideas/<int:pk>/edit/", ideas.idea_edit, name="idea_edit"),
    path("ideas/<int:pk>/support/", ideas.support, name="idea_support"),
    path("ideas/<int:pk>/follow/", ideas.follow, name="idea_follow"),
    path("ideas/<int:pk>/comment/", ideas.comment, name="idea_comment"),
    path("ideas/<int:pk>/report/", ideas.report, name="idea_report"),
    path("ideas/<int:pk>/comments/<int:comment_pk>/report/", ideas.report, name="idea_comment_report"),
    path("notifications/", ideas.notification_list, name="notifications"),
    path("notifications/unsubscribe/<str:token>/", ideas.unsubscribe, name="unsubscribe"),
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
