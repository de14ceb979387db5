from django.urls import path

from . import views

app_name = "conversations"
urlpatterns = [
    path("", views.conversation_list, name="list"),
    path("new/", views.schedule, name="schedule"),
    path("playbooks/", views.playbook_list, name="playbooks"),
    path("playbooks/<slug:key>/", views.playbook_detail, name="playbook"),
    path("playbooks/<slug:key>/guide/", views.playbook_guide, name="guide"),
    path("playbooks/<slug:key>/adapt/", views.playbook_adapt, name="adapt"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/invite.ics", views.invite, name="invite"),
    path("<int:pk>/reschedule/", views.reschedule, name="reschedule"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/agenda/", views.add_agenda, name="agenda"),
    path("<int:pk>/reflection/", views.save_reflection, name="reflection"),
    path("<int:pk>/live/", views.live, name="live"),
    path("<int:pk>/notes/sync/", views.sync_notes, name="sync_notes"),
    path("<int:pk>/next-steps/", views.add_step, name="add_step"),
    path("<int:pk>/next-steps/<int:step_pk>/remove/", views.remove_step, name="remove_step"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/write-up/", views.write_up, name="write_up"),
]
