from django.contrib.auth.backends import ModelBackend

from .models import User, normalize_email


class PersonAwareBackend(ModelBackend):
    """The standard backend, loading the signed-in user's person and team with the user.

    Nearly every page needs to know who the viewer is in the organisation; fetching both in
    the one query that authentication makes anyway saves a query on every request.
    """

    def get_user(self, user_id):
        user = (
            User._default_manager.select_related("person", "person__team")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None


def sign_in_name(request, credentials: dict | None) -> str:
    """The name django-axes counts failed sign-ins under (AXES_USERNAME_CALLABLE): the address
    as stored, so typing it in another case is the same sign-in and cannot dodge a lockout."""
    if credentials:
        typed = credentials.get("username")
    else:
        typed = getattr(request, "POST", {}).get("username")
    return normalize_email(typed or "")
