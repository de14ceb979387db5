"""People, teams and the reporting line.

A Person is someone in the organisation; a User is how they sign in. They are kept apart so an
import can add people before they have ever signed in, and so the reporting line does not depend
on account housekeeping.
"""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from .links import person_url


def normalize_email(address: str) -> str:
    """Every e-mail address as Careermap stores and looks it up: people type theirs in any
    case (Maya.Chen@Example.com), and it is still the one person and the one sign-in. The
    database refuses any other form (the constraints below), so lookups stay exact matches on
    the unique index."""
    return address.strip().lower()


# No stored address has a capital letter: two people, or two sign-ins, can never differ only
# by the case of their address.
def _lowercase_email(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(email=Lower("email")), name=name)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)  # None gives an unusable password: sign in via reset
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str) -> "User":
        # Sign-in (Django's ModelBackend) looks the typed address up here.
        return self.get(email=normalize_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    """A sign-in. The e-mail address is the user name."""

    email = models.EmailField(unique=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="System administrators may use the admin site."
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        constraints = [_lowercase_email("user_email_lowercase")]

    def __str__(self) -> str:
        return self.email

    @classmethod
    def normalize_username(cls, username):
        # Forms that save a user (the admin site's) clean it through here.
        return normalize_email(super().normalize_username(username))


class Team(models.Model):
    """A team or department, as people name it in their HR system."""

    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="team_name_unique_ci")]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    name = models.CharField(max_length=200)
    email = models.EmailField(unique=True)
    job_title = models.CharField(max_length=200, blank=True)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    start_date = models.DateField(null=True, blank=True)
    # The last day they worked here; empty while they do. Leavers' career records are kept
    # for CAREERMAP_LEAVER_RETENTION_DAYS after it, then erased (careermap/people/erasure.py).
    left_on = models.DateField(null=True, blank=True)
    # When their data was erased. The row stays, emptied of everything that named them, so
    # that what the organisation keeps (the other participant's side of a conversation, the
    # access log) still has someone to point to: "an erased person", nobody in particular.
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_hr_admin = models.BooleanField(
        "HR admin", default=False, help_text="HR admins see everyone and import people."
    )
    user = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    # Bumped on every save through the services layer; a form carries the version it was
    # opened with, so a stale edit is refused instead of overwriting someone else's change.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]
        constraints = [_lowercase_email("person_email_lowercase")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return person_url(self.pk)

    def clean(self) -> None:
        # The admin site's form saves through here; services and imports normalise themselves.
        self.email = normalize_email(self.email)

    @property
    def initials(self) -> str:
        parts = [p for p in self.name.split() if p]
        return "".join(p[0] for p in parts[:2]).upper() or "?"
