"""The members' receipts, under "Mon espace" (translated URLs)."""

from django.urls import path

from fees import member_space

app_name = "receipts"

urlpatterns = [
    path("<int:pk>.pdf", member_space.receipt, name="receipt"),
]
