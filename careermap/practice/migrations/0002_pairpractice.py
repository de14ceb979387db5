import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_directory_search"),
        ("practice", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="PairPractice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("scenario_key", models.SlugField(max_length=80)),
                ("scenario_title", models.CharField(max_length=200)),
                ("starts_at", models.DateTimeField()),
                (
                    "leader",
                    models.CharField(
                        choices=[
                            ("organiser", "The organiser leads"),
                            ("partner", "The partner leads"),
                        ],
                        default="organiser",
                        max_length=10,
                    ),
                ),
                ("checklist", models.JSONField(default=dict)),
                ("feedback", models.JSONField(blank=True, null=True)),
                ("feedback_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "organiser",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pair_practices_organised",
                        to="people.person",
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pair_practices_joined",
                        to="people.person",
                    ),
                ),
            ],
            options={"ordering": ["-starts_at", "-pk"]},
        ),
    ]
