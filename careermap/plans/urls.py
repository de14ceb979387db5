from django.urls import path

from . import check_in_views, edit_views, form_views, history_views, views

app_name = "plans"
urlpatterns = [
    path("people/<int:pk>/plan/", views.plan, name="plan"),
    path("people/<int:pk>/plan/start/", views.start, name="start"),
    path("people/<int:pk>/plan/update/", form_views.update, name="update"),
    path("people/<int:pk>/plan/objectives/", form_views.add_objective, name="add_objective"),
    path(
        "people/<int:pk>/plan/objectives/<int:objective_pk>/steps/",
        form_views.add_step,
        name="add_step",
    ),
    path(
        "people/<int:pk>/plan/steps/<int:step_pk>/status/", form_views.set_status, name="set_status"
    ),
    path(
        "people/<int:pk>/plan/objectives/<int:objective_pk>/opportunities/",
        form_views.link_opportunity,
        name="link_opportunity",
    ),
    path(
        "people/<int:pk>/plan/objectives/<int:objective_pk>/opportunities/<int:opportunity_pk>/"
        "unlink/",
        form_views.unlink_opportunity,
        name="unlink_opportunity",
    ),
    path(
        "people/<int:pk>/plan/objectives/<int:objective_pk>/edit/",
        edit_views.edit_objective,
        name="edit_objective",
    ),
    path(
        "people/<int:pk>/plan/objectives/<int:objective_pk>/remove/",
        edit_views.remove_objective,
        name="remove_objective",
    ),
    path("people/<int:pk>/plan/steps/<int:step_pk>/edit/", edit_views.edit_step, name="edit_step"),
    path(
        "people/<int:pk>/plan/steps/<int:step_pk>/remove/",
        edit_views.remove_step,
        name="remove_step",
    ),
    path("people/<int:pk>/plan/bring-in/", views.bring_in, name="bring_in"),
    path("people/<int:pk>/plan/write-up/", views.write_up, name="write_up"),
    path("people/<int:pk>/plan/check-in/", check_in_views.check_in, name="check_in"),
    path("people/<int:pk>/plan/history/", history_views.plan_history, name="history"),
    path("team/at-a-glance/", views.team, name="team"),
    path("me/record/", views.my_record, name="record"),
]
