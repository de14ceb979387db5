"""The career framework (tracks, levels, roles, skills, moves) and each person's place in it.

Framework items have a stable `key` (the id in the YAML file) so that a file can be imported
again and update what is there. Items are retired rather than deleted: people keep the history
of the roles they held and the skills they were assessed on.
"""

from django.db import models
from django.db.models import Q

from careermap.people.links import fast_url
from careermap.people.models import Person

KEY_HELP = "Lowercase letters, digits and hyphens; the id used in framework files."


class FrameworkInfo(models.Model):
    """The framework's name and a version that changes with every change to the framework."""

    name = models.CharField(max_length=200, default="Career framework")
    version = models.PositiveIntegerField(default=0)
    # Goes up with every change to anyone's ratings, experiences, relationships or role, so
    # results computed across the organisation (the bench) can be reused until then.
    people_version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "framework"

    def __str__(self) -> str:
        return self.name


class ScaleStep(models.Model):
    value = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=60)
    description = models.TextField()

    class Meta:
        ordering = ["value"]

    def __str__(self) -> str:
        return f"{self.value} · {self.name}"


class FrameworkItem(models.Model):
    key = models.SlugField(max_length=80, unique=True, help_text=KEY_HELP)
    name = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)
    retired = models.BooleanField(default=False)
    # Bumped on every edit in the app; an edit form carries the version it was opened with.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return self.name


class SkillCategory(FrameworkItem):
    description = models.TextField(blank=True)

    class Meta(FrameworkItem.Meta):
        verbose_name_plural = "skill categories"


class Skill(FrameworkItem):
    category = models.ForeignKey(SkillCategory, on_delete=models.PROTECT, related_name="skills")
    description = models.TextField(blank=True)
    # What the skill looks like at some steps of the scale: {"1": "...", "5": "..."}.
    steps = models.JSONField(default=dict, blank=True)

    def get_absolute_url(self) -> str:
        return fast_url("frameworks:skill", self.key)

    def step_text(self, value: int) -> str:
        return self.steps.get(str(value), "")


class Experience(FrameworkItem):
    """Something a person has done that roles may expect (e.g. led a cross-team project)."""


class Relationship(FrameworkItem):
    """A relationship a person has built that roles may expect (e.g. a director sponsor)."""


class Level(FrameworkItem):
    rank = models.PositiveSmallIntegerField(help_text="1 is the lowest level.")
    summary = models.TextField(blank=True)

    class Meta(FrameworkItem.Meta):
        ordering = ["rank"]


class Track(FrameworkItem):
    description = models.TextField(blank=True)


class Role(FrameworkItem):
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="roles")
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="roles")
    summary = models.TextField(blank=True)
    excellent = models.TextField(blank=True, help_text="What excellent looks like in this role.")
    experiences = models.ManyToManyField(Experience, blank=True, related_name="roles")
    relationships = models.ManyToManyField(Relationship, blank=True, related_name="roles")

    class Meta(FrameworkItem.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["track", "level"],
                condition=Q(retired=False),
                name="one_role_per_track_level",
            )
        ]

    def get_absolute_url(self) -> str:
        return fast_url("frameworks:role", self.key)


class RoleSkill(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="skill_levels")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="role_levels")
    proficiency = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["role", "skill"], name="role_skill_once")]

    def __str__(self) -> str:
        return f"{self.role} expects {self.skill} at {self.proficiency}"


class Move(models.Model):
    PROMOTION, LATERAL = "promotion", "lateral"
    KINDS = [(PROMOTION, "Promotion"), (LATERAL, "Lateral move")]

    source = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="moves_out")
    target = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="moves_in")
    kind = models.CharField(max_length=20, choices=KINDS)
    typical_months = models.PositiveSmallIntegerField()
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["source__position", "target__position"]
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="move_once")]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


# A person's place in the framework ------------------------------------------------------------


class PersonRole(models.Model):
    """The role a person holds now."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="career_role")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="holders")
    since = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.person} is {self.role}"


class TargetRole(models.Model):
    """A role a person is aiming for; chosen by them or suggested by their manager."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="target_roles")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="aspirants")
    added_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        constraints = [models.UniqueConstraint(fields=["person", "role"], name="target_once")]

    def __str__(self) -> str:
        return f"{self.person} aims for {self.role}"


class SkillRating(models.Model):
    """A person's current self and manager ratings of one skill. History is in Assessment."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="skill_ratings")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="ratings")
    self_level = models.PositiveSmallIntegerField(null=True, blank=True)
    manager_level = models.PositiveSmallIntegerField(null=True, blank=True)
    # The level gap analysis uses: the manager's rating where there is one, else the person's own.
    effective = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "skill"], name="rating_once")]
        # Covers the bench's per-person sums for a role's skills: read from the index alone.
        indexes = [models.Index(fields=["skill", "person", "effective"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.skill}"

    @property
    def disagree(self) -> bool:
        return (
            self.self_level is not None
            and self.manager_level is not None
            and self.self_level != self.manager_level
        )


class Assessment(models.Model):
    """One rating as it was given: append-only, so the history of a skill can be shown."""

    SELF, MANAGER = "self", "manager"
    KINDS = [(SELF, "Self-assessment"), (MANAGER, "Manager assessment")]

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assessments")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField(max_length=10, choices=KINDS)
    level = models.PositiveSmallIntegerField()
    evidence = models.TextField(blank=True)
    assessed_on = models.DateField()
    rater = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "skill", "kind", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.skill} {self.level} ({self.kind})"


class Achievement(models.Model):
    """An experience a person has had or a relationship they have built, with a note."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="achievements")
    experience = models.ForeignKey(Experience, null=True, blank=True, on_delete=models.CASCADE)
    relationship = models.ForeignKey(Relationship, null=True, blank=True, on_delete=models.CASCADE)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_on = models.DateField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(experience__isnull=False, relationship__isnull=True)
                | Q(experience__isnull=True, relationship__isnull=False),
                name="achievement_is_one_thing",
            ),
            models.UniqueConstraint(fields=["person", "experience"], name="experience_once"),
            models.UniqueConstraint(fields=["person", "relationship"], name="relationship_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.experience or self.relationship}"
