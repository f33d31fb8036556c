from django.urls import path

from tribe.web import views

urlpatterns = [
    path("", views.landing, name="landing"),
]
