"""Mon espace: the member's events (/reseau/mon-espace/agenda/)."""

from django.urls import path

from resources import feed_views, member_event_views

app_name = "events"

urlpatterns = [
    path("", member_event_views.my_events, name="my_events"),
    path("<int:pk>/inscription/", member_event_views.register, name="register"),
    path("<int:pk>/desinscription/", member_event_views.unregister, name="unregister"),
    path("<int:pk>/presences/", member_event_views.attendance, name="attendance"),
    path("flux/", feed_views.feed_settings, name="feed"),
    path("flux/reinitialiser/", feed_views.reset_feed, name="reset_feed"),
]
