from django.urls import path

from . import career_views, edit_views, views

app_name = "frameworks"
urlpatterns = [
    path("framework/", views.overview, name="overview"),
    path("framework/import/", views.import_framework, name="import"),
    path("framework/export/", views.export_framework, name="export"),
    path("framework/load-default/", views.load_default, name="load_default"),
    path("framework/roles/new/", edit_views.edit_role, name="new_role"),
    path("framework/roles/<slug:key>/", views.role, name="role"),
    path("framework/roles/<slug:key>/edit/", edit_views.edit_role, name="edit_role"),
    path("framework/roles/<slug:key>/moves/", edit_views.add_move, name="add_move"),
    path("framework/moves/<int:pk>/remove/", edit_views.remove_move, name="remove_move"),
    path("framework/skills/<slug:key>/edit/", edit_views.edit_skill, name="edit_skill"),
    path("framework/<str:kind>/<slug:key>/retire/", edit_views.retire, name="retire"),
    path("framework/roles/<slug:key>/bench/", views.bench, name="bench"),
    path("framework/skills/<slug:key>/", views.skill, name="skill"),
    # A person's place in the framework lives under their own address.
    path("people/<int:pk>/career/", career_views.career_page, name="career"),
    path("people/<int:pk>/career/map/", career_views.career_map, name="map"),
    path("people/<int:pk>/career/targets/", career_views.add_target, name="add_target"),
    path(
        "people/<int:pk>/career/targets/<slug:key>/remove/",
        career_views.remove_target,
        name="remove_target",
    ),
    path("people/<int:pk>/career/role/", career_views.set_role, name="set_role"),
    path("people/<int:pk>/skills/", career_views.skills_page, name="skills"),
    path("people/<int:pk>/skills/<slug:key>/rate/", career_views.rate_skill, name="rate"),
    path("people/<int:pk>/skills/<slug:key>/history/", career_views.skill_history, name="history"),
    path("people/<int:pk>/achievements/", career_views.add_achievement, name="add_achievement"),
    path(
        "people/<int:pk>/achievements/<int:achievement_pk>/remove/",
        career_views.remove_achievement,
        name="remove_achievement",
    ),
]
