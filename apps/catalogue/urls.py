from django.urls import path

from apps.catalogue.views import course_calendar

urlpatterns = [
    path("calendar.ics", course_calendar, name="course-calendar"),
]
