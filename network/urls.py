from django.urls import path

from network import views

app_name = "network"
urlpatterns = [
    path("candidature/modifier/<str:token>/", views.amend_application, name="amend_application"),
    path("candidature/piece-jointe/<int:pk>/", views.application_document, name="application_document"),
]
