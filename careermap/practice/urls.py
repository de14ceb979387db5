from django.urls import path

from . import views

# Included at the site's root: practice's pages under /practice/, and rehearsing a
# conversation next to the conversation's own pages.
app_name = "practice"
urlpatterns = [
    path("practice/", views.practice_home, name="home"),
    path("practice/insights/", views.insights, name="insights"),
    path("practice/lessons/<slug:key>/", views.lesson_detail, name="lesson"),
    path("practice/lessons/<slug:key>/done/", views.lesson_done, name="lesson_done"),
    path("practice/lessons/<slug:key>/adapt/", views.lesson_adapt, name="adapt_lesson"),
    path("practice/scenarios/<slug:key>/", views.scenario_detail, name="scenario"),
    path("practice/scenarios/<slug:key>/start/", views.start, name="start"),
    path("practice/scenarios/<slug:key>/adapt/", views.scenario_adapt, name="adapt"),
    path("practice/attempts/<int:pk>/", views.attempt_detail, name="attempt"),
    path("practice/attempts/<int:pk>/say/", views.say, name="say"),
    path("practice/attempts/<int:pk>/finish/", views.finish, name="finish"),
    path("practice/attempts/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("practice/pairs/", views.pair_list, name="pairs"),
    path("practice/pairs/<int:pk>/", views.pair_detail, name="pair"),
    path("conversations/<int:pk>/rehearse/", views.rehearse, name="rehearse"),
]
