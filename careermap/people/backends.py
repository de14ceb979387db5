from django.contrib.auth.backends import ModelBackend

from .models import User


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
