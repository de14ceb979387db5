from django.contrib.auth.backends import ModelBackend

from careermap.prepared import Prepared

from .models import User, normalize_email


class PersonAwareBackend(ModelBackend):
    """The standard backend, loading the signed-in user's person and team with the user.

    Nearly every page needs to know who the viewer is in the organisation; fetching both in
    the one query that authentication makes anyway saves a query on every request.
    """

    def get_user(self, user_id):
        if isinstance(user_id, int):
            found = _SIGNED_IN.objects(pk=user_id)
        else:
            found = list(_signed_in(User._default_manager.all(), user_id))
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None


def _signed_in(users, pk):
    return users.select_related("person", "person__team").filter(pk=pk).order_by("pk")[:1]


# Asked on every request: compiled once per process, then only the id is put in.
_SIGNED_IN = Prepared(lambda *, variant, pk: _signed_in(User._default_manager.all(), pk), pk=int)


def sign_in_name(request, credentials: dict | None) -> str:
    """The name django-axes counts failed sign-ins under (AXES_USERNAME_CALLABLE): the address
    as stored, so typing it in another case is the same sign-in and cannot dodge a lockout."""
    if credentials:
        typed = credentials.get("username")
    else:
        typed = getattr(request, "POST", {}).get("username")
    return normalize_email(typed or "")
