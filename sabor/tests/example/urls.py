from django.http import HttpResponse
from django.urls import path

from sabor.core.decorators import office_view


@office_view()
def greetings(request):
    return HttpResponse("greetings")


app_name = "example"
urlpatterns = []
office_urlpatterns = [path("example/", greetings, name="example")]
