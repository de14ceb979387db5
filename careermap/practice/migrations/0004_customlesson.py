import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_directory_search"),
        ("practice", "0003_customscenario"),
    ]

    operations = [
        migrations.CreateModel(
            name="CustomLesson",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.SlugField(max_length=120, unique=True)),
                ("based_on", models.SlugField(blank=True, max_length=120)),
                (
                    "source",
                    models.TextField(
                        help_text="The lesson in Markdown, in the built-in lessons' format."
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="people.person",
                    ),
                ),
            ],
            options={"ordering": ["key"]},
        ),
    ]
