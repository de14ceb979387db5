from careermap import access


def viewer(request):
    """The signed-in person and what the navigation may offer them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "viewer": access.person_of(user),
        "nav_directory": access.can_see_directory(user),
        "nav_insights": access.can_see_insights(user),
        "nav_admin": access.is_system_admin(user),
    }
