"""Public, non-translated URLs of the fees app (called by HelloAsso, not by people)."""

from django.urls import path

from fees import helloasso_views

app_name = "fees"

urlpatterns = [
    path("helloasso/notification/", helloasso_views.notification, name="helloasso_notification"),
]
